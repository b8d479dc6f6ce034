// The route files a new session's transport in the map after handleRequest, once the transport
// has minted its id. Made stateless, the transport never has one, so the filing never runs: it goes
// with the dispatch, and the map, now used only by the health route, is marked.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function buildServer() {
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  server.registerTool('ping_me', { description: 'Answers pong' }, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
  return server;
}

const app = express();
app.use(express.json());
// TODO(mcp-migrate): sessions is still used elsewhere, but with per-request transports it stays
// empty: remove the remaining uses and this map
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const sessions = new Map<string, StreamableHTTPServerTransport>();

app.post('/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
  });
  await buildServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
  console.log('served', req.body?.method);
});

app.get('/healthz', (_req, res) => {
  res.json({ ok: true, sessions: sessions.size });
});

app.listen(3000);
