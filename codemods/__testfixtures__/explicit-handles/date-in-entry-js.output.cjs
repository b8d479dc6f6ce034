// Plain JavaScript without JSDoc types: the basket is stored as a literal, but an item pushed into
// it later carries a `new Date()`, which a JSON round trip turns into a string (`addedAt.getTime()`
// would then fail). Changes made in place through an entry count as stored values: the map is left,
// with the marker (trial 75A B8).
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { z } = require('zod');

// TODO(mcp-migrate): baskets holds values with no declared type, stored as something other than
// literals, so explicit-handles cannot tell whether they are plain JSON and leaves it until their
// type is declared (in JavaScript by a JSDoc @type tag above it, such as @type {Map<string,
// string[]>}). If they are data, declare it and run fix again; if they hold live objects, keep the
// live object on one instance and route each call by its handle, not by session (x-mcp-header on
// the handle argument lets a gateway do that). Until then, every request without a session id (each
// 2026-07-28 request, and each request once the transport is stateless) reads and writes the same
// entry, so callers see each other's state
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const baskets = new Map();

function buildServer() {
  const server = new McpServer({ name: 'shop', version: '1.0.0' });
  server.tool('open_basket', 'Open a basket', {}, async (_args, extra) => {
    baskets.set(extra.sessionId, { items: [] });
    return { content: [{ type: 'text', text: 'opened' }] };
  });
  server.tool('add_item', 'Add an item', { sku: z.string() }, async ({ sku }, extra) => {
    const basket = baskets.get(extra.sessionId);
    if (!basket) return { isError: true, content: [{ type: 'text', text: 'open a basket first' }] };
    basket.items.push({ sku, addedAt: new Date() });
    return { content: [{ type: 'text', text: `${basket.items.length} item(s)` }] };
  });
  return server;
}

module.exports = { buildServer };
