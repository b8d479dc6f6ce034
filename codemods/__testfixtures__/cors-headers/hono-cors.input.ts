import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { serveMcp } from './serve.js';

const app = new Hono();

app.use(
  '/mcp/*',
  cors({
    origin: (origin) => (origin.endsWith('.notes.example') ? origin : null),
    allowHeaders: [
      'Content-Type',
      'Authorization',
      // The transport looks sessions up by this header.
      'Mcp-Session-Id',
      'MCP-Protocol-Version', // negotiated once, then sent on every request
    ],
    exposeHeaders: ['Mcp-Session-Id', 'X-Request-Id'],
    maxAge: 600,
  }),
);

app.all('/mcp', (c) => serveMcp(c));

export default app;
