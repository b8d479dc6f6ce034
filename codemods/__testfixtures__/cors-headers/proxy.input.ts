// An inspector's proxy: it forwards a browser's MCP requests to the server named by X-Target-URL,
// servers it does not control. 2025 ones still mint session ids the browser must send back, so its
// CORS list keeps Mcp-Session-Id; the 2026-07-28 request headers are added beside it.
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

export const inspector = new McpServer({ name: 'inspector', version: '1.0.0' });
const app = new Hono();

app.use(
  '/proxy/*',
  cors({
    origin: '*',
    allowHeaders: ['Content-Type', 'X-Target-URL', 'Mcp-Session-Id', 'mcp-protocol-version'],
    exposeHeaders: ['*'],
  }),
);

app.all('/proxy/mcp', async (c) => {
  const target = c.req.header('X-Target-URL');
  if (!target) return c.text('missing target', 400);
  return fetch(target, { method: c.req.method, headers: c.req.raw.headers, body: c.req.raw.body });
});
