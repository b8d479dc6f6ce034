// A cart map an admin route also reads: keyed by a handle, only a tool call naming that handle
// could reach it, and the route would fail at run time. Marked, not moved. (The cleanup on its
// own statement is no such use: the rewrite would remove it.)
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

// TODO(mcp-migrate): carts is keyed by the MCP session id, and is also used outside the tools that
// take it (carts.size, in app.get('/admin/carts')): explicit-handles left it unchanged, because
// once it is keyed by a handle only a tool call naming that handle can reach it. Give those tools
// an explicit handle argument and a shared store by hand, and decide what that other use needs (a
// count kept in the store, say)
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const carts = new Map<string, string[]>();

function cartOf(sessionId: string) {
  return carts.get(sessionId) ?? [];
}

export function buildServer() {
  const server = new McpServer({ name: 'shop', version: '1.0.0' });
  server.registerTool('add_item', { inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {
    carts.set(extra.sessionId!, [...cartOf(extra.sessionId!), sku]);
    return { content: [{ type: 'text', text: 'ok' }] };
  });
  return server;
}

export const app = express();
app.get('/admin/carts', (_req, res) => {
  res.json({ open: carts.size });
});
app.delete('/mcp', (req, res) => {
  carts.delete(String(req.headers['mcp-session-id']));
  res.status(204).end();
});
