// Per-session state kept by an object of a small store class (trial 78B B5): `boards` is a
// module-level object of `Slots`, whose Map `bySession` keeps each session's board. explicit-handles
// does not rewrite what an object keeps in its fields, so it leaves it, and says so (not "no
// module-level collection", which it is) in every tool that uses it, each by its own call shape:
// a set, a get on the session id read in place, one read through a local first. `ping` uses no
// state and `greet` an object of the same class keyed by its own argument: no marker there.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

interface Board {
  cells: string[];
}

class Slots<T> {
  // TODO(mcp-migrate): bySession holds values of type T, declared outside this file:
  // explicit-handles cannot see whether that is plain JSON, so it leaves it. If it is data, key it
  // by an explicit handle in a shared store by hand; if it holds live objects, keep the live object
  // on one instance and route each call by its handle, not by session (x-mcp-header on the handle
  // argument lets a gateway do that). Until then, every request without a session id (each
  // 2026-07-28 request, and each request once the transport is stateless) reads and writes the same
  // entry, so callers see each other's state
  // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
  private readonly bySession = new Map<string, T>();
  constructor(private readonly fresh: () => T) {}
  get(key: string): T {
    let value = this.bySession.get(key);
    if (value === undefined) {
      value = this.fresh();
      this.bySession.set(key, value);
    }
    return value;
  }
  set(key: string, value: T): void {
    this.bySession.set(key, value);
  }
}

export const boards = new Slots<Board>(() => ({ cells: [] }));
const greetings = new Slots<string>(() => 'hello');

export function registerBoardTools(server: McpServer) {
  server.registerTool('new_board', { description: 'Start an empty board', inputSchema: { size: z.number() } }, async ({ size }, extra) => {
    // TODO(mcp-migrate): boards is an object of class Slots (of this module), whose Map bySession
    // keeps its entries under the MCP session id: explicit-handles rewrites a Map or object a
    // module declares, not what an object of a class keeps in its fields, so it leaves it. Replace
    // the object by a Map declared here and run fix again, or give the tools that use it an
    // explicit handle argument and key boards by it in a shared store by hand
    // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
    boards.set(extra.sessionId!, { cells: Array(size).fill('.') });
    return { content: [{ type: 'text', text: `board of ${size}` }] };
  });
  server.registerTool('place', { description: 'Place a piece', inputSchema: { at: z.number(), piece: z.string() } }, async ({ at, piece }, extra) => {
    // TODO(mcp-migrate): boards is an object of class Slots (of this module), whose Map bySession
    // keeps its entries under the MCP session id: explicit-handles rewrites a Map or object a
    // module declares, not what an object of a class keeps in its fields, so it leaves it. Replace
    // the object by a Map declared here and run fix again, or give the tools that use it an
    // explicit handle argument and key boards by it in a shared store by hand
    // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
    const board = boards.get(extra.sessionId!);
    board.cells[at] = piece;
    return { content: [{ type: 'text', text: board.cells.join('') }] };
  });
  server.registerTool('show_board', { description: 'Show the board' }, async (extra) => {
    const sid = extra.sessionId!;
    // TODO(mcp-migrate): boards is an object of class Slots (of this module), whose Map bySession
    // keeps its entries under the MCP session id: explicit-handles rewrites a Map or object a
    // module declares, not what an object of a class keeps in its fields, so it leaves it. Replace
    // the object by a Map declared here and run fix again, or give the tools that use it an
    // explicit handle argument and key boards by it in a shared store by hand
    // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
    return { content: [{ type: 'text', text: boards.get(sid).cells.join('') }] };
  });
  server.registerTool('ping', { description: 'Liveness' }, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
  server.registerTool('greet', { description: 'Greet in a language', inputSchema: { lang: z.string() } }, async ({ lang }) => ({ content: [{ type: 'text', text: greetings.get(lang) }] }));
}
