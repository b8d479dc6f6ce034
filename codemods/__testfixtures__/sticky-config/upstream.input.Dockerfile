FROM nginx:1.27-alpine
# Upstreams for the ledger MCP replicas, written at build time.
RUN echo "upstream ledger { hash \$http_mcp_session_id consistent; server ledger-1:3000; server ledger-2:3000; }" > /etc/nginx/conf.d/upstream.conf
RUN printf 'upstream ledger_admin {\n    ip_hash;\n    server ledger-1:9000;\n    server ledger-2:9000;\n}\n' > /etc/nginx/conf.d/admin.conf
COPY default.conf /etc/nginx/conf.d/default.conf
