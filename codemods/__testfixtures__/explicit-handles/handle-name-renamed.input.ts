// The order to cancel taken under another name (`({ order_id: target })`, review 70): the handler
// reads it, so the handle is named apart, as in handle-name-taken.
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

  server.tool('cancel_order', 'Cancel one of your orders', { order_id: z.string().describe('An order id place_order named') }, async ({ order_id: target }, extra) => {
    const list = orders.get(extra.sessionId!) ?? [];
    if (!list.includes(target)) return { content: [{ type: 'text', text: `no order ${target}` }], isError: true };
    orders.set(extra.sessionId!, list.filter((o) => o !== target));
    return { content: [{ type: 'text', text: 'cancelled' }] };
  });
}
