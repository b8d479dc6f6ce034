import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const priceOf = async (sku: string) => sku.length * 100;

// TODO(mcp-migrate): imports is keyed by the MCP session id, and the tool run_import reads it again
// in a loop that awaits (job.cancelled) while another tool changes it: under explicit handles calls
// on one handle run one after another, so where the loop waits for that change (a cancel flag, say)
// the other call would wait until this one ends, or fail as busy, and explicit-handles leaves it.
// Keep such a flag where the running call can see it without the handle's turn (a key of its own in
// the shared store, read directly), then give the tools a handle argument by hand
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
// An import a loop runs batch by batch, leaving it once cancel_import has raised the flag (trial
// 57A B5): under explicit handles the cancel would wait for the import to end.
const imports = new Map<string, { done: number; cancelled: boolean }>();
// TODO(mcp-migrate): exportsRunning is keyed by the MCP session id, and the tool run_export reads
// it again in a loop that awaits (!job.stop && job.pages < 100) while another tool changes it:
// under explicit handles calls on one handle run one after another, so where the loop waits for
// that change (a cancel flag, say) the other call would wait until this one ends, or fail as busy,
// and explicit-handles leaves it. Keep such a flag where the running call can see it without the
// handle's turn (a key of its own in the shared store, read directly), then give the tools a handle
// argument by hand (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
// An export whose loop tests the entry it took out before the loop, in its condition, and whose
// cancel a helper of the file sets (review 74): the same wait.
const exportsRunning = new Map<string, { pages: number; stop: boolean }>();

function stopExport(sid: string): void {
  exportsRunning.get(sid)!.stop = true;
}

// A cart a loop fills, awaiting a price for each item: it reads what it changes itself, and waits for no other call.
const carts = handleState<Array<{ sku: string; price: number }>>('carts');

export function buildServer(): McpServer {
  const server = new McpServer({ name: 'imports', version: '1.0.0' });

  server.tool('run_import', 'Import ten batches', { source: z.string() }, async ({ source }, extra) => {
    imports.set(extra.sessionId!, { done: 0, cancelled: false });
    for (let i = 0; i < 10; i++) {
      await sleep(50);
      const job = imports.get(extra.sessionId!)!;
      if (job.cancelled) return { content: [{ type: 'text', text: `cancelled after ${job.done} batches of ${source}` }] };
      job.done++;
    }
    return { content: [{ type: 'text', text: `imported ten batches of ${source}` }] };
  });

  server.tool('cancel_import', 'Cancel the import', {}, async (_args, extra) => {
    const job = imports.get(extra.sessionId!);
    if (!job) return { isError: true, content: [{ type: 'text', text: 'no import' }] };
    job.cancelled = true;
    return { content: [{ type: 'text', text: `cancel asked at batch ${job.done}` }] };
  });

  server.tool('run_export', 'Export pages until stopped', {}, async (_args, extra) => {
    exportsRunning.set(extra.sessionId!, { pages: 0, stop: false });
    const job = exportsRunning.get(extra.sessionId!)!;
    while (!job.stop && job.pages < 100) {
      await sleep(10);
      job.pages++;
    }
    return { content: [{ type: 'text', text: `${job.pages} pages` }] };
  });

  server.tool('stop_export', 'Stop the export', {}, async (_args, extra) => {
    stopExport(extra.sessionId!);
    return { content: [{ type: 'text', text: 'stopping' }] };
  });

  server.tool('create_basket', 'Create a new basket and return its basket_id. Pass basket_id to add_items, view_cart, clear_cart, checkout. It expires after 24 hours without use.', async (extra) => mintHandle(carts, { handle: 'basket_id', initial: [], description: 'Created basket.' }, extra));

  server.tool('add_items', 'Add items to the cart', { basket_id: z.string().describe('Handle from create_basket'), skus: z.array(z.string()) }, withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id, skus }, _extra) => {
    for (const sku of skus) {
      const price = await priceOf(sku);
      if (!carts.has(basket_id)) carts.set(basket_id, []);
      const cart = carts.get(basket_id)!;
      if (cart.length >= 20) break;
      cart.push({ sku, price });
    }
    return { content: [{ type: 'text', text: `${carts.get(basket_id)?.length ?? 0} items` }] };
  }));

  server.tool('view_cart', 'View the cart', { basket_id: z.string().describe('Handle from create_basket') }, withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id }, _extra) => ({ content: [{ type: 'text', text: JSON.stringify(carts.get(basket_id) ?? []) }] })));

  server.tool('clear_cart', 'Empty the cart', { basket_id: z.string().describe('Handle from create_basket') }, withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id }, _extra) => {
    carts.delete(basket_id);
    return { content: [{ type: 'text', text: 'emptied' }] };
  }));

  // A loop that goes through what the cart holds, awaiting each: it tests nothing another call
  // changes on each turn, so the cart is rewritten (review 75).
  server.tool('checkout', 'Check the cart out', { basket_id: z.string().describe('Handle from create_basket') }, withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id }, _extra) => {
    let total = 0;
    for (const item of carts.get(basket_id) ?? []) total += await priceOf(item.sku);
    return { content: [{ type: 'text', text: `total ${total}` }] };
  }));

  return server;
}
