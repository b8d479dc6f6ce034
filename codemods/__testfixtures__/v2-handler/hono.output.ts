import { Hono } from 'hono';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';

function createMcpServer() {
  return new McpServer({ name: 'hono-server', version: '1.0.0' });
}

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = new Hono();

const mcpHandler = createMcpHandler(() => createMcpServer());

app.all('/mcp', async (c) => {
  if (c.req.method !== 'POST') return c.json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null }, 405, { Allow: 'POST' });
  const body = c.req.method === 'POST' ? await c.req.json() : undefined;
  return mcpHandler.fetch(c.req.raw, { parsedBody: body });
});

export default app;
