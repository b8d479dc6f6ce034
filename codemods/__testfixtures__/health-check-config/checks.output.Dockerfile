# The image of an MCP server whose health check fetches the endpoint's GET stream.
FROM node:20-slim
WORKDIR /app
COPY . .
# TODO(mcp-migrate): the health check fetches the MCP endpoint's GET stream (/mcp): once the server
# serves 2026-07-28 (the SSE endpoint retired, GET on the MCP endpoint refused: 405 where fix
# rewrote a GET route, 404 where the server has none) every instance fails the check and is taken
# out of the pool; point it at a health route of its own (GET /health)
# (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
# Probe the MCP endpoint every half minute.
HEALTHCHECK --interval=30s --timeout=5s \
  CMD wget -q -O /dev/null http://localhost:3000/mcp || exit 1
EXPOSE 3000
CMD ["node", "dist/server.js"]
