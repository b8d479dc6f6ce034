// On --target 2026-07-28 the run that leaves a request to the client is the one the sdk-v1 marker
// points to: its marker says the rewrite is by hand, and how (trial 78A B4).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const orders = new Map<string, string[]>();

export function register(server: McpServer) {
  server.tool('add_line', 'Add an order line', { item: z.string() }, async ({ item }, extra) => {
    const lines = orders.get(extra.sessionId!) ?? [];
    lines.push(item);
    orders.set(extra.sessionId!, lines);
    return { content: [{ type: 'text', text: `${lines.length} lines` }] };
  });

  server.tool('place_order', 'Place the order after confirming', async (extra) => {
    const answer = await server.server.elicitInput({ message: 'Place the order?', requestedSchema: { type: 'object', properties: {} } });
    if (answer.action !== 'accept') return { content: [{ type: 'text', text: 'Not placed' }] };
    return { content: [{ type: 'text', text: `Placed: ${(orders.get(extra.sessionId!) ?? []).join(', ')}` }] };
  });
}
