FROM nginx:1.27-alpine
# CORS for the browser playground, written into the default server at build time.
RUN echo 'add_header Access-Control-Allow-Headers "Content-Type, Mcp-Session-Id" always;' > /etc/nginx/conf.d/cors.inc \
 && echo 'add_header Access-Control-Expose-Headers "Mcp-Session-Id" always;' >> /etc/nginx/conf.d/cors.inc
ENV CORS_ALLOWED_HEADERS="Content-Type,Mcp-Session-Id"
COPY nginx.conf /etc/nginx/nginx.conf
