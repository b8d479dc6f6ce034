// The file registers a tool named create_basket already (a shared catalogue's template): the tool
// fix adds to mint basket_id takes the next free name, new_basket, not a second create_basket,
// which the SDK refuses with "already registered" on every request (trial 72A B2).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const carts = new Map<string, string[]>();
const templates: Record<string, string[]> = {};

export function register(server: McpServer): void {
  server.registerTool('create_basket', { description: 'Save a basket template', inputSchema: { name: z.string(), skus: z.array(z.string()) } }, async ({ name, skus }) => {
    templates[name] = skus;
    return { content: [{ type: 'text', text: `saved ${name}` }] };
  });
  server.registerTool('add_item', { inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {
    const cart = carts.get(extra.sessionId!) ?? [];
    cart.push(sku);
    carts.set(extra.sessionId!, cart);
    return { content: [{ type: 'text', text: cart.join(',') }] };
  });
}
