// A look-alike of key-helper-guarded: the helper's guard also records the refused call (a change
// of its own, outside the tools, that nothing would rewrite), so the state is left as it is, marked.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

type Basket = { lines: string[] };
const baskets = new Map<string, Basket>();
const refused: string[] = [];

function sessionOf(info: { sessionId?: string; requestId?: string | number }): string {
  if (!info.sessionId) {
    refused.push(String(info.requestId));
    throw new Error('no MCP session');
  }
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
    return { content: [{ type: 'text', text: `${basket.lines.length} line(s)` }] };
  });
}
