// Another module's collection keyed here by the MCP session id, used by two tools (trial 78B B5):
// its marker stands in each of them, at its first use there (not in the first tool only), and
// not in `stock`, which reads another module's collection by its own argument.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { baskets, inventory } from './store.js';

export function register(server: McpServer) {
  server.tool('put', 'Put an item in the basket', { sku: z.string() }, async ({ sku }, extra) => {
    // TODO(mcp-migrate): baskets is a collection of another module (imported from ./store.js),
    // keyed here by the MCP session id: explicit-handles moves such a collection together with the
    // tools of the modules that use it only where each of them uses it in tool handlers, by a
    // session-id read, and the tools keep no other state (a run decides for all of them at once),
    // so it leaves it. Keep the collection in the same module as the tools that use it and run fix
    // again, or give those tools an explicit handle argument and key baskets by it in a shared
    // store by hand (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
    const basket = baskets.get(extra.sessionId!) ?? [];
    basket.push(sku);
    baskets.set(extra.sessionId!, basket);
    return { content: [{ type: 'text', text: `${basket.length} items` }] };
  });
  server.tool('basket', 'Show the basket', {}, async (_args, { sessionId }) => {
    // TODO(mcp-migrate): baskets is a collection of another module (imported from ./store.js),
    // keyed here by the MCP session id: explicit-handles moves such a collection together with the
    // tools of the modules that use it only where each of them uses it in tool handlers, by a
    // session-id read, and the tools keep no other state (a run decides for all of them at once),
    // so it leaves it. Keep the collection in the same module as the tools that use it and run fix
    // again, or give those tools an explicit handle argument and key baskets by it in a shared
    // store by hand (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
    const basket = baskets.get(sessionId!) ?? [];
    return { content: [{ type: 'text', text: basket.join(', ') || 'empty' }] };
  });
  server.tool('stock', 'Stock of an item', { sku: z.string() }, async ({ sku }) => ({ content: [{ type: 'text', text: String(inventory.get(sku) ?? 0) }] }));
}
