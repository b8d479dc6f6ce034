// Per-session state this file keys but does not declare (trial 76B B2): `orders` is another
// module's, imported by its name, and its marker says so (and where it comes from, as far as this
// file alone tells: its specifier); `notes`, handed in as a parameter, is in a shape explicit-handles
// cannot follow.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { orders } from './store.js';

// TODO(mcp-migrate): notes is keyed by the MCP session id in a shape explicit-handles cannot follow
// (not a module-level collection): give it an explicit handle argument and a shared store by hand
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
export function register(server: McpServer, notes: Map<string, string[]>) {
  server.tool('order', 'Place an order', { sku: z.string() }, async ({ sku }, extra) => {
    // TODO(mcp-migrate): orders is a collection of another module (imported from ./store.js), keyed
    // here by the MCP session id: explicit-handles moves such a collection together with the tools
    // of the modules that use it only where each of them uses it in tool handlers, by a session-id
    // read, and the tools keep no other state (a run decides for all of them at once), so it leaves
    // it. Keep the collection in the same module as the tools that use it and run fix again, or
    // give those tools an explicit handle argument and key orders by it in a shared store by hand
    // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
    const placed = orders.get(extra.sessionId!) ?? [];
    placed.push(sku);
    orders.set(extra.sessionId!, placed);
    notes.set(extra.sessionId!, [`ordered ${sku}`]);
    return { content: [{ type: 'text', text: `${placed.length} orders` }] };
  });
}
