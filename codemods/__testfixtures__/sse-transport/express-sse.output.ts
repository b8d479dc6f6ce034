// Express server on the legacy HTTP+SSE transport: one stream per client, POSTs routed by session.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function createNotesServer(): McpServer {
  const server = new McpServer({ name: 'notes', version: '1.2.0' });
  server.tool('count_notes', async () => ({ content: [{ type: 'text', text: '3' }] }));
  return server;
}

const app = express();
app.use(express.json());

// Streamable HTTP: a new transport and server for every request (replaces the HTTP+SSE endpoints).
app.post('/mcp', async (req, res) => {
  const server = createNotesServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
// No sessions: no GET stream to open, no session to DELETE.
app.get('/mcp', (_req, res) => {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
});
app.delete('/mcp', (_req, res) => {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
});

// Each client opens its event stream here.
app.get('/sse', async (_req, res) => {
  res.status(410).json({ jsonrpc: '2.0', error: { code: -32000, message: 'This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /mcp' }, id: null });
});

// ...and posts its messages here.
app.post('/messages', async (_req, res) => {
  res.status(410).json({ jsonrpc: '2.0', error: { code: -32000, message: 'This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /mcp' }, id: null });
});

app.listen(3001);
