// A tool that already opens the cart declares what it returns: made the minting tool, its result
// carries the handle in structuredContent too, so its output schema lists it (trial 60A B1: left
// as it was, the SDK's client refused every call of it for a property the schema did not allow).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle } from './mcp-state.js';

const baskets = handleState<string[]>('baskets');

export function buildServer(): McpServer {
  const server = new McpServer({ name: 'grocer', version: '1.2.0' });

  server.registerTool(
    'open_basket',
    { description: 'Open an empty basket. Returns basket_id: pass it to put.', inputSchema: {}, outputSchema: { basket_id: z.string().describe('Pass it to put'), opened: z.boolean() } },
    mintingHandle(baskets, { handle: 'basket_id', initial: [] }, async ({ basket_id }, _extra) => {
      baskets.set(basket_id, []);
      return { content: [{ type: 'text', text: 'Basket opened.' }], structuredContent: { opened: true } };
    }),
  );

  server.registerTool('put', { description: 'Put an item in the basket.', inputSchema: { basket_id: z.string().describe('Handle from open_basket'), item: z.string() } }, withHandle(baskets, { handle: 'basket_id', mintedBy: 'open_basket' }, async ({ basket_id, item }, _extra) => {
    const basket = baskets.get(basket_id) ?? [];
    basket.push(item);
    baskets.set(basket_id, basket);
    return { content: [{ type: 'text', text: basket.join(', ') }] };
  }));

  return server;
}
