// A tool that already opens the cart declares what it returns: made the minting tool, its result
// carries the handle in structuredContent too, so its output schema lists it (trial 60A B1: left
// as it was, the SDK's client refused every call of it for a property the schema did not allow).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const baskets = new Map<string, string[]>();

export function buildServer(): McpServer {
  const server = new McpServer({ name: 'grocer', version: '1.2.0' });

  server.registerTool(
    'open_basket',
    { description: 'Open an empty basket.', inputSchema: {}, outputSchema: { opened: z.boolean() } },
    async (_args, extra) => {
      baskets.set(extra.sessionId!, []);
      return { content: [{ type: 'text', text: 'Basket opened.' }], structuredContent: { opened: true } };
    },
  );

  server.registerTool('put', { description: 'Put an item in the basket.', inputSchema: { item: z.string() } }, async ({ item }, extra) => {
    const basket = baskets.get(extra.sessionId!) ?? [];
    basket.push(item);
    baskets.set(extra.sessionId!, basket);
    return { content: [{ type: 'text', text: basket.join(', ') }] };
  });

  return server;
}
