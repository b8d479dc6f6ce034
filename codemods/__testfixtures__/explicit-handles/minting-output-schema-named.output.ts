// The same tool with its output schema held by a name: the schema must list the handle its result
// now carries, and one held by a name is not rewritten here: marked, so that a person adds it
// (trial 60A B1: left as it was, the SDK's client refused every call of the tool).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle } from './mcp-state.js';

const Opened = { opened: z.boolean() };
const baskets = handleState<string[]>('baskets');

export function buildServer(): McpServer {
  const server = new McpServer({ name: 'grocer', version: '1.2.0' });

  server.registerTool(
    // TODO(mcp-migrate): open_basket's outputSchema does not list basket_id, which its result now
    // carries in structuredContent: add basket_id (a string) to it, or clients that check a result
    // against its tool's output schema (the SDK's do) reject every call of open_basket
    // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
    'open_basket',
    { description: 'Open an empty basket. Returns basket_id: pass it to put.', inputSchema: {}, outputSchema: Opened },
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
