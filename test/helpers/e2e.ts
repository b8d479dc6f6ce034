/**
 * End-to-end proof harness for `mcp-migrate fix`: copy a fixture server, type-check it, run
 * real instances of it behind a round-robin proxy, and drive it with a client that never
 * initializes, killing one instance half-way.
 *
 *   const dir = copyFixture('express-v1');            // .e2e-tmp/express-v1-xxxx (inside the repo)
 *   // … run `mcp-migrate fix dir --target sdk-v1` …
 *   expect((await typecheck(dir)).code).toBe(0);       // node_modules/.bin/tsc --noEmit -p dir
 *   const { fleet, proxy, close } = await deployBehindProxy(dir);   // build + 2 instances + proxy
 *   const flow = await runFlow({ client: client2025(), proxyUrl: proxy.url, kill: () => fleet.kill(0) });
 *   expect(flow.ok, flow.summary).toBe(true);
 *   await close();
 *   // afterAll: await stopAll(); removeTempDirs();
 *
 * Lower level: build(dir) → entry; startInstances(entry, { count }) → Fleet;
 * startRoundRobinProxy(fleet.urls) → proxy. Many copies at once: typecheckAll(dirs).
 *
 * Everything binds to 127.0.0.1 and every wait is bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import ts from 'typescript';
import { REPO } from './cli.js';
import { startRoundRobinProxy, type RoundRobinProxy } from './proxy.js';

export { startRoundRobinProxy, type RoundRobinProxy, type ProxyHit } from './proxy.js';

export const E2E_FIXTURES = path.join(REPO, 'fixtures/e2e');
/** Temp copies live inside the repo so `node_modules` resolution walks up to the repo's. */
export const E2E_TMP = path.join(REPO, '.e2e-tmp');
export const MCP_PATH = '/mcp';
export const MODERN_VERSION = '2026-07-28';

// ---------------------------------------------------------------------------------------------
// Fixture copies, type-checking, building
// ---------------------------------------------------------------------------------------------

const tempDirs = new Set<string>();

/**
 * Copies a fixture (a name under fixtures/e2e, or an absolute directory) to
 * `.e2e-tmp/<label>-<random>` and returns the new directory. `node_modules` and `build` are
 * not copied. Removed by {@link removeTempDirs}.
 */
export function copyFixture(fixture: string, label = path.basename(fixture)): string {
  const src = path.isAbsolute(fixture) ? fixture : path.join(E2E_FIXTURES, fixture);
  if (!fs.existsSync(path.join(src, 'package.json'))) throw new Error(`copyFixture: ${src} has no package.json`);
  fs.mkdirSync(E2E_TMP, { recursive: true });
  const dest = path.join(E2E_TMP, `${label}-${randomBytes(4).toString('hex')}`);
  fs.cpSync(src, dest, {
    recursive: true,
    filter: (from) => !['node_modules', 'build'].includes(path.basename(from)) || from === src,
  });
  tempDirs.add(dest);
  return dest;
}

/** Removes every directory made by {@link copyFixture} (kept when E2E_KEEP=1, for debugging). */
export function removeTempDirs(): void {
  if (process.env.E2E_KEEP === '1') return;
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
  try {
    fs.rmdirSync(E2E_TMP); // only if empty: other test files may still be using it
  } catch {
    /* not empty or not there */
  }
}

export interface ProcessResult {
  code: number;
  /** stdout and stderr together. */
  output: string;
}

/** Runs a command to completion with a hard timeout (SIGKILL), capturing its output. */
export function run(command: string, args: string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<ProcessResult> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd ?? REPO, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\n[e2e] killed after ${timeoutMs} ms`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, output: `${output}\n[e2e] ${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : -1), output });
    });
  });
}

/** `node_modules/.bin/tsc --noEmit -p <dir>`: exit code 0 means the project type-checks. */
export function typecheck(dir: string, timeoutMs = 120_000): Promise<ProcessResult> {
  return run(process.execPath, [path.join(REPO, 'node_modules/.bin/tsc'), '--noEmit', '-p', dir], { timeoutMs });
}

/**
 * Type-checks several projects in ONE tsc process (`tsc -b --force --noEmit <dirs…>`), which
 * shares the parsed SDK/node declarations between them: about half the CPU of one `tsc -p` per
 * dir. Returns a result per dir: code 0 when no diagnostic names a file under it (and tsc did
 * not fail for another reason). Build mode writes `tsconfig.tsbuildinfo` into each project's
 * outDir (or beside its tsconfig), so pass copies made by {@link copyFixture}, not fixtures.
 */
export async function typecheckAll(dirs: string[], timeoutMs = 180_000): Promise<Map<string, ProcessResult>> {
  const result = await run(process.execPath, [path.join(REPO, 'node_modules/.bin/tsc'), '-b', '--force', '--noEmit', '--pretty', 'false', ...dirs], {
    cwd: REPO,
    timeoutMs,
  });
  // Diagnostics look like `path/file.ts(12,3): error TS2322: …`, continuation lines are indented.
  const byDir = new Map<string | undefined, string[]>();
  let current: string | undefined;
  for (const line of result.output.split('\n')) {
    if (line.trim() === '') continue;
    if (!/^\s/.test(line)) current = dirs.find((d) => path.resolve(REPO, line.split('(')[0]).startsWith(d + path.sep));
    byDir.set(current, [...(byDir.get(current) ?? []), line]);
  }
  const hasError = (ls: string[]) => ls.some((l) => /error TS\d+/.test(l));
  const unattributed = (byDir.get(undefined) ?? []).filter((l) => /error TS\d+/.test(l));
  const failedOtherwise = result.code !== 0 && !hasError(result.output.split('\n'));
  const out = new Map<string, ProcessResult>();
  for (const dir of dirs) {
    const errors = [...(byDir.get(dir) ?? []), ...unattributed];
    const code = hasError(errors) || failedOtherwise ? result.code || 1 : 0;
    out.set(dir, { code, output: failedOtherwise ? result.output : errors.join('\n') });
  }
  return out;
}

/**
 * Makes a fixture copy runnable and returns the absolute path of its entry point (package.json
 * `main`). Every `.ts`/`.mts`/`.cts` file outside node_modules/build is transpiled (no type
 * check — use {@link typecheck} for that) into `<dir>/build/<same relative path>.js|.mjs|.cjs`;
 * `.ts` files follow package.json `type`. Plain `.js`/`.cjs`/`.mjs` sources run as they are.
 */
export function build(dir: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { main?: string; type?: string };
  const esmPackage = pkg.type === 'module';
  for (const file of listSources(dir)) {
    const rel = path.relative(dir, file);
    const ext = path.extname(file);
    const esm = ext === '.mts' ? true : ext === '.cts' ? false : esmPackage;
    const outExt = ext === '.mts' ? '.mjs' : ext === '.cts' ? '.cjs' : '.js';
    const out = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      fileName: file,
      reportDiagnostics: true,
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: esm ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
        esModuleInterop: true,
        sourceMap: false,
      },
    });
    const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (errors.length > 0) {
      throw new Error(`build: ${rel}: ${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
    }
    const target = path.join(dir, 'build', rel.slice(0, -ext.length) + outExt);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, out.outputText);
  }
  if (!pkg.main) throw new Error(`build: ${dir}/package.json has no "main"`);
  const entry = path.resolve(dir, pkg.main);
  if (!fs.existsSync(entry)) throw new Error(`build: entry ${pkg.main} does not exist after transpiling ${dir}`);
  return entry;
}

function listSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'build', '.git'].includes(entry.name) ? [] : listSources(full);
    return /\.(c|m)?ts$/.test(entry.name) && !/\.d\.(c|m)?ts$/.test(entry.name) ? [full] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// Server instances
// ---------------------------------------------------------------------------------------------

export interface Instance {
  index: number;
  port: number;
  /** Base URL, e.g. `http://127.0.0.1:40001` (append {@link MCP_PATH}). */
  url: string;
  pid: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  alive(): boolean;
}

export interface Fleet {
  instances: Instance[];
  /** Base URLs of all instances, for {@link startRoundRobinProxy}. */
  urls: string[];
  /** SIGKILLs instance `index` and waits (bounded) until it is gone. */
  kill(index: number): Promise<void>;
  /** SIGKILLs every instance of this fleet. */
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_OPTIONS; // never let the test runner's loaders leak into a fixture server
  return env;
}

/** Free loopback ports, all distinct (held open together while being picked). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const s = net.createServer();
          s.once('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Whether the child exited (now or within `timeoutMs`). */
export function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Keeps the last 20 kB a child wrote to stdout and stderr, for error messages. */
export function captureOutput(child: ChildProcess): () => string {
  let output = '';
  const append = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => output;
}

async function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await exited(child, 5_000);
  live.delete(child);
}

/**
 * Starts `count` real node processes running `entry` (cwd = its package directory), each with
 * PORT set to a free loopback port, and resolves once every one accepts TCP connections.
 * If any fails to come up within `readyTimeoutMs`, all are killed and the error carries the
 * failing process's output.
 */
export async function startInstances(
  entry: string,
  options: { count?: number; env?: Record<string, string>; readyTimeoutMs?: number; cwd?: string } = {},
): Promise<Fleet> {
  try {
    return await startInstancesOnce(entry, options);
  } catch (error) {
    // Another process took a port between picking and binding it: pick again, once.
    if (!String(error).includes('EADDRINUSE')) throw error;
    return await startInstancesOnce(entry, options);
  }
}

async function startInstancesOnce(
  entry: string,
  options: { count?: number; env?: Record<string, string>; readyTimeoutMs?: number; cwd?: string },
): Promise<Fleet> {
  const count = options.count ?? 2;
  const readyTimeoutMs = options.readyTimeoutMs ?? 15_000;
  const cwd = options.cwd ?? packageDir(entry);
  const ports = await freePorts(count);
  const children: ChildProcess[] = [];
  const instances: Instance[] = ports.map((port, index) => {
    const child = spawn(process.execPath, [entry], {
      cwd,
      env: childEnv({ PORT: String(port), HOST: '127.0.0.1', ...(options.env ?? {}) }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(child);
    children.push(child);
    const output = captureOutput(child);
    child.on('exit', () => live.delete(child));
    return {
      index,
      port,
      url: `http://127.0.0.1:${port}`,
      pid: child.pid ?? -1,
      output,
      alive: () => child.exitCode === null && child.signalCode === null,
    };
  });

  const stop = async () => {
    await Promise.all(children.map(killChild));
  };

  try {
    await Promise.all(
      instances.map(async (instance) => {
        const deadline = Date.now() + readyTimeoutMs;
        while (true) {
          if (!instance.alive()) throw new Error(`instance ${instance.index} (${entry}) exited before listening:\n${instance.output()}`);
          if (await canConnect(instance.port)) return;
          if (Date.now() > deadline) throw new Error(`instance ${instance.index} (${entry}) not listening on ${instance.port} after ${readyTimeoutMs} ms:\n${instance.output()}`);
          await sleep(50);
        }
      }),
    );
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    instances,
    urls: instances.map((i) => i.url),
    kill: (index) => killChild(children[index]),
    stop,
  };
}

/** SIGKILLs every process started by {@link startInstances} that is still running. */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map(killChild));
}

export interface Deployment {
  fleet: Fleet;
  proxy: RoundRobinProxy;
  /** `<proxy>/mcp`. */
  endpoint: string;
  /** Closes the proxy and SIGKILLs the instances. */
  close(): Promise<void>;
}

/** {@link build}s `dir`, starts `count` instances of it and a round-robin proxy in front of them. */
export async function deployBehindProxy(dir: string, options: { count?: number; env?: Record<string, string> } = {}): Promise<Deployment> {
  const fleet = await startInstances(build(dir), { count: options.count ?? 2, env: options.env });
  let proxy: RoundRobinProxy;
  try {
    proxy = await startRoundRobinProxy(fleet.urls);
  } catch (error) {
    await fleet.stop();
    throw error;
  }
  return {
    fleet,
    proxy,
    endpoint: `${proxy.url}${MCP_PATH}`,
    close: async () => {
      await proxy.close();
      await fleet.stop();
    },
  };
}

function packageDir(entry: string): string {
  let dir = path.dirname(entry);
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Clients
// ---------------------------------------------------------------------------------------------

export interface JsonRpcMessage {
  jsonrpc?: string;
  id?: string | number | null;
  method?: string;
  result?: Record<string, unknown> & {
    content?: Array<{ type: string; text?: string }>;
    isError?: boolean;
    resultType?: string;
    _meta?: Record<string, unknown>;
  };
  error?: { code: number; message: string; data?: unknown };
}

export interface HttpExchange {
  /** HTTP status, or null when no response arrived (connection refused/reset, timeout). */
  status: number | null;
  headers: Record<string, string>;
  contentType: string;
  body: string;
  /** The JSON-RPC response with the request's id (from a JSON body or an SSE `data:` line). */
  message?: JsonRpcMessage;
  /** Network-level failure (no HTTP response). */
  networkError?: string;
}

export interface CallAttempt extends HttpExchange {
  /** The call succeeded on the wire: 200, a JSON-RPC result, not isError, era rules met. */
  ok: boolean;
  /** Text of the first text content block of the result. */
  text?: string;
  /** Why `ok` is false. */
  reason?: string;
  elapsedMs: number;
}

export interface McpClient {
  readonly era: '2025' | typeof MODERN_VERSION;
  /** One `tools/call` POST to `endpoint` (full URL including /mcp). Never throws. */
  callTool(endpoint: string, name: string, args: Record<string, unknown>, id: number): Promise<CallAttempt>;
}

/** POSTs one JSON-RPC message and parses the reply (JSON or SSE). Never throws. */
export async function postJsonRpc(
  endpoint: string,
  message: { id: number | string; method: string; params?: unknown },
  headers: Record<string, string> = {},
  timeoutMs = 10_000,
): Promise<HttpExchange> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      body: JSON.stringify({ jsonrpc: '2.0', ...message }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { status: null, headers: {}, contentType: '', body: '', networkError: describeError(error) };
  }
  const responseHeaders = Object.fromEntries(response.headers);
  const contentType = response.headers.get('content-type') ?? '';
  let body: string;
  try {
    body = await readBody(response, contentType, message.id, timeoutMs);
  } catch (error) {
    return { status: response.status, headers: responseHeaders, contentType, body: '', networkError: `body: ${describeError(error)}` };
  }
  return { status: response.status, headers: responseHeaders, contentType, body, message: findResponse(body, contentType, message.id) };
}

/**
 * Reads the body. For SSE, stops as soon as the JSON-RPC response for `id` has arrived (a
 * server may keep the stream open a little longer); bounded by `timeoutMs` either way.
 */
async function readBody(response: Response, contentType: string, id: number | string, timeoutMs: number): Promise<string> {
  if (!contentType.includes('text/event-stream') || !response.body) return await response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (findResponse(text, contentType, id)) break;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  return text;
}

/** Parses SSE text into the `data` payloads of its events. */
export function parseSse(text: string): string[] {
  const events: string[] = [];
  for (const block of text.replace(/\r\n?/g, '\n').split('\n\n')) {
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).replace(/^ /, ''));
    if (data.length > 0) events.push(data.join('\n'));
  }
  return events;
}

function findResponse(body: string, contentType: string, id: number | string): JsonRpcMessage | undefined {
  const candidates = contentType.includes('text/event-stream') ? parseSse(body) : [body];
  for (const candidate of candidates) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(candidate);
    } catch {
      continue;
    }
    for (const msg of Array.isArray(parsed) ? parsed : [parsed]) {
      if (msg && typeof msg === 'object' && ('result' in msg || 'error' in msg)) {
        const m = msg as JsonRpcMessage;
        if (m.id === id || m.id === null || m.id === undefined) return m;
      }
    }
  }
  return undefined;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause ? `${error.message} (${cause.code ?? cause.message ?? ''})` : error.message;
}

function toAttempt(exchange: HttpExchange, started: number, extraCheck?: (e: HttpExchange) => string | undefined): CallAttempt {
  const elapsedMs = Date.now() - started;
  const fail = (reason: string): CallAttempt => ({ ...exchange, ok: false, reason, elapsedMs });
  if (exchange.status === null) return fail(`network error: ${exchange.networkError}`);
  const { message } = exchange;
  if (exchange.status !== 200) {
    const detail = message?.error ? `${message.error.code} ${message.error.message}` : exchange.body.slice(0, 200);
    return fail(`HTTP ${exchange.status}: ${detail}`);
  }
  if (!message) return fail(`HTTP 200 without a JSON-RPC response (${exchange.contentType}): ${exchange.body.slice(0, 200)}`);
  if (message.error) return fail(`JSON-RPC error ${message.error.code}: ${message.error.message}`);
  const text = message.result?.content?.find((c) => c.type === 'text')?.text;
  if (message.result?.isError) return { ...fail(`tool error: ${text ?? ''}`), text };
  const problem = extraCheck?.(exchange);
  if (problem) return { ...fail(problem), text };
  return { ...exchange, ok: true, text, elapsedMs };
}

/**
 * The 2025-era client a `--target sdk-v1` migration must serve: plain `tools/call` POSTs with
 * `Accept: application/json, text/event-stream` — no `initialize`, no `Mcp-Session-Id`, no
 * `MCP-Protocol-Version` (so the server assumes its default 2025 revision).
 */
export function client2025(): McpClient {
  return {
    era: '2025',
    async callTool(endpoint, name, args, id) {
      const started = Date.now();
      const exchange = await postJsonRpc(endpoint, { id, method: 'tools/call', params: { name, arguments: args } });
      return toAttempt(exchange, started);
    },
  };
}

export const CLIENT_INFO = { name: 'mcp-migrate-e2e', version: '1.0.0' };

/** The per-request `_meta` envelope of MCP 2026-07-28 (§1.1). */
export function envelope(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'io.modelcontextprotocol/protocolVersion': MODERN_VERSION,
    'io.modelcontextprotocol/clientCapabilities': {},
    'io.modelcontextprotocol/clientInfo': CLIENT_INFO,
    ...extra,
  };
}

/** A header value as 2026-07-28 sends it: plain if printable ASCII without edge spaces, else the Base64 sentinel. */
export function headerValue(value: string): string {
  return /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(value) ? value : `=?base64?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/** The standard 2026-07-28 request headers for `method` with `params` (§1.4). */
export function modernHeaders(method: string, params: Record<string, unknown> = {}): Record<string, string> {
  const headers: Record<string, string> = { 'mcp-protocol-version': MODERN_VERSION, 'mcp-method': method };
  const name =
    method === 'tools/call' || method === 'prompts/get' ? params.name : method === 'resources/read' ? params.uri : undefined;
  if (typeof name === 'string') headers['mcp-name'] = headerValue(name);
  return headers;
}

/** One 2026-07-28 request (envelope + standard headers + the stale session header, if any). */
export function postModern(
  endpoint: string,
  method: string,
  params: Record<string, unknown>,
  id: number | string,
  options: { staleSessionId?: string | null; timeoutMs?: number } = {},
): Promise<HttpExchange> {
  const stale = options.staleSessionId === undefined ? 'stale-123' : options.staleSessionId;
  const withMeta = { ...params, _meta: envelope((params._meta as Record<string, unknown>) ?? {}) };
  const headers = modernHeaders(method, params);
  if (stale !== null) headers['mcp-session-id'] = stale;
  return postJsonRpc(endpoint, { id, method, params: withMeta }, headers, options.timeoutMs);
}

/**
 * The 2026-07-28 client a `--target 2026-07-28` migration must serve. Every request carries
 * the `_meta` envelope, `MCP-Protocol-Version`, `Mcp-Method`, `Mcp-Name`, and a stale
 * `Mcp-Session-Id: stale-123` the server must ignore. A call only counts as ok if the
 * response carries no `Mcp-Session-Id` and the result has `resultType: "complete"`.
 */
export function client2026(options: { staleSessionId?: string | null } = {}): McpClient {
  return {
    era: MODERN_VERSION,
    async callTool(endpoint, name, args, id) {
      const started = Date.now();
      const exchange = await postModern(endpoint, 'tools/call', { name, arguments: args }, id, options);
      return toAttempt(exchange, started, (e) => {
        if (e.headers['mcp-session-id'] !== undefined) return `response carries Mcp-Session-Id: ${e.headers['mcp-session-id']}`;
        const resultType = e.message?.result?.resultType;
        if (resultType !== 'complete') return `resultType is ${JSON.stringify(resultType)}, expected "complete"`;
        return undefined;
      });
    },
  };
}

/** `server/discover` as a 2026-07-28 client sends it. */
export function discover(endpoint: string, id: number | string = 'discover'): Promise<HttpExchange> {
  return postModern(endpoint, 'server/discover', {}, id);
}

/**
 * A non-POST request (GET/DELETE) to the MCP endpoint, e.g. to assert the 405 of a stateless
 * server. An SSE response is not read (the stream would never end): only its head is reported.
 */
export async function probeMethod(
  endpoint: string,
  method: 'GET' | 'DELETE',
  headers: Record<string, string> = {},
  timeoutMs = 5_000,
): Promise<{ status: number | null; allow: string | null; contentType: string; body: string; networkError?: string }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(endpoint, { method, headers: { accept: 'application/json, text/event-stream', ...headers }, signal: controller.signal });
    const contentType = response.headers.get('content-type') ?? '';
    const body = contentType.includes('text/event-stream') ? '' : await response.text();
    return { status: response.status, allow: response.headers.get('allow'), contentType, body };
  } catch (error) {
    return { status: null, allow: null, contentType: '', body: '', networkError: describeError(error) };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/**
 * The 2025 handshake against ONE endpoint: initialize, then notifications/initialized. Gives the
 * headers later calls of that session carry, or the failed initialize exchange.
 */
export async function handshake2025(
  endpoint: string,
): Promise<{ ok: true; sessionId: string; headers: Record<string, string> } | { ok: false; init: HttpExchange }> {
  const init = await postJsonRpc(endpoint, {
    id: 0,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: CLIENT_INFO },
  });
  const sessionId = init.headers['mcp-session-id'];
  if (init.status !== 200 || !sessionId) return { ok: false, init };
  const version = (init.message?.result?.protocolVersion as string | undefined) ?? '2025-06-18';
  const headers = { 'mcp-session-id': sessionId, 'mcp-protocol-version': version };
  const notified = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
    signal: AbortSignal.timeout(5_000),
  });
  await notified.arrayBuffer();
  return { ok: true, sessionId, headers };
}

/**
 * The 2025 sessionful handshake and one tools/call with the session id, against ONE endpoint.
 * Used only to show that an unmigrated fixture works for the client it was written for, so its
 * failure behind the balancer is the expected one.
 */
export async function sessionfulCall(endpoint: string, name: string, args: Record<string, unknown>): Promise<CallAttempt> {
  const started = Date.now();
  const session = await handshake2025(endpoint);
  if (!session.ok) {
    return { ...toAttempt(session.init, started), ok: false, reason: `initialize: HTTP ${session.init.status}, session ${session.init.headers['mcp-session-id']}` };
  }
  const call = await postJsonRpc(endpoint, { id: 1, method: 'tools/call', params: { name, arguments: args } }, session.headers);
  return toAttempt(call, started);
}

// ---------------------------------------------------------------------------------------------
// The flow
// ---------------------------------------------------------------------------------------------

export interface FlowCall {
  tool: string;
  args: Record<string, unknown>;
  /** Expected text of the result's first text block. */
  expect: string;
}

/** Eight calls of the fixtures' pure tools (add/echo/greet). */
export const DEFAULT_FLOW: FlowCall[] = [
  { tool: 'add', args: { a: 2, b: 3 }, expect: '5' },
  { tool: 'echo', args: { text: 'hello' }, expect: 'hello' },
  { tool: 'greet', args: { name: 'Ada' }, expect: 'Hello, Ada!' },
  { tool: 'add', args: { a: 40, b: 2 }, expect: '42' },
  { tool: 'echo', args: { text: 'after the kill' }, expect: 'after the kill' },
  { tool: 'greet', args: { name: 'Grace' }, expect: 'Hello, Grace!' },
  { tool: 'add', args: { a: -7, b: 7 }, expect: '0' },
  { tool: 'echo', args: { text: 'ünïcödé ✓' }, expect: 'ünïcödé ✓' },
];

export interface CallOutcome {
  /** 1-based position in the flow. */
  index: number;
  tool: string;
  args: Record<string, unknown>;
  expected: string;
  /** One attempt, or two when the first got a 502 / network error. */
  attempts: CallAttempt[];
  ok: boolean;
  value?: string;
  /** Why the call failed (last attempt). */
  reason?: string;
}

export interface FlowResult {
  /** Every call succeeded with the expected value. */
  ok: boolean;
  outcomes: CallOutcome[];
  /** The call after which `kill` ran (null if it did not). */
  killedAfter: number | null;
  /** One line per call, for assertion messages. */
  summary: string;
}

/** Only a bad gateway or a connection that never produced a response may be retried. */
export const isRetryable = (attempt: CallAttempt) => attempt.status === 502 || attempt.status === null;

/**
 * Runs `calls` (default {@link DEFAULT_FLOW}) in order through `proxyUrl` + `/mcp` with
 * `client`, running `kill` after call `killAfter` (default 4). Each call gets ONE retry, and
 * only after a 502 or a network error. Never throws for server misbehaviour: read the outcomes.
 */
export async function runFlow(options: {
  client: McpClient;
  proxyUrl: string;
  kill?: () => void | Promise<void>;
  killAfter?: number;
  calls?: FlowCall[];
  path?: string;
}): Promise<FlowResult> {
  const calls = options.calls ?? DEFAULT_FLOW;
  const killAfter = options.killAfter ?? 4;
  const endpoint = new URL(options.path ?? MCP_PATH, options.proxyUrl).toString();
  const outcomes: CallOutcome[] = [];
  let killedAfter: number | null = null;
  let id = 1;
  for (const [i, call] of calls.entries()) {
    const attempts: CallAttempt[] = [await options.client.callTool(endpoint, call.tool, call.args, id++)];
    if (!attempts[0].ok && isRetryable(attempts[0])) attempts.push(await options.client.callTool(endpoint, call.tool, call.args, id++));
    const last = attempts[attempts.length - 1];
    const valueOk = last.ok && last.text === call.expect;
    outcomes.push({
      index: i + 1,
      tool: call.tool,
      args: call.args,
      expected: call.expect,
      attempts,
      ok: valueOk,
      value: last.text,
      reason: valueOk ? undefined : (last.reason ?? `expected ${JSON.stringify(call.expect)}, got ${JSON.stringify(last.text)}`),
    });
    if (i + 1 === killAfter && options.kill) {
      await options.kill();
      killedAfter = killAfter;
    }
  }
  const summary = outcomes
    .map((o) => {
      const tries = o.attempts.map((a) => (a.status === null ? 'net-error' : String(a.status))).join('→');
      const line = `#${o.index} ${o.tool} ${JSON.stringify(o.args)} [${tries}] ${o.ok ? `ok ${JSON.stringify(o.value)}` : `FAIL ${o.reason}`}`;
      return o.index === killedAfter ? `${line}\n   -- instance killed --` : line;
    })
    .join('\n');
  return { ok: outcomes.every((o) => o.ok), outcomes, killedAfter, summary };
}
