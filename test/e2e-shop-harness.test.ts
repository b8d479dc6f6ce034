/**
 * Scaffolding for the explicit-handles proof (issue 5), tested on its own: the UNMIGRATED shop
 * fixture (cart keyed by the MCP session id), which must type-check, work for the sessionful
 * client it was written for, and fail the shop flow behind the round-robin proxy with the session
 * rejection; the throw-away Redis; and `runShopFlow`, scored against in-process fake shops (a
 * correct one on a shared Redis store, and broken ones it must catch). Real processes, loopback
 * only. The migrated shop itself is exercised by the explicit-handles e2e test.
 */
import fs from 'node:fs';
import http from 'node:http';
import { listenLoopback } from './helpers/proxy.js';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MCP_PATH,
  client2025,
  copyFixture,
  deployBehindProxy,
  handshake2025,
  postJsonRpc,
  removeTempDirs,
  startRoundRobinProxy,
  stopAll,
  typecheck,
  type Deployment,
  type HttpExchange,
  type ProcessResult,
} from './helpers/e2e.js';
import {
  RedisReplyError,
  parseCartText,
  readHandle,
  redisCommand,
  redisKeys,
  redisServerVersion,
  runShopFlow,
  startRedis,
  stopAllRedis,
  type RedisServer,
  type ShopFlowResult,
} from './helpers/redis.js';

/** What a sessionful 2025 server answers a request that did not initialize. */
const SESSION_REJECTION = /No valid session ID provided|Server not initialized|Mcp-Session-Id header is required/;

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.allSettled(closers.map((c) => c()));
  await stopAll();
  await stopAllRedis();
  removeTempDirs();
});

const statuses = (flow: ShopFlowResult) => flow.steps.map((s) => s.attempts.map((a) => a.status));

// ---------------------------------------------------------------------------------------------
// The unmigrated shop
// ---------------------------------------------------------------------------------------------

/** A 2025 sessionful client on ONE endpoint: initialize, notifications/initialized, then calls. */
async function openSession(endpoint: string) {
  const session = await handshake2025(endpoint);
  if (!session.ok) throw new Error(`initialize failed: HTTP ${session.init.status} ${session.init.body}`);
  const { sessionId, headers } = session;
  let id = 1;
  return {
    sessionId,
    async call(name: string, args: Record<string, unknown> = {}): Promise<{ text?: string; isError: boolean; exchange: HttpExchange }> {
      const exchange = await postJsonRpc(endpoint, { id: id++, method: 'tools/call', params: { name, arguments: args } }, headers);
      const result = exchange.message?.result;
      return { text: result?.content?.find((c) => c.type === 'text')?.text, isError: result?.isError === true, exchange };
    },
  };
}

describe('unmigrated shop-v1 (cart keyed by the MCP session id)', () => {
  let copy: string;
  let check: ProcessResult;
  beforeAll(async () => {
    copy = copyFixture('shop-v1');
    check = await typecheck(copy);
  }, 120_000);

  it('type-checks with tsc', () => {
    expect(check.code, check.output).toBe(0);
  });

  let deployment: Deployment;
  it('works for the sessionful client it was written for; each session has its own cart', async () => {
    deployment = await deployBehindProxy(copy);
    closers.push(deployment.close);
    const direct = `${deployment.fleet.instances[0].url}${MCP_PATH}`;

    const a = await openSession(direct);
    expect((await a.call('catalog')).text).toBe('apple 3, pear 4, plum 2');
    expect((await a.call('add_item', { sku: 'apple', quantity: 2 })).text).toBe('added apple x2');
    expect((await a.call('add_item', { sku: 'pear' })).text).toBe('added pear x1');
    expect((await a.call('view_cart')).text).toBe('apple x2, pear x1; total 10');
    expect(await a.call('add_item', { sku: 'kiwi' })).toMatchObject({ isError: true, text: 'unknown sku "kiwi"; call catalog for the product list' });

    const b = await openSession(direct); // another session on the same instance: its own, empty cart
    expect((await b.call('view_cart')).text).toBe('empty; total 0');
    expect(await b.call('checkout')).toMatchObject({ isError: true, text: 'the cart is empty; call add_item first' });

    expect((await a.call('checkout')).text).toBe('checked out apple x2, pear x1; total 10');
    expect((await a.call('view_cart')).text).toBe('empty; total 0');

    // It has no minting tool: the proof's first call cannot succeed even inside a session.
    const mint = await a.call('create_basket');
    const problem = mint.exchange.message?.error?.message ?? (mint.isError ? mint.text : undefined);
    expect(problem, JSON.stringify(mint.exchange.message)).toMatch(/create_basket not found/);
  }, 60_000);

  it('fails the shop flow behind the round-robin proxy: every call of a never-initializing client is rejected', async () => {
    const { fleet, proxy, endpoint } = deployment;
    const hitsBefore = proxy.hits.length;
    const flow = await runShopFlow({ client: client2025(), endpoint, kill: () => fleet.kill(0) });
    expect(flow.ok, flow.summary).toBe(false);
    expect(flow.handle, flow.summary).toBeUndefined();
    expect(flow.killedAfter).toBe(4);
    expect(flow.steps.map((s) => s.step)).toEqual([
      'create',
      'add apple x2',
      'add pear x1',
      'view',
      'view after kill',
      'checkout',
      'view after checkout',
      'unknown handle',
    ]);
    expect(flow.steps[0]).toMatchObject({ tool: 'create_basket', args: {} });
    expect(flow.steps[1].args).toEqual({ sku: 'apple', quantity: 2 }); // no handle to send
    for (const step of flow.steps) {
      expect(step.ok, flow.summary).toBe(false);
      const last = step.attempts[step.attempts.length - 1];
      expect(last.status, flow.summary).toBe(400);
      expect(last.message?.error?.message, flow.summary).toMatch(SESSION_REJECTION);
    }
    // Both instances were asked before the kill; afterwards every call met the dead one first and retried once.
    expect(new Set(proxy.hits.slice(hitsBefore, hitsBefore + 4).map((h) => h.upstream))).toEqual(new Set([0, 1]));
    expect(statuses(flow)).toEqual([[400], [400], [400], [400], [502, 400], [502, 400], [502, 400], [502, 400]]);
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------
// Redis
// ---------------------------------------------------------------------------------------------

describe('throw-away redis-server', () => {
  it('starts on loopback without persistence, answers RESP, and stops cleanly', async () => {
    expect(redisServerVersion()).toMatch(/^Redis server v=\d+\./);
    const redis = await startRedis();
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await redisCommand(redis.url, 'PING')).toBe('PONG');
    expect(await redisCommand(redis.url, 'CONFIG', 'GET', 'save')).toEqual(['save', '']);
    expect(await redisCommand(redis.url, 'CONFIG', 'GET', 'appendonly')).toEqual(['appendonly', 'no']);
    expect(await redisCommand(redis.url, 'CONFIG', 'GET', 'bind')).toEqual(['bind', '127.0.0.1']);
    const dir = (await redisCommand(redis.url, 'CONFIG', 'GET', 'dir')) as string[];

    // JSON values with a TTL, the way a migrated store keeps them; UTF-8 survives both ways.
    const value = JSON.stringify([{ sku: 'äpfel ✓', quantity: 2 }]);
    expect(await redisCommand(redis.url, 'SET', 'shop:basket:1', value, 'PX', 60_000)).toBe('OK');
    expect(await redisCommand(redis.url, 'GET', 'shop:basket:1')).toBe(value);
    expect(await redisCommand(redis.url, 'PTTL', 'shop:basket:1')).toBeGreaterThan(50_000);
    expect(await redisCommand(redis.url, 'GET', 'missing')).toBeNull();
    expect(await redisCommand(redis.url, 'INCR', 'n')).toBe(1);
    expect(await redisCommand(redis.url, 'DBSIZE')).toBe(2);
    expect(await redisKeys(redis.url, 'shop:*')).toEqual(['shop:basket:1']);
    await expect(redisCommand(redis.url, 'NOSUCHCOMMAND')).rejects.toBeInstanceOf(RedisReplyError);
    await expect(redisCommand(redis.url, 'NOSUCHCOMMAND')).rejects.toThrow(/unknown command/);

    // A second server is independent.
    const other = await startRedis();
    expect(other.port).not.toBe(redis.port);
    expect(await redisCommand(other.url, 'DBSIZE')).toBe(0);
    await other.stop();

    await redis.stop();
    expect(redis.alive()).toBe(false);
    await expect(redisCommand(redis.url, 'PING')).rejects.toThrow(/ECONNREFUSED/);
    expect(fs.existsSync(dir[1])).toBe(false);
  });

  it('tells how to install redis-server when it is missing (no silent skip)', () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => redisServerVersion()).toThrow(/redis-server is not on PATH; run scripts\/setup-redis\.sh/);
    } finally {
      process.env.PATH = saved;
    }
  });
});

// ---------------------------------------------------------------------------------------------
// runShopFlow, scored against in-process fake shops
// ---------------------------------------------------------------------------------------------

const PRICES: Record<string, number> = { apple: 3, pear: 4, plum: 2 };
type Lines = Array<{ sku: string; quantity: number }>;

interface BasketStore {
  get(id: string): Promise<Lines | undefined>;
  set(id: string, lines: Lines): Promise<void>;
}

/** Baskets in Redis as JSON with a 24 h TTL: what every instance of a migrated shop shares. */
const redisStore = (url: string): BasketStore => ({
  async get(id) {
    const raw = await redisCommand(url, 'GET', `shop:basket:${id}`);
    return typeof raw === 'string' ? (JSON.parse(raw) as Lines) : undefined;
  },
  async set(id, lines) {
    await redisCommand(url, 'SET', `shop:basket:${id}`, JSON.stringify(lines), 'PX', 86_400_000);
  },
});

/** Baskets in this process only: what a migration that forgot the shared store would do. */
const localStore = (): BasketStore => {
  const map = new Map<string, Lines>();
  return { get: async (id) => map.get(id), set: async (id, lines) => void map.set(id, lines) };
};

interface FakeShopOptions {
  store: BasketStore;
  /** Return the handle in text only (no structuredContent). */
  handleInTextOnly?: boolean;
  /** The unknown-handle error text. */
  unknownText?: (id: string) => string;
}

/** A stateless shop speaking plain JSON-RPC tools/call (the migrated shop's tool contract). */
async function fakeShop(options: FakeShopOptions) {
  const text = (t: string, extra: Record<string, unknown> = {}) => ({ content: [{ type: 'text', text: t }], ...extra });
  const describeLines = (lines: Lines) =>
    `${lines.length ? lines.map((l) => `${l.sku} x${l.quantity}`).join(', ') : 'empty'}; total ${lines.reduce((s, l) => s + PRICES[l.sku] * l.quantity, 0)}`;
  const unknown = options.unknownText ?? ((id: string) => `basket ${id} has expired or does not exist; call create_basket to start a new one`);

  async function tool(name: string, args: Record<string, unknown>): Promise<object> {
    if (name === 'create_basket') {
      const basket_id = `bsk_${randomBytes(16).toString('hex')}`;
      await options.store.set(basket_id, []);
      const message = `Created basket. basket_id: ${basket_id}`;
      return options.handleInTextOnly ? text(message) : text(message, { structuredContent: { basket_id } });
    }
    const id = String(args.basket_id);
    const lines = await options.store.get(id);
    if (!lines) return text(unknown(id), { isError: true });
    if (name === 'add_item') {
      const sku = String(args.sku);
      const count = Number(args.quantity ?? 1);
      const line = lines.find((l) => l.sku === sku);
      if (line) line.quantity += count;
      else lines.push({ sku, quantity: count });
      await options.store.set(id, lines);
      return text(`added ${sku} x${count}`);
    }
    if (name === 'view_cart') return text(describeLines(lines));
    if (name === 'checkout') {
      await options.store.set(id, []);
      return text(`checked out ${describeLines(lines)}`);
    }
    return text(`unknown tool ${name}`, { isError: true });
  }

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', async () => {
      const message = JSON.parse(body);
      const result = await tool(message.params.name, message.params.arguments ?? {});
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result }));
    });
  });
  const { url, close } = await listenLoopback(server);
  closers.push(close);
  return { url, close };
}

/** Two fake instances behind the proxy; `kill` closes instance 0. */
async function fakeFleet(a: FakeShopOptions, b: FakeShopOptions = a) {
  const [first, second] = [await fakeShop(a), await fakeShop(b)];
  const proxy = await startRoundRobinProxy([first.url, second.url]);
  closers.push(() => proxy.close());
  return { endpoint: `${proxy.url}${MCP_PATH}`, proxy, kill: () => first.close() };
}

describe('runShopFlow', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
    closers.push(() => redis.stop());
  });

  it('passes a correct stateless shop on a shared Redis store, across an instance kill', async () => {
    const store = redisStore(redis.url);
    const { endpoint, proxy, kill } = await fakeFleet({ store });
    const flow = await runShopFlow({ client: client2025(), endpoint, kill });
    expect(flow.ok, flow.summary).toBe(true);
    expect(flow.handle).toMatch(/^bsk_[0-9a-f]{32}$/);
    expect(flow.handleSource).toBe('structuredContent');
    expect(flow.killedAfter).toBe(4);
    expect(flow.steps.map((s) => s.text)).toEqual([
      `Created basket. basket_id: ${flow.handle}`,
      'added apple x2',
      'added pear x1',
      'apple x2, pear x1; total 10',
      'apple x2, pear x1; total 10',
      'checked out apple x2, pear x1; total 10',
      'empty; total 0',
      'basket does-not-exist has expired or does not exist; call create_basket to start a new one',
    ]);
    expect(flow.steps[1].args).toEqual({ basket_id: flow.handle, sku: 'apple', quantity: 2 });
    expect(flow.steps[7].args).toEqual({ basket_id: 'does-not-exist' });
    // Round robin really alternated, and after the kill every call met the dead instance once.
    expect(new Set(proxy.hits.slice(0, 4).map((h) => h.upstream))).toEqual(new Set([0, 1]));
    expect(statuses(flow)).toEqual([[200], [200], [200], [200], [502, 200], [502, 200], [502, 200], [502, 200]]);
    // The basket lives in Redis, with a TTL.
    expect(await redisKeys(redis.url, 'shop:basket:*')).toEqual([`shop:basket:${flow.handle}`]);
    expect(await redisCommand(redis.url, 'PTTL', `shop:basket:${flow.handle}`)).toBeGreaterThan(0);
  });

  it('catches a shop whose instances do not share the store (the handle is unknown on the other instance)', async () => {
    const { endpoint, kill } = await fakeFleet({ store: localStore() }, { store: localStore() });
    const flow = await runShopFlow({ client: client2025(), endpoint, kill });
    expect(flow.ok, flow.summary).toBe(false);
    expect(flow.handle).toBeDefined();
    expect(flow.steps[1].ok).toBe(false); // add_item went to the other instance
    expect(flow.steps[1].reason).toMatch(/^tool error: basket bsk_\w+ has expired or does not exist/);
    expect(flow.steps.find((s) => s.step === 'view after kill')!.ok).toBe(false);
  });

  it('reads the handle from the text when there is no structuredContent, and checks the unknown-handle error text', async () => {
    const { endpoint } = await fakeFleet({
      store: redisStore(redis.url),
      handleInTextOnly: true,
      unknownText: (id) => `no such basket ${id}`,
    });
    const flow = await runShopFlow({ client: client2025(), endpoint });
    expect(flow.handleSource, flow.summary).toBe('text');
    expect(flow.killedAfter).toBeNull();
    expect(flow.steps.slice(0, 7).every((s) => s.ok), flow.summary).toBe(true);
    expect(flow.ok).toBe(false);
    expect(flow.steps[7].reason).toBe('error text "no such basket does-not-exist" does not match /\\bcreate_basket\\b/');

    // Custom names and pattern are honoured.
    const custom = await runShopFlow({ client: client2025(), endpoint, unknownHandlePattern: /no such basket/, firstId: 100 });
    expect(custom.ok, custom.summary).toBe(true);
    expect(custom.steps[0].attempts[0].message?.id).toBe(100);
  });

  it('parses cart texts and handles', () => {
    expect(parseCartText('apple x2, pear x1; total 10')).toEqual({ items: new Map([['apple', 2], ['pear', 1]]), total: 10 });
    expect(parseCartText('checked out apple x2, pear x1; total 10').total).toBe(10);
    expect(parseCartText('empty; total 0')).toEqual({ items: new Map(), total: 0 });
    expect(parseCartText('Total: 12.5').total).toBe(12.5);
    expect(parseCartText(undefined)).toEqual({ items: new Map(), total: undefined });

    const content = (t: string) => ({ content: [{ type: 'text', text: t }] });
    expect(readHandle({ structuredContent: { basket_id: 'b1' }, ...content('x') }, 'basket_id')).toEqual({ handle: 'b1', source: 'structuredContent' });
    expect(readHandle(content('{"basket_id":"bsk_9"}'), 'basket_id')).toEqual({ handle: 'bsk_9', source: 'text' });
    expect(readHandle(content('Created basket; basket_id = bsk_42.'), 'basket_id')).toEqual({ handle: 'bsk_42', source: 'text' });
    expect(readHandle(content('Use this basket_id in every call: bsk_7f3a9c'), 'basket_id')).toEqual({ handle: 'bsk_7f3a9c', source: 'text' });
    expect(readHandle(content('Created basket 4f1c2a9e-0b7d-4e3a-9c1f-2d3e4f5a6b7c'), 'basket_id').handle).toBe('4f1c2a9e-0b7d-4e3a-9c1f-2d3e4f5a6b7c');
    expect(readHandle(content('nothing here'), 'basket_id')).toEqual({});
    expect(readHandle(undefined, 'basket_id')).toEqual({});
  });
});
