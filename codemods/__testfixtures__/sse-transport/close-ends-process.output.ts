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
  // TODO(mcp-migrate): the server createServer() builds ends the process when it closes (its
  // onclose calls process.exit): with a transport and a server per request, each closes when its
  // response ends, and the first request to end would end the process. Move the shutdown out of the
  // server's close hook (to the process's own signals, `process.on('SIGTERM', ...)`), then run fix
  // again (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports)
  await createServer().connect(transport);
});
app.post('/messages', async (req, res) => {
  const transport = transports[req.query.sessionId as string];
  if (!transport) return void res.status(400).send('No transport');
  await transport.handlePostMessage(req, res);
});
app.listen(3000);
