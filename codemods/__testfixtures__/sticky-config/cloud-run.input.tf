resource "google_cloud_run_v2_service" "notes_mcp" {
  name     = "notes-mcp"
  location = "us-central1"

  template {
    # Sessions live in the instance's memory.
    session_affinity = true
    containers {
      image = "us-docker.pkg.dev/acme/mcp/notes-mcp:3.2.0"
    }
  }
}

resource "google_cloud_run_v2_service" "notes_batch" {
  name     = "notes-batch"
  location = "us-central1"
  template { session_affinity = true }
}

resource "kubernetes_service_v1" "notes_gke" {
  metadata {
    name = "notes-mcp"
  }
  spec {
    selector         = { app = "notes-mcp" }
    session_affinity = "ClientIP"
  }
}

resource "google_compute_backend_service" "notes_lb" {
  name             = "notes-backend"
  session_affinity = "GENERATED_COOKIE"
}

resource "google_cloud_run_v2_service" "notes_admin" {
  name     = "notes-admin"
  location = "us-central1"
  template {
    session_affinity = false
  }
}
