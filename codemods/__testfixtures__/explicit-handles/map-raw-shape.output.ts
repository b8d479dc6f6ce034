// A Map keyed by the session id, legacy server.tool() with a zod raw shape and without a schema.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

const carts = handleState<string[]>('carts');

export function register(server: McpServer) {
  server.tool('create_basket', 'Create a new basket and return its basket_id. Pass basket_id to add_item, view_cart. It expires after 24 hours without use.', async (extra) => mintHandle(carts, { handle: 'basket_id', initial: [], description: 'Created basket.' }, extra));

  server.tool('add_item', 'Add an item', { basket_id: z.string().describe('Handle from create_basket'), sku: z.string() }, withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id, sku }, _extra) => {
    const cart = carts.get(basket_id) ?? [];
    cart.push(sku);
    carts.set(basket_id, cart);
    return { content: [{ type: 'text', text: `${cart.length} item(s)` }] };
  }));

  // Synchronous handler without an input schema.
  server.tool('view_cart', 'Show the cart', { basket_id: z.string().describe('Handle from create_basket') }, withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, ({ basket_id }, _extra) => ({
    content: [{ type: 'text', text: (carts.get(basket_id) ?? []).join(', ') }],
  })));
}
