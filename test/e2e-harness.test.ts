/**
 * The end-to-end proof harness for `mcp-migrate fix`, tested on its own: the round-robin proxy,
 * the clients and the flow, the UNMIGRATED sessionful fixtures (which must fail the stateless
 * flow, with the session rejection and nothing else), and hand-written stateless controls
 * (which must pass it, including the instance kill). Real processes, loopback only.
 */
import fs from 'node:fs';
import http from 'node:http';
import { listenLoopback } from './helpers/proxy.js';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MCP_PATH,
  client2025,
  client2026,
  copyFixture,
  deployBehindProxy,
  discover,
  freePorts,
  postJsonRpc,
  probeMethod,
  removeTempDirs,
  runFlow,
  sessionfulCall,
  startRoundRobinProxy,
  stopAll,
  typecheckAll,
  type Deployment,
  type FlowResult,
  type ProcessResult,
} from './helpers/e2e.js';

const SESSIONFUL = ['express-v1', 'node-http-v1', 'hono-v1', 'shared-v1'] as const;
const CONTROLS = ['control-v1', 'control-v2'] as const;
/** Stateless, but one transport built once and shared by every request. */
const BUILT_ONCE = 'built-once-v1';
/** What a sessionful 2025 server answers a request that did not initialize. */
const SESSION_REJECTION = /No valid session ID provided|Server not initialized|Mcp-Session-Id header is required/;

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.allSettled(closers.map((c) => c()));
  await stopAll();
  removeTempDirs();
});

/**
 * Every fixture is copied to .e2e-tmp once and all copies are type-checked in one tsc process
 * (tsc is the slow part of this file), together with a copy broken on purpose.
 */
const copies = new Map<string, string>();
const checks = new Map<string, ProcessResult>();
beforeAll(async () => {
  for (const name of [...SESSIONFUL, ...CONTROLS, BUILT_ONCE]) copies.set(name, copyFixture(name));
  const broken = copyFixture('express-v1', 'broken-express-v1');
  fs.appendFileSync(path.join(broken, 'server.ts'), "\nexport const broken: number = 'not a number';\n");
  copies.set('broken', broken);
  const results = await typecheckAll([...copies.values()]);
  for (const [name, dir] of copies) checks.set(name, results.get(dir)!);
}, 180_000);

/** Builds a fixture's copy, starts two instances and a proxy in front of them. */
async function deploy(name: string): Promise<Deployment> {
  const deployment = await deployBehindProxy(copies.get(name)!);
  closers.push(deployment.close);
  return deployment;
}

const statuses = (flow: FlowResult) => flow.outcomes.map((o) => o.attempts.map((a) => a.status));

// ---------------------------------------------------------------------------------------------

/** A scripted upstream: `reply(n)` decides the n-th response (0-based). */
async function fakeUpstream(reply: (n: number, req: http.IncomingMessage, res: http.ServerResponse, body: string) => void) {
  let n = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => reply(n++, req, res, body));
  });
  const { url, close } = await listenLoopback(server);
  closers.push(close);
  return { url, close };
}

const jsonResult = (res: http.ServerResponse, body: string, result: object, headers: Record<string, string> = {}) => {
  const { id } = JSON.parse(body);
  res.writeHead(200, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', id, result }));
};

describe('harness: round-robin proxy', () => {
  it('alternates upstreams without stickiness, streams SSE unbuffered, and answers 502 for a dead upstream', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const a = await fakeUpstream((_n, req, res) => {
      if (req.url === '/sse') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: first\n\n');
        void released.then(() => res.end('data: last\n\n'));
        return;
      }
      res.end('a');
    });
    const b = await fakeUpstream((_n, _req, res) => res.end('b'));
    const [deadPort] = await freePorts(1);
    const proxy = await startRoundRobinProxy([a.url, b.url, `http://127.0.0.1:${deadPort}`]);
    closers.push(() => proxy.close());

    const bodies: Array<[number, string]> = [];
    for (let i = 0; i < 6; i++) {
      const r = await fetch(`${proxy.url}/x`, { headers: { 'mcp-session-id': 'same-every-time' }, signal: AbortSignal.timeout(5_000) });
      bodies.push([r.status, r.status === 502 ? 'dead' : await r.text()]);
    }
    expect(bodies).toEqual([
      [200, 'a'],
      [200, 'b'],
      [502, 'dead'],
      [200, 'a'],
      [200, 'b'],
      [502, 'dead'],
    ]);
    expect(proxy.hits[2]).toMatchObject({ upstream: 2, status: 502, error: expect.stringContaining('ECONNREFUSED') });

    // Next request goes to `a` (index 6 % 3 = 0): its SSE stream must arrive before it ends.
    const sse = await fetch(`${proxy.url}/sse`, { signal: AbortSignal.timeout(5_000) });
    expect(sse.headers.get('content-type')).toBe('text/event-stream');
    const reader = sse.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toBe('data: first\n\n'); // the upstream is still holding the stream open here
    release();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect(rest).toBe('data: last\n\n');
  });
});

describe('harness: clients and flow', () => {
  it('retries a call once after a 502, never after other failures, and the 2026 client enforces its rules', async () => {
    // Upstream 0 works; upstream 1 answers 500 on its first request, then fine.
    const good = await fakeUpstream((_n, _req, res, body) => {
      const { params } = JSON.parse(body);
      jsonResult(res, body, { content: [{ type: 'text', text: String(params.arguments.a + params.arguments.b) }], resultType: 'complete' });
    });
    const flaky = await fakeUpstream((n, _req, res, body) => {
      if (n === 0) {
        res.writeHead(500).end('boom');
        return;
      }
      jsonResult(res, body, { content: [{ type: 'text', text: 'wrong' }], resultType: 'complete' });
    });
    const proxy = await startRoundRobinProxy([good.url, flaky.url]);
    closers.push(() => proxy.close());
    const calls = [1, 2, 3, 4].map((a) => ({ tool: 'add', args: { a, b: 1 }, expect: String(a + 1) }));
    const flow = await runFlow({ client: client2026(), proxyUrl: proxy.url, calls, killAfter: 1, kill: () => good.close() });
    // #1 → good; #2 → flaky 500 (no retry); #3 → good is gone: 502, retry → flaky "wrong"; #4 → 502 → flaky "wrong".
    expect(statuses(flow)).toEqual([[200], [500], [502, 200], [502, 200]]);
    expect(flow.outcomes.map((o) => o.ok)).toEqual([true, false, false, false]);
    expect(flow.outcomes[1].reason).toMatch(/HTTP 500/);
    expect(flow.outcomes[2].reason).toBe('expected "4", got "wrong"');
    expect(flow.ok).toBe(false);
    expect(flow.killedAfter).toBe(1);

    // The 2026 client refuses a minted session id and a missing resultType; the 2025 client does not care.
    const sessionful = await fakeUpstream((n, _req, res, body) =>
      n === 0
        ? jsonResult(res, body, { content: [{ type: 'text', text: 'x' }], resultType: 'complete' }, { 'mcp-session-id': 'minted' })
        : jsonResult(res, body, { content: [{ type: 'text', text: 'x' }] }),
    );
    const endpoint = `${sessionful.url}${MCP_PATH}`;
    expect((await client2026().callTool(endpoint, 'echo', { text: 'x' }, 1)).reason).toBe('response carries Mcp-Session-Id: minted');
    expect((await client2026().callTool(endpoint, 'echo', { text: 'x' }, 2)).reason).toBe('resultType is undefined, expected "complete"');
    expect((await client2025().callTool(endpoint, 'echo', { text: 'x' }, 3)).ok).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

describe('unmigrated sessionful v1 fixtures', () => {
  it.each(SESSIONFUL)('%s type-checks with tsc', (name) => {
    const result = checks.get(name)!;
    expect(result.code, result.output).toBe(0);
  });

  it('the type-check catches an error, and pins it on the right project', () => {
    expect(checks.get('broken')!.code).not.toBe(0);
    expect(checks.get('broken')!.output).toMatch(/broken-express-v1-[0-9a-f]+\/server\.ts\(\d+,\d+\): error TS2322/);
  });

  it.each(SESSIONFUL)('%s fails the stateless flow behind the round-robin proxy, with the session rejection', async (name) => {
    const { fleet, proxy } = await deploy(name);
    const direct = (i: number) => `${fleet.instances[i].url}${MCP_PATH}`;

    // Not a broken fixture: the client it was written for (initialize + session id, one instance) works.
    const handshake = await sessionfulCall(direct(0), 'add', { a: 2, b: 3 });
    expect(handshake.reason).toBeUndefined();
    expect(handshake.text).toBe('5');

    const flow = await runFlow({ client: client2025(), proxyUrl: proxy.url, kill: () => fleet.kill(0) });
    expect(flow.ok, flow.summary).toBe(false);
    for (const outcome of flow.outcomes) {
      expect(outcome.ok, flow.summary).toBe(false);
      const last = outcome.attempts[outcome.attempts.length - 1];
      expect(last.status, flow.summary).toBe(400);
      expect(last.message?.error?.message, flow.summary).toMatch(SESSION_REJECTION);
    }
    // Both instances were asked before the kill; afterwards every call met the dead one first and retried once.
    expect(new Set(proxy.hits.slice(0, 4).map((h) => h.upstream))).toEqual(new Set([0, 1]));
    expect(statuses(flow).slice(4)).toEqual([
      [502, 400],
      [502, 400],
      [502, 400],
      [502, 400],
    ]);

    // The 2026 client is rejected the same way, and GET is a session route (400), not 405.
    const modern = await client2026().callTool(direct(1), 'add', { a: 1, b: 1 }, 99);
    expect(modern.status).toBe(400);
    expect(modern.message?.error?.message).toMatch(SESSION_REJECTION);
    expect((await probeMethod(direct(1), 'GET')).status).toBe(400);
  }, 60_000);
});

describe('built-once-v1: a stateless transport built once and reused', () => {
  it('type-checks with tsc, and fails the stateless flow: each instance serves its first request and refuses the rest', async () => {
    const result = checks.get(BUILT_ONCE)!;
    expect(result.code, result.output).toBe(0);
    const { fleet, proxy } = await deploy(BUILT_ONCE);
    const flow = await runFlow({ client: client2025(), proxyUrl: proxy.url, kill: () => fleet.kill(0) });
    expect(flow.ok, flow.summary).toBe(false);
    // Round robin: the first request reaches each instance fresh; from then on the reused transport
    // throws ("Stateless transport cannot be reused", SDK 1.32), which its node adapter answers
    // with a bare 500.
    expect(flow.outcomes.slice(0, 2).map((o) => o.value)).toEqual(['5', 'hello']);
    for (const outcome of flow.outcomes.slice(2)) {
      expect(outcome.ok, flow.summary).toBe(false);
      const last = outcome.attempts[outcome.attempts.length - 1];
      expect(last.status, flow.summary).toBe(500);
      expect(last.body, flow.summary).toBe('');
    }
  }, 60_000);
});

describe('controls: hand-written stateless servers', () => {
  it.each(CONTROLS)('%s type-checks with tsc', (name) => {
    const result = checks.get(name)!;
    expect(result.code, result.output).toBe(0);
  });

  it('control-v1 (v1, sessionIdGenerator: undefined, server per request) passes the 2025 flow with the kill', async () => {
    const { fleet, proxy } = await deploy('control-v1');
    const flow = await runFlow({ client: client2025(), proxyUrl: proxy.url, kill: () => fleet.kill(0) });
    expect(flow.ok, flow.summary).toBe(true);
    expect(flow.outcomes.map((o) => o.value)).toEqual(['5', 'hello', 'Hello, Ada!', '42', 'after the kill', 'Hello, Grace!', '0', 'ünïcödé ✓']);
    expect(statuses(flow)).toEqual([[200], [200], [200], [200], [502, 200], [502, 200], [502, 200], [502, 200]]);
    expect(fleet.instances[0].alive()).toBe(false);
    expect(new Set(proxy.hits.slice(0, 4).map((h) => h.upstream))).toEqual(new Set([0, 1]));
    // v1 answers SSE by default: the proxy streamed it and the client parsed the data: line.
    expect(flow.outcomes[0].attempts[0].contentType).toContain('text/event-stream');

    // Stateless 2025 is not 2026-07-28: the v1 transport rejects the modern protocol version.
    const modern = await client2026().callTool(`${fleet.instances[1].url}${MCP_PATH}`, 'add', { a: 1, b: 1 }, 99);
    expect(modern.status).toBe(400);
    expect(modern.message?.error?.message).toMatch(/Unsupported protocol version: 2026-07-28/);
  }, 60_000);

  it('control-v2 (createMcpHandler) passes the 2026-07-28 flow with the kill; GET/DELETE → 405; stale session id ignored', async () => {
    const { fleet, proxy, endpoint } = await deploy('control-v2');

    const found = await discover(endpoint);
    expect(found.status).toBe(200);
    expect(found.headers['mcp-session-id']).toBeUndefined();
    expect(found.message?.result).toMatchObject({
      resultType: 'complete',
      supportedVersions: expect.arrayContaining(['2026-07-28']),
      capabilities: { tools: expect.any(Object) },
      ttlMs: expect.any(Number),
      cacheScope: expect.stringMatching(/^(public|private)$/),
      _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'e2e-control-v2', version: '1.0.0' } },
    });

    for (const method of ['GET', 'DELETE'] as const) {
      for (const instance of fleet.instances) {
        const r = await probeMethod(`${instance.url}${MCP_PATH}`, method, { 'mcp-session-id': 'stale-123' });
        expect(r.status, `${method} ${instance.url}`).toBe(405);
        expect(r.allow).toBe('POST');
      }
      expect((await probeMethod(endpoint, method)).status).toBe(405);
    }

    // The server really enforces the standard headers, so the client sending them is meaningful.
    const noName = await postJsonRpc(
      endpoint,
      {
        id: 7,
        method: 'tools/call',
        params: {
          name: 'add',
          arguments: { a: 1, b: 2 },
          _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} },
        },
      },
      { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call' },
    );
    expect(noName.status).toBe(400);
    expect(noName.message?.error?.code).toBe(-32020);

    const hitsBefore = proxy.hits.length;
    const flow = await runFlow({ client: client2026(), proxyUrl: proxy.url, kill: () => fleet.kill(0) });
    expect(flow.ok, flow.summary).toBe(true);
    expect(flow.outcomes.map((o) => o.value)).toEqual(['5', 'hello', 'Hello, Ada!', '42', 'after the kill', 'Hello, Grace!', '0', 'ünïcödé ✓']);
    for (const outcome of flow.outcomes) {
      const last = outcome.attempts[outcome.attempts.length - 1];
      expect(last.headers['mcp-session-id']).toBeUndefined();
      expect(last.message?.result?.resultType).toBe('complete');
      expect(last.message?.result?._meta?.['io.modelcontextprotocol/serverInfo']).toEqual({ name: 'e2e-control-v2', version: '1.0.0' });
    }
    // Round robin carried on across the kill: every post-kill call met the dead instance at most once.
    expect(new Set(proxy.hits.slice(hitsBefore, hitsBefore + 4).map((h) => h.upstream))).toEqual(new Set([0, 1]));
    expect(flow.outcomes.slice(4).every((o) => o.attempts.length <= 2 && o.attempts.some((a) => a.status === 502))).toBe(true);
  }, 60_000);

  it('control-v2 also serves the never-initializing 2025 client statelessly (legacy: "stateless")', async () => {
    const { fleet, proxy } = await deploy('control-v2');
    const flow = await runFlow({ client: client2025(), proxyUrl: proxy.url, kill: () => fleet.kill(1) });
    expect(flow.ok, flow.summary).toBe(true);
    expect(flow.outcomes[0].attempts[0].headers['mcp-session-id']).toBeUndefined();
  }, 60_000);
});
