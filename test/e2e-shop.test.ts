/**
 * Issue 5's proof: `fix` gives a session-keyed shop explicit handles and a shared store. The
 * migrated copy is type-checked, started as two instances behind a round-robin proxy with a real
 * Redis, and a client that never initializes runs create → add → add → view → (one instance
 * killed) → view → checkout with correct totals, plus an unknown handle that gets a clear tool
 * error; and ten add_item calls sent at once, over both instances, all land. (The unmigrated shop
 * failing this flow is asserted in e2e-shop-harness.test.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { client2025, client2026, copyFixture, deployBehindProxy, removeTempDirs, stopAll, typecheckAll, type Deployment } from './helpers/e2e.js';
import { readHandle, redisKeys, runShopFlow, startRedis, stopAllRedis, type RedisServer } from './helpers/redis.js';
import { runCli } from './helpers/cli.js';

const deployments: Deployment[] = [];
let redis: RedisServer | undefined;
afterAll(async () => {
  await Promise.allSettled(deployments.map((d) => d.close()));
  await stopAll();
  await stopAllRedis();
  removeTempDirs();
});

// The shop in one file, and split the usual way (server.ts, state.ts keeping the carts and a
// cartOf() helper, tools/cart.ts and tools/checkout.ts registering the tools that key them by the
// MCP session id): explicit-handles moves the state across those modules as one group.
const TARGETS = [
  { target: 'sdk-v1', client: client2025, moduleFile: 'mcp-state.ts', fixture: 'shop-v1', toolsFile: 'server.ts' },
  { target: '2026-07-28', client: client2026, moduleFile: 'mcp-state.ts', fixture: 'shop-v1', toolsFile: 'server.ts' },
  { target: 'sdk-v1', client: client2025, moduleFile: 'mcp-state.ts', fixture: 'shop-modules-v1', toolsFile: 'tools/cart.ts' },
  { target: '2026-07-28', client: client2026, moduleFile: 'mcp-state.ts', fixture: 'shop-modules-v1', toolsFile: 'tools/cart.ts' },
] as const;

describe.each(TARGETS)('fix --target $target on the session-keyed shop ($fixture)', ({ target, client, moduleFile, fixture, toolsFile }) => {
  let copy = '';

  it('mints basket_id, requires it in every cart tool schema, adds the store module, and type-checks', async () => {
    copy = copyFixture(fixture, `${fixture}-${target}`);
    const fixed = runCli(['fix', copy, '--target', target, '--allow-dirty', '--no-format']);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stdout).toMatch(/added tool create_basket, which mints basket_id/);
    for (const tool of ['add_item', 'view_cart', 'checkout']) expect(fixed.stdout).toContain(`tool ${tool} requires basket_id`);
    const source = fs.readFileSync(path.join(copy, toolsFile), 'utf8');
    expect(source).toMatch(/basket_id: z\.string\(\)\.describe\('Handle from create_basket'\)/);
    // The minting tool's output schema lists the handle its result carries (the flow below calls it, so the SDK checks the two agree).
    expect(source).toMatch(/registerTool\('create_basket', \{[^\n]*outputSchema: (z\.object\(\{ |\{ )basket_id: z\.string\(\)/);
    expect(fs.existsSync(path.join(copy, moduleFile))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(copy, 'package.json'), 'utf8')).dependencies.redis).toMatch(/^\^5/);
    // Nothing session-keyed is left for the scanner to report.
    const scan = JSON.parse(runCli(['scan', copy, '--format', 'json', '--fail-on', 'none']).stdout);
    const left = scan.findings.filter((f: { category: string }) => ['session-state', 'session-map', 'session-header', 'initialize-gate', 'stateful-tool'].includes(f.category));
    expect(left, JSON.stringify(left, null, 1)).toEqual([]);
    const checked = await typecheckAll([copy]);
    for (const [dir, r] of checked) expect(r.code, `${dir}\n${r.output}`).toBe(0);
    // A second run changes nothing.
    expect(runCli(['fix', copy, '--target', target, '--allow-dirty', '--no-format']).stdout).toMatch(/changed 0 file\(s\)/);
  }, 240_000);

  it('two instances on one Redis survive a kill mid-flow with correct totals; an unknown handle is a clear tool error', async () => {
    expect(copy && fs.existsSync(copy), 'migrated copy from the previous test').toBe(true);
    redis ??= await startRedis();
    const deployment = await deployBehindProxy(copy, { env: { MCP_STATE_URL: redis.url, MCP_STATE_TTL_SECONDS: '600' } });
    deployments.push(deployment);
    const flow = await runShopFlow({ client: client(), endpoint: deployment.endpoint, kill: () => deployment.fleet.kill(0) });
    expect(flow.ok, flow.summary).toBe(true);
    expect(flow.handle).toMatch(/^basket_[0-9a-f]{32}$/);
    expect(flow.killedAfter).toBe(4);
    // The state really lives in Redis, under the handle.
    const keys = await redisKeys(redis.url, 'mcp-state:carts:*');
    expect(keys).toContain(`mcp-state:carts:${flow.handle}`);
    await deployment.close();
  }, 120_000);

  it('ten add_item calls sent at once on one basket, spread over two instances, all land', async () => {
    expect(copy && fs.existsSync(copy), 'migrated copy from the first test').toBe(true);
    redis ??= await startRedis();
    const deployment = await deployBehindProxy(copy, { env: { MCP_STATE_URL: redis.url } });
    deployments.push(deployment);
    const c = client();
    const minted = await c.callTool(deployment.endpoint, 'create_basket', {}, 1);
    const basket = readHandle(minted.message?.result as Parameters<typeof readHandle>[0], 'basket_id').handle;
    expect(basket, JSON.stringify(minted.message)).toMatch(/^basket_[0-9a-f]{32}$/);
    const adds = await Promise.all(Array.from({ length: 10 }, (_, i) => c.callTool(deployment.endpoint, 'add_item', { basket_id: basket, sku: 'plum' }, 10 + i)));
    expect(adds.filter((a) => !a.ok).map((a) => a.reason)).toEqual([]);
    const view = await c.callTool(deployment.endpoint, 'view_cart', { basket_id: basket }, 30);
    expect(view.text).toBe('plum x10; total 20');
    await deployment.close();
  }, 120_000);
});
