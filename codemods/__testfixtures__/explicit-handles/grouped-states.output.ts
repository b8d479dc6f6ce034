// Two pieces of state keyed by the same session id belong to one conversation: one handle for both.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

const carts = handleState<string[]>('carts');
const wishlists = handleState<string[]>('wishlists');

export function register(server: McpServer) {
  server.tool('create_basket', 'Create a new basket and return its basket_id. Pass basket_id to add_item, save_for_later, view_wishlist. It expires after 24 hours without use.', async (extra) => mintHandle(carts, { handle: 'basket_id', initial: [], description: 'Created basket.' }, extra));

  server.tool('add_item', 'Add to the cart', { basket_id: z.string().describe('Handle from create_basket'), sku: z.string() }, withHandle([carts, wishlists], { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id, sku }, _extra) => {
    carts.set(basket_id, [...(carts.get(basket_id) ?? []), sku]);
    return { content: [{ type: 'text', text: 'added' }] };
  }));

  server.tool('save_for_later', 'Move an item to the wishlist', { basket_id: z.string().describe('Handle from create_basket'), sku: z.string() }, withHandle([carts, wishlists], { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id, sku }, _extra) => {
    carts.set(basket_id, (carts.get(basket_id) ?? []).filter((s) => s !== sku));
    wishlists.set(basket_id, [...(wishlists.get(basket_id) ?? []), sku]);
    return { content: [{ type: 'text', text: 'saved' }] };
  }));

  server.tool('view_wishlist', 'Show the wishlist', { basket_id: z.string().describe('Handle from create_basket') }, withHandle([carts, wishlists], { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id }, _extra) => ({
    content: [{ type: 'text', text: (wishlists.get(basket_id) ?? []).join(', ') }],
  })));
}
