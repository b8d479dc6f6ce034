// Keys made from the session id through locals (review 72): a local of a local, and a `let`
// assigned later. Each is a session-id read the handle replaces, so the state moves.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

const carts = handleState<string[]>('carts');

export function register(server: McpServer) {
  server.registerTool('create_basket', { description: 'Create a new basket and return its basket_id. Pass basket_id to add_item, view_cart. It expires after 24 hours without use.', outputSchema: { basket_id: z.string().describe('Pass it to add_item, view_cart') } }, async (extra) => mintHandle(carts, { handle: 'basket_id', initial: [], description: 'Created basket.' }, extra));

  server.registerTool('add_item', { inputSchema: { basket_id: z.string().describe('Handle from create_basket'), sku: z.string() } }, withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id, sku }, _extra) => {
    const sid = basket_id;
    const key = sid ?? 'anon';
    const cart = carts.get(key) ?? [];
    cart.push(sku);
    carts.set(key, cart);
    return { content: [{ type: 'text', text: 'ok' }] };
  }));
  server.registerTool('view_cart', { inputSchema: { basket_id: z.string().describe('Handle from create_basket') } }, withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id }, _extra) => {
    let key: string;
    key = basket_id;
    return { content: [{ type: 'text', text: JSON.stringify(carts.get(key) ?? []) }] };
  }));
}
