// An existing tool made the minting one that answers structured content of its own: a schema of
// the handle alone would refuse its other properties, and clients check results against it, so it
// gets no outputSchema (review 88 point 5); mintingHandle adds the handle to what it returns.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const baskets = new Map<string, string[]>();

export function register(server: McpServer): void {
  server.registerTool('open_basket', { description: 'Open a basket', inputSchema: { owner: z.string() } }, async ({ owner }, extra) => {
    baskets.set(extra.sessionId!, []);
    return { content: [{ type: 'text', text: `opened for ${owner}` }], structuredContent: { owner, items: 0 } };
  });
  server.registerTool('add_item', { inputSchema: { item: z.string() } }, async ({ item }, extra) => {
    baskets.get(extra.sessionId!)?.push(item);
    return { content: [{ type: 'text', text: 'added' }] };
  });
}
