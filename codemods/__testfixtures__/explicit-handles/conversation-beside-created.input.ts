// A game new_game starts beside a cart and a wishlist the session kept (review 69): the game takes
// the handle new_game mints; the cart and the wishlist, which no tool starts, share the
// conversation's handle, as they shared the session.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const games = new Map<string, number>();
const carts = new Map<string, string[]>();
const wishlists = new Map<string, string[]>();

export function register(server: McpServer) {
  server.registerTool('new_game', { description: 'Start a game' }, async (extra) => {
    games.set(extra.sessionId!, 0);
    return { content: [{ type: 'text', text: 'started' }] };
  });

  server.registerTool('score', { description: 'The score' }, async (extra) => ({
    content: [{ type: 'text', text: String(games.get(extra.sessionId!) ?? 0) }],
  }));

  server.registerTool('add_item', { inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {
    carts.set(extra.sessionId!, [...(carts.get(extra.sessionId!) ?? []), sku]);
    return { content: [{ type: 'text', text: 'added' }] };
  });

  server.registerTool('wish', { inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {
    wishlists.set(extra.sessionId!, [...(wishlists.get(extra.sessionId!) ?? []), sku]);
    return { content: [{ type: 'text', text: 'wished' }] };
  });
}
