// The same cleanup written as an `if` without braces (review 73): it goes with its `if`, which
// tests nothing else (removed alone, the `if` would not parse); one with an else keeps the else,
// its body an empty block.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

const carts = handleState<string[]>('carts');

export function register(server: McpServer, transport: StreamableHTTPServerTransport) {
  server.registerTool('create_basket', { description: 'Create a new basket and return its basket_id. Pass basket_id to add_item, view_cart. It expires after 24 hours without use.', outputSchema: { basket_id: z.string().describe('Pass it to add_item, view_cart') } }, async (extra) => mintHandle(carts, { handle: 'basket_id', initial: [], description: 'Created basket.' }, extra));

  server.registerTool('add_item', { inputSchema: { basket_id: z.string().describe('Handle from create_basket'), sku: z.string() } }, withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id, sku }, _extra) => {
    const cart = carts.get(basket_id) ?? [];
    cart.push(sku);
    carts.set(basket_id, cart);
    return { content: [{ type: 'text', text: 'ok' }] };
  }));
  server.registerTool('view_cart', { inputSchema: { basket_id: z.string().describe('Handle from create_basket') } }, withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id }, _extra) => ({ content: [{ type: 'text', text: JSON.stringify(carts.get(basket_id) ?? []) }] })));
  transport.onclose = () => {
    if (transport.sessionId) {}
    else console.error('closed without a session');
  };
}
