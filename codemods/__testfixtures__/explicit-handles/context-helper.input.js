// Tools that read their state through a helper of the module handed the handler's context
// (trial 77B B3): `currentGame(meta)` reads `games[meta.sessionId]` itself. The marker says so, at
// the state, where a run said the key came from the modules that import this one.
'use strict';

/** @type {Record<string, { index: number, score: number }>} */
const games = {};

function currentGame(meta) {
  return games[meta.sessionId];
}

function registerQuizTools(server) {
  server.tool('start_quiz', 'Start a quiz', {}, async (_args, meta) => {
    games[meta.sessionId] = { index: 0, score: 0 };
    return { content: [{ type: 'text', text: 'Q1' }] };
  });
  server.tool('score', 'Current score', {}, async (_args, meta) => {
    const game = currentGame(meta);
    if (!game) return { isError: true, content: [{ type: 'text', text: 'no quiz running' }] };
    return { content: [{ type: 'text', text: JSON.stringify(game) }] };
  });
}

module.exports = { registerQuizTools };
