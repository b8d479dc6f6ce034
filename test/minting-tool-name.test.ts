// The tool explicit-handles adds to mint a handle takes a name no tool of the same server has,
// also where that tool is registered by another module the server is handed to (review 91 point
// 2: catalog.ts registered `create_basket`, fix added a second one to cart.ts, and the SDK threw
// "already registered" when the server was built), and the report names the tool fix adds
// (review 91 point 7: it planned `create_basket` where fix added `new_basket`).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFix } from '../src/fix/runner.js';
import { runCli, tempDirs } from './helpers/cli.js';

const { repo: project } = tempDirs();

const PACKAGE = JSON.stringify({ name: 'shop', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.20.0', zod: '^3.25.0' } });

/** A module whose register function keeps each session's cart under the session id. */
const CART = [
  "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
  "import { z } from 'zod';",
  '',
  'const carts = new Map<string, string[]>();',
  'export function registerCart(server: McpServer): void {',
  "  server.registerTool('add_item', { inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {",
  '    const cart = carts.get(extra.sessionId!) ?? [];',
  '    cart.push(sku);',
  '    carts.set(extra.sessionId!, cart);',
  "    return { content: [{ type: 'text', text: cart.join(',') }] };",
  '  });',
  '}',
  '',
].join('\n');

/** A module whose register function has a tool of its own named create_basket (a saved template). */
const CATALOG = [
  "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
  "import { z } from 'zod';",
  '',
  'const templates: Record<string, string[]> = {};',
  'export function registerCatalog(server: McpServer): void {',
  "  server.registerTool('create_basket', { description: 'Save a basket template', inputSchema: { name: z.string(), skus: z.array(z.string()) } }, async ({ name, skus }) => {",
  '    templates[name] = skus;',
  "    return { content: [{ type: 'text', text: `saved ${name}` }] };",
  '  });',
  '}',
  '',
].join('\n');

/** The module that builds the server(s), handing them to the register functions as `body` says. */
const server = (body: string[]) =>
  [
    "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    "import { registerCatalog } from './catalog.js';",
    "import { registerCart } from './cart.js';",
    '',
    'export function buildServers(): McpServer[] {',
    ...body.map((line) => `  ${line}`),
    '}',
    '',
  ].join('\n');

const ONE_SERVER = server(["const server = new McpServer({ name: 'shop', version: '1.0.0' });", 'registerCatalog(server);', 'registerCart(server);', 'return [server];']);

/** The names of the tools a text registers, in order. */
const registered = (text: string) => [...text.matchAll(/registerTool\('(\w+)'/g)].map((m) => m[1]);

async function cartAfterFix(files: Record<string, string>): Promise<string> {
  const result = await runFix({ cwd: project({ 'package.json': PACKAGE, ...files }), target: 'sdk-v1', dryRun: true, format: false });
  return result.files.find((f) => f.file === 'src/cart.ts')!.after;
}

describe('fix: the minting tool of a handle, where another module registers tools on the same server (review 91 point 2)', () => {
  it('takes new_basket where a module handed the same server registers create_basket', async () => {
    const cart = await cartAfterFix({ 'src/server.ts': ONE_SERVER, 'src/catalog.ts': CATALOG, 'src/cart.ts': CART });
    expect(registered(cart)).toEqual(['new_basket', 'add_item']);
    expect(cart).toContain("mintedBy: 'new_basket'");
  });

  it('takes new_basket where the module registers on a server it builds itself and hands to the one with create_basket', async () => {
    const own = CART.replace('export function registerCart(server: McpServer): void {', "import { registerCatalog } from './catalog.js';\nexport function buildServer(): McpServer {\n  const server = new McpServer({ name: 'shop', version: '1.0.0' });\n  registerCatalog(server);").replace(/\n\}\n$/, '\n  return server;\n}\n');
    const cart = await cartAfterFix({ 'src/catalog.ts': CATALOG, 'src/cart.ts': own });
    expect(registered(cart)).toEqual(['new_basket', 'add_item']);
  });

  it('takes new_basket where the modules import one server a module exports, and another registers create_basket on it', async () => {
    const shared = "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const server = new McpServer({ name: 'shop', version: '1.0.0' });\n";
    const onImported = (text: string, fn: string) => text.replace(`export function ${fn}(server: McpServer): void {`, "import { server } from './server.js';").replace(/\n\}\n$/, '\n').replace("import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\n", '');
    const cart = await cartAfterFix({ 'src/server.ts': shared, 'src/catalog.ts': onImported(CATALOG, 'registerCatalog'), 'src/cart.ts': onImported(CART, 'registerCart') });
    expect(registered(cart)).toEqual(['new_basket', 'add_item']);
  });

  it('does not add create_basket to two modules of one server (the second takes new_basket)', async () => {
    const wishlist = CART.replace('registerCart', 'registerWishlist').replace("'add_item'", "'add_wish'");
    const both = ONE_SERVER.replace("import { registerCatalog } from './catalog.js';", "import { registerWishlist } from './wishlist.js';").replace('registerCatalog(server);', 'registerWishlist(server);');
    const result = await runFix({ cwd: project({ 'package.json': PACKAGE, 'src/server.ts': both, 'src/cart.ts': CART, 'src/wishlist.ts': wishlist }), target: 'sdk-v1', dryRun: true, format: false });
    const minted = ['src/cart.ts', 'src/wishlist.ts'].flatMap((file) => registered(result.files.find((f) => f.file === file)!.after).filter((name) => name !== 'add_item' && name !== 'add_wish'));
    expect(minted.sort()).toEqual(['create_basket', 'new_basket']);
  });

  // Look-alikes: the other create_basket is on another server, or on none; the plain name stays.
  it('keeps create_basket where the module with create_basket is handed another server', async () => {
    const two = server(["const admin = new McpServer({ name: 'admin', version: '1.0.0' });", "const shop = new McpServer({ name: 'shop', version: '1.0.0' });", 'registerCatalog(admin);', 'registerCart(shop);', 'return [admin, shop];']);
    const cart = await cartAfterFix({ 'src/server.ts': two, 'src/catalog.ts': CATALOG, 'src/cart.ts': CART });
    expect(registered(cart)).toEqual(['create_basket', 'add_item']);
  });

  it('keeps create_basket where another module registers create_basket on a server of its own', async () => {
    const own = CATALOG.replace('export function registerCatalog(server: McpServer): void {', "export function catalogServer(): McpServer {\n  const server = new McpServer({ name: 'catalog', version: '1.0.0' });").replace(/\n\}\n$/, '\n  return server;\n}\n');
    const cart = await cartAfterFix({ 'src/server.ts': ONE_SERVER.replace('registerCatalog(server);', '').replace("import { registerCatalog } from './catalog.js';\n", ''), 'src/catalog.ts': own, 'src/cart.ts': CART });
    expect(registered(cart)).toEqual(['create_basket', 'add_item']);
  });

  it('keeps create_basket where nothing calls the register function with create_basket', async () => {
    const alone = server(["const server = new McpServer({ name: 'shop', version: '1.0.0' });", 'registerCart(server);', 'return [server];']).replace("import { registerCatalog } from './catalog.js';\n", '');
    const cart = await cartAfterFix({ 'src/server.ts': alone, 'src/catalog.ts': CATALOG, 'src/cart.ts': CART });
    expect(registered(cart)).toEqual(['create_basket', 'add_item']);
  });
});

describe('report: the tools table names the tool fix adds to mint the handle (review 91 point 7)', () => {
  for (const [title, files] of [
    ['in the same file', { 'src/cart.ts': CART.replace("  server.registerTool('add_item'", CATALOG.split('\n').slice(5, 9).join('\n') + "\n  server.registerTool('add_item'").replace("const carts", "const templates: Record<string, string[]> = {};\nconst carts") }],
    ['in another module of the same server', { 'src/server.ts': ONE_SERVER, 'src/catalog.ts': CATALOG, 'src/cart.ts': CART }],
  ] as const) {
    it(`names new_basket where create_basket is registered ${title}`, () => {
      const dir = project({ 'package.json': PACKAGE, ...files });
      const out = path.join(dir, 'MIGRATION.md');
      expect(runCli(['report', dir, '-o', out, '--no-progress']).code).toBe(0);
      const row = fs.readFileSync(out, 'utf8').split('\n').find((line) => line.startsWith('| `add_item` |'));
      expect(row).toContain('`basket_id` (from `new_basket`)');
    });
  }

  it('names create_basket where no tool of the server has that name', () => {
    const dir = project({ 'package.json': PACKAGE, 'src/cart.ts': CART });
    const out = path.join(dir, 'MIGRATION.md');
    expect(runCli(['report', dir, '-o', out, '--no-progress']).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8').split('\n').find((line) => line.startsWith('| `add_item` |'))).toContain('`basket_id` (from `create_basket`)');
  });
});
