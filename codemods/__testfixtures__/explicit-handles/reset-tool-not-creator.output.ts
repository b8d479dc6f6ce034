// A tool that empties what the session has (it only sets the entry, as a creator does) is no
// creator (trial 63A B1: "Empty your cart" minted a new cart and left the caller's as it was): it
// takes the handle like the others, and create_basket mints it. A tool that starts a new game,
// setting its entry, stays the one that mints.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle, mintHandle } from './mcp-state.js';

const carts = handleState<string[]>('carts');
const games = handleState<number>('games');

export function register(server: McpServer) {
  server.registerTool('create_basket', { description: 'Create a new basket and return its basket_id. Pass basket_id to add_item, view_cart, clear_cart. It expires after 24 hours without use.' }, async () => mintHandle(carts, { handle: 'basket_id', initial: [], description: 'Created basket.' }));

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

  server.registerTool('start_game', { description: 'Start a game. Returns game_id: pass it to play.' }, mintingHandle(games, { handle: 'game_id', initial: 0 }, async ({ game_id }, _extra) => {
    games.set(game_id, 0);
    return { content: [{ type: 'text', text: 'started' }] };
  }));
  server.registerTool('play', { description: 'Score a point', inputSchema: { game_id: z.string().describe('Handle from start_game') } }, withHandle(games, { handle: 'game_id', mintedBy: 'start_game' }, async ({ game_id }, _extra) => {
    games.set(game_id, (games.get(game_id) ?? 0) + 1);
    return { content: [{ type: 'text', text: String(games.get(game_id)) }] };
  }));
}
