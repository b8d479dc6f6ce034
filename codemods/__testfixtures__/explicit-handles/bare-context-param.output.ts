// A handler written with its one parameter bare (`async extra => ...`), beside one with the
// parentheses: both get the handle argument, in parentheses (read-through 58: the bare one came
// out as `async { basket_id }, _extra => ...`, and the file was left unchanged as unparsable).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

const carts = handleState<string[]>('carts');

export function buildServer() {
  const server = new McpServer({ name: 'shop', version: '1.0.0' });
  server.tool('create_basket', 'Create a new basket and return its basket_id. Pass basket_id to add_item, show_cart. It expires after 24 hours without use.', async (extra) => mintHandle(carts, { handle: 'basket_id', initial: [], description: 'Created basket.' }, extra));

  server.tool('add_item', 'Add an item', { basket_id: z.string().describe('Handle from create_basket'), sku: z.string() }, withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id, sku }, _extra) => {
    const cart = carts.get(basket_id) ?? [];
    cart.push(sku);
    carts.set(basket_id, cart);
    return { content: [{ type: 'text', text: cart.join(',') }] };
  }));
  server.tool('show_cart', 'Show the cart', { basket_id: z.string().describe('Handle from create_basket') }, withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id }, _extra) => ({ content: [{ type: 'text', text: (carts.get(basket_id) ?? []).join(',') }] })));
  return server;
}
