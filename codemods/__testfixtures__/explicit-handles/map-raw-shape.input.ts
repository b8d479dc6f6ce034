// A Map keyed by the session id, legacy server.tool() with a zod raw shape and without a schema.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const carts = new Map<string, string[]>();

export function register(server: McpServer) {
  server.tool('add_item', 'Add an item', { sku: z.string() }, async ({ sku }, extra) => {
    const cart = carts.get(extra.sessionId!) ?? [];
    cart.push(sku);
    carts.set(extra.sessionId!, cart);
    return { content: [{ type: 'text', text: `${cart.length} item(s)` }] };
  });

  // Synchronous handler without an input schema.
  server.tool('view_cart', 'Show the cart', (extra) => ({
    content: [{ type: 'text', text: (carts.get(extra.sessionId!) ?? []).join(', ') }],
  }));
}
