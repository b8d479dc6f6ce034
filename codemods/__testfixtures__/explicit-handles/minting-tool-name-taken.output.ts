// The file registers a tool named create_basket already (a shared catalogue's template): the tool
// fix adds to mint basket_id takes the next free name, new_basket, not a second create_basket,
// which the SDK refuses with "already registered" on every request (trial 72A B2).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

const carts = handleState<string[]>('carts');
const templates: Record<string, string[]> = {};

export function register(server: McpServer): void {
  server.registerTool('create_basket', { description: 'Save a basket template', inputSchema: { name: z.string(), skus: z.array(z.string()) } }, async ({ name, skus }) => {
    templates[name] = skus;
    return { content: [{ type: 'text', text: `saved ${name}` }] };
  });
  server.registerTool('new_basket', { description: 'Create a new basket and return its basket_id. Pass basket_id to add_item. It expires after 24 hours without use.', outputSchema: { basket_id: z.string().describe('Pass it to add_item') } }, async (extra) => mintHandle(carts, { handle: 'basket_id', initial: [], description: 'Created basket.' }, extra));

  server.registerTool('add_item', { inputSchema: { basket_id: z.string().describe('Handle from new_basket'), sku: z.string() } }, withHandle(carts, { handle: 'basket_id', mintedBy: 'new_basket' }, async ({ basket_id, sku }, _extra) => {
    const cart = carts.get(basket_id) ?? [];
    cart.push(sku);
    carts.set(basket_id, cart);
    return { content: [{ type: 'text', text: cart.join(',') }] };
  }));
}
