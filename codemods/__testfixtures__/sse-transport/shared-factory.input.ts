// One server taken from its factory once, at module level, and connected to every SSE stream: the
// factory exists, so the marker says to call it per request (not to write one).
import express from 'express';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { buildGateway } from './gateway.js';

const app = express();
const { server, shutdown } = await buildGateway();

let transport: SSEServerTransport;

app.get('/sse', async (_req, res) => {
  transport = new SSEServerTransport('/message', res);
  await server.connect(transport);
});

app.post('/message', async (req, res) => {
  await transport.handlePostMessage(req, res);
});

process.on('SIGTERM', () => void shutdown());
app.listen(3000);
