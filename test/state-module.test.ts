/**
 * The mcp-state module explicit-handles adds, run as a user's server runs it: an unknown handle is
 * a tool error telling the model to mint a new one, and where the state is in one instance's
 * memory (no MCP_STATE_URL) the error also names the likelier cause behind several instances.
 */
import { spawn } from 'node:child_process';
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
  mintHandle<T>(state: State<T>, options: { handle: string; initial: T; description: string }, context?: unknown): Promise<ToolResult>;
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
  // SEP-2567: validate (handle, auth principal) on every call. A handle minted by a call with
  // credentials is its client's; one minted without stays usable by whoever holds it.
  describe('a handle minted with credentials', () => {
    const saved = { url: process.env.MCP_STATE_URL };
    afterAll(() => {
      if (saved.url === undefined) delete process.env.MCP_STATE_URL;
      else process.env.MCP_STATE_URL = saved.url;
    });
    const authInfo = (clientId: string) => ({ token: `tok-${clientId}`, clientId, scopes: ['tasks:read'], extra: { user: clientId } });
    // The handler's context as the SDKs build it: v1's `extra` (authInfo), v2's `ctx` (http.authInfo).
    const v1Extra = (clientId?: string) => ({ signal: new AbortController().signal, requestId: 1, sendNotification: async () => {}, sendRequest: async () => ({}), ...(clientId ? { authInfo: authInfo(clientId) } : {}) });
    const v2Ctx = (clientId?: string) => ({ mcpReq: { id: 1, method: 'tools/call', signal: new AbortController().signal, send: async () => ({}), notify: async () => {} }, http: clientId ? { authInfo: authInfo(clientId) } : undefined });
    const options = { handle: 'workspace_id', mintedBy: 'select_project' };
    const refused = /^workspace_id "workspace_[0-9a-f]{32}" belongs to another caller: only the credentials that created it can use it\. Call select_project to get a workspace_id of your own\.$/;

    function tools(mod: Module) {
      const workspaces = mod.handleState<string[]>('workspaces');
      const select = mod.mintingHandle(workspaces, { handle: 'workspace_id', initial: [] }, async ({ workspace_id, project_id }: { workspace_id: string; project_id: string }) => {
        workspaces.set(workspace_id, [project_id]);
        return { content: [{ type: 'text', text: 'selected' }] };
      });
      const list = mod.withHandle(workspaces, options, async ({ workspace_id }: { workspace_id: string }) => ({ content: [{ type: 'text', text: JSON.stringify(workspaces.get(workspace_id)) }] }));
      const add = mod.withHandle(workspaces, options, async ({ workspace_id, title }: { workspace_id: string; title: string }) => {
        workspaces.set(workspace_id, [...(workspaces.get(workspace_id) ?? []), title]);
        return { content: [{ type: 'text', text: 'added' }] };
      });
      // A tool whose handler calls another tool's handler without passing its context on.
      const addTwice = mod.withHandle(workspaces, options, async ({ workspace_id, title }: { workspace_id: string; title: string }) => {
        await add({ workspace_id, title: `${title}-1` });
        const second = await add({ workspace_id, title: `${title}-2` });
        return second;
      });
      return { workspaces, select, list, add, addTwice };
    }

    it('is refused for other credentials and for none, and accepted for its own (v2 ctx, in memory)', async () => {
      const mod = await instance({ MCP_STATE_URL: undefined });
      const { select, list, add, addTwice } = tools(mod);
      const minted = await select({ project_id: 'p1' }, v2Ctx('alice'));
      const workspace_id = minted.structuredContent!.workspace_id;
      for (const other of [v2Ctx('bob'), v2Ctx(), v1Extra('bob')]) {
        const result = await list({ workspace_id }, other);
        expect(result.isError).toBe(true);
        expect(result.content[0].text).toMatch(refused);
        expect(result.content[0].text).not.toContain('alice');
        expect((await add({ workspace_id, title: 'bob-sneaks-in' }, other)).isError).toBe(true);
      }
      // No context at all (a call from outside any tool call) has no credentials either.
      expect((await list({ workspace_id })).content[0].text).toMatch(refused);
      expect((await addTwice({ workspace_id, title: 't' }, v2Ctx('alice'))).isError).toBeUndefined();
      expect(JSON.parse((await list({ workspace_id }, v2Ctx('alice'))).content[0].text)).toEqual(['p1', 't-1', 't-2']);
    });

    it('is refused for other credentials across instances sharing a real Redis, which keeps no client id (v1 extra, mintHandle)', async () => {
      const redis = await startRedis();
      const a = await instance({ MCP_STATE_URL: redis.url });
      const b = await instance({ MCP_STATE_URL: redis.url });
      const carts = a.handleState<string[]>('workspaces');
      const workspace_id = (await a.mintHandle(carts, { handle: 'workspace_id', initial: ['kept'], description: 'Created.' }, v1Extra('alice'))).structuredContent!.workspace_id;
      const { list, add } = tools(b);
      expect((await list({ workspace_id }, v1Extra('bob'))).content[0].text).toMatch(refused);
      expect((await add({ workspace_id, title: 'bob-sneaks-in' }, v1Extra())).content[0].text).toMatch(refused);
      expect((await add({ workspace_id, title: 'mine' }, v1Extra('alice'))).isError).toBeUndefined();
      expect(JSON.parse((await list({ workspace_id }, v1Extra('alice'))).content[0].text)).toEqual(['kept', 'mine']);
      const keys = String(await redisCommand(redis.url, 'KEYS', `*${workspace_id}*`));
      expect(keys).toContain(`mcp-state-owner:${workspace_id}`);
      const owner = String(await redisCommand(redis.url, 'GET', `mcp-state-owner:${workspace_id}`));
      expect(owner).not.toContain('alice');
      // The owner outlives the values it guards.
      expect(Number(await redisCommand(redis.url, 'TTL', `mcp-state-owner:${workspace_id}`))).toBeGreaterThan(Number(await redisCommand(redis.url, 'TTL', `mcp-state:workspaces:${workspace_id}`)));
      expect(redisLogs).toEqual([]);
    });

    it('minted without credentials stays usable by anyone who holds it', async () => {
      const mod = await instance({ MCP_STATE_URL: undefined });
      const { workspaces, select, list, add } = tools(mod);
      const viaCtx = (await select({ project_id: 'p1' }, v2Ctx())).structuredContent!.workspace_id;
      const viaMint = (await mod.mintHandle(workspaces, { handle: 'workspace_id', initial: ['p2'], description: 'Created.' })).structuredContent!.workspace_id;
      for (const workspace_id of [viaCtx, viaMint]) {
        for (const caller of [v2Ctx('alice'), v1Extra('bob'), v2Ctx(), undefined]) expect((await add({ workspace_id, title: 'x' }, caller)).isError).toBeUndefined();
        expect(JSON.parse((await list({ workspace_id })).content[0].text)).toHaveLength(5);
      }
    });

    // Servers already deployed with an earlier mcp-state kept values with no owner next to them.
    it('an entry stored without an owner keeps working for every caller', async () => {
      const redis = await startRedis();
      const mod = await instance({ MCP_STATE_URL: redis.url });
      const workspace_id = `workspace_${'0'.repeat(32)}`;
      expect(await redisCommand(redis.url, 'SET', `mcp-state:workspaces:${workspace_id}`, '["old"]', 'EX', '3600')).toBe('OK');
      const { list, add } = tools(mod);
      expect((await add({ workspace_id, title: 'a' }, v2Ctx('alice'))).isError).toBeUndefined();
      expect((await add({ workspace_id, title: 'b' }, v1Extra('bob'))).isError).toBeUndefined();
      expect(JSON.parse((await list({ workspace_id })).content[0].text)).toEqual(['old', 'a', 'b']);
      expect(await redisCommand(redis.url, 'EXISTS', `mcp-state-owner:${workspace_id}`)).toBe(0);
      expect(redisLogs).toEqual([]);
    });
  });

  describe('MCP_STATE_LOCK_TTL_SECONDS', () => {
    const saved = { url: process.env.MCP_STATE_URL, ttl: process.env.MCP_STATE_LOCK_TTL_SECONDS };
    afterAll(() => {
      for (const [name, value] of [['MCP_STATE_URL', saved.url], ['MCP_STATE_LOCK_TTL_SECONDS', saved.ttl]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });

    // An instance killed in the middle of a call leaves its lock in Redis: the next call on the handle waits for it to expire.
    it('sets how soon the lock of an instance that died mid-call expires', async () => {
      const redis = await startRedis();
      const mod = await instance({ MCP_STATE_URL: redis.url, MCP_STATE_LOCK_TTL_SECONDS: undefined });
      const carts = mod.handleState<string[]>('carts');
      const basket = (await mod.mintHandle(carts, { handle: 'basket_id', initial: [], description: 'Cart created.' })).structuredContent!.basket_id;
      const moduleFile = path.join(dir, `mcp-state-${copies}.mjs`);
      const script = path.join(dir, 'dies-mid-call.mjs');
      fs.writeFileSync(
        script,
        `import { handleState, withHandle } from ${JSON.stringify(pathToFileURL(moduleFile).href)};\n` +
          `const carts = handleState('carts');\n` +
          `withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, () => new Promise(() => console.log('locked')))({ basket_id: process.argv[2] });\n`,
      );
      const child = spawn(process.execPath, [script, basket], { env: { ...process.env, MCP_STATE_URL: redis.url, MCP_STATE_LOCK_TTL_SECONDS: '0.5' }, stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
        child.once('exit', (code) => reject(new Error(`the holder exited (${code}) before taking the lock`)));
      });
      try {
        const pttl = Number(await redisCommand(redis.url, 'PTTL', `mcp-state-lock:${basket}`));
        expect(pttl).toBeGreaterThan(0);
        expect(pttl).toBeLessThanOrEqual(500);
      } finally {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await gone;
      }
      const started = Date.now();
      expect((await addItemTool(mod, carts)({ basket_id: basket, sku: 'after' })).isError).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(redisLogs).toEqual([]);
    }, 40_000);

    it('is ignored with a one-line warning when it is not a number of seconds above 0', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      try {
        await instance({ MCP_STATE_URL: undefined, MCP_STATE_LOCK_TTL_SECONDS: 'soon' });
        expect(warn.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('LOCK_TTL'))).toEqual(['[mcp-state] MCP_STATE_LOCK_TTL_SECONDS="soon" is not a number of seconds above 0: using 15.']);
      } finally {
        warn.mockRestore();
        delete process.env.MCP_STATE_LOCK_TTL_SECONDS;
      }
    });
  });
});
