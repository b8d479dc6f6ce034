# The image of an MCP server whose health check fetches the endpoint's GET stream.
FROM node:20-slim
WORKDIR /app
COPY . .
# Probe the MCP endpoint every half minute.
HEALTHCHECK --interval=30s --timeout=5s \
  CMD wget -q -O /dev/null http://localhost:3000/mcp || exit 1
EXPOSE 3000
CMD ["node", "dist/server.js"]
