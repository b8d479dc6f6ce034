// A tool that builds a small context of its own from the handler's (review 89 point 1): the
// literal spreads nothing, so `ctx.sessionId` is the MCP session id it writes, and the basket
// moves to a handle like one keyed by `extra.sessionId`.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

const baskets = handleState<string[]>('baskets');

export function buildServer(): McpServer {
  const server = new McpServer({ name: 'shop', version: '1.0.0' });
  server.registerTool('create_basket', { description: 'Create a new basket and return its basket_id. Pass basket_id to add_item, view_basket. It expires after 24 hours without use.', outputSchema: { basket_id: z.string().describe('Pass it to add_item, view_basket') } }, async (extra) => mintHandle(baskets, { handle: 'basket_id', initial: [], description: 'Created basket.' }, extra));

  server.registerTool('add_item', { inputSchema: { basket_id: z.string().describe('Handle from create_basket'), sku: z.string() } }, withHandle(baskets, { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id, sku }, _extra) => {
    const ctx = { sessionId: basket_id, at: Date.now() };
    baskets.set(basket_id, [...(baskets.get(basket_id) ?? []), sku]);
    return { content: [{ type: 'text', text: `added ${sku}` }] };
  }));
  server.registerTool('view_basket', { inputSchema: { basket_id: z.string().describe('Handle from create_basket') } }, withHandle(baskets, { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id }, _extra) => {
    const ctx = { sessionId: basket_id };
    return { content: [{ type: 'text', text: (baskets.get(basket_id) ?? []).join(',') }] };
  }));
  return server;
}
