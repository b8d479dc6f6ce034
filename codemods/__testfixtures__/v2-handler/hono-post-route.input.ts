// A Hono route serving POST only (trial 56C B1): once createMcpHandler serves it, GET and DELETE
// on the path go to the handler too, which answers them 405 (Allow: POST) where Hono answered 404.
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import * as z from 'zod';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

function buildServer() {
  const server = new McpServer({ name: 'hono-post', version: '1.0.0' });
  server.registerTool('add', { inputSchema: { a: z.number(), b: z.number() } }, async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));
  return server;
}

const app = new Hono();
app.post('/mcp', async (c) => {
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await buildServer().connect(transport);
  return transport.handleRequest(c.req.raw);
});

serve({ fetch: app.fetch, port: 3000 });
