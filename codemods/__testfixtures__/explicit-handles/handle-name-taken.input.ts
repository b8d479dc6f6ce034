// The orders a session placed, and a tool that already takes an order_id, the order to cancel
// (trial 54A): the handle for the list gets a name of its own, order_list_id, as one argument
// cannot be both the handle and the order.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const orders = new Map<string, string[]>();

export function register(server: McpServer) {
  server.tool('place_order', 'Place an order', { product: z.string() }, async ({ product }, extra) => {
    const list = orders.get(extra.sessionId!) ?? [];
    list.push(`${product}-${list.length + 1}`);
    orders.set(extra.sessionId!, list);
    return { content: [{ type: 'text', text: 'placed' }] };
  });

  server.tool('cancel_order', 'Cancel one of your orders', { order_id: z.string().describe('An order id place_order named') }, async ({ order_id }, extra) => {
    const list = orders.get(extra.sessionId!) ?? [];
    if (!list.includes(order_id)) return { content: [{ type: 'text', text: `no order ${order_id}` }], isError: true };
    orders.set(extra.sessionId!, list.filter((o) => o !== order_id));
    return { content: [{ type: 'text', text: 'cancelled' }] };
  });
}
