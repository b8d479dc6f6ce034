// Tools whose handlers a wrapper builds: the wrapper loads each session's board under the MCP
// session id (its context typed as the SDK's, whatever it is called) and refuses to run without one.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { CallToolResult, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

type Board = { cells: string[] };
// TODO(mcp-migrate): boards is keyed by the MCP session id in onBoard(), which wraps the handler of
// tool mark; 2026-07-28 requests carry no session id, so every call finds nothing (or fails):
// explicit-handles cannot rewrite through a wrapper. Give the tool a handle argument by hand (in
// its input schema), have the wrapper read it from the arguments, and keep the state under it in a
// shared store (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const boards = new Map<string, Board>();

function onBoard<A>(play: (args: A, board: Board) => Promise<CallToolResult>) {
  return async (args: A, requestContext: RequestHandlerExtra<ServerRequest, ServerNotification>) => {
    if (!requestContext.sessionId) throw new Error('no session');
    let board = boards.get(requestContext.sessionId);
    if (!board) boards.set(requestContext.sessionId, (board = { cells: Array(9).fill('') }));
    return play(args, board);
  };
}

type Ctx = RequestHandlerExtra<ServerRequest, ServerNotification>;
// TODO(mcp-migrate): scores is keyed by the MCP session id in withScore(), which wraps the handler
// of tool score; 2026-07-28 requests carry no session id, so every call finds nothing (or fails):
// explicit-handles cannot rewrite through a wrapper. Give the tool a handle argument by hand (in
// its input schema), have the wrapper read it from the arguments, and keep the state under it in a
// shared store (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const scores = new Map<string, number>();

// The function the SDK calls, declared in the wrapper and returned by name.
function withScore<A>(play: (args: A, score: number) => Promise<CallToolResult>) {
  const run = async (args: A, meta: Ctx) => {
    const score = (scores.get(meta.sessionId ?? '') ?? 0) + 1;
    scores.set(meta.sessionId ?? '', score);
    return play(args, score);
  };
  return run;
}

// A wrapper that only times the call: the tool it wraps keeps nothing.
function timed<A>(run: (args: A) => Promise<CallToolResult>) {
  return async (args: A) => {
    const started = Date.now();
    try {
      return await run(args);
    } finally {
      console.log('took', Date.now() - started);
    }
  };
}

export function createServer() {
  const server = new McpServer({ name: 'tictactoe', version: '1.0.0' });
  server.registerTool('mark', { inputSchema: { cell: z.number() } }, onBoard<{ cell: number }>(async ({ cell }, board) => {
    board.cells[cell] = 'x';
    return { content: [{ type: 'text', text: board.cells.join('|') }] };
  }));
  server.registerTool('score', { inputSchema: { points: z.number() } }, withScore<{ points: number }>(async ({ points }, score) => ({ content: [{ type: 'text', text: `${points} (turn ${score})` }] })));
  server.registerTool('rules', { inputSchema: { lang: z.string() } }, timed<{ lang: string }>(async ({ lang }) => ({ content: [{ type: 'text', text: `three in a row (${lang})` }] })));
  return server;
}
