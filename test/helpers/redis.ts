/**
 * Redis and the shop flow for the explicit-handles end-to-end proof.
 *
 *   const redis = await startRedis();                 // redis-server on 127.0.0.1:<free port>, no persistence
 *   const d = await deployBehindProxy(dir, { env: { MCP_STATE_URL: redis.url } });
 *   const flow = await runShopFlow({ client: client2025(), endpoint: d.endpoint, kill: () => d.fleet.kill(0) });
 *   expect(flow.ok, flow.summary).toBe(true);
 *   expect(await redisCommand(redis.url, 'DBSIZE')).toBeGreaterThan(0);
 *   await redis.stop();                               // afterAll: await stopAllRedis();
 *
 * redis-server comes from Debian's package (scripts/setup-redis.sh); no npm dependency is used:
 * the readiness probe and {@link redisCommand} speak RESP over a plain TCP socket.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MODERN_VERSION, captureOutput, exited, freePorts, isRetryable, type CallAttempt, type McpClient } from './e2e.js';

// ---------------------------------------------------------------------------------------------
// redis-server
// ---------------------------------------------------------------------------------------------

export interface RedisServer {
  /** `redis://127.0.0.1:<port>`: what a migrated server gets as MCP_STATE_URL. */
  url: string;
  port: number;
  pid: number;
  /** Everything redis-server wrote so far. */
  output(): string;
  alive(): boolean;
  /** Stops redis-server (SIGTERM, SIGKILL after 5 s) and removes its temp dir. */
  stop(): Promise<void>;
}

export const REDIS_SETUP_HINT = 'run scripts/setup-redis.sh (as root) to install Debian\'s redis-server';

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** The `redis-server --version` line, or throws telling how to install it. */
export function redisServerVersion(): string {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (probe.error || probe.status !== 0) {
    const why = (probe.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' ? 'redis-server is not on PATH' : `redis-server --version failed: ${probe.error?.message ?? probe.stderr}`;
    throw new Error(`${why}; ${REDIS_SETUP_HINT}`);
  }
  return probe.stdout.trim();
}

/**
 * Starts a throw-away redis-server: loopback only, a free port, no RDB snapshots and no AOF,
 * working directory in a fresh temp dir. Resolves once it answers PING with PONG (bounded).
 */
export async function startRedis(options: { readyTimeoutMs?: number } = {}): Promise<RedisServer> {
  redisServerVersion();
  try {
    return await startRedisOnce(options.readyTimeoutMs ?? 10_000);
  } catch (error) {
    // Another process took the port between picking and binding it: pick again, once.
    if (!/Address already in use|EADDRINUSE/i.test(String(error))) throw error;
    return await startRedisOnce(options.readyTimeoutMs ?? 10_000);
  }
}

async function startRedisOnce(readyTimeoutMs: number): Promise<RedisServer> {
  const [port] = await freePorts(1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-migrate-redis-'));
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--save', '',
    '--appendonly', 'no',
    '--dir', dir,
    '--daemonize', 'no',
    '--protected-mode', 'yes',
    '--logfile', '',
    '--databases', '1',
  ];
  const child = spawn('redis-server', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const output = captureOutput(child);
  let spawnError: Error | undefined;
  child.on('error', (error) => (spawnError = error));
  child.on('exit', () => running.delete(child));
  const alive = () => child.exitCode === null && child.signalCode === null && !spawnError;
  const url = `redis://127.0.0.1:${port}`;

  const stop = async () => {
    if (alive()) {
      child.kill('SIGTERM');
      if (!(await exited(child, 5_000))) {
        child.kill('SIGKILL');
        await exited(child, 5_000);
      }
    }
    running.delete(child);
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + readyTimeoutMs;
  let lastError = '';
  while (true) {
    if (!alive()) {
      await stop();
      throw new Error(`redis-server exited before answering PING${spawnError ? ` (${spawnError.message})` : ''}:\n${output()}`);
    }
    try {
      if ((await redisCommand(url, 'PING')) === 'PONG') break;
    } catch (error) {
      lastError = String(error);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server on port ${port} did not answer PING within ${readyTimeoutMs} ms (${lastError}):\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return { url, port, pid: child.pid ?? -1, output, alive, stop };
}


/** SIGKILLs every redis-server started by {@link startRedis} that is still running. */
export async function stopAllRedis(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      child.kill('SIGKILL');
      await exited(child, 5_000);
      running.delete(child);
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// A tiny RESP client (for readiness and assertions; not for the servers under test)
// ---------------------------------------------------------------------------------------------

/** A decoded RESP2 reply. Errors are thrown, not returned. */
export type RespValue = string | number | null | RespValue[];

/** Thrown for a RESP error reply (`-ERR …`). */
export class RedisReplyError extends Error {}

/**
 * Sends one command (`redisCommand(url, 'SET', 'k', 'v', 'PX', '1000')`) on a fresh connection
 * and resolves with its reply: simple and bulk strings → string, integers → number, nil → null,
 * arrays → arrays. A `-ERR` reply rejects with {@link RedisReplyError}. `url` is
 * `redis://host:port[/db]` (loopback in these tests). Bounded by `timeoutMs`.
 */
export function redisCommand(url: string, ...args: Array<string | number>): Promise<RespValue> {
  return redisCommandWithTimeout(url, args, 5_000);
}

export function redisCommandWithTimeout(url: string, args: Array<string | number>, timeoutMs: number): Promise<RespValue> {
  const target = new URL(url);
  if (target.protocol !== 'redis:') throw new Error(`redisCommand: expected a redis:// URL, got ${url}`);
  const db = target.pathname.replace(/^\//, '');
  const commands: Array<Array<string | number>> = db && db !== '0' ? [['SELECT', db], args] : [args];
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.hostname.replace(/^\[|\]$/g, ''), port: Number(target.port || 6379) });
    let buffer = Buffer.alloc(0);
    const replies: RespValue[] = [];
    let settled = false;
    const finish = (error: Error | undefined, value?: RespValue) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (error) reject(error);
      else resolve(value as RespValue);
    };
    socket.setTimeout(timeoutMs, () => finish(new Error(`redisCommand ${String(args[0])}: no reply within ${timeoutMs} ms`)));
    socket.once('error', (error) => finish(error));
    socket.once('close', () => finish(new Error(`redisCommand ${String(args[0])}: connection closed before the reply`)));
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      try {
        while (replies.length < commands.length) {
          const parsed = parseResp(buffer, 0);
          if (!parsed) return; // incomplete: wait for more bytes
          replies.push(parsed.value);
          buffer = buffer.subarray(parsed.end);
        }
      } catch (error) {
        finish(error as Error);
        return;
      }
      finish(undefined, replies[replies.length - 1]);
    });
    socket.write(Buffer.concat(commands.map(encodeCommand)));
  });
}

/** RESP request: an array of bulk strings. */
export function encodeCommand(args: Array<string | number>): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = Buffer.from(String(arg), 'utf8');
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/**
 * Parses one RESP2 value starting at `offset`. Returns undefined when `buffer` does not hold
 * the whole value yet. An error reply throws {@link RedisReplyError} (once complete).
 */
export function parseResp(buffer: Buffer, offset: number): { value: RespValue; end: number } | undefined {
  const lineEnd = buffer.indexOf('\r\n', offset);
  if (lineEnd < 0) return undefined;
  const type = String.fromCharCode(buffer[offset]);
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const next = lineEnd + 2;
  switch (type) {
    case '+':
      return { value: line, end: next };
    case '-':
      throw new RedisReplyError(line);
    case ':':
      return { value: Number(line), end: next };
    case '$': {
      const length = Number(line);
      if (length < 0) return { value: null, end: next };
      if (buffer.length < next + length + 2) return undefined;
      return { value: buffer.toString('utf8', next, next + length), end: next + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, end: next };
      const items: RespValue[] = [];
      let at = next;
      for (let i = 0; i < count; i++) {
        const item = parseResp(buffer, at);
        if (!item) return undefined;
        items.push(item.value);
        at = item.end;
      }
      return { value: items, end: at };
    }
    default:
      throw new Error(`parseResp: unexpected RESP type byte ${JSON.stringify(type)} at ${offset}`);
  }
}

/** Every key matching `pattern` (SCAN, so it is safe on a non-empty server), sorted. */
export async function redisKeys(url: string, pattern = '*'): Promise<string[]> {
  const keys = new Set<string>();
  let cursor = '0';
  do {
    const reply = (await redisCommand(url, 'SCAN', cursor, 'MATCH', pattern, 'COUNT', 1000)) as [string, string[]];
    cursor = reply[0];
    for (const key of reply[1]) keys.add(key);
  } while (cursor !== '0');
  return [...keys].sort();
}

// ---------------------------------------------------------------------------------------------
// The shop flow (fixtures/e2e/shop-v1 after the explicit-handles migration)
// ---------------------------------------------------------------------------------------------

export interface ShopStep {
  /** 1-based position in the flow. */
  index: number;
  /** Short label: create, add apple x2, add pear x1, view, view after kill, checkout, view after checkout, unknown handle. */
  step: string;
  tool: string;
  args: Record<string, unknown>;
  /** What the step expected, in words (for the summary). */
  expected: string;
  /** One attempt, or two when the first got a 502 / network error. */
  attempts: CallAttempt[];
  ok: boolean;
  /** Text of the first text block of the last attempt's result. */
  text?: string;
  /** Why the step failed (last attempt). */
  reason?: string;
}

export interface ShopFlowResult {
  /** Every step met its expectation. */
  ok: boolean;
  /** The handle minted by step 1 (undefined if none could be read). */
  handle?: string;
  /** Where the handle was read from. */
  handleSource?: 'structuredContent' | 'text';
  steps: ShopStep[];
  /** The step after which `kill` ran (null if it did not). */
  killedAfter: number | null;
  /** One line per step, for assertion messages. */
  summary: string;
}

export interface ShopFlowOptions {
  client: McpClient;
  /** Full MCP endpoint URL (e.g. `deployment.endpoint`, `<proxy>/mcp`). */
  endpoint: string;
  /** Runs after the first view_cart (step 4), e.g. `() => fleet.kill(0)`. */
  kill?: () => void | Promise<void>;
  /** Argument name of the handle on every cart tool and key in the minting tool's structuredContent. */
  handleName?: string;
  /** The tool that mints a handle. Called with `{}`. */
  mintTool?: string;
  /** The handle sent in the last step, which must be rejected. */
  unknownHandle?: string;
  /**
   * The text of the unknown-handle error must match this (default: names `mintTool` as a whole
   * word, i.e. tells the model to call it).
   */
  unknownHandlePattern?: RegExp;
  /** First JSON-RPC id (ids increase by one per attempt). */
  firstId?: number;
}

/** "apple x2, pear x1; total 10" → { items: Map{apple→2, pear→1}, total: 10 }. */
export function parseCartText(text: string | undefined): { items: Map<string, number>; total: number | undefined } {
  const items = new Map<string, number>();
  for (const m of (text ?? '').matchAll(/\b([a-z][a-z0-9_-]*) x(\d+)\b/gi)) items.set(m[1].toLowerCase(), Number(m[2]));
  const total = /\btotal:?\s*(-?\d+(?:\.\d+)?)\b/i.exec(text ?? '');
  return { items, total: total ? Number(total[1]) : undefined };
}

/**
 * Reads the handle from a minting tool's result: `structuredContent[handleName]` (a non-empty
 * string) first; else from the text: JSON with that key, then `<handleName>: X` / `<handleName>=X`
 * / `<handleName> X`, then the last token of 8+ handle-ish characters.
 */
export function readHandle(
  result: { structuredContent?: unknown; content?: Array<{ type: string; text?: string }> } | undefined,
  handleName: string,
): { handle?: string; source?: 'structuredContent' | 'text' } {
  const structured = result?.structuredContent as Record<string, unknown> | undefined;
  const fromStructured = structured?.[handleName];
  if (typeof fromStructured === 'string' && fromStructured.length > 0) return { handle: fromStructured, source: 'structuredContent' };
  const text = (result?.content ?? [])
    .filter((c) => c.type === 'text' && typeof c.text === 'string')
    .map((c) => c.text!)
    .join('\n');
  try {
    const value = (JSON.parse(text) as Record<string, unknown>)[handleName];
    if (typeof value === 'string' && value.length > 0) return { handle: value, source: 'text' };
  } catch {
    /* not JSON */
  }
  const escaped = handleName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const labelled = new RegExp(`${escaped}["'\`]?\\s*(?:[:=]|\\bis\\b)\\s*["'\`]?([A-Za-z0-9][A-Za-z0-9_.:-]*[A-Za-z0-9])`).exec(text);
  if (labelled) return { handle: labelled[1], source: 'text' };
  const tokens = text.match(/[A-Za-z0-9][A-Za-z0-9_.:-]{6,}[A-Za-z0-9]/g);
  const token = tokens?.filter((t) => /\d/.test(t)).pop();
  return token ? { handle: token, source: 'text' } : {};
}

/**
 * The explicit-handles proof flow, through `endpoint` with `client` (which never initializes):
 *
 *   1 mintTool {}                                  → handle from structuredContent[handleName] (or the text)
 *   2 add_item { handle, sku: apple, quantity: 2 } → not an error
 *   3 add_item { handle, sku: pear, quantity: 1 }  → not an error
 *   4 view_cart { handle }                         → "apple x2", "pear x1", total 10;  then kill()
 *   5 view_cart { handle }                         → the same, served by whichever instance is left
 *   6 checkout { handle }                          → total 10
 *   7 view_cart { handle }                         → total 0 (checkout emptied the cart)
 *   8 view_cart { handle: unknownHandle }          → isError, text names mintTool
 *
 * Each call gets ONE retry, and only after a 502 or a network error. If step 1 yields no
 * handle, the later steps are still sent (without the handle argument), so a server that
 * rejects everything shows it on every step. Never throws for server misbehaviour.
 */
export async function runShopFlow(options: ShopFlowOptions): Promise<ShopFlowResult> {
  const handleName = options.handleName ?? 'basket_id';
  const mintTool = options.mintTool ?? 'create_basket';
  const unknownHandle = options.unknownHandle ?? 'does-not-exist';
  const unknownPattern = options.unknownHandlePattern ?? new RegExp(`\\b${mintTool.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
  let id = options.firstId ?? 1;
  const steps: ShopStep[] = [];
  let handle: string | undefined;
  let handleSource: ShopFlowResult['handleSource'];
  let killedAfter: number | null = null;

  const withHandle = (args: Record<string, unknown>, value = handle) => (value === undefined ? args : { [handleName]: value, ...args });

  /** Calls the tool (one retry after a 502 / network error); `check` judges the last attempt. */
  const step = async (
    label: string,
    tool: string,
    args: Record<string, unknown>,
    expected: string,
    check: (attempt: CallAttempt) => string | undefined,
  ): Promise<ShopStep> => {
    const attempts: CallAttempt[] = [await options.client.callTool(options.endpoint, tool, args, id++)];
    if (!attempts[0].ok && isRetryable(attempts[0])) attempts.push(await options.client.callTool(options.endpoint, tool, args, id++));
    const last = attempts[attempts.length - 1];
    const reason = check(last);
    const outcome: ShopStep = { index: steps.length + 1, step: label, tool, args, expected, attempts, ok: reason === undefined, text: last.text, reason };
    steps.push(outcome);
    return outcome;
  };
  const succeeded = (a: CallAttempt) => (a.ok ? undefined : (a.reason ?? 'failed'));
  const cartIs = (items: Record<string, number>, total: number) => (a: CallAttempt) => {
    if (!a.ok) return a.reason ?? 'failed';
    const cart = parseCartText(a.text);
    const want = Object.entries(items);
    const itemsOk = cart.items.size === want.length && want.every(([sku, n]) => cart.items.get(sku) === n);
    return itemsOk && cart.total === total ? undefined : `expected ${cartText(items, total)}, got ${JSON.stringify(a.text)}`;
  };
  const FULL = { apple: 2, pear: 1 };

  // 1. Mint a handle.
  await step('create', mintTool, {}, `${handleName} in structuredContent or text`, (a) => {
    if (!a.ok) return a.reason ?? 'failed';
    const read = readHandle(a.message?.result as Parameters<typeof readHandle>[0], handleName);
    handle = read.handle;
    handleSource = read.source;
    return handle ? undefined : `no ${handleName} in structuredContent or text: ${JSON.stringify(a.message?.result)}`;
  });
  const noHandle = (check: (a: CallAttempt) => string | undefined) => (a: CallAttempt) => {
    const problem = check(a);
    return handle === undefined ? `no handle from ${mintTool}${problem ? `; ${problem}` : ''}` : problem;
  };

  // 2–4. Fill the cart and look at it.
  await step('add apple x2', 'add_item', withHandle({ sku: 'apple', quantity: 2 }), 'not an error', noHandle(succeeded));
  await step('add pear x1', 'add_item', withHandle({ sku: 'pear', quantity: 1 }), 'not an error', noHandle(succeeded));
  await step('view', 'view_cart', withHandle({}), cartText(FULL, 10), noHandle(cartIs(FULL, 10)));
  if (options.kill) {
    await options.kill();
    killedAfter = steps.length;
  }

  // 5–7. The cart survives the kill; checkout totals it and empties it.
  await step('view after kill', 'view_cart', withHandle({}), cartText(FULL, 10), noHandle(cartIs(FULL, 10)));
  await step('checkout', 'checkout', withHandle({}), 'total 10', (a) => {
    if (handle === undefined) return `no handle from ${mintTool}; ${a.ok ? `got ${JSON.stringify(a.text)}` : a.reason}`;
    if (!a.ok) return a.reason ?? 'failed';
    const total = parseCartText(a.text).total;
    return total === 10 ? undefined : `expected total 10, got ${JSON.stringify(a.text)}`;
  });
  await step('view after checkout', 'view_cart', withHandle({}), cartText({}, 0), noHandle(cartIs({}, 0)));

  // 8. An unknown handle is a tool error (not a protocol error) that tells the model what to do.
  await step('unknown handle', 'view_cart', withHandle({}, unknownHandle), `isError naming ${mintTool}`, (a) => {
    if (a.status !== 200) return a.reason ?? `HTTP ${a.status}`;
    const result = a.message?.result;
    if (!result) return a.reason ?? 'no result';
    if (result.isError !== true) return `expected isError: true, got ${JSON.stringify(result)}`;
    if (options.client.era === MODERN_VERSION) {
      // client2026 checks these only on successful results; a tool error must obey them too.
      if (a.headers['mcp-session-id'] !== undefined) return `response carries Mcp-Session-Id: ${a.headers['mcp-session-id']}`;
      if (result.resultType !== 'complete') return `resultType is ${JSON.stringify(result.resultType)}, expected "complete"`;
    }
    return unknownPattern.test(a.text ?? '') ? undefined : `error text ${JSON.stringify(a.text)} does not match ${unknownPattern}`;
  });

  const summary = [
    `handle: ${handle === undefined ? '(none)' : `${JSON.stringify(handle)} from ${handleSource}`}`,
    ...steps.map((s) => {
      const tries = s.attempts.map((a) => (a.status === null ? 'net-error' : String(a.status))).join('→');
      const line = `#${s.index} ${s.step}: ${s.tool} ${JSON.stringify(s.args)} [${tries}] ${s.ok ? `ok ${JSON.stringify(s.text)}` : `FAIL ${s.reason}`}`;
      return s.index === killedAfter ? `${line}\n   -- instance killed --` : line;
    }),
  ].join('\n');
  return { ok: steps.every((s) => s.ok), handle, handleSource, steps, killedAfter, summary };
}

function cartText(items: Record<string, number>, total: number): string {
  const lines = Object.entries(items).map(([sku, n]) => `${sku} x${n}`);
  return `${lines.length ? lines.join(', ') : 'empty'}; total ${total}`;
}
