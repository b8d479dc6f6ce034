// The factory adds every server it builds to a module-level set, for a reload broadcast: once a
// server is built per request, the set grows by one on every request, and the broadcast reaches
// closed servers. The rewrite goes ahead, to review, with the set marked (trial 21A).
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const transports: Record<string, StreamableHTTPServerTransport> = {};
const servers = new Set<McpServer>();

function buildServer(): McpServer {
  const server = new McpServer({ name: 'catalog', version: '1.0.0' });
  server.registerTool('list_items', { description: 'Lists the items' }, async () => ({ content: [{ type: 'text', text: 'a, b' }] }));
  servers.add(server);
  return server;
}

export function reloadAll(): void {
  for (const server of servers) server.sendToolListChanged();
}

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  if (sessionId && transports[sessionId]) {
    transport = transports[sessionId];
  } else if (!sessionId && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports[id] = transport;
      },
    });
    await buildServer().connect(transport);
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
