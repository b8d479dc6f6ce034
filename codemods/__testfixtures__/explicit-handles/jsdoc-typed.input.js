// Plain JavaScript: the map's values are declared by a JSDoc @type tag (a @typedef of plain JSON),
// so the state moves under a handle as in TypeScript. The map below it says nothing of its values
// and stores what a function of another module returns: left, with a marker that says how to
// declare them (trial 18C).
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { z } = require('zod');
const { parseDraft } = require('./drafts.js');

/**
 * @typedef {{ items: string[], coupon?: string }} Cart
 */

/** @type {Map<string, Cart>} */
const carts = new Map();
const drafts = new Map();

function buildServer() {
  const server = new McpServer({ name: 'shop', version: '1.0.0' });
  server.tool('add_item', { item: z.string() }, async ({ item }, extra) => {
    const cart = carts.get(extra.sessionId) || { items: [] };
    cart.items.push(item);
    carts.set(extra.sessionId, cart);
    return { content: [{ type: 'text', text: `added ${item}` }] };
  });
  server.tool('show_cart', {}, async (_args, extra) => ({ content: [{ type: 'text', text: JSON.stringify(carts.get(extra.sessionId)?.items ?? []) }] }));
  server.tool('write', { text: z.string() }, async ({ text }, extra) => {
    const draft = parseDraft(text);
    drafts.set(extra.sessionId, draft);
    return { content: [{ type: 'text', text: 'saved' }] };
  });
  server.tool('read', {}, async (_args, extra) => ({ content: [{ type: 'text', text: drafts.get(extra.sessionId)?.text ?? '' }] }));
  return server;
}

module.exports = { buildServer };
