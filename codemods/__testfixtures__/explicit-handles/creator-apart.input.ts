// A game a tool of its own starts (new_game, a new game on each call) and a language the player
// chose, both kept under the session id (trial 53A): the game takes the handle new_game mints, the
// language one of its own, so starting a game does not drop the language.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

interface Game {
  secret: number;
  guesses: number;
}

const games = new Map<string, Game>();
const languages = new Map<string, string>();

export function register(server: McpServer) {
  server.registerTool('new_game', { description: 'Start a game' }, async (extra) => {
    games.set(extra.sessionId!, { secret: Math.floor(Math.random() * 100), guesses: 0 });
    return { content: [{ type: 'text', text: 'started' }] };
  });

  server.registerTool('guess', { inputSchema: { n: z.number() } }, async ({ n }, extra) => {
    const game = games.get(extra.sessionId!);
    if (!game) return { content: [{ type: 'text', text: 'no game' }], isError: true };
    game.guesses++;
    games.set(extra.sessionId!, game);
    return { content: [{ type: 'text', text: n === game.secret ? 'right' : n < game.secret ? 'higher' : 'lower' }] };
  });

  server.registerTool('set_language', { inputSchema: { language: z.string() } }, async ({ language }, extra) => {
    languages.set(extra.sessionId!, language);
    return { content: [{ type: 'text', text: 'ok' }] };
  });

  server.registerTool('language', { description: 'The language chosen' }, async (extra) => ({
    content: [{ type: 'text', text: languages.get(extra.sessionId!) ?? 'en' }],
  }));
}
