// Already on the v2 packages, still serving the frozen SSE transport from server-legacy.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/server';
import { SSEServerTransport } from '@modelcontextprotocol/server-legacy/sse';

const getServer = () => new McpServer({ name: 'legacy-sse', version: '3.0.0' });
const transports: Record<string, SSEServerTransport> = {};

const app = express();
app.use(express.json({ limit: '4mb' }));

app.get('/sse', async (req, res) => {
  const transport = new SSEServerTransport('/messages', res);
  transports[transport.sessionId] = transport;
  transport.onclose = () => {
    delete transports[transport.sessionId];
  };
  await getServer().connect(transport);
});

app.post('/messages', async (req, res) => {
  const transport = transports[String(req.query.sessionId)];
  if (!transport) return void res.status(400).send('unknown session');
  await transport.handlePostMessage(req, res, req.body);
});

app.listen(3000, '127.0.0.1');
