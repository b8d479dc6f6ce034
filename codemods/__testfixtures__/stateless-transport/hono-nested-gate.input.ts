// Hono route whose creating half sits in a guard that also tests there is no session id, with the
// initialize test nested inside it: a request that still carries an id (a 2025 client's, during a
// rolling deploy) must reach the per-request transport, not the refusal after the guard.
import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

function buildServer(): McpServer {
  return new McpServer({ name: 'journal', version: '1.0.0' });
}

const sessions = new Map<string, WebStandardStreamableHTTPServerTransport>();
const app = new Hono();

app.all('/mcp', async (c) => {
  const sid = c.req.header('mcp-session-id');
  if (sid && sessions.has(sid)) {
    return sessions.get(sid)!.handleRequest(c.req.raw);
  }
  if (!sid && c.req.method === 'POST') {
    const body = await c.req.json();
    if (isInitializeRequest(body)) {
      const transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          sessions.set(id, transport);
        },
      });
      await buildServer().connect(transport);
      return transport.handleRequest(c.req.raw, { parsedBody: body });
    }
  }
  return c.json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: No valid session ID provided' }, id: null }, 400);
});

export default app;
