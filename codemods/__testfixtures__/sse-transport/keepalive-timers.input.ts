// Keep-alive timers of the SSE streams, kept by session id beside the transport map and cleared
// when a stream closes: the SSE sessions' bookkeeping. It goes with the endpoint and its map
// (Streamable HTTP answers each POST on its own response, with no stream to keep alive).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

const app = express();
const streams: Record<string, SSEServerTransport> = {};
// One timer per open stream.
const keepAlive: Record<string, ReturnType<typeof setInterval>> = {};

app.get('/sse', async (_req, res) => {
  const transport = new SSEServerTransport('/messages', res);
  streams[transport.sessionId] = transport;
  keepAlive[transport.sessionId] = setInterval(() => res.write(': ping\n\n'), 20_000);
  res.on('close', () => {
    clearInterval(keepAlive[transport.sessionId]);
    delete keepAlive[transport.sessionId];
    delete streams[transport.sessionId];
  });
  await new McpServer({ name: 'pinger', version: '1.0.0' }).connect(transport);
});

app.post('/messages', async (req, res) => {
  const transport = streams[req.query.sessionId as string];
  if (transport) await transport.handlePostMessage(req, res);
  else res.status(400).end();
});

app.listen(3000);
