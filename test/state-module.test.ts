/**
 * The mcp-state module explicit-handles adds, run as a user's server runs it: an unknown handle is
 * a tool error telling the model to mint a new one, and where the state is in one instance's
 * memory (no MCP_STATE_URL) the error also names the likelier cause behind several instances.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { stateModuleSource } from '../codemods/lib/state-module.js';
import { REPO } from './helpers/cli.js';
import { redisCommand, startRedis, stopAllRedis } from './helpers/redis.js';

// Inside the repository (its ignored .e2e-tmp), so that the module's `redis` import resolves from its node_modules.
fs.mkdirSync(path.join(REPO, '.e2e-tmp'), { recursive: true });
const dir = fs.mkdtempSync(path.join(REPO, '.e2e-tmp', 'state-'));
afterAll(async () => {
  await stopAllRedis();
  fs.rmSync(dir, { recursive: true, force: true });
});

// The modules loaded here run in this process, and their Redis clients log each failed reconnect
// once Redis is stopped: kept here, not printed, for a log that comes after the file's last test
// breaks Vitest's teardown of the worker ("Closing rpc while onUserConsoleLog was pending"). While
// Redis runs, no such log is expected (checked after each test that uses it).
const redisLogs: string[] = [];
const printError = console.error.bind(console);
vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith('[mcp-state] redis:')) redisLogs.push(args.map(String).join(' '));
  else printError(...args);
});

type ToolResult = { isError?: boolean; content: Array<{ text: string }>; structuredContent?: Record<string, string> };
type State<T> = { get(handle: string): T | undefined; set(handle: string, value: T): unknown; delete(handle: string): boolean; has(handle: string): boolean };
type Module = {
  handleState<T>(name: string): State<T>;
  withHandle(state: unknown, options: { handle: string; mintedBy: string }, handler: (...args: any[]) => unknown): (...args: unknown[]) => Promise<ToolResult>;
  mintHandle<T>(state: State<T>, options: { handle: string; initial: T; description: string }): Promise<ToolResult>;
  mintingHandle(state: unknown, options: { handle: string; initial: unknown }, handler: (...args: any[]) => unknown): (...args: unknown[]) => Promise<ToolResult>;
};

let copies = 0;
/**
 * Loads the module as a separate copy (its own queues and connections: another instance of the
 * server), with `env` set while it loads and runs.
 */
async function instance(env: Record<string, string | undefined>): Promise<Module> {
  const file = path.join(dir, `mcp-state-${++copies}.mjs`);
  fs.writeFileSync(file, stateModuleSource('esm', 'redis'));
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return (await import(pathToFileURL(file).href)) as Module;
}

/** A cart tool whose handler reads the cart, waits (as a real one awaits a price lookup), then writes it back. */
function addItemTool(mod: Module, carts: State<string[]>) {
  return mod.withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id, sku }: { basket_id: string; sku: string }) => {
    const lines = carts.get(basket_id) ?? [];
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 15));
    carts.set(basket_id, [...lines, sku]);
    return { content: [{ type: 'text', text: `added ${sku}` }] };
  });
}

describe('mcp-state', () => {
  // The module is written into the user's project: its comments speak of the code, not of how mcp-migrate came to write it.
  it("carries no reference to mcp-migrate's own history (trial rounds) in any flavour", () => {
    for (const flavour of ['esm', 'cjs', 'ts'] as const) {
      for (const client of ['redis', 'ioredis'] as const) expect(stateModuleSource(flavour, client)).not.toMatch(/\btrials? \d+[A-C]?\b/);
    }
  });

  it("names one instance's memory in the unknown-handle error when MCP_STATE_URL is unset", async () => {
    const file = path.join(dir, 'mcp-state.mjs');
    fs.writeFileSync(file, stateModuleSource('esm', 'redis'));
    const saved = process.env.MCP_STATE_URL;
    delete process.env.MCP_STATE_URL;
    try {
      const mod = (await import(pathToFileURL(file).href)) as Module;
      const carts = mod.handleState<string[]>('carts');
      const tool = mod.withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, async () => ({ content: [{ type: 'text', text: 'ran' }] }));
      const result = await tool({ basket_id: 'basket_missing' });
      expect(result.isError).toBe(true);
      expect(result.content[0].text).toMatch(/^Unknown or expired basket_id "basket_missing"\. Call create_basket to get a new basket_id, then retry with it\. \(this server keeps basket_id values in one instance's memory: if it runs as several instances, the basket_id may be held by another one, and MCP_STATE_URL must name a shared Redis\)$/);
    } finally {
      if (saved !== undefined) process.env.MCP_STATE_URL = saved;
    }
  });

  // A start that fails (`start_wizard` answering a tool error) hands out no handle the model would
  // carry on with: nothing is stored under the handle it ran with, and the result names none.
  it('keeps and returns no handle when the minting call returns a tool error', async () => {
    const mod = await instance({ MCP_STATE_URL: undefined });
    const wizards = mod.handleState<{ step: number }>('wizards');
    let ranWith = '';
    const start = mod.mintingHandle(wizards, { handle: 'wizard_id', initial: { step: 0 } }, async ({ wizard_id, name }: { wizard_id: string; name: string }) => {
      ranWith = wizard_id;
      if (!name) return { isError: true, content: [{ type: 'text', text: 'name is required' }] };
      wizards.set(wizard_id, { step: 1 });
      return { content: [{ type: 'text', text: 'started' }] };
    });
    const failed = await start({ name: '' });
    expect(failed).toEqual({ isError: true, content: [{ type: 'text', text: 'name is required' }] });
    const step = mod.withHandle(wizards, { handle: 'wizard_id', mintedBy: 'start_wizard' }, async ({ wizard_id }: { wizard_id: string }) => ({ content: [{ type: 'text', text: JSON.stringify(wizards.get(wizard_id)) }] }));
    expect((await step({ wizard_id: ranWith })).content[0].text).toMatch(/^Unknown or expired wizard_id/);
    const started = await start({ name: 'Ada' });
    expect(started.isError).toBeUndefined();
    expect(started.structuredContent?.wizard_id).toBe(ranWith);
    expect((await step({ wizard_id: ranWith })).content[0].text).toBe('{"step":1}');
  });

  // A session went on after a tool deleted its entry (clear_cart: carts.delete(sessionId)), and
  // the next add_item read an empty cart: the handle that replaces the session must too.
  describe('a deleted value', () => {
    const savedUrl = process.env.MCP_STATE_URL;
    afterAll(() => {
      if (savedUrl === undefined) delete process.env.MCP_STATE_URL;
      else process.env.MCP_STATE_URL = savedUrl;
    });

    async function clearThenAdd(first: Module, second: Module) {
      const options = { handle: 'basket_id', mintedBy: 'create_basket' };
      const cartsFirst = first.handleState<string[]>('carts');
      const cartsSecond = second.handleState<string[]>('carts');
      const basket = (await first.mintHandle(cartsFirst, { handle: 'basket_id', initial: [], description: 'Cart created.' })).structuredContent!.basket_id;
      expect((await addItemTool(first, cartsFirst)({ basket_id: basket, sku: 'a' })).isError).toBeUndefined();
      const clear = first.withHandle(cartsFirst, options, async ({ basket_id }: { basket_id: string }) => ({ content: [{ type: 'text', text: String(cartsFirst.delete(basket_id)) }] }));
      expect((await clear({ basket_id: basket })).content[0].text).toBe('true');
      const view = second.withHandle(cartsSecond, options, async ({ basket_id }: { basket_id: string }) => ({ content: [{ type: 'text', text: JSON.stringify([cartsSecond.has(basket_id), cartsSecond.get(basket_id) ?? null]) }] }));
      const afterClear = await view({ basket_id: basket });
      expect(afterClear.isError).toBeUndefined();
      expect(JSON.parse(afterClear.content[0].text)).toEqual([false, null]);
      expect((await addItemTool(second, cartsSecond)({ basket_id: basket, sku: 'b' })).isError).toBeUndefined();
      expect(JSON.parse((await view({ basket_id: basket })).content[0].text)).toEqual([true, ['b']]);
      return basket;
    }

    // explicit-handles writes `carts[basket_id]` and `delete carts[basket_id]` for state that was a plain object.
    it('is read, written and deleted Record-style inside a tool call', async () => {
      const mod = await instance({ MCP_STATE_URL: undefined });
      const carts = mod.handleState<string[]>('carts') as unknown as Record<string, string[] | undefined>;
      const options = { handle: 'basket_id', mintedBy: 'create_basket' };
      const basket = (await mod.mintHandle(carts as never, { handle: 'basket_id', initial: [], description: 'Cart created.' })).structuredContent!.basket_id;
      const add = mod.withHandle(carts, options, async ({ basket_id, sku }: { basket_id: string; sku: string }) => {
        carts[basket_id] = [...(carts[basket_id] ?? []), sku];
        return { content: [{ type: 'text', text: JSON.stringify(carts[basket_id]) }] };
      });
      const clear = mod.withHandle(carts, options, async ({ basket_id }: { basket_id: string }) => {
        delete carts[basket_id];
        return { content: [{ type: 'text', text: String(basket_id in carts) }] };
      });
      expect((await add({ basket_id: basket, sku: 'a' })).content[0].text).toBe('["a"]');
      expect((await clear({ basket_id: basket })).content[0].text).toBe('false');
      expect((await add({ basket_id: basket, sku: 'b' })).content[0].text).toBe('["b"]');
    });

    it('leaves the handle known with no value, in one instance with the state in memory', async () => {
      const mod = await instance({ MCP_STATE_URL: undefined });
      await clearThenAdd(mod, mod);
    });

    it('leaves the handle known with no value across two instances sharing a real Redis, until it expires', async () => {
      const redis = await startRedis();
      const a = await instance({ MCP_STATE_URL: redis.url });
      const b = await instance({ MCP_STATE_URL: redis.url });
      const basket = await clearThenAdd(a, b);
      expect(Number(await redisCommand(redis.url, 'TTL', `mcp-state:carts:${basket}`))).toBeGreaterThan(0);
      // An unknown handle is still an error.
      const view = b.withHandle(b.handleState<string[]>('carts'), { handle: 'basket_id', mintedBy: 'create_basket' }, async () => ({ content: [{ type: 'text', text: 'ran' }] }));
      expect((await view({ basket_id: 'basket_never_minted' })).isError).toBe(true);
      expect(redisLogs).toEqual([]);
    });
  });

  // Parallel tool calls on one handle (an LLM client issues them) read, change and write the same
  // value: without a lock the later write drops the earlier one's change.
  describe('parallel calls on one handle', () => {
    const savedUrl = process.env.MCP_STATE_URL;
    const savedWait = process.env.MCP_STATE_LOCK_WAIT_SECONDS;
    afterAll(() => {
      if (savedUrl === undefined) delete process.env.MCP_STATE_URL;
      else process.env.MCP_STATE_URL = savedUrl;
      if (savedWait === undefined) delete process.env.MCP_STATE_LOCK_WAIT_SECONDS;
      else process.env.MCP_STATE_LOCK_WAIT_SECONDS = savedWait;
    });

    it('all land in one instance with the state in memory', async () => {
      const mod = await instance({ MCP_STATE_URL: undefined });
      const carts = mod.handleState<string[]>('carts');
      const basket = (await mod.mintHandle(carts, { handle: 'basket_id', initial: [], description: 'Cart created.' })).structuredContent!.basket_id;
      const add = addItemTool(mod, carts);
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => add({ basket_id: basket, sku: `sku${i}` })));
      expect(results.filter((r) => r.isError)).toEqual([]);
      const view = mod.withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id }: { basket_id: string }) => ({ content: [{ type: 'text', text: JSON.stringify(carts.get(basket_id)) }] }));
      expect(JSON.parse((await view({ basket_id: basket })).content[0].text).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `sku${i}`).sort());
    });

    it('all land across two instances sharing a real Redis, and the lock is released after each call', async () => {
      const redis = await startRedis();
      const a = await instance({ MCP_STATE_URL: redis.url });
      const b = await instance({ MCP_STATE_URL: redis.url });
      const cartsA = a.handleState<string[]>('carts');
      const cartsB = b.handleState<string[]>('carts');
      const basket = (await a.mintHandle(cartsA, { handle: 'basket_id', initial: [], description: 'Cart created.' })).structuredContent!.basket_id;
      const [addA, addB] = [addItemTool(a, cartsA), addItemTool(b, cartsB)];
      // Alternating instances, as a round-robin balancer would send them.
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? addA : addB)({ basket_id: basket, sku: `sku${i}` })));
      expect(results.filter((r) => r.isError)).toEqual([]);
      const stored = JSON.parse(String(await redisCommand(redis.url, 'GET', `mcp-state:carts:${basket}`))) as string[];
      expect(stored.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `sku${i}`).sort());
      expect(await redisCommand(redis.url, 'EXISTS', `mcp-state-lock:${basket}`)).toBe(0);
      expect(redisLogs).toEqual([]);
    });

    it("a call queued in this process behind one that runs past MCP_STATE_LOCK_WAIT_SECONDS answers busy, and a tool calling another on its own handle keeps both calls' changes", async () => {
      const mod = await instance({ MCP_STATE_URL: undefined, MCP_STATE_LOCK_WAIT_SECONDS: '0.3' });
      const carts = mod.handleState<string[]>('carts');
      const basket = (await mod.mintHandle(carts, { handle: 'basket_id', initial: [], description: 'Cart created.' })).structuredContent!.basket_id;
      const options = { handle: 'basket_id', mintedBy: 'create_basket' };
      let finish = () => {};
      const slow = mod.withHandle(carts, options, async ({ basket_id }: { basket_id: string }) => {
        await new Promise<void>((resolve) => (finish = resolve));
        carts.set(basket_id, [...(carts.get(basket_id) ?? []), 'slow']);
        return { content: [{ type: 'text', text: 'slow' }] };
      });
      const running = slow({ basket_id: basket });
      const started = Date.now();
      const queued = await addItemTool(mod, carts)({ basket_id: basket, sku: 'queued' });
      expect(queued.isError).toBe(true);
      expect(queued.content[0].text).toMatch(/^Another call on basket_id ".+" is still running\. Retry this call in a moment\.$/);
      expect(Date.now() - started).toBeLessThan(2_000);
      finish();
      expect((await running).isError).toBeUndefined();
      // A tool that calls another tool on the basket it holds: the inner call sees the outer's change, and both stay.
      const add = addItemTool(mod, carts);
      const addTwo = mod.withHandle(carts, options, async ({ basket_id }: { basket_id: string }) => {
        carts.set(basket_id, [...(carts.get(basket_id) ?? []), 'first']);
        await add({ basket_id, sku: 'second' });
        return { content: [{ type: 'text', text: JSON.stringify(carts.get(basket_id)) }] };
      });
      expect(JSON.parse((await addTwo({ basket_id: basket })).content[0].text)).toEqual(['slow', 'first', 'second']);
      const view = mod.withHandle(carts, options, async ({ basket_id }: { basket_id: string }) => ({ content: [{ type: 'text', text: JSON.stringify(carts.get(basket_id)) }] }));
      expect(JSON.parse((await view({ basket_id: basket })).content[0].text)).toEqual(['slow', 'first', 'second']);
    });

    it('a call that cannot get the lock in time is a tool error saying to retry, and changes nothing', async () => {
      const redis = await startRedis();
      const mod = await instance({ MCP_STATE_URL: redis.url, MCP_STATE_LOCK_WAIT_SECONDS: '0.3' });
      const carts = mod.handleState<string[]>('carts');
      const basket = (await mod.mintHandle(carts, { handle: 'basket_id', initial: ['kept'], description: 'Cart created.' })).structuredContent!.basket_id;
      // Another instance is in the middle of a call on this basket.
      expect(await redisCommand(redis.url, 'SET', `mcp-state-lock:${basket}`, 'other-instance', 'PX', '10000')).toBe('OK');
      const result = await addItemTool(mod, carts)({ basket_id: basket, sku: 'lost' });
      expect(result.isError).toBe(true);
      expect(result.content[0].text).toBe(`Another call on basket_id "${basket}" is still running. Retry this call in a moment.`);
      expect(JSON.parse(String(await redisCommand(redis.url, 'GET', `mcp-state:carts:${basket}`)))).toEqual(['kept']);
      // The other instance's lock is not released by the call that gave up.
      expect(await redisCommand(redis.url, 'GET', `mcp-state-lock:${basket}`)).toBe('other-instance');
      expect(redisLogs).toEqual([]);
    });
  });
});
