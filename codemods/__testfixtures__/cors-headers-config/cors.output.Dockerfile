FROM nginx:1.27-alpine
# TODO(mcp-migrate): this CORS Access-Control-Expose-Headers list only exposes Mcp-Session-Id:
# remove it
# (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
# CORS for the browser playground, written into the default server at build time.
RUN echo 'add_header Access-Control-Allow-Headers "Content-Type, Mcp-Method, Mcp-Name, MCP-Protocol-Version" always;' > /etc/nginx/conf.d/cors.inc \
 && echo 'add_header Access-Control-Expose-Headers "Mcp-Session-Id" always;' >> /etc/nginx/conf.d/cors.inc
ENV CORS_ALLOWED_HEADERS="Content-Type,Mcp-Method,Mcp-Name,MCP-Protocol-Version"
COPY nginx.conf /etc/nginx/nginx.conf
