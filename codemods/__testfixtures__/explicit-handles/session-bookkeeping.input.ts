// The routes keep their own record of the sessions (when each began), keyed by the session id
// the server minted: no tool reads it. Marked with both ways out: bookkeeping goes with the
// sessions; state tools reach through other code needs a handle.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const sessions = new Map<string, { createdAt: number }>();
const app = express();

app.post('/mcp', async (req, res) => {
  const sid = (req.headers['mcp-session-id'] as string | undefined) ?? randomUUID();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  const server = new McpServer({ name: 'x', version: '1.0.0' });
  server.registerTool('ping_me', { description: 'Pong' }, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
  sessions.set(sid, { createdAt: Date.now() });
});

app.delete('/mcp', (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  res.status(sessions.delete(sid ?? '') ? 200 : 404).end();
});
