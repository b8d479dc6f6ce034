// The orders a session placed, and a tool that already takes an order_id, the order to cancel
// (trial 54A): the handle for the list gets a name of its own, order_list_id, as one argument
// cannot be both the handle and the order.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

const orders = handleState<string[]>('orders');

export function register(server: McpServer) {
  server.tool('create_order_list', 'Create a new order list and return its order_list_id. Pass order_list_id to place_order, cancel_order. One order_list_id holds a whole list: call create_order_list once, not once per item. It expires after 24 hours without use.', async (extra) => mintHandle(orders, { handle: 'order_list_id', initial: [], description: 'Created order list.' }, extra));

  server.tool('place_order', 'Place an order', { order_list_id: z.string().describe('Handle from create_order_list'), product: z.string() }, withHandle(orders, { handle: 'order_list_id', mintedBy: 'create_order_list' }, async ({ order_list_id, product }, _extra) => {
    const list = orders.get(order_list_id) ?? [];
    list.push(`${product}-${list.length + 1}`);
    orders.set(order_list_id, list);
    return { content: [{ type: 'text', text: 'placed' }] };
  }));

  server.tool('cancel_order', 'Cancel one of your orders', { order_list_id: z.string().describe('Handle from create_order_list'), order_id: z.string().describe('An order id place_order named') }, withHandle(orders, { handle: 'order_list_id', mintedBy: 'create_order_list' }, async ({ order_list_id, order_id }, _extra) => {
    const list = orders.get(order_list_id) ?? [];
    if (!list.includes(order_id)) return { content: [{ type: 'text', text: `no order ${order_id}` }], isError: true };
    orders.set(order_list_id, list.filter((o) => o !== order_id));
    return { content: [{ type: 'text', text: 'cancelled' }] };
  }));
}
