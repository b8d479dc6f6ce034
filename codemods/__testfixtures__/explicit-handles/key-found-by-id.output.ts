// A key found by the session id, not the id itself (review 73): `parentOf.get(sid) ?? sid` names
// another conversation's cart, which the handle store would never load, so the carts stay, marked.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

const carts = new Map<string, string[]>();
const parents = handleState<string>('parents');

export function register(server: McpServer) {
  server.registerTool('add_item', { inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {
    const cart = carts.get(extra.sessionId!) ?? [];
    cart.push(sku);
    carts.set(extra.sessionId!, cart);
    return { content: [{ type: 'text', text: 'ok' }] };
  });
  server.registerTool('create_parent', { description: 'Create a new parent and return its parent_id. Pass parent_id to view_cart. It expires after 24 hours without use.', outputSchema: { parent_id: z.string().describe('Pass it to view_cart') } }, async (extra) => mintHandle(parents, { handle: 'parent_id', initial: '', description: 'Created parent.' }, extra));

  server.registerTool('view_cart', { inputSchema: { parent_id: z.string().describe('Handle from create_parent') } }, withHandle(parents, { handle: 'parent_id', mintedBy: 'create_parent' }, async ({ parent_id }, _extra) => {
    const sid = parent_id;
    const owner = parents.get(sid) ?? sid;
    // TODO(mcp-migrate): carts is keyed here by owner, which explicit-handles cannot turn into the
    // handle: it left carts unchanged. Give the tools an explicit handle argument and key carts by
    // it in a shared store by hand
    // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
    return { content: [{ type: 'text', text: JSON.stringify(carts.get(owner) ?? []) }] };
  }));
}
