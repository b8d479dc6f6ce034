// State with two things to deal with before explicit-handles can move it (trial 77B B3: each run
// named one, the next only once the user had dealt with it): its values are instances of a class of
// the file (not plain JSON), and an exported function no tool calls reads it. Both named at once.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

class Basket {
  items: string[] = [];
  add(sku: string) {
    this.items.push(sku);
  }
}
// TODO(mcp-migrate): baskets is keyed by the MCP session id, and explicit-handles leaves it for 2
// reasons, each to deal with before it can move it: (1) it holds values of type Basket, which is
// not plain JSON; (2) it is also used outside the tools that take it
// (baskets.get(id)?.items.length, in basketCount()), where no handle reaches. Until then, every
// request without a session id shares one entry of it.
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const baskets = new Map<string, Basket>();

export function basketCount(id: string): number {
  return baskets.get(id)?.items.length ?? 0;
}

export function register(server: McpServer) {
  server.registerTool('add_item', { inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {
    const basket = baskets.get(extra.sessionId!) ?? new Basket();
    basket.add(sku);
    baskets.set(extra.sessionId!, basket);
    return { content: [{ type: 'text', text: 'ok' }] };
  });
  server.registerTool('view_basket', { inputSchema: {} }, async (_args, extra) => ({ content: [{ type: 'text', text: JSON.stringify(baskets.get(extra.sessionId!)?.items ?? []) }] }));
}
