// Trial 76B B8 on Hono: the branch for a request no transport was found for refuses a session id
// it does not know with Hono's own answer, the status second (`if (sid) return c.json({...}, 404)`).
// Moved out of the dispatch it answered 404 to every request that carries Mcp-Session-Id, which a
// stateless server ignores: it goes with the dispatch. The route's own 404 for a board it does not
// have (`c.text(..., 404)` on a header of its own, no session) stays.
import { Hono } from 'hono';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

const byId = new Map<string, WebStandardStreamableHTTPServerTransport>();
const boards = new Set(['kanban', 'roadmap']);

function boardServer() {
  return new McpServer({ name: 'boards', version: '0.4.0' });
}

const app = new Hono();
app.all('/mcp', async (c) => {
  const board = c.req.header('x-board');
  if (board && !boards.has(board)) return c.text('no such board', 404);
  const sid = c.req.header('mcp-session-id');
  let transport = sid ? byId.get(sid) : undefined;
  if (!transport) {
    if (sid) return c.json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null }, 404);
    transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => crypto.randomUUID(),
      onsessioninitialized: (id) => {
        byId.set(id, transport!);
      },
    });
    await boardServer().connect(transport);
  }
  return transport.handleRequest(c.req.raw);
});

export default app;
