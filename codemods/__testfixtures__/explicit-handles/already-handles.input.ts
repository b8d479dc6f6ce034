// Already keyed by an explicit handle: nothing to do.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const carts = new Map<string, string[]>();

export function register(server: McpServer) {
  server.tool('view_cart', 'Show a cart', { basket_id: z.string().describe('Handle from create_basket') }, async ({ basket_id }) => ({
    content: [{ type: 'text', text: (carts.get(basket_id) ?? []).join(', ') }],
  }));
}
