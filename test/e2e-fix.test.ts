/**
 * The proof: `mcp-migrate fix` turns each sessionful fixture server (one of them written with early
 * returns and a guard that refuses all but initialize; and one that shares one
 * stateless transport between requests) into one that works behind a plain round-robin proxy. Each fixture is copied, migrated with the real CLI, type-checked with
 * tsc, scanned, started as two real instances behind the proxy, and driven by a client that never
 * initializes while one instance is killed half-way. (That the unmigrated servers fail this same
 * flow is asserted in e2e-harness.test.ts.)
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  client2025,
  client2026,
  copyFixture,
  deployBehindProxy,
  probeMethod,
  removeTempDirs,
  runFlow,
  stopAll,
  typecheckAll,
  type Deployment,
} from './helpers/e2e.js';
import { runCli } from './helpers/cli.js';

/** The sessionful fixtures, and one stateless server whose one transport is built once and reused. */
const FIXTURES = ['express-v1', 'node-http-v1', 'hono-v1', 'shared-v1', 'built-once-v1', 'guarded-v1'] as const;
const BLOCKING = ['session-header', 'initialize-gate', 'session-map', 'session-state', 'sse-legacy'];

const deployments: Deployment[] = [];

/** Copies one fixture, runs the real `fix` on it, and checks the rescan leaves nothing blocking. */
function migrate(name: string, target: 'sdk-v1' | '2026-07-28'): { copy: string; stdout: string } {
  const copy = copyFixture(name, `fix-${target === 'sdk-v1' ? 'v1' : '2026'}-${name}`);
  const fixed = runCli(['fix', copy, '--target', target, '--allow-dirty', '--no-format']);
  expect(fixed.code, fixed.stderr).toBe(0);
  const scan = JSON.parse(runCli(['scan', copy, '--format', 'json', '--fail-on', 'none']).stdout);
  const blocking = scan.findings.filter((f: { category: string }) => BLOCKING.includes(f.category));
  expect(blocking, `${name}: ${JSON.stringify(blocking, null, 1)}`).toEqual([]);
  return { copy, stdout: fixed.stdout };
}

/** Both instances answer GET and DELETE with 405 (two probes each: round robin reaches both). */
async function expect405s(deployment: Deployment): Promise<void> {
  for (const method of ['GET', 'GET', 'DELETE', 'DELETE'] as const) {
    const probe = await probeMethod(deployment.endpoint, method);
    expect(probe.status, `${method} ${JSON.stringify(probe)}`).toBe(405);
  }
}
afterAll(async () => {
  await Promise.allSettled(deployments.map((d) => d.close()));
  await stopAll();
  removeTempDirs();
});

describe('fix --target sdk-v1: migrated servers survive a round-robin load balancer and a killed instance', () => {
  const copies = new Map<string, string>();

  it('migrates every fixture, leaves no blocking finding, and the result type-checks', async () => {
    for (const name of FIXTURES) {
      const { copy, stdout } = migrate(name, 'sdk-v1');
      copies.set(name, copy);
      expect(stdout, name).toMatch(/Done: changed 1 file\(s\)/);
      expect(stdout, name).toMatch(/0 place\(s\) marked/);
    }
    const results = await typecheckAll([...copies.values()]);
    for (const [dir, result] of results) expect(result.code, `${dir}\n${result.output}`).toBe(0);
  }, 240_000);

  it.each(FIXTURES)('%s: every call of a never-initializing client succeeds across an instance kill; GET and DELETE answer 405', async (name) => {
    const copy = copies.get(name);
    expect(copy && fs.existsSync(copy), 'migrated copy from the previous test').toBe(true);
    const deployment = await deployBehindProxy(copy!);
    deployments.push(deployment);
    await expect405s(deployment);
    const flow = await runFlow({ client: client2025(), proxyUrl: deployment.proxy.url, kill: () => deployment.fleet.kill(0) });
    expect(flow.ok, flow.summary).toBe(true);
    expect(flow.killedAfter).toBe(4);
    expect(flow.outcomes.map((o) => o.value)).toEqual(['5', 'hello', 'Hello, Ada!', '42', 'after the kill', 'Hello, Grace!', '0', 'ünïcödé ✓']);
    await deployment.close();
  }, 120_000);
});

describe('fix --target 2026-07-28: migrated servers speak 2026-07-28 behind a round-robin load balancer', () => {
  const copies = new Map<string, string>();

  it('migrates every fixture onto createMcpHandler and the v2 packages; the result type-checks', async () => {
    for (const name of FIXTURES) {
      const { copy, stdout } = migrate(name, '2026-07-28');
      copies.set(name, copy);
      expect(stdout, name).toMatch(/serves the endpoint with createMcpHandler/);
      expect(stdout, name).toMatch(/package\.json: @modelcontextprotocol\/sdk moved from dependencies to devDependencies/);
      const pkg = JSON.parse(fs.readFileSync(`${copy}/package.json`, 'utf8'));
      expect(Object.keys(pkg.dependencies)).toContain('@modelcontextprotocol/server');
    }
    const results = await typecheckAll([...copies.values()]);
    for (const [dir, result] of results) expect(result.code, `${dir}\n${result.output}`).toBe(0);
  }, 240_000);

  it.each(FIXTURES)('%s: a 2026-07-28 client (with a stale Mcp-Session-Id) succeeds across an instance kill; GET answers 405', async (name) => {
    const copy = copies.get(name);
    expect(copy && fs.existsSync(copy), 'migrated copy from the previous test').toBe(true);
    const deployment = await deployBehindProxy(copy!);
    deployments.push(deployment);
    await expect405s(deployment);
    const flow = await runFlow({ client: client2026({ staleSessionId: 'stale-123' }), proxyUrl: deployment.proxy.url, kill: () => deployment.fleet.kill(1) });
    expect(flow.ok, flow.summary).toBe(true);
    expect(flow.outcomes.map((o) => o.value)).toEqual(['5', 'hello', 'Hello, Ada!', '42', 'after the kill', 'Hello, Grace!', '0', 'ünïcödé ✓']);
    for (const outcome of flow.outcomes) {
      const last = outcome.attempts[outcome.attempts.length - 1];
      expect(last.headers['mcp-session-id'], 'no Mcp-Session-Id is ever minted or echoed').toBeUndefined();
    }
    await deployment.close();
  }, 120_000);
});
