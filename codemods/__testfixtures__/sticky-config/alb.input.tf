resource "aws_lb_target_group" "mcp_server" {
  name     = "mcp"
  port     = 3000
  protocol = "HTTP"

  stickiness {
    enabled         = true
    type            = "lb_cookie"
    cookie_duration = 86400
  }
}

resource "aws_lb_target_group" "assets" {
  port = 8080
  stickiness {
    enabled = false
    type    = "lb_cookie"
  }
}
