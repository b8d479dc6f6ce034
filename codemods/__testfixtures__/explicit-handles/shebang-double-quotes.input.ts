#!/usr/bin/env node
// Basket tools on a server the caller builds. No imports of its own and double quotes: the added
// imports go below the #! line, in double quotes like the rest.
const baskets = new Map<string, string[]>();

export function registerBasketTools(server: { tool: Function }) {
  server.tool("add_item", "Add an item to the basket", async (extra: { sessionId?: string }) => {
    const basket = baskets.get(extra.sessionId!) ?? [];
    basket.push("sku-1");
    baskets.set(extra.sessionId!, basket);
    return { content: [{ type: "text", text: `${basket.length} item(s)` }] };
  });
}
