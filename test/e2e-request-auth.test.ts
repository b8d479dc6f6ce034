/**
 * The proof for trial 77B B2: a sessionful server whose tools read the credentials kept by session
 * at initialize (`sessionAuth.set(sid, req.auth)` in onsessioninitialized) is migrated in one `fix`
 * run, on both targets: the tools read each request's own credentials (v1's extra.authInfo, v2's
 * ctx.http?.authInfo), the map goes, and the transport is stateless. Two real instances behind a
 * round-robin proxy then answer whoami with the caller's bearer, whichever instance a call lands on,
 * and still refuse a call without one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { copyFixture, deployBehindProxy, envelope, modernHeaders, postJsonRpc, removeTempDirs, stopAll, typecheck, type Deployment } from './helpers/e2e.js';

const deployments: Deployment[] = [];
afterAll(async () => {
  await Promise.allSettled(deployments.map((d) => d.close()));
  await stopAll();
  removeTempDirs();
});

/** One whoami call as a client of `era` sends it, with `token` as its bearer (none where undefined). */
function whoami(endpoint: string, era: 'sdk-v1' | '2026-07-28', id: number, token?: string) {
  const bearer: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const params = { name: 'whoami', arguments: {} };
  if (era === 'sdk-v1') return postJsonRpc(endpoint, { id, method: 'tools/call', params }, bearer);
  return postJsonRpc(endpoint, { id, method: 'tools/call', params: { ...params, _meta: envelope() } }, { ...modernHeaders('tools/call', params), ...bearer });
}

describe('e2e: credentials kept by session at initialize become each request\'s own (trial 77B B2)', () => {
  it.each(['sdk-v1', '2026-07-28'] as const)('%s: one fix run leaves no session state, and each call behind round robin answers as its own bearer', async (target) => {
    const copy = copyFixture('auth-v1', `auth-${target === 'sdk-v1' ? 'v1' : '2026'}`);
    const fixed = runCli(['fix', copy, '--target', target, '--allow-dirty', '--no-format']);
    expect(fixed.code, fixed.stdout + fixed.stderr).toBe(0);
    // (The code, not the fixture's opening comment, which tells what it was.)
    const source = fs.readFileSync(path.join(copy, 'server.ts'), 'utf8').replace(/^\/\*\*[\s\S]*?\*\/\n/, '');
    expect(source).not.toMatch(/sessionAuth|sessionIdGenerator: \(\)|onsessioninitialized/);
    expect(source).toContain(target === 'sdk-v1' ? 'const auth = extra.authInfo;' : 'const auth = extra.http?.authInfo;');
    const scan = JSON.parse(runCli(['scan', copy, '--format', 'json', '--fail-on', 'none']).stdout);
    expect(scan.findings.filter((f: { category: string }) => ['session-header', 'initialize-gate', 'session-map', 'session-state'].includes(f.category))).toEqual([]);
    const checked = await typecheck(copy);
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);

    const deployment = await deployBehindProxy(copy);
    deployments.push(deployment);
    // Four calls, two per instance: each answers as the bearer of its own request.
    const answers: string[] = [];
    for (const [i, token] of ['token-alice', 'token-bob', 'token-bob', 'token-alice'].entries()) {
      const call = await whoami(deployment.endpoint, target, i + 1, token);
      expect(call.status, JSON.stringify(call)).toBe(200);
      answers.push(call.message?.result?.content?.[0]?.text ?? JSON.stringify(call));
    }
    expect(answers).toEqual(['alice', 'bob', 'bob', 'alice']);
    expect(new Set(deployment.proxy.hits.map((h) => h.upstream)).size).toBe(2);
    // Without a bearer, or with an unknown one, the middleware still refuses the call.
    expect((await whoami(deployment.endpoint, target, 5)).status).toBe(401);
    expect((await whoami(deployment.endpoint, target, 6, 'token-mallory')).status).toBe(401);
  }, 240_000);
});
