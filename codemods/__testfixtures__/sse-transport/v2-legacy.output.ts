// Already on the v2 packages, still serving the frozen SSE transport from server-legacy.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';

const getServer = () => new McpServer({ name: 'legacy-sse', version: '3.0.0' });

const app = express();
app.use(express.json({ limit: '4mb' }));

// Streamable HTTP: a new transport and server for every request (replaces the HTTP+SSE endpoints).
app.post('/mcp', async (req, res) => {
  const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
  });
  await getServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});
// No sessions: no GET stream to open, no session to DELETE.
app.get('/mcp', (_req, res) => {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
});
app.delete('/mcp', (_req, res) => {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
});

app.get('/sse', async (_req, res) => {
  res.status(410).json({ jsonrpc: '2.0', error: { code: -32000, message: 'This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /mcp' }, id: null });
});

app.post('/messages', async (_req, res) => {
  res.status(410).json({ jsonrpc: '2.0', error: { code: -32000, message: 'This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /mcp' }, id: null });
});

app.listen(3000, '127.0.0.1');
