// Plain JavaScript: the map's values are declared by a JSDoc @type tag (a @typedef of plain JSON),
// so the state moves under a handle as in TypeScript. The map below it says nothing of its values
// and stores what a function of another module returns: left, with a marker that says how to
// declare them (trial 18C).
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { z } = require('zod');
const { parseDraft } = require('./drafts.js');
const { handleState, withHandle, mintHandle } = require('./mcp-state.cjs');

/**
 * @typedef {{ items: string[], coupon?: string }} Cart
 */

const carts = handleState('carts');
// TODO(mcp-migrate): drafts holds values with no declared type, stored as something other than
// literals, so explicit-handles cannot tell whether they are plain JSON and leaves it until their
// type is declared (in JavaScript by a JSDoc @type tag above it, such as @type {Map<string,
// string[]>}). If they are data, declare it and run fix again; if they hold live objects, keep the
// live object on one instance and route each call by its handle, not by session (x-mcp-header on
// the handle argument lets a gateway do that). Until then, every request without a session id (each
// 2026-07-28 request, and each request once the transport is stateless) reads and writes the same
// entry, so callers see each other's state
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const drafts = new Map();

function buildServer() {
  const server = new McpServer({ name: 'shop', version: '1.0.0' });
  server.tool('create_basket', 'Create a new basket and return its basket_id. Pass basket_id to add_item, show_cart. It expires after 24 hours without use.', async (extra) => mintHandle(carts, { handle: 'basket_id', initial: null, description: 'Created basket.' }, extra));

  server.tool('add_item', { basket_id: z.string().describe('Handle from create_basket'), item: z.string() }, withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id, item }, _extra) => {
    const cart = carts.get(basket_id) || { items: [] };
    cart.items.push(item);
    carts.set(basket_id, cart);
    return { content: [{ type: 'text', text: `added ${item}` }] };
  }));
  server.tool('show_cart', { basket_id: z.string().describe('Handle from create_basket') }, withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id }, _extra) => ({ content: [{ type: 'text', text: JSON.stringify(carts.get(basket_id)?.items ?? []) }] })));
  server.tool('write', { text: z.string() }, async ({ text }, extra) => {
    const draft = parseDraft(text);
    drafts.set(extra.sessionId, draft);
    return { content: [{ type: 'text', text: 'saved' }] };
  });
  server.tool('read', {}, async (_args, extra) => ({ content: [{ type: 'text', text: drafts.get(extra.sessionId)?.text ?? '' }] }));
  return server;
}

module.exports = { buildServer };
