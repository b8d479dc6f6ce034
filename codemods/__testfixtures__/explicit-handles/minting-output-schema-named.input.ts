// The same tool with its output schema held by a name: the schema must list the handle its result
// now carries, and one held by a name is not rewritten here: marked, so that a person adds it
// (trial 60A B1: left as it was, the SDK's client refused every call of the tool).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const Opened = { opened: z.boolean() };
const baskets = new Map<string, string[]>();

export function buildServer(): McpServer {
  const server = new McpServer({ name: 'grocer', version: '1.2.0' });

  server.registerTool(
    'open_basket',
    { description: 'Open an empty basket.', inputSchema: {}, outputSchema: Opened },
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
