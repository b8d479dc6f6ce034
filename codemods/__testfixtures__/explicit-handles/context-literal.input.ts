// A tool that builds a small context of its own from the handler's (review 89 point 1): the
// literal spreads nothing, so `ctx.sessionId` is the MCP session id it writes, and the basket
// moves to a handle like one keyed by `extra.sessionId`.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const baskets = new Map<string, string[]>();

export function buildServer(): McpServer {
  const server = new McpServer({ name: 'shop', version: '1.0.0' });
  server.registerTool('add_item', { inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {
    const ctx = { sessionId: extra.sessionId ?? 'anon', at: Date.now() };
    baskets.set(ctx.sessionId, [...(baskets.get(ctx.sessionId) ?? []), sku]);
    return { content: [{ type: 'text', text: `added ${sku}` }] };
  });
  server.registerTool('view_basket', {}, async (_args, extra) => {
    const ctx = { sessionId: extra.sessionId ?? 'anon' };
    return { content: [{ type: 'text', text: (baskets.get(ctx.sessionId) ?? []).join(',') }] };
  });
  return server;
}
