// Keys made from the session id through locals (review 72): a local of a local, and a `let`
// assigned later. Each is a session-id read the handle replaces, so the state moves.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const carts = new Map<string, string[]>();

export function register(server: McpServer) {
  server.registerTool('add_item', { inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {
    const sid = extra.sessionId;
    const key = sid ?? 'anon';
    const cart = carts.get(key) ?? [];
    cart.push(sku);
    carts.set(key, cart);
    return { content: [{ type: 'text', text: 'ok' }] };
  });
  server.registerTool('view_cart', { inputSchema: {} }, async (_args, extra) => {
    let key: string;
    key = extra.sessionId ?? 'anon';
    return { content: [{ type: 'text', text: JSON.stringify(carts.get(key) ?? []) }] };
  });
}
