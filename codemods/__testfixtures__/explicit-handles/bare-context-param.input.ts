// A handler written with its one parameter bare (`async extra => ...`), beside one with the
// parentheses: both get the handle argument, in parentheses (read-through 58: the bare one came
// out as `async { basket_id }, _extra => ...`, and the file was left unchanged as unparsable).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const carts = new Map<string, string[]>();

export function buildServer() {
  const server = new McpServer({ name: 'shop', version: '1.0.0' });
  server.tool('add_item', 'Add an item', { sku: z.string() }, async ({ sku }, extra) => {
    const cart = carts.get(extra.sessionId!) ?? [];
    cart.push(sku);
    carts.set(extra.sessionId!, cart);
    return { content: [{ type: 'text', text: cart.join(',') }] };
  });
  server.tool('show_cart', 'Show the cart', async extra => ({ content: [{ type: 'text', text: (carts.get(extra.sessionId!) ?? []).join(',') }] }));
  return server;
}
