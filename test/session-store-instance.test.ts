/**
 * State kept by a module-level object of a small store class another module writes (trial 78B B5):
 * src/tools.ts makes `export const carts = new KeyedStore<Cart>(...)` of src/keyed-store.ts, whose
 * Map `entries` keeps each session's cart, and three tools reach it under the session id, each
 * by its own call shape. fix leaves it (it does not rewrite a class's fields): its marker says what
 * the state is (not "no module-level collection", which it is) and stands in every tool that
 * scan reports for it, not in the first one only; a tool that uses no state gets none.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDirs } from './helpers/cli.js';
import { sessionfulExpressServer } from './helpers/code.js';

const { repo } = tempDirs();

const PACKAGE = JSON.stringify({ name: 'shop', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.20.0', zod: '^3.25.0', express: '^5.0.0' } });

const STORE = `export class KeyedStore<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly empty: () => V) {}

  get(key: string): V {
    const found = this.entries.get(key);
    if (found !== undefined) return found;
    const made = this.empty();
    this.entries.set(key, made);
    return made;
  }

  set(key: string, value: V): void {
    this.entries.set(key, value);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
`;

const TOOLS = `import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { KeyedStore } from './keyed-store.js';

export interface Cart { items: string[] }

export const carts = new KeyedStore<Cart>(() => ({ items: [] }));

export function registerShopTools(server: McpServer) {
  server.registerTool('add_item', { description: 'Add an item to the cart', inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {
    const cart = carts.get(extra.sessionId!);
    cart.items.push(sku);
    carts.set(extra.sessionId!, cart);
    return { content: [{ type: 'text', text: \`\${cart.items.length} items\` }] };
  });
  server.registerTool('empty_cart', { description: 'Empty the cart' }, async (extra) => {
    carts.set(extra.sessionId!, { items: [] });
    return { content: [{ type: 'text', text: 'emptied' }] };
  });
  server.registerTool('checkout', { description: 'Check the cart out' }, async (ctx) => {
    const id = ctx.sessionId!;
    const { items } = carts.get(id);
    return { content: [{ type: 'text', text: \`ordered \${items.join(', ')}\` }] };
  });
  server.registerTool('price_of', { description: 'Price of an item', inputSchema: { sku: z.string() } }, async ({ sku }) => {
    return { content: [{ type: 'text', text: \`\${sku.length * 3} EUR\` }] };
  });
}
`;

const SERVER = sessionfulExpressServer('shop', ["import { registerShopTools, carts } from './tools.js';"], ['registerShopTools(server);'], 'carts');

const FILES = { 'package.json': PACKAGE, 'src/keyed-store.ts': STORE, 'src/tools.ts': TOOLS, 'src/server.ts': SERVER };

describe('explicit-handles: session state kept by an object of a store class', () => {
  it('marks every tool scan reports for it, saying it is an object of that class whose Map keeps the entries', () => {
    const dir = repo(FILES);
    const scan = runCli(['scan', '.', '--format', 'json'], { cwd: dir });
    const findings = JSON.parse(scan.stdout).findings as Array<{ ruleId: string; file: string; tool?: string; state?: string[] }>;
    const reported = findings.filter((f) => f.ruleId === 'stateful-tool' && f.file === 'src/tools.ts' && f.state?.includes('carts')).map((f) => f.tool);
    expect(reported.sort()).toEqual(['add_item', 'checkout', 'empty_cart']);

    const fix = runCli(['fix', '.', '--target', 'sdk-v1', '--no-format', '--allow-dirty'], { cwd: dir });
    expect(fix.stderr).not.toMatch(/could not rewrite|please report/);
    const tools = fs.readFileSync(path.join(dir, 'src/tools.ts'), 'utf8');
    // Markers only: without them, the file as it was.
    expect(tools.replace(/^\s*\/\/ .*\n/gm, '')).toBe(TOOLS);
    // Each marker, joined into one line, and the tool it stands in.
    const lines = tools.split('\n');
    const markers: Array<{ tool: string; text: string }> = [];
    let tool = '';
    for (let i = 0; i < lines.length; i++) {
      tool = /registerTool\('(\w+)'/.exec(lines[i])?.[1] ?? tool;
      if (!lines[i].includes('TODO(mcp-migrate)')) continue;
      let text = lines[i].trim();
      while (lines[i + 1]?.trim().startsWith('//')) text += ` ${lines[++i].trim().replace(/^\/\/\s*/, '')}`;
      markers.push({ tool, text });
    }
    expect(markers.map((m) => m.tool)).toEqual(['add_item', 'empty_cart', 'checkout']);
    expect(tools).not.toMatch(/not a module-level collection/);
    for (const m of markers) {
      expect(m.text).toMatch(/carts is an object of class KeyedStore \(written in src\/keyed-store\.ts\), whose Map entries keeps its entries under the MCP session id: explicit-handles rewrites a Map or object a module declares/);
    }
  });
});
