// A basket kept under the session's transport object, not its id (trial 78B B1): no read of the
// session id to turn into the handle, so explicit-handles marks it and moves nothing. The basket
// keyed by the session id beside it is moved as usual.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

const baskets = new WeakMap<StreamableHTTPServerTransport, string[]>();
const notes = new Map<string, string[]>();

export function buildServer(transport: StreamableHTTPServerTransport): McpServer {
  const server = new McpServer({ name: 'basket', version: '1.0.0' });
  server.registerTool('open_basket', { inputSchema: {} }, async () => {
    baskets.set(transport, []);
    return { content: [{ type: 'text', text: 'Basket open.' }] };
  });
  server.registerTool('put', { inputSchema: { sku: z.string() } }, async ({ sku }) => {
    const basket = baskets.get(transport);
    if (!basket) return { isError: true, content: [{ type: 'text', text: 'Open a basket first.' }] };
    basket.push(sku);
    return { content: [{ type: 'text', text: basket.join(', ') }] };
  });
  server.registerTool('note', { inputSchema: { text: z.string() } }, async ({ text }, extra) => {
    const list = notes.get(extra.sessionId!) ?? [];
    list.push(text);
    notes.set(extra.sessionId!, list);
    return { content: [{ type: 'text', text: list.join('\n') }] };
  });
  return server;
}
