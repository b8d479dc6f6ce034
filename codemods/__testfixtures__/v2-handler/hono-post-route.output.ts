// A Hono route serving POST only (trial 56C B1): once createMcpHandler serves it, GET and DELETE
// on the path go to the handler too, which answers them 405 (Allow: POST) where Hono answered 404.
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import * as z from 'zod';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';

function buildServer() {
  const server = new McpServer({ name: 'hono-post', version: '1.0.0' });
  server.registerTool('add', { inputSchema: z.object({ a: z.number(), b: z.number() }) }, async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));
  return server;
}

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = new Hono();
const mcpHandler = createMcpHandler(() => buildServer());

app.post('/mcp', async (c) => {
  return mcpHandler.fetch(c.req.raw);
});
app.get('/mcp', (c) => mcpHandler.fetch(c.req.raw));
app.delete('/mcp', (c) => mcpHandler.fetch(c.req.raw));

serve({ fetch: app.fetch, port: 3000 });
