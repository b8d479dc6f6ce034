// Carts dropped when the session's transport closes (review 73): the cleanup keyed by the
// transport's session id is what the rewrite removes (handles expire by TTL), so it holds nothing
// back; the carts move under basket_id.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

const carts = new Map<string, string[]>();

export function register(server: McpServer, transport: StreamableHTTPServerTransport) {
  server.registerTool('add_item', { inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {
    const cart = carts.get(extra.sessionId!) ?? [];
    cart.push(sku);
    carts.set(extra.sessionId!, cart);
    return { content: [{ type: 'text', text: 'ok' }] };
  });
  server.registerTool('view_cart', { inputSchema: {} }, async (_args, extra) => ({ content: [{ type: 'text', text: JSON.stringify(carts.get(extra.sessionId!) ?? []) }] }));
  transport.onclose = () => {
    carts.delete(transport.sessionId!);
  };
}
