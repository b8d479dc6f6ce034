resource "aws_lb_target_group" "mcp_server" {
  name     = "mcp"
  port     = 3000
  protocol = "HTTP"

  # TODO(mcp-migrate): aws_lb_target_group.mcp_server stickiness (lb_cookie) pins each client to one
  # target: under 2026-07-28 there is no session to pin to, and stickiness hides state kept on one
  # instance instead of removing it: once the server keeps no per-instance state, disable the
  # stickiness (round-robin is the default)
  # (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
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
