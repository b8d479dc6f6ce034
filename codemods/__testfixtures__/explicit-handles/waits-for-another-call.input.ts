import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const priceOf = async (sku: string) => sku.length * 100;

// An import a loop runs batch by batch, leaving it once cancel_import has raised the flag (trial
// 57A B5): under explicit handles the cancel would wait for the import to end.
const imports = new Map<string, { done: number; cancelled: boolean }>();
// An export whose loop tests the entry it took out before the loop, in its condition, and whose
// cancel a helper of the file sets (review 74): the same wait.
const exportsRunning = new Map<string, { pages: number; stop: boolean }>();

function stopExport(sid: string): void {
  exportsRunning.get(sid)!.stop = true;
}

// A cart a loop fills, awaiting a price for each item: it reads what it changes itself, and waits for no other call.
const carts = new Map<string, Array<{ sku: string; price: number }>>();

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

  server.tool('add_items', 'Add items to the cart', { skus: z.array(z.string()) }, async ({ skus }, extra) => {
    for (const sku of skus) {
      const price = await priceOf(sku);
      if (!carts.has(extra.sessionId!)) carts.set(extra.sessionId!, []);
      const cart = carts.get(extra.sessionId!)!;
      if (cart.length >= 20) break;
      cart.push({ sku, price });
    }
    return { content: [{ type: 'text', text: `${carts.get(extra.sessionId!)?.length ?? 0} items` }] };
  });

  server.tool('view_cart', 'View the cart', {}, async (_args, extra) => ({ content: [{ type: 'text', text: JSON.stringify(carts.get(extra.sessionId!) ?? []) }] }));

  server.tool('clear_cart', 'Empty the cart', {}, async (_args, extra) => {
    carts.delete(extra.sessionId!);
    return { content: [{ type: 'text', text: 'emptied' }] };
  });

  // A loop that goes through what the cart holds, awaiting each: it tests nothing another call
  // changes on each turn, so the cart is rewritten (review 75).
  server.tool('checkout', 'Check the cart out', {}, async (_args, extra) => {
    let total = 0;
    for (const item of carts.get(extra.sessionId!) ?? []) total += await priceOf(item.sku);
    return { content: [{ type: 'text', text: `total ${total}` }] };
  });

  return server;
}
