// Live objects per session, which explicit-handles leaves (trial 78A B10). Where every use of the
// state by the session id refuses a request that has none (a getter that throws, a tool that
// answers an error first, a write only done when there is one, a helper that throws when the id
// it is handed is missing), its marker says those calls fail: no entry is shared. The look-alikes
// still share one: a fallback key, a read with no test of the id, and the same helper handed a
// fallback (its test never fails).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

class Board {
  cells: string[] = [];
  place(cell: string) {
    this.cells.push(cell);
    return this.cells.length;
  }
}

// TODO(mcp-migrate): boards is keyed by the MCP session id, and explicit-handles leaves it for 2
// reasons, each to deal with before it can move it: (1) it holds values of type Board, which is not
// plain JSON; (2) the tools read its key through boardOf(extra), a helper that takes the handler's
// context and reads extra.sessionId itself (hand it extra.sessionId instead, or inline it). Until
// then, every request without a session id fails where it needs it.
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const boards = new Map<string, Board>();
// TODO(mcp-migrate): scores holds values of type Board, which is not plain JSON: explicit-handles
// cannot move it into a shared store. Store only its serialisable data by handle, or keep the live
// object on one instance and route each call by its handle, not by session (x-mcp-header on the
// handle argument lets a gateway do that). Until then, every request without a session id (each
// 2026-07-28 request, and each request once the transport is stateless) fails where it needs this
// state: the code refuses a request that has none
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const scores = new Map<string, Board>();
// TODO(mcp-migrate): sketches holds values of type Board, which is not plain JSON: explicit-handles
// cannot move it into a shared store. Store only its serialisable data by handle, or keep the live
// object on one instance and route each call by its handle, not by session (x-mcp-header on the
// handle argument lets a gateway do that). Until then, every request without a session id (each
// 2026-07-28 request, and each request once the transport is stateless) reads and writes the same
// entry, so callers see each other's state
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const sketches = new Map<string, Board>();
// TODO(mcp-migrate): drafts holds values of type Board, which is not plain JSON: explicit-handles
// cannot move it into a shared store. Store only its serialisable data by handle, or keep the live
// object on one instance and route each call by its handle, not by session (x-mcp-header on the
// handle argument lets a gateway do that). Until then, every request without a session id (each
// 2026-07-28 request, and each request once the transport is stateless) reads and writes the same
// entry, so callers see each other's state
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const drafts = new Map<string, Board>();
// TODO(mcp-migrate): pads holds values of type Board, which is not plain JSON: explicit-handles
// cannot move it into a shared store. Store only its serialisable data by handle, or keep the live
// object on one instance and route each call by its handle, not by session (x-mcp-header on the
// handle argument lets a gateway do that). Until then, every request without a session id (each
// 2026-07-28 request, and each request once the transport is stateless) fails where it needs this
// state: the code refuses a request that has none
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const pads = new Map<string, Board>();
// TODO(mcp-migrate): notes holds values of type Board, which is not plain JSON: explicit-handles
// cannot move it into a shared store. Store only its serialisable data by handle, or keep the live
// object on one instance and route each call by its handle, not by session (x-mcp-header on the
// handle argument lets a gateway do that). Until then, every request without a session id (each
// 2026-07-28 request, and each request once the transport is stateless) reads and writes the same
// entry, so callers see each other's state
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const notes = new Map<string, Board>();

function padOf(sid: string | undefined): Board {
  if (!sid) throw new Error('no session');
  const pad = pads.get(sid) ?? new Board();
  pads.set(sid, pad);
  return pad;
}

function noteOf(sid: string | undefined): Board {
  if (!sid) throw new Error('no session');
  const note = notes.get(sid) ?? new Board();
  notes.set(sid, note);
  return note;
}

function boardOf(extra: Extra): Board {
  const board = extra.sessionId ? boards.get(extra.sessionId) : undefined;
  if (!board) throw new Error('no board for this session; call start first');
  return board;
}

export function register(server: McpServer) {
  server.tool('start', 'Start a board', async (extra) => {
    if (!extra.sessionId) return { isError: true, content: [{ type: 'text', text: 'no session' }] };
    boards.set(extra.sessionId, new Board());
    return { content: [{ type: 'text', text: 'started' }] };
  });
  server.tool('keep_score', 'Keep the score', async (extra) => {
    if (extra.sessionId) scores.set(extra.sessionId, new Board());
    return { content: [{ type: 'text', text: 'keeping score' }] };
  });
  server.tool('score', 'Score a piece', { cell: z.string() }, async ({ cell }, extra) => {
    const sid = extra.sessionId;
    if (!sid) throw new Error('no session');
    const score = scores.get(sid);
    return { content: [{ type: 'text', text: String(score?.place(cell) ?? 0) }] };
  });
  server.tool('place', 'Place a piece', { cell: z.string() }, async ({ cell }, extra) => {
    const placed = boardOf(extra).place(cell);
    return { content: [{ type: 'text', text: String(placed) }] };
  });
  server.tool('sketch', 'Sketch a piece', { cell: z.string() }, async ({ cell }, extra) => {
    const key = extra.sessionId ?? 'anon';
    const sketch = sketches.get(key) ?? new Board();
    sketches.set(key, sketch);
    return { content: [{ type: 'text', text: String(sketch.place(cell)) }] };
  });
  server.tool('draft', 'Draft a piece', { cell: z.string() }, async ({ cell }, extra) => {
    const draft = drafts.get(extra.sessionId as string);
    if (!draft) throw new Error('no draft');
    return { content: [{ type: 'text', text: String(draft.place(cell)) }] };
  });
  server.tool('pad', 'Pad a piece', { cell: z.string() }, async ({ cell }, extra) => {
    return { content: [{ type: 'text', text: String(padOf(extra.sessionId).place(cell)) }] };
  });
  server.tool('note', 'Note a piece', { cell: z.string() }, async ({ cell }, extra) => {
    return { content: [{ type: 'text', text: String(noteOf(extra.sessionId ?? 'anon').place(cell)) }] };
  });
}
