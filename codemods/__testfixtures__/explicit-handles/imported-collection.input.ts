// Per-session state this file keys but does not declare (trial 76B B2): `orders` is another
// module's, imported by its name, and its marker says so (and where it comes from, as far as this
// file alone tells: its specifier); `notes`, handed in as a parameter, is in a shape explicit-handles
// cannot follow.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { orders } from './store.js';

export function register(server: McpServer, notes: Map<string, string[]>) {
  server.tool('order', 'Place an order', { sku: z.string() }, async ({ sku }, extra) => {
    const placed = orders.get(extra.sessionId!) ?? [];
    placed.push(sku);
    orders.set(extra.sessionId!, placed);
    notes.set(extra.sessionId!, [`ordered ${sku}`]);
    return { content: [{ type: 'text', text: `${placed.length} orders` }] };
  });
}
