// A session id read with a constant fallback (`extra?.sessionId || 'default'`, the shared entry a
// stateless transport's callers all got): the handle that replaces the read is required, so the
// fallback goes with it. A fallback to another variable stays for a person to judge.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const orders = new Map<string, string[]>();
const guestKey = process.env.GUEST_KEY ?? 'guest';

export function buildServer() {
  const server = new McpServer({ name: 'cafe', version: '1.0.0' });
  server.registerTool('order_item', { inputSchema: { item: z.string() } }, async ({ item }, extra) => {
    const sessionId = extra?.sessionId || 'default'; // whose order
    orders.set(sessionId, [...(orders.get(sessionId) ?? []), item]);
    return { content: [{ type: 'text', text: `${orders.get(sessionId)!.length} item(s)` }] };
  });
  server.registerTool('my_order', {}, async (_args, extra) => ({ content: [{ type: 'text', text: (orders.get(extra.sessionId ?? `default`) ?? []).join(', ') }] }));
  server.registerTool('clear_order', {}, async (_args, extra) => {
    orders.delete(extra.sessionId || guestKey);
    return { content: [{ type: 'text', text: 'cleared' }] };
  });
  return server;
}
