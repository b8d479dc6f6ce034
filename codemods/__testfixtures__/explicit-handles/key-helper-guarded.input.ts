// A key helper that refuses a call without a session before it returns the id (trial 78B B3):
// `sessionOf(ctx)` throws where the id is missing, else returns it, so each call of it becomes the
// handle, as `keyFor(extra)` of key-helper does. The handle the tools are then handed is never
// missing: withHandle answers a call without it.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

type Basket = { lines: string[] };
const baskets = new Map<string, Basket>();

function sessionOf(info: { sessionId?: string }): string {
  if (!info.sessionId) throw new Error('no MCP session');
  return info.sessionId;
}

export function registerShop(server: McpServer) {
  server.registerTool('open_basket', { inputSchema: {} }, async (_args, ctx) => {
    baskets.set(sessionOf(ctx), { lines: [] });
    return { content: [{ type: 'text', text: 'opened' }] };
  });
  server.registerTool('add_line', { inputSchema: { sku: z.string() } }, async ({ sku }, ctx) => {
    const basket = baskets.get(sessionOf(ctx));
    if (!basket) return { isError: true, content: [{ type: 'text', text: 'call open_basket first' }] };
    basket.lines.push(sku);
    baskets.set(sessionOf(ctx), basket);
    return { content: [{ type: 'text', text: `${basket.lines.length} line(s)` }] };
  });
}
