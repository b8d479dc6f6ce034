// A tool that asks the client mid-call (elicitInput) works over the legacy SSE stream, which keeps
// one server per client; on a server built per request it fails (no handshake told it the client
// can answer, and no stream carries the answer back). The move still happens, and the call is
// marked as failing, the change naming the tool (trial 20A).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function buildServer(): McpServer {
  const server = new McpServer({ name: 'orders', version: '1.0.0' });
  server.registerTool('confirm_order', { description: 'Asks before ordering' }, async () => {
    // TODO(mcp-migrate): elicitInput() asks the client mid-call, and fails on every request until
    // rewritten: a server built per request (a stateless transport) never sees initialize, so it
    // knows no client capabilities (the SDK's error says the client does not support the request,
    // whatever it declared), and it keeps no stream for the answer. Rewrite it to the 2026-07-28
    // multi-round-trip shape on the v2 packages (fix --target 2026-07-28): return inputRequired({
    // inputRequests: { ... } }), read the answer from ctx.mcpReq.inputResponses when the client
    // calls again, and keep what the call needs to resume in requestState
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr)
    const answer = await server.server.elicitInput({ message: 'Order now?', requestedSchema: { type: 'object', properties: { ok: { type: 'boolean' } } } });
    return { content: [{ type: 'text', text: answer.action }] };
  });
  return server;
}

const app = express();
app.use(express.json());

// Streamable HTTP: a new transport and server for every request (replaces the HTTP+SSE endpoints).
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
  });
  await buildServer().connect(transport);
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
