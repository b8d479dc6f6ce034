// Each SSE stream gets a server of @playwright/mcp, which launches a browser of its own and keeps
// its pages for the session. Built per request, every call would start from a blank page: the
// endpoint stays as it was, marked (trial 44A).
import express from 'express';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { createConnection } from '@playwright/mcp';

const app = express();
const streams = new Map<string, SSEServerTransport>();

app.get('/sse', async (_req, res) => {
  const transport = new SSEServerTransport('/messages', res);
  streams.set(transport.sessionId, transport);
  res.on('close', () => streams.delete(transport.sessionId));
  const server = await createConnection({ browser: { launchOptions: { headless: true } } });
  await server.connect(transport);
});

app.post('/messages', async (req, res) => {
  const transport = streams.get(String(req.query.sessionId));
  if (!transport) return void res.status(400).send('unknown session');
  await transport.handlePostMessage(req, res);
});

app.listen(3000);
