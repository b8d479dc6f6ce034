/**
 * The mcp-state module explicit-handles adds, run as a user's server runs it: an unknown handle is
 * a tool error telling the model to mint a new one, and where the state is in one instance's
 * memory (no MCP_STATE_URL) the error also names the likelier cause behind several instances.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { stateModuleSource } from '../codemods/lib/state-module.js';
import { REPO } from './helpers/cli.js';

// Inside the repository (its ignored .e2e-tmp), so that the module's `redis` import resolves from its node_modules.
fs.mkdirSync(path.join(REPO, '.e2e-tmp'), { recursive: true });
const dir = fs.mkdtempSync(path.join(REPO, '.e2e-tmp', 'state-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Module = {
  handleState<T>(name: string): unknown;
  withHandle(state: unknown, options: { handle: string; mintedBy: string }, handler: (...args: unknown[]) => unknown): (...args: unknown[]) => Promise<{ isError?: boolean; content: Array<{ text: string }> }>;
};

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
});
