// The same cleanup written as an `if` without braces (review 73): it goes with its `if`, which
// tests nothing else (removed alone, the `if` would not parse); one with an else keeps the else,
// its body an empty block.
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
    if (transport.sessionId) carts.delete(transport.sessionId);
    if (transport.sessionId) carts.delete(transport.sessionId);
    else console.error('closed without a session');
  };
}
