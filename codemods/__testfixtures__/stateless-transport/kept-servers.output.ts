// The factory adds every server it builds to a module-level set, for a reload broadcast: once a
// server is built per request, the set grows by one on every request, and the broadcast reaches
// closed servers. The rewrite goes ahead, to review, with the set marked (trial 21A).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const servers = new Set<McpServer>();

function buildServer(): McpServer {
  const server = new McpServer({ name: 'catalog', version: '1.0.0' });
  server.registerTool('list_items', { description: 'Lists the items' }, async () => ({ content: [{ type: 'text', text: 'a, b' }] }));
  // TODO(mcp-migrate): every server built here is added to servers, and nothing in this file takes
  // it out: with a server built per request, servers grows by one on every request, and whatever
  // goes through it reaches closed servers. Drop servers (announce changes through
  // subscriptions/listen instead), or remove the server when its request ends
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  servers.add(server);
  return server;
}

export function reloadAll(): void {
  for (const server of servers) server.sendToolListChanged();
}

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await buildServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
