// A tool that asks the client mid-call (elicitInput) works over the legacy SSE stream, which keeps
// one server per client; on a server built per request it fails (no handshake told it the client
// can answer, and no stream carries the answer back). The move still happens, and the call is
// marked as failing, the change naming the tool (trial 20A).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

function buildServer(): McpServer {
  const server = new McpServer({ name: 'orders', version: '1.0.0' });
  server.registerTool('confirm_order', { description: 'Asks before ordering' }, async () => {
    const answer = await server.server.elicitInput({ message: 'Order now?', requestedSchema: { type: 'object', properties: { ok: { type: 'boolean' } } } });
    return { content: [{ type: 'text', text: answer.action }] };
  });
  return server;
}

const app = express();
app.use(express.json());
const transports: Record<string, SSEServerTransport> = {};

app.get('/sse', async (_req, res) => {
  const transport = new SSEServerTransport('/messages', res);
  transports[transport.sessionId] = transport;
  res.on('close', () => {
    delete transports[transport.sessionId];
  });
  await buildServer().connect(transport);
});

app.post('/messages', async (req, res) => {
  const transport = transports[String(req.query.sessionId)];
  if (transport) await transport.handlePostMessage(req, res, req.body);
  else res.status(404).end();
});

app.listen(3000);
