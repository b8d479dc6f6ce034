// A key found by the session id, not the id itself (review 73): `parentOf.get(sid) ?? sid` names
// another conversation's cart, which the handle store would never load, so the carts stay, marked.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const carts = new Map<string, string[]>();
const parents = new Map<string, string>();

export function register(server: McpServer) {
  server.registerTool('add_item', { inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {
    const cart = carts.get(extra.sessionId!) ?? [];
    cart.push(sku);
    carts.set(extra.sessionId!, cart);
    return { content: [{ type: 'text', text: 'ok' }] };
  });
  server.registerTool('view_cart', { inputSchema: {} }, async (_args, extra) => {
    const sid = extra.sessionId!;
    const owner = parents.get(sid) ?? sid;
    return { content: [{ type: 'text', text: JSON.stringify(carts.get(owner) ?? []) }] };
  });
}
