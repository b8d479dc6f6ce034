// Plain JavaScript without JSDoc types: the basket is stored as a literal, but an item pushed into
// it later carries a `new Date()`, which a JSON round trip turns into a string (`addedAt.getTime()`
// would then fail). Changes made in place through an entry count as stored values: the map is left,
// with the marker (trial 75A B8).
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { z } = require('zod');

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
