// One stateless transport built and connected once in a set-up function, then served from a route
// callback (atlassian-jira): not a per-request transport served inside a callback. v2-handler
// leaves the route as it is; stateless-transport cannot build it per request in a handler that
// is not async, and says so above the transport.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export async function startServer() {
  const server = new McpServer({ name: 'jira', version: '1.0.0' });
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  const app = express();
  app.use(express.json());
  app.all('/mcp', (req, res) => {
    transport.handleRequest(req, res, req.body).catch(() => res.status(500).end());
  });
  app.listen(3000);
}
