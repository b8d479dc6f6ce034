#!/usr/bin/env node
import { handleState, withHandle, mintHandle } from "./mcp-state.js";
import { z } from "zod";
// Basket tools on a server the caller builds. No imports of its own and double quotes: the added
// imports go below the #! line, in double quotes like the rest.
const baskets = handleState<string[]>("baskets");

export function registerBasketTools(server: { tool: Function }) {
  server.tool("create_basket", "Create a new basket and return its basket_id. Pass basket_id to add_item. It expires after 24 hours without use.", async (extra) => mintHandle(baskets, { handle: "basket_id", initial: [], description: "Created basket." }, extra));

  server.tool("add_item", "Add an item to the basket", { basket_id: z.string().describe("Handle from create_basket") }, withHandle(baskets, { handle: "basket_id", mintedBy: "create_basket" }, async ({ basket_id }, _extra: { sessionId?: string }) => {
    const basket = baskets.get(basket_id) ?? [];
    basket.push("sku-1");
    baskets.set(basket_id, basket);
    return { content: [{ type: "text", text: `${basket.length} item(s)` }] };
  }));
}
