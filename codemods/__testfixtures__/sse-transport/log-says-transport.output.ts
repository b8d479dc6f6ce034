// A legacy HTTP+SSE endpoint whose log lines say "transport" (trial 35C): what a string says names
// no variable, so the endpoint is rewritten as one without them would be; the stream's log line is
// not carried into POST /mcp, where it would log a GET to /sse for every request.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const logger = { info: (...args: unknown[]) => console.error(...args) };
const getServer = () => new McpServer({ name: 'logged-sse', version: '1.0.0' });
const app = express();
app.use(express.json());

// Streamable HTTP: a new transport and server for every request (replaces the HTTP+SSE endpoints).
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
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

app.listen(3000);
