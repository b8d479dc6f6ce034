// `--handle-name carts=sku` where add_item already takes and reads `sku` (the item to add): the
// handle cannot also be that argument, so the state is left for a person with a marker (trial 72A B3).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

// TODO(mcp-migrate): carts is keyed by the MCP session id; --handle-name carts=sku names its handle
// sku, but the tool add_item already takes sku as an argument of its own, which cannot also be the
// handle, so explicit-handles left it unchanged: choose another name (without --handle-name it
// would be basket_id) (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const carts = new Map<string, string[]>();

function cartOf(sid: string): string[] {
  let cart = carts.get(sid);
  if (!cart) {
    cart = [];
    carts.set(sid, cart);
  }
  return cart;
}

export function buildServer(): McpServer {
  const server = new McpServer({ name: 'shop', version: '1.0.0' });
  server.registerTool('add_item', { description: 'Add an item', inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {
    cartOf(extra.sessionId!).push(sku);
    return { content: [{ type: 'text', text: `cart: ${cartOf(extra.sessionId!).join(',')}` }] };
  });
  server.registerTool('view_cart', { description: 'Show the cart', inputSchema: {} }, async (_args, extra) => ({
    content: [{ type: 'text', text: cartOf(extra.sessionId!).join(',') }],
  }));
  return server;
}
