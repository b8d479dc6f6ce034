// On --target 2026-07-28 the run that leaves a request to the client is the one the sdk-v1 marker
// points to: its marker says the rewrite is by hand, and how (trial 78A B4).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

const orders = handleState<string[]>('orders');

export function register(server: McpServer) {
  server.tool('create_order', 'Create a new order and return its order_id. Pass order_id to add_line, place_order. One order_id holds a whole list: call create_order once, not once per item. It expires after 24 hours without use.', async (extra) => mintHandle(orders, { handle: 'order_id', initial: [], description: 'Created order.' }, extra));

  server.tool('add_line', 'Add an order line', { order_id: z.string().describe('Handle from create_order'), item: z.string() }, withHandle(orders, { handle: 'order_id', mintedBy: 'create_order' }, async ({ order_id, item }, _extra) => {
    const lines = orders.get(order_id) ?? [];
    lines.push(item);
    orders.set(order_id, lines);
    return { content: [{ type: 'text', text: `${lines.length} lines` }] };
  }));

  server.tool('place_order', 'Place the order after confirming', { order_id: z.string().describe('Handle from create_order') }, withHandle(orders, { handle: 'order_id', mintedBy: 'create_order' }, async ({ order_id }, _extra) => {
    // TODO(mcp-migrate): elicitInput() asks the client mid-call, and fails on every request until
    // rewritten: a server built per request (a stateless transport) never sees initialize, so it
    // knows no client capabilities (the SDK's error says the client does not support the request,
    // whatever it declared), and it keeps no stream for the answer. Rewrite it by hand (fix does
    // not rewrite it, on this target either) to the 2026-07-28 multi-round-trip shape: return
    // inputRequired({ inputRequests: { ... }, requestState }) instead of asking, and when the
    // client calls again with its answers read them from ctx.mcpReq.inputResponses
    // (acceptedContent(...) for an elicitation), resuming from requestState
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr)
    const answer = await server.server.elicitInput({ message: 'Place the order?', requestedSchema: { type: 'object', properties: {} } });
    if (answer.action !== 'accept') return { content: [{ type: 'text', text: 'Not placed' }] };
    return { content: [{ type: 'text', text: `Placed: ${(orders.get(order_id) ?? []).join(', ')}` }] };
  }));
}
