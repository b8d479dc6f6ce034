resource "google_cloud_run_v2_service" "notes_mcp" {
  name     = "notes-mcp"
  location = "us-central1"

  template {
    # mcp-migrate: removed session_affinity = true from google_cloud_run_v2_service.notes_mcp: 2026-07-28 servers are stateless, any instance may serve any request; Cloud Run routes without affinity by default (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    containers {
      image = "us-docker.pkg.dev/acme/mcp/notes-mcp:3.2.0"
    }
  }
}

resource "google_cloud_run_v2_service" "notes_batch" {
  name     = "notes-batch"
  location = "us-central1"
  # mcp-migrate: removed session_affinity = true from google_cloud_run_v2_service.notes_batch: 2026-07-28 servers are stateless, any instance may serve any request; Cloud Run routes without affinity by default (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  template { }
}

resource "kubernetes_service_v1" "notes_gke" {
  metadata {
    name = "notes-mcp"
  }
  spec {
    selector         = { app = "notes-mcp" }
    # mcp-migrate: removed session_affinity = "ClientIP" from kubernetes_service_v1.notes_gke: 2026-07-28 servers are stateless, any pod may serve any request; the default sessionAffinity None balances them (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  }
}

resource "google_compute_backend_service" "notes_lb" {
  name             = "notes-backend"
  # TODO(mcp-migrate): Google Cloud load balancer session affinity GENERATED_COOKIE
  # (google_compute_backend_service.notes_lb) pins each client to one backend: set session_affinity
  # to "NONE" once the server keeps no per-instance state
  # (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  session_affinity = "GENERATED_COOKIE"
}

resource "google_cloud_run_v2_service" "notes_admin" {
  name     = "notes-admin"
  location = "us-central1"
  template {
    session_affinity = false
  }
}
