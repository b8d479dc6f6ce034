// An existing tool made the minting one that answers structured content of its own: a schema of
// the handle alone would refuse its other properties, and clients check results against it, so it
// gets no outputSchema (review 88 point 5); mintingHandle adds the handle to what it returns.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle } from './mcp-state.js';

const baskets = handleState<string[]>('baskets');

export function register(server: McpServer): void {
  server.registerTool('open_basket', { description: 'Open a basket. Returns basket_id: pass it to add_item.', inputSchema: { owner: z.string() } }, mintingHandle(baskets, { handle: 'basket_id', initial: [] }, async ({ basket_id, owner }, _extra) => {
    baskets.set(basket_id, []);
    return { content: [{ type: 'text', text: `opened for ${owner}` }], structuredContent: { owner, items: 0 } };
  }));
  server.registerTool('add_item', { inputSchema: { basket_id: z.string().describe('Handle from open_basket'), item: z.string() } }, withHandle(baskets, { handle: 'basket_id', mintedBy: 'open_basket' }, async ({ basket_id, item }, _extra) => {
    baskets.get(basket_id)?.push(item);
    return { content: [{ type: 'text', text: 'added' }] };
  }));
}
