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
