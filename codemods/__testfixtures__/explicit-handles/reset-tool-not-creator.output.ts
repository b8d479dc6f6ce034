// A tool that empties what the session has (it only sets the entry, as a creator does) is no
// creator (trial 63A B1: "Empty your cart" minted a new cart and left the caller's as it was): it
// takes the handle like the others, and create_basket mints it. A tool that starts a new game,
// setting its entry, stays the one that mints, and so does one that creates an empty list
// (review 81 point 2: `create_empty_order` read as a reset).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle, mintHandle } from './mcp-state.js';

const carts = handleState<string[]>('carts');
const games = handleState<number>('games');
const orders = handleState<string[]>('orders');
const stops = handleState<number>('stops');

export function register(server: McpServer) {
  server.registerTool('create_basket', { description: 'Create a new basket and return its basket_id. Pass basket_id to add_item, view_cart, clear_cart. It expires after 24 hours without use.', outputSchema: { basket_id: z.string().describe('Pass it to add_item, view_cart, clear_cart') } }, async (extra) => mintHandle(carts, { handle: 'basket_id', initial: [], description: 'Created basket.' }, extra));

  server.registerTool('add_item', { description: 'Add an item to your cart', inputSchema: { basket_id: z.string().describe('Handle from create_basket'), sku: z.string() } }, withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id, sku }, _extra) => {
    const cart = carts.get(basket_id) ?? [];
    cart.push(sku);
    carts.set(basket_id, cart);
    return { content: [{ type: 'text', text: `cart has ${cart.length}` }] };
  }));
  server.registerTool('view_cart', { description: 'Show your cart', inputSchema: { basket_id: z.string().describe('Handle from create_basket') } }, withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id }, _extra) => ({ content: [{ type: 'text', text: JSON.stringify(carts.get(basket_id) ?? []) }] })));
  server.registerTool('clear_cart', { description: 'Empty your cart', inputSchema: { basket_id: z.string().describe('Handle from create_basket') } }, withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id }, _extra) => {
    carts.set(basket_id, []);
    return { content: [{ type: 'text', text: 'cart emptied' }] };
  }));

  server.registerTool('start_game', { description: 'Start a game. Returns game_id: pass it to arcade_reset_game, play.', outputSchema: { game_id: z.string().describe('Pass it to arcade_reset_game, play') } }, mintingHandle(games, { handle: 'game_id', initial: 0 }, async ({ game_id }, _extra) => {
    games.set(game_id, 0);
    return { content: [{ type: 'text', text: 'started' }] };
  }));
  server.registerTool('create_empty_order', { description: 'Start an order. Returns order_id: pass it to order_add.', outputSchema: { order_id: z.string().describe('Pass it to order_add') } }, mintingHandle(orders, { handle: 'order_id', initial: [] }, async ({ order_id }, _extra) => {
    orders.set(order_id, []);
    return { content: [{ type: 'text', text: 'order started' }] };
  }));
  server.registerTool('order_add', { description: 'Add to the order', inputSchema: { order_id: z.string().describe('Handle from create_empty_order'), item: z.string() } }, withHandle(orders, { handle: 'order_id', mintedBy: 'create_empty_order' }, async ({ order_id, item }, _extra) => {
    orders.set(order_id, [...(orders.get(order_id) ?? []), item]);
    return { content: [{ type: 'text', text: String(orders.get(order_id)!.length) }] };
  }));
  // A namespaced reset (review 82 point 2): a reset all the same, so start_game still mints.
  server.registerTool('arcade_reset_game', { description: 'Reset the score', inputSchema: { game_id: z.string().describe('Handle from start_game') } }, withHandle(games, { handle: 'game_id', mintedBy: 'start_game' }, async ({ game_id }, _extra) => {
    games.set(game_id, 0);
    return { content: [{ type: 'text', text: 'reset' }] };
  }));
  // A verb that does something else, whatever nouns follow (review 83 point 2): set_stop_loss starts the order.
  server.registerTool('set_stop_loss', { description: 'Set a stop loss. Returns stop_id: pass it to show_stop_loss.', inputSchema: { price: z.number() }, outputSchema: { stop_id: z.string().describe('Pass it to show_stop_loss') } }, mintingHandle(stops, { handle: 'stop_id', initial: 0 }, async ({ stop_id, price }, _extra) => {
    stops.set(stop_id, price);
    return { content: [{ type: 'text', text: 'set' }] };
  }));
  server.registerTool('show_stop_loss', { description: 'Show the stop loss', inputSchema: { stop_id: z.string().describe('Handle from set_stop_loss') } }, withHandle(stops, { handle: 'stop_id', mintedBy: 'set_stop_loss' }, async ({ stop_id }, _extra) => ({ content: [{ type: 'text', text: String(stops.get(stop_id) ?? 'none') }] })));
  server.registerTool('play', { description: 'Score a point', inputSchema: { game_id: z.string().describe('Handle from start_game') } }, withHandle(games, { handle: 'game_id', mintedBy: 'start_game' }, async ({ game_id }, _extra) => {
    games.set(game_id, (games.get(game_id) ?? 0) + 1);
    return { content: [{ type: 'text', text: String(games.get(game_id)) }] };
  }));
}
