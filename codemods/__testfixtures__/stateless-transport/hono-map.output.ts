import { Hono } from 'hono';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

function createMcpServer() {
  return new McpServer({ name: 'hono-server', version: '1.0.0' });
}

const app = new Hono();

app.all('/mcp', async (c) => {
  if (c.req.method !== 'POST') return c.json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null }, 405, { Allow: 'POST' });
  const body = c.req.method === 'POST' ? await c.req.json() : undefined;
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  await createMcpServer().connect(transport);
  return transport.handleRequest(c.req.raw, { parsedBody: body });
});

export default app;
