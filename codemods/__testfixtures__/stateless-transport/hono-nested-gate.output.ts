// Hono route whose creating half sits in a guard that also tests there is no session id, with the
// initialize test nested inside it: a request that still carries an id (a 2025 client's, during a
// rolling deploy) must reach the per-request transport, not the refusal after the guard.
import { Hono } from 'hono';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

function buildServer(): McpServer {
  return new McpServer({ name: 'journal', version: '1.0.0' });
}

const app = new Hono();

app.all('/mcp', async (c) => {
  if (c.req.method !== 'POST') return c.json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null }, 405, { Allow: 'POST' });
  if (c.req.method === 'POST') {
    const body = await c.req.json();
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
    });
    await buildServer().connect(transport);
    return transport.handleRequest(c.req.raw, { parsedBody: body });
  }
  return c.json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: No valid session ID provided' }, id: null }, 400);
});

export default app;
