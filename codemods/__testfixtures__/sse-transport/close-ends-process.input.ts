// The factory's server ends the process when it closes (a stdio server's habit): built per request,
// the first request to end would end the process. The transport is left as it was, marked.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

function createServer() {
  const server = new McpServer({ name: 'oc', version: '1.0.0' });
  server.tool('hello', async () => ({ content: [{ type: 'text', text: 'hi' }] }));
  server.server.onclose = () => process.exit(0);
  return server;
}

const transports: Record<string, SSEServerTransport> = {};
const app = express();
app.get('/sse', async (_req, res) => {
  const transport = new SSEServerTransport('/messages', res);
  transports[transport.sessionId] = transport;
  res.on('close', () => delete transports[transport.sessionId]);
  await createServer().connect(transport);
});
app.post('/messages', async (req, res) => {
  const transport = transports[req.query.sessionId as string];
  if (!transport) return void res.status(400).send('No transport');
  await transport.handlePostMessage(req, res);
});
app.listen(3000);
