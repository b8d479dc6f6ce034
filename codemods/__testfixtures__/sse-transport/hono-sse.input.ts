// hono-mcp-server-sse-transport: not rewritten (a Hono app), both halves marked.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSETransport } from 'hono-mcp-server-sse-transport';

const app = new Hono();
const open: Record<string, SSETransport> = {};

app.get('/sse', (c) =>
  streamSSE(c, async (stream) => {
    const transport = new SSETransport('/messages', stream);
    open[transport.sessionId] = transport;
    stream.onAbort(() => {
      delete open[transport.sessionId];
    });
    await new McpServer({ name: 'hono-sse', version: '1.0.0' }).connect(transport);
    await stream.sleep(3_600_000);
  }),
);

app.post('/messages', async (c) => {
  const transport = open[c.req.query('sessionId') ?? ''];
  if (!transport) return c.text('unknown stream', 404);
  return transport.handlePostMessage(c);
});

export default app;
