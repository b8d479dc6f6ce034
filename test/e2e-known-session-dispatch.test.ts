/**
 * trial 77B B9: a node:http route whose known-session branch reads the body itself before its
 * transport serves it, and whose unknown-session refusal answers 404 -32001 to GET and to any
 * request carrying a session id. `fix` makes the transport per request and takes that dispatch
 * apart with it: the migrated server, run for real, serves a request that still carries a stale
 * Mcp-Session-Id (from a real SDK client too), and answers GET and DELETE 405.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { build, copyFixture, MCP_PATH, postJsonRpc, postModern, probeMethod, removeTempDirs, startInstances, stopAll, type Fleet } from './helpers/e2e.js';

const fleets: Fleet[] = [];
afterAll(async () => {
  await Promise.allSettled(fleets.map((f) => f.stop()));
  await stopAll();
  removeTempDirs();
});

/** Migrates a copy of the fixture to `target` with the real CLI and starts one instance of it: its endpoint and fix's output. */
async function migrated(target: 'sdk-v1' | '2026-07-28'): Promise<{ endpoint: string; stdout: string }> {
  const copy = copyFixture('node-http-known-session-v1', `fix-${target}-known-session`);
  const fixed = runCli(['fix', copy, '--target', target, '--allow-dirty', '--no-format']);
  expect(fixed.code, fixed.stderr).toBe(0);
  const fleet = await startInstances(build(copy), { count: 1 });
  fleets.push(fleet);
  return { endpoint: `${fleet.urls[0]}${MCP_PATH}`, stdout: fixed.stdout };
}

/** GET and DELETE, with a stale session id, answer 405 (Allow: POST). */
async function expect405s(endpoint: string): Promise<void> {
  for (const method of ['GET', 'DELETE'] as const) {
    const probe = await probeMethod(endpoint, method, { 'mcp-session-id': 'stale-123' });
    expect(probe.status, `${method} ${JSON.stringify(probe)}`).toBe(405);
    expect(probe.allow).toBe('POST');
  }
}

describe('fix on a route whose known-session branch reads the body itself (trial 77B B9)', () => {
  it('--target sdk-v1: serves a POST carrying a stale Mcp-Session-Id, from a raw request and a real SDK client, and answers GET and DELETE 405', async () => {
    const { endpoint, stdout } = await migrated('sdk-v1');
    await expect405s(endpoint);
    // A tools/call naming a session no instance holds, sent without initialize.
    const raw = await postJsonRpc(endpoint, { id: 7, method: 'tools/call', params: { name: 'add', arguments: { a: 2, b: 3 } } }, { 'mcp-session-id': 'stale-123' });
    expect(raw.status, JSON.stringify(raw)).toBe(200);
    expect(raw.message?.result?.content?.[0]?.text).toBe('5');
    // The SDK's own client, resuming a session id from before the move.
    const client = new Client({ name: 'stale-session-client', version: '1.0.0' });
    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(endpoint), { sessionId: 'stale-123' }));
      const result = (await client.callTool({ name: 'add', arguments: { a: 40, b: 2 } })) as { content: Array<{ type: string; text?: string }> };
      expect(result.content[0]?.text).toBe('42');
    } finally {
      await client.close();
    }
    expect(stdout).toMatch(/0 place\(s\) marked/);
  }, 120_000);

  it('--target 2026-07-28: serves a 2026-07-28 request carrying a stale Mcp-Session-Id, and answers GET and DELETE 405', async () => {
    const { endpoint, stdout } = await migrated('2026-07-28');
    await expect405s(endpoint);
    const call = await postModern(endpoint, 'tools/call', { name: 'add', arguments: { a: 2, b: 3 } }, 8, { staleSessionId: 'stale-123' });
    expect(call.status, JSON.stringify(call)).toBe(200);
    expect(call.message?.result?.content?.[0]?.text).toBe('5');
    expect(call.headers['mcp-session-id']).toBeUndefined();
    expect(stdout).toMatch(/serves the endpoint with createMcpHandler/);
    expect(stdout).toMatch(/0 place\(s\) marked/);
  }, 120_000);
});
