// A key helper that refuses a call without a session before it returns the id (trial 78B B3):
// `sessionOf(ctx)` throws where the id is missing, else returns it, so each call of it becomes the
// handle, as `keyFor(extra)` of key-helper does. The handle the tools are then handed is never
// missing: withHandle answers a call without it.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle } from './mcp-state.js';

type Basket = { lines: string[] };
const baskets = handleState<Basket>('baskets');

function sessionOf(info: { sessionId?: string }): string {
  if (!info.sessionId) throw new Error('no MCP session');
  return info.sessionId;
}

export function registerShop(server: McpServer) {
  server.registerTool('open_basket', { description: 'Returns basket_id: pass it to add_line.', inputSchema: {}, outputSchema: { basket_id: z.string().describe('Pass it to add_line') } }, mintingHandle(baskets, { handle: 'basket_id', initial: { lines: [] } }, async ({ basket_id }, _ctx) => {
    baskets.set(basket_id, { lines: [] });
    return { content: [{ type: 'text', text: 'opened' }] };
  }));
  server.registerTool('add_line', { inputSchema: { basket_id: z.string().describe('Handle from open_basket'), sku: z.string() } }, withHandle(baskets, { handle: 'basket_id', mintedBy: 'open_basket' }, async ({ basket_id, sku }, _ctx) => {
    const basket = baskets.get(basket_id);
    if (!basket) return { isError: true, content: [{ type: 'text', text: 'call open_basket first' }] };
    basket.lines.push(sku);
    baskets.set(basket_id, basket);
    return { content: [{ type: 'text', text: `${basket.lines.length} line(s)` }] };
  }));
}
