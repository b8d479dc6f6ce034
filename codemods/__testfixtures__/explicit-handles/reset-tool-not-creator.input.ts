// A tool that empties what the session has (it only sets the entry, as a creator does) is no
// creator (trial 63A B1: "Empty your cart" minted a new cart and left the caller's as it was): it
// takes the handle like the others, and create_basket mints it. A tool that starts a new game,
// setting its entry, stays the one that mints, and so does one that creates an empty list
// (review 81 point 2: `create_empty_order` read as a reset).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const carts = new Map<string, string[]>();
const games = new Map<string, number>();
const orders = new Map<string, string[]>();
const stops = new Map<string, number>();

export function register(server: McpServer) {
  server.registerTool('add_item', { description: 'Add an item to your cart', inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {
    const cart = carts.get(extra.sessionId!) ?? [];
    cart.push(sku);
    carts.set(extra.sessionId!, cart);
    return { content: [{ type: 'text', text: `cart has ${cart.length}` }] };
  });
  server.registerTool('view_cart', { description: 'Show your cart' }, async (extra) => ({ content: [{ type: 'text', text: JSON.stringify(carts.get(extra.sessionId!) ?? []) }] }));
  server.registerTool('clear_cart', { description: 'Empty your cart' }, async (extra) => {
    carts.set(extra.sessionId!, []);
    return { content: [{ type: 'text', text: 'cart emptied' }] };
  });

  server.registerTool('start_game', { description: 'Start a game' }, async (extra) => {
    games.set(extra.sessionId!, 0);
    return { content: [{ type: 'text', text: 'started' }] };
  });
  server.registerTool('create_empty_order', { description: 'Start an order' }, async (extra) => {
    orders.set(extra.sessionId!, []);
    return { content: [{ type: 'text', text: 'order started' }] };
  });
  server.registerTool('order_add', { description: 'Add to the order', inputSchema: { item: z.string() } }, async ({ item }, extra) => {
    orders.set(extra.sessionId!, [...(orders.get(extra.sessionId!) ?? []), item]);
    return { content: [{ type: 'text', text: String(orders.get(extra.sessionId!)!.length) }] };
  });
  // A namespaced reset (review 82 point 2): a reset all the same, so start_game still mints.
  server.registerTool('arcade_reset_game', { description: 'Reset the score' }, async (extra) => {
    games.set(extra.sessionId!, 0);
    return { content: [{ type: 'text', text: 'reset' }] };
  });
  // A verb that does something else, whatever nouns follow (review 83 point 2): set_stop_loss starts the order.
  server.registerTool('set_stop_loss', { description: 'Set a stop loss', inputSchema: { price: z.number() } }, async ({ price }, extra) => {
    stops.set(extra.sessionId!, price);
    return { content: [{ type: 'text', text: 'set' }] };
  });
  server.registerTool('show_stop_loss', { description: 'Show the stop loss' }, async (extra) => ({ content: [{ type: 'text', text: String(stops.get(extra.sessionId!) ?? 'none') }] }));
  server.registerTool('play', { description: 'Score a point' }, async (extra) => {
    games.set(extra.sessionId!, (games.get(extra.sessionId!) ?? 0) + 1);
    return { content: [{ type: 'text', text: String(games.get(extra.sessionId!)) }] };
  });
}
