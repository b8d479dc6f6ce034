// Tools that read their state through a helper of the module handed the handler's context
// (trial 77B B3): `currentGame(meta)` reads `games[meta.sessionId]` itself. The marker says so, at
// the state, where a run said the key came from the modules that import this one.
'use strict';

// TODO(mcp-migrate): games is keyed by the MCP session id, and the tools read the key through
// currentGame(meta), a helper that takes the handler's context and reads meta.sessionId itself:
// explicit-handles turns the session-id reads of tool handlers into the handle, not those of a
// helper, so it left games unchanged. Have each tool hand the helper the id instead
// (currentGame(meta.sessionId), the helper keying games by its parameter), or inline the helper,
// then run fix again (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
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
