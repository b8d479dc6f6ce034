// Key helpers explicit-handles cannot turn into the handle (review 72): one joins the session id
// with a kind (two entries per conversation, which one handle would collapse into one), the other
// also records when the session was last seen (a change of its own, keyed by the id, that nothing
// would rewrite). Both states are left as they are, marked.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const drafts = new Map<string, string>();
const carts = new Map<string, string[]>();
// TODO(mcp-migrate): lastSeen is keyed by the MCP session id, and the tools read the key through
// keyFor(extra), a helper that takes the handler's context and reads extra.sessionId itself:
// explicit-handles turns the session-id reads of tool handlers into the handle, not those of a
// helper, so it left lastSeen unchanged. Have each tool hand the helper the id instead
// (keyFor(extra.sessionId), the helper keying lastSeen by its parameter), or inline the helper,
// then run fix again (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const lastSeen = new Map<string, number>();

function keyOf(extra: { sessionId?: string }, kind: string): string {
  return `${extra.sessionId ?? 'anon'}:${kind}`;
}

function keyFor(extra: { sessionId?: string }): string {
  const id = extra.sessionId ?? 'anon';
  lastSeen.set(id, Date.now());
  return id;
}

export function register(server: McpServer) {
  server.registerTool('save_draft', { inputSchema: { title: z.string(), body: z.string() } }, async ({ title, body }, extra) => {
    // TODO(mcp-migrate): drafts is keyed here by keyOf(extra, 'title'), which explicit-handles
    // cannot turn into the handle: it left drafts unchanged. Give the tools an explicit handle
    // argument and key drafts by it in a shared store by hand
    // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
    drafts.set(keyOf(extra, 'title'), title);
    drafts.set(keyOf(extra, 'body'), body);
    return { content: [{ type: 'text', text: 'saved' }] };
  });
  server.registerTool('show_draft', { inputSchema: {} }, async (_args, extra) => ({ content: [{ type: 'text', text: `${drafts.get(keyOf(extra, 'title'))}\n${drafts.get(keyOf(extra, 'body'))}` }] }));
  server.registerTool('add_item', { inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {
    // TODO(mcp-migrate): carts is keyed here by keyFor(extra), which explicit-handles cannot turn
    // into the handle: it left carts unchanged. Give the tools an explicit handle argument and key
    // carts by it in a shared store by hand
    // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
    const cart = carts.get(keyFor(extra)) ?? [];
    cart.push(sku);
    carts.set(keyFor(extra), cart);
    return { content: [{ type: 'text', text: 'ok' }] };
  });
  server.registerTool('view_cart', { inputSchema: {} }, async (_args, extra) => ({ content: [{ type: 'text', text: JSON.stringify(carts.get(keyFor(extra)) ?? []) }] }));
}
