// A session id read with a constant fallback (`extra?.sessionId || 'default'`, the shared entry a
// stateless transport's callers all got): the handle that replaces the read is required, so the
// fallback goes with it. A fallback to another variable stays for a person to judge.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

const orders = handleState<string[]>('orders');
const guestKey = process.env.GUEST_KEY ?? 'guest';

export function buildServer() {
  const server = new McpServer({ name: 'cafe', version: '1.0.0' });
  server.registerTool('create_order', { description: 'Create a new order and return its order_id. Pass order_id to order_item, my_order, clear_order. One order_id holds a whole list: call create_order once, not once per item. It expires after 24 hours without use.', outputSchema: { order_id: z.string().describe('Pass it to order_item, my_order, clear_order') } }, async (extra) => mintHandle(orders, { handle: 'order_id', initial: [], description: 'Created order.' }, extra));

  server.registerTool('order_item', { inputSchema: { order_id: z.string().describe('Handle from create_order'), item: z.string() } }, withHandle(orders, { handle: 'order_id', mintedBy: 'create_order' }, async ({ order_id, item }, _extra) => {
    const sessionId = order_id; // whose order
    orders.set(sessionId, [...(orders.get(sessionId) ?? []), item]);
    return { content: [{ type: 'text', text: `${orders.get(sessionId)!.length} item(s)` }] };
  }));
  server.registerTool('my_order', { inputSchema: { order_id: z.string().describe('Handle from create_order') } }, withHandle(orders, { handle: 'order_id', mintedBy: 'create_order' }, async ({ order_id }, _extra) => ({ content: [{ type: 'text', text: (orders.get(order_id) ?? []).join(', ') }] })));
  server.registerTool('clear_order', { inputSchema: { order_id: z.string().describe('Handle from create_order') } }, withHandle(orders, { handle: 'order_id', mintedBy: 'create_order' }, async ({ order_id }, _extra) => {
    orders.delete(order_id || guestKey);
    return { content: [{ type: 'text', text: 'cleared' }] };
  }));
  return server;
}
