// Key helpers explicit-handles cannot turn into the handle (review 72): one joins the session id
// with a kind (two entries per conversation, which one handle would collapse into one), the other
// also records when the session was last seen (a change of its own, keyed by the id, that nothing
// would rewrite). Both states are left as they are, marked.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const drafts = new Map<string, string>();
const carts = new Map<string, string[]>();
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
    drafts.set(keyOf(extra, 'title'), title);
    drafts.set(keyOf(extra, 'body'), body);
    return { content: [{ type: 'text', text: 'saved' }] };
  });
  server.registerTool('show_draft', { inputSchema: {} }, async (_args, extra) => ({ content: [{ type: 'text', text: `${drafts.get(keyOf(extra, 'title'))}\n${drafts.get(keyOf(extra, 'body'))}` }] }));
  server.registerTool('add_item', { inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {
    const cart = carts.get(keyFor(extra)) ?? [];
    cart.push(sku);
    carts.set(keyFor(extra), cart);
    return { content: [{ type: 'text', text: 'ok' }] };
  });
  server.registerTool('view_cart', { inputSchema: {} }, async (_args, extra) => ({ content: [{ type: 'text', text: JSON.stringify(carts.get(keyFor(extra)) ?? []) }] }));
}
