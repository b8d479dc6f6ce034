FROM nginx:1.27-alpine
# Upstreams for the ledger MCP replicas, written at build time.
# mcp-migrate: removed "hash \$http_mcp_session_id consistent;": 2026-07-28 clients send no Mcp-Session-Id, so there is nothing to hash; round-robin is the default (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
RUN echo "upstream ledger { server ledger-1:3000; server ledger-2:3000; }" > /etc/nginx/conf.d/upstream.conf
# mcp-migrate: removed "ip_hash;": 2026-07-28 servers are stateless, any instance may serve any request; round-robin is the default (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
RUN printf 'upstream ledger_admin {\n    server ledger-1:9000;\n    server ledger-2:9000;\n}\n' > /etc/nginx/conf.d/admin.conf
COPY default.conf /etc/nginx/conf.d/default.conf
