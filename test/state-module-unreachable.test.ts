/**
 * The mcp-state module explicit-handles adds, with its Redis away: a tool call fails with an error
 * that names the store, after MCP_STATE_TIMEOUT_SECONDS at most, instead of holding the call (and
 * its handle's lock) until Redis comes back. Its own file: the clients made here go on
 * reconnecting, and their logs must not reach the tests that check a running Redis logs nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { stateModuleSource } from '../codemods/lib/state-module.js';
import { REPO } from './helpers/cli.js';
import { freePorts } from './helpers/e2e.js';
import { startRedis, stopAllRedis } from './helpers/redis.js';

fs.mkdirSync(path.join(REPO, '.e2e-tmp'), { recursive: true });
const dir = fs.mkdtempSync(path.join(REPO, '.e2e-tmp', 'state-away-'));
afterAll(async () => {
  await stopAllRedis();
  fs.rmSync(dir, { recursive: true, force: true });
});
// The clients' reconnect errors, kept out of the output.
vi.spyOn(console, 'error').mockImplementation(() => undefined);

type ToolResult = { isError?: boolean; content: Array<{ text: string }>; structuredContent?: Record<string, string> };
type Module = {
  handleState<T>(name: string): unknown;
  withHandle(state: unknown, options: { handle: string; mintedBy: string }, handler: (...args: any[]) => unknown): (...args: unknown[]) => Promise<ToolResult>;
  mintingHandle(state: unknown, options: { handle: string; initial: unknown }, handler: (...args: any[]) => unknown): (...args: unknown[]) => Promise<ToolResult>;
};

let copies = 0;
/** A separate copy of the module (another instance of the server), loaded with MCP_STATE_URL set to `url`. */
async function instance(url: string): Promise<Module> {
  const file = path.join(dir, `mcp-state-${++copies}.mjs`);
  fs.writeFileSync(file, stateModuleSource('esm', 'redis'));
  process.env.MCP_STATE_URL = url;
  process.env.MCP_STATE_TIMEOUT_SECONDS = '1';
  process.env.MCP_STATE_LOCK_WAIT_SECONDS = '4';
  return (await import(pathToFileURL(file).href)) as Module;
}

function cartTools(mod: Module) {
  const carts = mod.handleState<string[]>('carts');
  const create = mod.mintingHandle(carts, { handle: 'basket_id', initial: [] }, async () => ({ content: [{ type: 'text', text: 'created' }] }));
  const add = mod.withHandle(carts, { handle: 'basket_id', mintedBy: 'create_basket' }, async ({ basket_id }: { basket_id: string }) => ({ content: [{ type: 'text', text: `added to ${basket_id}` }] }));
  return { create, add };
}

describe('mcp-state with its Redis away', () => {
  it('fails a call with an error naming the store when nothing answers at MCP_STATE_URL', async () => {
    const [port] = await freePorts(1);
    const { create } = cartTools(await instance(`redis://127.0.0.1:${port}`));
    const started = Date.now();
    await expect(create({})).rejects.toThrow(/^\[mcp-state\] the store at MCP_STATE_URL did not answer a (lock|write|read) within 1s \(MCP_STATE_TIMEOUT_SECONDS\)$/);
    // (Bounded, not held: the call came back, well before a test's own timeout.)
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('fails a call made after Redis stopped, instead of holding it', async () => {
    const redis = await startRedis();
    const { create, add } = cartTools(await instance(redis.url));
    const made = await create({});
    const basket = made.structuredContent!.basket_id;
    expect((await add({ basket_id: basket })).content[0].text).toBe(`added to ${basket}`);
    await redis.stop();
    await expect(add({ basket_id: basket })).rejects.toThrow(/^\[mcp-state\] the store at MCP_STATE_URL (failed|did not answer) a (lock|read)/);
  });

  // A stalled Redis (SIGSTOP) takes the lock the call gave up on once it resumes: released then,
  // the handle's next call gets it, instead of answering busy until the lock expires (15 s).
  it('releases a lock Redis took after the call gave up on it', async () => {
    const redis = await startRedis();
    const { create, add } = cartTools(await instance(redis.url));
    const basket = (await create({})).structuredContent!.basket_id;
    process.kill(redis.pid, 'SIGSTOP');
    try {
      await expect(add({ basket_id: basket })).rejects.toThrow(/did not answer a lock within 1s/);
    } finally {
      process.kill(redis.pid, 'SIGCONT');
    }
    const next = await add({ basket_id: basket });
    expect(next.isError).toBeUndefined();
    expect(next.content[0].text).toBe(`added to ${basket}`);
  });
});
