// A game a tool of its own starts (new_game, a new game on each call) and a language the player
// chose, both kept under the session id (trial 53A): the game takes the handle new_game mints, the
// language one of its own, so starting a game does not drop the language.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle } from './mcp-state.js';

interface Game {
  secret: number;
  guesses: number;
}

const games = handleState<Game>('games');
const languages = handleState<string>('languages');

export function register(server: McpServer) {
  server.registerTool('new_game', { description: 'Start a game. Returns game_id: pass it to guess.', outputSchema: { game_id: z.string().describe('Pass it to guess') } }, mintingHandle(games, { handle: 'game_id', initial: { secret: 0, guesses: 0 } }, async ({ game_id }, _extra) => {
    games.set(game_id, { secret: Math.floor(Math.random() * 100), guesses: 0 });
    return { content: [{ type: 'text', text: 'started' }] };
  }));

  server.registerTool('guess', { inputSchema: { game_id: z.string().describe('Handle from new_game'), n: z.number() } }, withHandle(games, { handle: 'game_id', mintedBy: 'new_game' }, async ({ game_id, n }, _extra) => {
    const game = games.get(game_id);
    if (!game) return { content: [{ type: 'text', text: 'no game' }], isError: true };
    game.guesses++;
    games.set(game_id, game);
    return { content: [{ type: 'text', text: n === game.secret ? 'right' : n < game.secret ? 'higher' : 'lower' }] };
  }));

  server.registerTool('set_language', { description: 'Returns language_id: pass it to language.', inputSchema: { language: z.string() }, outputSchema: { language_id: z.string().describe('Pass it to language') } }, mintingHandle(languages, { handle: 'language_id', initial: '' }, async ({ language_id, language }, _extra) => {
    languages.set(language_id, language);
    return { content: [{ type: 'text', text: 'ok' }] };
  }));

  server.registerTool('language', { description: 'The language chosen', inputSchema: { language_id: z.string().describe('Handle from set_language') } }, withHandle(languages, { handle: 'language_id', mintedBy: 'set_language' }, async ({ language_id }, _extra) => ({
    content: [{ type: 'text', text: languages.get(language_id) ?? 'en' }],
  })));
}
