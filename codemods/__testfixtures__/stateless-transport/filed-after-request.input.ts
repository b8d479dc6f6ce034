// The route files a new session's transport in the map after handleRequest, once the transport
// has minted its id. Made stateless, the transport never has one, so the filing never runs: it goes
// with the dispatch, and the map, now used only by the health route, is marked.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function buildServer() {
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  server.registerTool('ping_me', { description: 'Answers pong' }, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
  return server;
}

const app = express();
app.use(express.json());
const sessions = new Map<string, StreamableHTTPServerTransport>();

app.post('/mcp', async (req, res) => {
  const id = req.header('mcp-session-id');
  let transport: StreamableHTTPServerTransport;
  if (id && sessions.has(id)) {
    transport = sessions.get(id)!;
  } else {
    transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
    await buildServer().connect(transport);
  }
  await transport.handleRequest(req, res, req.body);
  // The id exists only once the initialize request has been handled.
  if (transport.sessionId && !sessions.has(transport.sessionId)) {
    sessions.set(transport.sessionId, transport);
  }
  console.log('served', req.body?.method);
});

app.get('/healthz', (_req, res) => {
  res.json({ ok: true, sessions: sessions.size });
});

app.listen(3000);
