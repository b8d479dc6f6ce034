// A game new_game starts beside a cart and a wishlist the session kept (review 69): the game takes
// the handle new_game mints; the cart and the wishlist, which no tool starts, share the
// conversation's handle, as they shared the session.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle, mintHandle } from './mcp-state.js';

const games = handleState<number>('games');
const carts = handleState<string[]>('carts');
const wishlists = handleState<string[]>('wishlists');

export function register(server: McpServer) {
  server.registerTool('new_game', { description: 'Start a game. Returns game_id: pass it to score.', outputSchema: { game_id: z.string().describe('Pass it to score') } }, mintingHandle(games, { handle: 'game_id', initial: 0 }, async ({ game_id }, _extra) => {
    games.set(game_id, 0);
    return { content: [{ type: 'text', text: 'started' }] };
  }));

  server.registerTool('score', { description: 'The score', inputSchema: { game_id: z.string().describe('Handle from new_game') } }, withHandle(games, { handle: 'game_id', mintedBy: 'new_game' }, async ({ game_id }, _extra) => ({
    content: [{ type: 'text', text: String(games.get(game_id) ?? 0) }],
  })));

  server.registerTool('create_basket', { description: 'Create a new basket and return its basket_id. Pass basket_id to add_item, wish. It expires after 24 hours without use.', outputSchema: { basket_id: z.string().describe('Pass it to add_item, wish') } }, async (extra) => mintHandle(carts, { handle: 'basket_id', initial: [], description: 'Created basket.' }, extra));

  server.registerTool('add_item', { inputSchema: { basket_id: z.string().describe('Handle from create_basket'), sku: z.string() } }, withHandle([carts, wishlists], { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id, sku }, _extra) => {
    carts.set(basket_id, [...(carts.get(basket_id) ?? []), sku]);
    return { content: [{ type: 'text', text: 'added' }] };
  }));

  server.registerTool('wish', { inputSchema: { basket_id: z.string().describe('Handle from create_basket'), sku: z.string() } }, withHandle([carts, wishlists], { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id, sku }, _extra) => {
    wishlists.set(basket_id, [...(wishlists.get(basket_id) ?? []), sku]);
    return { content: [{ type: 'text', text: 'wished' }] };
  }));
}
