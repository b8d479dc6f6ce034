// Two pieces of state keyed by the same session id belong to one conversation: one handle for both.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const carts = new Map<string, string[]>();
const wishlists = new Map<string, string[]>();

export function register(server: McpServer) {
  server.tool('add_item', 'Add to the cart', { sku: z.string() }, async ({ sku }, extra) => {
    carts.set(extra.sessionId!, [...(carts.get(extra.sessionId!) ?? []), sku]);
    return { content: [{ type: 'text', text: 'added' }] };
  });

  server.tool('save_for_later', 'Move an item to the wishlist', { sku: z.string() }, async ({ sku }, extra) => {
    carts.set(extra.sessionId!, (carts.get(extra.sessionId!) ?? []).filter((s) => s !== sku));
    wishlists.set(extra.sessionId!, [...(wishlists.get(extra.sessionId!) ?? []), sku]);
    return { content: [{ type: 'text', text: 'saved' }] };
  });

  server.tool('view_wishlist', 'Show the wishlist', async (extra) => ({
    content: [{ type: 'text', text: (wishlists.get(extra.sessionId!) ?? []).join(', ') }],
  }));
}
