/**
 * `mcp-migrate fix` as a user runs it: dry runs, git safety, atomic writes, idempotency,
 * --safe-only, markers, the re-parse guard, the formatter, bad input.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Change, CodeCodemod } from '../codemods/types.js';
import { codemods } from '../codemods/index.js';
import { stateModuleSource } from '../codemods/lib/state-module.js';
import { catalogsOf, forgetImports, importedModules, sdkDependencyImports, updateManifest, zodTakesSdkSchemas } from '../src/fix/manifest.js';
import { findMarkers, withoutMarkers } from '../src/fix/markers.js';
import { formatFixSummary, notYetOn2026 } from '../src/report/fix.js';
import { Chalk } from 'chalk';
import { parseDiagnostics, parseFile } from '../src/analysis/parse.js';
import { runFix, type FixResult } from '../src/fix/runner.js';
import type { Finding } from '../src/model.js';
import { scan } from '../src/scan/scanner.js';
import { isRoot, REPO, runCli, tempDirs } from './helpers/cli.js';
import { analyseProject, ProjectSignals } from '../src/inventory/project.js';
import { statelessExpressRoute } from './helpers/code.js';

const FIXTURES = path.join(REPO, 'codemods/__testfixtures__/stateless-transport');
const { repo: project, tree: plainTree } = tempDirs();

/** A codemod of the test's own that rewrites every file naming sessionIdGenerator with `rewrite`, as one safe change. */
function testCodemod(id: string, title: string, rewrite: (text: string) => string): CodeCodemod {
  return {
    kind: 'code',
    id,
    title,
    target: 'any',
    resolves: [],
    keywords: ['sessionidgenerator'],
    transform: ({ text }) => ({ text: rewrite(text), changes: [{ line: 1, description: 'x', safety: 'safe' }], markers: [] }),
  };
}

const SESSIONFUL = fs.readFileSync(path.join(FIXTURES, 'express-record.input.ts'), 'utf8');

/** A tools module that keeps each session's login token under the session id (a `'default'` fallback): state that holds a dispatch. */
const LOGIN_MODULE = [
  "import { z } from 'zod';",
  "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
  'const tokens = new Map<string, string>();',
  'export function registerLogin(server: McpServer) {',
  "  server.tool('login', { token: z.string() }, async ({ token }, extra) => { tokens.set(extra.sessionId ?? 'default', token); return { content: [] }; });",
  "  server.tool('whoami', {}, async (_a, extra) => ({ content: [{ type: 'text', text: tokens.get(extra.sessionId ?? 'default') ?? 'anon' }] }));",
  '}',
  '',
].join('\n');
/** A legacy HTTP+SSE server as Prettier writes it (sse-transport answers its endpoints with 410). */
const SSE_SERVER = [
  "import express from 'express';",
  "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
  "import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';",
  "",
  "export const serve = (port: number) => {",
  "  const app = express();",
  "  const transports: Record<string, SSEServerTransport> = {};",
  "",
  "  app.get('/sse', async (_req, res) => {",
  "    const transport = new SSEServerTransport('/messages', res);",
  "    transports[transport.sessionId] = transport;",
  "    res.on('close', () => {",
  "      delete transports[transport.sessionId];",
  "    });",
  "    const server = new McpServer({ name: 'r', version: '1.0.0' });",
  "    await server.connect(transport);",
  "  });",
  "",
  "  app.post('/messages', async (req, res) => {",
  "    const sessionId = req.query.sessionId as string;",
  "    const transport = transports[sessionId];",
  "    if (!transport) {",
  "      res.status(400).send('No transport found for sessionId');",
  "      return;",
  "    }",
  "    await transport.handlePostMessage(req, res);",
  "  });",
  "",
  "  app.listen(port);",
  "};",
].join('\n') + '\n';
const MIGRATED = fs.readFileSync(path.join(FIXTURES, 'express-record.output.ts'), 'utf8');
const UNTOUCHED = 'export const add = (a: number, b: number) => a + b;\n';
/** The imports of an Express server with the SDK example's session dispatch, as the inline servers of these tests begin. */
const EXPRESS_SESSION_IMPORTS = [
  "import express from 'express';",
  "import { randomUUID } from 'node:crypto';",
  "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
  "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
  "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
];
const fix = (dir: string, ...args: string[]) => runCli(['fix', ...args], { cwd: dir });
/** A package whose tools keep a cart under the session id, which explicit-handles moves into the mcp-state store. */
const CART_PACKAGE = {
  cart: [
    "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    "import { z } from 'zod';",
    'const carts = new Map<string, string[]>();',
    'export function build(): McpServer {',
    "  const server = new McpServer({ name: 'shop', version: '1.0.0' });",
    "  server.registerTool('open_cart', { description: 'Open a cart' }, async (_args, extra) => {",
    '    carts.set(extra.sessionId!, []);',
    "    return { content: [{ type: 'text', text: 'opened' }] };",
    '  });',
    "  server.registerTool('add', { inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {",
    '    carts.get(extra.sessionId!)?.push(sku);',
    "    return { content: [{ type: 'text', text: 'added' }] };",
    '  });',
    '  return server;',
    '}',
    '',
  ].join('\n'),
  manifest: JSON.stringify({ name: 'shop', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', zod: '^3.25.0' } }),
};

/** The text with each wrapped marker on one line (indented like its first line): where markers stand is what these tests check. */
function oneLineMarkers(text: string): string {
  const lines = text.split('\n');
  for (const m of findMarkers(lines).reverse()) lines.splice(m.line - 1, m.lines, `${/^\s*\/\/ /.exec(lines[m.line - 1])![0]}${m.text}`);
  return lines.join('\n');
}

describe('fix', () => {
  it('--list names every codemod', () => {
    const r = runCli(['fix', '--list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^stateless-transport +sdk-v1 +Per-request stateless Streamable HTTP transport$/m);
  });

  it('--dry-run prints a unified diff and writes nothing', () => {
    const dir = project({ 'src/server.ts': SESSIONFUL, 'src/util.ts': UNTOUCHED });
    const before = fs.statSync(path.join(dir, 'src/server.ts')).mtimeMs;
    const r = fix(dir, '--dry-run', '--target', 'sdk-v1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^--- a\/src\/server\.ts/m);
    expect(r.stdout).toMatch(/^-      sessionIdGenerator: \(\) => randomUUID\(\),$/m);
    expect(r.stdout).toMatch(/^\+    sessionIdGenerator: undefined,$/m);
    expect(r.stdout).toMatch(/Dry run: would change 1 file\(s\) for target sdk-v1/);
    expect(fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8')).toBe(SESSIONFUL);
    expect(fs.statSync(path.join(dir, 'src/server.ts')).mtimeMs).toBe(before);
  });

  it('says of a file whose header says it is generated that a regeneration undoes the rewrite; a DO NOT EDIT below the first code is no such header', async () => {
    const generated = `/*\n * Code generated by an OpenAPI generator. DO NOT EDIT.\n */\n${SESSIONFUL}`;
    const noted = `${SESSIONFUL}// DO NOT EDIT the port without telling ops\n`;
    const dir = project({ 'src/gen/server.ts': generated, 'src/server.ts': noted });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    expect(result.files.map((f) => f.file).sort()).toEqual(['src/gen/server.ts', 'src/server.ts']);
    expect(result.errors.filter((e) => /generated/.test(e.message))).toEqual([
      { file: 'src/gen/server.ts', message: 'its header says it is generated (Code generated by): the next generation undoes what fix changed or marked here; carry the change into its generator or template as well' },
    ]);
  });

  it('leaves a copy of the SDK in the sources as it is and says so once, rewriting the application beside it; with sdk-copy off the copy is rewritten like the rest', async () => {
    const copy = path.resolve(__dirname, '../fixtures/scan/protocol-pin/project-sdk-copy/src');
    const listFiles = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    const files = Object.fromEntries(listFiles(copy).map((file) => [path.join('src', path.relative(copy, file)).split(path.sep).join('/'), fs.readFileSync(file, 'utf8')]));
    const dir = project({ ...files, 'src/server.ts': SESSIONFUL });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    expect(result.files.map((f) => f.file).filter((f) => f.startsWith('src/vendor/'))).toEqual([]);
    expect(result.files.find((f) => f.file === 'src/server.ts')?.after).toMatch(/sessionIdGenerator: undefined/);
    expect(result.errors).toEqual([{ file: 'src/vendor/mcp', message: expect.stringMatching(/^a copy of the MCP SDK \(3 file\(s\)\), not rewritten/) }]);
    // Its finding is left for a person, as scan lists it (the report counted it as rewritten).
    const copyFinding = (await scan({ paths: [dir] })).findings.find((f) => f.ruleId === 'sdk-copy');
    expect(copyFinding).toBeDefined();
    // (Without scan's count of the copy's own findings, which fix does not look for.)
    expect(result.remaining.filter((f) => f.ruleId === 'sdk-copy')).toEqual([{ ...copyFinding, message: copyFinding!.message.replace(/ \(\d+ finding\(s\) in it not listed\)$/, '') }]);
    const off = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false, severities: { 'sdk-copy': 'off' } });
    expect(off.errors).toEqual([]);
    expect(off.files.map((f) => f.file)).toContain('src/vendor/mcp/server/streamableHttp.ts');
  });

  it('marks a transport construction nested in a statement once: the codemod\'s marker above it speaks for the finding in its options', async () => {
    const revive = [
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      '',
      'export class Lifecycle {',
      '  private make: (id: string) => StreamableHTTPServerTransport;',
      '  constructor(factory?: (id: string) => StreamableHTTPServerTransport) {',
      '    this.make =',
      '      factory ??',
      '      ((id: string) =>',
      '        new StreamableHTTPServerTransport({',
      '          sessionIdGenerator: () => id,',
      '        }));',
      '  }',
      '  revive(id: string) {',
      '    return this.make(id);',
      '  }',
      '}',
      '',
    ].join('\n');
    const dir = project({ 'src/lifecycle.ts': revive });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const file = result.files.find((f) => f.file === 'src/lifecycle.ts')!;
    expect(file.markers.map((m) => m.message)).toEqual([expect.stringMatching(/^this transport revives a session minted elsewhere/)]);
    expect(findMarkers(file.after.split('\n'))).toHaveLength(1);
  });

  it("gives a handle to state whose value type a module of the run declares, read there as the runner reads the run's modules (trial 76B B4)", async () => {
    const fixtures = path.join(REPO, 'codemods/__testfixtures__/explicit-handles');
    const read = (file: string) => fs.readFileSync(path.join(fixtures, file), 'utf8');
    const dir = project({
      'src/server.ts': read('imported-plain-type.input.ts'),
      'src/draft.ts': read('imported-plain-type.modules/draft.ts'),
      'src/revision.ts': read('imported-plain-type.modules/revision.ts'),
      'package.json': JSON.stringify({ name: 'drafts', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', zod: '^3.25.0' } }),
    });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    expect(result.files.find((f) => f.file === 'src/server.ts')?.after).toBe(read('imported-plain-type.output.ts'));
  });

  it('says after a sdk-v1 rewrite that the server still speaks 2025 revisions only; not after a move to v2, nor when nothing changed', async () => {
    const still = /Still on SDK v1, which speaks 2025 revisions only: .*2026-07-28 clients need the v2 packages \(`mcp-migrate fix --target 2026-07-28`\)\./;
    const noSessions = 'the server no longer needs sessions or a sticky load balancer';
    const plain = new Chalk({ level: 0 });
    const dir = project({ 'src/server.ts': SESSIONFUL });
    const v1 = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    expect(v1.files.filter((f) => f.after !== f.before).length).toBeGreaterThan(0);
    expect(formatFixSummary(v1, plain)).toMatch(still);
    expect(formatFixSummary(v1, plain)).toContain(noSessions);
    // With state left for a person (a basket a register function keeps per server), it does not say the server needs no sessions (review 76).
    const basket = "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport function registerBasket(server: McpServer) {\n  const basket: string[] = [];\n  server.registerTool('basket_add', {}, async () => { basket.push('x'); return { content: [] }; });\n  server.registerTool('basket_count', {}, async () => ({ content: [{ type: 'text', text: String(basket.length) }] }));\n}\n";
    const withBasket = SESSIONFUL.replace("import express from 'express';", "import express from 'express';\nimport { registerBasket } from './basket.js';").replace("  const server = new McpServer({ name: 'notes', version: '1.0.0' });\n", "  const server = new McpServer({ name: 'notes', version: '1.0.0' });\n  registerBasket(server);\n");
    const left = await runFix({ cwd: project({ 'src/server.ts': withBasket, 'src/basket.ts': basket }), target: 'sdk-v1', dryRun: true, format: false });
    expect(left.summary.manual).toBeGreaterThan(0);
    expect(formatFixSummary(left, plain)).toMatch(still);
    expect(formatFixSummary(left, plain)).not.toContain(noSessions);
    const moved = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(moved.files.find((f) => f.file === 'src/server.ts')?.after).toMatch(/@modelcontextprotocol\/server/);
    expect(formatFixSummary(moved, plain)).not.toMatch(still);
    const none = await runFix({ cwd: project({ 'src/util.ts': 'export const one = 1;\n' }), target: 'sdk-v1', dryRun: true, format: false });
    expect(formatFixSummary(none, plain)).not.toMatch(still);
  });

  it('calls requiring a handle a change to review where the tool used to run without the minting tool, and says so in the summary (trial 78B B2)', async () => {
    const shop = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { z } from 'zod';",
      'const carts = new Map<string, string[]>();',
      'export function register(server: McpServer) {',
      "  server.registerTool('create_cart', { inputSchema: {} }, async (_args, extra) => {",
      '    carts.set(extra.sessionId!, []);',
      "    return { content: [{ type: 'text', text: 'created' }] };",
      '  });',
      "  server.registerTool('add_item', { inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {",
      '    const cart = carts.get(extra.sessionId!);',
      "    if (!cart) return { isError: true, content: [{ type: 'text', text: 'call create_cart first' }] };",
      '    cart.push(sku);',
      "    return { content: [{ type: 'text', text: 'added' }] };",
      '  });',
      "  server.registerTool('checkout', { inputSchema: {} }, async (_args, extra) => {",
      '    const cart = carts.get(extra.sessionId!);',
      "    if (!cart) throw new Error('no cart');",
      '    carts.delete(extra.sessionId!);',
      "    return { content: [{ type: 'text', text: `${cart.length} item(s)` }] };",
      '  });',
      "  server.registerTool('cart_size', { inputSchema: {} }, async (_args, extra) => ({ content: [{ type: 'text', text: String(carts.get(extra.sessionId!)?.length ?? 0) }] }));",
      '}',
      '',
    ].join('\n');
    const result = await runFix({ cwd: project({ 'src/shop.ts': shop }), target: 'sdk-v1', dryRun: true, format: false });
    const changes = result.files.find((f) => f.file === 'src/shop.ts')!.changes;
    const of = (tool: string) => changes.find((c) => c.description.startsWith(`tool ${tool} requires`));
    // A tool that stops without the cart (an error, a throw) needed create_cart before: still safe.
    expect(of('add_item')).toMatchObject({ safety: 'safe' });
    expect(of('checkout')).toMatchObject({ safety: 'safe' });
    expect(of('add_item')?.madeRequired).toBeUndefined();
    // One that answered without it (0 items) now fails without basket_id: its contract changed.
    expect(of('cart_size')).toMatchObject({ safety: 'review', madeRequired: { tool: 'cart_size', handle: 'basket_id', mintedBy: 'create_cart' } });
    expect(of('cart_size')?.description).toContain('make basket_id optional for it by hand');
    const summary = formatFixSummary(result, new Chalk({ level: 0 }));
    expect(summary).toContain('1 tool(s) now require a handle they used to run without: cart_size (basket_id, from create_cart).');
  });

  it('names files like scan does, also one whose name starts with two dots', async () => {
    const dir = project({ '..server.ts': SESSIONFUL, 'src/server.ts': SESSIONFUL });
    const scanned = await scan({ paths: [dir] });
    expect([...new Set(scanned.findings.map((f) => f.file))]).toEqual(['..server.ts', 'src/server.ts']);
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true });
    expect(result.files.map((f) => f.file).sort()).toEqual(['..server.ts', 'src/server.ts']);
  });

  it('rewrites the code of a finding an mcp-migrate-ignore comment suppresses (fix does not read them, as the README says); --exclude keeps the file as it is', async () => {
    const server = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { z } from 'zod';",
      '',
      '// mcp-migrate-ignore session-state -- one instance, by design',
      'const carts = new Map<string, string[]>();',
      '',
      'export function register(server: McpServer) {',
      "  server.tool('add_item', 'Add an item', { item: z.string() }, async ({ item }, extra) => {",
      '    carts.set(extra.sessionId!, [...(carts.get(extra.sessionId!) ?? []), item]);',
      "    return { content: [{ type: 'text', text: 'added' }] };",
      '  });',
      '}',
      '',
    ].join('\n');
    // (Another file, so that the run with server.ts excluded still has something to read.)
    const dir = project({ 'src/server.ts': server, 'src/util.ts': 'export const one = 1;\n' });
    expect((await scan({ paths: [dir] })).summary.suppressed).toBe(1);
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    expect(result.files.find((f) => f.file === 'src/server.ts')?.after).toContain("const carts = handleState<string[]>('carts');");
    const excluded = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false, exclude: ['src/server.ts'] });
    expect(excluded.files).toEqual([]);
  });

  it.each(['sdk-v1', '2026-07-28'] as const)('reports exactly the markers the rewritten files hold, at their lines (%s)', async (target) => {
    // The sample server gets markers from two codemods: the first one's lines move when the second rewrites.
    const result = await runFix({ cwd: path.join(REPO, 'fixtures'), target, dryRun: true });
    const withComments = result.files.filter((f) => /\.(m|c)?(t|j)sx?$/.test(f.file));
    expect(withComments.length).toBeGreaterThan(20);
    for (const f of withComments) {
      const lines = f.after.split('\n');
      const marked = lines.flatMap((l, i) => (l.includes('TODO(mcp-migrate)') ? [i + 1] : []));
      expect(f.markers.map((m) => m.line), f.file).toEqual(marked);
    }
    expect(result.summary.marked).toBe(result.files.reduce((n, f) => n + f.markers.length, 0));
    // (A fix run over every fixture of the repository, which grows with them: ~25 s alone, several
    // times that on a machine busy with other work. Not a speed check: bench.mjs holds those.)
  }, 240_000);

  it.each(['sdk-v1', '2026-07-28'] as const)('lists each change at its line in the file as it was, after earlier codemods moved lines (%s)', async (target) => {
    // sse-transport rewrites the top of this file first; the dispatch's changes come after.
    const input = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/sse-transport/dual.input.ts'), 'utf8');
    const dir = project({ 'src/server.ts': input });
    const result = await runFix({ cwd: dir, target, dryRun: true, format: false });
    const file = result.files.find((f) => f.file === 'src/server.ts')!;
    expect(file.codemods.length).toBeGreaterThan(1);
    const lines = input.split('\n');
    const at = (description: RegExp) => {
      const change = file.changes.find((c) => description.test(c.description));
      expect(change, `${description}: ${file.changes.map((c) => c.description).join(' | ')}`).toBeDefined();
      return lines[change!.line - 1];
    };
    expect(at(/^transport made stateless/)).toContain('sessionIdGenerator: () => randomUUID()');
    expect(at(/^removed onsessioninitialized/)).toContain('onsessioninitialized');
    expect(at(/^deleted the session map transports/)).toContain('const transports');
    expect(at(/^deleted the unused session-id read/)).toContain("req.headers['mcp-session-id']");
    expect(at(/answers 410 Gone/)).toMatch(/app\.(get|post)\('\/(sse|messages)'/);
  });

  it.each(['sdk-v1', '2026-07-28'] as const)('makes a transport whose onsessionclosed also empties state explicit-handles moves stateless in one run, with no marker quoting the cleanup it removed, and a second run changes nothing (trial 68C B2, %s)', async (target) => {
    const server = [
      "import express from 'express';",
      "import { randomUUID } from 'node:crypto';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
      "import { z } from 'zod';",
      '',
      'const drafts = new Map<string, string[]>();',
      'function makeServer() {',
      "  const server = new McpServer({ name: 'drafts', version: '1.0.0' });",
      "  server.registerTool('append_line', { description: 'Append a line', inputSchema: { line: z.string() } }, async ({ line }, extra) => {",
      '    const lines = drafts.get(extra.sessionId!) ?? [];',
      '    lines.push(line);',
      '    drafts.set(extra.sessionId!, lines);',
      "    return { content: [{ type: 'text', text: lines.join('\\n') }] };",
      '  });',
      '  return server;',
      '}',
      'const app = express();',
      'app.use(express.json());',
      'const sessions: Record<string, StreamableHTTPServerTransport> = {};',
      "app.post('/mcp', async (req, res) => {",
      "  const sessionId = req.headers['mcp-session-id'] as string | undefined;",
      '  let transport = sessionId ? sessions[sessionId] : undefined;',
      '  if (!transport && !sessionId && isInitializeRequest(req.body)) {',
      '    transport = new StreamableHTTPServerTransport({',
      '      sessionIdGenerator: () => randomUUID(),',
      '      onsessioninitialized: (id) => { sessions[id] = transport!; },',
      '      onsessionclosed: (id) => { delete sessions[id]; drafts.delete(id); },',
      '    });',
      '    await makeServer().connect(transport);',
      '  }',
      "  if (!transport) { res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null }); return; }",
      '  await transport.handleRequest(req, res, req.body);',
      '});',
      'app.listen(3000);',
      '',
    ].join('\n');
    const dir = project({ 'src/index.ts': server, 'package.json': JSON.stringify({ name: 'drafts', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.1.0', zod: '^4.2.1' } }) });
    const first = await runFix({ cwd: dir, target, dryRun: true, format: false });
    const file = first.files.find((f) => f.file === 'src/index.ts')!;
    // Only the marker every createMcpHandler route gets (DNS-rebinding guards) may stay: none says the transport is left sessionful.
    expect(file.markers.map((m) => m.message).filter((m) => !/validates neither Host nor Origin/.test(m)), file.after).toEqual([]);
    expect(file.after).not.toMatch(/drafts\.delete|onsessionclosed|sessionIdGenerator: \(\)|\bsessions\b/);
    expect(file.after).toContain("const drafts = handleState<string[]>('drafts');");
    expect(file.after).toMatch(target === 'sdk-v1' ? /sessionIdGenerator: undefined/ : /createMcpHandler\(/);
    expect(first.remaining.map((f) => `${f.line} ${f.ruleId}`)).toEqual([]);
    // The cleanup the run removed is named in one change to review, not quoted by a marker.
    expect(file.changes.filter((c) => /drafts/.test(c.description) && /cleanup|onsessionclosed/.test(c.description)).map((c) => c.safety)).toEqual(['review']);
    // With --codemods stateless-transport alone nothing moves drafts, so its cleanup is no session
    // forgetting: the transport stays, marked with the cleanup that is still there (review 87).
    const alone = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false, codemods: ['stateless-transport'] });
    const kept = alone.files.find((f) => f.file === 'src/index.ts')!;
    expect(kept.markers.map((m) => m.message)).toContainEqual(expect.stringMatching(/^onsessionclosed does more than forget the session .*drafts\.delete\(id\)/));
    expect(kept.after).toContain('drafts.delete(id)');
    for (const f of first.files) fs.writeFileSync(path.join(dir, f.file), f.after);
    const second = await runFix({ cwd: dir, target, dryRun: true, format: false });
    expect(second.files.filter((f) => f.after !== f.before).map((f) => f.file)).toEqual([]);
  });

  /** A server behind the SDK's bearer-token middleware that keeps each session's credentials (`stored`, from req.auth) by session id at initialize, read back by its tool as `read`. */
  const sessionAuthServer = (stored: string, read: string) =>
    [
      ...EXPRESS_SESSION_IMPORTS,
      "import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';",
      "import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';",
      "import { verifier } from './auth.js';",
      '',
      `const sessionAuth = new Map<string, ${stored === 'req.auth' ? 'AuthInfo' : '{ auth: AuthInfo; openedAt: number }'}>();`,
      'function makeServer() {',
      "  const server = new McpServer({ name: 'whoami', version: '1.0.0' });",
      "  server.registerTool('whoami', { description: 'Who is calling' }, async (extra) => {",
      `    const auth = ${read};`,
      "    return { content: [{ type: 'text', text: auth?.clientId ?? 'anonymous' }] };",
      '  });',
      '  return server;',
      '}',
      'const app = express();',
      'app.use(express.json());',
      'const sessions: Record<string, StreamableHTTPServerTransport> = {};',
      "app.post('/mcp', requireBearerAuth({ verifier }), async (req, res) => {",
      "  const sessionId = req.headers['mcp-session-id'] as string | undefined;",
      '  let transport = sessionId ? sessions[sessionId] : undefined;',
      '  if (!transport && !sessionId && isInitializeRequest(req.body)) {',
      '    transport = new StreamableHTTPServerTransport({',
      '      sessionIdGenerator: () => randomUUID(),',
      `      onsessioninitialized: (id) => { sessions[id] = transport!; if (req.auth) sessionAuth.set(id, ${stored}); },`,
      '      onsessionclosed: (id) => { delete sessions[id]; sessionAuth.delete(id); },',
      '    });',
      '    await makeServer().connect(transport);',
      '  }',
      "  if (!transport) { res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null }); return; }",
      '  await transport.handleRequest(req, res, req.body);',
      '});',
      'app.listen(3000);',
      '',
    ].join('\n');
  const SESSION_AUTH_PACKAGE = {
    'src/auth.ts': "export const verifier = { verifyAccessToken: async (token: string) => ({ token, clientId: token, scopes: [], expiresAt: 0 }) };\n",
    'package.json': JSON.stringify({ name: 'whoami', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.1.0', zod: '^4.2.1' } }),
  };

  it.each(['sdk-v1', '2026-07-28'] as const)("reads the credentials a session kept at initialize (sessionAuth.set(id, req.auth)) from each request instead, removes the map, and makes the transport stateless in the same run; a second run changes nothing (trial 77B B2, %s)", async (target) => {
    const dir = project({ 'src/index.ts': sessionAuthServer('req.auth', 'sessionAuth.get(extra.sessionId!)'), ...SESSION_AUTH_PACKAGE });
    const first = await runFix({ cwd: dir, target, dryRun: true, format: false });
    const file = first.files.find((f) => f.file === 'src/index.ts')!;
    // Only the marker every createMcpHandler route gets (DNS-rebinding guards) may stay: none says the transport is left sessionful.
    expect(file.markers.map((m) => m.message).filter((m) => !/validates neither Host nor Origin|requireBearerAuth/.test(m)), file.after).toEqual([]);
    expect(file.after).not.toMatch(/sessionAuth|AuthInfo|onsessioninitialized|onsessionclosed|sessionIdGenerator: \(\)|\bsessions\b/);
    expect(file.after).toContain(target === 'sdk-v1' ? 'const auth = extra.authInfo;' : 'const auth = extra.http?.authInfo;');
    expect(file.after).toMatch(target === 'sdk-v1' ? /sessionIdGenerator: undefined/ : /createMcpHandler\(/);
    // No shared store: nothing was kept under a handle.
    expect(first.files.map((f) => f.file)).not.toContain('src/mcp-state.ts');
    expect(first.remaining.map((f) => `${f.line} ${f.ruleId}`)).toEqual([]);
    expect(file.changes.filter((c) => /sessionAuth/.test(c.description)).map((c) => c.safety)).toEqual(['review', 'review', 'review']);
    for (const f of first.files) fs.writeFileSync(path.join(dir, f.file), f.after);
    const second = await runFix({ cwd: dir, target, dryRun: true, format: false });
    expect(second.files.filter((f) => f.after !== f.before).map((f) => f.file)).toEqual([]);
  });

  it('leaves credentials kept by session with more beside them (sessionAuth.set(id, { auth: req.auth, openedAt })) as they were, marked, and the transport sessionful (trial 77B B2)', async () => {
    const text = sessionAuthServer('{ auth: req.auth, openedAt: Date.now() }', 'sessionAuth.get(extra.sessionId!)?.auth');
    const dir = project({ 'src/index.ts': text, ...SESSION_AUTH_PACKAGE });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const after = result.files.find((f) => f.file === 'src/index.ts')?.after ?? text;
    expect(after).toContain('sessionAuth.get(extra.sessionId!)?.auth;');
    expect(after).toContain('sessionIdGenerator: () => randomUUID()');
    expect(after).toMatch(/TODO\(mcp-migrate\): sessionAuth binds credentials to the MCP session id/);
  });

  /** A pantry kept per session in a tools module, cleaned up in the server's transport.onclose (trial 76B B1's shape). */
  const PANTRY_MANIFEST = JSON.stringify({ name: 'pantry', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.1.0', zod: '^4.2.1' } });
  const PANTRY_TOOLS = [
    "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    "import { z } from 'zod';",
    '',
    'export const shelves = new Map<string, string[]>();',
    '',
    'export function registerPantry(server: McpServer) {',
    "  server.registerTool('stock', { description: 'Stock an item', inputSchema: { item: z.string() } }, async ({ item }, rx) => {",
    '    const shelf = shelves.get(rx.sessionId!) ?? [];',
    '    shelf.push(item);',
    '    shelves.set(rx.sessionId!, shelf);',
    "    return { content: [{ type: 'text', text: `${shelf.length} items` }] };",
    '  });',
    "  server.registerTool('inventory', { description: 'List the stock' }, async (rx) => ({ content: [{ type: 'text', text: (shelves.get(rx.sessionId!) ?? []).join(', ') }] }));",
    '}',
    '',
  ].join('\n');
  const pantryServer = (extra = '') =>
    [
      "import express from 'express';",
      "import { randomUUID } from 'node:crypto';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
      "import { registerPantry, shelves } from './tools/pantry.js';",
      '',
      'const open: Record<string, StreamableHTTPServerTransport> = {};',
      'const app = express();',
      'app.use(express.json());',
      "app.post('/mcp', async (req, res) => {",
      "  const sid = req.headers['mcp-session-id'] as string | undefined;",
      '  let transport = sid ? open[sid] : undefined;',
      '  if (!transport && !sid && isInitializeRequest(req.body)) {',
      '    transport = new StreamableHTTPServerTransport({',
      '      sessionIdGenerator: () => randomUUID(),',
      '      onsessioninitialized: (id) => { open[id] = transport!; },',
      '    });',
      '    transport.onclose = () => {',
      '      const id = transport!.sessionId;',
      '      if (id) { delete open[id]; shelves.delete(id); }',
      '    };',
      "    const server = new McpServer({ name: 'pantry', version: '1.0.0' });",
      '    registerPantry(server);',
      '    await server.connect(transport);',
      '  }',
      "  if (!transport) { res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null }); return; }",
      '  await transport.handleRequest(req, res, req.body);',
      '});',
      extra,
      'app.listen(3000);',
      '',
    ].join('\n');
  /** The code files of a run's result as it leaves them (rewritten, or as they were). */
  const leftTexts = (result: FixResult) => Object.fromEntries(result.files.filter((f) => /\.ts$/.test(f.file)).map((f) => [f.file, f.after]));

  it.each(['sdk-v1', '2026-07-28'] as const)('moves per-session state of a tools module and the cleanup in the server\'s transport.onclose together: the transport goes stateless, no use of the moved state is left outside a tool call, and a second run changes nothing (trial 76B B1, %s)', async (target) => {
    const dir = project({ 'package.json': PANTRY_MANIFEST, 'src/tools/pantry.ts': PANTRY_TOOLS, 'src/server.ts': pantryServer() });
    const first = await runFix({ cwd: dir, target, dryRun: true, format: false });
    expect(first.errors.map((e) => e.message).filter((m) => /left unchanged|stays on SDK v1|shared by every caller/.test(m))).toEqual([]);
    const texts = leftTexts(first);
    expect(texts['src/tools/pantry.ts']).toContain("export const shelves = handleState<string[]>('shelves');");
    // The cleanup and its import went with the session callback: nothing outside a tool call reaches shelves.
    const server = texts['src/server.ts'];
    expect(server).not.toMatch(/\bshelves\b|sessionIdGenerator: \(\)|onclose/);
    expect(server).toMatch(target === 'sdk-v1' ? /sessionIdGenerator: undefined/ : /createMcpHandler\(/);
    const changes = first.files.find((f) => f.file === 'src/server.ts')!.changes;
    expect(changes.filter((c) => /cleanup of shelves \(`shelves\.delete\(id\)`\)/.test(c.description)).map((c) => c.safety)).toEqual(['review']);
    expect(first.remaining.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual([]);
    for (const f of first.files) fs.writeFileSync(path.join(dir, f.file), f.after);
    const second = await runFix({ cwd: dir, target, dryRun: true, format: false });
    expect(second.files.filter((f) => f.after !== f.before).map((f) => f.file)).toEqual([]);
  });

  it('moves on a tree an earlier run left half migrated (the state in the shared store, its cleanup in a sessionful transport.onclose): the cleanup goes with the sessions (trial 76B B1)', async () => {
    const dir = project({ 'package.json': PANTRY_MANIFEST, 'src/tools/pantry.ts': PANTRY_TOOLS, 'src/server.ts': pantryServer() });
    const moved = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    // What the tools module and the state module look like once moved; the server as it was.
    for (const f of moved.files.filter((f) => f.file !== 'src/server.ts')) fs.writeFileSync(path.join(dir, f.file), f.after);
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const server = leftTexts(result)['src/server.ts'];
    expect(server).toMatch(/sessionIdGenerator: undefined/);
    expect(server).not.toMatch(/\bshelves\b/);
    expect(result.remaining.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual([]);
  });

  it.each([
    ['another route of the server reads it (`shelves.size`)', pantryServer("app.get('/stats', (_req, res) => { res.json({ shelves: shelves.size }); });"), undefined, /`shelves\.size` in src\/server\.ts/],
    ['the run leaves the transport with its cleanup (--codemods explicit-handles)', pantryServer(), ['explicit-handles'], /`shelves\.delete\(id\)` in src\/server\.ts/],
  ])('leaves state a tools module keeps per session where it is, marked with the use that holds it, when %s: no half-migrated tree (trial 76B B1)', async (_case, server, codemods, use) => {
    const dir = project({ 'package.json': PANTRY_MANIFEST, 'src/tools/pantry.ts': PANTRY_TOOLS, 'src/server.ts': server });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false, ...(codemods ? { codemods } : {}) });
    const texts = leftTexts(result);
    // No store of the shared state module anywhere: the map stays a map, used as before.
    for (const [file, text] of Object.entries(texts)) expect(text, file).not.toMatch(/handleState|withHandle/);
    expect(result.files.map((f) => f.file)).not.toContain('src/tools/mcp-state.ts');
    const tools = result.files.find((f) => f.file === 'src/tools/pantry.ts')!;
    expect(tools.markers.map((m) => m.message)).toContainEqual(expect.stringMatching(new RegExp(`^shelves is keyed by the MCP session id, and another module uses it where no tool call naming a handle reaches it \\(${use.source}\\)`)));
    // Said once: a second run finds it marked already, and changes nothing more.
    for (const f of result.files) fs.writeFileSync(path.join(dir, f.file), f.after);
    const second = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false, ...(codemods ? { codemods } : {}) });
    expect(second.files.filter((f) => f.after !== f.before).map((f) => f.file)).toEqual([]);
  });

  it.each([
    ['a test file the run skips uses it', { 'src/tools/pantry.test.ts': "import { shelves } from './pantry.js';\nbeforeEach(() => shelves.clear());\n" }, {}, /`shelves\.clear\(\)` in src\/tools\/pantry\.test\.ts/],
    ['a file --exclude leaves out cleans it up', {}, { exclude: ['src/server.ts'] }, /`shelves\.delete\(id\)` in src\/server\.ts/],
    ['a file above the run\'s folder cleans it up (fix src/tools)', {}, { paths: ['src/tools'] }, /`shelves\.delete\(id\)` in \.\.\/server\.ts/],
    ['a route reads it through a dynamic import', { 'src/server.ts': pantryServer("app.get('/stats', async (_q, res) => { const { shelves: all } = await import('./tools/pantry.js'); res.json({ open: all.size }); });").replace('import { registerPantry, shelves }', 'import { registerPantry }').replace(' shelves.delete(id);', '') }, {}, /`all\.size` in src\/server\.ts/],
  ])('leaves state a tools module keeps per session where it is when %s: the use is found outside the run\'s files too (review 95)', async (_case, files, options, use) => {
    const dir = project({ 'package.json': PANTRY_MANIFEST, 'src/tools/pantry.ts': PANTRY_TOOLS, 'src/server.ts': pantryServer(), ...files });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false, ...options });
    for (const [file, text] of Object.entries(leftTexts(result))) expect(text, file).not.toMatch(/handleState|withHandle/);
    const tools = result.files.find((f) => /(^|\/)pantry\.ts$/.test(f.file))!;
    expect(tools.markers.map((m) => m.message)).toContainEqual(expect.stringMatching(new RegExp(`another module uses it where no tool call naming a handle reaches it \\(${use.source}\\)`)));
  });

  it('moves state cleaned up through a namespace import (`pantry.shelves.delete(id)` in transport.onclose) as its named-import twin (review 95)', async () => {
    const server = pantryServer().replace('import { registerPantry, shelves }', 'import * as pantry').replace('shelves.delete(id)', 'pantry.shelves.delete(id)').replace('registerPantry(server)', 'pantry.registerPantry(server)');
    const dir = project({ 'package.json': PANTRY_MANIFEST, 'src/tools/pantry.ts': PANTRY_TOOLS, 'src/server.ts': server });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const texts = leftTexts(result);
    expect(texts['src/tools/pantry.ts']).toContain("export const shelves = handleState<string[]>('shelves');");
    expect(texts['src/server.ts']).toMatch(/sessionIdGenerator: undefined/);
    expect(texts['src/server.ts']).not.toMatch(/\bshelves\b/);
    expect(result.remaining.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual([]);
  });

  it('names the module that declares state kept for a use through a re-export barrel, and gives the one remedy in both markers (review 95)', async () => {
    const server = pantryServer("app.get('/stats', (_req, res) => { res.json({ open: shelves.size }); });").replace("from './tools/pantry.js'", "from './tools/index.js'");
    const dir = project({ 'package.json': PANTRY_MANIFEST, 'src/tools/pantry.ts': PANTRY_TOOLS, 'src/tools/index.ts': "export { shelves, registerPantry } from './pantry.js';\n", 'src/server.ts': server });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const messages = result.errors.map((e) => e.message).join('\n');
    expect(messages).toContain('shelves is a collection of another module (declared in src/tools/pantry.ts)');
    expect(messages).not.toContain('declared in src/tools/index.ts');
    const held = result.files.find((f) => f.file === 'src/server.ts')!.markers.map((m) => m.message);
    expect(held).toContainEqual(expect.stringMatching(/\(`shelves\.size` in src\/server\.ts\) would throw once it moved\. Remove that use/));
    expect(held.join('\n')).not.toMatch(/Give it an explicit handle/);
  });

  it('counts neither a type of the moved state nor a parameter of the same name in another module as a use that holds it (trial 76B B1)', async () => {
    const extra = ['type Shelves = typeof shelves;', 'export function countOf(shelves: Shelves | Map<string, string[]>) { return shelves.size; }'].join('\n');
    const dir = project({ 'package.json': PANTRY_MANIFEST, 'src/tools/pantry.ts': PANTRY_TOOLS, 'src/server.ts': pantryServer(extra) });
    const texts = leftTexts(await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false }));
    expect(texts['src/tools/pantry.ts']).toContain("export const shelves = handleState<string[]>('shelves');");
    expect(texts['src/server.ts']).toMatch(/sessionIdGenerator: undefined/);
    expect(texts['src/server.ts']).not.toContain('shelves.delete');
  });

  it('keeps the cleanup in transport.onclose of state of a tools module that explicit-handles leaves (values that are not plain JSON): nothing moved, nothing to throw (trial 76B B1)', async () => {
    const tools = PANTRY_TOOLS.replace('new Map<string, string[]>()', 'new Map<string, Set<string>>()').replace('?? [];\n    shelf.push(item);', '?? new Set<string>();\n    shelf.add(item);').replace('shelf.length', 'shelf.size').replace("(shelves.get(rx.sessionId!) ?? []).join(', ')", "[...(shelves.get(rx.sessionId!) ?? [])].join(', ')");
    const dir = project({ 'package.json': PANTRY_MANIFEST, 'src/tools/pantry.ts': tools, 'src/server.ts': pantryServer() });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const texts = leftTexts(result);
    expect(texts['src/tools/pantry.ts']).toContain('export const shelves = new Map<string, Set<string>>();');
    expect(texts['src/server.ts']).toContain('shelves.delete(id)');
    for (const [file, text] of Object.entries(texts)) expect(text, file).not.toMatch(/handleState|withHandle/);
  });

  it('moves a server whose maps sit in one object (transports.streamable, transports.sse) to one stateless route, deletes the object, and a second run changes nothing', async () => {
    const input = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/sse-transport/held-maps.input.ts'), 'utf8');
    const dir = project({ 'src/server.ts': input });
    const first = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const file = first.files.find((f) => f.file === 'src/server.ts')!;
    expect(file.markers, file.after).toEqual([]);
    expect(file.after).not.toMatch(/\btransports\b|SSEServerTransport|mcp-session-id/);
    expect(file.after).toContain('sessionIdGenerator: undefined');
    expect(file.changes.map((c) => c.description)).toEqual(expect.arrayContaining(['deleted the SSE transport map transports.sse', 'deleted transports, which held the session maps']));
    fs.writeFileSync(path.join(dir, 'src/server.ts'), file.after);
    const second = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    expect(second.files.find((f) => f.file === 'src/server.ts')).toBeUndefined();
  });

  it("sets @rekog/mcp-nest's forRoot to stateless serving (SSE out, statelessMode: true), which leaves scan nothing to report, and a second run changes nothing (trial 45B)", async () => {
    const input = fs.readFileSync(path.join(REPO, 'fixtures/scan/sse-legacy/mcp-nest-transports.ts'), 'utf8');
    const dir = project({ 'src/app.module.ts': input });
    // Scan says which codemod takes them: framework-options, not sse-routing's own sse-transport.
    const scanned = await scan({ paths: [dir], cache: false });
    expect(scanned.findings.map((f) => `${f.line} ${f.ruleId} ${f.fix}`)).toEqual(['14 sse-routing framework-options', '18 stateful-mode-option framework-options', '31 sse-routing framework-options', '48 stateful-mode-option framework-options']);
    const first = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const file = first.files.find((f) => f.file === 'src/app.module.ts')!;
    expect(file.markers).toEqual([]);
    expect(file.changes.map((c) => c.line).sort((a, b) => a - b)).toEqual([14, 18, 31, 48]);
    expect(file.changes.every((c) => c.safety === 'review')).toBe(true);
    expect(first.remaining).toEqual([]);
    fs.writeFileSync(path.join(dir, 'src/app.module.ts'), file.after);
    expect((await scan({ paths: [dir], cache: false })).findings).toEqual([]);
    const second = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    expect(second.files.find((f) => f.file === 'src/app.module.ts')).toBeUndefined();
  });

  it("names framework-options only for @rekog/mcp-nest settings it makes stateless, and its own generator as the package's, for a person (read-through 58)", async () => {
    const text = [
      "import { Module } from '@nestjs/common';",
      "import { randomUUID } from 'node:crypto';",
      "import { McpModule, McpTransportType } from '@rekog/mcp-nest';",
      '',
      'const extra = { streamableHttp: { statelessMode: false } };',
      '',
      '@Module({',
      '  imports: [',
      "    McpModule.forRoot({ name: 'local', version: '1', transport: [McpTransportType.STDIO], streamableHttp: { statelessMode: false } }),",
      '    McpModule.forRoot({',
      "      name: 'http',",
      "      version: '1',",
      '      transport: [McpTransportType.STREAMABLE_HTTP],',
      '      streamableHttp: { enableJsonResponse: true, sessionIdGenerator: () => randomUUID() },',
      '    }),',
      '  ],',
      '})',
      'export class AppModule {',
      '  extra = extra;',
      '}',
      '',
    ].join('\n');
    const dir = project({ 'src/app.module.ts': text });
    const scanned = await scan({ paths: [dir], cache: false });
    // The literal of a const no forRoot reads, and stdio-only settings: no codemod takes them.
    expect(scanned.findings.map((f) => `${f.line} ${f.ruleId} ${f.fix}`)).toEqual([
      '5 stateful-mode-option undefined',
      '9 stateful-mode-option undefined',
      '14 stateful-mode-option framework-options',
      '14 session-id-generator undefined',
    ]);
    expect(scanned.findings.find((f) => f.ruleId === 'session-id-generator')!.message).toMatch(/^@rekog\/mcp-nest's streamableHttp\.sessionIdGenerator /);
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const file = result.files.find((f) => f.file === 'src/app.module.ts')!;
    // Set stateless, and the generator marked for deletion; nothing says a codemod failed.
    expect(file.after).toMatch(/streamableHttp: \{ enableJsonResponse: true, sessionIdGenerator: \(\) => randomUUID\(\), statelessMode: true \}/);
    expect(file.markers.map((m) => m.message)).not.toEqual(expect.arrayContaining([expect.stringMatching(/did not rewrite/)]));
  });

  it('keeps the dispatch where the tools key state by the session id another module carries: its AsyncLocalStorage, a getter, a module `let` (trial 74B B3)', async () => {
    const context = [
      "import { AsyncLocalStorage } from 'node:async_hooks';",
      'export const requestContext = new AsyncLocalStorage<{ sessionId: string }>();',
      'export let currentSession = "";',
      'export function setCurrentSession(id: string) { currentSession = id; }',
      'export function currentSessionId() { return requestContext.getStore()!.sessionId; }',
      '',
    ].join('\n');
    const carried = {
      'AsyncLocalStorage getter': 'currentSessionId()',
      'AsyncLocalStorage store': 'requestContext.getStore()!.sessionId',
      'module let': 'currentSession',
    };
    for (const [how, key] of Object.entries(carried)) {
      const tools = [
        "import { z } from 'zod';",
        "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "import { currentSession, currentSessionId, requestContext } from './context.js';",
        'const drafts = new Map<string, string>();',
        'export function registerDrafts(server: McpServer) {',
        `  server.tool('save_draft', { text: z.string() }, async ({ text }) => { drafts.set(${key}, text); return { content: [] }; });`,
        `  server.tool('get_draft', {}, async () => ({ content: [{ type: 'text', text: drafts.get(${key}) ?? '' }] }));`,
        '}',
        '',
      ].join('\n');
      // The route hands the transport's session id on both ways; the tools never name it.
      const server = SESSIONFUL.replace("import express from 'express';", "import express from 'express';\nimport { requestContext, setCurrentSession } from './context.js';\nimport { registerDrafts } from './tools.js';")
        .replace('  await transport.handleRequest(req, res, req.body);\n});', "  setCurrentSession(transport.sessionId ?? '');\n  await requestContext.run({ sessionId: transport.sessionId ?? '' }, () => transport.handleRequest(req, res, req.body));\n});");
      expect(server).toContain('requestContext.run(');
      const result = await runFix({ cwd: project({ 'src/server.ts': server, 'src/context.ts': context, 'src/tools.ts': tools }), target: 'sdk-v1', dryRun: true, format: false });
      // Made stateless, every caller would read and write the one draft under '' (the tester's
      // "one client reads another's draft"): the server is left as it was, and the run says why.
      expect({ how, errors: result.errors }).toEqual({ how, errors: expect.arrayContaining([{ file: 'src/server.ts', message: expect.stringMatching(/^left unchanged: making its transport stateless would leave state keyed by the MCP session id \(src\/tools\.ts:4\)/) }]) });
      expect(result.files.find((f) => f.file === 'src/server.ts')?.after ?? server).toContain('sessionIdGenerator: () => randomUUID()');
    }
  });

  it('says why explicit-handles moved none of the state that holds the transport sessionful, as its markers would have (trial 50A: a Set value)', async () => {
    const tools = LOGIN_MODULE.replace('const tokens = new Map<string, string>();', 'const tokens = new Map<string, Set<string>>();')
      .replace("tokens.set(extra.sessionId ?? 'default', token);", "tokens.set(extra.sessionId ?? 'default', new Set([token]));")
      .replace("tokens.get(extra.sessionId ?? 'default') ?? 'anon'", "[...(tokens.get(extra.sessionId ?? 'default') ?? [])].join()")
      .replaceAll('tokens', 'visited');
    expect(tools).toContain('Set<string>');
    const server = SESSIONFUL.replace("import express from 'express';", "import express from 'express';\nimport { registerLogin } from './tools.js';");
    const result = await runFix({ cwd: project({ 'src/server.ts': server, 'src/tools.ts': tools }), target: 'sdk-v1', dryRun: true, format: false });
    expect(result.errors).toContainEqual({ file: 'src/server.ts', message: expect.stringMatching(/^left unchanged: making its transport stateless would leave state keyed by the MCP session id \(src\/tools\.ts:\d+.*; not moved by explicit-handles: visited holds values of type Set<string>, which is not plain JSON: explicit-handles cannot move it into a shared store; give that state/) });
    // A value it can move gets no such reason (the state is moved, nothing holds the transport).
    const plain = await runFix({ cwd: project({ 'src/server.ts': server, 'src/tools.ts': LOGIN_MODULE.replaceAll('tokens', 'visited') }), target: 'sdk-v1', dryRun: true, format: false });
    expect(plain.errors.filter((e) => /left unchanged|not moved by explicit-handles/.test(e.message))).toEqual([]);
    expect(plain.files.find((f) => f.file === 'src/tools.ts')?.after).toMatch(/visited_id/);
  });

  it('names every reason explicit-handles left the state that holds a low-level server sessionful, in the file and on stderr, the tools/call handler first (trial 77A B3)', async () => {
    const server = (value: string, cleanup: string) =>
      [
        "import { createServer } from 'node:http';",
        "import { randomUUID } from 'node:crypto';",
        "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
        "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
        "import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';",
        `type Notes = { items: ${value} };`,
        'const notes = new Map<string, Notes>();',
        'function makeServer(): Server {',
        "  const server = new Server({ name: 'n', version: '1.0.0' }, { capabilities: { tools: {} } });",
        "  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [{ name: 'count', inputSchema: { type: 'object' as const } }] }));",
        '  server.setRequestHandler(CallToolRequestSchema, async (_request, ctx) => {',
        "    const n = notes.get(ctx.sessionId ?? 'local') ?? { items: [] };",
        "    notes.set(ctx.sessionId ?? 'local', n);",
        "    return { content: [{ type: 'text', text: String(n.items.length) }] };",
        '  });',
        '  return server;',
        '}',
        'const sessions = new Map<string, StreamableHTTPServerTransport>();',
        'createServer(async (req, res) => {',
        "  const sid = req.headers['mcp-session-id'] as string | undefined;",
        '  let t = sid ? sessions.get(sid) : undefined;',
        '  if (!t) {',
        `    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (id) => void sessions.set(id, transport), onsessionclosed: (id) => { sessions.delete(id);${cleanup} } });`,
        '    await makeServer().connect(transport);',
        '    t = transport;',
        '  }',
        '  await t.handleRequest(req, res);',
        '}).listen(3000);',
        '',
      ].join('\n');
    // Values with a Set and a cleanup on close: the state's marker names the tools/call handler, which no run gets past, first.
    const first = await runFix({ cwd: project({ 'src/index.ts': server('Set<string>', ' notes.delete(id);') }), target: 'sdk-v1', dryRun: true, format: false });
    const marked = first.files.find((f) => f.file === 'src/index.ts')!.markers.map((m) => m.message);
    expect(marked).toContainEqual(expect.stringMatching(/^notes is keyed by the MCP session id, and explicit-handles leaves it for 2 reasons, each to deal with before it can move it: \(1\) it cannot extend the input schema of the tools\/call handler, which no run of fix gets past: .*; \(2\) it holds values of type Notes, which is not plain JSON/));
    // The transport's marker says the cleanup is not all that holds it.
    expect(marked).toContainEqual(expect.stringMatching(/^onsessionclosed does more than forget the session .*\(`notes\.delete\(id\)`\).*Removing that cleanup alone is not enough: notes stays keyed by the MCP session id/));
    // Both dealt with as the first run asked but the one no run gets past: it is said in the file too, not only on stderr.
    const second = await runFix({ cwd: project({ 'src/index.ts': server('string[]', '') }), target: 'sdk-v1', dryRun: true, format: false });
    expect(second.errors).toContainEqual({ file: 'src/index.ts', message: expect.stringMatching(/not moved by explicit-handles: notes is keyed by the MCP session id; explicit-handles left it unchanged because it cannot extend the input schema of the tools\/call handler/) });
    const held = second.files.find((f) => f.file === 'src/index.ts')!.markers.map((m) => m.message);
    expect(held).toContainEqual(expect.stringMatching(/^fix \(explicit-handles\) did not rewrite this session-state finding: notes .*Why it was left: explicit-handles left it unchanged because it cannot extend the input schema of the tools\/call handler/));
    expect(held.join('\n')).not.toMatch(/Give it an explicit handle/);
  });

  it("says on an event-store class that the run removed its only transport's use and import, not that it is outside a dispatch (trial 78A B8)", async () => {
    /** A replay buffer of the application's own, in a module of its own (before the server's, by name). */
    const store = [
      "import type { EventStore, EventId, StreamId } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      "import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';",
      '',
      'export class ReplayLog implements EventStore {',
      '  private readonly kept: Array<{ id: EventId; stream: StreamId; message: JSONRPCMessage }> = [];',
      '  async storeEvent(stream: StreamId, message: JSONRPCMessage): Promise<EventId> {',
      '    const id = `${stream}/${this.kept.length}`;',
      '    this.kept.push({ id, stream, message });',
      '    return id;',
      '  }',
      "  async replayEventsAfter(after: EventId, { send }: { send: (id: EventId, message: JSONRPCMessage) => Promise<void> }): Promise<StreamId> {",
      '    const at = this.kept.findIndex((e) => e.id === after);',
      "    if (at < 0) return '';",
      '    for (const e of this.kept.slice(at + 1)) if (e.stream === this.kept[at].stream) await send(e.id, e.message);',
      '    return this.kept[at].stream;',
      '  }',
      '}',
      '',
    ].join('\n');
    /** A route with the SDK example's dispatch whose transport replays from a ReplayLog; `closed`: more of onsessionclosed, which holds the route sessionful. */
    const route = (router: string, closed = '') =>
      [
        "import express from 'express';",
        "import { randomUUID } from 'node:crypto';",
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
        "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
        "import { ReplayLog } from './replay-log.js';",
        ...(closed ? ["import { releaseSeat } from './seats.js';"] : []),
        '',
        'const transports: Record<string, StreamableHTTPServerTransport> = {};',
        `export const ${router} = express.Router();`,
        '',
        `${router}.post('/mcp', async (req, res) => {`,
        "  const sessionId = req.headers['mcp-session-id'] as string | undefined;",
        '  let transport: StreamableHTTPServerTransport;',
        '  if (sessionId && transports[sessionId]) {',
        '    transport = transports[sessionId];',
        '  } else if (!sessionId && isInitializeRequest(req.body)) {',
        '    transport = new StreamableHTTPServerTransport({',
        '      sessionIdGenerator: () => randomUUID(),',
        '      eventStore: new ReplayLog(),',
        '      onsessioninitialized: (id) => {',
        '        transports[id] = transport;',
        '      },',
        `      onsessionclosed: (id) => {`,
        '        delete transports[id];',
        ...(closed ? [`        ${closed}`] : []),
        '      },',
        '    });',
        "    await new McpServer({ name: 'notes', version: '1.0.0' }).connect(transport);",
        '  } else {',
        "    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });",
        '    return;',
        '  }',
        '  await transport.handleRequest(req, res, req.body);',
        '});',
        '',
      ].join('\n');
    const manifest = JSON.stringify({ name: 'notes', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.1.0' } });
    const storeMarker = (result: FixResult) => result.files.find((f) => f.file === 'src/replay-log.ts')!.markers.map((m) => m.message);
    const result = await runFix({ cwd: project({ 'src/replay-log.ts': store, 'src/server.ts': route('mcp'), 'package.json': manifest }), target: 'sdk-v1', dryRun: true, format: false });
    const server = result.files.find((f) => f.file === 'src/server.ts')!;
    expect(server.after).not.toMatch(/ReplayLog|eventStore/);
    expect(server.changes.map((c) => `${c.line} ${c.safety} ${c.description}`)).toEqual(expect.arrayContaining(['6 safe deleted the import of ReplayLog, the event store class the transport no longer takes', '19 review removed eventStore: 2026-07-28 has no stream resumability']));
    expect(storeMarker(result)).toEqual([
      "fix (stateless-transport) did not rewrite this event-store finding: ReplayLog implements EventStore: per-session SSE replay state. Remove the event store; clients re-issue interrupted requests. Why it was left: fix deletes no class, and no transport uses this one any more (this run removed it from the transport's options at src/server.ts:19 and deleted the import it left unused), nor does any other code here: delete it.",
    ]);
    // Look-alike: another route's transport, left sessionful (its onsessionclosed releases a seat), still takes the class.
    const shared = await runFix({ cwd: project({ 'src/replay-log.ts': store, 'src/server.ts': route('mcp'), 'src/admin.ts': route('admin', 'releaseSeat(id);'), 'src/seats.ts': 'export function releaseSeat(id: string): void { console.log(id); }\n', 'package.json': manifest }), target: 'sdk-v1', dryRun: true, format: false });
    expect(shared.files.find((f) => f.file === 'src/admin.ts')!.after).toContain('eventStore: new ReplayLog(),');
    expect(storeMarker(shared)).toEqual([expect.stringMatching(/^fix \(stateless-transport\) did not rewrite this event-store finding: ReplayLog implements EventStore: .* Why it was left: stateless-transport rewrites a route's session dispatch .*outside such a dispatch/)]);
    // And under --safe-only, which leaves the eventStore option (a change to review): nothing was removed.
    const safe = await runFix({ cwd: project({ 'src/replay-log.ts': store, 'src/server.ts': route('mcp'), 'package.json': manifest }), target: 'sdk-v1', dryRun: true, format: false, safeOnly: true });
    expect(safe.files.find((f) => f.file === 'src/server.ts')!.after).toContain('eventStore: new ReplayLog(),');
    expect(storeMarker(safe).join('\n')).not.toMatch(/no transport uses this one/);
  });

  it('leaves a rate limit a helper answers on keyed by the session id, marked, and says so on the dispatch it makes stateless (trial 75A B5)', async () => {
    const tools = [
      "import { z } from 'zod';",
      "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      'const hits = new Map<string, number[]>();',
      'function limited(sessionId: string): boolean {',
      '  const now = Date.now();',
      '  const recent = (hits.get(sessionId) ?? []).filter((t) => now - t < 60_000);',
      '  recent.push(now);',
      '  hits.set(sessionId, recent);',
      '  return recent.length > 20;',
      '}',
      'const notes = new Map<string, string[]>();',
      'export function registerNotes(server: McpServer) {',
      "  server.tool('add_note', { text: z.string() }, async ({ text }, { sessionId }) => {",
      "    if (limited(sessionId!)) return { isError: true, content: [{ type: 'text', text: 'slow down' }] };",
      '    notes.set(sessionId!, [...(notes.get(sessionId!) ?? []), text]);',
      "    return { content: [{ type: 'text', text: 'saved' }] };",
      '  });',
      "  server.tool('list_notes', {}, async (_a, { sessionId }) => ({ content: [{ type: 'text', text: (notes.get(sessionId!) ?? []).join(', ') }] }));",
      '}',
      '',
    ].join('\n');
    const server = SESSIONFUL.replace("import express from 'express';", "import express from 'express';\nimport { registerNotes } from './tools.js';").replace('  return server;\n}', '  registerNotes(server);\n  return server;\n}');
    expect(server).toContain('registerNotes(server);');
    const result = await runFix({ cwd: project({ 'src/server.ts': server, 'src/tools.ts': tools }), target: 'sdk-v1', dryRun: true, format: false });
    const moved = result.files.find((f) => f.file === 'src/tools.ts')!;
    // The notes move under a handle; the window stays keyed by the session, marked for a key by principal.
    expect(moved.after).toMatch(/const notes = handleState/);
    expect(moved.after).toMatch(/const hits = new Map<string, number\[\]>\(\);/);
    expect(moved.after).toContain('if (limited(sessionId!))');
    expect(moved.markers.some((m) => m.message.startsWith('hits counts per session') && /authenticated principal/.test(m.message))).toBe(true);
    // The dispatch made stateless is one to review, and says which state every caller now shares.
    const dispatch = result.files.find((f) => f.file === 'src/server.ts')!.changes.find((c) => /^session dispatch \(the branches/.test(c.description))!;
    expect(dispatch.safety).toBe('review');
    expect(dispatch.description).toMatch(/state still keyed by the MCP session id remains \(where scan finds it after this run: src\/tools\.ts:\d+\)/);
  });

  it('marks a rate limiter of a helper module the tools hand the session id for a key by principal, saying why no handle (trial 75A B4)', async () => {
    const dir = path.join(REPO, 'fixtures/scan/session-state/project-limiter-in-helper');
    const files = Object.fromEntries(fs.readdirSync(dir).map((name) => [`src/${name}`, fs.readFileSync(path.join(dir, name), 'utf8')]));
    const result = await runFix({ cwd: project(files), target: 'sdk-v1', dryRun: true, format: false });
    const limiter = result.files.find((f) => f.file === 'src/rate-limit.ts')!;
    expect(limiter.markers.map((m) => m.message.split(':')[1].trim().split(' ')[0])).toEqual(['buckets', 'burstCounts']);
    for (const m of limiter.markers) {
      expect(m.message).toMatch(/Key the counter by the authenticated principal/);
      expect(m.message).toMatch(/Why it was left: explicit-handles gives no counter or rate limit a handle/);
    }
    expect(result.files.map((f) => f.file)).not.toContain('src/user-limit.ts');
  });

  it('marks the state of a module whose function the tools call with the session id, whatever its parameter is called, as scan reports it (trial 76A B4)', async () => {
    const dir = path.join(REPO, 'fixtures/scan/session-state/project-limiter-required');
    const files = Object.fromEntries(['server.cjs', 'lib/window.cjs', 'lib/bucket.cjs', 'lib/audit.cjs'].map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]));
    const result = await runFix({ cwd: project(files), target: 'sdk-v1', dryRun: true, format: false });
    const limiter = result.files.find((f) => f.file === 'lib/window.cjs')!;
    expect(limiter.markers.map((m) => m.message)).toEqual([expect.stringMatching(/session-state finding: windows holds per-session/)]);
    // The client id's bucket and the log line are left as they are.
    expect(result.files.map((f) => f.file)).not.toContain('lib/bucket.cjs');
    expect(result.files.map((f) => f.file)).not.toContain('lib/audit.cjs');
  });

  it('marks the tools that meet in a store module of the package, as scan reports them, and a second run changes nothing (trial 24A)', async () => {
    const dir = path.join(REPO, 'fixtures/scan/stateful-tool/store-modules');
    const files = Object.fromEntries(fs.readdirSync(dir).map((name) => [`src/${name}`, fs.readFileSync(path.join(dir, name), 'utf8')]));
    const root = project(files);
    const result = await runFix({ cwd: root, target: 'sdk-v1', dryRun: true, format: false });
    const server = result.files.find((f) => f.file === 'src/server.ts')!;
    const marked = server.markers.map((m) => m.message.match(/Tool "(\w+)" (reads|changes) (\S+), a \w+ kept in the memory of src\/[\w.-]+/)?.slice(1, 4).join(' '));
    expect(marked).toEqual(expect.arrayContaining(['add_todo changes todos', 'list_todos reads todos', 'create_note changes NoteStorage.notes', 'drafts reads DraftBook.drafts']));
    expect(result.remaining.filter((f) => f.file === 'src/server.ts' && f.ruleId === 'stateful-tool').map((f) => f.tool)).toEqual(['add_todo', 'list_todos', 'complete_todo', 'set_unit', 'weather', 'forecast', 'create_note', 'read_note', 'draft', 'drafts', 'receive', 'inbox', 'send', 'outbox', 'remember', 'remembered', 'link', 'links', 'jot', 'jotted']);
    // The store modules are not MCP code: left as they are.
    expect(result.files.map((f) => f.file).filter((f) => !/server\.(ts|js)$/.test(f))).toEqual([]);
    fs.writeFileSync(path.join(root, 'src/server.ts'), server.after);
    fs.writeFileSync(path.join(root, 'src/catalog-server.js'), result.files.find((f) => f.file === 'src/catalog-server.js')!.after);
    const second = await runFix({ cwd: root, target: 'sdk-v1', dryRun: true, format: false });
    expect(second.files.filter((f) => f.after !== f.before).map((f) => f.file)).toEqual([]);
  });

  it('marks tools of different files meeting in a store module, and a handle minted by a function of the file, saying to keep the state in a shared store once (trials 26A, 27C)', async () => {
    const dir = path.join(REPO, 'fixtures/scan/stateful-tool/tool-per-file');
    const files = Object.fromEntries(fs.readdirSync(dir).map((name) => [`src/${name}`, fs.readFileSync(path.join(dir, name), 'utf8')]));
    files['src/games.ts'] = fs.readFileSync(path.join(REPO, 'fixtures/scan/stateful-tool/handle-minted-by-helper.ts'), 'utf8');
    const result = await runFix({ cwd: project(files), target: 'sdk-v1', dryRun: true, format: false });
    const markers = (file: string) => result.files.find((f) => f.file === file)?.markers.map((m) => m.message) ?? [];
    expect(markers('src/add-item.ts')).toEqual([expect.stringMatching(/^no codemod rewrites this stateful-tool finding: Tool "add_item" changes baskets, .* which tool "list_items" of src\/list-items\.ts reads/)]);
    expect(markers('src/games.ts')).toHaveLength(2);
    for (const message of [...markers('src/add-item.ts'), ...markers('src/list-items.ts'), ...markers('src/games.ts')]) expect(message.match(/shared store/g)).toHaveLength(1);
  });

  it('drops the initialize and session-id tests of a guard that also tests the route\'s own things: safe for a method test, to review for another (trial 25A)', async () => {
    const input = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/stateless-transport/guard-with-own-test.input.ts'), 'utf8');
    const guardChange = async (source: string) => {
      const result = await runFix({ cwd: project({ 'src/server.ts': source }), target: 'sdk-v1', dryRun: true, format: false });
      return result.files[0].changes.find((c) => c.description.startsWith('dropped the initialize and session-id tests'));
    };
    expect(await guardChange(input)).toMatchObject({ safety: 'review', description: expect.stringMatching(/which keeps !req\.headers\.authorization, now on every request$/) });
    expect(await guardChange(input.replace('!req.headers.authorization ||', "req.method !== 'POST' ||"))).toMatchObject({ safety: 'safe', description: expect.stringMatching(/which keeps req\.method !== 'POST', and answers 405 with Allow: POST there instead of 401$/) });
  });

  it('makes the transport stateless as a change to review, saying why, when an initialize gate before it stays; a gate in the route\'s try block goes (trial 26C)', async () => {
    const fixture = (name: string) => fs.readFileSync(path.join(REPO, `codemods/__testfixtures__/stateless-transport/${name}.input.ts`), 'utf8');
    const changes = async (source: string) => (await runFix({ cwd: project({ 'src/server.ts': source }), target: 'sdk-v1', dryRun: true, format: false })).files[0].changes;
    const left = await changes(fixture('gate-left-review'));
    expect(left.map((c) => c.safety)).toEqual(['review', 'review']);
    expect(left[0].description).toMatch(/^transport made stateless \(sessionIdGenerator: undefined\); the initialize test at line 20 still refuses what is not initialize: until it goes, no later request reaches this transport$/);
    const tried = await changes(fixture('early-return-in-try'));
    expect(tried.map((c) => c.safety).every((s) => s === 'safe')).toBe(true);
    expect(tried.map((c) => c.description)).toContain('removed the initialize gate (2026-07-28 has no handshake)');
  });

  it('says at a server handed in and connected per request that the v2 packages refuse its second connect, when the move to 2026-07-28 leaves it (trial 25C)', async () => {
    const http = [
      "import express from 'express';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      '',
      'export function serveHttp(server: McpServer, port: number) {',
      '  const app = express();',
      '  app.use(express.json());',
      "  app.all('/mcp', async (req, res) => {",
      '    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });',
      "    res.on('close', () => transport.close());",
      '    await server.connect(transport);',
      '    await transport.handleRequest(req, res, req.body);',
      '  });',
      '  app.listen(port);',
      '}',
      '',
    ].join('\n');
    const result = await runFix({ cwd: project({ 'src/http.ts': http }), target: '2026-07-28', dryRun: true, format: false });
    const marker = result.files.find((f) => f.file === 'src/http.ts')!.markers.find((m) => m.message.startsWith('createMcpHandler needs a factory'));
    expect(marker?.message).toMatch(/; until then the SDK \(v1 from 1\.26\.0, and the v2 packages\) refuses a second connect\(\) while the first transport is open/);
    const scanned = await scan({ paths: [path.join(REPO, 'fixtures/scan/shared-server/parameter-property.ts')] });
    expect(scanned.findings.find((f) => f.ruleId === 'shared-server')?.message).toMatch(/a second session, overlapping requests or a client's open GET stream fail/);
  });

  it('names the tools that ask the client mid-call in the dispatch rewrite, which is one to review (trial 21A)', async () => {
    const input = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/stateless-transport/log-and-elicit.input.ts'), 'utf8');
    const dir = project({ 'src/server.ts': input });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const dispatch = result.files.find((f) => f.file === 'src/server.ts')!.changes.find((c) => /^session dispatch/.test(c.description));
    expect(dispatch?.safety).toBe('review');
    expect(dispatch?.description).toMatch(/; "deploy" asks the client mid-call and stops working until ported to input_required \(marked\)$/);
  });

  it('names a tool that sends the client a request by its method (extra.sendRequest) in the dispatch rewrite, and marks the call (trial 34B)', async () => {
    const input = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/stateless-transport/log-and-elicit.input.ts'), 'utf8').replace(/await server\.server\.elicitInput\(([^;]*)\);/, (_all, args: string) => `await extra.sendRequest({ method: 'elicitation/create', params: ${args} }, ElicitResultSchema);`);
    expect(input).toContain('extra.sendRequest({ method');
    const result = await runFix({ cwd: project({ 'src/server.ts': input }), target: 'sdk-v1', dryRun: true, format: false });
    const file = result.files.find((f) => f.file === 'src/server.ts')!;
    const dispatch = file.changes.find((c) => /^session dispatch/.test(c.description));
    expect(dispatch?.safety).toBe('review');
    expect(dispatch?.description).toMatch(/; "deploy" asks the client mid-call/);
    expect(file.markers.map((m) => m.message)).toContainEqual(expect.stringMatching(/^sendRequest\(\) asks the client mid-call/));
  });

  it('makes the dispatch rewrite one to review where a tool of another file confirms only past a handshake test, and marks that tool (trial 41B: deletes went through unconfirmed)', async () => {
    const tools = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { z } from 'zod';",
      'export function buildServer() {',
      "  const server = new McpServer({ name: 'files', version: '1.0.0' });",
      '  async function confirm(message: string): Promise<boolean> {',
      '    if (!server.server.getClientCapabilities()?.elicitation) return true;',
      "    const answer = await server.server.elicitInput({ message, requestedSchema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] } });",
      "    return answer.action === 'accept' && answer.content?.ok === true;",
      '  }',
      "  server.registerTool('delete_file', { inputSchema: { name: z.string() } }, async ({ name }) => {",
      "    if (!(await confirm(`Delete ${name}?`))) return { content: [{ type: 'text', text: 'kept' }] };",
      "    return { content: [{ type: 'text', text: `deleted ${name}` }] };",
      '  });',
      '  return server;',
      '}',
      '',
    ].join('\n');
    const record = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/stateless-transport/express-record.input.ts'), 'utf8');
    const input = record.replace(/function buildServer\(\): McpServer \{[^]*?\n\}\n/, '').replace("import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';", "import { buildServer } from './tools.js';");
    expect(input).not.toBe(record);
    expect(input).not.toMatch(/function buildServer/);
    const dir = project({ 'src/tools.ts': tools, 'src/server.ts': input });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const dispatch = result.files.find((f) => f.file === 'src/server.ts')!.changes.find((c) => /^session dispatch/.test(c.description));
    expect(dispatch?.safety).toBe('review');
    expect(dispatch?.description).toMatch(/; src\/tools\.ts:10 asks the client only where the handshake said it may, and a server built per request has seen no initialize: that tool now goes on unasked, as if the client had agreed \(marked there\)$/);
    const marked = result.files.find((f) => f.file === 'src/tools.ts')!;
    expect(marked.markers.map((m) => [m.line, m.message.split(':')[0]])).toEqual([[10, 'no codemod rewrites this stateful-tool finding']]);
    // A tool that refuses where it cannot ask changes nothing of the sort.
    const refusing = project({ 'src/tools.ts': tools.replace('getClientCapabilities()?.elicitation) return true;', 'getClientCapabilities()?.elicitation) return false;'), 'src/server.ts': input });
    const again = await runFix({ cwd: refusing, target: 'sdk-v1', dryRun: true, format: false });
    const plain = again.files.find((f) => f.file === 'src/server.ts')!.changes.find((c) => /^session dispatch/.test(c.description));
    expect([plain?.safety, plain?.description]).toEqual(['safe', expect.not.stringMatching(/goes on unasked/)]);
  });

  it('makes the dispatch rewrite one to review where the server factory adds every server to a set it never empties, and marks the set', async () => {
    const input = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/stateless-transport/kept-servers.input.ts'), 'utf8');
    const dir = project({ 'src/server.ts': input });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const file = result.files.find((f) => f.file === 'src/server.ts')!;
    expect(file.changes.find((c) => /^session dispatch/.test(c.description))?.safety).toBe('review');
    expect(file.markers.map((m) => m.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^every server built here is added to servers/)]));
    // Without the set, the same rewrite is safe.
    const plain = project({ 'src/server.ts': input.replace('  servers.add(server);\n', '') });
    const again = await runFix({ cwd: plain, target: 'sdk-v1', dryRun: true, format: false });
    expect(again.files.find((f) => f.file === 'src/server.ts')!.changes.find((c) => /^session dispatch/.test(c.description))?.safety).toBe('safe');
  });

  it('removes a close handler that did all it did under the transport\'s session id as a change to review, by a branch or past an early return (trial 52C, read-through 68)', async () => {
    const route = (early: boolean) =>
      [
        "import express from 'express';",
        "import { randomUUID } from 'node:crypto';",
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
        "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
        'const transports: Record<string, StreamableHTTPServerTransport> = {};',
        'const audit = new Map<string, string[]>();',
        "const build = () => { const s = new McpServer({ name: 'a', version: '1.0.0' }); s.tool('history', async (extra) => ({ content: [{ type: 'text', text: (audit.get(extra.sessionId!) ?? []).join() }] })); return s; };",
        'const app = express();',
        "app.post('/mcp', async (req, res) => {",
        "  const sid = req.headers['mcp-session-id'] as string | undefined;",
        ...(early
          ? ['  if (sid && transports[sid]) { await transports[sid].handleRequest(req, res, req.body); return; }', "  if (!isInitializeRequest(req.body)) { res.status(400).json({ error: 'bad' }); return; }", '  const t = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (id) => { transports[id] = t; } });']
          : ['  let t = sid ? transports[sid] : undefined;', '  if (!t && !sid && isInitializeRequest(req.body)) {', '    t = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (id) => { transports[id] = t!; } });']),
        `${early ? '  ' : '    '}t.onclose = () => { if (t!.sessionId) { audit.delete(t!.sessionId); delete transports[t!.sessionId]; } };`,
        `${early ? '  ' : '    '}await build().connect(t);`,
        ...(early ? [] : ['  }', "  if (!t) { res.status(400).json({ error: 'bad' }); return; }"]),
        '  await t.handleRequest(req, res, req.body);',
        '});',
        '',
      ].join('\n');
    for (const early of [false, true]) {
      const dir = project({ 'src/server.ts': route(early) });
      const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
      const file = result.files.find((f) => f.file === 'src/server.ts')!;
      expect(file.after, String(early)).not.toMatch(/onclose/);
      expect(file.changes.filter((c) => /close handler/.test(c.description)), String(early)).toEqual([{ line: 15, description: 'removed the close handler: all it did was under `t!.sessionId`, which a per-request transport never has (what it cleaned up per session goes with the sessions)', safety: 'review' }]);
    }
  });

  it('removes such a close handler as a change to review also inside the bookkeeping branch that files the transport (read-through 71)', async () => {
    const dir = project({ 'src/server.ts': [
      "import express from 'express';",
      "import { randomUUID } from 'node:crypto';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
      'const transports: Record<string, StreamableHTTPServerTransport> = {};',
      'const audit = new Map<string, string[]>();',
      "const build = () => { const s = new McpServer({ name: 'a', version: '1.0.0' }); s.tool('history', async (extra) => ({ content: [{ type: 'text', text: (audit.get(extra.sessionId!) ?? []).join() }] })); return s; };",
      'const app = express();',
      "app.post('/mcp', async (req, res) => {",
      "  const sid = req.headers['mcp-session-id'] as string | undefined;",
      '  if (sid && transports[sid]) { await transports[sid].handleRequest(req, res, req.body); return; }',
      "  if (!isInitializeRequest(req.body)) { res.status(400).json({ error: 'bad' }); return; }",
      '  const t = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });',
      '  await build().connect(t);',
      '  await t.handleRequest(req, res, req.body);',
      '  if (t.sessionId) {',
      '    transports[t.sessionId] = t;',
      '    t.onclose = () => { if (t.sessionId) { audit.delete(t.sessionId); delete transports[t.sessionId]; } };',
      '  }',
      '});',
      '',
    ].join('\n') });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const file = result.files.find((f) => f.file === 'src/server.ts')!;
    expect(file.after).not.toMatch(/onclose/);
    expect(file.changes.filter((c) => /close handler|bookkeeping/.test(c.description)).map((c) => [c.line, c.safety])).toEqual([[17, 'review']]);
  });

  it('raises a v1 SDK range below 1.10.2 when the SSE endpoints move to Streamable HTTP, and leaves a newer one', async () => {
    const sse = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/sse-transport/express-sse.input.ts'), 'utf8');
    const manifest = (sdk: string) => JSON.stringify({ name: 'svc', dependencies: { '@modelcontextprotocol/sdk': sdk, express: '^5.0.0' } }, null, 2);
    const run = async (sdk: string) => {
      const dir = project({ 'package.json': manifest(sdk), 'src/server.ts': sse });
      const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
      expect(result.files.find((f) => f.file === 'src/server.ts')?.after, sdk).toContain("from '@modelcontextprotocol/sdk/server/streamableHttp.js'");
      return result.files.find((f) => f.file === 'package.json');
    };
    const old = await run('^1.7.0');
    expect(JSON.parse(old!.after).dependencies['@modelcontextprotocol/sdk']).toBe('^1.10.2');
    expect(old!.changes.map((c) => c.description)).toEqual(['package.json: raised @modelcontextprotocol/sdk from ^1.7.0 to ^1.10.2 (the code needs it)']);
    expect(await run('^1.20.0')).toBeUndefined();
    // Moved to the v2 packages, the code imports no v1 SDK to need a floor of it: not raised, only moved out (trial 52C B4).
    const dir = project({ 'package.json': manifest('^1.6.0'), 'src/server.ts': sse });
    const moved = (await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false })).files.find((f) => f.file === 'package.json')!;
    expect(moved.changes.map((c) => c.description).filter((d) => /@modelcontextprotocol\/sdk/.test(d))).toEqual(['package.json: @modelcontextprotocol/sdk moved from dependencies to devDependencies (the migrated sources no longer import it; tests may)']);
    expect(JSON.parse(moved.after).devDependencies['@modelcontextprotocol/sdk']).toBe('^1.6.0');
  });

  it('adds no v1 SDK to a package that moves to the v2 packages and declared none, when the SSE endpoints move (trial 38B)', async () => {
    const sse = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/sse-transport/express-sse.input.ts'), 'utf8');
    const dir = project({ 'package.json': JSON.stringify({ name: 'ws', private: true }, null, 2), 'examples/demo.ts': sse });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const manifest = result.files.find((f) => f.file === 'package.json');
    expect(Object.keys(JSON.parse(manifest!.after).dependencies).sort()).toEqual(['@modelcontextprotocol/node', '@modelcontextprotocol/server']);
    expect(result.errors.filter((e) => e.file === 'package.json' && /@modelcontextprotocol\/sdk stays/.test(e.message))).toEqual([]);
  });

  it('raises a v1 SDK pinned at 1.10.0 or 1.10.1 when session dispatch becomes a transport per request: those answer every request but initialize 400 in stateless mode', async () => {
    const sessionful = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/stateless-transport/express-record.input.ts'), 'utf8');
    const run = async (sdk: string) => {
      const dir = project({ 'package.json': JSON.stringify({ name: 'svc', dependencies: { '@modelcontextprotocol/sdk': sdk, express: '^5.0.0' } }, null, 2), 'src/server.ts': sessionful });
      const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
      expect(result.files.find((f) => f.file === 'src/server.ts')?.after, sdk).toMatch(/sessionIdGenerator: undefined/);
      return result.files.find((f) => f.file === 'package.json');
    };
    const pinned = await run('^1.10.1');
    expect(pinned!.changes.map((c) => c.description)).toEqual(['package.json: raised @modelcontextprotocol/sdk from ^1.10.1 to ^1.10.2 (the code needs it)']);
    expect(await run('^1.26.0')).toBeUndefined();
  });

  it('raises a v1 SDK pinned at 1.10.1 under code that already builds stateless transports, which it leaves as it is (trial 36C B2)', async () => {
    const server = [
      "import express from 'express';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      "const getServer = () => new McpServer({ name: 'b2', version: '1.0.0' });",
      'const app = express();',
      'app.use(express.json());',
      "app.post('/mcp', async (req, res) => {",
      '  const server = getServer();',
      '  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });',
      "  res.on('close', () => { transport.close(); server.close(); });",
      '  await server.connect(transport);',
      '  await transport.handleRequest(req, res, req.body);',
      '});',
      'app.listen(3000);',
      '',
    ].join('\n');
    const run = async (sdk: string) => {
      const dir = project({ 'package.json': JSON.stringify({ name: 'b2', dependencies: { '@modelcontextprotocol/sdk': sdk, express: '^5.1.0' } }, null, 2), 'src/server.ts': server });
      const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
      expect(result.files.find((f) => f.file === 'src/server.ts')?.after ?? server, sdk).toBe(server);
      return result.files.find((f) => f.file === 'package.json');
    };
    // The operator the range had is kept: an exact pin stays exact, a tilde a tilde.
    const pinned = await run('1.10.1');
    expect(pinned!.changes.map((c) => c.description)).toEqual(['package.json: raised @modelcontextprotocol/sdk from 1.10.1 to 1.10.2 (the code needs it)']);
    expect(JSON.parse((await run('~1.10.0'))!.after).dependencies['@modelcontextprotocol/sdk']).toBe('~1.10.2');
    expect(await run('^1.12.0')).toBeUndefined();
    // A change to review: --safe-only leaves it, where fix changed no code.
    const dir = project({ 'package.json': JSON.stringify({ name: 'b2', dependencies: { '@modelcontextprotocol/sdk': '1.10.1', express: '^5.1.0' } }, null, 2), 'src/server.ts': server });
    expect((await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false, safeOnly: true })).files).toEqual([]);
    // What a comment says is no stateless transport: a marker of an earlier run names the option
    // too, and the second run raised the SDK for it (trial 44C B3).
    // (One server shared by every session, which fix leaves as it was.)
    const marked = [
      "import express from 'express';",
      "import { randomUUID } from 'node:crypto';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      "const mcpServer = new McpServer({ name: 'b3', version: '1.0.0' });",
      '// TODO(mcp-migrate): create a transport per request with `sessionIdGenerator: undefined`, then delete the map',
      'const transports: Record<string, StreamableHTTPServerTransport> = {};',
      'const app = express();',
      "app.post('/mcp', async (req, res) => {",
      "  const sid = req.headers['mcp-session-id'] as string | undefined;",
      '  let transport: StreamableHTTPServerTransport;',
      '  if (sid && transports[sid]) {',
      '    transport = transports[sid];',
      '  } else {',
      '    transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (id) => { transports[id] = transport; } });',
      '    await mcpServer.connect(transport);',
      '  }',
      '  await transport.handleRequest(req, res, req.body);',
      '});',
      "process.on('SIGINT', async () => { await mcpServer.close(); process.exit(0); });",
      'app.listen(3000);',
      '',
    ].join('\n');
    const markedDir = project({ 'package.json': JSON.stringify({ name: 'b2', dependencies: { '@modelcontextprotocol/sdk': '1.10.1', express: '^5.1.0' } }, null, 2), 'src/server.ts': marked });
    expect((await runFix({ cwd: markedDir, target: 'sdk-v1', dryRun: true, format: false })).files.find((f) => f.file === 'package.json')).toBeUndefined();
  });

  it('leaves a v1 SDK taken from a pnpm catalog in package.json and says to raise it in the catalog, when the SSE endpoints move to Streamable HTTP', async () => {
    const sse = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/sse-transport/express-sse.input.ts'), 'utf8');
    const run = async (workspace: string | undefined) => {
      const dir = project({
        'package.json': JSON.stringify({ name: 'svc', dependencies: { '@modelcontextprotocol/sdk': 'catalog:prod', express: '^5.0.0' } }, null, 2),
        ...(workspace === undefined ? {} : { 'pnpm-workspace.yaml': workspace }),
        'src/server.ts': sse,
      });
      const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
      expect(result.files.find((f) => f.file === 'src/server.ts')?.after).toContain("from '@modelcontextprotocol/sdk/server/streamableHttp.js'");
      // package.json keeps its reference: a range written there would leave the catalog's entry behind.
      expect(result.files.find((f) => f.file === 'package.json')).toBeUndefined();
      return result.errors.filter((e) => e.file === 'package.json').map((e) => e.message);
    };
    expect(await run("packages:\n  - .\ncatalogs:\n  prod:\n    '@modelcontextprotocol/sdk': ^1.7.0\n")).toEqual([
      `@modelcontextprotocol/sdk ^1.7.0 (catalog:prod) is below what the rewritten code needs (^1.10.2) and was not raised: package.json takes it from the pnpm workspace's catalog "prod" in pnpm-workspace.yaml; raise it there by hand`,
    ]);
    expect(await run("packages:\n  - .\ncatalogs:\n  prod:\n    '@modelcontextprotocol/sdk': ^1.20.0\n")).toEqual([]);
    // No catalog to read: its version is unknown, and said so.
    expect(await run(undefined)).toEqual([expect.stringMatching(/^@modelcontextprotocol\/sdk is declared as catalog:prod, from a pnpm catalog this run could not read, so its version is unknown: the rewritten code needs \^1\.10\.2/)]);
  });

  it('picks --target 2026-07-28 by default for a package already on the v2 packages that keeps the v1 SDK for its tests', async () => {
    const migrated = JSON.stringify({ name: 'svc', dependencies: { '@modelcontextprotocol/server': '^2.4.0', '@modelcontextprotocol/node': '^2.1.2' }, devDependencies: { '@modelcontextprotocol/sdk': '^1.26.0' } });
    const dir = project({ 'package.json': migrated, 'src/server.ts': "import { McpServer } from '@modelcontextprotocol/server';\nexport const build = () => new McpServer({ name: 'svc', version: '1.0.0' });\n" });
    expect((await runFix({ cwd: dir, dryRun: true, format: false })).target).toBe('2026-07-28');
    // Still on v1 at run time (the SDK among dependencies beside v2): sdk-v1 stays the default.
    const mixed = project({ 'package.json': JSON.stringify({ name: 'svc', dependencies: { '@modelcontextprotocol/server': '^2.4.0', '@modelcontextprotocol/sdk': '^1.26.0' } }), 'src/server.ts': 'export {};\n' });
    expect((await runFix({ cwd: mixed, dryRun: true, format: false })).target).toBe('sdk-v1');
    // The SDK declared beside the v2 packages for a library (an MCP App view on ext-apps 1.x), and
    // code that imports only the v2 packages: report says v2, and so does fix.
    const beside = project({
      'package.json': JSON.stringify({ name: 'svc', dependencies: { '@modelcontextprotocol/server': '2.0.0', '@modelcontextprotocol/sdk': '1.30.0', '@modelcontextprotocol/ext-apps': '^1.7.5' } }),
      'src/server.ts': "import { McpServer } from '@modelcontextprotocol/server';\nexport const build = () => new McpServer({ name: 'svc', version: '1.0.0' });\n",
    });
    expect((await runFix({ cwd: beside, dryRun: true, format: false })).target).toBe('2026-07-28');
    fs.writeFileSync(path.join(beside, 'src/legacy.ts'), "import { Server } from '@modelcontextprotocol/sdk/server/index.js';\nexport const legacy = new Server({ name: 'l', version: '1.0.0' }, { capabilities: {} });\n");
    expect((await runFix({ cwd: beside, dryRun: true, format: false })).target).toBe('sdk-v1');
  });

  it('takes each package\'s default target from its own package.json, and names them in the summary where they differ', async () => {
    const manifest = (name: string, dependencies: Record<string, string>) => JSON.stringify({ name, type: 'module', dependencies });
    const stdio = "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nimport { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';\nconst server = new McpServer({ name: 'a', version: '1.0.0' });\nawait server.connect(new StdioServerTransport());\n";
    const sessions = [
      "import express from 'express';",
      "import { randomUUID } from 'node:crypto';",
      "import { McpServer } from '@modelcontextprotocol/server';",
      "import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';",
      'const app = express();',
      'app.use(express.json());',
      'const transports: Record<string, NodeStreamableHTTPServerTransport> = {};',
      "app.post('/mcp', async (req, res) => {",
      "  const sid = req.headers['mcp-session-id'] as string | undefined;",
      '  let t = sid ? transports[sid] : undefined;',
      '  if (!t) {',
      '    t = new NodeStreamableHTTPServerTransport({',
      '      sessionIdGenerator: () => randomUUID(),',
      '      onsessioninitialized: (id) => { transports[id] = t!; },',
      '    });',
      "    const s = new McpServer({ name: 'b', version: '1.0.0' });",
      '    await s.connect(t);',
      '  }',
      '  await t.handleRequest(req, res, req.body);',
      '});',
      'app.listen(3000);',
      '',
    ].join('\n');
    // No package.json at the top: a on the v1 SDK, b on the v2 packages.
    const dir = project({
      'a/package.json': manifest('a', { '@modelcontextprotocol/sdk': '^1.27.0' }),
      'a/src/server.ts': stdio,
      'b/package.json': manifest('b', { '@modelcontextprotocol/server': '^2.4.0', '@modelcontextprotocol/node': '^2.1.2', express: '^5.2.1' }),
      'b/src/server.ts': sessions,
    });
    const result = await runFix({ cwd: dir, dryRun: true, format: false });
    expect(result.targets).toEqual({ 'a/package.json': 'sdk-v1', 'b/package.json': '2026-07-28' });
    // b is rewritten as a run from inside it rewrites it: served with createMcpHandler, not made a stateless 2025 transport.
    const alone = await runFix({ cwd: path.join(dir, 'b'), dryRun: true, format: false });
    expect(alone.target).toBe('2026-07-28');
    expect(alone.targets).toBeUndefined();
    const b = result.files.find((f) => f.file === 'b/src/server.ts')!;
    expect(b.after).toBe(alone.files.find((f) => f.file === 'src/server.ts')!.after);
    expect(b.after).toMatch(/createMcpHandler\(/);
    expect(result.remaining.filter((f) => f.file === 'b/src/server.ts' && f.ruleId === 'protocol-pin')).toEqual([]);
    // a stays on the v1 SDK: not moved, no v2 packages added to its package.json, held by nothing.
    expect(result.files.find((f) => f.file === 'a/src/server.ts')?.after ?? stdio).toContain("from '@modelcontextprotocol/sdk/server/mcp.js'");
    expect(result.files.map((f) => f.file)).not.toContain('a/package.json');
    expect(result.stayedOnV1).toEqual([]);
    const summary = formatFixSummary(result, new Chalk({ level: 0 }));
    expect(summary).toMatch(/^Dry run: would change 1 file\(s\) for target 2026-07-28 in b and sdk-v1 in a \(each package's own default\): /m);
    // a's stdio transport is on v1 by its default: not named among what keeps 2026-07-28 from being reached.
    expect(summary).not.toMatch(/Not yet on 2026-07-28/);
    // --target applies to every package.
    const all = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    expect(all.targets).toBeUndefined();
    expect(all.files.find((f) => f.file === 'b/src/server.ts')!.after).toMatch(/sessionIdGenerator: undefined/);
    expect(formatFixSummary(all, new Chalk({ level: 0 }))).toMatch(/^Dry run: would change 1 file\(s\) for target sdk-v1: /m);
    // Packages whose defaults agree keep the one-target wording.
    const both = project({ 'a/package.json': manifest('a', { '@modelcontextprotocol/sdk': '^1.27.0' }), 'a/src/server.ts': stdio, 'c/package.json': manifest('c', { '@modelcontextprotocol/sdk': '^1.27.0' }), 'c/src/server.ts': stdio });
    const agreed = await runFix({ cwd: both, dryRun: true, format: false });
    expect(agreed.target).toBe('sdk-v1');
    expect(agreed.targets).toBeUndefined();
  });

  it('judges the default target on every file found, also in a run over some of them (report\'s preview)', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'svc', dependencies: { '@modelcontextprotocol/server': '2.0.0', '@modelcontextprotocol/sdk': '1.30.0' } }),
      'src/server.ts': "import { McpServer } from '@modelcontextprotocol/server';\nexport const build = () => new McpServer({ name: 'svc', version: '1.0.0' });\n",
      // Still on v1 at run time, in a file the preview does not read.
      'src/legacy.ts': "import { Server } from '@modelcontextprotocol/sdk/server/index.js';\nexport const legacy = new Server({ name: 'l', version: '1.0.0' }, { capabilities: {} });\n",
    });
    expect((await runFix({ cwd: dir, dryRun: true, format: false })).target).toBe('sdk-v1');
    expect((await runFix({ cwd: dir, dryRun: true, format: false, onlyFiles: new Set([path.join(dir, 'src/server.ts')]) })).target).toBe('sdk-v1');
  });

  it('marks a tool whose handler another module holds where the tool is registered, leaves that module as it is, and the report\'s preview still finds it (trial 41A)', async () => {
    const folder = path.join(REPO, 'fixtures/scan/stateful-tool/tools-in-other-modules');
    const files = Object.fromEntries(fs.readdirSync(folder).map((name) => [`src/${name}`, fs.readFileSync(path.join(folder, name), 'utf8')]));
    const dir = project(files);
    const server = path.join(dir, 'src/server.ts');
    // Over the server alone, as report's preview reads it: the modules it imports are still followed.
    const preview = await runFix({ cwd: dir, dryRun: true, format: false, onlyFiles: new Set([server]) });
    const tools = (result: FixResult) => result.remaining.filter((f) => f.ruleId === 'stateful-tool' && f.file === 'src/server.ts').map((f) => f.tool).sort();
    expect(tools(preview)).toEqual(['convert', 'create_note', 'go_to', 'read_note', 'screenshot', 'set_unit']);
    const result = await runFix({ cwd: dir, format: false });
    expect(tools(result)).toEqual(['convert', 'create_note', 'go_to', 'read_note', 'screenshot', 'set_unit']);
    for (const name of ['notes.ts', 'navigation.ts', 'units.ts', 'browser.ts', 'dispatch.ts']) expect(fs.readFileSync(path.join(dir, 'src', name), 'utf8'), name).toBe(files[`src/${name}`]);
    const after = fs.readFileSync(server, 'utf8');
    const markers = oneLineMarkers(after);
    for (const tool of ['create_note', 'read_note', 'go_to', 'screenshot', 'set_unit', 'convert']) expect(markers).toContain(`Tool "${tool}" (its handler written in `);
    expect(markers).not.toMatch(/Tool "(echo|factor_of)"/);
    // The lines themselves are as they were.
    expect(after.split('\n').filter((line) => !/^\s*\/\//.test(line))).toEqual(files['src/server.ts'].split('\n').filter((line) => !/^\s*\/\//.test(line)));
    // A second run adds nothing.
    await runFix({ cwd: dir, format: false, allowDirty: true });
    expect(fs.readFileSync(server, 'utf8')).toBe(after);
  });

  it('--max-file-size leaves larger files alone, with one line, as scan does', () => {
    const dir = project({ 'src/server.ts': SESSIONFUL });
    const r = fix(dir, '--dry-run', '--target', 'sdk-v1', '--max-file-size', '0.001');
    expect(r.stdout).not.toMatch(/^--- a\/src\/server\.ts/m);
    expect(r.stdout + r.stderr).toMatch(/src\/server\.ts: file is \d+\.\d KB, over the 1\.0 KB limit/);
  });

  it('names files in the dry run\'s diff from the folder it runs in, so git apply takes it there, also for a folder below (trial 18A)', () => {
    const dir = project({ 'packages/api/src/server.ts': SESSIONFUL });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const r = fix(dir, '--dry-run', '--target', 'sdk-v1', 'packages/api');
    expect(r.stdout).toMatch(/^--- a\/packages\/api\/src\/server\.ts/m);
    // The summary names the file as scan does, from the folder fixed.
    expect(r.stdout).toMatch(/^src\/server\.ts$/m);
    const patch = path.join(dir, 'fix.patch');
    fs.writeFileSync(patch, `${r.stdout.slice(0, r.stdout.indexOf('\nsrc/server.ts\n'))}\n`);
    execFileSync('git', ['apply', '--check', patch], { cwd: dir });
  });

  it('rewrites no file that does not parse: one line names its syntax error, the other files are rewritten, exit 1 (trial 18B)', () => {
    const dir = project({ 'src/server.ts': SESSIONFUL, 'src/broken.ts': `${SESSIONFUL}\nconst y = {{{ ;\n` });
    const r = fix(dir, '--dry-run', '--target', 'sdk-v1');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^--- a\/src\/server\.ts/m);
    expect(r.stdout).not.toMatch(/^--- a\/src\/broken\.ts/m);
    expect(r.stdout + r.stderr).toMatch(/src\/broken\.ts: syntax error at \d+:\d+: [^\n]*: not rewritten, since code that does not parse may be misread; fix the syntax, then run fix again/);
  });

  it('reads the configuration file for which files to rewrite, like scan', () => {
    const nginx = fs.readFileSync(path.join(REPO, 'fixtures/sample-server/deploy/nginx.conf'), 'utf8');
    const dir = project({ 'src/server.ts': SESSIONFUL, 'deploy/nginx.conf': nginx, 'mcp-migrate.config.json': '{ "exclude": ["deploy/**"] }\n' });
    const r = fix(dir, '--dry-run', '--target', 'sdk-v1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^--- a\/src\/server\.ts/m);
    expect(r.stdout).not.toMatch(/deploy\/nginx\.conf/);
    expect(fix(dir, '--dry-run', '--target', 'sdk-v1', '-c', 'no-such.json').code).toBe(2);
    // Without the exclude the same run rewrites the sticky upstream too.
    fs.writeFileSync(path.join(dir, 'empty.json'), '{}\n');
    expect(fix(dir, '--dry-run', '--target', 'sdk-v1', '-c', 'empty.json').stdout).toMatch(/^--- a\/deploy\/nginx\.conf/m);
    fs.writeFileSync(path.join(dir, 'bad.json'), '{ "exlude": [] }\n');
    const bad = fix(dir, '--dry-run', '--target', 'sdk-v1', '-c', 'bad.json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/exlude/);
  });

  it('keeps ip_hash, marked, while a token verifier of the code looks tokens up in one instance\'s memory; removes it once they are in Redis', async () => {
    const server = (store: string, lookup: string) =>
      [
        "import express from 'express';",
        "import { randomBytes } from 'node:crypto';",
        "import { createClient } from 'redis';",
        "import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';",
        store,
        'const app = express();',
        "app.post('/token', async (_req, res) => { const token = randomBytes(16).toString('hex'); await remember(token); res.json({ access_token: token }); });",
        'const verifier = {',
        '  async verifyAccessToken(token: string) {',
        `    const found = ${lookup};`,
        "    if (!found) throw new Error('unknown token');",
        "    return { token, clientId: 'c', scopes: [] };",
        '  },',
        '};',
        "app.post('/mcp', requireBearerAuth({ verifier }), (_req, res) => { res.end(); });",
        '',
      ].join('\n');
    const nginx = 'upstream mcp {\n  ip_hash;\n  server app1:3000;\n  server app2:3000;\n}\n';
    const manifest = JSON.stringify({ name: 'auth', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.1.0', redis: '^5.8.0' } });
    const memory = project({ 'package.json': manifest, 'deploy/nginx.conf': nginx, 'src/server.ts': server('const tokens = new Map<string, boolean>();\nconst remember = async (t: string) => { tokens.set(t, true); };', 'tokens.get(token)') });
    const kept = await runFix({ cwd: memory, target: 'sdk-v1', dryRun: true, format: false });
    const conf = kept.files.find((f) => f.file === 'deploy/nginx.conf')!;
    expect(conf.after).toMatch(/^\s+ip_hash;$/m);
    expect(conf.markers.map((m) => m.message)).toEqual([expect.stringMatching(/^"ip_hash;" keeps each client on one instance, and src\/server\.ts:11 keeps OAuth tokens, codes or clients in that instance's memory \(auth-store\)/)]);
    const shared = project({ 'package.json': manifest, 'deploy/nginx.conf': nginx, 'src/server.ts': server("const redis = createClient();\nconst remember = async (t: string) => { await redis.set(`token:${t}`, '1'); };", 'await redis.get(`token:${token}`)') });
    const removed = await runFix({ cwd: shared, target: 'sdk-v1', dryRun: true, format: false });
    expect(removed.files.find((f) => f.file === 'deploy/nginx.conf')!.after).not.toMatch(/^\s+ip_hash;$/m);
  });

  it('keeps ip_hash, marked, while a Next.js token route or a withMcpAuth verifier looks codes or tokens up in one instance (trial 36C)', async () => {
    const nginx = 'upstream mcp {\n  ip_hash;\n  server app1:3000;\n  server app2:3000;\n}\n';
    const manifest = JSON.stringify({ name: 'next', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', 'mcp-handler': '^1.0.0', next: '^15.0.0' } });
    const mcpRoute = "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const server = new McpServer({ name: 'n', version: '1' });\n";
    const tokenRoute = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "export const s = new McpServer({ name: 'n', version: '1' });",
      'const codes = new Map<string, string>();',
      'export async function POST(req: Request) {',
      '  const form = await req.formData();',
      "  const user = codes.get(String(form.get('code')));",
      "  return Response.json(user ? { access_token: 't' } : { error: 'invalid_grant' });",
      '}',
      '',
    ].join('\n');
    const route = project({ 'package.json': manifest, 'deploy/nginx.conf': nginx, 'app/api/mcp/route.ts': mcpRoute, 'app/oauth/token/route.ts': tokenRoute });
    const kept = await runFix({ cwd: route, target: 'sdk-v1', dryRun: true, format: false });
    const conf = kept.files.find((f) => f.file === 'deploy/nginx.conf')!;
    expect(conf.after).toMatch(/^\s+ip_hash;$/m);
    expect(conf.markers.map((m) => m.message)).toEqual([expect.stringMatching(/, and app\/oauth\/token\/route\.ts:6 keeps OAuth tokens, codes or clients in that instance's memory \(auth-store\)/)]);
    const verifier = [
      "import { createMcpHandler, withMcpAuth } from 'mcp-handler';",
      'const issued = new Map<string, string>();',
      "export const remember = (token: string) => issued.set(token, 'c');",
      "const handler = createMcpHandler((server) => { server.tool('t', {}, async () => ({ content: [] })); });",
      "export const POST = withMcpAuth(handler, async (_req, token) => (token && issued.get(token) ? { token, clientId: 'c', scopes: [] } : undefined));",
      '',
    ].join('\n');
    const handled = project({ 'package.json': manifest, 'deploy/nginx.conf': nginx, 'app/api/mcp/route.ts': verifier });
    const alsoKept = await runFix({ cwd: handled, target: 'sdk-v1', dryRun: true, format: false });
    expect(alsoKept.files.find((f) => f.file === 'deploy/nginx.conf')!.markers.map((m) => m.message)).toEqual([expect.stringMatching(/, and app\/api\/mcp\/route\.ts:5 keeps OAuth tokens/)]);
    // An Express /token route and an MCP route that looks the bearer token up in a Map (trial 37C): kept too.
    const bearer = fs.readFileSync(path.join(REPO, 'fixtures/scan/session-state/auth-bearer-map.ts'), 'utf8');
    const express = project({ 'package.json': manifest, 'deploy/nginx.conf': nginx, 'src/server.ts': bearer });
    const third = await runFix({ cwd: express, target: 'sdk-v1', dryRun: true, format: false });
    expect(third.files.find((f) => f.file === 'deploy/nginx.conf')!.markers.map((m) => m.message)).toEqual([expect.stringMatching(/, and src\/server\.ts:\d+ keeps OAuth tokens/)]);
  });

  it('keeps ip_hash, marked, while the verifier reaches a token store of another module, or is handed a provider class of one (trial 73B B2)', async () => {
    const nginx = 'upstream mcp {\n  ip_hash;\n  server app1:3000;\n  server app2:3000;\n}\n';
    const manifest = JSON.stringify({ name: 'desk', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.1.0' } });
    const dir = path.join(REPO, 'fixtures/scan/session-state/project-auth-store-elsewhere');
    const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
    // findToken() of tokens.ts, behind the verifier of server.ts.
    const accessor = await runFix({ cwd: project({ 'package.json': manifest, 'deploy/nginx.conf': nginx, 'src/server.ts': read('server.ts'), 'src/tokens.ts': read('tokens.ts') }), target: 'sdk-v1', dryRun: true, format: false });
    const kept = accessor.files.find((f) => f.file === 'deploy/nginx.conf')!;
    expect(kept.after).toMatch(/^\s+ip_hash;$/m);
    expect(kept.markers.map((m) => m.message)).toEqual([expect.stringMatching(/, and src\/server\.ts:13 keeps OAuth tokens/)]);
    // A provider class of provider.ts, which names no MCP, handed to mcpAuthRouter and requireBearerAuth by router.ts.
    const handed = await runFix({ cwd: project({ 'package.json': manifest, 'deploy/nginx.conf': nginx, 'src/router.ts': read('router.ts'), 'src/provider.ts': read('provider.ts') }), target: 'sdk-v1', dryRun: true, format: false });
    const alsoKept = handed.files.find((f) => f.file === 'deploy/nginx.conf')!;
    expect(alsoKept.after).toMatch(/^\s+ip_hash;$/m);
    expect(alsoKept.markers.map((m) => m.message)).toEqual([expect.stringMatching(/, and src\/router\.ts:11 keeps OAuth tokens/)]);
  });

  it('keeps client stickiness while tools keep state a later call needs in one instance, not stickiness by the removed header (trial 27A)', async () => {
    const dir = path.join(REPO, 'fixtures/scan/stateful-tool/tool-per-file');
    const files = Object.fromEntries(fs.readdirSync(dir).map((name) => [`src/${name}`, fs.readFileSync(path.join(dir, name), 'utf8')]));
    const nginx = 'upstream mcp {\n  ip_hash;\n  server app1:3000;\n  server app2:3000;\n}\nupstream by_session {\n  hash $http_mcp_session_id;\n  server app1:3000;\n}\n';
    const result = await runFix({ cwd: project({ ...files, 'deploy/nginx.conf': nginx }), target: 'sdk-v1', dryRun: true, format: false });
    const conf = result.files.find((f) => f.file === 'deploy/nginx.conf')!;
    expect(conf.after).toMatch(/^\s+ip_hash;$/m);
    expect(conf.markers.map((m) => m.message)).toEqual([expect.stringMatching(/^"ip_hash;" keeps each client on one instance, and src\/add-item\.ts:\d+ keeps state a later call needs in that instance's memory/)]);
    expect(conf.after).not.toMatch(/^\s+hash \$http_mcp_session_id;$/m);
    // Without such state, it goes (a change to review).
    const stateless = await runFix({ cwd: project({ 'src/price-tools.ts': files['src/price-tools.ts'], 'src/basket-store.ts': files['src/basket-store.ts'], 'deploy/nginx.conf': nginx }), target: 'sdk-v1', dryRun: true, format: false });
    expect(stateless.files.find((f) => f.file === 'deploy/nginx.conf')!.after).not.toMatch(/^\s+ip_hash;$/m);
  });

  it('keeps client stickiness an upstream shares with web routes whose sessions live in the process\'s memory (express-session, @fastify/session without a store), and drops it once they have a store (trial 73B B5)', async () => {
    const nginx = 'upstream app_backend {\n  ip_hash;\n  server app1:3000;\n  server app2:3000;\n}\nserver {\n  location / {\n    proxy_pass http://app_backend;\n  }\n}\n';
    const web = (session: string) =>
      [
        "import express from 'express';",
        session,
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
        'const app = express();',
        'app.use(express.json());',
        "app.post('/cart/add', (req, res) => { (req.session as any).items = [...((req.session as any).items ?? []), req.body.sku]; res.json((req.session as any).items); });",
        ...statelessExpressRoute("new McpServer({ name: 'shop', version: '1.0.0' })"),
        'app.listen(3000);',
        '',
      ].join('\n');
    const memory = await runFix({ cwd: project({ 'src/server.ts': web("import session from 'express-session';"), 'deploy/nginx.conf': nginx }), target: 'sdk-v1', dryRun: true, format: false });
    const conf = memory.files.find((f) => f.file === 'deploy/nginx.conf')!;
    expect(conf.after).toMatch(/^\s+ip_hash;$/m);
    expect(conf.markers.map((m) => m.message)).toEqual([expect.stringMatching(/^"ip_hash;" keeps each client on one instance, and src\/server\.ts:2 keeps the web application's sessions in that instance's memory/)]);
    // Sessions kept in Redis (a store every instance reaches): the stickiness goes, as the MCP endpoint needs none.
    const shared = web("import session from 'express-session';\nimport { RedisStore } from 'connect-redis';\nexport const sessions = session({ store: new RedisStore({ client: undefined as never }), secret: 's' });");
    const redis = await runFix({ cwd: project({ 'src/server.ts': shared, 'deploy/nginx.conf': nginx }), target: 'sdk-v1', dryRun: true, format: false });
    expect(redis.files.find((f) => f.file === 'deploy/nginx.conf')!.after).not.toMatch(/^\s+ip_hash;$/m);
    // A store given as `{ store }`, or the package's types alone, keep nothing in memory either (review 92 point 8).
    for (const session of ["import session from 'express-session';\ndeclare const store: session.Store;\nexport const sessions = session({ store, secret: 's' });", "import type { SessionData } from 'express-session';\nexport type Data = SessionData;"]) {
      const run = await runFix({ cwd: project({ 'src/server.ts': web(session), 'deploy/nginx.conf': nginx }), target: 'sdk-v1', dryRun: true, format: false });
      expect(run.files.find((f) => f.file === 'deploy/nginx.conf')!.after).not.toMatch(/^\s+ip_hash;$/m);
    }
  });

  it('keeps Mcp-Session-Id in a proxy\'s CORS list, marked, while code of the run still issues session ids; drops it once none does (trial 31A)', async () => {
    const nginx = ['server {', '  location /mcp {', "    add_header 'Access-Control-Allow-Headers' 'Content-Type, Mcp-Session-Id' always;", '    proxy_pass http://127.0.0.1:3000;', '  }', '}', ''].join('\n');
    // A hand-written endpoint that mints ids itself: no codemod takes its sessions apart.
    const handWritten = [
      "import express from 'express';",
      "import { randomUUID } from 'node:crypto';",
      'const app = express();',
      'app.use(express.json());',
      "app.post('/mcp', (req, res) => {",
      "  const sid = (req.headers['mcp-session-id'] as string | undefined) ?? randomUUID();",
      "  res.setHeader('Mcp-Session-Id', sid);",
      "  res.json({ jsonrpc: '2.0', id: req.body.id, result: { tools: [] } });",
      '});',
      '',
    ].join('\n');
    const kept = await runFix({ cwd: project({ 'src/server.ts': handWritten, 'deploy/nginx.conf': nginx }), target: 'sdk-v1', dryRun: true, format: false });
    const keptConf = kept.files.find((f) => f.file === 'deploy/nginx.conf')!.after;
    expect(keptConf).toMatch(/'Content-Type, Mcp-Session-Id, Mcp-Method, Mcp-Name, MCP-Protocol-Version'/);
    expect(keptConf.replace(/\n\s*# /g, ' ')).toMatch(/TODO\(mcp-migrate\): Mcp-Session-Id stays in this CORS Access-Control-Allow-Headers list while src\/server\.ts still issues session ids/);
    // A sessionful SDK server the same run makes stateless: the header goes from the proxy's list too.
    const dropped = await runFix({ cwd: project({ 'src/server.ts': SESSIONFUL, 'deploy/nginx.conf': nginx }), target: 'sdk-v1', dryRun: true, format: false });
    const droppedConf = dropped.files.find((f) => f.file === 'deploy/nginx.conf')!.after;
    expect(droppedConf).toMatch(/'Content-Type, Mcp-Method, Mcp-Name, MCP-Protocol-Version'/);
    expect(droppedConf).not.toMatch(/TODO\(mcp-migrate\)/);
  });

  it("honours the configuration's rules: a codemod whose rules are all off does not run, and an off rule gets no marker and is not left for a person", () => {
    const sample = (file: string) => fs.readFileSync(path.join(REPO, 'fixtures/sample-server', file), 'utf8');
    const files = { 'package.json': sample('package.json'), 'src/server.ts': sample('src/server.ts'), 'src/catalog.ts': sample('src/catalog.ts'), 'deploy/nginx.conf': sample('deploy/nginx.conf') };
    const dir = project({ ...files, 'mcp-migrate.config.json': JSON.stringify({ rules: { 'sticky-lb-config': 'off', 'stateful-tool': 'off' } }) });
    const r = fix(dir, '--dry-run', '--target', 'sdk-v1', '--no-color');
    expect(r.code).toBe(0);
    // nginx.conf: its CORS line (session-header-config, still on) goes, its ip_hash (sticky, off) stays.
    expect(r.stdout).toMatch(/^-\s+add_header Access-Control-Expose-Headers "Mcp-Session-Id";$/m);
    expect(r.stdout).not.toMatch(/^-\s+ip_hash;$/m);
    expect(r.stdout).toMatch(/^mcp-migrate: sticky-config did not run: the configuration turns off the rules it resolves \(sticky-lb-config\); name it with --codemods to run it$/m);
    // The cart (session-state, on) still gets its handle; the elicitation (stateful-tool, off) no marker.
    expect(r.stdout).toMatch(/tool add_item requires basket_id/);
    expect(r.stdout).toMatch(/marked {2}requestCounts counts per session/);
    expect(r.stdout).not.toMatch(/elicitInput\(\) asks the client mid-call/);
    const json = JSON.parse(fix(dir, '--dry-run', '--target', 'sdk-v1', '--json').stdout) as FixResult;
    expect(json.skippedCodemods).toEqual([{ id: 'sticky-config', rules: ['sticky-lb-config'] }]);
    expect(json.remaining.length).toBeGreaterThan(0);
    expect(json.remaining.filter((f) => f.category === 'stateful-tool' || f.category === 'sticky-lb-config')).toEqual([]);

    // Named, the codemod runs anyway: alone, it leaves the code sessionful, so ip_hash stays, marked;
    // with the same rules on (no configuration), the same run does it all.
    const alone = fix(dir, '--dry-run', '--target', 'sdk-v1', '--codemods', 'sticky-config').stdout;
    expect(alone).not.toMatch(/^-\s+ip_hash;$/m);
    expect(alone).toMatch(/TODO\(mcp-migrate\): "ip_hash;" keeps each client on the instance that holds its session, and\n.*src\/server\.ts still keeps sessions on one instance after this run/);
    const all = project(files);
    const full = fix(all, '--dry-run', '--target', 'sdk-v1', '--no-color');
    expect(full.stdout).toMatch(/^-\s+ip_hash;$/m);
    expect(full.stdout).toMatch(/elicitInput\(\) asks the client mid-call/);
    expect(full.stdout).not.toMatch(/did not run/);
    // A rule turned off that no file of the project has a keyword of: nothing to say.
    fs.writeFileSync(path.join(all, 'mcp-migrate.config.json'), JSON.stringify({ rules: { 'sse-legacy': 'off' } }));
    expect(fix(all, '--dry-run', '--target', 'sdk-v1', '--no-color').stdout).not.toMatch(/did not run/);
  });

  it("names Cloudflare agents' own v2 entry point where the agents version has it (0.20 and later, at agents/mcp/server)", async () => {
    const sdk = { '@modelcontextprotocol/sdk': '^1.26.0', zod: '^4.2.1' };
    const agent = [
      "import { McpAgent } from 'agents/mcp';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      'export class Docs extends McpAgent<Env> {',
      "  server = new McpServer({ name: 'docs', version: '1.0.0' });",
      '  async init() {}',
      '}',
      '',
    ].join('\n');
    const dir = project({
      'old/package.json': JSON.stringify({ name: 'old', dependencies: { ...sdk, agents: '^0.13.3' } }),
      'old/src/agent.ts': agent,
      'new/package.json': JSON.stringify({ name: 'new', dependencies: { ...sdk, agents: '^0.20.1' } }),
      'new/src/agent.ts': agent,
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const why = (pkg: string) => result.errors.filter((e) => e.file === `${pkg}/package.json`).map((e) => e.message).join('\n');
    expect(why('old')).toMatch(/Cloudflare's agents package .* is built on @modelcontextprotocol\/sdk v1 and cannot serve the v2 packages; move the endpoint to createMcpHandler from @modelcontextprotocol\/server first, or upgrade agents \(\^0\.13\.3\) to 0\.20 or later and use its createMcpHandler from 'agents\/mcp\/server'/);
    expect(why('new')).toMatch(/; move the endpoint to createMcpHandler from 'agents\/mcp\/server' \(agents \^0\.20\.1 has it, on the v2 packages\) or from @modelcontextprotocol\/server first/);
  });

  it('reads a workspace package that is not installed from its folder: one built on v1 holds the package that imports it on v1 (trial 18A, a fresh clone)', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'ws', private: true, workspaces: ['packages/*'] }),
      'packages/core/package.json': JSON.stringify({ name: '@ws/core', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.20.0' } }),
      'packages/core/src/server.ts': "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const buildServer = () => new McpServer({ name: 'core', version: '1.0.0' });\n",
      'packages/cli/package.json': JSON.stringify({ name: '@ws/cli', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.20.0', '@ws/core': '*' } }),
      'packages/cli/src/index.ts': "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';\nimport { buildServer } from '@ws/core';\nawait buildServer().connect(new StdioServerTransport());\n",
    });
    const result = await runFix({ cwd: dir, paths: ['packages/cli'], target: '2026-07-28', dryRun: true, format: false });
    expect(result.stayedOnV1).toEqual(['package.json']);
    expect(result.errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/^stays on SDK v1 \(@ws\/cli\): src\/index\.ts imports @ws\/core, which is built on @modelcontextprotocol\/sdk v1/));
  });

  it('takes mcp-handler 2 for what it is, built on the v2 packages: nothing held, exit 0; mcp-handler 1 is told to upgrade', async () => {
    const route = "import { createMcpHandler } from 'mcp-handler';\nconst handler = createMcpHandler((server) => { server.registerTool('echo', { description: 'echo' }, async () => ({ content: [] })); });\nexport { handler as GET, handler as POST };\n";
    const dir = project({
      'two/package.json': JSON.stringify({ name: 'two', dependencies: { 'mcp-handler': '^2.1.0', '@modelcontextprotocol/server': '^2.4.0', zod: '^4.2.1' } }),
      'two/app/api/route.ts': route,
      'one/package.json': JSON.stringify({ name: 'one', dependencies: { 'mcp-handler': '^1.1.0', '@modelcontextprotocol/sdk': '1.26.0', zod: '^4.2.1' } }),
      'one/app/api/route.ts': route,
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const why = (pkg: string) => result.errors.filter((e) => e.file === `${pkg}/package.json`).map((e) => e.message);
    expect(why('two')).toEqual([]);
    expect(result.stayedOnV1).toEqual(['one/package.json']);
    expect(why('one')).toEqual([expect.stringMatching(/^stays on SDK v1 \(one\): Vercel's mcp-handler is built on @modelcontextprotocol\/sdk v1 and cannot serve the v2 packages; upgrade mcp-handler to 2\.x \(built on the v2 packages: it serves 2026-07-28\)/)]);
  });

  it('takes a folder with no package.json of its own for a folder of the package above it: its verdict and exit code are those of the whole package', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'tasks', type: 'module', dependencies: { fastmcp: '^3.23.1', zod: '^3.25.0' } }, null, 2),
      'mcp-server/index.js': "import { FastMCP } from 'fastmcp';\nconst server = new FastMCP({ name: 'demo', version: '1.0.0' });\nawait server.start({ transportType: 'stdio' });\n",
    });
    const stays = /stays on SDK v1 \(tasks\): FastMCP is built on @modelcontextprotocol\/sdk v1 and cannot serve the v2 packages/;
    const whole = fix(dir, '--target', '2026-07-28', '--no-format', '.');
    const sub = fix(dir, '--target', '2026-07-28', '--no-format', 'mcp-server');
    expect([whole.code, sub.code]).toEqual([1, 1]);
    expect(whole.stdout).toMatch(stays);
    expect(sub.stdout).toMatch(stays);
    // A package that moves: its package.json above the folder gets the v2 packages, as with `fix .`.
    const moving = project({ 'package.json': JSON.stringify({ name: 'shop', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0' } }, null, 2), 'src/server.ts': SESSIONFUL });
    const manifest = async (paths: string[]) => (await runFix({ cwd: moving, paths, target: '2026-07-28', dryRun: true, format: false })).files.find((f) => f.absolute === path.join(moving, 'package.json'))?.after;
    const fromSrc = await manifest(['src']);
    expect(JSON.parse(fromSrc!).dependencies['@modelcontextprotocol/server']).toBeDefined();
    expect(fromSrc).toBe(await manifest(['.']));
  });

  it('keeps a package hosted by a framework built on SDK v1 on v1 under --target 2026-07-28, and says so once', async () => {
    const sdk = { '@modelcontextprotocol/sdk': '^1.26.0' };
    const dir = project({
      'hosted/package.json': JSON.stringify({ name: 'hosted', dependencies: { ...sdk, 'mcp-handler': '^1.0.0', zod: '^3.25.0' } }, null, 2),
      'hosted/src/server.ts': SESSIONFUL,
      'hosted/src/util.ts': "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const make = () => new McpServer({ name: 'x', version: '1' });\n",
      'hosted/api/mcp.ts': "import { createMcpHandler } from 'mcp-handler';\nexport const handler = createMcpHandler(() => {});\n",
      // Depends on agents but serves nothing through McpAgent: migrated like any package.
      'worker/package.json': JSON.stringify({ name: 'worker', dependencies: { ...sdk, agents: '^0.2.0', fastmcp: '^3.0.0' } }, null, 2),
      'worker/src/server.ts': SESSIONFUL,
      // A mention is not an import.
      'worker/src/notes.ts': "// We moved off 'fastmcp' and 'agents/mcp' last year.\nexport const moved = true;\n",
      'plain/package.json': JSON.stringify({ name: 'plain', dependencies: sdk }, null, 2),
      'plain/src/server.ts': SESSIONFUL,
      // An agent on a library's McpAgent subclass (the base class comes from another package).
      'paid/package.json': JSON.stringify({ name: 'paid', dependencies: { ...sdk, '@acme/toolkit': '^1.0.0' } }, null, 2),
      'paid/src/agent.ts': [
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "import { PaidMcpAgent } from '@acme/toolkit/cloudflare';",
        'export class Shop extends PaidMcpAgent<Env> {',
        "  server = new McpServer({ name: 'shop', version: '1.0.0' });",
        '  async init() {}',
        '}',
        '',
      ].join('\n'),
    });
    fs.mkdirSync(path.join(dir, 'framed/src'), { recursive: true });
    // An app on mcp-framework (built on SDK v1), with no SDK dependency of its own.
    fs.writeFileSync(path.join(dir, 'framed/package.json'), JSON.stringify({ name: 'framed', dependencies: { 'mcp-framework': '^0.2.0', zod: '^3.25.0' } }, null, 2));
    fs.writeFileSync(path.join(dir, 'framed/src/index.ts'), "import { MCPServer } from 'mcp-framework';\nconst server = new MCPServer({ transport: { type: 'http-stream', options: { port: 8080 } } });\nawait server.start();\n");
    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['commit', '-qm', 'framed'], { cwd: dir });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(result.errors.filter((e) => e.file === 'framed/package.json').map((e) => e.message)).toEqual([expect.stringMatching(/^stays on SDK v1 \([^)]+\): mcp-framework is built on @modelcontextprotocol\/sdk v1/)]);
    expect(result.files.filter((f) => f.file.startsWith('paid/') && f.after !== f.before)).toEqual([]);
    expect(result.errors.filter((e) => e.file === 'paid/package.json').map((e) => e.message)).toEqual([
      expect.stringMatching(/^stays on SDK v1 \([^)]+\): paid\/src\/agent\.ts extends PaidMcpAgent, which is built on @modelcontextprotocol\/sdk v1 \(McpAgent\)/),
    ]);
    const hosted = result.files.filter((f) => f.file.startsWith('hosted/'));
    // The sdk-v1 rewrite, not the v2 one; its package.json untouched (no zod raise, the SDK kept).
    expect(hosted.map((f) => f.file)).toEqual(['hosted/src/server.ts']);
    expect(result.files.find((f) => f.file === 'worker/src/server.ts')?.after).toMatch(/createMcpHandler/);
    expect(hosted[0].after).toBe(MIGRATED);
    expect(hosted[0].codemods).not.toContain('v2-handler');
    expect(result.errors.filter((e) => /stays on SDK v1/.test(e.message) && e.file !== 'paid/package.json' && e.file !== 'framed/package.json')).toEqual([{ file: 'hosted/package.json', message: expect.stringMatching(/^stays on SDK v1 \([^)]+\): Vercel's mcp-handler is built on @modelcontextprotocol\/sdk v1/) }]);
    // The package beside it moves to the v2 packages.
    expect(result.files.find((f) => f.file === 'plain/src/server.ts')?.after).toMatch(/createMcpHandler/);
    expect(JSON.parse(result.files.find((f) => f.file === 'plain/package.json')!.after).dependencies['@modelcontextprotocol/server']).toBeDefined();
  });

  it('says, with each manifest whose code uses zod, that zod was not raised; a package that never imports it has nothing to raise', async () => {
    const dependencies = { '@modelcontextprotocol/sdk': '^1.26.0', zod: '^3.24.1' };
    // zod validating the configuration only (no tool registered with it): the package moves.
    const config = "import { z } from 'zod';\n\nexport const Config = z.object({ port: z.number() });\n";
    const dir = project({
      'plain/package.json': JSON.stringify({ name: 'plain', dependencies }, null, 2),
      'plain/src/server.ts': SESSIONFUL,
      'plain/src/config.ts': config,
      'schemas/package.json': JSON.stringify({ name: 'schemas', dependencies: { ...dependencies, 'zod-to-json-schema': '^3.24.5' } }, null, 2),
      'schemas/src/server.ts': SESSIONFUL,
      'schemas/src/config.ts': config,
      // The v2 packages bring their own zod 4 (a dependency of theirs): notion-mcp-server declares zod and never imports it.
      'unused/package.json': JSON.stringify({ name: 'unused', dependencies }, null, 2),
      'unused/src/server.ts': SESSIONFUL,
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    for (const pkg of ['plain', 'schemas', 'unused']) expect(JSON.parse(result.files.find((f) => f.file === `${pkg}/package.json`)!.after).dependencies.zod).toBe('^3.24.1');
    const notes = result.errors.filter((e) => /^zod /.test(e.message));
    expect(notes.map((e) => e.file).sort()).toEqual(['plain/package.json', 'schemas/package.json']);
    expect(notes.find((e) => e.file === 'schemas/package.json')!.message).toMatch(/zod-to-json-schema/);
  });

  it('declares zod where the move to the v2 packages brings its first import (z.object({}) for an empty input schema), and only there', async () => {
    const server = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      '',
      "export const server = new McpServer({ name: 'hello', version: '1.0.0' });",
      "server.registerTool('hello', { inputSchema: {} }, async () => ({ content: [{ type: 'text', text: 'hi' }] }));",
      '',
    ].join('\n');
    const dir = project({
      'bare/package.json': JSON.stringify({ name: 'bare', dependencies: { '@modelcontextprotocol/sdk': '^1.29.0' } }, null, 2),
      'bare/src/server.ts': server,
      'declared/package.json': JSON.stringify({ name: 'declared', dependencies: { '@modelcontextprotocol/sdk': '^1.29.0', zod: '^4.2.1' } }, null, 2),
      'declared/src/server.ts': server,
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    for (const pkg of ['bare', 'declared']) expect(result.files.find((f) => f.file === `${pkg}/src/server.ts`)!.after).toMatch(/^import \{ z \} from 'zod';$/m);
    const bare = result.files.find((f) => f.file === 'bare/package.json')!;
    expect(JSON.parse(bare.after).dependencies.zod).toBe('^4.2.0');
    expect(bare.changes.map((c) => c.description)).toContain('package.json: added zod@^4.2.0 (the rewritten code imports it: z.object({}) for an empty input schema)');
    expect(JSON.parse(result.files.find((f) => f.file === 'declared/package.json')!.after).dependencies.zod).toBe('^4.2.1');
  });

  /** A module that registers a tool with a zod schema (what holds a package with zod 3 on v1). */
  const ZOD_TOOLS = [
    "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    "import { z } from 'zod';",
    '',
    "export const server = new McpServer({ name: 'svc', version: '1.0.0' });",
    "server.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: 'text', text }] }));",
    '',
  ].join('\n');

  it('exits 1 when a --target 2026-07-28 run kept a package on SDK v1, 0 once it could move', () => {
    const tools = ZOD_TOOLS;
    const manifest = (zod: string) => JSON.stringify({ name: 'svc', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', zod } }, null, 2);
    const held = fix(project({ 'package.json': manifest('^3.25.76'), 'src/tools.ts': tools }), '--target', '2026-07-28', '--dry-run', '--no-format');
    expect([held.code, held.stdout]).toEqual([1, expect.stringMatching(/package\.json stayed on SDK v1/)]);
    // The same run on the default target asks for nothing it could not do.
    expect(fix(project({ 'package.json': manifest('^3.25.76'), 'src/tools.ts': tools }), '--target', 'sdk-v1', '--dry-run', '--no-format').code).toBe(0);
    const moved = fix(project({ 'package.json': manifest('^4.2.1'), 'src/tools.ts': tools }), '--target', '2026-07-28', '--dry-run', '--no-format');
    expect([moved.code, moved.stdout]).toEqual([0, expect.not.stringMatching(/stayed on SDK v1/)]);
  });

  it('exits 1 when a --target 2026-07-28 run leaves a 2025-only transport serving, which the summary names (trial 41C B4)', () => {
    const manifest = JSON.stringify({ name: 'svc', type: 'module', dependencies: { '@modelcontextprotocol/node': '^2.1.2', '@modelcontextprotocol/server': '^2.4.0', express: '^5.1.0', zod: '^4.2.1' } }, null, 2);
    const transport = ["import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';", 'export default function createTransport() {', '  return new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });', '}', ''].join('\n');
    const server = [
      "import express from 'express';",
      "import { McpServer } from '@modelcontextprotocol/server';",
      "import createTransport from './transport.js';",
      "function createMcpServer() { return new McpServer({ name: 'svc', version: '1.0.0' }); }",
      'const app = express();',
      'app.use(express.json());',
      "app.post('/mcp', async (req, res) => {",
      '  const server = createMcpServer();',
      '  const transport = createTransport();',
      '  await server.connect(transport);',
      '  await transport.handleRequest(req, res, req.body);',
      '});',
      "app.listen(3000, '127.0.0.1');",
      '',
    ].join('\n');
    const left = fix(project({ 'package.json': manifest, 'src/transport.ts': transport, 'src/server.ts': server }), '--target', '2026-07-28', '--dry-run', '--no-format');
    expect([left.code, left.stdout]).toEqual([1, expect.stringMatching(/Not yet on 2026-07-28: NodeStreamableHTTPServerTransport still serves in src\/transport\.ts/)]);
    // A run of chosen codemods was not asked to move it: the summary says so, the exit code does not count it.
    const chosen = fix(project({ 'package.json': manifest, 'src/transport.ts': transport, 'src/server.ts': server }), '--target', '2026-07-28', '--codemods', 'explicit-handles', '--dry-run', '--no-format');
    expect([chosen.code, chosen.stdout]).toEqual([0, expect.stringMatching(/Not yet on 2026-07-28/)]);
    // The same run on the default target of a v1 package asks for no such move.
    const v1 = JSON.stringify({ name: 'svc', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.1.0', zod: '^4.2.1' } }, null, 2);
    const stays = fix(project({ 'package.json': v1, 'src/transport.ts': transport.replace("'@modelcontextprotocol/node'", "'@modelcontextprotocol/sdk/server/streamableHttp.js'").replace(/NodeStreamableHTTPServerTransport/g, 'StreamableHTTPServerTransport'), 'src/server.ts': server.replace("'@modelcontextprotocol/server'", "'@modelcontextprotocol/sdk/server/mcp.js'") }), '--target', 'sdk-v1', '--dry-run', '--no-format');
    expect([stays.code, stays.stdout]).toEqual([0, expect.not.stringMatching(/Not yet on 2026-07-28/)]);
  });

  it('holds back a package whose stateless transport is kept per user, and calls a package already on the v2 packages not moved, not "on SDK v1" (trial 39C B1, B5)', async () => {
    const server = (sdk: 'v1' | 'v2') =>
      [
        "import express from 'express';",
        sdk === 'v1' ? "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';" : "import { McpServer } from '@modelcontextprotocol/server';",
        sdk === 'v1' ? "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';" : "import { NodeStreamableHTTPServerTransport as StreamableHTTPServerTransport } from '@modelcontextprotocol/node';",
        '',
        'const perUser = new Map();',
        'async function transportFor(user: string) {',
        '  let entry = perUser.get(user);',
        '  if (!entry) {',
        '    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });',
        "    const server = new McpServer({ name: 'svc', version: '1.0.0' });",
        '    await server.connect(transport);',
        '    entry = { transport, server };',
        '    perUser.set(user, entry);',
        '  }',
        '  return entry;',
        '}',
        'const app = express();',
        "app.post('/mcp', async (req, res) => {",
        "  const { transport } = await transportFor(req.headers.authorization ?? 'anonymous');",
        '  await transport.handleRequest(req, res, req.body);',
        '});',
        '',
      ].join('\n');
    const v1 = await runFix({ cwd: project({ 'package.json': JSON.stringify({ name: 'svc', dependencies: { '@modelcontextprotocol/sdk': '1.24.2', express: '^5.1.0', zod: '^4.2.1' } }), 'src/server.ts': server('v1') }), target: '2026-07-28', dryRun: true, format: false });
    expect(v1.stayedOnV1).toEqual(['package.json']);
    expect(v1.keptOnV2).toBeUndefined();
    expect(v1.errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/^stays on SDK v1 \(svc\): src\/server\.ts:\d+ serves requests through transport, a stateless transport kept in perUser per key \(user\)/));
    // The v1 transport is not moved to the v2 one, whose second request would fail.
    expect(v1.files.find((f) => f.file === 'src/server.ts')?.after ?? '').not.toMatch(/@modelcontextprotocol\/node/);
    const v2 = await runFix({ cwd: project({ 'package.json': JSON.stringify({ name: 'svc2', dependencies: { '@modelcontextprotocol/server': '^2.4.0', '@modelcontextprotocol/node': '^2.4.0', express: '^5.1.0' } }), 'src/server.ts': server('v2') }), target: '2026-07-28', dryRun: true, format: false });
    expect(v2.keptOnV2).toEqual(['package.json']);
    expect(v2.errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/^not moved to createMcpHandler \(svc2\): .*\(its v2 code stays as it is; the codemods that do not move it ran\)$/));
    expect(formatFixSummary(v2, new Chalk({ level: 0 }))).toMatch(/\(package\.json was not moved to createMcpHandler and kept its v2 code: see why above\)/);
  });

  it('keeps a package whose sources import zod on v1 while its zod is below 4.2 or undeclared (zod 3 schemas stop compiling on v2)', async () => {
    const tools = ZOD_TOOLS;
    // The schema in a module of its own, registered by another file (Figma-Context-MCP's layout).
    const schemaModule = "import { z } from 'zod';\n\nexport const echoSchema = z.object({ text: z.string() });\n";
    const registering = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { echoSchema } from './tools/echo.js';",
      '',
      "export const server = new McpServer({ name: 'svc', version: '1.0.0' });",
      "server.registerTool('echo', { inputSchema: echoSchema }, async ({ text }) => ({ content: [{ type: 'text', text }] }));",
      '',
    ].join('\n');
    const sdk = { '@modelcontextprotocol/sdk': '^1.26.0' };
    const dir = project({
      'old/package.json': JSON.stringify({ name: 'old', dependencies: { ...sdk, zod: '^3.25.76' } }, null, 2),
      'old/src/tools.ts': tools,
      'split/package.json': JSON.stringify({ name: 'split', dependencies: { ...sdk, zod: '^3.25.76' } }, null, 2),
      'split/src/server.ts': registering,
      'split/src/tools/echo.ts': schemaModule,
      'undeclared/package.json': JSON.stringify({ name: 'undeclared', dependencies: sdk }, null, 2),
      'undeclared/src/tools.ts': tools,
      // Registered through a cast (`(server.registerTool as any)(...)`): v2 throws on its zod 3 shapes at startup (trial 37A).
      'cast/package.json': JSON.stringify({ name: 'cast', dependencies: { ...sdk, zod: '^3.25.0' } }, null, 2),
      'cast/src/index.ts': [
        "import { z, type ZodTypeAny } from 'zod';",
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        'function tool(server: McpServer, name: string, inputSchema: Record<string, ZodTypeAny>, handler: (args: any) => Promise<unknown>) {',
        '  return (server.registerTool as any)(name, { inputSchema }, handler);',
        '}',
        "export const server = new McpServer({ name: 'cast', version: '1.0.0' });",
        "tool(server, 'echo', { text: z.string() }, async ({ text }) => ({ content: [{ type: 'text', text }] }));",
        '',
      ].join('\n'),
      'ready/package.json': JSON.stringify({ name: 'ready', dependencies: { ...sdk, zod: '^4.2.1' } }, null, 2),
      'ready/src/tools.ts': tools,
      // zod 4 declared, its zod 3 API imported: zod 3 schemas all the same.
      'compat/package.json': JSON.stringify({ name: 'compat', dependencies: { ...sdk, zod: '^4.2.1' } }, null, 2),
      'compat/src/tools.ts': tools.replace(/from 'zod'/, "from 'zod/v3'"),
      // Every file that imports it is counted (a generated SDK has hundreds), not the first alone.
      ...Object.fromEntries(['a', 'b', 'c'].map((n) => [`compat/src/schemas/${n}.ts`, `import { z } from 'zod/v3';\nexport const ${n} = z.string();\n`])),
      // Held on v1 by an MCP library nothing on disk speaks for, and by its zod 3: both are said.
      'twice/package.json': JSON.stringify({ name: 'twice', dependencies: { ...sdk, zod: '^3.25.76', 'sse-mcp-bridge': '^0.1.0' } }, null, 2),
      'twice/src/bridge.ts': "import { SSETransport } from 'sse-mcp-bridge';\nexport const bridge = SSETransport;\n",
      'twice/src/tools.ts': tools,
      // A low-level Server with JSON schemas, and a chat client whose readline prompt() is no
      // registration (actors-mcp-server): its zod 3 does not matter to the move.
      'chat/package.json': JSON.stringify({ name: 'chat', dependencies: { ...sdk, zod: '^3.25.76' } }, null, 2),
      'chat/src/server.ts': [
        "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
        "import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';",
        '',
        "export const server = new Server({ name: 'chat', version: '1.0.0' }, { capabilities: { tools: {} } });",
        "server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [{ name: 'echo', inputSchema: { type: 'object' } }] }));",
        '',
      ].join('\n'),
      'chat/src/client.ts': [
        "import readline from 'node:readline';",
        "import { Client } from '@modelcontextprotocol/sdk/client/index.js';",
        "import { z } from 'zod';",
        '',
        "export const client = new Client({ name: 'chat-client', version: '1.0.0' });",
        'const rl = readline.createInterface({ input: process.stdin, output: process.stdout });',
        "export const Reply = z.object({ text: z.string() });",
        'rl.prompt();',
        '',
      ].join('\n'),
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const why = (pkg: string) => result.errors.filter((e) => e.file === `${pkg}/package.json`).map((e) => e.message);
    expect(why('old')).toEqual([expect.stringMatching(/^stays on SDK v1 \([^)]+\): old\/src\/tools\.ts imports zod, and zod \^3\.25\.76 is below what the v2 packages need .* raise it to \^4\.2\.0 by hand and check the zod 3 APIs it uses/)]);
    expect(why('undeclared')).toEqual([expect.stringMatching(/^stays on SDK v1 \([^)]+\): undeclared\/src\/tools\.ts imports zod, and zod is not declared in its package\.json .* declare zod \^4\.2\.0/)]);
    expect(why('split')).toEqual([expect.stringMatching(/^stays on SDK v1 \([^)]+\): split\/src\/server\.ts registers tools or prompts, split\/src\/tools\/echo\.ts imports zod, and zod \^3\.25\.76 is below/)]);
    expect(why('chat').filter((m) => /^stays on SDK v1/.test(m))).toEqual([]);
    expect(why('compat')).toEqual([expect.stringMatching(/^stays on SDK v1 \(compat\): 4 files import \(compat\/src\/[\w/.]+, compat\/src\/[\w/.]+, compat\/src\/[\w/.]+, \.\.\.\) zod\/v3, the zod 3 API zod 4 keeps beside its own: the v2 packages take zod 4 schemas only.*`grep -rln "zod\/v3"` lists them/)]);
    expect(why('twice')).toEqual([expect.stringMatching(/^stays on SDK v1 \(twice\): twice\/src\/bridge\.ts imports sse-mcp-bridge, which is not installed.*; besides, twice\/src\/tools\.ts imports zod, and zod \^3\.25\.76 is below/)]);
    expect(why('cast')).toEqual([expect.stringMatching(/^stays on SDK v1 \(cast\): cast\/src\/index\.ts imports zod, and zod \^3\.25\.0 is below/)]);
    for (const pkg of ['old', 'undeclared', 'split', 'cast']) {
      expect(result.files.filter((f) => f.file.startsWith(`${pkg}/`) && f.after !== f.before)).toEqual([]);
    }
    expect(result.stayedOnV1).toEqual(['cast/package.json', 'compat/package.json', 'old/package.json', 'split/package.json', 'twice/package.json', 'undeclared/package.json']);
    // The summary line does not read as if everything moved.
    expect(formatFixSummary(result, new Chalk({ level: 0 }))).toMatch(/for target 2026-07-28 \(6 packages stayed on SDK v1 and got the sdk-v1 rewrites: see why above\)/);
    // Code moved to v2: the summary says to type-check (stricter types, whatever the changes' tags).
    expect(formatFixSummary(result, new Chalk({ level: 0 }))).toMatch(/The v2 packages type request params and results more strictly than v1: .* type-check after the move\./);
    // zod 4.2: the package moves.
    expect(why('ready')).toEqual([]);
    expect(result.files.find((f) => f.file === 'ready/src/tools.ts')?.after).toMatch(/from '@modelcontextprotocol\/server'/);
  });

  it("keeps a package on v1 whose zod 3 takes the SDK's schemas (z.infer<typeof CallToolRequestSchema>), and lets a package move whose zod only reads its own (trial 57C B2)", async () => {
    const sdk = { '@modelcontextprotocol/sdk': '^1.26.0' };
    // A low-level Server whose tools/call handler is typed from the SDK's schema with the package's zod.
    const lowLevel = (typed: string) =>
      [
        "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
        "import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';",
        "import { z } from 'zod';",
        '',
        "export const server = new Server({ name: 'lookup', version: '1.0.0' }, { capabilities: { tools: {} } });",
        "server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [{ name: 'find', inputSchema: { type: 'object' } }] }));",
        'const Query = z.object({ term: z.string() });',
        `async function find(request: ${typed}) {`,
        '  const { term } = Query.parse(request.params.arguments);',
        "  return { content: [{ type: 'text' as const, text: term }] };",
        '}',
        'server.setRequestHandler(CallToolRequestSchema, find);',
        '',
      ].join('\n');
    const dir = project({
      'typed/package.json': JSON.stringify({ name: 'typed', dependencies: { ...sdk, zod: '^3.25.76' } }, null, 2),
      'typed/src/server.ts': lowLevel('z.infer<typeof CallToolRequestSchema>'),
      // The same with zod 4.2: its z.infer reads the v2 packages' schemas, so it moves.
      'typed4/package.json': JSON.stringify({ name: 'typed4', dependencies: { ...sdk, zod: '^4.2.1' } }, null, 2),
      'typed4/src/server.ts': lowLevel('z.infer<typeof CallToolRequestSchema>'),
      // Typed by the SDK's type, its zod only for its own schema: zod 3 may stay.
      'own/package.json': JSON.stringify({ name: 'own', dependencies: { ...sdk, zod: '^3.25.76' } }, null, 2),
      'own/src/server.ts': lowLevel('CallToolRequest').replace('CallToolRequestSchema, ListToolsRequestSchema }', 'CallToolRequestSchema, ListToolsRequestSchema, type CallToolRequest }'),
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const why = (pkg: string) => result.errors.filter((e) => e.file === `${pkg}/package.json`).map((e) => e.message);
    expect(why('typed')).toEqual([
      expect.stringMatching(/^stays on SDK v1 \(typed\): typed\/src\/server\.ts:8 gives the SDK's schemas to its own zod \(z\.infer<typeof CallToolRequestSchema>\), and zod \^3\.25\.76 is below what the v2 packages need where its zod takes their schemas .*TS2344.*: raise it to \^4\.2\.0 by hand and check the zod 3 APIs it uses/),
    ]);
    expect(result.files.filter((f) => f.file.startsWith('typed/') && f.after !== f.before)).toEqual([]);
    expect(result.stayedOnV1).toEqual(['typed/package.json']);
    expect(why('typed4').filter((m) => /^stays on SDK v1/.test(m))).toEqual([]);
    expect(result.files.find((f) => f.file === 'typed4/src/server.ts')?.after).toMatch(/@modelcontextprotocol\/(core|server)/);
    // The package whose zod is its own moves, and is told its zod may stay.
    expect(why('own')).toEqual([expect.stringMatching(/^zod \^3\.25\.76 left as it is: this package hands the SDK no zod schema .* so it may stay/)]);
    expect(result.files.find((f) => f.file === 'own/src/server.ts')?.after).toMatch(/@modelcontextprotocol\/(core|server)/);
  });

  it('reads a zod taken from the pnpm catalog (`catalog:`) as the catalog pins it, to hold a package on v1', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'mono', private: true }),
      'pnpm-workspace.yaml': "packages:\n  - packages/*\n\ncatalog:\n  '@modelcontextprotocol/sdk': ^1.26.0\n  zod: ^3.25.0 || ^4.0.0\n",
      'packages/cat/package.json': JSON.stringify({ name: 'cat', dependencies: { '@modelcontextprotocol/sdk': 'catalog:', zod: 'catalog:' } }),
      'packages/cat/src/tools.ts': ZOD_TOOLS,
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(result.errors.filter((e) => e.file === 'packages/cat/package.json').map((e) => e.message)).toEqual([expect.stringMatching(/^stays on SDK v1 \(cat\): packages\/cat\/src\/tools\.ts imports zod, and zod \^3\.25\.0 \|\| \^4\.0\.0 \(catalog:\) is below what the v2 packages need/)]);
  });

  it('reads a zod or an SDK taken from a named pnpm catalog (`catalog:prod`) or `catalog:default` as that catalog pins it (nuxt-mcp)', async () => {
    const run = async (workspace: string, deps: Record<string, string>) => {
      const dir = project({
        'package.json': JSON.stringify({ name: 'mono', private: true }),
        'pnpm-workspace.yaml': workspace,
        'packages/vite/package.json': JSON.stringify({ name: 'vite-plugin-mcp', type: 'module', dependencies: deps }, null, 2),
        'packages/vite/src/tools.ts': ZOD_TOOLS,
      });
      const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
      return { result, why: result.errors.filter((e) => e.file === 'packages/vite/package.json').map((e) => e.message) };
    };
    const named = "packages:\n  - packages/*\n\ncatalogs:\n  prod:\n    '@modelcontextprotocol/sdk': ^1.21.0\n    zod: ^3.25.76\n  next:\n    '@modelcontextprotocol/sdk': ^1.26.0\n    '@modelcontextprotocol/server': ^2.4.0\n    zod: '^4.2.1' # the v2 floor\n";
    const held = await run(named, { '@modelcontextprotocol/sdk': 'catalog:prod', zod: 'catalog:prod' });
    expect(held.why).toEqual([expect.stringMatching(/^stays on SDK v1 \(vite-plugin-mcp\): packages\/vite\/src\/tools\.ts imports zod, and zod \^3\.25\.76 \(catalog:prod\) is below what the v2 packages need/)]);
    expect(held.result.files.filter((f) => f.after !== f.before)).toEqual([]);
    // `catalog:default` is the `catalog:` key's.
    const byDefault = await run("catalog:\n  '@modelcontextprotocol/sdk': ^1.21.0\n  zod: ^3.25.76\n", { '@modelcontextprotocol/sdk': 'catalog:default', zod: 'catalog:default' });
    expect(byDefault.why).toEqual([expect.stringMatching(/zod \^3\.25\.76 \(catalog:default\) is below what the v2 packages need/)]);
    // A catalog that gives zod 4.2: the package moves, and takes the v2 packages from the SDK's catalog.
    const moved = await run(named, { '@modelcontextprotocol/sdk': 'catalog:next', zod: 'catalog:next' });
    expect(moved.why).toEqual([]);
    const manifest = moved.result.files.find((f) => f.file === 'packages/vite/package.json');
    expect(JSON.parse(manifest!.after).dependencies).toEqual({ '@modelcontextprotocol/server': 'catalog:next', zod: 'catalog:next' });
    expect(manifest!.changes.map((c) => c.description)).toContain(`package.json: added @modelcontextprotocol/server@catalog:next (from the pnpm workspace's catalog "next", as the SDK)`);
    // A 0.x SDK from a catalog is one too.
    const old = await run("catalogs:\n  old:\n    '@modelcontextprotocol/sdk': ^0.4.0\n", { '@modelcontextprotocol/sdk': 'catalog:old' });
    expect(old.why).toEqual([expect.stringMatching(/it declares @modelcontextprotocol\/sdk \^0\.4\.0, older than 1\.0/)]);
  });

  it('holds a zod user on v1 when its zod comes from a pnpm catalog no workspace file gives, unless the installed zod says it is 4.2', async () => {
    const manifest = JSON.stringify({ name: 'svc', type: 'module', dependencies: { '@modelcontextprotocol/sdk': 'catalog:prod', zod: 'catalog:prod' } }, null, 2);
    const why = async (files: Record<string, string>) => {
      const result = await runFix({ cwd: project({ 'package.json': manifest, 'src/tools.ts': ZOD_TOOLS, ...files }), target: '2026-07-28', dryRun: true, format: false });
      return result.errors.filter((e) => e.file === 'package.json').map((e) => e.message);
    };
    const unknown = /^stays on SDK v1 \(svc\): src\/tools\.ts imports zod, and zod is declared as catalog:prod, from a pnpm catalog this run could not read .*so its version is unknown/;
    // No pnpm-workspace.yaml, and one without that catalog (or without zod in it).
    expect(await why({})).toEqual([expect.stringMatching(unknown)]);
    expect(await why({ 'pnpm-workspace.yaml': 'catalog:\n  zod: ^4.2.1\n' })).toEqual([expect.stringMatching(unknown)]);
    expect(await why({ 'pnpm-workspace.yaml': "catalogs:\n  prod:\n    '@modelcontextprotocol/sdk': ^1.21.0\n" })).toEqual([expect.stringMatching(unknown)]);
    // What is installed settles it: the package moves, told that the v2 package could not be taken from the SDK's catalog.
    expect(await why({ 'node_modules/zod/package.json': JSON.stringify({ name: 'zod', version: '4.3.5' }) })).toEqual([
      `this package takes @modelcontextprotocol/sdk from the pnpm workspace's catalog "prod" (catalog:prod), which this run did not find in a pnpm-workspace.yaml: @modelcontextprotocol/server added as ^2.4.0; add it to that catalog and write "catalog:prod" here`,
    ]);
  });

  it('reads the imports of each text once in a run of many files (a cache of the last few missed them all), and forgets them when told', () => {
    const texts = Array.from({ length: 300 }, (_, i) => `import x${i} from 'pkg-${i}';\n`);
    const first = texts.map((t) => importedModules(t));
    expect(texts.every((t, i) => importedModules(t) === first[i])).toBe(true);
    forgetImports();
    expect(importedModules(texts[0])).not.toBe(first[0]);
    expect(importedModules(texts[0])).toEqual(new Set(['pkg-0']));
  });

  it('reads the imports of a file with a template literal on its own grammar: a type cast `<any>v` does not end them', async () => {
    const text = "import a from 'x';\nconst greeting = `hi`;\nconst x = <any>a;\nconst zod = require('zod');\nconst t = `import { z } from 'q'`;\nexport * from 'v';\n";
    expect([...importedModules(text)].sort()).toEqual(['v', 'x', 'zod']);
  });

  it('reads no import in a template literal (a scaffolding script writing `import { z } from \'zod\'` holds nothing)', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'svc', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', zod: '^3.25.76' } }),
      'src/server.ts': "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const server = new McpServer({ name: 'svc', version: '1.0.0' });\nserver.registerTool('ping', { description: 'pong' }, async () => ({ content: [] }));\n",
      'scripts/create-tool.js': "const name = process.argv[2];\nconsole.log(`import { z } from 'zod';\nexport const ${name}Schema = z.object({});\n`);\n",
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(result.errors.map((e) => e.message).filter((m) => /stays on SDK v1/.test(m))).toEqual([]);
    expect(result.files.find((f) => f.file === 'src/server.ts')?.after).toMatch(/from '@modelcontextprotocol\/server'/);
  });

  /** A session transport kept in a registry of another module: not rewritten, only marked (sticky config beside it stays). */
  const REGISTRY_SERVER = [
    "import { randomUUID } from 'node:crypto';",
    "import express from 'express';",
    "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
    "import { sessionRegistry } from './registry.js';",
    'const app = express();',
    "app.post('/mcp', async (req, res) => {",
    "  const existing = sessionRegistry.lookup(req.headers['mcp-session-id'] as string);",
    '  const transport = existing ?? new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (id) => sessionRegistry.keep(id, transport) });',
    "  if (!existing) await new McpServer({ name: 'x', version: '1.0.0' }).connect(transport);",
    '  await transport.handleRequest(req, res, req.body);',
    '});',
    '',
  ].join('\n');

  it('keeps sticky routing, marked, while code of the run still keeps sessions once rewritten, and removes it (marker and all) once none does', async () => {
    const service = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: mcp', 'spec:', '  selector:', '    app: mcp', '  sessionAffinity: ClientIP', '  ports:', '    - port: 80', ''].join('\n');
    const sessionful = REGISTRY_SERVER;
    const dir = project({ 'src/server.ts': sessionful, 'k8s/service.yaml': service });
    const kept = await runFix({ cwd: dir, format: false, allowDirty: true });
    const yaml = fs.readFileSync(path.join(dir, 'k8s/service.yaml'), 'utf8');
    expect(yaml).toMatch(/# TODO\(mcp-migrate\): sessionAffinity: ClientIP keeps each client on the instance that holds its\n\s+# session, and src\/server\.ts still keeps sessions on one instance after this run/);
    expect(yaml).toMatch(/\n  sessionAffinity: ClientIP\n/);
    expect(kept.files.find((f) => f.file === 'k8s/service.yaml')!.changes).toEqual([]);
    expect(formatFixSummary(kept, new Chalk({ level: 0 }))).not.toMatch(/k8s\/service\.yaml:\d+ +warning +sticky-k8s/);
    // A second run adds nothing.
    const again = await runFix({ cwd: dir, format: false, allowDirty: true });
    expect(again.files.filter((f) => f.before !== f.after)).toEqual([]);
    // Once the code serves statelessly, the affinity goes, and its marker with it.
    fs.writeFileSync(path.join(dir, 'src/server.ts'), "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';\nexport const make = () => new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });\n");
    await runFix({ cwd: dir, format: false, allowDirty: true });
    const after = fs.readFileSync(path.join(dir, 'k8s/service.yaml'), 'utf8');
    expect(after).not.toMatch(/TODO\(mcp-migrate\)|sessionAffinity: ClientIP\n|keeps each client/);
    expect(after).toMatch(/# mcp-migrate: removed sessionAffinity: ClientIP/);
  });

  it('marks each HAProxy stick rule on the session header once while code keeps sessions, and a later run removes it with no marker about it (trial 77B B5)', async () => {
    const haproxy = ['backend mcp', '    balance roundrobin', '    stick-table type string len 64 size 100k expire 30m', '    stick on hdr(mcp-session-id)', '    stick store-response res.hdr(mcp-session-id)', '    server a 10.0.0.1:3000 check', ''].join('\n');
    const sessionful = REGISTRY_SERVER;
    const dir = project({ 'src/server.ts': sessionful, 'deploy/haproxy.cfg': haproxy });
    const first = await runFix({ cwd: dir, format: false, allowDirty: true });
    const marked = fs.readFileSync(path.join(dir, 'deploy/haproxy.cfg'), 'utf8');
    // One marker per rule (not a second one of cors-headers-config's about the same line), both kept.
    expect(findMarkers(marked.split('\n')).map((m) => m.message.slice(0, 40))).toEqual(['"stick on hdr(mcp-session-id)" keeps eac', '"stick store-response res.hdr(mcp-sessio']);
    expect(first.files.find((f) => f.file === 'deploy/haproxy.cfg')!.markers).toHaveLength(2);
    expect(marked).toMatch(/\n {4}stick on hdr\(mcp-session-id\)\n/);
    // Once the code serves statelessly, the rules go, their markers with them, and nothing is marked in their place.
    fs.writeFileSync(path.join(dir, 'src/server.ts'), "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';\nexport const make = () => new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });\n");
    const second = await runFix({ cwd: dir, format: false, allowDirty: true });
    const after = fs.readFileSync(path.join(dir, 'deploy/haproxy.cfg'), 'utf8');
    expect(after).not.toMatch(/TODO\(mcp-migrate\)|nginx|\n\s+stick (on|store)/);
    expect(after.match(/# mcp-migrate: removed "stick /g)).toHaveLength(2);
    expect(second.files.find((f) => f.file === 'deploy/haproxy.cfg')!.markers).toEqual([]);
  });

  it("names the GET and DELETE routes of a handler it left in a marker without line numbers, which the markers above them move (trial 77B B4)", async () => {
    const server = [
      "import { randomUUID } from 'node:crypto';",
      "import express from 'express';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
      "import { audit } from './audit.js';",
      'const transports: Record<string, StreamableHTTPServerTransport> = {};',
      'const app = express();',
      'app.use(express.json());',
      "app.post('/mcp', async (req, res) => {",
      "  const sessionId = req.headers['mcp-session-id'] as string | undefined;",
      '  let transport: StreamableHTTPServerTransport;',
      '  if (sessionId && transports[sessionId]) {',
      '    transport = transports[sessionId];',
      '  } else if (!sessionId && isInitializeRequest(req.body)) {',
      '    transport = new StreamableHTTPServerTransport({',
      '      sessionIdGenerator: () => randomUUID(),',
      '      onsessioninitialized: (sid) => {',
      '        transports[sid] = transport;',
      "        audit.opened(sid, String(req.headers['x-user'] ?? 'anonymous'));",
      '      },',
      '    });',
      "    await new McpServer({ name: 'tasks', version: '1.0.0' }).connect(transport);",
      '  } else {',
      "    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: No valid session ID provided' }, id: null });",
      '    return;',
      '  }',
      '  await transport.handleRequest(req, res, req.body);',
      '});',
      'const handleSessionRequest = async (req: express.Request, res: express.Response) => {',
      "  const sessionId = req.headers['mcp-session-id'] as string | undefined;",
      '  if (!sessionId || !transports[sessionId]) {',
      "    res.status(400).send('Invalid or missing session ID');",
      '    return;',
      '  }',
      '  await transports[sessionId].handleRequest(req, res);',
      '};',
      "app.get('/mcp', handleSessionRequest);",
      "app.delete('/mcp', handleSessionRequest);",
      'app.listen(3000);',
      '',
    ].join('\n');
    const result = await runFix({ cwd: project({ 'src/server.ts': server }), target: 'sdk-v1', dryRun: true, format: false });
    const after = result.files.find((f) => f.file === 'src/server.ts')!.after;
    const marker = findMarkers(after.split('\n')).find((m) => m.message.includes('in handleSessionRequest, the GET and DELETE /mcp handler'));
    // Said where the handler is, of routes the markers inserted above them moved: no line numbers that would be wrong.
    expect(marker?.message).toMatch(/the GET and DELETE \/mcp handler \(a session's stream and its end\): 2026-07-28 has no sessions to stream or end/);
    expect(after).not.toMatch(/ at lines? \d/);
    expect(after.split('\n').findIndex((l) => l.startsWith("app.get('/mcp'")) + 1).toBeGreaterThan(38);
  });

  it('advises 405 at a GET and DELETE lookup it left in an all route that the POST route comes before (trial 78A B12)', async () => {
    const server = [
      "import { randomUUID } from 'node:crypto';",
      "import express from 'express';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
      "import { audit } from './audit.js';",
      'const live = new Map<string, StreamableHTTPServerTransport>();',
      'const app = express();',
      'app.use(express.json());',
      "app.post('/mcp', async (req, res) => {",
      "  const known = live.get(req.header('mcp-session-id') ?? '');",
      '  if (known) return known.handleRequest(req, res, req.body);',
      "  if (!isInitializeRequest(req.body)) return res.status(400).json({ error: 'initialize first' });",
      '  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({',
      '    sessionIdGenerator: randomUUID,',
      "    onsessioninitialized: (id) => { live.set(id, transport); audit.opened(id, String(req.headers['x-user'] ?? 'anonymous')); },",
      '  });',
      "  await new McpServer({ name: 'notes', version: '1.0.0' }).connect(transport);",
      '  await transport.handleRequest(req, res, req.body);',
      '});',
      "app.all('/mcp', async (req, res) => {",
      "  const known = live.get(req.header('mcp-session-id') ?? '');",
      '  if (!known) return res.status(404).end();',
      '  await known.handleRequest(req, res);',
      '});',
      'app.listen(3000);',
      '',
    ].join('\n');
    const result = await runFix({ cwd: project({ 'src/server.ts': server }), target: 'sdk-v1', dryRun: true, format: false });
    const after = result.files.find((f) => f.file === 'src/server.ts')!.after;
    const markers = findMarkers(after.split('\n')).filter((m) => /session-header finding/.test(m.message));
    const inAll = markers.find((m) => m.message.includes('in the all /mcp handler'));
    expect(inAll?.message).toMatch(/\(a session's stream and its end: POST \/mcp has a route of its own ahead of it\): 2026-07-28 has no sessions to stream or end\. Answer GET and DELETE on the MCP endpoint with 405 Method Not Allowed/);
    // The POST route's own lookup keeps the advice of the POST path.
    expect(markers.filter((m) => m !== inAll).map((m) => m.message)).toEqual([expect.stringMatching(/Reads the Mcp-Session-Id header \(header\)\. Remove the header handling and replace what it looked up with an explicit handle argument/)]);
  });

  it('judges zod by the copy installed when there is one, and only where it gives tool or prompt schemas', async () => {
    // A low-level Server with JSON schemas; zod validates its configuration only.
    const lowLevel = [
      "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
      "import { z } from 'zod';",
      "export const config = z.object({ port: z.number() }).parse({ port: 3000 });",
      "export const server = new Server({ name: 'svc', version: '1.0.0' }, { capabilities: { tools: {} } });",
      '',
    ].join('\n');
    const sdk = { '@modelcontextprotocol/sdk': '^1.26.0' };
    const installed = (version: string) => JSON.stringify({ name: 'zod', version });
    const dir = project({
      'fresh/package.json': JSON.stringify({ name: 'fresh', dependencies: { ...sdk, zod: '^4.0.0' } }),
      'fresh/node_modules/zod/package.json': installed('4.3.5'),
      'fresh/src/tools.ts': ZOD_TOOLS,
      'pinned/package.json': JSON.stringify({ name: 'pinned', dependencies: { ...sdk, zod: '^4.0.0' } }),
      'pinned/node_modules/zod/package.json': installed('4.1.12'),
      'pinned/src/tools.ts': ZOD_TOOLS,
      'lowlevel/package.json': JSON.stringify({ name: 'lowlevel', dependencies: { ...sdk, zod: '^3.25.0' } }),
      'lowlevel/src/server.ts': lowLevel,
      'nosdk/package.json': JSON.stringify({ name: 'nosdk', dependencies: { zod: '^3.25.0' } }),
      'nosdk/src/tools.ts': "import { z } from 'zod';\nexport const tool = (server: { tool(name: string, s: object): void }) => server.tool('mcp_search', { q: z.string() });\n",
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const why = (pkg: string) => result.errors.filter((e) => e.file === `${pkg}/package.json`).map((e) => e.message);
    // It moves; the manifest still gets the note that its declared floor is below 4.2.
    expect(why('fresh')).toEqual(['zod ^4.0.0 not raised: the v2 packages need zod 4.2 or later (^4.2.0); raise it by hand']);
    expect(result.files.find((f) => f.file === 'fresh/src/tools.ts')?.after).toMatch(/from '@modelcontextprotocol\/server'/);
    expect(why('pinned')).toEqual([expect.stringMatching(/^stays on SDK v1 \([^)]+\): pinned\/src\/tools\.ts imports zod, and zod 4\.1\.12 is installed \(\^4\.0\.0 declared\), below what the v2 packages need.* raise it to \^4\.2\.0 by hand and run fix again/)]);
    // Already on zod 4: no zod 3 APIs to check.
    expect(why('pinned').join('')).not.toMatch(/zod 3 APIs/);
    expect(why('lowlevel').filter((m) => /stays on SDK v1/.test(m))).toEqual([]);
    expect(why('lowlevel')).toEqual([expect.stringMatching(/^zod \^3\.25\.0 left as it is: this package hands the SDK no zod schema/)]);
    expect(result.files.find((f) => f.file === 'lowlevel/src/server.ts')?.after).toMatch(/from '@modelcontextprotocol\/server'/);
    expect(why('nosdk').filter((m) => /stays on SDK v1/.test(m))).toEqual([]);
    // Run on one package of a workspace whose copy is installed at the repository's top: found there.
    const workspace = project({
      'node_modules/zod/package.json': installed('4.4.3'),
      'packages/svc/package.json': JSON.stringify({ name: 'svc', dependencies: { ...sdk, zod: '^4.0.0' } }),
      'packages/svc/src/tools.ts': ZOD_TOOLS,
    });
    const one = await runFix({ cwd: path.join(workspace, 'packages/svc'), target: '2026-07-28', dryRun: true, format: false });
    expect(one.errors.map((e) => e.message).filter((m) => /stays on SDK v1/.test(m))).toEqual([]);
    expect(one.files.find((f) => f.file === 'src/tools.ts')?.after).toMatch(/from '@modelcontextprotocol\/server'/);
  });

  it('judges zod by the version the lockfile resolves on a fresh clone (nothing installed)', async () => {
    const lock = (zod: string) =>
      JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'svc', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', zod: '^4.0.0' } }, 'node_modules/zod': { version: zod } } });
    const tree = (zod: string) =>
      project({
        'package.json': JSON.stringify({ name: 'svc', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', zod: '^4.0.0' } }),
        'package-lock.json': lock(zod),
        'src/tools.ts': ZOD_TOOLS,
      });
    const ready = await runFix({ cwd: tree('4.4.3'), target: '2026-07-28', dryRun: true, format: false });
    expect(ready.errors.map((e) => e.message).filter((m) => /stays on SDK v1/.test(m))).toEqual([]);
    expect(ready.files.find((f) => f.file === 'src/tools.ts')?.after).toMatch(/from '@modelcontextprotocol\/server'/);
    const old = await runFix({ cwd: tree('4.1.0'), target: '2026-07-28', dryRun: true, format: false });
    expect(old.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^stays on SDK v1 \([^)]+\): src\/tools\.ts imports zod, and zod 4\.1\.0 is what the lockfile resolves \(\^4\.0\.0 declared\), below what the v2 packages need/)]);
    // package.json already asks for ^4.2.0 and the lockfile still resolves zod 3: install again, nothing to raise.
    const stale = project({
      'package.json': JSON.stringify({ name: 'svc', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', zod: '^4.2.0' } }),
      'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'svc' }, 'node_modules/zod': { version: '3.25.76' } } }),
      'src/tools.ts': ZOD_TOOLS,
    });
    const behind = await runFix({ cwd: stale, target: '2026-07-28', dryRun: true, format: false });
    expect(behind.errors.map((e) => e.message)).toEqual([expect.stringMatching(/zod 3\.25\.76 is what the lockfile resolves, though package\.json declares \^4\.2\.0: the lockfile is out of date\. Install the dependencies again/)]);
    expect(behind.errors[0].message).not.toMatch(/raise it/);
  });

  it('keeps on v1 a package whose file imports an installed library built on the v1 SDK (a toolkit that extends McpServer)', async () => {
    const entry = (lib: string) =>
      [
        `import { Toolkit } from '${lib}/mcp';`,
        "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';",
        "await new Toolkit({ key: 'k' }).connect(new StdioServerTransport());",
        '',
      ].join('\n');
    const dir = project({
      'peer/package.json': JSON.stringify({ name: 'peer', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', 'pay-toolkit': '^1.0.0' } }),
      'peer/node_modules/pay-toolkit/package.json': JSON.stringify({ name: 'pay-toolkit', version: '1.0.0', peerDependencies: { '@modelcontextprotocol/sdk': '^1.18.0' } }),
      'peer/src/index.ts': entry('pay-toolkit'),
      // A peer on any version of the SDK package: every version of it is v1 (hono-mcp-server-sse-transport's '*').
      'star/package.json': JSON.stringify({ name: 'star', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', 'sse-bridge': '^0.0.7' } }),
      'star/node_modules/sse-bridge/package.json': JSON.stringify({ name: 'sse-bridge', version: '0.0.7', peerDependencies: { '@modelcontextprotocol/sdk': '*' } }),
      'star/src/index.ts': entry('sse-bridge'),
      'plain/package.json': JSON.stringify({ name: 'plain', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', 'util-toolkit': '^1.0.0' } }),
      'plain/node_modules/util-toolkit/package.json': JSON.stringify({ name: 'util-toolkit', version: '1.0.0' }),
      'plain/src/index.ts': entry('util-toolkit'),
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(result.errors.filter((e) => e.file === 'peer/package.json').map((e) => e.message)).toContainEqual(expect.stringMatching(/^stays on SDK v1 \([^)]+\): peer\/src\/index\.ts imports pay-toolkit, which is built on @modelcontextprotocol\/sdk v1 \(its peer dependency @modelcontextprotocol\/sdk \^1\.18\.0\)/));
    expect(result.files.find((f) => f.file === 'peer/src/index.ts')?.after ?? '').not.toMatch(/@modelcontextprotocol\/server/);
    expect(result.errors.filter((e) => e.file === 'star/package.json').map((e) => e.message)).toContainEqual(expect.stringMatching(/^stays on SDK v1 \(star\): star\/src\/index\.ts imports sse-bridge, which is built on @modelcontextprotocol\/sdk v1 \(its peer dependency @modelcontextprotocol\/sdk \*\)/));
    expect(result.files.find((f) => f.file === 'plain/src/index.ts')?.after).toMatch(/@modelcontextprotocol\/server/);
  });

  it("moves a package that imports a library whose peer on the v1 SDK is optional, installed or only in the lockfile, unless the MCP entry point is imported (trial 43C B3)", async () => {
    const entry = (specifier: string) =>
      [`import { Client } from '${specifier}';`, "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';", "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';", 'void new Client();', "await new McpServer({ name: 'a', version: '1.0.0' }).connect(new StdioServerTransport());", ''].join('\n');
    const genai = { name: 'genai-lib', version: '1.23.0', peerDependencies: { '@modelcontextprotocol/sdk': '^1.25.2' }, peerDependenciesMeta: { '@modelcontextprotocol/sdk': { optional: true } } };
    const manifest = (name: string) => JSON.stringify({ name, dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', 'genai-lib': '^1.23.0', zod: '^4.2.0' } });
    const lock = JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'locked' }, 'node_modules/genai-lib': genai, 'node_modules/zod': { version: '4.2.1' } } });
    const dir = project({
      'installed/package.json': manifest('installed'),
      'installed/node_modules/genai-lib/package.json': JSON.stringify(genai),
      'installed/src/index.ts': entry('genai-lib'),
      'locked/package.json': manifest('locked'),
      'locked/package-lock.json': lock,
      'locked/src/index.ts': entry('genai-lib'),
      // Its MCP entry point takes MCP objects: held.
      'mcp/package.json': manifest('mcp'),
      'mcp/node_modules/genai-lib/package.json': JSON.stringify(genai),
      'mcp/src/index.ts': entry('genai-lib/mcp'),
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    for (const name of ['installed', 'locked']) {
      expect(result.errors.filter((e) => e.file === `${name}/package.json` && /stays on SDK v1/.test(e.message))).toEqual([]);
      expect(result.files.find((f) => f.file === `${name}/src/index.ts`)?.after).toMatch(/@modelcontextprotocol\/server/);
    }
    expect(result.errors.filter((e) => e.file === 'mcp/package.json').map((e) => e.message)).toContainEqual(expect.stringMatching(/^stays on SDK v1 \(mcp\): mcp\/src\/index\.ts imports genai-lib, which is built on @modelcontextprotocol\/sdk v1 \(its peer dependency/));
  });

  it('reads an installed package\'s manifest once per run and folder, however many files and hosts ask for it', async () => {
    const file = (n: number) => [`import { helper } from 'util-toolkit';`, "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';", `export const s${n} = [helper, new McpServer({ name: 's', version: '1.0.0' })];`, ''].join('\n');
    const dir = project({
      'package.json': JSON.stringify({ name: 'plain', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', 'util-toolkit': '^1.0.0', 'mcp-handler': '^1.0.0' } }),
      'node_modules/util-toolkit/package.json': JSON.stringify({ name: 'util-toolkit', version: '1.0.0' }),
      'node_modules/mcp-handler/package.json': JSON.stringify({ name: 'mcp-handler', version: '2.0.0' }),
      'src/a.ts': file(1),
      'src/b.ts': file(2),
      'src/c.ts': file(3),
    });
    const read = vi.spyOn(fs, 'readFileSync');
    try {
      const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
      expect(result.stayedOnV1).toEqual([]);
      const reads = (name: string) => read.mock.calls.filter(([p]) => String(p).endsWith(path.join('node_modules', name, 'package.json'))).length;
      expect([reads('util-toolkit'), reads('mcp-handler')]).toEqual([1, 1]);
    } finally {
      read.mockRestore();
    }
  });

  it('moves a package whose file imports only types of a library built on the v1 SDK: no MCP object crosses (browserbase\'s Stagehand)', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'typed', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', 'browser-lib': '^1.0.0', zod: '^4.2.0' } }),
      'node_modules/browser-lib/package.json': JSON.stringify({ name: 'browser-lib', version: '1.0.0', dependencies: { '@modelcontextprotocol/sdk': '1.17.5' } }),
      'src/server.ts': [
        "import type { Browser } from 'browser-lib';",
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        '',
        'export function build(browser: Browser) {',
        "  const server = new McpServer({ name: 'b', version: '1.0.0' });",
        "  server.registerTool('go', { description: 'go' }, async () => { await browser.goto('x'); return { content: [] }; });",
        '  return server;',
        '}',
        '',
      ].join('\n'),
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(result.errors.map((e) => e.message).filter((m) => /stays on SDK v1/.test(m))).toEqual([]);
    expect(result.files.find((f) => f.file === 'src/server.ts')?.after).toMatch(/from '@modelcontextprotocol\/server'/);
    // The same import at run time holds the package.
    fs.writeFileSync(path.join(dir, 'src/server.ts'), fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8').replace('import type { Browser }', 'import { Browser }'));
    const held = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(held.errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/^stays on SDK v1 \(typed\): src\/server\.ts imports browser-lib, which is built on/));
  });

  it('keeps on v1 the workspace packages that share MCP objects with one that stays on v1, both ways (mongodb\'s cli on its core)', async () => {
    const sdk = { '@modelcontextprotocol/sdk': '^1.26.0' };
    const dir = project({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
      // core stays on v1: it imports a library built on it.
      'packages/core/package.json': JSON.stringify({ name: '@w/core', dependencies: { ...sdk, 'ui-kit': '^6.0.0', '@w/tools': 'workspace:*' } }),
      'packages/core/node_modules/ui-kit/package.json': JSON.stringify({ name: 'ui-kit', version: '6.0.0', dependencies: { '@modelcontextprotocol/sdk': '1.29.0' } }),
      'packages/core/src/index.ts': [
        "import { createUIResource } from 'ui-kit';",
        "import { register } from '@w/tools';",
        "export { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        'export { createUIResource, register };',
        '',
      ].join('\n'),
      // app builds its server from core's McpServer.
      'packages/app/package.json': JSON.stringify({ name: '@w/app', dependencies: { ...sdk, '@w/core': 'workspace:*' } }),
      'packages/app/src/server.ts': [
        "import { McpServer } from '@w/core';",
        "import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';",
        '',
        "const server = new McpServer({ name: 'app', version: '1.0.0' });",
        'server.server.setRequestHandler(CallToolRequestSchema, async () => ({ content: [] }));',
        '',
      ].join('\n'),
      // tools is what core imports: moved alone it would hand core v2 objects.
      'packages/tools/package.json': JSON.stringify({ name: '@w/tools', dependencies: sdk }),
      'packages/tools/src/index.ts': [
        "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "export function register(server: McpServer) { server.registerTool('t', { description: 't' }, async () => ({ content: [] })); }",
        '',
      ].join('\n'),
      // other shares nothing with them: it moves.
      'packages/other/package.json': JSON.stringify({ name: '@w/other', dependencies: sdk }),
      'packages/other/src/index.ts': "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const server = new McpServer({ name: 'o', version: '1.0.0' });\n",
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const why = (pkg: string) => result.errors.filter((e) => e.file === `packages/${pkg}/package.json`).map((e) => e.message);
    expect(why('core')).toEqual([expect.stringMatching(/^stays on SDK v1 \(@w\/core\): packages\/core\/src\/index\.ts imports ui-kit, which is built on @modelcontextprotocol\/sdk v1/)]);
    expect(why('app')).toEqual([expect.stringMatching(/^stays on SDK v1 \(@w\/app\): packages\/app\/src\/server\.ts imports @w\/core, a package of this workspace that stays on SDK v1: .*the two move together/)]);
    expect(why('tools')).toEqual([expect.stringMatching(/^stays on SDK v1 \(@w\/tools\): @w\/core, a package of this workspace that stays on SDK v1, imports it \(packages\/core\/src\/index\.ts\): moved alone, it would hand v2 objects to v1 code/)]);
    expect(why('other')).toEqual([]);
    expect(result.files.find((f) => f.file === 'packages/app/src/server.ts')?.after ?? '').not.toMatch(/setRequestHandler\('tools\/call'|@modelcontextprotocol\/server/);
    expect(result.files.find((f) => f.file === 'packages/other/src/index.ts')?.after).toMatch(/from '@modelcontextprotocol\/server'/);
  });

  it('does not tie workspace packages together through their build tools\' configuration (trial 39B: tsup.config.ts importing a plugin in the root\'s folder)', async () => {
    const sdk = { '@modelcontextprotocol/sdk': '^1.16.0' };
    const tsup = "import { defineConfig } from 'tsup';\nimport { markExternal } from '../shared/external-plugin';\nexport default defineConfig({ entry: ['src/index.ts'], esbuildPlugins: [markExternal] });\n";
    const dir = project({
      'package.json': JSON.stringify({ name: 'root', private: true, devDependencies: { tsup: '^8.0.0', ...sdk } }),
      'pnpm-workspace.yaml': 'packages:\n  - "packages/*"\n',
      // The root is on the SDK through a smoke script; packages/shared has no manifest, so it is the root's.
      'scripts/smoke.mjs': "import { Client } from '@modelcontextprotocol/sdk/client/index.js';\nexport const client = new Client({ name: 'smoke', version: '1' });\n",
      'packages/shared/external-plugin.ts': "export const markExternal = { name: 'mark-external', setup() {} };\n",
      // a stays on v1: zod 3.
      'packages/a/package.json': JSON.stringify({ name: 'a', version: '1.0.0', type: 'module', dependencies: { ...sdk, zod: '^3.25.0' } }),
      'packages/a/tsup.config.ts': tsup,
      'packages/a/src/index.ts': [
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "import { z } from 'zod';",
        "export const s = new McpServer({ name: 'a', version: '1.0.0' });",
        "s.registerTool('echo', { inputSchema: { m: z.string() } }, async ({ m }) => ({ content: [{ type: 'text', text: m }] }));",
        '',
      ].join('\n'),
      'packages/b/package.json': JSON.stringify({ name: 'b', version: '1.0.0', type: 'module', dependencies: sdk }),
      'packages/b/tsup.config.ts': tsup,
      'packages/b/src/index.ts': "import { Server } from '@modelcontextprotocol/sdk/server/index.js';\nexport const s = new Server({ name: 'b', version: '1.0.0' }, { capabilities: {} });\n",
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const why = (manifest: string) => result.errors.filter((e) => e.file === manifest).map((e) => e.message);
    expect(why('packages/a/package.json')).toEqual([expect.stringMatching(/^stays on SDK v1 \(a\): packages\/a\/src\/index\.ts imports zod/)]);
    expect(why('package.json')).toEqual([]);
    expect(why('packages/b/package.json')).toEqual([]);
    expect(result.files.find((f) => f.file === 'packages/b/src/index.ts')?.after).toMatch(/from '@modelcontextprotocol\/server'/);
    // Code importing the same folder at run time still ties them.
    fs.writeFileSync(path.join(dir, 'packages/b/src/index.ts'), "import { markExternal } from '../../shared/external-plugin';\n" + fs.readFileSync(path.join(dir, 'packages/b/src/index.ts'), 'utf8'));
    fs.writeFileSync(path.join(dir, 'packages/a/src/extra.ts'), "import { markExternal } from '../../shared/external-plugin';\nexport { markExternal };\n");
    const tied = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(tied.errors.filter((e) => e.file === 'packages/b/package.json').map((e) => e.message)).toEqual([expect.stringMatching(/^stays on SDK v1 \(b\): /)]);
  });

  it('judges a workspace package named like an MCP library by its own code, linked into node_modules or not (trial 39B: @x/mcp-lib)', async () => {
    const sdk = { '@modelcontextprotocol/sdk': '^1.16.0' };
    const files = {
      'package.json': JSON.stringify({ name: 'root', private: true }),
      'pnpm-workspace.yaml': 'packages:\n  - "packages/*"\n  - "examples/*"\n',
      'pnpm-lock.yaml': [
        "lockfileVersion: '9.0'",
        'importers:',
        '  .: {}',
        '  examples/app:',
        '    dependencies:',
        "      '@x/mcp-lib':",
        '        specifier: ^1.0.0',
        '        version: link:../../packages/lib',
        '',
      ].join('\n'),
      'packages/lib/package.json': JSON.stringify({ name: '@x/mcp-lib', version: '1.0.0', type: 'module', dependencies: sdk }),
      'packages/lib/src/index.ts': [
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "export function makeServer(): McpServer { return new McpServer({ name: 'lib', version: '1.0.0' }); }",
        '',
      ].join('\n'),
      'examples/app/package.json': JSON.stringify({ name: 'app', version: '1.0.0', type: 'module', dependencies: { '@x/mcp-lib': '^1.0.0', ...sdk } }),
      'examples/app/src/main.ts': [
        "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';",
        "import { makeServer } from '@x/mcp-lib';",
        'await makeServer().connect(new StdioServerTransport());',
        '',
      ].join('\n'),
    };
    const moved = (result: Awaited<ReturnType<typeof runFix>>) => {
      expect(result.errors.map((e) => e.message).filter((m) => /stays on SDK v1/.test(m))).toEqual([]);
      expect(result.files.find((f) => f.file === 'packages/lib/src/index.ts')?.after).toMatch(/from '@modelcontextprotocol\/server'/);
      expect(result.files.find((f) => f.file === 'examples/app/src/main.ts')?.after).toMatch(/from '@modelcontextprotocol\/server\/stdio'/);
    };
    const dir = project(files);
    moved(await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false }));
    // As pnpm installs it: a link to the package's folder, whose manifest declares the v1 SDK.
    fs.mkdirSync(path.join(dir, 'examples/app/node_modules/@x'), { recursive: true });
    fs.symlinkSync(path.join(dir, 'packages/lib'), path.join(dir, 'examples/app/node_modules/@x/mcp-lib'));
    moved(await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false }));
    // Held by its own code (a zod 3 schema), it holds the app that imports it: they move together.
    fs.writeFileSync(path.join(dir, 'packages/lib/src/index.ts'), fs.readFileSync(path.join(dir, 'packages/lib/src/index.ts'), 'utf8') + "import { z } from 'zod/v3';\nexport const register = (s: McpServer) => s.registerTool('t', { inputSchema: { a: z.string() } }, async () => ({ content: [] }));\n");
    const held = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const why = (manifest: string) => held.errors.filter((e) => e.file === manifest).map((e) => e.message);
    expect(why('packages/lib/package.json')).toEqual([expect.stringMatching(/^stays on SDK v1 \(@x\/mcp-lib\): .*zod/)]);
    expect(why('examples/app/package.json')).toEqual([expect.stringMatching(/^stays on SDK v1 \(app\): examples\/app\/src\/main\.ts imports @x\/mcp-lib, a package of this workspace that stays on SDK v1/)]);
  });

  /** What an Express server that serves sessions by a map of transports imports, and its route (POST, or every method with a test of POST before initialize), serving `build()`'s server. */
  const SESSIONFUL_IMPORTS = [
    "import express from 'express';",
    "import { randomUUID } from 'node:crypto';",
    "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
    "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
  ];
  const sessionfulRoute = (method: 'post' | 'all') => [
    'const app = express();',
    'app.use(express.json());',
    'const transports = new Map<string, StreamableHTTPServerTransport>();',
    `app.${method}('/mcp', async (req, res) => {`,
    "  const sid = req.headers['mcp-session-id'] as string | undefined;",
    '  let t = sid ? transports.get(sid) : undefined;',
    `  if (!t && ${method === 'all' ? "req.method === 'POST' && " : ''}isInitializeRequest(req.body)) {`,
    '    t = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (id) => { transports.set(id, t!); } });',
    '    await build().connect(t);',
    '  }',
    '  if (!t) { res.status(400).end(); return; }',
    '  await t.handleRequest(req, res, req.body);',
    '});',
  ];

  it('tags review a GET answering 405 where a handler fans notifications out through the session map of transports, also with no package.json', async () => {
    const server = [
      ...SESSIONFUL_IMPORTS,
      "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
      "import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';",
      'const watchers = new Map<string, Set<string>>();',
      'function build() {',
      "  const server = new Server({ name: 'watch', version: '1.0.0' }, { capabilities: { tools: {} } });",
      '  server.setRequestHandler(CallToolRequestSchema, async () => {',
      "    for (const sid of watchers.get('counter://main') ?? []) await transports.get(sid)?.send({ jsonrpc: '2.0', method: 'notifications/resources/updated', params: { uri: 'counter://main' } });",
      "    return { content: [{ type: 'text', text: 'bumped' }] };",
      '  });',
      '  return server;',
      '}',
      ...sessionfulRoute('all'),
      '',
    ].join('\n');
    const dir = project({ 'src/server.ts': server });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    expect(result.files.find((f) => f.file === 'src/server.ts')!.changes.find((c) => /405/.test(c.description))).toMatchObject({ safety: 'review', description: expect.stringMatching(/^non-POST requests answer 405; src\/server\.ts:11 /) });
  });

  it('marks the state a short handler keeps though a marker about its request to the client sits inside it', async () => {
    const server = [
      "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
      "import { CallToolRequestSchema, CompleteRequestSchema } from '@modelcontextprotocol/sdk/types.js';",
      'export function build() {',
      "  const server = new Server({ name: 'low', version: '1.0.0' }, { capabilities: { tools: {}, completions: {} } });",
      '  const recent: string[] = [];',
      '  server.setRequestHandler(CallToolRequestSchema, async (req) => {',
      '    const q = String(req.params.arguments?.q);',
      '    recent.push(q);',
      "    const r = await server.createMessage({ messages: [{ role: 'user', content: { type: 'text', text: q } }], maxTokens: 50 });",
      "    return { content: [r.content.type === 'text' ? r.content : { type: 'text', text: '?' }] };",
      '  });',
      '  server.setRequestHandler(CompleteRequestSchema, async () => ({ completion: { values: recent.slice(-5) } }));',
      '  return server;',
      '}',
      // Sessionful serving in the same file: stateless-transport marks the request to the client when it makes it per request.
      ...sessionfulRoute('post'),
    ].join('\n');
    const dir = project({ 'package.json': JSON.stringify({ name: 'low', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.1.0' } }), 'src/server.ts': `${SESSIONFUL_IMPORTS.join('\n')}\n${server}` });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    // (The state the handler keeps with its server holds the dispatch: the file is left as it was, trial 61A B1.)
    const file = result.files.find((f) => f.file === 'src/server.ts');
    expect(file === undefined || file.after === file.before).toBe(true);
    expect(result.errors).toContainEqual({ file: 'src/server.ts', message: expect.stringMatching(/^left unchanged: making its transport stateless would leave state the tools keep with their server \(src\/server\.ts:\d+.*even on one instance; keep that state in a shared store under a handle the tools take, or outside the server, then run fix again$/) });
  });

  it("leaves a dispatch as it was (exit 1) where its session map's records carry data its tools read by the session id; not where only a sweeper reads their times (trial 68A B1)", async () => {
    // Records filed by onsessioninitialized beside the transport; the tools (or a helper of theirs) read one member.
    const server = (record: string, filed: string, tools: string[]) =>
      [
        "import express from 'express';",
        "import { randomUUID } from 'node:crypto';",
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
        "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
        "import { z } from 'zod';",
        `interface Visit { transport: StreamableHTTPServerTransport; ${record} }`,
        'const visits = new Map<string, Visit>();',
        ...tools,
        'const app = express();',
        'app.use(express.json());',
        "app.post('/mcp', async (req, res) => {",
        "  const id = req.headers['mcp-session-id'] as string | undefined;",
        '  const known = id ? visits.get(id) : undefined;',
        '  if (known) { await known.transport.handleRequest(req, res, req.body); return; }',
        "  if (!isInitializeRequest(req.body)) { res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null }); return; }",
        '  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({',
        '    sessionIdGenerator: () => randomUUID(),',
        `    onsessioninitialized: (sid) => { visits.set(sid, { transport, ${filed} }); },`,
        '  });',
        '  await makeServer().connect(transport);',
        '  await transport.handleRequest(req, res, req.body);',
        '});',
        'app.listen(3000);',
        '',
      ].join('\n');
    const manifest = JSON.stringify({ name: 'jukebox', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.1.0', zod: '^3.25.0' } });
    const direct = server('picks: string[]', 'picks: []', [
      'function makeServer() {',
      "  const server = new McpServer({ name: 'jukebox', version: '1.0.0' });",
      "  server.tool('pick_song', 'Queue a song', { song: z.string() }, async ({ song }, extra) => {",
      '    const visit = visits.get(extra.sessionId!)!;',
      '    visit.picks.push(song);',
      "    return { content: [{ type: 'text', text: `${visit.picks.length} queued` }] };",
      '  });',
      "  server.tool('list_picks', 'The queue', {}, async (_args, extra) => ({ content: [{ type: 'text', text: (visits.get(extra.sessionId!)?.picks ?? []).join(', ') }] }));",
      '  return server;',
      '}',
    ]);
    const dir = project({ 'package.json': manifest, 'src/server.ts': direct });
    // (Written, not a dry run: what the CLI's exit status comes from is summary.failed, 1 when above 0.)
    const r = await runFix({ cwd: dir, target: 'sdk-v1', format: false });
    // fix made the transport stateless, tagged it safe and exited 0; every pick_song then threw reading `.picks` of undefined.
    expect(r.summary.failed).toBe(1);
    expect(r.errors).toContainEqual({ file: 'src/server.ts', message: expect.stringMatching(/^left unchanged: making its transport stateless would leave visits' records holding picks \(src\/server\.ts:13\), which pick_song and list_picks read by the MCP session id: with a transport per request no record is ever made, so each of those calls finds none; move picks out of those records into a Map of its own \(explicit-handles gives such a Map an explicit handle the tools take\), then run fix again$/) });
    expect(fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8')).toBe(direct);
    // Moving to the v2 packages, the package stays on v1 for it, and the file is left as it was.
    const moving = project({ 'package.json': manifest.replace('^3.25.0', '^4.2.0'), 'src/server.ts': direct });
    const v2 = await runFix({ cwd: moving, target: '2026-07-28', dryRun: true, format: false });
    expect(v2.errors).toContainEqual({ file: 'package.json', message: expect.stringMatching(/^stays on SDK v1 \(jukebox\): making the transport of src\/server\.ts stateless would leave visits' records holding picks/) });
    expect(v2.errors).toContainEqual({ file: 'src/server.ts', message: expect.stringMatching(/^left unchanged: making its transport stateless would leave visits' records holding picks/) });
    // Through a helper of the tool's, the same.
    const helper = server('picks: string[]', 'picks: []', [
      'function picksOf(sid: string | undefined): string[] {',
      "  return visits.get(sid ?? '')?.picks ?? [];",
      '}',
      'function makeServer() {',
      "  const server = new McpServer({ name: 'jukebox', version: '1.0.0' });",
      "  server.tool('pick_song', 'Queue a song', { song: z.string() }, async ({ song }, extra) => {",
      '    picksOf(extra.sessionId).push(song);',
      "    return { content: [{ type: 'text', text: 'queued' }] };",
      '  });',
      '  return server;',
      '}',
    ]);
    const throughHelper = project({ 'package.json': manifest, 'src/server.ts': helper });
    const h = await runFix({ cwd: throughHelper, target: 'sdk-v1', format: false });
    expect(h.summary.failed).toBe(1);
    expect(h.errors).toContainEqual({ file: 'src/server.ts', message: expect.stringMatching(/^left unchanged: making its transport stateless would leave visits' records holding picks \(src\/server\.ts:10\), which pick_song reads by the MCP session id/) });
    expect(fs.readFileSync(path.join(throughHelper, 'src/server.ts'), 'utf8')).toBe(helper);
    // Look-alike: records holding only the transport and a time a sweeper reads, no tool: rewritten as before.
    const swept = server('createdAt: number', 'createdAt: Date.now()', [
      'setInterval(() => {',
      '  for (const [sid, visit] of visits) if (Date.now() - visit.createdAt > 60_000) { void visit.transport.close(); visits.delete(sid); }',
      '}, 10_000);',
      'function makeServer() {',
      "  const server = new McpServer({ name: 'jukebox', version: '1.0.0' });",
      "  server.tool('echo', 'Echo', { text: z.string() }, async ({ text }) => ({ content: [{ type: 'text', text }] }));",
      '  return server;',
      '}',
    ]);
    const sweeper = project({ 'package.json': manifest, 'src/server.ts': swept });
    const s = await runFix({ cwd: sweeper, target: 'sdk-v1', format: false });
    expect(s.summary.failed).toBe(0);
    expect(s.errors.filter((e) => /left unchanged/.test(e.message))).toEqual([]);
    expect(fs.readFileSync(path.join(sweeper, 'src/server.ts'), 'utf8')).toContain('sessionIdGenerator: undefined');
    // Look-alike: a field only the route reads (an ownership check beside the dispatch, which goes
    // with it), while a tool only asks whether the map has the session: rewritten too (review 87).
    const owned = [
      "import express from 'express';",
      "import { randomUUID } from 'node:crypto';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
      "import { z } from 'zod';",
      'interface Visit { transport: StreamableHTTPServerTransport; userId?: string }',
      'const visits = new Map<string, Visit>();',
      'function makeServer() {',
      "  const server = new McpServer({ name: 'jukebox', version: '1.0.0' });",
      "  server.tool('echo', 'Echo', { text: z.string() }, async ({ text }) => ({ content: [{ type: 'text', text }] }));",
      "  server.tool('who', 'Is my session known', {}, async (_a, extra) => ({ content: [{ type: 'text', text: String(visits.has(extra.sessionId ?? '')) }] }));",
      '  return server;',
      '}',
      'const app = express();',
      'app.use(express.json());',
      "app.post('/mcp', async (req, res) => {",
      "  const id = req.headers['mcp-session-id'] as string | undefined;",
      '  const known = id ? visits.get(id) : undefined;',
      '  if (known) { if (known.userId !== (req as any).auth?.userId) { res.status(403).end(); return; } await known.transport.handleRequest(req, res, req.body); return; }',
      "  if (!isInitializeRequest(req.body)) { res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null }); return; }",
      '  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({',
      '    sessionIdGenerator: () => randomUUID(),',
      '    onsessioninitialized: (sid) => { visits.set(sid, { transport, userId: (req as any).auth?.userId }); },',
      '  });',
      '  await makeServer().connect(transport);',
      '  await transport.handleRequest(req, res, req.body);',
      '});',
      'app.listen(3000);',
      '',
    ].join('\n');
    const ownership = project({ 'package.json': manifest, 'src/server.ts': owned });
    const o = await runFix({ cwd: ownership, target: 'sdk-v1', format: false });
    expect(o.errors.filter((e) => /left unchanged/.test(e.message))).toEqual([]);
    expect(fs.readFileSync(path.join(ownership, 'src/server.ts'), 'utf8')).toContain('sessionIdGenerator: undefined');
  });

  it('tags review a GET answering 405 where the package sends notifications through the server from a handler, and says where; not where nothing does', async () => {
    const tools = (push: boolean) =>
      [
        "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
        "import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';",
        'export function build() {',
        "  const server = new Server({ name: 'low', version: '1.0.0' }, { capabilities: { tools: {}, resources: {} } });",
        '  server.setRequestHandler(CallToolRequestSchema, async () => {',
        push ? "    await server.sendResourceUpdated({ uri: 'file:///data.txt' });" : '    // nothing pushed',
        "    return { content: [{ type: 'text', text: 'touched' }] };",
        '  });',
        '  return server;',
        '}',
        '',
      ].join('\n');
    const http = [...SESSIONFUL_IMPORTS, "import { build } from './tools.js';", ...sessionfulRoute('all'), 'app.listen(3000);', ''].join('\n');
    const manifest = JSON.stringify({ name: 'low', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.1.0' } });
    const get405 = async (push: boolean) => {
      const dir = project({ 'package.json': manifest, 'src/tools.ts': tools(push), 'src/http.ts': http });
      const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
      return result.files.find((f) => f.file === 'src/http.ts')!.changes.find((c) => /405/.test(c.description))!;
    };
    expect(await get405(true)).toMatchObject({ safety: 'review', description: expect.stringMatching(/^non-POST requests answer 405; src\/tools\.ts:6 sends a notification through the server, which only this GET stream carried: it now reaches no client/) });
    expect(await get405(false)).toMatchObject({ safety: 'safe', description: 'non-POST requests answer 405' });
  });

  it('keeps together packages of a workspace that import each other by a relative path into the other\'s folder', async () => {
    const sdk = { '@modelcontextprotocol/sdk': '^1.29.0' };
    const dir = project({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['local', 'shared', 'alone'] }),
      // shared stays on v1: a tool described by an object, which the official codemod cannot convert.
      'shared/package.json': JSON.stringify({ name: 'demo-shared', dependencies: { ...sdk, zod: '^4.2.1' } }),
      'shared/src/index.ts': [
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "import { z } from 'zod';",
        "const echo = { name: 'echo', description: 'Echo', inputSchema: { text: z.string() }, handler: async ({ text }: { text: string }) => ({ content: [{ type: 'text' as const, text }] }) };",
        'export function createMCPServer() {',
        "  const server = new McpServer({ name: 'demo', version: '1.0.0' });",
        '  server.tool(echo.name, echo.description, echo.inputSchema, echo.handler);',
        '  return server;',
        '}',
        '',
      ].join('\n'),
      // local runs shared's v1 server through a relative path.
      'local/package.json': JSON.stringify({ name: 'demo-local', dependencies: sdk }),
      'local/src/index.ts': [
        "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';",
        "import { createMCPServer } from '../../shared/src/index.js';",
        'await createMCPServer().connect(new StdioServerTransport());',
        '',
      ].join('\n'),
      // alone imports only its own files: it moves.
      'alone/package.json': JSON.stringify({ name: 'alone', dependencies: sdk }),
      'alone/src/index.ts': "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nimport { name } from './name.js';\nexport const server = new McpServer({ name, version: '1.0.0' });\n",
      'alone/src/name.ts': "export const name = 'alone';\n",
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const why = (pkg: string) => result.errors.filter((e) => e.file === `${pkg}/package.json`).map((e) => e.message);
    expect(why('local')).toEqual([expect.stringMatching(/^stays on SDK v1 \(demo-local\): local\/src\/index\.ts imports demo-shared \(by a relative path into its folder\), a package of this workspace that stays on SDK v1: .*the two move together/)]);
    expect(why('alone')).toEqual([]);
    expect(result.files.find((f) => f.file === 'local/package.json')).toBeUndefined();
    expect(result.files.find((f) => f.file === 'alone/src/index.ts')?.after).toMatch(/from '@modelcontextprotocol\/server'/);
  });

  it('takes a server published under the SDK\'s scope (@modelcontextprotocol/server-debug) for an application built on the SDK, not the SDK', async () => {
    const entry = [
      "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { createServer } from '@modelcontextprotocol/server-debug';",
      'export const SERVERS: Record<string, () => McpServer> = { debug: createServer };',
      '',
    ].join('\n');
    const dir = project({
      'installed/package.json': JSON.stringify({ name: 'installed', dependencies: { '@modelcontextprotocol/sdk': '1.29.0', '@modelcontextprotocol/server-debug': '^1.3.1' } }),
      'installed/node_modules/@modelcontextprotocol/server-debug/package.json': JSON.stringify({ name: '@modelcontextprotocol/server-debug', version: '1.3.1', dependencies: { '@modelcontextprotocol/sdk': '^1.29.0' } }),
      'installed/src/apps.ts': entry,
      'fresh/package.json': JSON.stringify({ name: 'fresh', dependencies: { '@modelcontextprotocol/sdk': '1.29.0', '@modelcontextprotocol/server-debug': '^1.3.1' } }),
      'fresh/src/apps.ts': entry,
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const why = (pkg: string) => result.errors.filter((e) => e.file === `${pkg}/package.json`).map((e) => e.message);
    expect(why('installed')).toEqual([expect.stringMatching(/^stays on SDK v1 \(installed\): installed\/src\/apps\.ts imports @modelcontextprotocol\/server-debug, which is built on @modelcontextprotocol\/sdk v1/)]);
    expect(why('fresh')).toEqual([expect.stringMatching(/^stays on SDK v1 \(fresh\): fresh\/src\/apps\.ts imports @modelcontextprotocol\/server-debug, which is not installed/)]);
    const project2 = await analyseProject(path.join(dir, 'installed'), new ProjectSignals());
    expect(project2.sdkSummary).toBe('installed: @modelcontextprotocol/sdk@1.29.0');
  });

  it("takes a client library's shared protocol types from the client package, not the server one (mcp-ui's client)", async () => {
    const types = "import type { EmbeddedResource } from '@modelcontextprotocol/sdk/types.js';\nexport const isUi = (r: EmbeddedResource) => r.resource.uri.startsWith('ui://');\n";
    const dir = project({
      'client/package.json': JSON.stringify({ name: 'ui-client', dependencies: { '@modelcontextprotocol/sdk': '^1.22.0' } }),
      'client/src/connect.ts': "import { Client } from '@modelcontextprotocol/sdk/client/index.js';\nexport const client = new Client({ name: 'ui', version: '1.0.0' });\n",
      'client/src/types.ts': types,
      'server/package.json': JSON.stringify({ name: 'ui-server', dependencies: { '@modelcontextprotocol/sdk': '^1.22.0' } }),
      'server/src/server.ts': "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const server = new McpServer({ name: 'ui', version: '1.0.0' });\n",
      'server/src/types.ts': types,
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const after = (file: string) => result.files.find((f) => f.file === file)?.after ?? '';
    expect(after('client/src/types.ts')).toMatch(/import type \{ EmbeddedResource \} from '@modelcontextprotocol\/client';/);
    expect(JSON.parse(after('client/package.json')).dependencies).toEqual({ '@modelcontextprotocol/client': expect.any(String) });
    expect(after('server/src/types.ts')).toMatch(/import type \{ EmbeddedResource \} from '@modelcontextprotocol\/server';/);
  });

  it("tags review the rewrite of a caller's generator option handed on (it becomes a no-op), and leaves one typed to be undefined", async () => {
    const input = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/stateless-transport/passed-through-option.input.ts'), 'utf8');
    const dir = project({ 'package.json': JSON.stringify({ name: 'lib', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0' } }), 'src/handler.ts': input });
    const result = await runFix({ cwd: dir, dryRun: true, format: false });
    const changes = result.files.find((f) => f.file === 'src/handler.ts')!.changes;
    expect(changes.map((c) => [c.line, c.safety, c.description])).toEqual([[32, 'review', expect.stringMatching(/^transport made stateless \(sessionIdGenerator: undefined\): the caller's option it handed on no longer does anything/)]]);
    // Nor does the report call it a transport of stateful sessions.
    const signals = new ProjectSignals();
    signals.add(input, 'code');
    expect([...signals.transports]).toEqual([]);
    signals.add("new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() }); // mcp", 'code');
    expect([...signals.transports]).toEqual(['Streamable HTTP (stateful sessions)']);
  });

  it('keeps a dispatch that files the transport in its Map after connect safe: that is the bookkeeping it removes, not set-up that runs per request', async () => {
    const server = [
      ...EXPRESS_SESSION_IMPORTS,
      '',
      'const transports = new Map<string, StreamableHTTPServerTransport>();',
      'const issued = new Set<string>();',
      'const app = express();',
      'app.use(express.json());',
      '',
      "app.post('/mcp', async (req, res) => {",
      "  const sessionId = req.headers['mcp-session-id'] as string | undefined;",
      '  let transport: StreamableHTTPServerTransport;',
      '  if (sessionId && transports.has(sessionId)) {',
      '    transport = transports.get(sessionId)!;',
      '  } else if (!sessionId && isInitializeRequest(req.body)) {',
      '    transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });',
      "    await new McpServer({ name: 'x', version: '1.0.0' }).connect(transport);",
      '    transports.set(transport.sessionId!, transport);',
      'RECORD',
      '  } else {',
      "    res.status(400).json({ error: 'bad' });",
      '    return;',
      '  }',
      '  await transport.handleRequest(req, res, req.body);',
      '});',
      '',
    ].join('\n');
    const dispatch = async (text: string) => {
      const dir = project({ 'package.json': JSON.stringify({ name: 'svc', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0' } }), 'src/server.ts': text });
      const result = await runFix({ cwd: dir, dryRun: true, format: false });
      return result.files.find((f) => f.file === 'src/server.ts')!.changes.find((c) => /session dispatch/.test(c.description))!;
    };
    expect((await dispatch(server.replace('RECORD\n', ''))).safety).toBe('safe');
    // A record of the session elsewhere in module state now runs per request: to review.
    const recorded = await dispatch(server.replace('RECORD', '    issued.add(transport.sessionId!);'));
    expect([recorded.safety, recorded.description]).toEqual(['review', expect.stringMatching(/issued\.add\(\), now runs on every request/)]);
  });

  it('keeps Mcp-Session-Id in a CORS list of another file while the package still issues session ids, and drops it in the run that makes it stateless', async () => {
    const cors = ['export const DEFAULT_CORS = {', "  allowOrigin: '*',", "  allowHeaders: 'Content-Type, Authorization, Mcp-Session-Id',", "  exposeHeaders: 'Mcp-Session-Id',", '};', ''].join('\n');
    // A framework's own transport: sessions fanned out from one upstream, which fix only marks.
    const fannedOut = [
      "import { randomUUID } from 'node:crypto';",
      "import { createServer } from 'node:http';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
      "import { DEFAULT_CORS } from './cors.js';",
      '',
      'export class HttpStream {',
      '  onmessage?: (m: unknown) => Promise<void>;',
      '  private transports: { [sessionId: string]: StreamableHTTPServerTransport } = {};',
      '  start() {',
      '    createServer(async (req, res) => {',
      "      res.setHeader('Access-Control-Allow-Headers', DEFAULT_CORS.allowHeaders);",
      "      const sid = req.headers['mcp-session-id'] as string | undefined;",
      '      let t = sid ? this.transports[sid] : undefined;',
      '      if (!t && isInitializeRequest({})) {',
      '        const nt = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (id) => { this.transports[id] = nt; } });',
      '        nt.onmessage = async (m) => { await this.onmessage?.(m); };',
      '        t = nt;',
      '      }',
      '      await t!.handleRequest(req, res);',
      '    }).listen(8080);',
      '  }',
      '  async send(message: unknown) {',
      '    for (const t of Object.values(this.transports)) await t.send(message as never);',
      '  }',
      '}',
      '',
    ].join('\n');
    const manifest = JSON.stringify({ name: 'svc', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0' } });
    const kept = await runFix({ cwd: project({ 'package.json': manifest, 'src/cors.ts': cors, 'src/transport.ts': fannedOut }), dryRun: true, format: false });
    const corsFix = kept.files.find((f) => f.file === 'src/cors.ts')!;
    expect(corsFix.after).toContain("allowHeaders: 'Content-Type, Authorization, Mcp-Session-Id, Mcp-Method, Mcp-Name, MCP-Protocol-Version'");
    expect(corsFix.after).toContain("exposeHeaders: 'Mcp-Session-Id'");
    expect(corsFix.markers.map((m) => m.message)).toEqual([expect.stringMatching(/^Mcp-Session-Id stays in this CORS list while another file of this package still issues session ids/), expect.stringMatching(/^Mcp-Session-Id stays/)]);
    // Listed in the order the files were read, though the CORS file was rewritten last.
    expect(kept.files.map((f) => f.file)).toEqual(['src/cors.ts', 'src/transport.ts']);

    // The transport fix makes stateless in the same run: the header goes from the list in that run, and a second run changes nothing.
    const dir = project({ 'package.json': manifest, 'src/cors.ts': cors, 'src/server.ts': SESSIONFUL });
    const first = await runFix({ cwd: dir, format: false });
    expect(first.files.find((f) => f.file === 'src/server.ts')!.after).toBe(MIGRATED);
    const written = fs.readFileSync(path.join(dir, 'src/cors.ts'), 'utf8');
    expect(written).not.toContain('Mcp-Session-Id');
    expect(written).not.toContain('TODO(mcp-migrate)');
    execFileSync('git', ['commit', '-qam', 'fix'], { cwd: dir });
    const second = await runFix({ cwd: dir, format: false });
    expect(second.files.filter((f) => f.after !== f.before)).toEqual([]);
  });

  it('drops Mcp-Session-Id from a stateless server\'s CORS list though a client script of the package sends the header back: a client issues no session ids (trial 24C)', async () => {
    const server = [
      "import express from 'express';",
      "import cors from 'cors';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      '',
      'const app = express();',
      "app.use(cors({ allowedHeaders: ['Content-Type', 'Mcp-Session-Id'], exposedHeaders: ['Mcp-Session-Id'] }));",
      'app.use(express.json());',
      "app.post('/mcp', async (req, res) => {",
      "  const server = new McpServer({ name: 'notes', version: '1.0.0' });",
      '  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });',
      "  res.on('close', () => { void transport.close(); void server.close(); });",
      '  await server.connect(transport);',
      '  await transport.handleRequest(req, res, req.body);',
      '});',
      'app.listen(3000);',
      '',
    ].join('\n');
    // A smoke test that echoes the id a 2025 server minted, by hand: what it writes is its own request's header.
    const smoke = [
      'let sessionId;',
      'export async function post(body) {',
      "  const headers = { 'content-type': 'application/json' };",
      "  if (sessionId) headers['Mcp-Session-Id'] = sessionId;",
      "  const response = await fetch('http://localhost:3000/mcp', { method: 'POST', headers, body: JSON.stringify(body) });",
      "  sessionId = response.headers.get('mcp-session-id') ?? sessionId;",
      '  return response.text();',
      '}',
      '',
    ].join('\n');
    const manifest = JSON.stringify({ name: 'svc', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0' } });
    const result = await runFix({ cwd: project({ 'package.json': manifest, 'src/server.ts': server, 'smoke.mjs': smoke }), dryRun: true, format: false });
    const fixed = result.files.find((f) => f.file === 'src/server.ts')!;
    expect(fixed.after).toContain("app.use(cors({ allowedHeaders: ['Content-Type', 'Mcp-Method', 'Mcp-Name', 'MCP-Protocol-Version'] }));");
    expect(fixed.markers).toEqual([]);
    // A server of the package that writes the header on its responses still keeps it there.
    const minting = smoke.replace('export async function post', "import { createServer } from 'node:http';\ncreateServer((req, res) => { res.setHeader('Mcp-Session-Id', 'abc'); res.end(); });\nexport async function post");
    const kept = await runFix({ cwd: project({ 'package.json': manifest, 'src/server.ts': server, 'smoke.mjs': minting }), dryRun: true, format: false });
    expect(kept.files.find((f) => f.file === 'src/server.ts')!.markers.map((m) => m.message)).toEqual([expect.stringMatching(/^Mcp-Session-Id stays in this CORS list while another file of this package still issues session ids/)]);
  });

  it('marks an exported CORS list it cannot rewrite as kept while another file still issues session ids on its 2025 path, not "drop it" (hf-mcp-server)', async () => {
    const constants = ['// Headers page scripts may read', "export const CORS_EXPOSED_HEADERS = ['Mcp-Session-Id', 'WWW-Authenticate'];", ''].join('\n');
    const web = [
      "import cors from 'cors';",
      "import { CORS_EXPOSED_HEADERS } from './constants.js';",
      "import { McpServer } from '@modelcontextprotocol/server';",
      "export const middleware = cors({ origin: 'https://example.com', exposedHeaders: CORS_EXPOSED_HEADERS });",
      "export const build = () => new McpServer({ name: 'x', version: '1.0.0' });",
      '',
    ].join('\n');
    // The 2025 path of code that speaks both eras, kept on purpose: it still mints session ids.
    const legacy = [
      "import { randomUUID } from 'node:crypto';",
      "import type http from 'node:http';",
      "import { createMcpHandler, isLegacyRequest } from '@modelcontextprotocol/server';",
      "import { toNodeHandler, toWebRequest } from '@modelcontextprotocol/node';",
      "import { build } from './web.js';",
      'const modern = toNodeHandler(createMcpHandler(build));',
      'export async function handle(req: http.IncomingMessage, res: http.ServerResponse, body: unknown) {',
      '  if (!(await isLegacyRequest(await toWebRequest(req, body), body))) return modern(req, res, body);',
      "  res.setHeader('Mcp-Session-Id', randomUUID());",
      '  res.end();',
      '}',
      '',
    ].join('\n');
    const manifest = JSON.stringify({ name: 'svc', dependencies: { '@modelcontextprotocol/server': '2.4.0', '@modelcontextprotocol/node': '2.1.2', cors: '^2.8.5' } });
    const markers = async (files: Record<string, string>) => {
      const result = await runFix({ cwd: project({ 'package.json': manifest, 'src/constants.ts': constants, 'src/web.ts': web, ...files }), dryRun: true, format: false });
      return result.files.find((f) => f.file === 'src/constants.ts')?.markers.map((m) => m.message);
    };
    expect(await markers({ 'src/transport.ts': legacy })).toEqual([expect.stringMatching(/^Mcp-Session-Id stays in this CORS list while another file of this package still issues session ids/)]);
    // Once nothing issues them, the marker says to drop it (an expose list: nothing to add).
    const stateless = legacy.replace("  res.setHeader('Mcp-Session-Id', randomUUID());\n", '');
    expect(await markers({ 'src/transport.ts': stateless })).toEqual(['CORS CORS_EXPOSED_HEADERS lists Mcp-Session-Id; 2026-07-28 servers never send it, so drop it (not rewritten automatically)']);
  });

  it('knows a library built on the v1 SDK from the lockfile when it is not installed, and holds an MCP library nothing speaks for', async () => {
    const entry = [
      "import { StreamableHTTPTransport } from '@hono/mcp';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "export const pair = [new McpServer({ name: 'h', version: '1.0.0' }), new StreamableHTTPTransport()];",
      '',
    ].join('\n');
    const manifest = (name: string) => JSON.stringify({ name, dependencies: { '@modelcontextprotocol/sdk': '^1.20.0', '@hono/mcp': '^0.1.0' } });
    const pnpmLock = [
      "lockfileVersion: '9.0'",
      '',
      'packages:',
      '',
      "  '@hono/mcp@0.1.0':",
      '    resolution: {integrity: sha512-x}',
      '    peerDependencies:',
      "      '@modelcontextprotocol/sdk': ^1.12.0",
      "      hono: '*'",
      '',
    ].join('\n');
    const npmLock = (sdk?: string) =>
      JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'n' }, 'node_modules/@hono/mcp': { version: '0.1.0', ...(sdk ? { peerDependencies: { '@modelcontextprotocol/sdk': sdk } } : {}) } } });
    const dir = project({
      'pnpm/package.json': manifest('pnpm'),
      'pnpm/pnpm-lock.yaml': pnpmLock,
      'pnpm/src/index.ts': entry,
      'npm/package.json': manifest('npm'),
      'npm/package-lock.json': npmLock('^1.12.0'),
      'npm/src/index.ts': entry,
      'none/package.json': manifest('none'),
      'none/src/index.ts': entry,
      // A lockfile that lists it and records no need for the SDK: nothing holds the move back.
      'v2/package.json': manifest('v2'),
      'v2/package-lock.json': npmLock(),
      'v2/src/index.ts': entry,
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const why = (pkg: string) => result.errors.filter((e) => e.file === `${pkg}/package.json`).map((e) => e.message).filter((m) => /stays on SDK v1/.test(m));
    const moved = (pkg: string) => /@modelcontextprotocol\/server/.test(result.files.find((f) => f.file === `${pkg}/src/index.ts`)?.after ?? '');
    expect(why('pnpm')).toEqual([expect.stringMatching(/^stays on SDK v1 \([^)]+\): pnpm\/src\/index\.ts imports @hono\/mcp, which is built on @modelcontextprotocol\/sdk v1 \(its peer dependency @modelcontextprotocol\/sdk \^1\.12\.0\)/)]);
    expect(why('npm')).toEqual([expect.stringMatching(/^stays on SDK v1 \([^)]+\): npm\/src\/index\.ts imports @hono\/mcp, which is built on @modelcontextprotocol\/sdk v1 \(its peer dependency/)]);
    expect(why('none')).toEqual([expect.stringMatching(/^stays on SDK v1 \([^)]+\): none\/src\/index\.ts imports @hono\/mcp, which is not installed, and no lockfile entry says which MCP SDK it is built on.*Install the dependencies, then run fix again/)]);
    expect([moved('pnpm'), moved('npm'), moved('none'), moved('v2')]).toEqual([false, false, false, true]);
  });

  it('names every blocker of a held package in one message, each with its files and lines, and for @hono/mcp the v2 handler to serve through', async () => {
    const http = [
      "import { StreamableHTTPTransport } from '@hono/mcp';",
      "import { Hono } from 'hono';",
      "import { buildServer } from './server.js';",
      'export const app = new Hono();',
      "app.post('/mcp', async (c) => {",
      '  const transport = new StreamableHTTPTransport();',
      '  await buildServer().connect(transport);',
      '  return transport.handleRequest(c);',
      '});',
      '',
    ].join('\n');
    // resource() calls whose arguments the official codemod cannot read: it leaves them, and the v2 McpServer has none.
    const registers = (what: string) =>
      [
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        `import { ${what} } from './defs.js';`,
        `export function add${what}(server: McpServer) {`,
        `  for (const def of ${what}) server.resource(def.name, def.template, def.metadata, def.handler);`,
        '}',
        '',
      ].join('\n');
    const server = "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const buildServer = () => new McpServer({ name: 'git', version: '1.0.0' });\n";
    const dir = project({
      'package.json': JSON.stringify({ name: 'git', dependencies: { '@modelcontextprotocol/sdk': '^1.29.0', '@hono/mcp': '^0.2.5', hono: '^4.12.0' } }),
      'node_modules/@hono/mcp/package.json': JSON.stringify({ name: '@hono/mcp', version: '0.2.5', peerDependencies: { '@modelcontextprotocol/sdk': '^1.25.1', hono: '*' } }),
      'src/http.ts': http,
      'src/resources.ts': registers('resources'),
      'src/server.ts': server,
      'src/templates.ts': registers('templates'),
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const why = result.errors.filter((e) => /stays on SDK v1/.test(e.message)).map((e) => e.message);
    expect(why).toHaveLength(1);
    // The library first (its file comes first), then the files the move refuses, named together: all in the first run.
    const [library, refused] = why[0].split('; besides, ');
    expect(library).toMatch(/^stays on SDK v1 \(git\): src\/http\.ts imports @hono\/mcp, which is built on @modelcontextprotocol\/sdk v1 \(its peer dependency @modelcontextprotocol\/sdk \^1\.25\.1\)/);
    expect(library).toMatch(/move when @hono\/mcp is on the v2 packages, or serve the endpoint through the v2 packages' own handler instead of its transport: createMcpHandler\(.*\) from @modelcontextprotocol\/server, in an app of createMcpHonoApp\(\) from @modelcontextprotocol\/hono/);
    expect(refused).toMatch(/^src\/resources\.ts:4 and src\/templates\.ts:4 cannot move to the v2 packages \(the official v1→v2 codemod could not convert this resource\(\) call.*\); move those files by hand, then run fix again \(the sdk-v1 codemods ran on this package instead\)$/);
    expect(result.files.some((f) => /@modelcontextprotocol\/server/.test(f.after))).toBe(false);
  });

  it('judges @modelcontextprotocol/ext-apps by its version (2.x is on the v2 packages), and names every file that imports a library that holds a package', async () => {
    const server = "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const server = new McpServer({ name: 's', version: '1.0.0' });\n";
    const view = "import { App } from '@modelcontextprotocol/ext-apps';\nexport const app = new App({ name: 'view', version: '1.0.0' });\n";
    const manifest = (name: string, extApps: string) => JSON.stringify({ name, dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', '@modelcontextprotocol/ext-apps': extApps } });
    const extApps = (version: string, peers: Record<string, string>) => JSON.stringify({ name: '@modelcontextprotocol/ext-apps', version, peerDependencies: peers });
    const dir = project({
      // Installed 1.x: its peer says v1; three files import it.
      'old/package.json': manifest('old', '^1.0.1'),
      'old/node_modules/@modelcontextprotocol/ext-apps/package.json': extApps('1.0.1', { '@modelcontextprotocol/sdk': '^1.24.0' }),
      'old/src/server.ts': server,
      'old/src/ui/a.ts': view,
      'old/src/ui/b.ts': view,
      'old/src/ui/c.ts': view,
      // Declared 1.x, nothing installed nor locked: the version says it; two files import it.
      'declared/package.json': manifest('declared', '^1.0.1'),
      'declared/src/server.ts': server,
      'declared/src/ui/a.ts': view,
      'declared/src/ui/b.ts': view,
      // Declared 2.x, not installed: on the v2 packages.
      'two/package.json': manifest('two', '^2.0.0'),
      'two/src/server.ts': server,
      'two/src/ui/a.ts': view,
      // Declared 1.x but 2.0.4 installed: the copy installed is what runs.
      'installed/package.json': manifest('installed', '^1.0.1'),
      'installed/node_modules/@modelcontextprotocol/ext-apps/package.json': extApps('2.0.4', { '@modelcontextprotocol/server': '^2.0.0', '@modelcontextprotocol/client': '^2.0.0', '@modelcontextprotocol/core': '^2.0.0', zod: '^4.2.0' }),
      'installed/src/server.ts': server,
      'installed/src/ui/a.ts': view,
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const why = (pkg: string) => result.errors.filter((e) => e.file === `${pkg}/package.json`).map((e) => e.message).filter((m) => /stays on SDK v1/.test(m));
    const moved = (pkg: string) => /@modelcontextprotocol\/server/.test(result.files.find((f) => f.file === `${pkg}/src/server.ts`)?.after ?? '');
    expect(why('old')).toEqual([
      expect.stringMatching(/^stays on SDK v1 \(old\): old\/src\/ui\/a\.ts and 2 more files import @modelcontextprotocol\/ext-apps, which is built on @modelcontextprotocol\/sdk v1 \(its peer dependency @modelcontextprotocol\/sdk \^1\.24\.0\)[^;]*; raise @modelcontextprotocol\/ext-apps to \^2 \(built on the v2 packages\), then run fix again/),
    ]);
    expect(why('old')[0]).not.toMatch(/move when/);
    expect(why('declared')).toEqual([expect.stringMatching(/^stays on SDK v1 \(declared\): declared\/src\/ui\/a\.ts and declared\/src\/ui\/b\.ts import @modelcontextprotocol\/ext-apps, which is built on @modelcontextprotocol\/sdk v1 \(@modelcontextprotocol\/ext-apps \^1\.0\.1, below 2\.0\)[^;]*; raise @modelcontextprotocol\/ext-apps to \^2/)]);
    expect([why('two'), why('installed')]).toEqual([[], []]);
    expect([moved('old'), moved('declared'), moved('two'), moved('installed')]).toEqual([false, false, true, true]);
    expect(result.stayedOnV1).toEqual(['declared/package.json', 'old/package.json']);
  });

  it('holds nothing on v1 for a library built on SDK v1 in a package whose own MCP code is on the v2 packages already (an MCP App view beside a v2 server)', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'apps', type: 'module', dependencies: { '@modelcontextprotocol/ext-apps': '^1.7.5', '@modelcontextprotocol/sdk': '1.30.0', '@modelcontextprotocol/server': '2.0.0', zod: '^4.4.3' } }),
      'node_modules/@modelcontextprotocol/ext-apps/package.json': JSON.stringify({ name: '@modelcontextprotocol/ext-apps', version: '1.7.5', peerDependencies: { '@modelcontextprotocol/sdk': '^1.29.0' } }),
      'src/server/index.ts': "import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';\nconst handler = createMcpHandler(() => new McpServer({ name: 'apps', version: '1' }));\nexport default { fetch: (req: Request) => handler.fetch(req) };\n",
      'src/widget/app.ts': "import { App } from '@modelcontextprotocol/ext-apps';\nexport const app = new App({ name: 'widget', version: '1' }, {});\n",
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(result.stayedOnV1).toEqual([]);
    expect(result.errors.map((e) => `${e.file}: ${e.message}`)).toEqual([
      expect.stringMatching(/^package\.json: src\/widget\/app\.ts imports @modelcontextprotocol\/ext-apps, which is built on @modelcontextprotocol\/sdk v1 \(its peer dependency @modelcontextprotocol\/sdk \^1\.29\.0\), but the package's own MCP code is on the v2 packages already: nothing is held on SDK v1\. Keep @modelcontextprotocol\/sdk installed for @modelcontextprotocol\/ext-apps until you raise @modelcontextprotocol\/ext-apps to \^2, built on the v2 packages/),
    ]);
    expect(result.files.filter((f) => f.after !== f.before)).toEqual([]);
    // One file still on the v1 SDK: the package has code to move, and the library holds it.
    fs.writeFileSync(path.join(dir, 'src/server/legacy.ts'), "import { Server } from '@modelcontextprotocol/sdk/server/index.js';\nexport const legacy = new Server({ name: 'l', version: '1' }, { capabilities: {} });\n");
    const held = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(held.stayedOnV1).toEqual(['package.json']);
    expect(held.errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/^stays on SDK v1 \(apps\): src\/widget\/app\.ts imports @modelcontextprotocol\/ext-apps, which is built on/));
  });

  it('holds a package importing the MCP entry point of a library nothing on disk speaks for (@acme/agent-toolkit/mcp)', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'agent', dependencies: { '@modelcontextprotocol/sdk': '^1.20.0', '@acme/agent-toolkit': '^1.0.0' } }),
      'src/index.ts': [
        "import { AgentToolkit } from '@acme/agent-toolkit/mcp';",
        "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';",
        "await new AgentToolkit({ key: 'k' }).connect(new StdioServerTransport());",
        '',
      ].join('\n'),
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(result.errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/^stays on SDK v1 \(agent\): src\/index\.ts imports @acme\/agent-toolkit\/mcp, which is not installed/));
    expect(result.files.filter((f) => f.after !== f.before && /@modelcontextprotocol\/server/.test(f.after))).toEqual([]);
  });

  it('says, with the manifest of a package that moves to v2, which of its tests it left on the v1 SDK', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'svc', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0' } }),
      'src/server.ts': "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const server = new McpServer({ name: 'svc', version: '1.0.0' });\n",
      'test/server.test.ts': "import { Client } from '@modelcontextprotocol/sdk/client/index.js';\nimport { server } from '../src/server.js';\nexport const pair = [new Client({ name: 't', version: '1' }), server];\n",
      'test/util.test.ts': 'export const one = 1;\n',
      // A v1-typed helper beside the code (a spec helper), and a spec that uses the SDK only through it.
      'src/mocks.spechelper.ts': "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const stub = (s: McpServer) => s;\n",
      'src/tools.spec.ts': "import { stub } from './mocks.spechelper.js';\nimport { server } from './server.js';\nexport const stubbed = stub(server);\n",
      // A package whose tsc output sits beside its source, which the run skips as compiled: no test (trial 48C).
      'legacy/package.json': JSON.stringify({ name: 'legacy', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0' } }),
      'legacy/index.ts': "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const legacy = new McpServer({ name: 'legacy', version: '1.0.0' });\n",
      'legacy/index.js': '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.legacy = void 0;\nconst mcp_js_1 = require("@modelcontextprotocol/sdk/server/mcp.js");\nexports.legacy = new mcp_js_1.McpServer({ name: \'legacy\', version: \'1.0.0\' });\n',
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    // The package was read and moved (so its manifest was judged), and said nothing of tests.
    expect(result.files.find((f) => f.file === 'legacy/index.ts')?.after).toMatch(/from '@modelcontextprotocol\/server'/);
    expect(result.errors.filter((e) => e.file === 'legacy/package.json').map((e) => e.message)).not.toContainEqual(expect.stringMatching(/test file\(s\)/));
    expect(result.files.find((f) => f.file === 'src/server.ts')?.after).toMatch(/from '@modelcontextprotocol\/server'/);
    expect(result.errors.filter((e) => e.file === 'package.json').map((e) => e.message)).toContainEqual(
      expect.stringMatching(/^3 test file\(s\) of this package still use @modelcontextprotocol\/sdk v1, directly or through a test helper \(src\/mocks\.spechelper\.ts, src\/tools\.spec\.ts, test\/server\.test\.ts\), and fix leaves tests alone/),
    );
    // With the tests in the run, they move too and nothing is said.
    const all = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false, includeTests: true });
    expect(all.errors.map((e) => e.message)).not.toContainEqual(expect.stringMatching(/test file\(s\) of this package/));
  });

  it('serves a stdio server with serveStdio from a factory on the v2 packages: the target is reached, nothing marked', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'svc', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', zod: '^4.2.1' } }, null, 2),
      'src/stdio.ts': [
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';",
        '',
        "const server = new McpServer({ name: 'svc', version: '1.0.0' });",
        "server.registerTool('now', { description: 'The time' }, async () => ({ content: [{ type: 'text', text: new Date().toISOString() }] }));",
        'await server.connect(new StdioServerTransport());',
        '',
      ].join('\n'),
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const after = result.files.find((f) => f.file === 'src/stdio.ts')!.after;
    expect(after).toMatch(/^import \{ serveStdio \} from '@modelcontextprotocol\/server\/stdio';$/m);
    expect(after).toMatch(/^serveStdio\(\(\) => createServer\(\)\);$/m);
    expect(after).not.toMatch(/StdioServerTransport|TODO\(mcp-migrate\)/);
    const summary = formatFixSummary(result, new Chalk({ level: 0 }));
    expect(summary).not.toMatch(/Not yet on 2026-07-28/);
    expect(summary).toMatch(/review +serves stdio with serveStdio\(\(\) => createServer\(\)\)/);
    // --safe-only leaves the review changes out: the transport stays, marked.
    const safe = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false, safeOnly: true });
    const kept = safe.files.find((f) => f.file === 'src/stdio.ts')?.after ?? '';
    expect(kept).not.toMatch(/^serveStdio\(/m);
    expect(kept).toMatch(/TODO\(mcp-migrate\): StdioServerTransport speaks 2025 only/);
  });

  it("keeps on v1 a package whose class connects its one server to a new transport in every request, which fix cannot build per request (trial 31B: it worked on v1 1.24, and v2 refuses every request after the first)", async () => {
    const service = [
      "import express from 'express';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      '',
      'export class EchoService {',
      "  private readonly server = new McpServer({ name: 'echo', version: '1.0.0' });",
      '  listen(port: number) {',
      '    const app = express();',
      '    app.use(express.json());',
      "    app.post('/mcp', async (req, res) => {",
      '      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });',
      '      await this.server.connect(transport);',
      '      await transport.handleRequest(req, res, req.body);',
      '    });',
      '    app.listen(port);',
      '  }',
      '}',
      '',
    ].join('\n');
    const manifest = JSON.stringify({ name: 'echo', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '1.24.0', express: '^5.1.0', zod: '^4.2.1' } }, null, 2);
    const held = await runFix({ cwd: project({ 'package.json': manifest, 'src/service.ts': service }), target: '2026-07-28', dryRun: true, format: false });
    expect(held.errors).toContainEqual({ file: 'package.json', message: expect.stringMatching(/^stays on SDK v1 \(echo\): src\/service\.ts:12 connects this\.server, one server for every request, to a new transport in each .* the v2 packages refuse every connect after the first/) });
    expect(held.files.find((f) => f.file === 'src/service.ts')?.after ?? service).not.toMatch(/@modelcontextprotocol\/(server|node)/);
    // The same server connected to the SSE transport of every client stream (review): held too.
    const sse = [
      "import express from 'express';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';",
      'export class EchoService {',
      "  private readonly server = new McpServer({ name: 'echo', version: '1.0.0' });",
      '  private transports: Record<string, SSEServerTransport> = {};',
      '  listen(port: number) {',
      '    const app = express();',
      "    app.get('/sse', async (_req, res) => {",
      "      const transport = new SSEServerTransport('/messages', res);",
      '      this.transports[transport.sessionId] = transport;',
      '      await this.server.connect(transport);',
      '    });',
      "    app.post('/messages', async (req, res) => this.transports[String(req.query.sessionId)].handlePostMessage(req, res));",
      '    app.listen(port);',
      '  }',
      '}',
      'new EchoService().listen(3000);',
      '',
    ].join('\n');
    const sseHeld = await runFix({ cwd: project({ 'package.json': manifest, 'src/service.ts': sse }), target: '2026-07-28', dryRun: true, format: false });
    expect(sseHeld.errors).toContainEqual({ file: 'package.json', message: expect.stringMatching(/^stays on SDK v1 \(echo\): src\/service\.ts:12 connects this\.server, one server for every client stream/) });
    // A class made in each request (its server field is then one per request): no hold.
    const perRequest = service.replace('export class EchoService {', 'export class EchoService {\n  handle(): void {}').concat("export function mount(app: { post(path: string, h: () => void): void }) {\n  app.post('/x', () => new EchoService().handle());\n}\n");
    const notHeld = await runFix({ cwd: project({ 'package.json': manifest, 'src/service.ts': perRequest }), target: '2026-07-28', dryRun: true, format: false });
    expect(notHeld.errors.filter((e) => /stays on SDK v1/.test(e.message))).toEqual([]);
    // A module-level server server-factory turns into a factory moves as before.
    const moduleLevel = service.replace("export class EchoService {\n  private readonly server = new McpServer({ name: 'echo', version: '1.0.0' });", "const server = new McpServer({ name: 'echo', version: '1.0.0' });\nexport class EchoService {").replace('this.server.connect', 'server.connect');
    const moved = await runFix({ cwd: project({ 'package.json': manifest, 'src/service.ts': moduleLevel }), target: '2026-07-28', dryRun: true, format: false });
    expect(moved.errors.filter((e) => /stays on SDK v1/.test(e.message))).toEqual([]);
    expect(moved.files.find((f) => f.file === 'src/service.ts')!.after).toMatch(/@modelcontextprotocol\/server/);
    // One server-factory leaves, closed by a signal handler outside its setup: held (trial 44C B5,
    // where it moved and every client after the first got 500).
    const closedOnSignal = moduleLevel.concat("process.on('SIGINT', async () => {\n  await server.close();\n  process.exit(0);\n});\n");
    const blocked = await runFix({ cwd: project({ 'package.json': manifest, 'src/service.ts': closedOnSignal }), target: '2026-07-28', dryRun: true, format: false });
    expect(blocked.errors).toContainEqual({ file: 'package.json', message: expect.stringMatching(/^stays on SDK v1 \(echo\): src\/service\.ts:\d+ connects server, one server for every request/) });
    expect(blocked.files.find((f) => f.file === 'src/service.ts')?.after ?? closedOnSignal).not.toMatch(/@modelcontextprotocol\/(server|node)/);
    // A movable one first does not hide the class's field after it (review 47).
    const both = moduleLevel.replace('export class EchoService {', "export class EchoService {\n  private readonly admin = new McpServer({ name: 'admin', version: '1.0.0' });\n  serveAdmin(app: express.Express) {\n    app.post('/admin', async (req, res) => {\n      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });\n      await this.admin.connect(transport);\n      await transport.handleRequest(req, res, req.body);\n    });\n  }");
    const heldToo = await runFix({ cwd: project({ 'package.json': manifest, 'src/service.ts': both }), target: '2026-07-28', dryRun: true, format: false });
    expect(heldToo.errors).toContainEqual({ file: 'package.json', message: expect.stringMatching(/^stays on SDK v1 \(echo\): src\/service\.ts:\d+ connects this\.admin, one server for every request/) });
  });

  it('says the target is not reached while a 2025 transport is left on the v2 packages', async () => {
    const stdio = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';",
      '',
      "const server = new McpServer({ name: 'svc', version: '1.0.0' });",
      // Closed on SIGINT beside the connect: serveStdio would take neither, so it stays, marked.
      "process.on('SIGINT', () => void server.close());",
      'await server.connect(new StdioServerTransport());',
      '',
    ].join('\n');
    const dir = project({
      'package.json': JSON.stringify({ name: 'svc', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', zod: '^4.2.1' } }, null, 2),
      'src/stdio.ts': stdio,
      'src/http.ts': SESSIONFUL,
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(result.files.find((f) => f.file === 'src/stdio.ts')?.after).toMatch(/from '@modelcontextprotocol\/server\/stdio'/);
    const summary = formatFixSummary(result, new Chalk({ level: 0 }));
    expect(summary).toMatch(/^ {2}Not yet on 2026-07-28: StdioServerTransport still serves in src\/stdio\.ts and refuses 2026-07-28 requests until moved to createMcpHandler or serveStdio \(see the markers\)\.$/m);
    // The marker above the transport speaks of it (in words of its own): it is not also named as unmarked.
    expect(oneLineMarkers(result.files.find((f) => f.file === 'src/stdio.ts')!.after)).toMatch(/TODO\(mcp-migrate\): StdioServerTransport speaks 2025 only.*\n\s*(await |const |new )?.*StdioServerTransport\(/);
    expect(summary).not.toMatch(/^ {4}src\/stdio\.ts:/m);
    // The HTTP server beside it moved to createMcpHandler: it is not named.
    expect(result.files.find((f) => f.file === 'src/http.ts')?.after).toMatch(/createMcpHandler/);
    expect(summary).not.toMatch(/Not yet on 2026-07-28:.*src\/http\.ts/);
    // On the default target (sdk-v1) nothing claims 2026-07-28.
    expect(formatFixSummary(await runFix({ cwd: dir, dryRun: true, format: false }), new Chalk({ level: 0 }))).not.toMatch(/Not yet on 2026-07-28|more strictly than v1/);
    // One transport in two files: it still serves (supabase-mcp's "still serve in 2 files").
    fs.writeFileSync(path.join(dir, 'src/stdio2.ts'), stdio);
    const two = formatFixSummary(await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false, allowDirty: true }), new Chalk({ level: 0 }));
    expect(two).toMatch(/^ {2}Not yet on 2026-07-28: StdioServerTransport still serves in 2 files and refuses 2026-07-28 requests/m);
  });

  it('says to type-check after the move only where code moved from v1 to the v2 packages', async () => {
    // Already on v2: v2-handler only marks the 2025 transport (its res.on('close') counts too, so it is left to a person), nothing moves.
    const dir = project({
      'package.json': JSON.stringify({ name: 'svc', type: 'module', dependencies: { '@modelcontextprotocol/server': '^2.4.0', '@modelcontextprotocol/node': '^2.4.0', express: '^5.0.0' } }, null, 2),
      'src/http.ts': [
        "import express from 'express';",
        "import { McpServer } from '@modelcontextprotocol/server';",
        "import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';",
        '',
        'const app = express();',
        'let served = 0;',
        "app.post('/mcp', async (req, res) => {",
        "  const server = new McpServer({ name: 'svc', version: '1.0.0' });",
        '  const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });',
        "  res.on('close', () => { void transport?.close(); served++; });",
        '  await server.connect(transport);',
        '  await transport.handleRequest(req, res, req.body);',
        '});',
        '',
      ].join('\n'),
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const http = result.files.find((f) => f.file === 'src/http.ts');
    expect(http?.after).toMatch(/TODO\(mcp-migrate\): this per-request transport/);
    expect(http?.codemods).toContain('v2-handler');
    expect(formatFixSummary(result, new Chalk({ level: 0 }))).not.toMatch(/more strictly than v1|type-check after the move/);
  });

  it('marks a finding at the head of a long handler though another codemod marked a line inside it', async () => {
    const handler = [
      "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
      "import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';",
      "import { runTool } from './tools.js';",
      '',
      'export function build(): Server {',
      "  const server = new Server({ name: 'pages', version: '1.0.0' }, { capabilities: { tools: {} } });",
      '  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {',
      '    const { name, arguments: args } = request.params;',
      "    console.error('tools/call', name);",
      '    const started = Date.now();',
      '    if (!name) {',
      "      throw new Error('no tool name');",
      '    }',
      '    // The page of this client, kept by session (the state a 2026-07-28 request cannot reach).',
      '    const context = {',
      "      sessionId: extra?.sessionId || 'unknown',",
      '      requestId: null,',
      '    };',
      '    const result = await runTool(name, args, context);',
      "    console.error('took', Date.now() - started);",
      '    return result;',
      '  });',
      '  return server;',
      '}',
      '',
    ].join('\n');
    const dir = project({
      'package.json': JSON.stringify({ name: 'pages', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0' } }),
      'src/server.ts': handler,
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const after = oneLineMarkers(result.files.find((f) => f.file === 'src/server.ts')!.after);
    // The official codemod's marker about the context object inside the handler...
    expect(after).toMatch(/TODO\(mcp-migrate\): official v1→v2 codemod: This object looks like a v1 handler-context mock/);
    // ...does not speak for the handler's dependence on the session: that gets its own marker, at the handler.
    expect(after).toMatch(/TODO\(mcp-migrate\): (fix \(explicit-handles\) did not rewrite|no codemod rewrites) this stateful-tool finding[^\n]*\n\s*server\.setRequestHandler\('tools\/call'/);
  });

  it("marks a low-level handler's stateful-tool error, as a named tool's (it has no tool name)", async () => {
    const server = fs.readFileSync(path.join(REPO, 'fixtures/scan/stateful-tool/low-level-elicit.ts'), 'utf8');
    const dir = project({ 'src/server.ts': server });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const after = oneLineMarkers(result.files.find((f) => f.file === 'src/server.ts')!.after);
    expect(after).toMatch(/\/\/ TODO\(mcp-migrate\): no codemod rewrites this stateful-tool finding: The tools\/call handler sends a server→client request mid-call \(elicitInput\)[^\n]*\n\/\/ ruleid: stateful-tool\nserver\.setRequestHandler\(CallToolRequestSchema/);
    expect(formatFixSummary(result, new Chalk({ level: 0 }))).not.toMatch(/no codemod and no marker/);
  });

  it('leaves the transport as it was, naming the state, while state keyed by the session id stays: every caller would share its fallback entry (trials 35A, 43A)', async () => {
    const profiles = [
      "import { z } from 'zod';",
      "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { sessions } from './sessions.js';",
      'export function registerProfile(server: McpServer) {',
      "  server.registerTool('login', { inputSchema: { user: z.string(), password: z.string() } }, async ({ user, password }, extra) => {",
      "    const session = sessions.get(extra.sessionId || 'default');",
      '    session.login = { user, password };',
      "    return { content: [{ type: 'text', text: 'ok' }] };",
      '  });',
      "  server.registerTool('whoami', { inputSchema: {} }, async (_args, extra) => {",
      "    const session = sessions.get(extra.sessionId || 'default');",
      "    return { content: [{ type: 'text', text: session.login ? session.login.user : 'nobody' }] };",
      '  });',
      '}',
      '',
    ].join('\n');
    const store = [
      'export class Session { login: { user: string; password: string } | null = null; }',
      'class Sessions {',
      '  private readonly all = new Map<string, Session>();',
      '  get(id: string): Session {',
      '    let session = this.all.get(id);',
      '    if (!session) {',
      '      session = new Session();',
      '      this.all.set(id, session);',
      '    }',
      '    return session;',
      '  }',
      '}',
      'export const sessions = new Sessions();',
      '',
    ].join('\n');
    const server = SESSIONFUL.replace("import express from 'express';", "import express from 'express';\nimport { registerProfile } from './profiles.js';");
    const dir = project({ 'src/server.ts': server, 'src/profiles.ts': profiles, 'src/sessions.ts': store });
    // One caller would read the login another stored: the file is left as it was, whatever the
    // options, and the run says why, naming the state where it is (a real run: nothing written there).
    // (Named where the login is read back: what one caller would read of another's.)
    const lookupLine = profiles.split('\n').findIndex((l) => l.includes('session.login ?')) + 1;
    for (const safeOnly of [false, true]) {
      const result = await runFix({ cwd: dir, target: 'sdk-v1', safeOnly, format: false, allowDirty: safeOnly });
      expect(result.files.find((f) => f.file === 'src/server.ts')?.changes ?? []).toEqual([]);
      expect(fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8')).toBe(server);
      expect(result.errors).toContainEqual({ file: 'src/server.ts', message: expect.stringMatching(/^left unchanged: making its transport stateless would leave state keyed by the MCP session id \(src\/profiles\.ts:\d+/) });
      // (At its line as the file was: the first run marks it, which moves it down.)
      if (!safeOnly) expect(result.errors.find((e) => e.file === 'src/server.ts')!.message).toContain(`src/profiles.ts:${lookupLine}`);
      expect(result.summary.failed).toBe(1);
    }
    // Without that state, the same rewrite is safe.
    const alone = await runFix({ cwd: project({ 'src/server.ts': SESSIONFUL }), target: 'sdk-v1', dryRun: true, format: false });
    expect(alone.files.find((f) => f.file === 'src/server.ts')!.changes.find((c) => /^session dispatch \(the branches/.test(c.description))!.safety).toBe('safe');
  });

  it('refuses a dispatch only for state of its own package, not for the store of the sessions it files into, and keeps the CORS lists of a dispatch it refuses (review 45)', async () => {
    const folder = path.join(REPO, 'codemods/__testfixtures__/stateless-transport');
    const route = fs.readFileSync(path.join(folder, 'filed-in-store-method.input.ts'), 'utf8');
    // The store of the sessions themselves, in the run: it goes with them, no refusal.
    const registry = [
      "import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      'interface Session { transport: StreamableHTTPServerTransport; owner: string; openedAt: number }',
      'class SessionRegistry {',
      '  private sessions = new Map<string, Session>();',
      '  open(id: string, transport: StreamableHTTPServerTransport, owner: string) { this.sessions.set(id, { transport, owner, openedAt: Date.now() }); }',
      '  lookup(id: string) { return this.sessions.get(id)?.transport; }',
      '  close(id: string) { this.sessions.get(id)?.transport.close(); this.sessions.delete(id); }',
      '}',
      'export const sessionRegistry = new SessionRegistry();',
      '',
    ].join('\n');
    const withStore = await runFix({ cwd: project({ 'src/route.ts': route, 'src/registry.ts': registry, 'src/tools.ts': 'export function registerTools(_s: unknown, _o: string): void {}\n' }), target: 'sdk-v1', dryRun: true, format: false });
    expect(withStore.errors.filter((e) => /left unchanged/.test(e.message))).toEqual([]);
    expect(withStore.files.find((f) => f.file === 'src/route.ts')!.after).not.toMatch(/sessionRegistry\.open\(sessionId/);
    // Another package's state (a stdio server's carts) does not hold this one's dispatch.
    const carts = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { z } from 'zod';",
      'const carts = new Map<string, string[]>();',
      "const server = new McpServer({ name: 'a', version: '1.0.0' });",
      "server.tool('add', { item: z.string() }, async ({ item }, extra) => { carts.set(extra.sessionId!, [...(carts.get(extra.sessionId!) ?? []), item]); return { content: [] }; });",
      "server.tool('view', {}, async (_a, extra) => ({ content: [{ type: 'text', text: (carts.get(extra.sessionId!) ?? []).join() }] }));",
      '',
    ].join('\n');
    const two = await runFix({ cwd: project({ 'a/package.json': JSON.stringify({ name: 'a' }), 'a/src/index.ts': carts, 'b/package.json': JSON.stringify({ name: 'b' }), 'b/src/server.ts': SESSIONFUL }), target: 'sdk-v1', dryRun: true, format: false, codemods: ['stateless-transport'] });
    expect(two.errors.filter((e) => /left unchanged/.test(e.message))).toEqual([]);
    expect(two.files.find((f) => f.file === 'b/src/server.ts')!.after).toContain('sessionIdGenerator: undefined');
    // A refused dispatch keeps its package's CORS lists: browser clients still read and send the session id.
    const cors = "import cors from 'cors';\nexport const corsMiddleware = cors({ exposedHeaders: ['Mcp-Session-Id'] });\n";
    const refused = await runFix({ cwd: project({ 'src/server.ts': SESSIONFUL.replace("import express from 'express';", "import express from 'express';\nimport { registerLogin } from './login.js';"), 'src/login.ts': LOGIN_MODULE, 'src/cors.ts': cors }), target: 'sdk-v1', dryRun: true, format: false });
    expect(refused.errors.map((e) => e.file).sort()).toEqual(['src/cors.ts', 'src/server.ts']);
    expect(refused.files.find((f) => f.file === 'src/cors.ts')?.after ?? cors).toBe(cors);
  });

  it("keeps the session affinity of a load balancer's configuration where the run refuses its package's dispatch (read-through 50)", async () => {
    const haproxy = ['frontend mcp_in', '    bind :80', '    default_backend mcp', '', 'backend mcp', '    balance hdr(Mcp-Session-Id)', '    server a 10.0.0.1:3000 check', '    server b 10.0.0.2:3000 check', ''].join('\n');
    const server = SESSIONFUL.replace("import express from 'express';", "import express from 'express';\nimport { registerLogin } from './login.js';");
    const refused = await runFix({ cwd: project({ 'src/server.ts': server, 'src/login.ts': LOGIN_MODULE, 'haproxy.cfg': haproxy }), target: 'sdk-v1', dryRun: true, format: false });
    expect(refused.errors.map((e) => e.file)).toContain('src/server.ts');
    // The transport stays sessionful: a session's requests must still reach the instance that holds it.
    expect(refused.files.find((f) => f.file === 'haproxy.cfg')?.after ?? haproxy).toBe(haproxy);
    // Said of what the file holds: it has no CORS list (trial 75A B7). (One codemod's change:
    // sticky-config's; cors-headers-config no longer marks the line too, trial 77B B5.)
    expect(refused.errors.find((e) => e.file === 'haproxy.cfg')?.message).toBe(
      'left unchanged: its balance hdr(Mcp-Session-Id) serves a transport this run left sessionful (see the message about it), which still sends and reads Mcp-Session-Id',
    );
    // An Ingress that routes by the session header (trial 75A B7: "its CORS lists", of a file with none); one with a CORS list is said so.
    const ingress = (cors: string) =>
      ['apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata:', '  name: mcp', '  annotations:', ...cors.split('\n').filter(Boolean), '    nginx.ingress.kubernetes.io/upstream-hash-by: "$http_mcp_session_id"', 'spec:', '  ingressClassName: nginx', ''].join('\n');
    const routed = await runFix({ cwd: project({ 'src/server.ts': server, 'src/login.ts': LOGIN_MODULE, 'k8s/ingress.yaml': ingress('') }), target: 'sdk-v1', dryRun: true, format: false });
    expect(routed.files.find((f) => f.file === 'k8s/ingress.yaml')?.after ?? ingress('')).toBe(ingress(''));
    expect(routed.errors.find((e) => e.file === 'k8s/ingress.yaml')?.message).toMatch(/^left unchanged: its upstream-hash-by \$http_mcp_session_id serves a transport this run left sessionful/);
    const corsAnnotation = '    nginx.ingress.kubernetes.io/cors-allow-headers: "Content-Type, Mcp-Session-Id"\n';
    const listing = await runFix({ cwd: project({ 'src/server.ts': server, 'src/login.ts': LOGIN_MODULE, 'k8s/ingress.yaml': ingress(corsAnnotation) }), target: 'sdk-v1', dryRun: true, format: false });
    expect(listing.errors.find((e) => e.file === 'k8s/ingress.yaml')?.message).toMatch(/^left unchanged \(all of its changes\): its CORS lists and upstream-hash-by \$http_mcp_session_id serve a transport/);
    // Stickiness that names no header (ip_hash, cookie affinity) is said to be stickiness, not "rules on Mcp-Session-Id" (trial 78B B6).
    const nginx = 'upstream mcp {\n  ip_hash;\n  server app1:3000;\n  server app2:3000;\n}\n';
    const hashed = await runFix({ cwd: project({ 'src/server.ts': server, 'src/login.ts': LOGIN_MODULE, 'deploy/nginx.conf': nginx }), target: 'sdk-v1', dryRun: true, format: false });
    expect(hashed.files.find((f) => f.file === 'deploy/nginx.conf')?.after ?? nginx).toMatch(/^\s+ip_hash;$/m);
    expect(hashed.errors.find((e) => e.file === 'deploy/nginx.conf')?.message).toBe(
      'left unchanged: its sticky routing serves a transport this run left sessionful (see the message about it), which still sends and reads Mcp-Session-Id',
    );
    // Without the state that holds the dispatch, the affinity goes with the sessions.
    const moved = await runFix({ cwd: project({ 'src/server.ts': SESSIONFUL, 'haproxy.cfg': haproxy }), target: 'sdk-v1', dryRun: true, format: false });
    expect(moved.files.find((f) => f.file === 'haproxy.cfg')?.after).toMatch(/balance roundrobin/);
  });

  it('asks nothing of package.json for a file it leaves as it was (trial 49A B3: redis for a state module never written)', async () => {
    // Two maps keyed by the session id, one read across sessions by an ops tool: the transport stays sessionful.
    const shop = [
      "import express from 'express';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      "import { z } from 'zod';",
      'const carts = new Map<string, string[]>();',
      'const orders = new Map<string, string[][]>();',
      'function buildServer() {',
      "  const server = new McpServer({ name: 'shop', version: '1.0.0' });",
      "  server.registerTool('add_item', { inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {",
      '    const cart = carts.get(extra.sessionId!) ?? [];',
      '    cart.push(sku);',
      '    carts.set(extra.sessionId!, cart);',
      "    return { content: [{ type: 'text', text: `added ${sku}` }] };",
      '  });',
      // The orders explicit-handles takes (asking for redis); the carts, read across sessions below, it does not.
      "  server.registerTool('checkout', {}, async (_a, extra) => {",
      '    const placed = orders.get(extra.sessionId!) ?? [];',
      '    placed.push(carts.get(extra.sessionId!) ?? []);',
      '    orders.set(extra.sessionId!, placed);',
      '    carts.delete(extra.sessionId!);',
      "    return { content: [{ type: 'text', text: `order #${placed.length}` }] };",
      '  });',
      "  server.registerTool('list_orders', {}, async (_a, extra) => ({ content: [{ type: 'text', text: JSON.stringify(orders.get(extra.sessionId!) ?? []) }] }));",
      "  server.registerTool('open_carts', {}, async () => ({ content: [{ type: 'text', text: `${carts.size} open carts` }] }));",
      '  return server;',
      '}',
      'const app = express();',
      'app.use(express.json());',
      "app.post('/mcp', async (req, res) => {",
      '  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });',
      '  await buildServer().connect(transport);',
      '  await transport.handleRequest(req, res, req.body);',
      '});',
      'app.listen(3000);',
      '',
    ].join('\n');
    const manifest = JSON.stringify({ name: 'shop', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.1.0', zod: '^4.2.0' } }, null, 2) + '\n';
    const dir = project({ 'src/server.ts': shop, 'package.json': manifest });
    // (explicit-handles does rewrite the orders, before the file is left as it was.)
    const planned = await runFix({ cwd: dir, target: 'sdk-v1', format: false, dryRun: true, codemods: ['explicit-handles'] });
    expect(planned.files.find((f) => f.file === 'package.json')?.changes.map((c) => c.description)).toEqual([expect.stringMatching(/^package\.json: added redis@/)]);
    const result = await runFix({ cwd: dir, target: 'sdk-v1', format: false });
    expect(result.errors).toContainEqual({ file: 'src/server.ts', message: expect.stringMatching(/^left unchanged: making its transport stateless would leave state keyed by the MCP session id/) });
    // Its code as it was, with a marker at the state that holds it sessionful (trial 76A B1).
    const written = fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8').split('\n');
    const markers = findMarkers(written);
    expect(withoutMarkers(written, markers).join('\n')).toBe(shop);
    expect(markers.map((m) => written[m.line - 1 + m.lines])).toEqual(['const carts = new Map<string, string[]>();']);
    expect(fs.existsSync(path.join(dir, 'src/mcp-state.ts'))).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe(manifest);
    expect(result.files.map((f) => f.file)).not.toContain('package.json');
  });

  it('says that a tool made the minter starts anew at each call, where a second call used to change what the first made (trial 51A)', async () => {
    const tools = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/explicit-handles/class-field-creator.input.ts'), 'utf8');
    const manifest = JSON.stringify({ name: 'flows', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', zod: '^4.2.0' } }, null, 2) + '\n';
    const dir = project({ 'src/workflows.ts': tools, 'package.json': manifest });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', format: false, dryRun: true, codemods: ['explicit-handles'] });
    const changes = result.files.find((f) => f.file === 'src/workflows.ts')?.changes.map((c) => c.description) ?? [];
    expect(changes).toContainEqual('start_workflow mints workflow_id (it already created workflows); its description says so; each call of it now starts anew under a new workflow_id, where a second call used to change what the first made for the session');
  });

  it("holds a dispatch only on state its requests can reach, not another entry point's own map (trial 58C B1)", async () => {
    // Another entry point of the package keeps what each session started with in a map of its own,
    // for its /stats route, which nothing of the first imports.
    const other = [
      "import express from 'express';",
      "import { randomUUID } from 'node:crypto';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      'const visits = new Map<string, { since: number }>();',
      'const transports: Record<string, StreamableHTTPServerTransport> = {};',
      'const app = express();',
      'app.use(express.json());',
      "app.get('/stats', (_req, res) => { res.json({ visits: [...visits.values()] }); });",
      "app.post('/mcp', async (req, res) => {",
      "  const sid = req.headers['mcp-session-id'] as string | undefined;",
      '  let t = sid ? transports[sid] : undefined;',
      '  if (!t) {',
      '    const made = new StreamableHTTPServerTransport({',
      '      sessionIdGenerator: () => randomUUID(),',
      '      onsessioninitialized: (id) => { transports[id] = made; visits.set(id, { since: Date.now() }); },',
      '    });',
      "    await new McpServer({ name: 'other', version: '1.0.0' }).connect(made);",
      '    t = made;',
      '  }',
      '  await t.handleRequest(req, res, req.body);',
      '});',
      'app.listen(3191);',
      '',
    ].join('\n');
    const apart = await runFix({ cwd: project({ 'src/server.ts': SESSIONFUL, 'src/other.ts': other }), target: 'sdk-v1', dryRun: true, format: false });
    expect(apart.errors.filter((e) => e.file === 'src/server.ts' && /left unchanged/.test(e.message))).toEqual([]);
    expect(apart.files.find((f) => f.file === 'src/server.ts')!.after).toContain('sessionIdGenerator: undefined');
    // The same map in a module the server imports is state its requests reach: held, as before.
    const reached = await runFix({ cwd: project({ 'src/server.ts': `import { visits } from './other.js';\nconsole.log(visits.size);\n${SESSIONFUL}`, 'src/other.ts': other.replace('const visits', 'export const visits') }), target: 'sdk-v1', dryRun: true, format: false });
    expect(reached.errors).toContainEqual({ file: 'src/server.ts', message: expect.stringMatching(/^left unchanged: making its transport stateless would leave state keyed by the MCP session id \(src\/other\.ts:/) });
    // A module that exports what the tools use, reached through a path alias (which a text read of
    // the imports does not follow): held, as a module of the package may be reached (review 75).
    const aliased = await runFix({ cwd: project({ 'src/server.ts': `import { visits } from '@/other.js';\nconsole.log(visits.size);\n${SESSIONFUL}`, 'src/other.ts': other.replace('const visits', 'export const visits') }), target: 'sdk-v1', dryRun: true, format: false });
    expect(aliased.errors).toContainEqual({ file: 'src/server.ts', message: expect.stringMatching(/^left unchanged: making its transport stateless would leave state keyed by the MCP session id \(src\/other\.ts:/) });
  });

  it('leaves the dispatch as it was where tools keep what they do in a store module by the session id (trial 49A B2)', async () => {
    // The store has no MCP import of its own: its map is found through the tools that hand it the id.
    // (It also counts every cart, which no tool call naming a handle could do: explicit-handles
    // leaves it, and its tools, as they are; without that count, the state moves with its tools
    // across the modules, test/explicit-handles-modules.test.ts.)
    const store = ['export const carts = new Map<string, string[]>();', 'export function cartFor(sessionId: string): string[] {', '  let cart = carts.get(sessionId);', '  if (!cart) {', '    cart = [];', '    carts.set(sessionId, cart);', '  }', '  return cart;', '}', 'export function cartCount(): number {', '  return carts.size;', '}', ''].join('\n');
    const tools = [
      "import { z } from 'zod';",
      "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { cartFor } from './store.js';",
      'export function registerLogin(server: McpServer) {',
      "  server.tool('add_item', { sku: z.string() }, async ({ sku }, extra) => { cartFor(extra.sessionId!).push(sku); return { content: [] }; });",
      "  server.tool('view_cart', {}, async (_a, extra) => ({ content: [{ type: 'text', text: JSON.stringify(cartFor(extra.sessionId!)) }] }));",
      '}',
      '',
    ].join('\n');
    const server = SESSIONFUL.replace("import express from 'express';", "import express from 'express';\nimport { registerLogin } from './tools.js';");
    const dir = project({ 'src/server.ts': server, 'src/tools.ts': tools, 'src/store.ts': store });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', format: false });
    // Every caller would read and write the cart under an undefined id: the transport stays sessionful, said why.
    // (The store module, checked as MCP code as the tools hand it the id (trial 57B B1), holds nothing of its own: the tools say it.)
    expect(fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8')).toBe(server);
    expect(result.errors).toContainEqual({ file: 'src/server.ts', message: expect.stringMatching(/^left unchanged: making its transport stateless would leave state keyed by the MCP session id \(src\/tools\.ts:5, src\/tools\.ts:6\)/) });
    // A tool that refuses to run without the id fails on 2026-07-28 instead: that does not hold the dispatch.
    const refusing = tools
      .replace('{ cartFor(extra.sessionId!).push(sku);', "{ if (!extra.sessionId) throw new Error('no session'); cartFor(extra.sessionId).push(sku);")
      .replace("async (_a, extra) => ({ content: [{ type: 'text', text: JSON.stringify(cartFor(extra.sessionId!)) }] }));", "async (_a, extra) => { if (!extra.sessionId) throw new Error('no session'); return { content: [{ type: 'text', text: JSON.stringify(cartFor(extra.sessionId)) }] }; });");
    expect(refusing).not.toContain('sessionId!');
    const strict = await runFix({ cwd: project({ 'src/server.ts': server, 'src/tools.ts': refusing, 'src/store.ts': store }), target: 'sdk-v1', dryRun: true, format: false });
    expect(strict.errors.filter((e) => /left unchanged/.test(e.message))).toEqual([]);
    // A refusal only some calls pass (in a branch) leaves the id unset past it: held, as before (review 61).
    const branch = refusing.replace("{ if (!extra.sessionId) throw new Error('no session'); cartFor(extra.sessionId)", "{ if (sku.startsWith('!')) { if (!extra.sessionId) throw new Error('no session'); } cartFor(extra.sessionId!)");
    expect(branch).toContain("if (sku.startsWith('!'))");
    const partly = await runFix({ cwd: project({ 'src/server.ts': server, 'src/tools.ts': branch, 'src/store.ts': store }), target: 'sdk-v1', dryRun: true, format: false });
    expect(partly.errors).toContainEqual({ file: 'src/server.ts', message: expect.stringMatching(/^left unchanged: making its transport stateless would leave state keyed by the MCP session id \(src\/tools\.ts:5\)/) });
    // Tools that only show the id or hand it to a log helper after its first argument keep nothing by it: not held (review 61).
    const showing = tools
      .replace('{ cartFor(extra.sessionId!).push(sku);', "{ await audit('add_item', extra.sessionId); cartFor(sku);")
      .replace('JSON.stringify(cartFor(extra.sessionId!))', '`session ${extra.sessionId}`')
      .replace("import { cartFor } from './store.js';", "import { cartFor } from './store.js';\nimport { audit } from './audit.js';");
    const audit = 'export async function audit(tool: string, session: string | undefined) {\n  console.log(JSON.stringify({ tool, session }));\n}\n';
    const shown = await runFix({ cwd: project({ 'src/server.ts': server, 'src/tools.ts': showing, 'src/store.ts': store, 'src/audit.ts': audit }), target: 'sdk-v1', dryRun: true, format: false });
    expect(shown.errors.filter((e) => /left unchanged/.test(e.message))).toEqual([]);
    expect(shown.files.find((f) => f.file === 'src/server.ts')!.after).toContain('sessionIdGenerator: undefined');
    // A store function handed the id after its first argument that keys by it, through a local (trial 56A B2): held.
    const tally = "const tallies = new Map<string, number>();\nexport function bump(by: number, sessionId: string | undefined) {\n  const key = sessionId ?? 'default';\n  tallies.set(key, (tallies.get(key) ?? 0) + by);\n  return tallies.get(key);\n}\n";
    const bumping = tools
      .replace('{ cartFor(extra.sessionId!).push(sku);', '{ bump(sku.length, extra.sessionId); cartFor(sku);')
      .replace('JSON.stringify(cartFor(extra.sessionId!))', "String(bump(0, extra.sessionId))")
      .replace("import { cartFor } from './store.js';", "import { cartFor } from './store.js';\nimport { bump } from './tally.js';");
    const bumped = await runFix({ cwd: project({ 'src/server.ts': server, 'src/tools.ts': bumping, 'src/store.ts': store, 'src/tally.ts': tally }), target: 'sdk-v1', dryRun: true, format: false });
    expect(bumped.errors).toContainEqual({ file: 'src/server.ts', message: expect.stringMatching(/^left unchanged: making its transport stateless would leave state keyed by the MCP session id \(src\/tools\.ts:6, src\/tools\.ts:7\)/) });
    // One handed it later that only converts or hashes it for a log line keeps nothing (review 72): not held.
    const metrics = "import { createHash } from 'node:crypto';\nexport function inc(tool: string, sessionId: string | undefined) {\n  console.log(`[audit] ${tool} by ` + String(sessionId) + ' ' + createHash('sha256').update(sessionId ?? '').digest('hex'));\n}\n";
    const counted = showing.replace("await audit('add_item', extra.sessionId);", "inc('add_item', extra.sessionId);").replace("import { audit } from './audit.js';", "import { inc } from './metrics.js';");
    expect(counted).toContain("inc('add_item', extra.sessionId)");
    const logged = await runFix({ cwd: project({ 'src/server.ts': server, 'src/tools.ts': counted, 'src/store.ts': store, 'src/metrics.ts': metrics }), target: 'sdk-v1', dryRun: true, format: false });
    expect(logged.errors.filter((e) => /left unchanged/.test(e.message))).toEqual([]);
    // One that keeps a count by it in Redis, node-redis's camelCase methods too (review 73): held.
    const redisMetrics = "declare const redis: { hIncrBy(key: string, field: string, by: number): Promise<number> };\nexport async function inc(tool: string, sessionId: string | undefined) {\n  await redis.hIncrBy(`calls:${sessionId}`, tool, 1);\n}\n";
    const kept = await runFix({ cwd: project({ 'src/server.ts': server, 'src/tools.ts': counted, 'src/store.ts': store, 'src/metrics.ts': redisMetrics }), target: 'sdk-v1', dryRun: true, format: false });
    expect(kept.errors).toContainEqual({ file: 'src/server.ts', message: expect.stringMatching(/^left unchanged: making its transport stateless would leave state keyed by the MCP session id/) });
  });

  it('leaves the dispatch as it was where the route hands the session id to a tools module that keys state by it (trials 42A, 43A)', async () => {
    const folder = path.join(REPO, 'fixtures/scan/session-state/session-id-handed-to-tools');
    const files = Object.fromEntries(fs.readdirSync(folder).map((name) => [`src/${name}`, fs.readFileSync(path.join(folder, name), 'utf8')]));
    const dir = project(files);
    // Every caller would read and write one entry of the notes: nothing written there, said why.
    const result = await runFix({ cwd: dir, target: 'sdk-v1', format: false });
    expect(fs.readFileSync(path.join(dir, 'src/route.ts'), 'utf8')).toBe(files['src/route.ts']);
    expect(result.errors).toContainEqual({ file: 'src/route.ts', message: expect.stringMatching(/^left unchanged: making its transport stateless would leave state keyed by the MCP session id \(src\/notes-tools\.ts:\d+/) });
    // The file has no marker to do what it asks: the summary sends the reader to the error line (read-through 48).
    expect(formatFixSummary(result, new Chalk({ level: 0 }))).toMatch(/Not rewritten this run, though a codemod takes them \(\d+\): for a file left unchanged, see why above, then run fix again:/);
    // Moving to v2, the package cannot be half on each SDK: it stays on v1, every file of it (review 45).
    const moving = project({ ...files, 'package.json': JSON.stringify({ name: 'notes', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', zod: '^4.2.0' } }) });
    const v2 = await runFix({ cwd: moving, target: '2026-07-28', dryRun: true, format: false });
    expect(v2.stayedOnV1).toEqual(['package.json']);
    expect(v2.errors.find((e) => e.file === 'package.json')?.message).toMatch(/^stays on SDK v1 \(notes\): making the transport of src\/route\.ts stateless would leave state keyed by the MCP session id/);
    expect(v2.files.filter((f) => /@modelcontextprotocol\/(server|node)/.test(f.after)).map((f) => f.file)).toEqual([]);
    // Sets of the session ids a map keeps per document only say which sessions are in: no caller
    // reads another's data through them, so they do not hold the dispatch (read-through 48).
    const readers = [
      "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { z } from 'zod';",
      'const readersByDoc = new Map<string, Set<string>>();',
      'export function registerNoteTools(server: McpServer, _sessionId: string): void {',
      "  server.tool('open_doc', 'Open a document', { uri: z.string() }, async ({ uri }, extra) => {",
      '    const set = readersByDoc.get(uri) ?? new Set<string>();',
      '    set.add(extra.sessionId!);',
      '    readersByDoc.set(uri, set);',
      "    return { content: [{ type: 'text', text: 'opened' }] };",
      '  });',
      '}',
      '',
    ].join('\n');
    const sets = await runFix({ cwd: project({ ...files, 'src/notes-tools.ts': readers }), target: 'sdk-v1', dryRun: true, format: false });
    expect(sets.errors.filter((e) => /^left unchanged/.test(e.message))).toEqual([]);
  });

  it("says a live resource's advice once in its marker, where the finding's message ends with it (review 36)", async () => {
    const server = fs.readFileSync(path.join(REPO, 'fixtures/scan/stateful-tool/process-started-by-tool.ts'), 'utf8');
    const result = await runFix({ cwd: project({ 'src/server.ts': server }), target: 'sdk-v1', dryRun: true, format: false });
    const markers = result.files.find((f) => f.file === 'src/server.ts')!.markers.filter((m) => /running processes/.test(m.message));
    expect(markers.length).toBeGreaterThan(0);
    for (const m of markers) expect(m.message.match(/cannot be kept in a shared store/gi)).toHaveLength(1);
  });

  it('tags the per-request rewrite review where a subclass of McpServer made with each session keeps a page its tools share (trial 36A)', async () => {
    const pages = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import type { Browser, Page } from 'puppeteer';",
      "import { z } from 'zod';",
      'export class PageServer extends McpServer {',
      '  private page: Page | null = null;',
      '  constructor(private readonly browser: Browser) {',
      "    super({ name: 'pages', version: '1.0.0' });",
      "    this.registerTool('open', { inputSchema: { url: z.string() } }, async ({ url }) => {",
      '      this.page ??= await this.browser.newPage();',
      '      await this.page.goto(url);',
      "      return { content: [{ type: 'text', text: url }] };",
      '    });',
      "    this.registerTool('title', { inputSchema: {} }, async () => {",
      "      if (!this.page) return { isError: true, content: [{ type: 'text', text: 'open a page first' }] };",
      "      return { content: [{ type: 'text', text: await this.page.title() }] };",
      '    });',
      '  }',
      '}',
      '',
    ].join('\n');
    const server = SESSIONFUL.replace("import express from 'express';", "import express from 'express';\nimport type { Browser } from 'puppeteer';\nimport { PageServer } from './page-server.js';\ndeclare const browser: Browser;").replace('await buildServer().connect(transport);', 'await new PageServer(browser).connect(transport);');
    expect(server).toContain('new PageServer(browser).connect');
    const dir = project({ 'src/server.ts': server, 'src/page-server.ts': pages });
    const scanned = (await scan({ paths: [dir] })).findings.filter((f) => f.ruleId === 'stateful-tool');
    expect(scanned.map((f) => [f.file, f.tool, f.reasons])).toEqual([
      ['src/page-server.ts', 'open', ['browser-state', 'lasts-with-server']],
      ['src/page-server.ts', 'title', ['browser-state', 'lasts-with-server']],
    ]);
    expect(scanned[1].message).toMatch(/^Tool "title" keeps a browser page in a field of the object its tools are registered on across calls \(PageServer\.page\)/);
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    // The page its tools share would last one request: the dispatch is left as it was (trial 61A B1; trial 36A tagged it review).
    expect(result.errors).toContainEqual({ file: 'src/server.ts', message: expect.stringMatching(/^left unchanged: making its transport stateless would leave state the tools keep with their server \(src\/page-server\.ts:\d+.*even on one instance; keep that state in a shared store under a handle the tools take, or outside the server, then run fix again$/) });
    const written = await runFix({ cwd: dir, target: 'sdk-v1', format: false });
    expect(fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8')).toBe(server);
    expect(written.errors.some((e) => e.file === 'src/server.ts' && /^left unchanged: /.test(e.message))).toBe(true);
    // One object of the class made at module level keeps its page for the process, whatever the transport: the rewrite stays safe.
    const single = pages.concat("declare const sharedBrowser: Browser;\nexport const shared = new PageServer(sharedBrowser);\n");
    const singleDir = project({ 'src/server.ts': SESSIONFUL, 'src/page-server.ts': single });
    const alone = await runFix({ cwd: singleDir, target: 'sdk-v1', dryRun: true, format: false });
    expect((await scan({ paths: [singleDir] })).findings.filter((f) => f.ruleId === 'stateful-tool').map((f) => /^Tool "(\w+)" keeps a browser page in (.*?) across calls/.exec(f.message)?.slice(1))).toEqual([
      ['open', "this instance's memory"],
      ['title', "this instance's memory"],
    ]);
    expect(alone.files.find((f) => f.file === 'src/server.ts')!.changes.find((c) => /^session dispatch \(the branches/.test(c.description))!.safety).toBe('safe');
  });

  it("tags the per-request rewrite review where tools change the object each session's server is built with (trial 49A B1)", async () => {
    const notes = [
      "import { z } from 'zod';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      'export function notesServer(session: { notes: string[] }): McpServer {',
      "  const server = new McpServer({ name: 'notes', version: '1.0.0' });",
      "  server.registerTool('add_note', { inputSchema: { text: z.string() } }, async ({ text }) => { session.notes.push(text); return { content: [] }; });",
      "  server.registerTool('list_notes', {}, async () => ({ content: [{ type: 'text', text: session.notes.join('\\n') }] }));",
      '  return server;',
      '}',
      '',
    ].join('\n');
    const server = SESSIONFUL.replace("import express from 'express';", "import express from 'express';\nimport { notesServer } from './notes.js';").replace('await buildServer().connect(transport);', 'await notesServer({ notes: [] }).connect(transport);');
    expect(server).toContain('notesServer({ notes: [] }).connect');
    const dir = project({ 'src/server.ts': server, 'src/notes.ts': notes });
    const scanned = (await scan({ paths: [dir] })).findings.filter((f) => f.ruleId === 'stateful-tool');
    expect(scanned.map((f) => [f.file, f.tool, f.severity])).toEqual([
      ['src/notes.ts', 'add_note', 'error'],
      ['src/notes.ts', 'list_notes', 'error'],
    ]);
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    // The object each session's server is built with would last one request: the dispatch is left as it was (trial 61A B1).
    expect(result.errors).toContainEqual({ file: 'src/server.ts', message: expect.stringMatching(/^left unchanged: making its transport stateless would leave state the tools keep with their server \(src\/notes\.ts:\d+.*even on one instance; keep that state in a shared store under a handle the tools take, or outside the server, then run fix again$/) });
    // Both tools are marked: nothing says the run left nothing.
    expect(result.files.find((f) => f.file === 'src/notes.ts')!.after.match(/TODO\(mcp-migrate\)/g)).toHaveLength(2);
  });

  it("leaves the dispatch as it was where a tools module keeps state under each session's server in a map keyed by it (trial 74B B10, second review)", async () => {
    // The per-session factory imported from the tools module, whose tools keep state under the server it builds.
    const serving = (factory: string, module: string) =>
      SESSIONFUL.replace("import express from 'express';", `import express from 'express';\nimport { ${factory} as sessionServer } from './${module}.js';`).replace('await buildServer().connect(transport);', 'await sessionServer().connect(transport);');
    const fixture = (name: string) => fs.readFileSync(path.join(REPO, 'fixtures/scan/stateful-tool', name), 'utf8');
    const leftAsIs = async (module: string, text: string, factory: string) => {
      const server = serving(factory, module);
      expect(server).toContain('await sessionServer().connect(transport);');
      const dir = project({ 'src/server.ts': server, [`src/${module}.ts`]: text });
      const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
      // fix made the transport stateless and tagged it safe: every session's entry then lasted one request.
      expect(result.errors).toContainEqual({ file: 'src/server.ts', message: expect.stringMatching(new RegExp(`^left unchanged: making its transport stateless would leave state the tools keep with their server \\(src/${module}\\.ts:\\d+`)) });
    };
    // A server handed to the function that registers the tools, built by a helper, a map keyed by `s.server`, a member set through an alias.
    await leftAsIs('chat', fixture('state-keyed-by-server-shapes.ts'), 'draftSession');
    // One low-level tools/call handler whose cases fill and read the entry.
    await leftAsIs('shop', fixture('state-keyed-by-low-level-server.ts'), 'shopServer');
    // The first shapes (stateOf(s)) in a module of their own: their message said nothing the run reads as state kept with the server.
    await leftAsIs('keyed', fixture('state-keyed-by-server.ts'), 'buildServer');
    // Per-server metrics only written, and an entry only the factory fills: the rewrite stays safe.
    const metrics = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      'const hits = new WeakMap<McpServer, number>();',
      'const settings = new WeakMap<McpServer, { locale: string }>();',
      'function registerTools(s: McpServer) {',
      "  s.registerTool('hit', {}, async () => { const n = (hits.get(s) ?? 0) + 1; hits.set(s, n); return { content: [] }; });",
      "  s.registerTool('locale', {}, async () => ({ content: [{ type: 'text', text: settings.get(s)?.locale ?? 'en' }] }));",
      '}',
      'export function metricsServer() {',
      "  const s = new McpServer({ name: 'metrics', version: '1.0.0' });",
      "  settings.set(s, { locale: 'en' });",
      '  registerTools(s);',
      '  return s;',
      '}',
      '',
    ].join('\n');
    const dir = project({ 'src/server.ts': serving('metricsServer', 'metrics'), 'src/metrics.ts': metrics });
    const quiet = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    expect(quiet.errors).toEqual([]);
    expect(quiet.files.find((f) => f.file === 'src/server.ts')!.changes.find((c) => /^session dispatch \(the branches/.test(c.description))!.safety).toBe('safe');
  });

  it('advises a log listener to log on the call it belongs to, and a change listener to use a subscriptions/listen stream (trial 34B)', async () => {
    const server = fs.readFileSync(path.join(REPO, 'fixtures/scan/stateful-tool/log-listener.ts'), 'utf8');
    const dir = project({ 'src/server.ts': server });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const after = oneLineMarkers(result.files.find((f) => f.file === 'src/server.ts')!.after);
    const marker = (listener: string) => after.match(new RegExp(`TODO\\(mcp-migrate\\): no codemod rewrites this stateful-tool finding: The ${listener} listener pushes [^\\n]*`))?.[0] ?? '';
    expect(marker('line')).toMatch(/pushes log messages .*Log from the call the line belongs to, on its own response \(extra\.sendNotification; on the v2 SDK ctx\.mcpReq\.log\(\)\)/);
    expect(marker('line')).not.toMatch(/Send them only on a subscriptions\/listen stream/);
    expect(marker('changed')).toMatch(/pushes notifications .*Send them only on a subscriptions\/listen stream the client opened, or drop them\./);
  });

  it("counts list-cache's marker above a sendToolListChanged outside any tool call as speaking of the finding there", async () => {
    const server = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { watch } from 'node:fs';",
      "import { z } from 'zod';",
      '',
      'export function createServer(onChange: (notify: () => void) => void) {',
      "  const server = new McpServer({ name: 'n', version: '1.0.0' }, { capabilities: { tools: { listChanged: true } } });",
      "  server.registerTool('echo', { inputSchema: { q: z.string() } }, async ({ q }) => ({ content: [{ type: 'text', text: q }] }));",
      '  onChange(() => server.sendToolListChanged());',
      "  watch('./plugins', () => {",
      '    server.sendToolListChanged();',
      '  });',
      '  return server;',
      '}',
      '',
    ].join('\n');
    const dir = project({
      'package.json': JSON.stringify({ name: 'n', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.24.0', zod: '^4.2.0' } }),
      'src/server.ts': server,
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const after = oneLineMarkers(result.files.find((f) => f.file === 'src/server.ts')!.after);
    expect(after.match(/TODO\(mcp-migrate\): sendToolListChanged announces a tool list that changes at run time/g)).toHaveLength(2);
    expect(result.remaining.filter((f) => /^sendToolListChanged\(\) announces/.test(f.message))).toHaveLength(2);
    expect(formatFixSummary(result, new Chalk({ level: 0 }))).not.toMatch(/no codemod and no marker/);
  });

  it('keeps a package on a 0.x SDK on v1: the move assumes the 1.x API (Gmail-MCP-Server, ^0.4.0)', async () => {
    const server = [
      "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
      "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';",
      "import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';",
      '',
      "const server = new Server({ name: 'gmail', version: '1.0.0', capabilities: { tools: {} } });",
      'server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [] }));',
      'await server.connect(new StdioServerTransport());',
      '',
    ].join('\n');
    const dir = project({ 'package.json': JSON.stringify({ name: 'gmail', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^0.4.0' } }, null, 2), 'src/index.ts': server });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(result.stayedOnV1).toEqual(['package.json']);
    expect(result.errors).toContainEqual({ file: 'package.json', message: expect.stringMatching(/^stays on SDK v1 \([^)]+\): it declares @modelcontextprotocol\/sdk \^0\.4\.0, older than 1\.0/) });
    expect(result.files.find((f) => f.file === 'src/index.ts')?.after ?? server).not.toMatch(/'tools\/list'/);
  });

  it('names legacy HTTP+SSE left serving in a package that moved among what keeps the target from being reached', () => {
    const finding = (file: string, ruleId: string, category: Finding['category'], message: string): Finding => ({ ruleId, category, severity: 'error', file, line: 3, column: 1, endLine: 3, endColumn: 2, message, snippet: '' });
    const result: FixResult = {
      root: '/r',
      target: '2026-07-28',
      dryRun: true,
      codemods: [],
      errors: [],
      stayedOnV1: ['legacy/package.json'],
      files: [],
      remaining: [
        finding('web/src/stdio.ts', 'protocol-pin', 'protocol-pin', 'StdioServerTransport speaks 2025 revisions only, also on the v2 packages: serve stdio with serveStdio'),
        finding('web/src/http.ts', 'sse-transport', 'sse-legacy', 'SSEServerTransport serves the legacy HTTP+SSE transport'),
        // A package kept on v1 is said with its manifest, not here.
        finding('legacy/src/http.ts', 'sse-transport', 'sse-legacy', 'SSEServerTransport serves the legacy HTTP+SSE transport'),
      ],
      summary: { filesChanged: 0, applied: 0, safe: 0, review: 0, marked: 0, manual: 3, failed: 0 },
    };
    const summary = formatFixSummary(result, new Chalk({ level: 0 }));
    expect(summary).toMatch(/^ {2}Not yet on 2026-07-28: StdioServerTransport and legacy HTTP\+SSE still serve in 2 files and refuse 2026-07-28 requests/m);
    // No marker placed: nothing for grep to find (magic-mcp's summary pointed at markers it had none of).
    expect(summary).toMatch(/^ {2}Run `mcp-migrate scan` to list what is left\.$/m);
  });

  it('does not name as unmarked a finding a marker names what it is about, or stands right above', () => {
    const finding = (line: number, message: string, ruleId = 'stateful-tool'): Finding => ({ ruleId, category: 'stateful-tool', severity: 'error', file: 'src/index.ts', line, column: 1, endLine: line, endColumn: 2, message, snippet: '' });
    const after = ['const a = 1;', '// TODO(mcp-migrate): the session map goes', 'const b = 2;', 'const c = 3;', '// TODO(mcp-migrate): dispatch not recognised', 'const t = c', '  ? new Map()', '  : new Set();', ''].join('\n');
    const result: FixResult = {
      root: '/r',
      target: '2026-07-28',
      dryRun: true,
      codemods: [],
      errors: [],
      stayedOnV1: [],
      files: [{ file: 'src/index.ts', absolute: '/r/src/index.ts', before: after, after, changes: [], codemods: [], markers: [
        { line: 2, message: 'the session map goes', link: 'https://example.org', inserted: true, codemod: 'explicit-handles' },
        { line: 5, message: 'dispatch not recognised', link: 'https://example.org', inserted: true, codemod: 'stateless-transport' },
        { line: 40, message: 'sendToolListChanged announces a tool list that changes at run time', link: 'https://example.org', inserted: true, codemod: 'list-cache' },
      ] }],
      remaining: [
        finding(3, 'Handler reads the session map (transports)'),
        finding(1, 'Tool "discover" changes the tool list at run time (sendToolListChanged)'),
        finding(4, 'Tool "other" asks the client mid-call (elicitInput)'),
        finding(7, 'A transport of the 2025 revisions', 'session-id-generator'),
        // Under the same marker, a finding of a rule that codemod does not work on, naming code the marker does not name.
        finding(8, 'NodeStreamableHTTPServerTransport speaks 2025 revisions only', 'protocol-pin'),
      ],
      summary: { filesChanged: 0, applied: 0, safe: 0, review: 0, marked: 2, manual: 3, failed: 0 },
    };
    const listed = formatFixSummary(result, new Chalk({ level: 0 })).split('\n').filter((line) => /^ {4}src\//.test(line));
    // Line 3 has a marker of its rule's codemod right above it; line 1's reason is named by the
    // marker at line 40; line 7 is in a short statement with such a marker above it; line 4 has
    // none of these, and line 8's rule is not the marker's.
    expect(listed).toEqual([expect.stringMatching(/^ {4}src\/index\.ts:4 {2}error/), expect.stringMatching(/^ {4}src\/index\.ts:8 {2}error/)]);
  });

  it('moves a route to createMcpHandler with a server subclass from another file, and marks one that builds a wrapper of the server', async () => {
    const route = (cls: string, module: string) =>
      [
        "import express from 'express';",
        "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
        `import { ${cls} } from './${module}.js';`,
        '',
        'const app = express();',
        'app.use(express.json());',
        ...statelessExpressRoute(`new ${cls}()`),
        'app.listen(3000);',
        '',
      ].join('\n');
    const manifest = JSON.stringify({ name: 'svc', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.0.0', zod: '^4.2.1' } });
    const dir = project({
      'package.json': manifest,
      'src/docs-server.ts': "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport class DocsServer extends McpServer {\n  constructor() {\n    super({ name: 'docs', version: '1.0.0' });\n  }\n}\n",
      'src/catalog-server.ts': [
        "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
        "import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';",
        'export class CatalogServer {',
        "  private readonly server = new Server({ name: 'catalog', version: '1.0.0' }, { capabilities: { tools: {} } });",
        '  async connect(transport: Transport): Promise<void> {',
        '    await this.server.connect(transport);',
        '  }',
        '}',
        '',
      ].join('\n'),
      'src/docs.ts': route('DocsServer', 'docs-server'),
      'src/catalog.ts': route('CatalogServer', 'catalog-server'),
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const after = (file: string) => oneLineMarkers(result.files.find((f) => f.file === file)?.after ?? '');
    expect(after('src/docs.ts')).toMatch(/createMcpHandler\(\(\) => new DocsServer\(\)/);
    expect(after('src/catalog.ts')).not.toMatch(/createMcpHandler\(\(/);
    expect(after('src/catalog.ts')).toMatch(/TODO\(mcp-migrate\): createMcpHandler needs a factory that returns the SDK's McpServer or Server, and CatalogServer is a class of this application that connects a server it holds/);
  });

  it('adds a tools/list cache hint only where the package\'s @modelcontextprotocol/server takes one', async () => {
    const server = [
      "import { McpServer } from '@modelcontextprotocol/server';",
      "import { serveStdio } from '@modelcontextprotocol/server/stdio';",
      '',
      'const build = () => {',
      "  const server = new McpServer({ name: 'calc', version: '1.0.0' });",
      "  server.registerTool('ping_calc', { description: 'Answers' }, async () => ({ content: [{ type: 'text', text: 'ok' }] }));",
      '  return server;',
      '};',
      '',
      'serveStdio(build);',
      '',
    ].join('\n');
    const pkg = (name: string, version: string) => JSON.stringify({ name, type: 'module', dependencies: { '@modelcontextprotocol/server': version, zod: '^4.2.1' } });
    const dir = project({
      'pinned/package.json': pkg('pinned', '2.0.0-alpha.0'),
      'pinned/src/server.ts': server,
      'vendored/package.json': pkg('vendored', 'file:./vendor/modelcontextprotocol-server-2.0.0-alpha.0.tgz'),
      'vendored/src/server.ts': server,
      'current/package.json': pkg('current', '^2.4.0'),
      'current/src/server.ts': server,
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const hinted = (p: string) => /cacheHints/.test(result.files.find((f) => f.file === `${p}/src/server.ts`)?.after ?? '');
    expect([hinted('pinned'), hinted('vendored'), hinted('current')]).toEqual([false, false, true]);
  });

  it('names the errors and warnings it left with no codemod and no marker; marks a shared server no codemod can rebuild', async () => {
    // The server is made in another module and imported: no codemod can build it per request
    // here (brave-search-mcp-server), so the route's connect() is marked; the logging capability
    // has no codemod at all and no line to change: it is named.
    const dir = project({
      'package.json': JSON.stringify({ name: 'svc', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.0.0' } }, null, 2),
      'src/server.ts': [
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        '',
        "export const server = new McpServer({ name: 'svc', version: '1.0.0' }, { capabilities: { logging: {} } });",
        '',
      ].join('\n'),
      'src/http.ts': [
        "import express from 'express';",
        "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
        "import { server } from './server.js';",
        '',
        'const app = express();',
        "app.post('/mcp', async (req, res) => {",
        '  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });',
        '  await server.connect(transport);',
        '  await transport.handleRequest(req, res, req.body);',
        '});',
        '',
      ].join('\n'),
    });
    const result = await runFix({ cwd: dir, dryRun: true, format: false });
    const left = result.remaining.filter((f) => f.fix === undefined && f.severity !== 'info');
    expect(left.map((f) => `${f.file} ${f.ruleId}`).sort()).toEqual(['src/http.ts shared-server', 'src/server.ts deprecated-feature']);
    const summary = formatFixSummary(result, new Chalk({ level: 0 }));
    const listed = summary.split('\n').filter((line) => /^ {4}src\//.test(line));
    expect(listed).toEqual([expect.stringMatching(/^ {4}src\/server\.ts:3 {2}warning {2}deprecated-feature {2}The logging capability/)]);
    expect(summary).toMatch(/Left for a person, with no codemod and no marker \(1\):/);
    const http = oneLineMarkers(result.files.find((f) => f.file === 'src/http.ts')!.after);
    expect(http).toMatch(/\/\/ TODO\(mcp-migrate\): no codemod rewrites this shared-server finding: server is [^\n]*Build the server in a function[^\n]*\n {2}await server\.connect\(transport\);/);
    // A run that leaves nothing of the kind says nothing of it.
    const clean = project({ 'package.json': JSON.stringify({ name: 'svc', type: 'module' }), 'src/index.ts': 'export const x = 1;\n' });
    expect(formatFixSummary(await runFix({ cwd: clean, dryRun: true, format: false }), new Chalk({ level: 0 }))).not.toMatch(/Left for a person/);
  });

  it('names the findings a codemod takes but did not rewrite, behind a marker that speaks of none of them, so that every one left is accounted for', async () => {
    // A class holding one server (invariantlabs' MCPServer): stateless-transport refuses the
    // route while the server is shared and marks that; the header read, the initialize test and the
    // generator are its to rewrite on the next run.
    const dir = project({
      'package.json': JSON.stringify({ name: 'svc', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.0.0' } }),
      'src/server.ts': [
        "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
        "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
        "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
        "import { randomUUID } from 'crypto';",
        "import type { Request, Response } from 'express';",
        "",
        "export class MCPServer {",
        "  server: Server;",
        "  transports: { [sessionId: string]: StreamableHTTPServerTransport } = {};",
        "",
        "  constructor(server: Server) {",
        "    this.server = server;",
        "  }",
        "",
        "  async handlePostRequest(req: Request, res: Response) {",
        "    const sessionId = req.headers['mcp-session-id'] as string | undefined;",
        "    if (sessionId && this.transports[sessionId]) {",
        "      await this.transports[sessionId].handleRequest(req, res, req.body);",
        "      return;",
        "    }",
        "    if (!sessionId && isInitializeRequest(req.body)) {",
        "      const transport = new StreamableHTTPServerTransport({",
        "        sessionIdGenerator: () => randomUUID(),",
        "      });",
        "      await this.server.connect(transport);",
        "      await transport.handleRequest(req, res, req.body);",
        "      if (transport.sessionId) this.transports[transport.sessionId] = transport;",
        "      return;",
        "    }",
        "    res.status(400).end();",
        "  }",
        "}",
        '',
      ].join('\n'),
    });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const summary = formatFixSummary(result, new Chalk({ level: 0 }));
    const waiting = summary.split('\n').filter((line) => /^ {4}src\/server\.ts:\d+ {2}error {4}[\w-]+ \(stateless-transport\)/.test(line));
    expect(waiting.map((line) => line.split(/\s+/)[3])).toEqual(['session-header', 'initialize-request', 'session-id-generator']);
    expect(summary).toContain('Not rewritten this run, though a codemod takes them (3): do what the markers ask, then run fix again:');
    // With the markers' two, the five left.
    expect(result.remaining.filter((f) => f.severity !== 'info')).toHaveLength(5);
    expect(summary).toContain('2 place(s) to mark TODO(mcp-migrate), 5 finding(s) left for a person.');
  });

  it('marks nothing scan rates info with nothing to do on the 2025 path of code that speaks both eras (its CORS lists, GET and DELETE, its maps); the same routes in a server that speaks 2025 only are rewritten', async () => {
    const fixture = (name: string) => fs.readFileSync(path.join(REPO, 'fixtures/scan/dual-era', name), 'utf8');
    // legacy-routes.ts with a CORS list that keeps Mcp-Session-Id for the 2025 path's browser clients.
    const dualEra = fixture('legacy-routes.ts')
      .replace("import express from 'express';", "import express from 'express';\nimport cors from 'cors';")
      .replace('app.use(express.json());', "app.use(express.json());\napp.use(cors({ exposedHeaders: ['Mcp-Session-Id'], allowedHeaders: ['Content-Type', 'Mcp-Session-Id'] }));");
    const manifest = JSON.stringify({ name: 'svc', type: 'module', dependencies: { '@modelcontextprotocol/server': '2.4.0', '@modelcontextprotocol/node': '2.1.2', express: '^5.2.1', cors: '^2.8.6' } });
    const dir = project({ 'package.json': manifest, 'src/server.ts': dualEra, 'src/only2025.ts': fixture('legacy-routes-2025-only.ts') });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const server = result.files.find((f) => f.file === 'src/server.ts')!;
    // Only its two errors (a header value passed on for every request, a GET on another path) are marked.
    expect(server.markers.map((m) => m.message)).toEqual([
      expect.stringMatching(/^fix \(stateless-transport\) did not rewrite this session-header finding: Reads the Mcp-Session-Id request header\. /),
      expect.stringMatching(/^fix \(stateless-transport\) did not rewrite this session-header finding: Reads the Mcp-Session-Id request header\. /),
    ]);
    expect(server.after).not.toMatch(/stays in this CORS list|delete the map|delete the initialize branch|not plain JSON|used by no tool handler/);
    // The header stays in both lists, which gain the modern request headers; GET and DELETE stay as they were.
    expect(server.after).toContain("app.use(cors({ exposedHeaders: ['Mcp-Session-Id'], allowedHeaders: ['Content-Type', 'Mcp-Session-Id', 'Mcp-Method', 'Mcp-Name', 'MCP-Protocol-Version'] }));");
    expect(server.after).toContain(dualEra.slice(dualEra.indexOf("app.get('/mcp'"), dualEra.indexOf("app.delete('/mcp', endSession);")));
    const only2025 = result.files.find((f) => f.file === 'src/only2025.ts')!;
    expect(only2025.changes.map((c) => c.description)).toEqual(expect.arrayContaining(['deleted the session map transports', 'GET /mcp answers 405 (no sessions to stream or delete)', 'DELETE /mcp answers 405 (no sessions to stream or delete)']));
  });

  it('counts info findings apart from those left for a person, as the list of them leaves info out', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'svc', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0' } }),
      'src/server.ts': [
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "import { RootsListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';",
        '',
        "const server = new McpServer({ name: 'svc', version: '1.0.0' });",
        'server.server.oninitialized = () => {',
        '  if (server.server.getClientCapabilities()?.roots) {',
        "    server.server.setNotificationHandler(RootsListChangedNotificationSchema, () => console.error('roots'));",
        '  }',
        '};',
        '',
      ].join('\n'),
    });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const info = result.remaining.filter((f) => f.severity === 'info').length;
    expect(info).toBeGreaterThan(0);
    const summary = formatFixSummary(result, new Chalk({ level: 0 }));
    const listed = summary.split('\n').filter((line) => /^ {4}src\//.test(line)).length;
    expect(result.remaining.length - info).toBe(listed);
    expect(summary).toContain(`${listed} finding(s) left for a person (and ${info} info finding(s), which need no change).`);
    expect(summary).toContain(`Left for a person, with no codemod and no marker (${listed}):`);
  });

  it('writes the state module of a .mjs file as mcp-state.mjs, which loads as an ES module in a package with no "type" (trial 39C)', async () => {
    const tools = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { z } from 'zod';",
      '/** @type {Map<string, string[]>} */',
      'const carts = new Map();',
      'export function build() {',
      "  const server = new McpServer({ name: 'shop', version: '1.0.0' });",
      "  server.registerTool('add_item', { inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {",
      '    const cart = carts.get(extra.sessionId) ?? [];',
      '    cart.push(sku);',
      '    carts.set(extra.sessionId, cart);',
      "    return { content: [{ type: 'text', text: `${cart.length} items` }] };",
      '  });',
      "  server.registerTool('view_cart', {}, async (_args, extra) => ({ content: [{ type: 'text', text: JSON.stringify(carts.get(extra.sessionId) ?? []) }] }));",
      '  return server;',
      '}',
      '',
    ].join('\n');
    const dir = project({ 'package.json': JSON.stringify({ name: 'shop', dependencies: { '@modelcontextprotocol/sdk': '^1.20.0', zod: '^4.2.1' } }), 'tools/cart.mjs': tools });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const created = result.files.find((f) => f.file.startsWith('tools/mcp-state'))!;
    expect(created.file).toBe('tools/mcp-state.mjs');
    expect(result.files.find((f) => f.file === 'tools/cart.mjs')!.after).toMatch(/from '\.\/mcp-state\.mjs';/);
    // It loads as an ES module where package.json names no type: no reparse warning, no syntax error.
    fs.writeFileSync(path.join(dir, 'tools/mcp-state.mjs'), created.after);
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const { MCP_STATE_URL: _unset, ...env } = process.env;
    const loaded = spawnSync(process.execPath, ['-e', "import('./tools/mcp-state.mjs').then((m) => console.log(typeof m.handleState))"], { cwd: dir, env, encoding: 'utf8', timeout: 20_000 });
    expect(loaded.stdout.trim()).toBe('function');
    expect(loaded.stderr).not.toMatch(/MODULE_TYPELESS_PACKAGE_JSON|SyntaxError/);
  });

  it('says that state moved into mcp-state is shared only once MCP_STATE_URL names a Redis, beside a count of nothing left (trial 28C), and not where no state moved', async () => {
    const { cart, manifest } = CART_PACKAGE;
    const moved = await runFix({ cwd: project({ 'package.json': manifest, 'src/server.ts': cart }), target: 'sdk-v1', dryRun: true, format: false });
    const summary = formatFixSummary(moved, new Chalk({ level: 0 }));
    expect(summary).toContain('0 finding(s) left for a person.');
    expect(summary).toContain('State now lives in the mcp-state module: shared between instances only once MCP_STATE_URL names a Redis every instance reaches.');
    const unmoved = await runFix({ cwd: project({ 'package.json': manifest, 'src/server.ts': SESSIONFUL }), target: 'sdk-v1', dryRun: true, format: false });
    expect(unmoved.files.length).toBeGreaterThan(0);
    expect(formatFixSummary(unmoved, new Chalk({ level: 0 }))).not.toContain('mcp-state');
  });

  it('marks a Deployment of several replicas that sets no MCP_STATE_URL once the run adds the mcp-state store, and leaves it for a person; a second run changes nothing (trial 75A B6)', async () => {
    const { cart, manifest } = CART_PACKAGE;
    const deployment = (name: string, replicas: number, env = '') =>
      ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${name}`, 'spec:', `  replicas: ${replicas}`, '  template:', '    spec:', '      containers:', `        - name: ${name}`, '          image: registry.example.com/shop:1.0.0', '          env:', '            - name: PORT', '              value: "3000"', ...(env ? [env] : [])].join('\n');
    // Look-alikes: one replica, and three that are given MCP_STATE_URL.
    const deploy = [deployment('shop', 3), deployment('shop-single', 1), deployment('shop-shared', 3, '            - name: MCP_STATE_URL\n              value: redis://redis:6379')].join('\n---\n') + '\n';
    const dir = project({ 'package.json': manifest, 'src/server.ts': cart, 'k8s/deploy.yaml': deploy });
    const first = await runFix({ cwd: dir, target: 'sdk-v1', format: false });
    const config = first.files.find((f) => f.file === 'k8s/deploy.yaml')!;
    expect(config.changes).toEqual([]);
    expect(config.markers.map((m) => `${m.line} ${m.inserted}`)).toEqual(['6 true']);
    expect(config.after.replace(/\n +# (?!TODO)/g, ' ')).toContain('spec:\n  # TODO(mcp-migrate): Deployment shop runs 3 replicas and sets no MCP_STATE_URL: the mcp-state store (src/mcp-state.ts) keeps each handle');
    expect(config.after.split('\n').filter((line) => line.includes('TODO(mcp-migrate)'))).toHaveLength(1);
    expect(first.remaining.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.severity}`)).toEqual([`k8s/deploy.yaml:${config.after.split('\n').indexOf('  replicas: 3') + 1} state-store-url error`]);
    const summary = formatFixSummary(first, new Chalk({ level: 0 }));
    expect(summary).toContain('1 place(s) marked TODO(mcp-migrate), 1 finding(s) left for a person.');
    // What scan finds afterwards is what fix said it left.
    const after = await scan({ paths: [dir], cache: false });
    expect(after.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(first.remaining.map((f) => `${f.file}:${f.line} ${f.ruleId}`));
    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'fix'], { cwd: dir });
    const second = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    expect(second.files.filter((f) => f.after !== f.before).map((f) => f.file)).toEqual([]);
    expect(second.files.find((f) => f.file === 'k8s/deploy.yaml')!.markers.map((m) => m.inserted)).toEqual([false]);
    expect(second.remaining.map((f) => f.ruleId)).toEqual(['state-store-url']);
    // Silenced in the config: neither marked nor left.
    const ignored = deploy.replace('spec:\n  replicas: 3', 'spec:\n  # mcp-migrate-ignore state-store-url -- the platform injects it\n  replicas: 3');
    const quiet = await runFix({ cwd: project({ 'package.json': manifest, 'src/server.ts': cart, 'k8s/deploy.yaml': ignored }), target: 'sdk-v1', dryRun: true, format: false });
    expect(quiet.files.find((f) => f.file === 'k8s/deploy.yaml')).toBeUndefined();
    expect(quiet.remaining).toEqual([]);
  });

  it('says, moving to the v2 packages, that one server still connected to each session\'s transport fails every client after the first there (trial 29B)', async () => {
    const server = [
      ...EXPRESS_SESSION_IMPORTS,
      '',
      'export function start(register: (s: McpServer) => void): void {',
      "  const server = new McpServer({ name: 'shared', version: '1.0.0' });",
      '  register(server);',
      '  const app = express();',
      '  app.use(express.json());',
      '  const transports: Record<string, StreamableHTTPServerTransport> = {};',
      "  app.post('/mcp', async (req, res) => {",
      "    const sid = req.headers['mcp-session-id'] as string | undefined;",
      '    if (sid && transports[sid]) return transports[sid].handleRequest(req, res, req.body);',
      '    if (sid || !isInitializeRequest(req.body)) return void res.status(400).end();',
      '    const t: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({',
      '      sessionIdGenerator: () => randomUUID(),',
      '      onsessioninitialized: (id) => {',
      '        transports[id] = t;',
      '      },',
      '    });',
      '    await server.connect(t);',
      '    await t.handleRequest(req, res, req.body);',
      '  });',
      '  app.listen(3000);',
      '}',
      '',
    ].join('\n');
    const manifest = JSON.stringify({ name: 'shared', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.10.0', express: '^5.0.0' } });
    const result = await runFix({ cwd: project({ 'package.json': manifest, 'src/server.ts': server }), target: '2026-07-28', dryRun: true, format: false });
    // A server handed to register() in a function: no factory fix can make, so the package stays
    // on v1, which says why (trial 31B), rather than moving into "every client after the first fails".
    expect(result.errors).toContainEqual({ file: 'package.json', message: expect.stringMatching(/^stays on SDK v1 \(shared\): src\/server\.ts:23 connects server, one server for every request, to a new transport in each/) });
    expect(result.files.find((f) => f.file === 'src/server.ts')?.after ?? server).not.toMatch(/@modelcontextprotocol\/server'/);
    // On the sdk-v1 target nothing moved: no such line.
    const v1 = await runFix({ cwd: project({ 'package.json': manifest, 'src/server.ts': server }), target: 'sdk-v1', dryRun: true, format: false });
    expect(formatFixSummary(v1, new Chalk({ level: 0 }))).not.toContain('One server is still connected');
  });

  it('leaves the dispatch rewrite as it was where the object only sets itself up (a map filled by a method its constructor calls) or is made once outside the route', async () => {
    const source = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/stateless-transport/server-object-state.input.ts'), 'utf8');
    const setupOnly = source
      .replace('setInterval(() => this.tasks.clear(), 3_600_000);', 'this.fill();')
      .replace("        const id = randomUUID();\n        this.tasks.set(id, String(args.text));\n        return { content: [{ type: 'text', text: id }] };", "        return { content: [{ type: 'text', text: String(this.tasks.size) }] };")
      .replace('  constructor() {', "  private fill(): void {\n    this.tasks.set('welcome', 'hello');\n  }\n\n  constructor() {");
    expect(setupOnly).toContain('this.fill();');
    expect(setupOnly).not.toContain('this.tasks.set(id');
    const manifest = JSON.stringify({ name: 'tasks', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0' } });
    for (const text of [setupOnly, source.replace('      await new TaskServer().server.connect(transport);', '      await app.server.connect(transport);').replace('const transports:', 'const app = new TaskServer();\nconst transports:')]) {
      const result = await runFix({ cwd: project({ 'package.json': manifest, 'src/server.ts': text }), target: 'sdk-v1', dryRun: true, format: false });
      const file = result.files.find((f) => f.file === 'src/server.ts')!;
      expect(file.markers.map((m) => m.message).join('\n')).not.toContain('now runs for every request (it ran once per session)');
      expect(file.changes.some((c) => c.description.includes('is now built per request, and'))).toBe(false);
    }
  });

  it('counts closing the session\'s own server as session bookkeeping, not closing a long-lived upstream client of the module (review)', async () => {
    const source = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/stateless-transport/session-closed-teardown.input.ts'), 'utf8');
    const upstream = source.replace('      await server.close();', '      await upstream.transport.close();').replace("import express from 'express';", "import express from 'express';\nimport { upstream } from './upstream.js';");
    expect(upstream).toContain('await upstream.transport.close();');
    const manifest = JSON.stringify({ name: 'notes', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.0.0' } });
    const own = await runFix({ cwd: project({ 'package.json': manifest, 'src/server.ts': source }), target: 'sdk-v1', dryRun: true, format: false });
    expect(own.files[0].after).not.toContain('sessionIdGenerator: () => randomUUID()');
    const other = await runFix({ cwd: project({ 'package.json': manifest, 'src/server.ts': upstream }), target: 'sdk-v1', dryRun: true, format: false });
    const file = other.files.find((f) => f.file === 'src/server.ts')!;
    expect(file.after).toContain('sessionIdGenerator: () => randomUUID()');
    expect(file.markers.map((m) => m.message).join('\n')).toContain('upstream.transport.close()');
  });

  it('keeps client stickiness, marked, in a run over config alone: the servers behind it are not part of it (trial 29A, fix deploy/ in a monorepo)', async () => {
    const service = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: mcp', 'spec:', '  selector:', '    app: mcp', '  sessionAffinity: ClientIP', '  ports:', '    - port: 80', ''].join('\n');
    const dir = project({ 'package.json': JSON.stringify({ name: 'mono', private: true }), 'deploy/service.yaml': service, 'apps/server/src/server.ts': SESSIONFUL });
    const alone = await runFix({ cwd: dir, paths: ['deploy'], target: 'sdk-v1', dryRun: true, format: false });
    const config = alone.files.find((f) => f.file.endsWith('service.yaml'))!;
    expect(config.changes).toEqual([]);
    expect(config.markers.map((m) => m.message).join('\n')).toContain('no MCP server code was part of this run, so whether the servers behind it still keep sessions');
    // With a client's code beside it (a web app calling the server): still no server code.
    const client = "import { Client } from '@modelcontextprotocol/sdk/client/index.js';\nexport const client = new Client({ name: 'web', version: '1.0.0' });\n";
    fs.mkdirSync(path.join(dir, 'apps/web/src'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'apps/web/src/client.ts'), client);
    const withClient = await runFix({ cwd: dir, paths: ['deploy', 'apps/web'], target: 'sdk-v1', dryRun: true, format: false });
    expect(withClient.files.find((f) => f.file.endsWith('service.yaml'))!.changes).toEqual([]);
    fs.rmSync(path.join(dir, 'apps/web'), { recursive: true, force: true });
    // Over the repository, the server's dispatch is rewritten in the same run, and the affinity goes.
    const whole = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    expect(whole.files.find((f) => f.file.endsWith('service.yaml'))!.changes.map((c) => c.description)).toEqual([expect.stringContaining('removed Service sessionAffinity: ClientIP')]);
  });

  it('tags the dispatch rewrite to review where the server is a field of an object of the file that keeps state its handlers change (trial 29C: safe before, and the task map emptied on every call)', async () => {
    const source = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/stateless-transport/server-object-state.input.ts'), 'utf8');
    const dir = project({ 'package.json': JSON.stringify({ name: 'tasks', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0' } }), 'src/server.ts': source });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    // The task map would last one request: the dispatch is left as it was (trial 61A B1; trial 29C tagged it review).
    const file = result.files.find((f) => f.file === 'src/server.ts');
    expect(file === undefined || file.after === file.before).toBe(true);
    expect(result.errors).toContainEqual({ file: 'src/server.ts', message: expect.stringMatching(/^left unchanged: making its transport stateless would leave state the tools keep with their server \(src\/server\.ts:\d+.*even on one instance; keep that state in a shared store under a handle the tools take, or outside the server, then run fix again$/) });
  });

  it("the mcp-state module warns when the server loads it without MCP_STATE_URL, before any call, as its header says, and not with one", () => {
    const dir = plainTree({ 'package.json': JSON.stringify({ type: 'module' }), 'mcp-state.js': stateModuleSource('esm', 'redis') });
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const load = (env: Record<string, string>) => {
      const { MCP_STATE_URL: _, ...rest } = process.env;
      return spawnSync(process.execPath, ['--input-type=module', '-e', "await import('./mcp-state.js');"], { cwd: dir, env: { ...rest, ...env }, encoding: 'utf8', timeout: 20_000 });
    };
    const bare = load({});
    expect(bare.status).toBe(0);
    expect(bare.stderr).toContain('[mcp-state] MCP_STATE_URL is not set: tool state is kept in memory, which is correct for a single instance only.');
    const shared = load({ MCP_STATE_URL: 'redis://127.0.0.1:1' });
    expect(shared.status).toBe(0);
    expect(shared.stderr).not.toContain('[mcp-state]');
    // Set by the entry file after its imports ran (dotenv.config()): no false warning.
    const { MCP_STATE_URL: _, ...rest } = process.env;
    const later = spawnSync(process.execPath, ['--input-type=module', '-e', "await import('./mcp-state.js'); process.env.MCP_STATE_URL = 'redis://127.0.0.1:1';"], { cwd: dir, env: rest, encoding: 'utf8', timeout: 20_000 });
    expect(later.status).toBe(0);
    expect(later.stderr).not.toContain('[mcp-state]');
  });

  it('counts the marker a codemod left for a shared low-level Server handed in as its finding\'s, and calls it by its name, not an McpServer', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'svc', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.0.0' } }),
      'src/http.ts': [
        "import type express from 'express';",
        "import { randomUUID } from 'node:crypto';",
        "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
        "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
        '',
        'const open: Record<string, StreamableHTTPServerTransport> = {};',
        '',
        'export function routes(app: express.Application, mcp: Server) {',
        "  app.post('/mcp', async (req, res) => {",
        "    const id = req.headers['mcp-session-id'] as string | undefined;",
        '    let transport = id ? open[id] : undefined;',
        '    if (!transport) {',
        '      transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (sid) => { open[sid] = transport!; } });',
        '      await mcp.connect(transport);',
        '    }',
        '    await transport.handleRequest(req, res, req.body);',
        '  });',
        '}',
        '',
      ].join('\n'),
    });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const after = oneLineMarkers(result.files.find((f) => f.file === 'src/http.ts')!.after);
    expect(after).toMatch(/\/\/ TODO\(mcp-migrate\): `mcp` is one server shared by every request[^\n]*where `mcp` is handed in, take the function that builds one[^\n]*\n {6}await mcp\.connect\(transport\);/);
    expect(after).not.toMatch(/McpServer/);
    expect(result.remaining.map((f) => f.ruleId)).toContain('shared-server');
    expect(formatFixSummary(result, new Chalk({ level: 0 }))).not.toMatch(/shared-server/);
  });

  it('names what it leaves at the line of the file on disk in a dry run, which writes nothing (markers above would move it)', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'svc', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0' } }),
      'src/server.ts': [
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        '',
        "const server = new McpServer({ name: 'x', version: '1.0.0' });",
        '',
        "server.registerTool('confirm', { description: 'Asks first' }, async () => {",
        "  const answer = await server.server.elicitInput({ message: 'Sure?', requestedSchema: { type: 'object', properties: {} } });",
        "  return { content: [{ type: 'text', text: JSON.stringify(answer) }] };",
        '});',
        '',
        'const protocol = server.server as unknown as { _clientCapabilities?: object };',
        'protocol._clientCapabilities = { elicitation: {} };',
        '',
      ].join('\n'),
    });
    const scanned = await scan({ paths: [dir], cwd: dir });
    expect(scanned.findings.filter((f) => f.ruleId === 'private-initialized').map((f) => f.line)).toEqual([11]);
    const dry = await runFix({ cwd: dir, dryRun: true, format: false });
    // The tool's marker goes above line 5: in the rewritten file the write is further down.
    expect(dry.remaining.find((f) => f.ruleId === 'private-initialized')!.line).toBeGreaterThan(11);
    const listed = formatFixSummary(dry, new Chalk({ level: 0 })).split('\n').filter((line) => /^ {4}src\//.test(line));
    expect(listed).toEqual([expect.stringMatching(/^ {4}src\/server\.ts:11 {2}error {4}private-initialized/)]);
    // Written, the rewritten file is the one on disk: its lines.
    const written = await runFix({ cwd: dir, allowDirty: true, format: false });
    const line = written.remaining.find((f) => f.ruleId === 'private-initialized')!.line;
    expect(formatFixSummary(written, new Chalk({ level: 0 }))).toContain(`src/server.ts:${line}  error`);
  });

  it("marks an McpAgent tool that reads its Durable Object's storage through a method of the class, as one that reads it itself (trial 73A B1)", async () => {
    const agent = [
      "import { McpAgent } from 'agents/mcp';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      '',
      'export class Gate extends McpAgent<Env> {',
      "  server = new McpServer({ name: 'gate', version: '1.0.0' });",
      '  async init() {',
      "    this.server.tool('open', {}, async () => {",
      "      await this.ctx.storage.put('open', true);",
      "      return { content: [{ type: 'text', text: 'opened' }] };",
      '    });',
      "    this.server.tool('status', {}, async () => ({ content: [{ type: 'text', text: (await this.isOpen()) ? 'open' : 'shut' }] }));",
      '  }',
      '  private async isOpen() {',
      "    return (await this.ctx.storage.get<boolean>('open')) === true;",
      '  }',
      '}',
      '',
      "export default Gate.serve('/mcp');",
      '',
    ].join('\n');
    const dir = project({ 'package.json': JSON.stringify({ name: 'gate', dependencies: { agents: '^0.0.94', '@modelcontextprotocol/sdk': '^1.12.1' } }), 'src/index.ts': agent });
    await runFix({ cwd: dir, allowDirty: true, format: false });
    const lines = oneLineMarkers(fs.readFileSync(path.join(dir, 'src/index.ts'), 'utf8')).split('\n');
    const above = (code: string) => lines[lines.findIndex((l) => l.includes(code)) - 1];
    expect(above("this.server.tool('status'")).toMatch(/TODO\(mcp-migrate\): .*Tool "status" uses the McpAgent's per-session Durable Object state \(this\.ctx\.storage, through this\.isOpen\(\)\)/);
    expect(above("this.server.tool('open'")).toMatch(/TODO\(mcp-migrate\): .*Tool "open" uses the McpAgent's per-session Durable Object state/);
  });

  it('does not call advice for a file that cannot hold a comment (wrangler.json) a marker: it is said, counted as left, the same on every run', async () => {
    const agent = [
      "import { McpAgent } from 'agents/mcp';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      '',
      'export class DemoMCP extends McpAgent<Env, { n: number }> {',
      "  server = new McpServer({ name: 'demo', version: '1.0.0' });",
      '  async init() {}',
      '}',
      '',
      'export default {',
      '  fetch(req: Request, env: Env, ctx: ExecutionContext) {',
      "    if (new URL(req.url).pathname === '/sse') return DemoMCP.serveSSE('/sse').fetch(req, env, ctx);",
      "    return DemoMCP.serve('/mcp').fetch(req, env, ctx);",
      '  },',
      '};',
      '',
    ].join('\n');
    const wrangler = JSON.stringify({ name: 'demo', main: 'src/index.ts', durable_objects: { bindings: [{ class_name: 'DemoMCP', name: 'MCP_OBJECT' }] } }, null, 2);
    const dir = project({ 'package.json': JSON.stringify({ name: 'demo', dependencies: { agents: '^0.13.0', '@modelcontextprotocol/sdk': '^1.26.0' } }), 'src/index.ts': agent, 'wrangler.json': `${wrangler}\n` });
    const first = await runFix({ cwd: dir, allowDirty: true, format: false });
    const json = first.files.find((f) => f.file === 'wrangler.json')!;
    expect(json.after).toBe(json.before);
    expect(json.markers.map((m) => [m.inserted, m.unwritable])).toEqual([[false, true]]);
    const summary = (r: FixResult) => formatFixSummary(r, new Chalk({ level: 0 }));
    expect(summary(first)).toMatch(/ {5}7 {2}unmarked {2}Durable Object binding MCP_OBJECT .*\(wrangler\.json:7: not marked, a JSON file cannot hold a comment\)/);
    expect(summary(first)).not.toMatch(/wrangler\.json:7, already marked/);
    // Counted with what no marker speaks of, and not as a place marked.
    const left = (r: FixResult) => summary(r).split('\n').filter((line) => /^ {4}(src|wrangler)/.test(line)).map((line) => line.trim().split(/\s+/).slice(0, 3).join(' '));
    expect(left(first)).toContain('wrangler.json:7 warning sticky-wrangler');
    expect(first.summary.marked).toBe(first.files.find((f) => f.file === 'src/index.ts')!.markers.length);
    // A second run over what the first wrote names the same findings left (the run's own markers, its or an earlier run's, speak of their rule only).
    const second = await runFix({ cwd: dir, allowDirty: true, format: false });
    expect(left(second)).toEqual(left(first));
  });

  it('replaces the marker an earlier run left where a run for another target marks the same line anew', async () => {
    const input = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/sse-transport/helper-routes.input.ts'), 'utf8');
    const manifest = JSON.stringify({ name: 'svc', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.0.0', zod: '^4.2.1' } }, null, 2);
    const dir = project({ 'package.json': manifest, 'src/server.ts': input });
    const read = () => oneLineMarkers(fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8'));
    await runFix({ cwd: dir, format: false });
    const v1 = read();
    expect(v1).toMatch(/TODO\(mcp-migrate\): legacy HTTP\+SSE endpoint .* new StreamableHTTPServerTransport\(\{ sessionIdGenerator: undefined \}\)/);
    execFileSync('git', ['commit', '-qam', 'sdk-v1 run'], { cwd: dir });
    // Only some codemods: what this run does not cover stays as it was.
    await runFix({ cwd: dir, format: false, target: '2026-07-28', codemods: ['v2-handler'] });
    expect(read()).toMatch(/new StreamableHTTPServerTransport\(\{ sessionIdGenerator: undefined \}\)/);
    execFileSync('git', ['checkout', '-q', '.'], { cwd: dir });
    await runFix({ cwd: dir, format: false, target: '2026-07-28' });
    const v2 = read();
    expect(v2).toMatch(/TODO\(mcp-migrate\): legacy HTTP\+SSE endpoint .* createMcpHandler/);
    expect(v2).not.toMatch(/new StreamableHTTPServerTransport\(\{ sessionIdGenerator: undefined \}\)/);
    // The markers both runs wrote stay, once.
    expect(v2.match(/TODO\(mcp-migrate\): \/mcp serves the legacy SSE transport too/g)).toHaveLength(1);
  });

  it('keeps a whole package on v1 when one of its files cannot move (no v2 server handed to v1 code)', async () => {
    const refused = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/v2-handler/import-comment-dropped-name.input.ts'), 'utf8');
    const tools = [
      "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { z } from 'zod';",
      '',
      'export function register(server: McpServer) {',
      "  server.tool('echo', { text: z.string() }, async ({ text }) => ({ content: [{ type: 'text', text }] }));",
      '}',
      '',
    ].join('\n');
    const sdk = { '@modelcontextprotocol/sdk': '^1.26.0', zod: '^4.2.1' };
    const dir = project({
      'shop/package.json': JSON.stringify({ name: 'shop', dependencies: sdk }, null, 2),
      'shop/src/main.ts': refused,
      'shop/src/tools.ts': tools,
      'plain/package.json': JSON.stringify({ name: 'plain', dependencies: sdk }, null, 2),
      'plain/src/tools.ts': tools,
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    // shop: neither file moves (tools.ts alone would have: registerTool on the v2 packages).
    const shop = result.files.filter((f) => f.file.startsWith('shop/') && f.after !== f.before);
    expect(shop.map((f) => f.file)).toEqual([]);
    expect(result.errors.filter((e) => e.file === 'shop/package.json').map((e) => e.message)).toEqual([
      expect.stringMatching(/^stays on SDK v1 \([^)]+\): shop\/src\/main\.ts:2 cannot move to the v2 packages \(the official v1→v2 codemod would drop a comment of this file .*\), and a package cannot be half on v1 and half on v2/),
    ]);
    // plain, beside it, moves.
    expect(result.files.find((f) => f.file === 'plain/src/tools.ts')?.after).toMatch(/registerTool\('echo'/);
  });

  describe('a McpServer re-exported by a module of the package (nuxt-mcp: `import type { McpServer } from ./types`)', () => {
    const sdk = { '@modelcontextprotocol/sdk': '^1.21.0', zod: '^4.2.0' };
    const files = {
      'package.json': JSON.stringify({ name: 'plugin', type: 'module', dependencies: sdk }, null, 2),
      // Written without semicolons, as nuxt-mcp is.
      'src/types.ts': "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'\n\nexport type { McpServer }\nexport interface PluginOptions {\n  setup?: (server: McpServer) => void\n}\n",
      'src/server.ts': "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'\n\nexport function createServer(): McpServer {\n  const server = new McpServer({ name: 'demo', version: '1.0.0' })\n  server.tool('ping', 'Ping', {}, async () => ({ content: [{ type: 'text', text: 'ok' }] }))\n  return server\n}\n",
      'src/extra-tools.ts': "import type { McpServer } from './types'\n\nexport function addExtraTools(mcp: McpServer): void {\n  mcp.tool('list-things', 'List things', {}, async () => ({ content: [{ type: 'text', text: '[]' }] }))\n}\n",
      // Another name that says McpServer first in the import list: the one that is the SDK's still counts.
      'src/options.ts': "export type { McpServer } from './types'\nexport interface McpServerOptions {\n  name: string\n}\n",
      'src/more-tools.ts': "import type { McpServerOptions, McpServer } from './options'\n\nexport function addMore(mcp: McpServer, _o: McpServerOptions): void {\n  mcp.tool('more', 'More', {}, async () => ({ content: [] }))\n}\n",
      // Two modules down (index → reexport → the SDK), under another name, by import and export.
      'src/index.ts': "export * from './reexport.js';\n",
      'src/reexport.ts': "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\n\nexport { McpServer };\n",
      'src/prompts/basic.ts': [
        "import type { McpServer as Server } from '../index.js';",
        "import { definition } from './definition.js';",
        '',
        'export function addPrompts(app: Server): void {',
        "  app.prompt('hello', 'Say hello', async () => ({ messages: [] }));",
        '  app.tool(...definition);',
        '}',
        '',
      ].join('\n'),
      'src/prompts/definition.ts': "export const definition = ['echo', {}, async () => ({ content: [] })] as const;\n",
      // A McpServer of the package's own is not the SDK's.
      'src/own.ts': "import { McpServer } from './mine.js';\n\nexport const add = (m: McpServer) => m.tool('a', 'b', {});\n",
      'src/mine.ts': 'export class McpServer {\n  tool(...args: unknown[]): void {}\n}\n',
    };

    it('moves the files that call tool() on it with those that import the SDK: rewritten, or marked where the official codemod cannot', async () => {
      const dir = project(files);
      const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
      const after = (file: string) => result.files.find((f) => f.file === file)?.after;
      expect(result.errors).toEqual([]);
      expect(after('src/extra-tools.ts')).toBe(
        "import type { McpServer } from './types'\nimport { z } from 'zod'\n\nexport function addExtraTools(mcp: McpServer): void {\n  mcp.registerTool('list-things', { description: 'List things', inputSchema: z.object({}) }, async () => ({ content: [{ type: 'text', text: '[]' }] }))\n}\n",
      );
      // Its own imports are as they were: no import path rewrite is said of it.
      expect(result.files.find((f) => f.file === 'src/extra-tools.ts')?.changes.map((c) => c.description)).toEqual(['official v1→v2 codemod: McpServer API migration (1 edit)']);
      // The module it takes McpServer from moves, in its own style.
      expect(after('src/types.ts')).toMatch(/^import type \{ McpServer \} from '@modelcontextprotocol\/server'\n/);
      const prompts = result.files.find((f) => f.file === 'src/prompts/basic.ts')!;
      expect(prompts.after).toMatch(/^import type \{ McpServer as Server \} from '\.\.\/index\.js';\nimport \{ definition \} from '\.\/definition\.js';\n\n/);
      expect(prompts.after).toMatch(/app\.registerPrompt\('hello', \{ description: 'Say hello' \}/);
      expect(prompts.after).not.toMatch(/__mcp_migrate|@modelcontextprotocol/);
      // What it could not rewrite is marked at the call, and counted.
      const lines = prompts.after.split('\n');
      expect(prompts.markers.map((m) => m.message)).toEqual([expect.stringMatching(/Could not automatically migrate \.tool\(\) call/)]);
      expect(lines[prompts.markers[0].line - 1]).toMatch(/\/\/ TODO\(mcp-migrate\): official v1→v2 codemod: Could not automatically migrate/);
      expect(lines.slice(prompts.markers[0].line).find((l) => !l.trimStart().startsWith('//'))).toBe('  app.tool(...definition);');
      expect(result.summary.marked).toBe(1);
      expect(after('src/own.ts')).toBeUndefined();
      expect(after('src/more-tools.ts')).toMatch(/mcp\.registerTool\('more', \{ description: 'More'/);
    });

    it('gives no public tools/list cache hint to a server the package returns where another of its modules registers tools on the server it is handed', async () => {
      const { 'src/extra-tools.ts': handed, 'src/more-tools.ts': _more, ...alone } = files;
      const hinted = (result: FixResult) => result.files.find((f) => f.file === 'src/server.ts')?.after.match(/cacheHints: \{ 'tools\/list': \{ ttlMs: 300_000, cacheScope: '(\w+)' \} \}/)?.[1];
      expect(hinted(await runFix({ cwd: project(alone), target: '2026-07-28', dryRun: true, format: false }))).toBe('public');
      const result = await runFix({ cwd: project({ ...alone, 'src/extra-tools.ts': handed }), target: '2026-07-28', dryRun: true, format: false });
      expect(result.files.find((f) => f.file === 'src/server.ts')?.after).toMatch(/registerTool\('ping'/);
      expect(hinted(result)).toBeUndefined();
    });

    it('keeps the package on v1 under --safe-only, for a file whose McpServer comes through it as for one that imports the SDK', async () => {
      // No file that imports McpServer from the SDK has a call to convert; each that moves with review is named.
      const dir = project({ ...files, 'src/server.ts': UNTOUCHED, 'src/prompts/basic.ts': files['src/prompts/basic.ts'].replace('  app.tool(...definition);\n', '') });
      const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false, safeOnly: true });
      expect(result.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^stays on SDK v1 \(plugin\): src\/extra-tools\.ts, src\/more-tools\.ts and src\/prompts\/basic\.ts cannot move to the v2 packages \(moving this file to the v2 packages includes changes to review \(McpServer API migration\)/)]);
      expect(result.files.filter((f) => f.after !== f.before && /types|tools|prompts/.test(f.file))).toEqual([]);
    });
  });

  // The parameter named `server` (trial 36B) or `mcp` (trial 41C: left on v1's tool(), the v2 server crashed at startup).
  it.each(['server', 'mcp', 'mcpServer'])("moves a plain JavaScript tools module that calls v1's tool() on the server it is handed as %s, importing nothing of the SDK, with the server", async (name) => {
    const tools = [
      "import { z } from 'zod';",
      `export function registerTools(${name}) {`,
      `  ${name}.tool('echo', 'Echo the text', { text: z.string() }, async ({ text }) => ({ content: [{ type: 'text', text }] }));`,
      `  ${name}.prompt('greet', 'Say hello', async () => ({ messages: [] }));`,
      '}',
      '',
    ].join('\n');
    const dir = project({
      'package.json': JSON.stringify({ name: 'tools-js', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.32.2', zod: '^4.2.0' } }, null, 2),
      'index.js': [
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';",
        "import { registerTools } from './tools.js';",
        "const server = new McpServer({ name: 'echo', version: '1.0.0' });",
        'registerTools(server);',
        'await server.connect(new StdioServerTransport());',
        '',
      ].join('\n'),
      'tools.js': tools,
    });
    // scan reads it as MCP code: nothing stateful in it, but a v1 server API to move.
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(result.errors).toEqual([]);
    const after = result.files.find((f) => f.file === 'tools.js')?.after;
    expect(after).toBe(
      [
        "import { z } from 'zod';",
        `export function registerTools(${name}) {`,
        `  ${name}.registerTool('echo', { description: 'Echo the text', inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({ content: [{ type: 'text', text }] }));`,
        `  ${name}.registerPrompt('greet', { description: 'Say hello' }, async () => ({ messages: [] }));`,
        '}',
        '',
      ].join('\n'),
    );
    expect(result.files.find((f) => f.file === 'index.js')?.after).toMatch(/from '@modelcontextprotocol\/server'/);
    // Under --safe-only the API migration is one to review: the package stays on v1, naming the file.
    const safe = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false, safeOnly: true });
    expect(safe.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^stays on SDK v1 \(tools-js\): tools\.js cannot move to the v2 packages/)]);
  });

  it("marks an SSE route that waits on sse-transport's shared-server marker once, under that marker (read-through 62)", async () => {
    const mcp = "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const server = new McpServer({ name: 'x', version: '1.0.0' });\nserver.tool('t', async () => ({ content: [] }));\n";
    const route = [
      "import express from 'express';",
      "import { server } from './mcp.js';",
      "import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';",
      'const transports: Record<string, SSEServerTransport> = {};',
      'const app = express();',
      "app.get('/sse', async (req, res) => {",
      "  const transport = new SSEServerTransport('/messages', res);",
      '  transports[transport.sessionId] = transport;',
      "  res.on('close', () => { delete transports[transport.sessionId]; });",
      '  await server.connect(transport);',
      '});',
      "app.post('/messages', async (req, res) => {",
      '  const transport = transports[req.query.sessionId as string];',
      '  if (transport) await transport.handlePostMessage(req, res);',
      "  else res.status(400).send('No transport');",
      '});',
      'app.listen(3000);',
      '',
    ].join('\n');
    const result = await runFix({ cwd: project({ 'src/mcp.ts': mcp, 'src/server.ts': route }), target: 'sdk-v1', dryRun: true, format: false });
    const markers = result.files.find((f) => f.file === 'src/server.ts')!.markers.map((m) => m.message);
    // The route waits on the shared server ("..., then run fix again to move the endpoint"): its transport is not marked again.
    expect(markers.filter((m) => /then run fix again to move the endpoint to Streamable HTTP$/.test(m))).toHaveLength(1);
    expect(markers.filter((m) => /did not rewrite this sse-transport finding/.test(m))).toEqual([]);
  });

  it("keeps a package on v1 whose transport module's one transport another module hands on as the request handler (trial 49C B1, review 61)", async () => {
    const folder = path.join(REPO, 'fixtures/scan/shared-server/bound-handler-elsewhere');
    const files = Object.fromEntries(fs.readdirSync(folder).map((name) => [name, fs.readFileSync(path.join(folder, name), 'utf8')]));
    const manifest = JSON.stringify({ name: 'media', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', zod: '^4.2.0' } }, null, 2);
    const held = await runFix({ cwd: project({ ...files, 'package.json': manifest }), target: '2026-07-28', dryRun: true, format: false });
    expect(held.errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/^stays on SDK v1 \(media\): transport\.ts:\d+ serves every request through transport, one stateless transport built once/));
    expect(held.files.filter((f) => /@modelcontextprotocol\/(server|node)/.test(f.after)).map((f) => f.file)).toEqual([]);
    // Routed by an express app of that module (`app.post('/mcp', transport.handleRequest.bind(transport))`): held too.
    const routed = files['http-server.ts'].replace("import { createServer } from 'node:http';", "import { createServer } from 'node:http';\nimport express from 'express';").replace('export const server = createServer(handleRequest);', "export const server = express();\nserver.post('/mcp', transport.handleRequest.bind(transport));");
    expect(routed).toContain("server.post('/mcp', transport.handleRequest.bind(transport))");
    const express = await runFix({ cwd: project({ ...files, 'http-server.ts': routed, 'package.json': manifest }), target: '2026-07-28', dryRun: true, format: false });
    expect(express.errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/^stays on SDK v1 \(media\): .* serves every request through transport, one stateless transport built once/));
  });

  it('keeps a package on v1 whose one stateless transport, built on the first request, fix cannot build per request; one it can, moves (trial 36C)', async () => {
    const lazy = fs.readFileSync(path.join(REPO, 'fixtures/scan/shared-server/transport-built-lazily.js'), 'utf8');
    const manifest = JSON.stringify({ name: 'fn', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.18.2', zod: '^4.2.0' } }, null, 2);
    const held = await runFix({ cwd: project({ 'package.json': manifest, 'api/mcp.js': lazy }), target: '2026-07-28', dryRun: true, format: false });
    expect(held.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^stays on SDK v1 \(fn\): api\/mcp\.js:\d+ serves every request through transport, one stateless transport built once \(transport = new StreamableHTTPServerTransport.*the v2 packages refuse to reuse a stateless transport, so every request after the first would fail/)]);
    expect(held.files.find((f) => f.file === 'package.json')).toBeUndefined();
    expect(held.files.find((f) => f.file === 'api/mcp.js')?.after ?? lazy).not.toMatch(/@modelcontextprotocol\/(server|node)/);
    // Built once at module level from a factory: the run builds it per request, and the package moves.
    const once = [
      "import express from 'express';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      "const createServer = () => new McpServer({ name: 'once', version: '1.0.0' });",
      'const server = createServer();',
      'const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });',
      'await server.connect(transport);',
      'const app = express();',
      'app.use(express.json());',
      "app.post('/mcp', async (req, res) => {",
      '  await transport.handleRequest(req, res, req.body);',
      '});',
      'app.listen(3000);',
      '',
    ].join('\n');
    const moved = await runFix({ cwd: project({ 'package.json': manifest.replace('"zod"', '"express": "^5.1.0", "zod"'), 'server.js': once }), target: '2026-07-28', dryRun: true, format: false });
    expect(moved.errors.map((e) => e.message).filter((m) => m.startsWith('stays on SDK v1'))).toEqual([]);
    expect(moved.files.find((f) => f.file === 'server.js')?.after).toMatch(/@modelcontextprotocol\/server/);
  });

  it("rewrites a handler that destructures v1's request context to take the same names from v2's, and keeps a package on v1 where a name has no such place (trial 36B)", async () => {
    const server = (context: string) =>
      [
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';",
        "import { z } from 'zod';",
        "const server = new McpServer({ name: 'notify', version: '1.0.0' });",
        `server.tool('announce', 'Sends a message', { count: z.number() }, async ({ count }, ${context}) => {`,
        "  await sendNotification({ method: 'notifications/message', params: { level: 'info', data: String(count) } });",
        "  return { content: [{ type: 'text', text: 'sent' }] };",
        '});',
        'await server.connect(new StdioServerTransport());',
        '',
      ].join('\n');
    const manifest = JSON.stringify({ name: 'notify', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.32.2', zod: '^4.2.0' } }, null, 2);
    const moved = await runFix({ cwd: project({ 'package.json': manifest, 'server.js': server('{ sendNotification, signal, requestId: id, authInfo }') }), target: '2026-07-28', dryRun: true, format: false });
    expect(moved.errors.map((e) => e.message).filter((m) => m.startsWith('stays on SDK v1'))).toEqual([]);
    const file = moved.files.find((f) => f.file === 'server.js')!;
    expect(file.after).toContain("async ({ count }, { mcpReq: { notify: sendNotification, signal, id }, http: { authInfo } = {} }) => {");
    expect(file.markers.filter((m) => /Destructuring of context parameter/.test(m.message))).toEqual([]);
    expect(file.changes).toContainEqual(expect.objectContaining({ safety: 'review', description: expect.stringMatching(/^v1's request context destructured in 1 handler\(s\) now destructures v2's/) }));
    // The arguments' pattern is never taken for the context, whatever its names (a requestId argument).
    const argued = await runFix({ cwd: project({ 'package.json': manifest, 'server.js': server('{ sendNotification }').replace("{ count: z.number() }, async ({ count }", "{ requestId: z.string(), count: z.number() }, async ({ requestId, count }") }), target: '2026-07-28', dryRun: true, format: false });
    expect(argued.errors.map((e) => e.message).filter((m) => m.startsWith('stays on SDK v1'))).toEqual([]);
    expect(argued.files.find((f) => f.file === 'server.js')!.after).toContain('async ({ requestId, count }, { mcpReq: { notify: sendNotification } }) => {');
    // The change is said at the handler's line in the file as it is.
    expect(file.changes.find((c) => /^v1's request context destructured/.test(c.description))?.line).toBe(5);
    // Laid out one parameter per line, with a return type (Prettier's layout of a long call, trial 41C): the same.
    const laidOut = server('{ sendNotification }')
      .replace("server.tool('announce', 'Sends a message', { count: z.number() }, async ({ count }, { sendNotification }) => {", "server.tool(\n  'announce',\n  'Sends a message',\n  { count: z.number() },\n  async (\n    { count },\n    { sendNotification },\n  ): Promise<{ content: [] }> => {")
      .replace("  return { content: [{ type: 'text', text: 'sent' }] };\n});", "  return { content: [{ type: 'text', text: 'sent' }] };\n  },\n);");
    const layout = await runFix({ cwd: project({ 'package.json': manifest, 'server.ts': laidOut }), target: '2026-07-28', dryRun: true, format: false });
    expect(layout.errors.map((e) => e.message).filter((m) => m.startsWith('stays on SDK v1'))).toEqual([]);
    const laidOutFile = layout.files.find((f) => f.file === 'server.ts')!;
    expect(laidOutFile.after).toMatch(/async \(\n\s*\{ count \},\n\s*\{ mcpReq: \{ notify: sendNotification \} \},\n\s*\): Promise<\{ content: \[\] \}> => \{/);
    expect(laidOutFile.markers).toEqual([]);
    // One argument per line, the handler's signature on one line: the official codemod marks the call's line, not the handler's (trial 45C).
    const perArgument = server('{ sendNotification }')
      .replace("server.tool('announce', 'Sends a message', { count: z.number() }, async ({ count }, { sendNotification }) => {", "server.tool(\n  'announce',\n  'Sends a message',\n  { count: z.number() },\n  async ({ count }, { sendNotification }) => {")
      .replace("  return { content: [{ type: 'text', text: 'sent' }] };\n});", "  return { content: [{ type: 'text', text: 'sent' }] };\n  },\n);");
    const perArgumentRun = await runFix({ cwd: project({ 'package.json': manifest, 'server.ts': perArgument }), target: '2026-07-28', dryRun: true, format: false });
    const perArgumentFile = perArgumentRun.files.find((f) => f.file === 'server.ts')!;
    expect(perArgumentFile.after).toContain('async ({ count }, { mcpReq: { notify: sendNotification } }) => {');
    expect(perArgumentFile.markers).toEqual([]);
    // The same with the schema's properties one per line: the official codemod marks the body's first statement (trial 48C).
    const schemaLines = perArgument.replace('  { count: z.number() },\n', '  {\n    count: z.number(),\n  },\n');
    expect(schemaLines).not.toBe(perArgument);
    const schemaLinesFile = (await runFix({ cwd: project({ 'package.json': manifest, 'server.ts': schemaLines }), target: '2026-07-28', dryRun: true, format: false })).files.find((f) => f.file === 'server.ts')!;
    expect(schemaLinesFile.after).toContain('async ({ count }, { mcpReq: { notify: sendNotification } }) => {');
    expect(schemaLinesFile.markers).toEqual([]);
    // sendRequest's v2 counterpart takes other arguments: no rewrite, and the package waits on v1.
    const held = await runFix({ cwd: project({ 'package.json': manifest, 'server.js': server('{ sendNotification, sendRequest }') }), target: '2026-07-28', dryRun: true, format: false });
    expect(held.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^stays on SDK v1 \(notify\): server\.js:5 cannot move to the v2 packages \(this handler destructures v1's request context \(\{ sendNotification, sendRequest \}\), and sendRequest has no like-for-like counterpart in v2/)]);
  });

  it.each([false, true])('a refused transport construction is explained once, by the marker above it, not again for each option inside it (long: %s)', async (long) => {
    const original = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/stateless-transport/session-setup-callback.input.ts'), 'utf8');
    // However many lines the construction takes (a close hook that logs its failures, say).
    const closeHook = ['      onsessionclosed: async (id) => {', '        try {', '          await forget(id);', '        } catch (error) {', '          console.error(', "            'close failed',", '            id,', '            error,', '          );', '        }', '      },'];
    const input = long ? original.replace('      onsessioninitialized,\n', `      onsessioninitialized,\n${closeHook.join('\n')}\n`).replace(/^/, 'declare function forget(id: string): Promise<void>;\n') : original;
    // Longer than the statements a marker above may otherwise speak for.
    const lines = input.split('\n');
    const start = lines.findIndex((l) => l.includes('new StreamableHTTPServerTransport('));
    const end = lines.findIndex((l, i) => i > start && l === '    });');
    expect(end - start + 1).toBeGreaterThanOrEqual(long ? 12 : 1);
    const dir = project({ 'src/mcp.ts': input });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const after = oneLineMarkers(result.files.find((f) => f.file === 'src/mcp.ts')!.after);
    const construction = after.split('\n').findIndex((l) => l.includes('new StreamableHTTPServerTransport('));
    expect(after.split('\n')[construction - 1]).toMatch(/TODO\(mcp-migrate\): onsessioninitialized does more than record the session/);
    // The options inside it (sessionIdGenerator, onsessioninitialized) get no marker of their own.
    expect(after).not.toMatch(/did not rewrite this (session-id-generator|session-lifecycle) finding/);
    // The header read elsewhere in the function still gets one.
    expect(after).toMatch(/did not rewrite this session-header finding/);
    // Nothing else changed: the dispatch is left as it was.
    expect(after.replace(/^\s*\/\/ TODO\(mcp-migrate\).*\n/gm, '')).toBe(input);
  });

  it('an unknown-session refusal of the dispatch that does work of its own is marked once, as the dispatch\'s, and the session id read above it gets no marker saying it was outside one (trial 73C B2)', async () => {
    const input = fs.readFileSync(path.join(FIXTURES, 'unknown-session-refusal-in-branch-work.input.ts'), 'utf8');
    const result = await runFix({ cwd: project({ 'src/mcp.ts': input }), target: 'sdk-v1', dryRun: true, format: false });
    const file = result.files.find((f) => f.file === 'src/mcp.ts')!;
    const after = oneLineMarkers(file.after);
    expect(file.markers.map((m) => m.message)).toEqual([expect.stringMatching(/^this refusal of a session the server did not know \(`sid`\) was part of the session dispatch this rewrite removed .*It was left because it also does work of its own \(count\(\.\.\.\)\)/)]);
    expect(after).not.toMatch(/did not rewrite this session-header finding|outside such a dispatch/);
    const lines = after.split('\n');
    expect(lines[lines.findIndex((l) => l.includes('if (sid !== undefined) {')) - 1]).toMatch(/TODO\(mcp-migrate\): this refusal of a session the server did not know/);
  });

  it('--target 2026-07-28 drops the unknown-session refusal of the dispatch\'s branch with it, for Express and a Next.js route, and keeps the route\'s own 404s (trial 73C B2)', async () => {
    const manifest = JSON.stringify({ name: 'svc', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.29.0', express: '^5.1.0' } });
    const express = fs.readFileSync(path.join(FIXTURES, 'unknown-session-refusal-in-branch.input.ts'), 'utf8');
    const web = fs.readFileSync(path.join(FIXTURES, 'web-unknown-session-refusal-in-branch.input.ts'), 'utf8');
    const result = await runFix({ cwd: project({ 'package.json': manifest, 'src/server.ts': express, 'app/api/mcp/route.ts': web }), target: '2026-07-28', dryRun: true, format: false });
    for (const name of ['src/server.ts', 'app/api/mcp/route.ts']) {
      const file = result.files.find((f) => f.file === name)!;
      const code = file.after.replace(/^\s*\/\/.*\n/gm, '');
      expect(code, name).not.toMatch(/mcp-session-id|Session not found|unknown session/i);
      expect(file.changes.map((c) => c.description), name).toContainEqual(expect.stringMatching(/^removed the refusal of a request whose session is not known \(`if \((sid|sessionId)\)`\) with the dispatch it was part of/));
      expect(file.markers.map((m) => m.message).join('\n'), name).not.toMatch(/session-header|outside such a dispatch/);
    }
    expect(result.files.find((f) => f.file === 'src/server.ts')!.after).toContain("res.status(404).json({ error: 'unknown tenant' });");
    expect(result.files.find((f) => f.file === 'app/api/mcp/route.ts')!.after).toContain("Response.json({ error: 'unknown workspace' }, { status: 404 })");
  });

  it("deletes the sessions' bookkeeping with the session map (no handle advice), and names the maps a callback does record the session in when it does more", async () => {
    // Last-activity times and idle timers no tool reads: the dispatch is rewritten, the callbacks that only record them go.
    const input = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/stateless-transport/session-bookkeeping.input.ts'), 'utf8');
    const result = await runFix({ cwd: project({ 'src/mcp.ts': input }), target: 'sdk-v1', dryRun: true, format: false });
    const after = oneLineMarkers(result.files.find((f) => f.file === 'src/mcp.ts')!.after);
    expect(after).toMatch(/sessionIdGenerator: undefined/);
    expect(after).not.toMatch(/idleTimers|onsessioninitialized/);
    expect(after).toMatch(/TODO\(mcp-migrate\): lastActivity is still used elsewhere, but with per-request transports it stays empty/);
    expect(after).not.toMatch(/explicit handle|handle argument|shared store/);
    // A map a tool reads, filled by the set-up callback: that callback does more than the bookkeeping, and the marker says what it does record.
    const mixed = fs.readFileSync(path.join(REPO, 'fixtures/scan/session-map/session-bookkeeping.ts'), 'utf8');
    const marked = await runFix({ cwd: project({ 'src/mcp.ts': mixed }), target: 'sdk-v1', dryRun: true, format: false });
    const text = oneLineMarkers(marked.files.find((f) => f.file === 'src/mcp.ts')!.after);
    expect(text).toMatch(/TODO\(mcp-migrate\): onsessioninitialized does more than record the session in the maps transports and lastSeen \(`notesBySession\.set\(id, \[\]\)`\)/);
    expect(text).toMatch(/TODO\(mcp-migrate\): fix \(stateless-transport\) did not rewrite this session-map finding: lastSeen holds session bookkeeping .* Delete it together with the session map it serves/);
  });

  it('leaves no server advice where no server codemod applies: a logged initialize, a custom initialize handler, a client handshake', async () => {
    const gate = fs.readFileSync(path.join(REPO, 'fixtures/scan/initialize-gate/sdk-gate.ts'), 'utf8');
    const dir = project({ 'src/gate.ts': gate });
    const findings = (await scan({ cwd: dir })).findings.filter((f) => f.ruleId === 'initialize-request');
    const at = (pattern: RegExp) => findings.find((f) => pattern.test(f.snippet))!;
    expect(at(/if \(isInitializeRequest/)).toMatchObject({ severity: 'info' });
    // The branch that also creates something (a session) is a gate, not a log line.
    expect(findings.filter((f) => /if \(isInitializeRequest/.test(f.snippet)).map((f) => f.severity)).toEqual(['info', 'error']);
    expect(at(/InitializeRequestSchema/).message).toMatch(/from each request's _meta/);
    for (const f of [at(/if \(isInitializeRequest/), at(/InitializeRequestSchema/), at(/method: 'initialize'/)]) expect(f.fix, f.snippet).toBeUndefined();
    // The gate that decides how a request is served still names its codemod.
    expect(at(/const init = isInitializeRequest/).fix).toBe('stateless-transport');
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const after = result.files.find((f) => f.file === 'src/gate.ts')?.after ?? gate;
    expect(after).not.toMatch(/did not rewrite this initialize-request finding: (isInitializeRequest\(\) only|Custom initialize|Sends an initialize)/);
  });

  it('marks a stateful tool no codemod rewrites (it asks the client mid-call), at the start of its statement, once', async () => {
    const tools = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      '',
      'export function register(server: McpServer) {',
      "  server.registerTool('confirm_order', { description: 'Confirm' }, async () => {",
      '    const answer = await server.server.elicitInput({',
      "      message: 'Ship it?',",
      "      requestedSchema: { type: 'object', properties: {} },",
      '    });',
      "    return { content: [{ type: 'text', text: answer.action }] };",
      '  });',
      '}',
      '',
    ].join('\n');
    const dir = project({ 'src/tools.ts': tools });
    const first = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const file = first.files.find((f) => f.file === 'src/tools.ts')!;
    const lines = file.after.split('\n');
    // No codemod asks the client differently (explicit-handles moves session-keyed state): the marker says so.
    const marker = lines.findIndex((l) => l.includes('TODO(mcp-migrate): no codemod rewrites this stateful-tool finding'));
    // Above the statement the finding points at (the tool's registration), indented like it.
    expect(marker, file.after).toBeGreaterThan(-1);
    const end = lines.findIndex((l, i) => i > marker && !l.startsWith('  // '));
    expect(lines[end]).toBe("  server.registerTool('confirm_order', { description: 'Confirm' }, async () => {");
    expect(lines.slice(marker, end).join(' ')).toMatch(/^  \/\/ TODO\(mcp-migrate\): .*elicitInput/);
    // The advice for asking the client mid-call only (not the handle or tool-list advice).
    const text = oneLineMarkers(lines.slice(marker, end).join('\n'));
    expect(text).toMatch(/Return an input_required result instead of asking the client mid-call/);
    expect(text).not.toMatch(/explicit handle|tool list/);
    expect(file.markers.map((m) => m.line)).toContain(marker + 1);
    // Marked, so not in the summary's list of what nothing speaks of.
    expect(first.remaining.map((f) => f.ruleId)).toContain('stateful-tool');
    expect(formatFixSummary(first, new Chalk({ level: 0 }))).not.toMatch(/Left for a person/);
    // A second run over the result adds nothing.
    fs.writeFileSync(path.join(dir, 'src/tools.ts'), file.after);
    const second = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    expect(second.files.find((f) => f.file === 'src/tools.ts')?.after ?? file.after).toBe(file.after);
  });

  it.each(['sdk-v1', '2026-07-28'] as const)('leaves a route that connects the server a getter in another file keeps, and marks it (%s)', async (target) => {
    const getter = (cached: boolean) =>
      [
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        'let kept: McpServer | undefined;',
        'export function getServer(): McpServer {',
        ...(cached ? ['  if (kept) return kept;'] : []),
        "  kept = new McpServer({ name: 'notes', version: '1.0.0' });",
        '  return kept;',
        '}',
        '',
      ].join('\n');
    const route = SESSIONFUL.replace(/function buildServer\(\)[^]*?\n}\n/, '').replace("import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';", "import { getServer } from './mcp-server.js';").replace('buildServer()', 'getServer()');
    expect(route).toContain('await getServer().connect(transport)');
    let summary = '';
    const run = async (cached: boolean) => {
      const dir = project({ 'src/mcp-server.ts': getter(cached), 'src/index.ts': route });
      const result = await runFix({ cwd: dir, target, dryRun: true, format: false });
      summary = formatFixSummary(result, new Chalk({ level: 0 }));
      return result.files.find((f) => f.file === 'src/index.ts')!;
    };
    const shared = await run(true);
    // Nothing rewritten, only marked: the summary says so (on v1; the v2 move rewrites imports).
    if (target === 'sdk-v1') expect(summary).toMatch(/would change 1 file\(s\) \(markers only\) for target sdk-v1: 0 change\(s\) to apply/);
    expect(oneLineMarkers(shared.after)).toMatch(/TODO\(mcp-migrate\): getServer\(\) hands out one server it keeps/);
    // The dispatch is left as it was: the route still mints session ids.
    expect(shared.after).toContain('sessionIdGenerator: () => randomUUID()');
    // A getter that builds a new server on every call: the route is rewritten.
    const fresh = await run(false);
    expect(fresh.after).not.toContain('sessionIdGenerator: () => randomUUID()');
    expect(fresh.after).not.toMatch(/hands out one server/);
  });

  it.each(['sdk-v1', '2026-07-28'] as const)('leaves a route whose server a factory in another file sets up in oninitialized, and marks it (%s)', async (target) => {
    // The "everything" server's shape: tools registered once the client's capabilities are known.
    const factory = (setup: string) =>
      [
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        // State above the factory: its marker moves the lines below it. (A count every caller
        // may share: state one caller would read of another's leaves the route as it is.)
        'const pingCounts = new Map<string, number>();',
        'export function buildServer(): McpServer {',
        "  const server = new McpServer({ name: 'notes', version: '1.0.0' });",
        "  server.registerTool('ping', { description: 'Ping' }, async (extra) => { pingCounts.set(extra.sessionId!, (pingCounts.get(extra.sessionId!) ?? 0) + 1); return { content: [] }; });",
        '  server.server.oninitialized = () => {',
        `    ${setup}`,
        '  };',
        '  return server;',
        '}',
        '',
      ].join('\n');
    const route = SESSIONFUL.replace(/function buildServer\(\)[^]*?\n}\n/, '').replace("import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';", "import { buildServer } from './mcp-server.js';");
    expect(route).toContain('buildServer()');
    let dir = '';
    const run = async (setup: string) => {
      dir = project({ 'src/mcp-server.ts': factory(setup), 'src/index.ts': route });
      const result = await runFix({ cwd: dir, target, dryRun: true, format: false });
      return result.files.find((f) => f.file === 'src/index.ts')!;
    };
    const late = await run("server.registerTool('summarize', { description: 'Summarize' }, async () => ({ content: [] }));");
    // The run may move the factory's lines (the v2 move rewrites its imports): the marker names
    // the file only, so a second run reads the same marker and changes nothing.
    await runFix({ cwd: dir, target, format: false });
    expect(fs.readFileSync(path.join(dir, 'src/mcp-server.ts'), 'utf8')).toMatch(/TODO\(mcp-migrate\): pingCounts/);
    const again = await runFix({ cwd: dir, target, dryRun: true, format: false, allowDirty: true });
    expect(again.files.filter((f) => f.after !== f.before).map((f) => f.file)).toEqual([]);
    expect(oneLineMarkers(late.after)).toMatch(/TODO\(mcp-migrate\): the server buildServer\(\) builds is set up in oninitialized \(in src\/mcp-server\.ts\)/);
    expect(late.after).toContain('sessionIdGenerator: () => randomUUID()');
    // An oninitialized that only logs sets nothing up: the route is rewritten.
    const logged = await run("console.log('client ready');");
    expect(logged.after).not.toContain('sessionIdGenerator: () => randomUUID()');
    expect(logged.after).not.toMatch(/oninitialized/);
  });

  it('marks such findings on --target 2026-07-28 too, where v2-handler runs stateless-transport inside it', async () => {
    const audit = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      '',
      'export class Audit {',
      '  constructor(readonly server: McpServer) {}',
      '  who(req: { headers: Record<string, string | undefined> }) {',
      "    return req.headers['mcp-session-id'];",
      '  }',
      '}',
      '',
    ].join('\n');
    const dir = project({ 'src/audit.ts': audit });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const after = oneLineMarkers(result.files.find((f) => f.file === 'src/audit.ts')!.after);
    expect(after).toMatch(/^    \/\/ TODO\(mcp-migrate\): fix \(stateless-transport\) did not rewrite this session-header finding: Reads the Mcp-Session-Id request header/m);
    // The advice for a read, not the rule's whole text (nothing about CORS lists).
    const marker = after.split('\n').find((l) => l.includes('did not rewrite this session-header finding'))!;
    expect(marker).toMatch(/Remove the header handling and replace what it looked up with an explicit handle argument \(code that speaks both eras keeps it on its 2025 path only\)/);
    expect(marker).not.toMatch(/CORS/);
  });

  it('a dry run names a finding left for a person at its line on disk, also where the rewrite replaced that line and added one above it', async () => {
    // The sample, with a browser page kept at module level that add_item also opens: explicit-handles
    // rewrites the tool's cart (its registration line, and create_cart above it), the page stays, unmarked.
    const dir = plainTree({});
    fs.cpSync(path.join(REPO, 'fixtures/sample-server'), dir, { recursive: true });
    const server = path.join(dir, 'src/server.ts');
    const text = fs.readFileSync(server, 'utf8').replace('    cart.push(sku);\n', '    cart.push(sku);\n    page ??= await (await chromium.launch()).newPage();\n');
    fs.writeFileSync(server, `import { chromium, type Page } from 'playwright';\nlet page: Page | undefined;\n${text}`);
    const onDisk = (await scan({ paths: [dir] })).findings.find((f) => f.ruleId === 'stateful-tool' && /"add_item"/.test(f.message))!;
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    expect(result.files.find((f) => f.file === 'src/server.ts')!.after.split('\n')[onDisk.line - 1]).not.toBe(text.split('\n')[onDisk.line - 3]);
    const summary = formatFixSummary(result, new Chalk({ level: 0 }));
    const listed = summary.split('\n').find((l) => /stateful-tool\s+Tool "add_item" .*browser page/.test(l))!;
    expect(listed.trim().split(/\s+/)[0]).toBe(`src/server.ts:${onDisk.line}`);
  });

  it('does not list a tool whose per-session state every marker names (a counter marked at its map), and lists one that also depends on what no marker names', async () => {
    const dir = path.join(REPO, 'fixtures/sample-server');
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    expect(result.remaining.find((f) => /"add_item" reads or writes per-session state requestCounts$/.test(f.message))).toBeDefined();
    expect(result.files.find((f) => f.file === 'src/server.ts')!.markers.some((m) => m.message.startsWith('requestCounts counts per session'))).toBe(true);
    expect(formatFixSummary(result, new Chalk({ level: 0 }))).not.toMatch(/Tool "add_item"/);
  });

  it('lists its codemods as JSON under --json, and refuses an empty --codemods (which would run them all)', () => {
    const listed = runCli(['fix', '--list', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).map((c: { id: string }) => c.id)).toEqual(codemods.map((c) => c.id));
    const empty = runCli(['fix', '--codemods', '', '--dry-run', '.'], { cwd: path.join(REPO, 'fixtures/sample-server') });
    expect([empty.code, empty.stderr.trim()]).toEqual([2, 'mcp-migrate: --codemods needs at least one codemod id (see mcp-migrate fix --list)']);
  });

  it('names the handle --handle-name gives a piece of state, and names a state no codemod gave a handle (a typo)', async () => {
    const dir = path.join(REPO, 'fixtures/sample-server');
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false, handleNames: { carts: 'basket_ref', cartz: 'basket_id' } });
    const server = result.files.find((f) => f.file === 'src/server.ts')!;
    expect(server.after).toMatch(/basket_ref: z\.string\(\)\.describe\('Handle from create_basket_ref'\)/);
    expect(result.unusedHandleNames).toEqual(['cartz']);
    const cli = runCli(['fix', '--dry-run', '--target', 'sdk-v1', '--no-format', '--handle-name', 'cartz=basket_id', '.'], { cwd: dir });
    expect(cli.stdout).toMatch(/^mcp-migrate: --handle-name cartz=\.\.\.: no state of that name got a handle in this run/m);
  });

  it('marks per-session state whose values are a class of another module (not plain JSON), and says so for a --handle-name of it, not that no state has the name', async () => {
    // Trial 76B B3: `drafts = new Map<string, DraftSession>()` (a class of ./draft.ts with an undo
    // stack) got no change, no marker and no reason, and --handle-name drafts=... said to name
    // the variable that holds the state.
    const draft = ['export class DraftSession {', "  private body = '';", '  private readonly undos: string[] = [];', '  constructor(readonly title: string) {}', '  write(more: string) {', '    this.undos.push(this.body);', '    this.body += more;', '  }', '  read() {', '    return { title: this.title, body: this.body, undos: this.undos.length };', '  }', '}', ''].join('\n');
    const server = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { z } from 'zod';",
      "import { DraftSession } from './draft.js';",
      '',
      'const drafts = new Map<string, DraftSession>();',
      '',
      'export function build(): McpServer {',
      "  const server = new McpServer({ name: 'drafts', version: '1.0.0' });",
      "  server.registerTool('open_draft', { inputSchema: { title: z.string() } }, async ({ title }, extra) => {",
      '    drafts.set(extra.sessionId!, new DraftSession(title));',
      "    return { content: [{ type: 'text', text: 'opened' }] };",
      '  });',
      "  server.registerTool('write', { inputSchema: { text: z.string() } }, async ({ text }, extra) => {",
      '    const draft = drafts.get(extra.sessionId!)!;',
      '    draft.write(text);',
      "    return { content: [{ type: 'text', text: JSON.stringify(draft.read()) }] };",
      '  });',
      '  return server;',
      '}',
      '',
    ].join('\n');
    const dir = project({ 'package.json': JSON.stringify({ name: 'drafts', dependencies: { '@modelcontextprotocol/sdk': '^1.20.0', zod: '^3.25.0' } }), 'src/draft.ts': draft, 'src/server.ts': server });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false, handleNames: { drafts: 'draft_id' } });
    const after = oneLineMarkers(result.files.find((f) => f.file === 'src/server.ts')!.after);
    expect(after).toMatch(/^\/\/ TODO\(mcp-migrate\): drafts holds values of type DraftSession, which is not plain JSON \(DraftSession is a class, declared in src\/draft\.ts: a JSON store keeps its fields and loses its methods\): explicit-handles cannot move it into a shared store\..*\nconst drafts = new Map<string, DraftSession>\(\);$/m);
    expect(result.unusedHandleNames).toEqual(['drafts']);
    expect(result.refusedHandleNames?.drafts).toMatchObject({ file: 'src/server.ts', reason: expect.stringMatching(/^drafts holds values of type DraftSession, which is not plain JSON \(/) });
    const summary = formatFixSummary(result, new Chalk({ level: 0 }));
    expect(summary).toMatch(/^mcp-migrate: --handle-name drafts=\.\.\.: drafts got no handle in this run, because explicit-handles left it \(see its marker in src\/server\.ts\): drafts holds values of type DraftSession, which is not plain JSON/m);
    expect(summary).not.toMatch(/name the variable that holds the state/);
  });

  it("says why it leaves state another module declares: the collection's module, and the helper of another module a tool keys it through", async () => {
    // Trial 76B B2: `orders` of state.ts, keyed in the tools' module, was said to be "not a
    // module-level collection", and a tool keying its cart through state.ts's helper was said to
    // keep its state "in another shape". The shop of the scan fixture, as a package.
    const shop = path.join(REPO, 'fixtures/scan/session-state/project-store-keyed-by-importers');
    const read = (name: string) => fs.readFileSync(path.join(shop, name), 'utf8').replace(/^\s*\/\/ (ruleid|ok): .*\n/gm, '');
    const dir = project({ 'package.json': JSON.stringify({ name: 'shop', dependencies: { '@modelcontextprotocol/sdk': '^1.20.0', zod: '^3.25.0' } }), 'src/store.ts': read('store.ts'), 'src/tools/shop.ts': read('tools.ts').replace("'./store.js'", "'../store.js'") });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const tools = oneLineMarkers(result.files.find((f) => f.file === 'src/tools/shop.ts')!.after);
    expect(tools).toMatch(/^ {4}\/\/ TODO\(mcp-migrate\): orders is a collection of another module \(declared in src\/store\.ts\), keyed here by the MCP session id: explicit-handles moves such a collection together with the tools of the modules that use it only where each of them uses it in tool handlers, by a session-id read, and the tools keep no other state \(a run decides for all of them at once\), so it leaves it\. Keep the collection in the same module as the tools that use it and run fix again, .*\n {4}const placed = orders\.get\(sid\)/m);
    expect(tools).not.toMatch(/not a module-level collection/);
    expect(tools).toMatch(/did not rewrite this stateful-tool finding: Tool "add" .* Why it was left: the tool reaches its state through cartOf\(\) of src\/store\.ts, another module: explicit-handles rewrites a collection keyed by the session id in the module that declares it/);
    const store = oneLineMarkers(result.files.find((f) => f.file === 'src/store.ts')!.after);
    expect(store).toMatch(/did not rewrite this session-state finding: orders holds per-session application state .* Why it was left: the session id it is keyed by comes from the modules that import this one \(src\/tools\/shop\.ts\), not from tool handlers of this module: .*\nexport const orders = /);
    expect(`${tools}\n${store}`).not.toMatch(/kept in another shape/);
  });

  it('adds no such marker where a codemod already marked the statement or the state the finding names', async () => {
    // The sample's request counter and its elicitInput are marked by explicit-handles itself.
    const result = await runFix({ cwd: path.join(REPO, 'fixtures/sample-server'), target: 'sdk-v1', dryRun: true, format: false });
    const server = result.files.find((f) => f.file === 'src/server.ts')!;
    expect(server.markers.length).toBeGreaterThan(0);
    expect(server.markers.filter((m) => /did not rewrite/.test(m.message))).toEqual([]);
  });

  it('never puts such a marker inside JSX or a string: it goes above the enclosing statement', async () => {
    const view = [
      "import { useMcp } from 'use-mcp/react';",
      '',
      'export function Debug({ id }: { id: string }) {',
      '  return (',
      '    <dl>',
      '      <dd data-header="mcp-session-id">{id}</dd>',
      '    </dl>',
      '  );',
      '}',
      '',
    ].join('\n');
    const dir = project({ 'src/debug.tsx': view });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const after = result.files.find((f) => f.file === 'src/debug.tsx')!.after;
    expect(oneLineMarkers(after).split('\n').slice(3, 5)).toEqual([expect.stringMatching(/^  \/\/ TODO\(mcp-migrate\): fix \(stateless-transport\) did not rewrite this session-header finding \(at `[^`]*mcp-session-id[^`]*`\)/), '  return (']);
    expect(parseDiagnostics(parseFile(after, 'debug.tsx'))).toEqual([]);
  });

  it('gives a workspace package that declared the SDK itself the v2 packages at the versions the workspace root pins (trial 38B: it installs on its own)', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'], dependencies: { '@modelcontextprotocol/server': '2.0.0' } }, null, 2),
      // (express declared: undeclared, it would keep the SDK a runtime dependency.)
      'packages/api/package.json': JSON.stringify({ name: 'api', dependencies: { '@modelcontextprotocol/sdk': '^1.20.0', express: '^5.1.0' } }, null, 2),
      'packages/api/src/server.ts': SESSIONFUL,
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const api = JSON.parse(result.files.find((f) => f.file === 'packages/api/package.json')!.after);
    expect(api.dependencies).toEqual({ '@modelcontextprotocol/node': '2.0.0', '@modelcontextprotocol/server': '2.0.0', express: '^5.1.0' });
    // The same when fix runs inside the package: the root above it still counts.
    const inside = await runFix({ cwd: path.join(dir, 'packages/api'), target: '2026-07-28', dryRun: true, format: false });
    expect(JSON.parse(inside.files.find((f) => f.file === 'package.json')!.after).dependencies).toEqual({ '@modelcontextprotocol/node': '2.0.0', '@modelcontextprotocol/server': '2.0.0', express: '^5.1.0' });
    // A package.json above that is no workspace root (a project that merely holds the folder) lends nothing.
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'holder', dependencies: { '@modelcontextprotocol/server': '2.0.0' } }, null, 2));
    const held = await runFix({ cwd: path.join(dir, 'packages/api'), target: '2026-07-28', dryRun: true, format: false });
    expect(Object.keys(JSON.parse(held.files.find((f) => f.file === 'package.json')!.after).dependencies)).toContain('@modelcontextprotocol/server');
  });

  it('takes the Redis client from the nearest package.json, and names the codemod that edits it', async () => {
    const tools = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/explicit-handles/shebang-double-quotes.input.ts'), 'utf8');
    const withIoredis = project({
      'package.json': JSON.stringify({ name: 'a', dependencies: { '@modelcontextprotocol/sdk': '^1.20.0', ioredis: '^5.4.0' } }, null, 2),
      'src/tools.ts': tools,
    });
    const a = await runFix({ cwd: withIoredis, target: 'sdk-v1', dryRun: true, format: false });
    const stateA = a.files.find((f) => f.file === 'src/mcp-state.ts');
    expect(stateA?.after).toMatch(/from 'ioredis'/);
    expect(a.files.some((f) => f.file === 'package.json')).toBe(false); // ioredis is there already

    const plain = project({ 'package.json': JSON.stringify({ name: 'b', dependencies: { '@modelcontextprotocol/sdk': '^1.20.0' } }, null, 2), 'src/tools.ts': tools });
    const b = await runFix({ cwd: plain, target: 'sdk-v1', dryRun: true, format: false });
    expect(b.files.find((f) => f.file === 'src/mcp-state.ts')?.after).toMatch(/from 'redis'/);
    const manifest = b.files.find((f) => f.file === 'package.json');
    expect(manifest?.codemods).toEqual(['explicit-handles']);
    expect(JSON.parse(manifest!.after).dependencies.redis).toBeDefined();
    const v2 = await runFix({ cwd: plain, target: '2026-07-28', dryRun: true, format: false });
    expect(v2.files.find((f) => f.file === 'package.json')?.codemods).toEqual(['v2-handler', 'explicit-handles']);
  });

  it('removes what could no longer run after the dispatch: safe when it only refuses, to review when it does work of its own', async () => {
    const handler = (after: string[]) =>
      [
        "import type { IncomingMessage, ServerResponse } from 'node:http';",
        "import { randomUUID } from 'node:crypto';",
        "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
        "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
        "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
        'declare const metrics: { count(name: string): void };',
        'export async function handle(req: IncomingMessage, res: ServerResponse, body: unknown) {',
        '  if (isInitializeRequest(body)) {',
        '    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });',
        "    await new Server({ name: 'x', version: '1.0.0' }, { capabilities: {} }).connect(transport);",
        '    return transport.handleRequest(req, res, body);',
        '  }',
        ...after,
        '}',
        '',
      ].join('\n');
    const dir = project({
      'src/refuses.ts': handler(["  console.warn('not initialize');", '  res.writeHead(400).end();']),
      'src/counts.ts': handler(["  metrics.count('mcp.rejected');", '  res.writeHead(400).end();']),
    });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const removal = (file: string) => result.files.find((f) => f.file === file)!.changes.filter((c) => /^removed what followed the session dispatch/.test(c.description)).map((c) => c.safety);
    expect(removal('src/refuses.ts')).toEqual(['safe']);
    expect(removal('src/counts.ts')).toEqual(['review']);
    for (const file of ['src/refuses.ts', 'src/counts.ts']) expect(result.files.find((f) => f.file === file)!.after).not.toMatch(/writeHead\(400\)/);
  });

  it('tags the per-request rewrite as a change to review where the session\'s first request awaited set-up that now runs on every request', async () => {
    const dir = project({
      'src/server.ts': [
        ...EXPRESS_SESSION_IMPORTS,
        "import { loadCatalog } from './catalog.js';",
        '',
        'const transports: Record<string, StreamableHTTPServerTransport> = {};',
        'const app = express();',
        "app.post('/mcp', async (req, res) => {",
        "  const sessionId = req.headers['mcp-session-id'] as string | undefined;",
        '  let transport: StreamableHTTPServerTransport;',
        '  if (sessionId && transports[sessionId]) {',
        '    transport = transports[sessionId];',
        '  } else if (!sessionId && isInitializeRequest(req.body)) {',
        '    transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (id) => { transports[id] = transport; } });',
        "    const server = new McpServer({ name: 'shop', version: '1.0.0' });",
        '    await loadCatalog(server);',
        '    await server.connect(transport);',
        '  } else {',
        "    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });",
        '    return;',
        '  }',
        '  await transport.handleRequest(req, res, req.body);',
        '});',
        '',
      ].join('\n'),
    });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const dispatch = result.files.find((f) => f.file === 'src/server.ts')!.changes.filter((c) => /^session dispatch /.test(c.description));
    expect(dispatch.map((c) => [c.safety, c.description])).toEqual([['review', expect.stringMatching(/the set-up it ran once per session, loadCatalog\(\), now runs on every request/)]]);
    // --safe-only leaves it as it was, and says why.
    const safe = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false, safeOnly: true });
    const kept = safe.files.find((f) => f.file === 'src/server.ts')!;
    expect(kept.after).toContain('sessionIdGenerator: () => randomUUID()');
    expect(oneLineMarkers(kept.after)).toMatch(/not rewritten under --safe-only: the set-up it ran once per session, loadCatalog\(\), would run on every request/);
  });

  it('keeps a CRLF file CRLF: the lines the rewrite and its markers add end like the others', async () => {
    const input = fs.readFileSync(path.join(FIXTURES, 'early-return-auth.input.ts'), 'utf8').replace(/\n/g, '\r\n');
    const dir = project({ 'src/server.ts': input });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const after = result.files.find((f) => f.file === 'src/server.ts')!.after;
    expect(after).toMatch(/res\.on\('close'/);
    expect(after).toMatch(/TODO\(mcp-migrate\)/);
    expect(after.match(/(^|[^\r])\n/g)).toBeNull();
    // And a second run over it changes nothing.
    fs.writeFileSync(path.join(dir, 'src/server.ts'), after);
    const second = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    expect(second.files.find((f) => f.file === 'src/server.ts')?.after ?? after).toBe(after);
  });

  it('adds nothing on a second run over a CRLF file whose markers wrap (trial 39B: a legacy SSE host gained a copy of each marker on every run)', async () => {
    const host = [
      "import express from 'express';",
      "import { randomUUID } from 'node:crypto';",
      "import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      '',
      'export class SseHost {',
      '  private transports = new Map<string, SSEServerTransport>();',
      '  constructor(private app: express.Express, private server: McpServer) {}',
      '  setupRoutes(): void {',
      "    this.app.get('/sse', async (_req, res) => {",
      '      const sessionId = randomUUID();',
      "      const transport = new SSEServerTransport('/messages', res);",
      '      this.transports.set(sessionId, transport);',
      "      res.on('close', () => { this.transports.delete(sessionId); });",
      '      await this.server.connect(transport);',
      '    });',
      "    this.app.post('/messages', async (req, res) => {",
      '      const transport = this.transports.get(req.query.sessionId as string);',
      '      if (!transport) { res.status(400).end(); return; }',
      '      await transport.handlePostMessage(req, res, req.body);',
      '    });',
      '  }',
      '}',
      '',
    ].join('\r\n');
    const dir = project({ 'src/sse.ts': host });
    const first = (await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false })).files.find((f) => f.file === 'src/sse.ts')!.after;
    expect(first.match(/TODO\(mcp-migrate\)/g)!.length).toBeGreaterThan(1);
    fs.writeFileSync(path.join(dir, 'src/sse.ts'), first);
    const second = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    expect(second.files.find((f) => f.file === 'src/sse.ts')?.after ?? first).toBe(first);
  });

  it('keeps and marks an application check on initialize requests, and makes the early-return rewrite a change to review', async () => {
    const input = fs.readFileSync(path.join(FIXTURES, 'early-return-auth.input.ts'), 'utf8');
    const dir = project({ 'src/server.ts': input });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const file = result.files.find((f) => f.file === 'src/server.ts')!;
    const removals = file.changes.filter((c) => /^removed the (initialize gate|branch that served)/.test(c.description));
    expect(removals.map((c) => c.safety)).toEqual(['review', 'review']);
    expect(file.after).toContain('if (isInitializeRequest(req.body) && !req.headers.authorization) {');
    expect(oneLineMarkers(file.after)).toMatch(/TODO\(mcp-migrate\): this check runs only on initialize requests, .* check what it guards \(a token, say\) on every request/);
    // --safe-only leaves the dispatch as it was.
    const safe = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false, safeOnly: true });
    expect(safe.files.find((f) => f.file === 'src/server.ts')?.after ?? input).toContain('if (sessionId || !isInitializeRequest(req.body)) {');
  });

  it('tags the per-request rewrite of a file whose tools ask the client mid-call as a change to review', async () => {
    const input = fs.readFileSync(path.join(FIXTURES, 'log-and-elicit.input.ts'), 'utf8');
    const dir = project({ 'src/server.ts': input });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const file = result.files.find((f) => f.file === 'src/server.ts')!;
    expect(file.changes.filter((c) => /^session dispatch /.test(c.description)).map((c) => c.safety)).toEqual(['review']);
    expect(file.after).toMatch(/sessionIdGenerator: undefined/);
    expect(file.after).toMatch(/TODO\(mcp-migrate\): sendLoggingMessage\(\) sends through the server/);
  });

  it('a second run says the markers are already there, and adds none', () => {
    const dir = project({ 'src/server.ts': fs.readFileSync(path.join(FIXTURES, 'log-and-elicit.input.ts'), 'utf8') });
    expect(fix(dir, '--target', 'sdk-v1', '--no-format').stdout).toMatch(/, 2 place\(s\) marked TODO\(mcp-migrate\),/);
    execFileSync('git', ['commit', '-qam', 'migrated'], { cwd: dir });
    const before = fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8');
    const second = fix(dir, '--target', 'sdk-v1', '--no-format');
    expect(second.stdout).toMatch(/changed 0 file\(s\) for target sdk-v1: 0 change\(s\) applied \(0 safe, 0 to review\), 2 place\(s\) already marked TODO\(mcp-migrate\),/);
    expect(fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8')).toBe(before);
  });

  it('judges again a marker of what stops compiling on v2, and removes it once the code no longer does (trial 56C B2)', async () => {
    const server = [
      "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
      "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';",
      "import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';",
      "const server = new Server({ name: 'x', version: '1.0.0' }, { capabilities: { tools: {} } });",
      'server.setRequestHandler(ListToolsRequestSchema, async () => ({',
      '  tools: [',
      "    { name: 'a', inputSchema: { type: 'object', properties: {} } },",
      "    { name: 'b', inputSchema: { type: 'object', properties: { id: { type: 'string' } } } },",
      '  ],',
      '}));',
      'await server.connect(new StdioServerTransport());',
      '',
    ].join('\n');
    const dir = project({ 'src/index.ts': server });
    const commit = () => execFileSync('git', ['-C', dir, 'commit', '-qam', 'run'], { stdio: 'ignore' });
    await runFix({ cwd: dir, target: '2026-07-28', format: false });
    const file = path.join(dir, 'src/index.ts');
    const moved = fs.readFileSync(file, 'utf8');
    expect(moved).toMatch(/TODO\(mcp-migrate\): this tools\/list handler returns tools written out/);
    commit();
    // Not annotated yet: the marker stands.
    const again = await runFix({ cwd: dir, target: '2026-07-28', format: false });
    expect(fs.readFileSync(file, 'utf8')).toBe(moved);
    expect(again.files.flatMap((f) => f.removedMarkers ?? [])).toEqual([]);
    // Annotated as it asks: the next run takes the marker away.
    const annotated = moved.replace("'tools/list', async () =>", "'tools/list', async (): Promise<ListToolsResult> =>").replace("import { Server } from '@modelcontextprotocol/server';", "import { Server, type ListToolsResult } from '@modelcontextprotocol/server';");
    expect(annotated).toContain('Promise<ListToolsResult> =>');
    expect(annotated).toContain('type ListToolsResult');
    fs.writeFileSync(file, annotated);
    commit();
    await runFix({ cwd: dir, target: '2026-07-28', format: false });
    expect(fs.readFileSync(file, 'utf8')).not.toContain('TODO(mcp-migrate)');
  });

  it('keeps a marker of what stops compiling on v2 while a misfit of its kind is left, also one fixed in part (review 73)', async () => {
    const server = "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nimport { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';\nconst server = new McpServer({ name: 'x', version: '1.0.0', license: 'MIT', author: 'me' } as any);\nawait server.connect(new StdioServerTransport());\n";
    const dir = project({ 'src/index.ts': server });
    const commit = () => execFileSync('git', ['-C', dir, 'commit', '-qam', 'run'], { stdio: 'ignore' });
    await runFix({ cwd: dir, target: '2026-07-28', format: false });
    const file = path.join(dir, 'src/index.ts');
    const moved = fs.readFileSync(file, 'utf8');
    expect(moved).toMatch(/TODO\(mcp-migrate\): the v2 server info has no `license`, `author`/);
    commit();
    const partly = moved.replace(", author: 'me'", '');
    expect(partly).not.toContain("author: 'me'");
    fs.writeFileSync(file, partly);
    commit();
    await runFix({ cwd: dir, target: '2026-07-28', format: false });
    expect(fs.readFileSync(file, 'utf8')).toBe(partly);
  });

  it('removes a marker an earlier run wrote once what it was about is gone, and says so; a person\'s own note and a marker whose finding stands stay', () => {
    // stateless-transport refuses the route while getMcpServer() hands out one kept server.
    const route = [
      "import express from 'express';",
      "import { randomUUID } from 'node:crypto';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
      "import { getMcpServer } from './mcp-server.js';",
      '',
      'const app = express();',
      'app.use(express.json());',
      'const transports = new Map<string, StreamableHTTPServerTransport>();',
      '',
      '// TODO(mcp-migrate): check the auth header here by hand',
      "app.post('/mcp', async (req, res) => {",
      "  const sessionId = req.headers['mcp-session-id'] as string | undefined;",
      "  let transport = transports.get(sessionId || '');",
      '  if (!transport && !sessionId && isInitializeRequest(req.body)) {',
      '    transport = new StreamableHTTPServerTransport({',
      '      sessionIdGenerator: () => randomUUID(),',
      '      onsessioninitialized: (id) => {',
      '        transports.set(id, transport!);',
      '      },',
      '    });',
      '    await getMcpServer().connect(transport);',
      '  }',
      '  if (!transport) {',
      "    res.status(400).send('bad');",
      '    return;',
      '  }',
      '  await transport.handleRequest(req, res, req.body);',
      '});',
      '',
      'app.listen(3000);',
      '',
    ].join('\n');
    const getter = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      '',
      'export let mcpServer: McpServer | null = null;',
      '',
      'export const getMcpServer = () => {',
      '  if (mcpServer) {',
      '    return mcpServer;',
      '  }',
      "  mcpServer = new McpServer({ name: 'demo', version: '1.0.0' });",
      '  return mcpServer;',
      '};',
      '',
    ].join('\n');
    // Two tools/call handlers that ask the client mid-call: the run marks each (no codemod rewrites them).
    const elicit = fs.readFileSync(path.join(REPO, 'fixtures/scan/stateful-tool/low-level-elicit.ts'), 'utf8');
    const dir = project({ 'src/server.ts': route, 'src/mcp-server.ts': getter, 'src/tools.ts': elicit, 'src/other.ts': elicit });
    const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
    const markers = (file: string) => findMarkers(read(file).split('\n')).map((m) => m.message.replace(/:.*/s, ''));
    fix(dir, '--target', 'sdk-v1', '--no-format');
    execFileSync('git', ['commit', '-qam', 'first run'], { cwd: dir });
    expect(markers('src/server.ts')).toEqual(expect.arrayContaining(['check the auth header here by hand', 'getMcpServer() hands out one server it keeps (it builds it on the first call only)']));
    expect(markers('src/tools.ts')).toEqual(['no codemod rewrites this stateful-tool finding']);
    // While they hold, a run keeps them.
    const kept = fix(dir, '--target', 'sdk-v1', '--no-format');
    expect(kept.stdout).toMatch(/changed 0 file\(s\)/);
    expect(kept.stdout).not.toMatch(/removed/);
    // The person does what the markers say: a new server on every call, a handler that asks the client nothing.
    fs.writeFileSync(path.join(dir, 'src/mcp-server.ts'), getter.replace('  if (mcpServer) {\n    return mcpServer;\n  }\n', ''));
    fs.writeFileSync(path.join(dir, 'src/tools.ts'), read('src/tools.ts').replace(/^ {2}await server\.elicitInput\(.*\n/m, ''));
    execFileSync('git', ['commit', '-qam', 'done what the markers say'], { cwd: dir });
    const second = fix(dir, '--target', 'sdk-v1', '--no-format');
    expect(second.code).toBe(0);
    // The route is rewritten, and the markers whose findings are gone go with a line each in the summary.
    expect(read('src/server.ts')).toMatch(/sessionIdGenerator: undefined/);
    expect(markers('src/server.ts')).toEqual(['check the auth header here by hand']);
    expect(markers('src/tools.ts')).toEqual([]);
    expect(markers('src/other.ts')).toEqual(['no codemod rewrites this stateful-tool finding']);
    expect(second.stdout).toMatch(/^ +\d+ +removed +getMcpServer\(\) hands out one server it keeps .*\(src\/server\.ts:\d+ before this run: an earlier run's marker, its finding gone\)$/m);
    expect(second.stdout).toMatch(/^ +\d+ +removed +no codemod rewrites this stateful-tool finding: /m);
    expect(second.stdout).toMatch(/2 place\(s\) already marked TODO\(mcp-migrate\), 2 earlier marker\(s\) removed \(their findings are gone\), \d+ finding\(s\) left/);
    // Nothing is said of them again, and a third run changes nothing.
    execFileSync('git', ['commit', '-qam', 'second run'], { cwd: dir });
    const third = fix(dir, '--target', 'sdk-v1', '--no-format');
    expect(third.stdout).toMatch(/changed 0 file\(s\)/);
    expect(third.stdout).not.toMatch(/removed|getMcpServer/);
  });

  it('removes the CORS marker that kept Mcp-Session-Id for 2025 clients once the server it was kept for is stateless (trial 47C B1)', () => {
    const app = [
      "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      "import { isInitializeRequest, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';",
      "import express from 'express';",
      "import cors from 'cors';",
      "import { randomUUID } from 'node:crypto';",
      '',
      'const sessions: Record<string, StreamableHTTPServerTransport> = {};',
      '',
      'export class Gateway {',
      '  private server: Server;',
      '  readonly http = express();',
      '  constructor() {',
      "    this.server = new Server({ name: 'gateway', version: '1.0.0' }, { capabilities: { tools: {} } });",
      '    this.server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [] }));',
      "    this.http.use(cors({ origin: '*', exposedHeaders: ['Mcp-Session-Id'], allowedHeaders: ['content-type', 'mcp-session-id'] }));",
      '    this.http.use(express.json());',
      "    this.http.all('/mcp', async (req, res) => {",
      "      const id = req.headers['mcp-session-id'] as string | undefined;",
      '      let transport: StreamableHTTPServerTransport;',
      '      if (id && sessions[id]) {',
      '        transport = sessions[id];',
      '      } else if (!id && isInitializeRequest(req.body)) {',
      '        transport = new StreamableHTTPServerTransport({',
      '          sessionIdGenerator: () => randomUUID(),',
      '          onsessioninitialized: (sid) => {',
      '            sessions[sid] = transport;',
      '          },',
      '        });',
      '        await this.server.connect(transport);',
      '      } else {',
      '        res.status(400).end();',
      '        return;',
      '      }',
      '      await transport.handleRequest(req, res, req.body);',
      '    });',
      '  }',
      '}',
      '',
    ].join('\n');
    const dir = project({ 'src/gateway.ts': app });
    const read = () => fs.readFileSync(path.join(dir, 'src/gateway.ts'), 'utf8');
    const corsMarkers = () => findMarkers(read().split('\n')).filter((m) => /stays in this CORS list/.test(m.message));
    // The shared server keeps the sessions: the header stays for 2025 browser clients, marked.
    fix(dir, '--target', 'sdk-v1', '--no-format');
    execFileSync('git', ['commit', '-qam', 'first run'], { cwd: dir });
    expect(read()).toMatch(/sessionIdGenerator: \(\) => randomUUID\(\)/);
    expect(corsMarkers().length).toBeGreaterThan(0);
    // The person builds the server per session, as the shared-server marker asks: the next run makes it stateless.
    const perSession = read()
      .replace('  private server: Server;\n', '')
      .replace(/ {4}this\.server = new Server\((.*)\);\n {4}this\.server\.setRequestHandler\((.*)\);\n/, '')
      .replace('await this.server.connect(transport);', "await Gateway.build().connect(transport);")
      .replace('  constructor() {', "  static build(): Server {\n    const server = new Server({ name: 'gateway', version: '1.0.0' }, { capabilities: { tools: {} } });\n    server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [] }));\n    return server;\n  }\n  constructor() {");
    expect(perSession).toMatch(/Gateway\.build\(\)\.connect\(transport\)/);
    // (Every edit took: no shared server is left, and the factory is there.)
    expect(perSession.split('\n').filter((l) => !/^\s*\/\//.test(l)).join('\n')).not.toMatch(/this\.server|private server/);
    expect(perSession).toMatch(/static build\(\): Server \{/);
    fs.writeFileSync(path.join(dir, 'src/gateway.ts'), perSession);
    execFileSync('git', ['commit', '-qam', 'server per session'], { cwd: dir });
    const second = fix(dir, '--target', 'sdk-v1', '--no-format');
    expect(read()).toMatch(/sessionIdGenerator: undefined/);
    expect(read()).not.toMatch(/mcp-session-id/i);
    expect(corsMarkers()).toEqual([]);
    expect(second.stdout).toMatch(/^ +\d+ +removed +Mcp-Session-Id stays in this CORS list while this file still issues session ids/m);
    // A third run keeps it so.
    execFileSync('git', ['commit', '-qam', 'second run'], { cwd: dir });
    expect(fix(dir, '--target', 'sdk-v1', '--no-format').stdout).toMatch(/changed 0 file\(s\)/);
  });

  it('refuses a dirty git tree unless --allow-dirty', () => {
    const dir = project({ 'src/server.ts': SESSIONFUL, 'notes.txt': 'notes\n' });
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'work in progress\n');
    const refused = fix(dir, '--target', 'sdk-v1');
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toMatch(/^mcp-migrate: refusing to write: 1 uncommitted change\(s\) under \. \(e\.g\. notes\.txt\)\. Commit or stash them/);
    expect(fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8')).toBe(SESSIONFUL);
    // Only the lockfile an install rewrote (after an earlier fix asked for one, trial 60C): said so.
    const installed = project({ 'src/server.ts': SESSIONFUL, 'package-lock.json': '{ "lockfileVersion": 3 }\n' });
    fs.writeFileSync(path.join(installed, 'package-lock.json'), '{ "lockfileVersion": 3, "packages": {} }\n');
    expect(fix(installed, '--target', 'sdk-v1').stderr.trim()).toMatch(/^mcp-migrate: refusing to write: 1 uncommitted change\(s\) under \. \(e\.g\. package-lock\.json\)\. They are package manifests and lockfiles only, likely the install an earlier fix asked for: commit them and run fix again \(or pass --allow-dirty\)$/);
    expect(fix(dir, '--target', 'sdk-v1', '--allow-dirty').code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8')).toBe(MIGRATED);
  });

  it('is not held up by untracked files it does not rewrite (a fresh lockfile), but will not rewrite an untracked file', () => {
    const dir = project({ 'src/server.ts': SESSIONFUL });
    fs.writeFileSync(path.join(dir, 'package-lock.json'), '{}\n');
    // Run from a subdirectory of the repository: git's paths are the top level's.
    const nested = path.join(dir, 'src');
    expect(fix(nested, '--target', 'sdk-v1').code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8')).toBe(MIGRATED);
    execFileSync('git', ['commit', '-qam', 'migrated'], { cwd: dir });
    // A new server nobody committed yet: nothing would show or undo its rewrite.
    fs.writeFileSync(path.join(dir, 'src/other.ts'), SESSIONFUL);
    const refused = fix(dir, '--target', 'sdk-v1');
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toMatch(/^mcp-migrate: refusing to write: 1 file\(s\) to rewrite are not tracked by git \(e\.g\. src\/other\.ts\)/);
    expect(fs.readFileSync(path.join(dir, 'src/other.ts'), 'utf8')).toBe(SESSIONFUL);
  });

  it('is not thrown by an untracked tree too large to list file by file (node_modules not ignored), and still refuses a server in an untracked folder', () => {
    const dir = project({ 'src/server.ts': SESSIONFUL });
    // Over a megabyte of untracked paths: git status lists the folder once.
    const deep = path.join(dir, 'node_modules', 'some-package-with-a-long-name', 'dist', 'esm', 'internal', 'generated');
    fs.mkdirSync(deep, { recursive: true });
    for (let i = 0; i < 12_000; i++) fs.writeFileSync(path.join(deep, `module-number-${String(i).padStart(5, '0')}-with-a-fairly-long-file-name.js`), '');
    const ok = fix(dir, '--target', 'sdk-v1');
    expect(ok.stderr).not.toMatch(/internal error|ENOBUFS/);
    expect(ok.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8')).toBe(MIGRATED);
    execFileSync('git', ['commit', '-qam', 'migrated'], { cwd: dir });
    // A whole new folder nobody committed: its files are untracked too.
    fs.mkdirSync(path.join(dir, 'services', 'billing'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'services', 'billing', 'server.ts'), SESSIONFUL);
    const refused = fix(dir, '--target', 'sdk-v1');
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toMatch(/^mcp-migrate: refusing to write: 1 file\(s\) to rewrite are not tracked by git \(e\.g\. services\/billing\/server\.ts\)/);
    expect(fs.readFileSync(path.join(dir, 'services', 'billing', 'server.ts'), 'utf8')).toBe(SESSIONFUL);
  });

  it('refuses to write outside a git repository unless --allow-dirty; a dry run is fine', () => {
    const dir = plainTree({ 'src/server.ts': SESSIONFUL });
    const refused = fix(dir, '--target', 'sdk-v1');
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe('mcp-migrate: refusing to write: . is not in a git repository, so the rewrite could not be reviewed as a diff or undone. Run it in a git checkout, preview it with --dry-run, or pass --allow-dirty to write anyway');
    expect(fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8')).toBe(SESSIONFUL);
    expect(fix(dir, '--target', 'sdk-v1', '--dry-run').code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8')).toBe(SESSIONFUL);
    expect(fix(dir, '--target', 'sdk-v1', '--allow-dirty').code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8')).toBe(MIGRATED);
  });

  it('writes only changed files, leaves no temp files, and a second run changes nothing', () => {
    const dir = project({ 'src/server.ts': SESSIONFUL, 'src/util.ts': UNTOUCHED });
    const utilBefore = fs.statSync(path.join(dir, 'src/util.ts')).mtimeMs;
    const first = fix(dir, '--target', 'sdk-v1');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Done: changed 1 file\(s\) for target sdk-v1: \d+ change\(s\) applied \(\d+ safe, 0 to review\), 0 place\(s\) marked TODO\(mcp-migrate\), 0 finding\(s\) left/);
    expect(fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8')).toBe(MIGRATED);
    expect(fs.statSync(path.join(dir, 'src/util.ts')).mtimeMs).toBe(utilBefore);
    expect(fs.readdirSync(path.join(dir, 'src')).sort()).toEqual(['server.ts', 'util.ts']);
    execFileSync('git', ['commit', '-qam', 'migrated'], { cwd: dir });
    const second = fix(dir, '--target', 'sdk-v1');
    expect(second.stdout).toMatch(/changed 0 file\(s\)/);
    expect(fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8')).toBe(MIGRATED);
    // The scanner agrees: no session header, initialize gate or session map is left.
    const scan = JSON.parse(runCli(['scan', '--format', 'json'], { cwd: dir }).stdout);
    expect(scan.findings.filter((f: { category: string }) => ['session-header', 'initialize-gate', 'session-map'].includes(f.category))).toEqual([]);
  });

  describe('writes files as they are meant to stay (trial 18B)', () => {
    const OLD_SDK = '{"name":"m","dependencies":{"@modelcontextprotocol/sdk":"^1.9.0","express":"^5"}}\n';
    const RAISED = OLD_SDK.replace('^1.9.0', '^1.10.2');
    const git = (dir: string, ...args: string[]) => execFileSync('git', ['-c', 'safe.directory=*', ...args], { cwd: dir, encoding: 'utf8' });
    /** A repository whose files include symlinks (`link → target`), all committed. */
    const withLinks = (files: Record<string, string>, links: Record<string, string>) => {
      const dir = project(files);
      for (const [link, target] of Object.entries(links)) fs.symlinkSync(target, path.join(dir, link));
      git(dir, 'add', '-A');
      git(dir, 'commit', '-qm', 'links');
      return dir;
    };

    it('rewrites the file a symlink leads to and keeps the link, whether the run finds the link alone or both', () => {
      for (const paths of [['src'], ['.']]) {
        const dir = withLinks({ 'shared/server.ts': SESSIONFUL, 'src/.keep': '' }, { 'src/server.ts': '../shared/server.ts' });
        const r = fix(dir, '--target', 'sdk-v1', '--no-format', ...paths);
        expect(r.code).toBe(0);
        expect(fs.readlinkSync(path.join(dir, 'src/server.ts'))).toBe('../shared/server.ts');
        expect(fs.readFileSync(path.join(dir, 'shared/server.ts'), 'utf8')).toBe(MIGRATED);
        expect(git(dir, 'status', '--porcelain')).toBe(' M shared/server.ts\n');
        // Rewritten once, under the real file's name when the run has it.
        expect(r.stdout.match(/^\S*server\.ts$/gm)).toEqual([paths[0] === 'src' ? 'server.ts' : 'shared/server.ts']);
      }
    });

    it('refuses a symlink whose target is outside the repository: no diff of it would show the rewrite', () => {
      const outside = plainTree({ 'server.ts': SESSIONFUL });
      const dir = withLinks({ 'src/.keep': '' }, { 'src/server.ts': path.join(outside, 'server.ts') });
      const r = fix(dir, '--target', 'sdk-v1', '--no-format');
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe(`mcp-migrate: refusing to write: 1 file(s) to rewrite are not tracked by git (e.g. src/server.ts, a symlink to ${path.relative(dir, path.join(outside, 'server.ts'))}), so the rewrite could not be reviewed as a diff or undone. Commit them first, or pass --allow-dirty`);
      expect(fs.readFileSync(path.join(outside, 'server.ts'), 'utf8')).toBe(SESSIONFUL);
    });

    it('keeps a rewritten file\'s mode (664 under a 022 umask)', () => {
      const dir = project({ 'server.ts': SESSIONFUL });
      fs.chmodSync(path.join(dir, 'server.ts'), 0o664); // git records the executable bit only: the tree stays clean
      expect(fix(dir, '--target', 'sdk-v1', '--no-format').code).toBe(0);
      expect(fs.statSync(path.join(dir, 'server.ts')).mode & 0o7777).toBe(0o664);
      expect(fs.readFileSync(path.join(dir, 'server.ts'), 'utf8')).toBe(MIGRATED);
    });

    it.runIf(isRoot)('writes a writable file in a read-only folder in place; a file it cannot write refuses the run before anything is written (one line, exit 2)', () => {
      const files = { 'a/one.ts': SESSIONFUL, 'ro/two.ts': SESSIONFUL, 'package.json': OLD_SDK };
      const home = plainTree({});
      fs.chmodSync(home, 0o777);
      const asNobody = (dir: string) => runCli(['fix', '--target', 'sdk-v1', '--no-format'], { cwd: dir, asNobody: true, env: { HOME: home } });
      const open = project(files);
      execFileSync('chown', ['-R', 'nobody', open]);
      fs.chmodSync(path.join(open, 'ro/two.ts'), 0o666);
      fs.chmodSync(path.join(open, 'ro'), 0o555);
      const written = asNobody(open);
      expect([written.code, written.stderr]).toEqual([0, '']);
      expect(git(open, 'status', '--porcelain')).toBe(' M a/one.ts\n M package.json\n M ro/two.ts\n');
      expect(fs.readFileSync(path.join(open, 'ro/two.ts'), 'utf8')).toBe(MIGRATED);
      expect(fs.statSync(path.join(open, 'ro/two.ts')).mode & 0o7777).toBe(0o666);

      const locked = project(files);
      execFileSync('chown', ['-R', 'nobody', locked]);
      execFileSync('chown', ['root', path.join(locked, 'ro/two.ts')]);
      fs.chmodSync(path.join(locked, 'ro'), 0o555);
      const refused = asNobody(locked);
      expect([refused.code, refused.stderr]).toEqual([2, 'mcp-migrate: refusing to write: 1 of the 3 file(s) to rewrite cannot be written, so none was: ro/two.ts (permission denied (the file is not writable)). Make it writable and run fix again (--dry-run shows the rewrite)\n']);
      expect(git(locked, 'status', '--porcelain')).toBe('');
      expect(fs.readdirSync(path.join(locked, 'a'))).toEqual(['one.ts']);
    });

    it('keeps a byte order mark on a rewritten file (a CRLF one too) and on package.json, which every command reads past as npm does', () => {
      const crlf = SESSIONFUL.replace(/\n/g, '\r\n');
      const dir = project({ 'server.ts': `\ufeff${SESSIONFUL}`, 'crlf/server.ts': `\ufeff${crlf}`, 'package.json': `\ufeff${OLD_SDK}` });
      const scanned = runCli(['scan', '--format', 'json'], { cwd: dir });
      expect([scanned.code, scanned.stderr]).toEqual([1, '']);
      const dry = fix(dir, '--target', 'sdk-v1', '--no-format', '--dry-run');
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/raised @modelcontextprotocol\/sdk from \^1\.9\.0 to \^1\.10\.2/);
      // The diff is the real run's: line 1 keeps its mark, so no line of it changes for it.
      expect(dry.stdout).not.toContain('\ufeff');
      expect(fix(dir, '--target', 'sdk-v1', '--no-format').code).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'server.ts'), 'utf8')).toBe(`\ufeff${MIGRATED}`);
      const second = fs.readFileSync(path.join(dir, 'crlf/server.ts'), 'utf8');
      expect(second.startsWith('\ufeff')).toBe(true);
      expect(second).not.toBe(`\ufeff${crlf}`);
      expect(second.match(/(^|[^\r])\n/g)).toBeNull();
      expect(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe(`\ufeff${RAISED}`);
    });

    it('fix of files none of which can be read exits 2 as scan does, and a symlink loop given as the path is named as one', () => {
      const dir = project({ 'binary.ts': Buffer.from('import "mcp";\0\0\u0001') });
      fs.symlinkSync('loop-b.ts', path.join(dir, 'loop-a.ts'));
      fs.symlinkSync('loop-a.ts', path.join(dir, 'loop-b.ts'));
      expect(runCli(['scan', 'binary.ts'], { cwd: dir }).code).toBe(2);
      const binary = fix(dir, 'binary.ts');
      expect([binary.code, binary.stderr]).toEqual([2, 'mcp-migrate: nothing could be read under binary.ts (binary.ts: binary file)\n']);
      for (const command of ['scan', 'fix']) {
        const loop = runCli([command, 'loop-a.ts'], { cwd: dir });
        expect([loop.code, loop.stderr]).toEqual([2, 'mcp-migrate: nothing could be read under loop-a.ts (loop-a.ts: symlink loop)\n']);
      }
    });

    it.runIf(isRoot)('says what git said when it refuses the repository (dubious ownership), not that there is none', () => {
      const dir = project({ 'server.ts': SESSIONFUL });
      execFileSync('chown', ['-R', 'nobody', dir]);
      // Without a configuration that trusts every folder (safe.directory=*), as on a developer machine.
      const r = runCli(['fix', '--target', 'sdk-v1'], { cwd: dir, env: { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`mcp-migrate: refusing to write: git refuses .: detected dubious ownership in repository at '${dir}' (\`git config --global --add safe.directory ${dir}\` trusts it); so the rewrite could not be reviewed as a diff or undone. Preview it with --dry-run, or pass --allow-dirty to write anyway\n`);
      expect(fs.readFileSync(path.join(dir, 'server.ts'), 'utf8')).toBe(SESSIONFUL);
    });

    it('writes package.json first, and puts back what it wrote when a later write fails (a full disk), saying so in one line', async () => {
      const dir = project({ 'a/server.ts': SESSIONFUL, 'b/server.ts': SESSIONFUL, 'package.json': OLD_SDK });
      const order: string[] = [];
      const rename = fs.renameSync;
      const spy = vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
        order.push(path.relative(dir, String(to)));
        if (order.length === 3) throw Object.assign(new Error(`ENOSPC: no space left on device, rename '${String(from)}'`), { code: 'ENOSPC' });
        rename(from, to);
      });
      try {
        await expect(runFix({ cwd: dir, target: 'sdk-v1', format: false })).rejects.toThrow(/^could not write b\/server\.ts: no space left on device; the 2 file\(s\) written before it were put back, so nothing changed$/);
      } finally {
        spy.mockRestore();
      }
      expect(order.slice(0, 3)).toEqual(['package.json', path.join('a', 'server.ts'), path.join('b', 'server.ts')]);
      expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).toBe('');
      // Without the full disk, all of it.
      const done = await runFix({ cwd: dir, target: 'sdk-v1', format: false });
      expect(done.files.map((f) => f.file)).toEqual(['a/server.ts', 'b/server.ts', 'package.json']);
      expect(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe(RAISED);
    });
  });

  it('--safe-only leaves review changes out', () => {
    const input = fs.readFileSync(path.join(FIXTURES, 'sdk-style-map.input.ts'), 'utf8');
    const dir = project({ 'server.ts': input });
    const r = fix(dir, '--target', 'sdk-v1', '--safe-only', '--dry-run');
    expect(r.stdout).not.toMatch(/review +removed eventStore/);
    expect(r.stdout).toMatch(/^\+ +eventStore, \/\/ enable resumability$/m);
    const all = fix(dir, '--target', 'sdk-v1', '--dry-run');
    expect(all.stdout).toMatch(/review +removed eventStore: 2026-07-28 has no stream resumability/);
  });

  it('--safe-only applies no change tagged review, also where explicit-handles would pair one with safe ones (trial 19C)', async () => {
    const notes = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { z } from 'zod';",
      'const notes = new Map<string, string[]>();',
      'export function register(server: McpServer): void {',
      "  server.registerTool('add_note', { inputSchema: { text: z.string() } }, async ({ text }, extra) => {",
      '    notes.set(extra.sessionId!, [...(notes.get(extra.sessionId!) ?? []), text]);',
      "    return { content: [{ type: 'text', text: 'ok' }] };",
      '  });',
      "  server.registerTool('list_notes', {}, async (_args, extra) => ({ content: [{ type: 'text', text: (notes.get(extra.sessionId!) ?? []).join() }] }));",
      '}',
      '',
    ].join('\n');
    const dir = project({ 'src/notes.ts': notes });
    const all = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    expect(all.files.flatMap((f) => f.changes).some((c) => c.safety === 'review')).toBe(true);
    const safe = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false, safeOnly: true });
    expect(safe.files.flatMap((f) => f.changes).filter((c) => c.safety !== 'safe')).toEqual([]);
    expect(safe.files.map((f) => f.file)).not.toContain('src/mcp-state.ts');
    expect(safe.files.find((f) => f.file === 'src/notes.ts')?.after ?? notes).not.toMatch(/withHandle|handleState/);
  });

  it('says a session map another module declares is filled by nothing once the dispatch is per request (trial 40C)', async () => {
    const dispatch = fs.readFileSync(path.join(FIXTURES, 'express-record.input.ts'), 'utf8');
    expect(dispatch).toMatch(/^const transports: Record<string, StreamableHTTPServerTransport> = \{\};$/m);
    // The same dispatch, its map declared in a module of its own that sorts before it.
    const dir = project({
      'src/a-sessions.ts': "import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';\n\nexport const transports: Record<string, StreamableHTTPServerTransport> = {};\n",
      'src/server.ts': dispatch.replace(/^const transports: Record<string, StreamableHTTPServerTransport> = \{\};$/m, "import { transports } from './a-sessions.js';"),
    });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const server = result.files.find((f) => f.file === 'src/server.ts')!;
    expect(server.after).not.toMatch(/transports\[/);
    const sessions = result.files.find((f) => f.file === 'src/a-sessions.ts')!;
    expect(sessions.markers.map((m) => m.message)).toEqual([expect.stringMatching(/transports would hold .* but nothing in this file or the modules that import it fills it, so it stays empty\. Delete it/)]);
    // Nothing of it fails a CI gate any more.
    expect(result.remaining.filter((f) => f.ruleId === 'session-map').map((f) => f.severity)).toEqual(['info']);
  });

  it("says why a codemod left a finding it takes where no marker of its own does (trial 16C: 'did not rewrite' gave nothing to act on)", async () => {
    const picker = [
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      '',
      'const transports = new Map<string, StreamableHTTPServerTransport>();',
      '',
      'export function pick(headers: Record<string, string>) {',
      "  return transports.get(headers['mcp-session-id']);",
      '}',
      '',
    ].join('\n');
    const dir = project({ 'src/pick.ts': picker });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const markers = result.files.flatMap((f) => f.markers.map((m) => m.message));
    expect(markers.length).toBeGreaterThan(0);
    for (const m of markers.filter((m) => !/nothing in this file fills it/.test(m))) expect(m).toMatch(/^fix \(stateless-transport\) did not rewrite this [\w-]+ finding.*Why it was left: stateless-transport rewrites a route's session dispatch .* so the change is yours\.$/);
    // Information (a map nothing fills) was never the codemod's to rewrite: its marker says what to do, not why it was left.
    expect(markers.filter((m) => /nothing in this file fills it/.test(m))).toEqual([expect.stringMatching(/^fix \(stateless-transport\) did not rewrite this session-map finding: .*Delete it and the code that still reads or empties it .*it holds nothing\.$/)]);
  });

  it('says what a session map waits on where the route that uses it waits on a shared server (trial 47C B5)', async () => {
    const app = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
      "import { randomUUID } from 'node:crypto';",
      "import express from 'express';",
      '',
      'const live = new Map<string, StreamableHTTPServerTransport>();',
      '',
      'export class Gateway {',
      "  private mcp = new McpServer({ name: 'gateway', version: '2.0.0' });",
      '  private http = express();',
      '',
      '  start() {',
      '    this.http.use(express.json());',
      "    this.http.post('/mcp', async (req, res) => {",
      "      const id = req.header('mcp-session-id');",
      '      let transport = id ? live.get(id) : undefined;',
      '      if (!transport && isInitializeRequest(req.body)) {',
      '        transport = new StreamableHTTPServerTransport({',
      '          sessionIdGenerator: () => randomUUID(),',
      '          onsessioninitialized: (sid) => void live.set(sid, transport!),',
      '        });',
      '        await this.mcp.connect(transport);',
      '      }',
      '      if (!transport) return void res.status(400).end();',
      '      await transport.handleRequest(req, res, req.body);',
      '    });',
      '    this.http.listen(7070);',
      '  }',
      '}',
      '',
    ].join('\n');
    const dir = project({ 'src/gateway.ts': app });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const markers = result.files.flatMap((f) => f.markers.map((m) => m.message));
    // The route waits on the shared server, and says so ...
    expect(markers.filter((m) => /`this\.mcp` is one server shared by every request.*then run fix again$/.test(m))).toHaveLength(1);
    // ... and the map's marker points there, not at a shape the codemod would never take.
    const map = markers.filter((m) => /session-map finding/.test(m));
    expect(map).toEqual([expect.stringMatching(/Why it was left: the route that uses `live` is left as it was until what the marker there asks is done \(`this\.mcp` is one server shared by every request\); then run fix again, and stateless-transport rewrites this with it\.$/)]);
    expect(map[0]).not.toMatch(/so the change is yours/);
  });

  it("says the dispatch's other parts wait on a session callback's work, not that they are outside a dispatch (trial 75A B2)", async () => {
    const app = [
      "import express from 'express';",
      "import { randomUUID } from 'node:crypto';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
      "import { forgetBasket } from './baskets.js';",
      '',
      'const app = express();',
      'app.use(express.json());',
      'const open = new Map<string, StreamableHTTPServerTransport>();',
      '// Legacy SSE transports, looked up by a route of their own that this file no longer mounts.',
      'const streams: Record<string, StreamableHTTPServerTransport> = {};',
      '',
      "app.post('/mcp', async (req, res) => {",
      "  const id = req.header('mcp-session-id');",
      '  let transport = id ? open.get(id) : undefined;',
      '  if (!transport) {',
      '    if (id || !isInitializeRequest(req.body)) {',
      "      res.status(404).json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });",
      '      return;',
      '    }',
      '    transport = new StreamableHTTPServerTransport({',
      '      sessionIdGenerator: () => randomUUID(),',
      '      onsessioninitialized: (sid) => { open.set(sid, transport!); },',
      '      onsessionclosed: (sid) => { open.delete(sid); forgetBasket(sid); },',
      '    });',
      "    await new McpServer({ name: 'shop', version: '1.0.0' }).connect(transport);",
      '  }',
      '  await transport.handleRequest(req, res, req.body);',
      '});',
      '',
      'const existing = async (req: express.Request, res: express.Response) => {',
      "  const id = req.header('mcp-session-id');",
      '  const transport = id ? open.get(id) : undefined;',
      "  if (!transport) return void res.status(400).send('unknown session');",
      '  await transport.handleRequest(req, res);',
      '};',
      "app.get('/mcp', existing);",
      "app.delete('/mcp', existing);",
      '',
      'export function legacyStream(req: express.Request) {',
      "  return streams[String(req.headers['mcp-session-id'])];",
      '}',
      'app.listen(3000);',
      '',
    ].join('\n');
    const baskets = 'const baskets = new Map<string, string[]>();\nexport function forgetBasket(key: string) {\n  baskets.delete(key);\n}\n';
    const dir = project({ 'src/server.ts': app, 'src/baskets.ts': baskets });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const markers = result.files.find((f) => f.file === 'src/server.ts')!.markers.map((m) => m.message);
    // The transport is left for its callback's work, and says so once ...
    expect(markers.filter((m) => /^onsessionclosed does more than forget the session in the map open \(`forgetBasket\(sid\)`\), and a per-request transport never calls it\./.test(m))).toHaveLength(1);
    // ... which every part of that dispatch names: the map, the route's own header read and isInitializeRequest(), the GET/DELETE handler's header read.
    const because = (route: string) => new RegExp(`Why it was left: ${route} keeps its sessionful transport because onsessionclosed does more than forget the session in the map open \\(\`forgetBasket\\(sid\\)\`\\), and a per-request transport never calls it \\(see the marker at that transport\\); this goes with it once it is made stateless\\.$`);
    expect(markers.filter((m) => /session-map finding: open holds/.test(m))).toEqual([expect.stringMatching(because('the route that uses `open`'))]);
    expect(markers.filter((m) => /initialize-request finding/.test(m))).toEqual([expect.stringMatching(because('this route'))]);
    // Of the header reads, one that looks up no map of that route keeps the codemod's own reason.
    expect(markers.filter((m) => /session-header finding/.test(m))).toEqual([
      expect.stringMatching(because('this route')),
      // (The dispatch's refusal of an unknown session, trial 77A B8.)
      expect.stringMatching(/^fix \(stateless-transport\) did not rewrite this session-header finding: Answers 404 "Session not found" \(-32001\) to a request whose Mcp-Session-Id names no session of this instance: .*Why it was left: this route keeps its sessionful transport because onsessionclosed/),
      expect.stringMatching(because('the other route that uses `open`')),
      expect.stringMatching(/^fix \(stateless-transport\) did not rewrite this session-header finding: Reads the Mcp-Session-Id request header\. .*this code is outside such a dispatch, or in a shape it does not follow, so the change is yours\.$/),
    ]);
  });

  it('lists markers in the summary and adds each only once', () => {
    // A shared server that a timer also logs through: server-factory cannot build it per connection.
    const input = `${fs.readFileSync(path.join(FIXTURES, 'shared-server.input.ts'), 'utf8')}\nsetInterval(() => void server.sendLoggingMessage({ level: 'info', data: 'tick' }), 60_000);\n`;
    // A dry run says what it would do, and how to read the line numbers of changes and markers
    // (busy.ts gets both).
    const busy = project({ 'busy.ts': fs.readFileSync(path.join(FIXTURES, 'lifecycle-work.input.ts'), 'utf8') });
    const dry = fix(busy, '--target', 'sdk-v1', '--dry-run');
    expect(dry.stdout).toMatch(/Dry run: would change 1 file\(s\) for target sdk-v1: \d+ change\(s\) to apply \(\d+ safe, \d+ to review\), \d+ place\(s\) to mark TODO\(mcp-migrate\)/);
    expect(dry.stdout).toMatch(/Lines: a change at its line in the file as it is, a marker at its line in the file fix would write \(as the diff above shows it\)\./);
    const dir = project({ 'server.ts': input });
    // Markers only: a dry run says where its marker lines are too (trial 16B: line 13 of a 7-line file).
    expect(fix(dir, '--target', 'sdk-v1', '--dry-run').stdout).toMatch(/Lines: a marker at its line in the file fix would write \(as the diff above shows it\), below the comment lines it adds\./);
    const r = fix(dir, '--target', 'sdk-v1');
    // A real run with markers only: the file on disk is the rewritten one, nothing to tell apart.
    expect(r.stdout).not.toMatch(/Lines: /);
    expect(r.stdout).toMatch(/marked +`server` is one server shared by every request/);
    // The dispatch stays (one server for every request): the marker that says so, in the route,
    // stands for the route's other findings; the map outside the route gets a marker of its own.
    expect(r.stdout).toMatch(/\(markers only\) for target sdk-v1: 0 change\(s\) applied \(0 safe, 0 to review\), 3 place\(s\) marked TODO\(mcp-migrate\)/);
    expect(r.stdout).toMatch(/marked +fix \(stateless-transport\) did not rewrite this session-map finding: transports holds/);
    expect(r.stdout).not.toMatch(/did not rewrite this (session-header|session-id-generator|session-lifecycle) finding/);
    expect(r.stdout).toMatch(/marked +server is one server connected to the transport of every connection, and fix could not move its setup into a factory: it is also used here \(setInterval/);
    execFileSync('git', ['commit', '-qam', 'fixed'], { cwd: dir });
    const again = fix(dir, '--target', 'sdk-v1');
    expect(again.stdout).toMatch(/already marked/);
    expect(again.stdout).toMatch(/changed 0 file\(s\)/);
    expect(fs.readFileSync(path.join(dir, 'server.ts'), 'utf8').match(/TODO\(mcp-migrate\): `server` is one server shared/g)).toHaveLength(1);
  });

  it('--codemods picks codemods and rejects unknown ids; --json is machine-readable', () => {
    const dir = project({ 'server.ts': SESSIONFUL });
    const bad = fix(dir, '--codemods', 'no-such-codemod', '--dry-run');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('mcp-migrate: unknown codemod no-such-codemod (see mcp-migrate fix --list)');
    const json = JSON.parse(fix(dir, '--codemods', 'stateless-transport', '--dry-run', '--json', '--target', 'sdk-v1').stdout);
    expect(json.target).toBe('sdk-v1');
    expect(json.files[0].file).toBe('server.ts');
    expect(json.files[0].changes.length).toBeGreaterThan(3);
    expect(json.summary.filesChanged).toBe(1);
  });

  it('runs the project formatter on the changed files it had formatted before, and leaves the others as rewritten', async () => {
    const dir = project({ 'clean.ts': SESSIONFUL, 'messy.ts': SESSIONFUL, '.prettierrc': JSON.stringify({ singleQuote: false, printWidth: 100 }) });
    fs.mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
    const prettier = path.join(dir, 'node_modules/.bin/prettier');
    fs.symlinkSync(path.join(REPO, 'node_modules/prettier/bin/prettier.cjs'), prettier);
    fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
    // clean.ts is formatted as the project says; messy.ts is not (single quotes).
    // Twice: prettier can take a second pass to settle on a member chain.
    execFileSync(prettier, ['--write', 'clean.ts'], { cwd: dir });
    execFileSync(prettier, ['--write', 'clean.ts'], { cwd: dir });
    execFileSync(prettier, ['--check', 'clean.ts'], { cwd: dir });
    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['commit', '-qm', 'tooling'], { cwd: dir });
    const planned = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    // A preview says the formatter is left for the real run (its diff is the rewrite before formatting).
    expect(fix(dir, '--target', 'sdk-v1', '--dry-run').stdout).toMatch(/prettier: not run in a dry run \(the diff is the rewrite before formatting\)/);
    const r = fix(dir, '--target', 'sdk-v1');
    expect(r.stdout).toMatch(/prettier: formatted 1 file\(s\); 1 changed file\(s\) it had not formatted before were left as the rewrite wrote them/);
    expect(fs.readFileSync(path.join(dir, 'clean.ts'), 'utf8')).toMatch(/import express from "express";/);
    // messy.ts is exactly what the dry run showed: no line the rewrite did not touch was reformatted.
    expect(fs.readFileSync(path.join(dir, 'messy.ts'), 'utf8')).toBe(planned.files.find((f) => f.file === 'messy.ts')!.after);
    expect(fix(dir, '--target', 'sdk-v1', '--allow-dirty').stdout).toMatch(/changed 0 file\(s\)/);
  });

  it("leaves code Prettier checks clean: it writes again what Prettier did not settle in one pass (the SSE endpoints' 410 answers, argocd-mcp)", () => {
    const dir = project({ 'src/server.ts': SSE_SERVER, '.prettierrc': JSON.stringify({ singleQuote: true }) });
    fs.mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
    const prettier = path.join(dir, 'node_modules/.bin/prettier');
    fs.symlinkSync(path.join(REPO, 'node_modules/prettier/bin/prettier.cjs'), prettier);
    fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
    execFileSync(prettier, ['--check', 'src/server.ts'], { cwd: dir });
    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['commit', '-qm', 'tooling'], { cwd: dir });
    const r = fix(dir, '--target', 'sdk-v1');
    expect(r.stdout).toMatch(/Formatted the changed files with prettier/);
    expect(fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8')).toMatch(/\.status\(410\)/);
    // Throws (exit 1) when a file would still change.
    execFileSync(prettier, ['--check', 'src/server.ts'], { cwd: dir });
  });

  it('finds Prettier a project uses with its defaults (a devDependency of the repository above the run, no config file)', () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'mono', private: true, devDependencies: { prettier: '^3.0.0' }, scripts: { lint: 'prettier --check .' } }, null, 2) + '\n',
      'packages/server/src/index.ts': SESSIONFUL,
    });
    fs.mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
    const prettier = path.join(dir, 'node_modules/.bin/prettier');
    fs.symlinkSync(path.join(REPO, 'node_modules/prettier/bin/prettier.cjs'), prettier);
    fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
    for (let i = 0; i < 2; i++) execFileSync(prettier, ['--write', 'packages/server/src/index.ts'], { cwd: dir });
    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['commit', '-qm', 'tooling'], { cwd: dir });
    const r = fix(path.join(dir, 'packages/server'), '--target', 'sdk-v1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Formatted the changed files with prettier\./);
    execFileSync(prettier, ['--check', 'packages/server/src/index.ts'], { cwd: dir });
  });

  it('runs Prettier with the configuration file a script names (a name Prettier does not look for itself), in the repository above the package', () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'], scripts: { 'format:check': 'prettier --config ./.prettier.mjs --check packages', lint: 'eslint --plugin prettier --config .eslintrc.json .' } }, null, 2) + '\n',
      '.prettier.mjs': 'export default { useTabs: true, printWidth: 120 };\n',
      'packages/svc/package.json': JSON.stringify({ name: 'svc', devDependencies: { prettier: '^3.0.0' } }, null, 2) + '\n',
      'packages/svc/src/index.ts': SESSIONFUL,
    });
    fs.mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
    const prettier = path.join(dir, 'node_modules/.bin/prettier');
    fs.symlinkSync(path.join(REPO, 'node_modules/prettier/bin/prettier.cjs'), prettier);
    fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
    for (let i = 0; i < 2; i++) execFileSync(prettier, ['--config', './.prettier.mjs', '--write', 'packages/svc/src/index.ts'], { cwd: dir });
    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['commit', '-qm', 'tooling'], { cwd: dir });
    const r = fix(path.join(dir, 'packages/svc'), '--target', 'sdk-v1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Formatted the changed files with prettier\./);
    const after = fs.readFileSync(path.join(dir, 'packages/svc/src/index.ts'), 'utf8');
    expect(after).not.toBe(SESSIONFUL);
    // Formatted with that file: tabs, which Prettier's defaults never write.
    expect(after).toMatch(/^\t\S/m);
    execFileSync(prettier, ['--config', './.prettier.mjs', '--check', 'packages/svc/src/index.ts'], { cwd: dir });
  });

  it('formats a file the run creates (the shared state module) and still asks about the others', () => {
    const tools = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/explicit-handles/shebang-double-quotes.input.ts'), 'utf8');
    const dir = project({
      'package.json': JSON.stringify({ name: 'a', dependencies: { '@modelcontextprotocol/sdk': '^1.20.0', redis: '^5.0.0' } }, null, 2) + '\n',
      'src/tools.ts': tools,
      '.prettierrc': JSON.stringify({ singleQuote: false, printWidth: 100 }),
    });
    fs.mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
    const prettier = path.join(dir, 'node_modules/.bin/prettier');
    fs.symlinkSync(path.join(REPO, 'node_modules/prettier/bin/prettier.cjs'), prettier);
    fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
    for (let i = 0; i < 2; i++) execFileSync(prettier, ['--write', 'src/tools.ts', 'package.json'], { cwd: dir });
    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['commit', '-qm', 'tooling'], { cwd: dir });
    const r = fix(dir, '--target', 'sdk-v1');
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'src/mcp-state.ts'))).toBe(true);
    // Every changed file was formatted: the new module, and the ones prettier had formatted before.
    expect(r.stdout).toMatch(/Formatted the changed files with prettier\./);
    execFileSync(prettier, ['--check', 'src/tools.ts', 'src/mcp-state.ts'], { cwd: dir });
  });

  it('never writes a rewrite that declares a name twice in one block (it parses, and does not load)', async () => {
    const redeclares = testCodemod('redeclares', 'test codemod that declares a const twice', (text) => `${text}\nconst twice = 1;\nconst twice = 2;\n`);
    const dir = project({ 'server.ts': SESSIONFUL });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', registry: [redeclares] });
    expect(result.errors).toEqual([{ file: 'server.ts', message: 'the rewrite would declare `twice` twice in one block, which does not load, so the file was left unchanged (please report this)' }]);
    expect(result.summary.failed).toBe(1);
    expect(fs.readFileSync(path.join(dir, 'server.ts'), 'utf8')).toBe(SESSIONFUL);
  });

  it('holds on SDK v1 a package one of whose files no codemod could rewrite for the move, and moves none of its files (trial 40C: half a package moved)', async () => {
    // A codemod that fails on one file when a package moves: the move's codemods, and it.
    const failing: CodeCodemod = {
      ...testCodemod('fails-on-broken', 'test codemod that throws on one file', (text) => text),
      target: '2026-07-28',
      keywords: ['modelcontextprotocol'],
      transform: ({ text }) => {
        if (text.includes("name: 'broken'")) throw Object.assign(new Error('overlap'), { name: 'EditConflictError' });
        return { text, changes: [], markers: [] };
      },
    };
    const stdio = (name: string) => `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nimport { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';\nconst server = new McpServer({ name: '${name}', version: '1.0.0' });\nawait server.connect(new StdioServerTransport());\n`;
    const dir = project({
      'package.json': JSON.stringify({ name: 'half', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0' } }),
      'src/broken.ts': stdio('broken'),
      'src/other.ts': stdio('other'),
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false, registry: [...codemods, failing] });
    expect(result.errors).toContainEqual({ file: 'package.json', message: expect.stringMatching(/^stays on SDK v1 \(half\): a codemod could not rewrite src\/broken\.ts for the move \(two rewrites overlapped; please report it\), and moved without it the package would be half on each SDK/) });
    // Nothing of the package moved: no file imports the v2 packages, and package.json keeps the v1 SDK.
    for (const f of result.files) expect(f.after).not.toMatch(/@modelcontextprotocol\/server/);
    expect(result.files.find((f) => f.file === 'package.json')?.after ?? '').not.toMatch(/@modelcontextprotocol\/server/);
  });

  it('never writes a rewrite that does not parse', async () => {
    const broken = testCodemod('broken', 'test codemod that emits invalid code', (text) => text.replace('sessionIdGenerator', 'sessionIdGenerator: {{'));
    const dir = project({ 'server.ts': SESSIONFUL });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', registry: [broken] });
    expect(result.errors).toEqual([{ file: 'server.ts', message: 'the rewrite did not parse, so the file was left unchanged (please report this)' }]);
    // A file fix could not rewrite counts as failed (exit 1), as --help and the README say.
    expect(result.summary.failed).toBe(1);
    expect(fs.readFileSync(path.join(dir, 'server.ts'), 'utf8')).toBe(SESSIONFUL);
    // What is left for a person is what the unchanged file still has, not the refused rewrite's.
    const untouched = await scan({ paths: [dir] });
    const key = (f: object) => JSON.stringify(f);
    expect(result.remaining.map(key).sort()).toEqual(untouched.findings.map(key).sort());
    expect(result.remaining.length).toBeGreaterThan(0);
  });

  describe('a file that is not valid UTF-8 (a comment saved in Latin-1, trial 68K)', () => {
    const left = "left unchanged: not valid UTF-8: fix rewrites UTF-8 files only (it would change this file's other bytes); save it as UTF-8 and run fix again";
    const notRewritten = 'not valid UTF-8 text, not rewritten: fix rewrites UTF-8 files only; save it as UTF-8 and run fix again';
    /** A session map and a header read behind a comment saved in Latin-1 (the `é` one byte, 0xe9). */
    const sessions = Buffer.from(
      [
        '// Les sessions du caf\xe9',
        "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
        'const transports: Record<string, StreamableHTTPServerTransport> = {};',
        "export function lookup(req: { headers: Record<string, string> }) { return transports[req.headers['mcp-session-id']]; }",
        '',
      ].join('\n'),
      'latin1',
    );
    const plain = new Chalk({ level: 0 });

    it('reads it for its findings, writes none of it, and counts it as a file left unchanged (exit 1), in a dry run and --json alike', async () => {
      const dir = project({ 'src/a.ts': sessions, 'src/b.ts': SESSIONFUL });
      // b.ts as a run without a.ts rewrites it: the Latin-1 file changes nothing of it.
      const alone = await runFix({ cwd: project({ 'src/b.ts': SESSIONFUL }), dryRun: true, format: false });
      const rewrittenB = alone.files.find((f) => f.file === 'src/b.ts')!.after;
      expect(rewrittenB).not.toBe(SESSIONFUL);
      for (const dryRun of [true, false]) {
        const result = await runFix({ cwd: dir, dryRun, format: false });
        expect(result.errors.filter((e) => e.file === 'src/a.ts')).toEqual([{ file: 'src/a.ts', message: left }]);
        // summary.failed is what makes fix exit 1 (fixCommand), in --json too, whose errors and summary these are.
        expect(result.summary.failed).toBe(1);
        // Its findings, read as Latin-1, are left for a person: scan's own.
        expect(result.remaining.filter((f) => f.file === 'src/a.ts').map((f) => f.ruleId).sort()).toEqual(['session-header', 'session-map']);
        expect(result.summary.manual).toBe(result.remaining.length);
        expect(result.files.map((f) => f.file)).toEqual(['src/b.ts']);
        expect(result.files[0].after).toBe(rewrittenB);
        const summary = formatFixSummary(result, plain);
        expect(summary).toContain(`mcp-migrate: src/a.ts: ${left}`);
        expect(summary).toMatch(/^ {2}Not rewritten this run, though a codemod takes them \(1\): for a file left unchanged, see why above, then run fix again:\n {4}src\/a\.ts:4 {2}error {4}session-header/m);
        expect(summary).toMatch(/ 1 finding\(s\) left for a person \(and 1 info finding\(s\), which need no change\)\./);
      }
      expect(fs.readFileSync(path.join(dir, 'src/a.ts')).equals(sessions)).toBe(true);
      expect(fs.readFileSync(path.join(dir, 'src/b.ts'), 'utf8')).toBe(rewrittenB);
    });

    it('holds its package on SDK v1 rather than move it without the file, and adds no state module or dependency for it', async () => {
      const tools = Buffer.concat([Buffer.from('// Paniers (\xe9t\xe9)\n', 'latin1'), fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/explicit-handles/shebang-double-quotes.input.ts')).subarray('#!/usr/bin/env node\n'.length)]);
      const manifest = JSON.stringify({ name: 'shop', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.0.0' } }, null, 2) + '\n';
      // Saved as UTF-8, the same tools get the mcp-state module and redis: the look-alike.
      const utf8 = await runFix({ cwd: project({ 'package.json': manifest, 'src/tools.ts': Buffer.from(tools.toString('latin1'), 'utf8') }), target: 'sdk-v1', dryRun: true, format: false });
      expect(utf8.files.map((f) => f.file).sort()).toEqual(['package.json', 'src/mcp-state.ts', 'src/tools.ts']);
      const dir = project({ 'package.json': manifest, 'src/tools.ts': tools });
      const v1 = await runFix({ cwd: dir, target: 'sdk-v1', format: false });
      expect(v1.errors).toEqual([{ file: 'src/tools.ts', message: left }]);
      expect(v1.files).toEqual([]);
      expect(v1.summary.failed).toBe(1);
      expect(fs.existsSync(path.join(dir, 'src/mcp-state.ts'))).toBe(false);
      // On the move, the package cannot go without the file: it stays on v1, package.json as it was.
      const moving = project({ 'package.json': manifest, 'src/a.ts': sessions, 'src/b.ts': SESSIONFUL });
      const moved = await runFix({ cwd: moving, target: '2026-07-28', format: false });
      expect(moved.stayedOnV1).toEqual(['package.json']);
      expect(moved.errors).toContainEqual({ file: 'package.json', message: expect.stringContaining("stays on SDK v1 (shop): a codemod could not rewrite src/a.ts for the move (not valid UTF-8: fix rewrites UTF-8 files only (it would change this file's other bytes)") });
      expect(moved.errors).toContainEqual({ file: 'src/a.ts', message: left });
      expect(fs.readFileSync(path.join(moving, 'package.json'), 'utf8')).toBe(manifest);
      expect(fs.readFileSync(path.join(moving, 'src/a.ts')).equals(sessions)).toBe(true);
      expect(fs.readFileSync(path.join(moving, 'src/b.ts'), 'utf8')).not.toMatch(/@modelcontextprotocol\/server/);
    });

    it('leaves a Latin-1 nginx.conf a codemod would rewrite the same way', async () => {
      const conf = Buffer.concat([Buffer.from('# \xc9dition publique\n', 'latin1'), fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/cors-headers-config/edge.input.conf'))]);
      const dir = project({ 'deploy/nginx.conf': conf });
      for (const dryRun of [true, false]) {
        const result = await runFix({ cwd: dir, dryRun, format: false });
        expect(result.errors).toEqual([{ file: 'deploy/nginx.conf', message: left }]);
        expect(result.summary.failed).toBe(1);
        expect(result.remaining.filter((f) => f.ruleId === 'session-header-config').length).toBeGreaterThan(0);
      }
      expect(fs.readFileSync(path.join(dir, 'deploy/nginx.conf')).equals(conf)).toBe(true);
    });

    it('says no more than before of a Latin-1 file with nothing to rewrite, and exits 0', async () => {
      const notes = Buffer.from("// \xa9 2019 Soci\xe9t\xe9\nexport const greet = (name: string) => `Bonjour ${name}`;\n", 'latin1');
      const conf = Buffer.from('# caf\xe9\nserver { listen 80; location / { proxy_pass http://app; } }\n', 'latin1');
      const dir = project({ 'src/greet.ts': notes, 'nginx.conf': conf, 'src/b.ts': SESSIONFUL });
      const result = await runFix({ cwd: dir, target: 'sdk-v1', format: false });
      // (The line each had before this file was read for its findings; passes before trial 68K's change too.)
      expect(result.errors.map((e) => `${e.file}: ${e.message}`).sort()).toEqual([`nginx.conf: ${notRewritten}`, `src/greet.ts: ${notRewritten}`]);
      expect(result.summary.failed).toBe(0);
      expect(result.files.map((f) => f.file)).toEqual(['src/b.ts']);
      expect(fs.readFileSync(path.join(dir, 'src/greet.ts')).equals(notes)).toBe(true);
      expect(fs.readFileSync(path.join(dir, 'nginx.conf')).equals(conf)).toBe(true);
    });
  });

  it('reports bad input on one line each and goes on', () => {
    const dir = project({ 'server.ts': SESSIONFUL, 'blob.js': '\u0000\u0001binary' });
    const r = fix(dir, '--target', 'sdk-v1', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^mcp-migrate: blob\.js: binary file \(skipped\)$/m);
    expect(r.stdout).toMatch(/would change 1 file/);
    const missing = fix(dir, 'nope/', '--dry-run');
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('mcp-migrate: nope/: no such file or directory');
  });

  it("tags the per-request rewrite review where a register function of another module, handed each session's server, keeps state for its tools (trial 59B B2)", async () => {
    const basket = [
      "import { z } from 'zod';",
      "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      'export function registerBasket(server: McpServer) {',
      '  const basket: string[] = [];',
      "  server.registerTool('basket_add', { inputSchema: { item: z.string() } }, async ({ item }) => { basket.push(item); return { content: [] }; });",
      "  server.registerTool('basket_checkout', {}, async () => ({ content: [{ type: 'text', text: `bought ${basket.length} items` }] }));",
      '}',
      '',
    ].join('\n');
    const server = SESSIONFUL.replace("import express from 'express';", "import express from 'express';\nimport { registerBasket } from './basket.js';").replace("  const server = new McpServer({ name: 'notes', version: '1.0.0' });\n", "  const server = new McpServer({ name: 'notes', version: '1.0.0' });\n  registerBasket(server);\n");
    expect(server).toContain('registerBasket(server);');
    const dir = project({ 'src/server.ts': server, 'src/basket.ts': basket });
    const scanned = (await scan({ paths: [dir] })).findings.filter((f) => f.ruleId === 'stateful-tool');
    expect(scanned.map((f) => [f.file, f.tool, f.severity, f.reasons])).toEqual([
      ['src/basket.ts', 'basket_add', 'error', ['server-state', 'lasts-with-server']],
      ['src/basket.ts', 'basket_checkout', 'error', ['server-state', 'lasts-with-server']],
    ]);
    expect(scanned[0].message).toMatch(/^Tool "basket_add" keeps state in basket, made for each server handed to registerBasket\(\): it lasts as long as that server instance/);
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    // The basket would last one request: the dispatch is left as it was (trial 61A B1).
    expect(result.errors).toContainEqual({ file: 'src/server.ts', message: expect.stringMatching(/^left unchanged: making its transport stateless would leave state the tools keep with their server \(src\/basket\.ts:\d+.*even on one instance; keep that state in a shared store under a handle the tools take, or outside the server, then run fix again$/) });
    // A register function whose locals its tools only read keeps nothing: the rewrite stays safe.
    const catalog = basket.replace('basket.push(item); ', '').replace('basket.length', "basket.join(', ')");
    const readOnly = project({ 'src/server.ts': server, 'src/basket.ts': catalog });
    expect((await scan({ paths: [readOnly] })).findings.filter((f) => f.ruleId === 'stateful-tool')).toEqual([]);
    const safe = await runFix({ cwd: readOnly, target: 'sdk-v1', dryRun: true, format: false });
    expect(safe.files.find((f) => f.file === 'src/server.ts')!.changes.find((c) => /^session dispatch \(the branches/.test(c.description))!.safety).toBe('safe');
  });
});

describe('updateManifest', () => {
  // The runner gives updateManifest the zod of the package that imports it, also where the SDK
  // comes from a workspace root and is added to the package (review 78: it was looked up on the
  // root, which has none, and the SDK was added uncapped).
  it('caps the v1 SDK fix adds to a workspace package on zod 3.24 whose SDK came from the root', async () => {
    const dir = project({
      'package.json': '{ "name": "root", "private": true, "workspaces": ["packages/*"], "devDependencies": { "@modelcontextprotocol/sdk": "^1.8.0" } }\n',
      'packages/a/package.json': '{ "name": "a", "dependencies": { "express": "^5.0.0", "zod": "^3.24.2" } }\n',
      'packages/a/src/server.ts': [
        "import express from 'express';",
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';",
        "import { z } from 'zod';",
        '',
        "const server = new McpServer({ name: 'echo', version: '1.0.0' });",
        "server.tool('echo', { text: z.string() }, async ({ text }) => ({ content: [{ type: 'text', text }] }));",
        'const streams: Record<string, SSEServerTransport> = {};',
        'const app = express();',
        "app.get('/sse', async (_req, res) => {",
        "  const transport = new SSEServerTransport('/messages', res);",
        '  streams[transport.sessionId] = transport;',
        "  res.on('close', () => delete streams[transport.sessionId]);",
        '  await server.connect(transport);',
        '});',
        "app.post('/messages', async (req, res) => {",
        '  const transport = streams[req.query.sessionId as string];',
        "  if (transport) await transport.handlePostMessage(req, res);",
        "  else res.status(400).send('unknown session');",
        '});',
        'app.listen(3001);',
        '',
      ].join('\n'),
    });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const manifest = result.files.find((f) => f.file === 'packages/a/package.json');
    expect(JSON.parse(manifest!.after).dependencies['@modelcontextprotocol/sdk']).toBe('>=1.10.2 <1.21.0');
  });

  // SDK 1.23 and later depend on zod ^3.25 || ^4: npm gives them a zod 4 of their own beside the
  // package's 3.24, whose schemas then match no overload of server.tool(), and tsc fails (trial 60C
  // B1); 1.21 and 1.22 declare types from an optional package tsc fails on without skipLibCheck.
  it('raises the v1 SDK below 1.21 for a package on zod 3 below 3.25, and says why; as it was for zod 3.25 or a pinned SDK', () => {
    const manifest = (zod: string, sdk = '^1.8.0') => `{\n  "name": "sse",\n  "dependencies": {\n    "@modelcontextprotocol/sdk": "${sdk}",\n    "zod": "${zod}"\n  }\n}\n`;
    const raise = (text: string, zodInstalled: string) => {
      const changes: Change[] = [];
      const after = JSON.parse(updateManifest(text, undefined, changes, { '@modelcontextprotocol/sdk': '^1.10.2' }, {}, [], undefined, { zodInstalled })!);
      return { sdk: after.dependencies['@modelcontextprotocol/sdk'], said: changes.map((c) => c.description) };
    };
    const old = raise(manifest('^3.24.2'), '3.24.2');
    expect(old.sdk).toBe('>=1.10.2 <1.21.0');
    expect(old.said).toEqual(['package.json: raised @modelcontextprotocol/sdk from ^1.8.0 to >=1.10.2 <1.21.0 (the code needs it; kept below 1.21, as later releases need zod ^3.25 or newer where the package\'s zod is 3.24.2: raise zod to lift that)']);
    expect(raise(manifest('^3.24.2'), '3.25.76').sdk).toBe('^1.10.2');
    expect(raise(manifest('^4.1.0'), '4.1.0').sdk).toBe('^1.10.2');
    expect(raise(manifest('^3.24.2', '1.8.0'), '3.24.2').sdk).toBe('1.10.2');
    // A `>=` range reaches past 1.21 too; a `~` one stays within its minor; a declared zod judged by its highest alternative (review 78).
    expect(raise(manifest('^3.24.2', '>=1.8.0'), '3.24.2').sdk).toBe('>=1.10.2 <1.21.0');
    expect(raise(manifest('^3.24.2', '~1.8.0'), '3.24.2').sdk).toBe('~1.10.2');
    expect(raise(manifest('^3.22 || ^4'), '^3.22 || ^4').sdk).toBe('^1.10.2');
  });

  it('changes only the dependency sections: other members keep their layout byte for byte', () => {
    const before = '{\n    "name": "svc",\n    "files": ["dist/**/*"],\n    "dependencies": {\n        "@modelcontextprotocol/sdk": "^1.20.0",\n        "express": "^5.1.0"\n    },\n    "scripts": { "build": "tsc" }\n}\n';
    const changes: Change[] = [];
    const after = updateManifest(before, new Set(['@modelcontextprotocol/server', '@modelcontextprotocol/node']), changes)!;
    expect(after).toBe(
      '{\n    "name": "svc",\n    "files": ["dist/**/*"],\n    "dependencies": {\n        "@modelcontextprotocol/node": "^2.1.2",\n        "@modelcontextprotocol/server": "^2.4.0",\n        "express": "^5.1.0"\n    },\n    "scripts": { "build": "tsc" },\n    "devDependencies": {\n        "@modelcontextprotocol/sdk": "^1.20.0"\n    }\n}\n',
    );
    // Out of the runtime dependencies, kept for the tests fix did not read.
    expect(changes.map((c) => c.description)).toContain('package.json: @modelcontextprotocol/sdk moved from dependencies to devDependencies (the migrated sources no longer import it; tests may)');
  });

  it('keeps the SDK a runtime dependency while the sources import a package that installs only as its dependency (express undeclared), and says so (trial 30C)', () => {
    const before = '{\n  "name": "board",\n  "dependencies": {\n    "@modelcontextprotocol/sdk": "^1.20.0"\n  }\n}\n';
    const changes: Change[] = [];
    const notes: string[] = [];
    const imports = sdkDependencyImports(['express', 'node:crypto', './store.js', '@hono/node-server/vercel', 'zod/v4']);
    expect([...imports].sort()).toEqual(['@hono/node-server', 'express']);
    const after = JSON.parse(updateManifest(before, new Set(['@modelcontextprotocol/server']), changes, {}, {}, notes, undefined, { sdkDependencies: imports })!);
    expect(after.dependencies).toEqual({ '@modelcontextprotocol/sdk': '^1.20.0', '@modelcontextprotocol/server': '^2.4.0' });
    expect(after.devDependencies).toBeUndefined();
    expect(notes).toEqual([
      "@modelcontextprotocol/sdk stays in dependencies though the migrated sources no longer import it: they import @hono/node-server and express, which package.json does not declare and which install only as the SDK's dependencies, so a production install without the SDK would lose them. Declare them with your package manager, then move the SDK to devDependencies",
    ]);
    // Declared here, or by the workspace root: the SDK moves as before.
    const declared = '{\n  "name": "board",\n  "dependencies": {\n    "@modelcontextprotocol/sdk": "^1.20.0",\n    "express": "^5.1.0"\n  }\n}\n';
    const moved = JSON.parse(updateManifest(declared, new Set(['@modelcontextprotocol/server']), [], {}, { '@hono/node-server': '^1.19.0' }, [], undefined, { sdkDependencies: imports })!);
    expect(moved.devDependencies).toEqual({ '@modelcontextprotocol/sdk': '^1.20.0' });
    expect(moved.dependencies['@modelcontextprotocol/sdk']).toBeUndefined();
  });

  it('says a Vite build bundles the v2 packages with their browser shims unless built for Node (trial 31B, dev-mcp)', () => {
    const vite = '{\n  "name": "dev",\n  "scripts": { "build": "tsc --noEmit && vite build" },\n  "dependencies": { "@modelcontextprotocol/sdk": "^1.20.0" },\n  "devDependencies": { "vite": "^7.0.0" }\n}\n';
    const notes: string[] = [];
    updateManifest(vite, new Set(['@modelcontextprotocol/server']), [], {}, {}, notes);
    expect(notes).toEqual([expect.stringMatching(/^this package builds with Vite, which bundles the v2 packages: .* Build for Node \(build\.ssr, or resolve\.conditions with "node"\), or keep @modelcontextprotocol\/\* external/)]);
    // tsc alone, Vite for a dev server only, or an SSR build (for Node already): nothing to say.
    for (const text of [vite.replace('tsc --noEmit && vite build', 'tsc'), vite.replace('"build": "tsc --noEmit && vite build"', '"dev": "vite"'), vite.replace('vite build', 'vite build --ssr src/server.ts')]) {
      const none: string[] = [];
      updateManifest(text, new Set(['@modelcontextprotocol/server']), [], {}, {}, none);
      expect(none).toEqual([]);
    }
  });

  it('puts the v2 packages where the SDK was: a peer dependency stays a peer dependency', () => {
    const before = '{\n  "name": "lib",\n  "peerDependencies": {\n    "@modelcontextprotocol/sdk": "^1.20.0"\n  },\n  "devDependencies": {\n    "@modelcontextprotocol/sdk": "^1.20.0"\n  }\n}\n';
    const after = JSON.parse(updateManifest(before, new Set(['@modelcontextprotocol/server']), [])!);
    expect(after.peerDependencies).toEqual({ '@modelcontextprotocol/server': '^2.4.0' });
    expect(after.dependencies).toBeUndefined();
    // A package that bundles what it uses keeps the SDK among devDependencies only: the v2 ones go there too.
    const bundled = '{\n  "name": "cli",\n  "devDependencies": {\n    "@modelcontextprotocol/sdk": "^1.20.0",\n    "typescript": "^5.9.0"\n  }\n}\n';
    const changes: Change[] = [];
    const moved = JSON.parse(updateManifest(bundled, new Set(['@modelcontextprotocol/server', '@modelcontextprotocol/client']), changes)!);
    expect(moved.dependencies).toBeUndefined();
    expect(moved.devDependencies).toEqual({ '@modelcontextprotocol/client': '^2.4.0', '@modelcontextprotocol/sdk': '^1.20.0', '@modelcontextprotocol/server': '^2.4.0', typescript: '^5.9.0' });
    expect(changes.map((c) => c.description)).toContain('package.json: added @modelcontextprotocol/server@^2.4.0 (dev dependency, as the SDK was)');
  });

  it('adds the v2 packages where the workspace root provides the SDK to a package that declares it nowhere (playwright-core)', async () => {
    const server = [
      "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      "import http from 'node:http';",
      '',
      'http.createServer(async (req, res) => {',
      "  const s = new Server({ name: 'x', version: '1' }, { capabilities: { tools: {} } });",
      '  const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });',
      '  await s.connect(t);',
      '  await t.handleRequest(req, res);',
      '}).listen(3000);',
      '',
    ].join('\n');
    const core = JSON.stringify({ name: 'core', version: '1.0.0' }, null, 2);
    const dir = project({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'], devDependencies: { '@modelcontextprotocol/sdk': '1.29.0' } }, null, 2),
      'packages/core/package.json': core,
      'packages/core/src/http.ts': server,
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(result.files.find((f) => f.file === 'packages/core/src/http.ts')?.after).toMatch(/createMcpHandler/);
    // The published package keeps its manifest; the root gets the v2 packages beside the SDK, which it keeps for the packages this run did not read.
    expect(result.files.find((f) => f.file === 'packages/core/package.json')).toBeUndefined();
    const root = JSON.parse(result.files.find((f) => f.file === 'package.json')!.after);
    expect(root.devDependencies).toEqual({ '@modelcontextprotocol/node': '^2.1.2', '@modelcontextprotocol/sdk': '1.29.0', '@modelcontextprotocol/server': '^2.4.0' });
    expect(root.dependencies).toBeUndefined();
  });

  it('keeps the SDK a runtime dependency while a runtime dependency takes it as a peer, installed or locked (sentry-mcp: agents)', async () => {
    const client = [
      "import { Client } from '@modelcontextprotocol/sdk/client/index.js';",
      '',
      "export const client = new Client({ name: 'chat', version: '1.0.0' });",
      '',
    ].join('\n');
    const agent = "import { AIChatAgent } from 'agents/ai-chat-agent';\n\nexport class Chat extends AIChatAgent {}\n";
    const manifest = (name: string) => JSON.stringify({ name, dependencies: { '@modelcontextprotocol/sdk': '1.30.0', agents: '0.20.1' } }, null, 2);
    const lock = JSON.stringify({ name: 'locked', lockfileVersion: 3, packages: { '': { name: 'locked' }, 'node_modules/agents': { version: '0.20.1', peerDependencies: { '@modelcontextprotocol/sdk': '1.30.0' } } } });
    const dir = project({
      'installed/package.json': manifest('installed'),
      'installed/src/client.ts': client,
      'installed/src/agent.ts': agent,
      'installed/node_modules/agents/package.json': JSON.stringify({ name: 'agents', version: '0.20.1', peerDependencies: { '@modelcontextprotocol/sdk': '1.30.0' } }),
      'locked/package.json': manifest('locked'),
      'locked/package-lock.json': lock,
      'locked/src/client.ts': client,
      'locked/src/agent.ts': agent,
      // A dependency with the SDK as a dependency of its own brings its copy: the SDK leaves the runtime dependencies.
      'own/package.json': manifest('own'),
      'own/src/client.ts': client,
      'own/node_modules/agents/package.json': JSON.stringify({ name: 'agents', version: '0.20.1', dependencies: { '@modelcontextprotocol/sdk': '1.30.0' } }),
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const deps = (pkg: string) => JSON.parse(result.files.find((f) => f.file === `${pkg}/package.json`)!.after);
    for (const pkg of ['installed', 'locked']) {
      expect(deps(pkg).dependencies).toEqual({ '@modelcontextprotocol/client': '^2.4.0', '@modelcontextprotocol/sdk': '1.30.0', agents: '0.20.1' });
      expect(result.errors).toContainEqual({ file: `${pkg}/package.json`, message: expect.stringMatching(/^@modelcontextprotocol\/sdk stays in dependencies .*: agents takes it as a peer dependency/) });
    }
    expect(deps('own').dependencies['@modelcontextprotocol/sdk']).toBeUndefined();
    expect(deps('own').devDependencies['@modelcontextprotocol/sdk']).toBe('1.30.0');
    expect(result.stayedOnV1 ?? []).toEqual([]);
  });

  it('keeps the SDK a runtime dependency while a source file the run did not read still imports it (trial 52C: --exclude, a path, the config include)', async () => {
    const client = ["import { Client } from '@modelcontextprotocol/sdk/client/index.js';", '', "export const client = new Client({ name: 'check', version: '1.0.0' });", ''].join('\n');
    const server = ["import { Client } from '@modelcontextprotocol/sdk/client/index.js';", '', "export const probe = new Client({ name: 'probe', version: '1.0.0' });", ''].join('\n');
    const typesOnly = "import type { Tool } from '@modelcontextprotocol/sdk/types.js';\n\nexport const names = (tools: Tool[]) => tools.map((t) => t.name);\n";
    const manifest = JSON.stringify({ name: 'app', dependencies: { '@modelcontextprotocol/sdk': '^1.29.0' } }, null, 2);
    const dir = project({
      'left/package.json': manifest,
      'left/src/index.ts': server,
      'left/src/self-check.ts': client,
      // Compiled beside its source, which the run rewrites: no source of its own (read-through 68).
      'built/package.json': manifest,
      'built/src/index.ts': server,
      'built/src/index.js': `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nconst index_js_1 = require("@modelcontextprotocol/sdk/client/index.js");\nexports.probe = new index_js_1.Client({ name: 'probe', version: '1.0.0' });\n`,
      // Types only: erased at build time, nothing a production install needs.
      'typed/package.json': manifest,
      'typed/src/index.ts': server,
      'typed/src/names.ts': typesOnly,
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false, exclude: ['left/src/self-check.ts', 'typed/src/names.ts'] });
    const deps = (pkg: string) => JSON.parse(result.files.find((f) => f.file === `${pkg}/package.json`)!.after);
    expect(deps('left').dependencies['@modelcontextprotocol/sdk']).toBe('^1.29.0');
    expect(result.errors).toContainEqual({ file: 'left/package.json', message: expect.stringMatching(/^@modelcontextprotocol\/sdk stays in dependencies .*: left\/src\/self-check\.ts, which this run did not read, still imports it/) });
    expect(deps('built').dependencies['@modelcontextprotocol/sdk']).toBeUndefined();
    expect(deps('typed').dependencies['@modelcontextprotocol/sdk']).toBeUndefined();
    expect(deps('typed').devDependencies['@modelcontextprotocol/sdk']).toBe('^1.29.0');
  });

  it('declares only the v2 packages the run brought into the code, and says a lockfile must follow (Terminal49: a workspace root already on v2)', async () => {
    const lock = JSON.stringify({ name: 'root', lockfileVersion: 3, packages: { '': { name: 'root', workspaces: ['packages/*'] } } });
    const dir = project({
      // Code at the root already on the v2 packages, which resolve through the workspace: a CORS list is all that changes.
      'package.json': JSON.stringify({ name: 'root', private: true, type: 'module', workspaces: ['packages/*'], dependencies: {} }, null, 2),
      'package-lock.json': lock,
      'packages/mcp/package.json': JSON.stringify({ name: '@x/mcp', type: 'module', dependencies: { '@modelcontextprotocol/node': '^2.0.0', '@modelcontextprotocol/server': '^2.0.0' } }, null, 2),
      'api/mcp.ts': [
        "import type { IncomingMessage, ServerResponse } from 'node:http';",
        "import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';",
        "import { toNodeHandler } from '@modelcontextprotocol/node';",
        '',
        'export default function handler(req: IncomingMessage, res: ServerResponse) {',
        "  res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Mcp-Method, Mcp-Name, Mcp-Session-Id');",
        "  return toNodeHandler(createMcpHandler(() => new McpServer({ name: 'root', version: '1.0.0' })))(req, res);",
        '}',
        '',
      ].join('\n'),
      // A v1 package the run moves: its new imports are declared, and the lockfile named.
      'moved/package.json': JSON.stringify({ name: 'moved', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.20.0' } }, null, 2),
      'moved/package-lock.json': JSON.stringify({ name: 'moved', lockfileVersion: 3, packages: { '': { name: 'moved' } } }),
      'moved/src/server.ts': "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\n\nexport const server = new McpServer({ name: 'moved', version: '1.0.0' });\n",
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(result.files.map((f) => f.file).sort()).toEqual(['api/mcp.ts', 'moved/package.json', 'moved/src/server.ts']);
    expect(JSON.parse(result.files.find((f) => f.file === 'moved/package.json')!.after).dependencies).toEqual({ '@modelcontextprotocol/server': '^2.4.0' });
    expect(result.errors).toContainEqual({ file: 'moved/package.json', message: expect.stringMatching(/^the dependencies changed: run `npm install` to bring moved\/package-lock\.json up to date before a frozen install \(`npm ci`\)/) });
    expect(result.errors.filter((e) => e.file === 'package.json')).toEqual([]);
  });

  it("names no lockfile above a package that no workspace there holds: a sample inside another project's repository (trial 19C)", async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'tooling', private: true }),
      'package-lock.json': JSON.stringify({ name: 'tooling', lockfileVersion: 3, packages: { '': { name: 'tooling' } } }),
      'sample/package.json': JSON.stringify({ name: 'sample', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.20.0' } }, null, 2),
      'sample/src/server.ts': "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\n\nexport const server = new McpServer({ name: 'sample', version: '1.0.0' });\n",
    });
    const result = await runFix({ cwd: dir, paths: ['sample'], target: '2026-07-28', dryRun: true, format: false });
    expect(result.files.map((f) => f.file)).toContain('package.json');
    expect(result.errors.filter((e) => /lock/.test(e.message))).toEqual([]);
    // Made a workspace of the root, the root's lockfile is the one to update.
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'tooling', private: true, workspaces: ['sample'] }));
    const member = await runFix({ cwd: dir, paths: ['sample'], target: '2026-07-28', dryRun: true, format: false });
    expect(member.errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/package-lock\.json up to date/));
  });

  it('adds no v2 package the workspace root provides, and takes the version the workspace pins', () => {
    const before = '{\n  "name": "cli",\n  "dependencies": {\n    "@modelcontextprotocol/client": "2.0.0"\n  }\n}\n';
    const changes: Change[] = [];
    const after = JSON.parse(updateManifest(before, new Set(['@modelcontextprotocol/client', '@modelcontextprotocol/core', '@modelcontextprotocol/node']), changes, {}, { '@modelcontextprotocol/node': '2.0.0' })!);
    expect(after.dependencies).toEqual({ '@modelcontextprotocol/client': '2.0.0', '@modelcontextprotocol/core': '2.0.0' });
    expect(changes.map((c) => c.description)).toEqual(['package.json: added @modelcontextprotocol/core@2.0.0 (the version the workspace pins)']);
  });

  it('declares the v2 packages in a package that declared the SDK itself, at the range the workspace root gives them', () => {
    const before = '{\n  "name": "a",\n  "dependencies": {\n    "@modelcontextprotocol/sdk": "^1.32.2",\n    "zod": "^4.2.0"\n  }\n}\n';
    const changes: Change[] = [];
    const root = { '@modelcontextprotocol/node': '^2.1.2', '@modelcontextprotocol/server': '^2.4.0' };
    const after = JSON.parse(updateManifest(before, new Set(['@modelcontextprotocol/server', '@modelcontextprotocol/node']), changes, {}, root)!);
    expect(after.dependencies).toEqual({ zod: '^4.2.0', '@modelcontextprotocol/node': '^2.1.2', '@modelcontextprotocol/server': '^2.4.0' });
    expect(after.devDependencies).toEqual({ '@modelcontextprotocol/sdk': '^1.32.2' });
    expect(changes.map((c) => c.description)).toContain('package.json: added @modelcontextprotocol/server@^2.4.0 (as the workspace root declares it)');
    // A root entry that is a workspace reference is not copied: the package gets the default range.
    const linked = JSON.parse(updateManifest(before, new Set(['@modelcontextprotocol/server']), [], {}, { '@modelcontextprotocol/server': 'workspace:*' })!);
    expect(linked.dependencies['@modelcontextprotocol/server']).toMatch(/^\^2\./);
  });

  it('takes the v2 packages from the pnpm workspace catalog where the SDK came from it, and says which the catalog lacks', () => {
    const yaml = [
      'packages:',
      '  - packages/*',
      '',
      'overrides:',
      '  "@modelcontextprotocol/sdk": 1.30.0',
      '',
      'catalog:',
      '  "@modelcontextprotocol/sdk": 1.30.0',
      "  '@modelcontextprotocol/server': 2.0.0",
      '  # the HTTP adapters',
      '  zod: ^4.2.1',
      '',
      'catalogs:',
      '  legacy:',
      '    "@modelcontextprotocol/node": 2.0.0',
      '',
    ].join('\n');
    const catalog = catalogsOf(yaml);
    expect(Object.fromEntries([...catalog].map(([name, entries]) => [name, Object.fromEntries(entries)]))).toEqual({
      default: { '@modelcontextprotocol/sdk': '1.30.0', '@modelcontextprotocol/server': '2.0.0', zod: '^4.2.1' },
      legacy: { '@modelcontextprotocol/node': '2.0.0' },
    });
    const before = JSON.stringify({ name: 'core', dependencies: { '@modelcontextprotocol/sdk': 'catalog:', zod: 'catalog:' } }, null, 2);
    const changes: Change[] = [];
    const notes: string[] = [];
    const after = JSON.parse(updateManifest(before, new Set(['@modelcontextprotocol/server', '@modelcontextprotocol/node']), changes, {}, {}, notes, catalog)!);
    // The one the catalog lacks takes the version the catalog pins for the v2 packages (one version for all).
    expect(after.dependencies).toEqual({ '@modelcontextprotocol/node': '2.0.0', '@modelcontextprotocol/server': 'catalog:', zod: 'catalog:' });
    expect(notes).toEqual([expect.stringMatching(/^@modelcontextprotocol\/node is not in the pnpm workspace's catalog, from which this package takes @modelcontextprotocol\/sdk: added as 2\.0\.0; add it to the catalog/)]);
    // A package that names its own versions gets a version of its own, the one the catalog pins...
    const own = JSON.parse(updateManifest(JSON.stringify({ name: 'own', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0' } }), new Set(['@modelcontextprotocol/server']), [], {}, {}, [], catalog)!);
    expect(own.dependencies).toEqual({ '@modelcontextprotocol/server': '2.0.0' });
    // ... unless it pins a v2 package itself, which comes first.
    const pinning = JSON.parse(updateManifest(JSON.stringify({ name: 'pin', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', '@modelcontextprotocol/node': '2.1.0' } }), new Set(['@modelcontextprotocol/server', '@modelcontextprotocol/node']), [], {}, {}, [], catalog)!);
    expect(pinning.dependencies['@modelcontextprotocol/server']).toBe('2.1.0');
    // A v2 package taken from the catalog (`catalog:`) pins the one the catalog lacks to its version.
    const mixed = JSON.parse(updateManifest(JSON.stringify({ name: 'web', dependencies: { '@modelcontextprotocol/sdk': 'catalog:', '@modelcontextprotocol/server': 'catalog:' } }), new Set(['@modelcontextprotocol/server', '@modelcontextprotocol/client']), [], {}, {}, [], catalog)!);
    expect(mixed.dependencies['@modelcontextprotocol/client']).toBe('2.0.0');
    // A catalog the workspace does not have: its package gets no reference it cannot resolve, and is told.
    const missingNotes: string[] = [];
    const named = JSON.parse(updateManifest(JSON.stringify({ name: 'old', dependencies: { '@modelcontextprotocol/sdk': 'catalog:v1' } }), new Set(['@modelcontextprotocol/server']), [], {}, {}, missingNotes, catalog)!);
    expect(named.dependencies['@modelcontextprotocol/server']).toBe('2.0.0');
    expect(missingNotes).toEqual([expect.stringMatching(/^this package takes @modelcontextprotocol\/sdk from the pnpm workspace's catalog "v1" \(catalog:v1\), which this run did not find in a pnpm-workspace\.yaml: @modelcontextprotocol\/server added as 2\.0\.0/)]);
    // A quoted version with a space is read whole.
    expect(catalogsOf('catalog:\n  zod: ">=4.2.0 <5"\n').get('default')?.get('zod')).toBe('>=4.2.0 <5');
    // And an unquoted one, up to a comment.
    expect(catalogsOf('catalog:\n  zod: ^3.25.0 || ^4.0.0  # both majors\n').get('default')?.get('zod')).toBe('^3.25.0 || ^4.0.0');
  });

  it("reads pnpm-workspace.yaml's default and named catalogs, quoted or not, with comments, and stops at a line it does not understand", () => {
    const yaml = [
      'packages:',
      '  - packages/*',
      'catalog:   # shared',
      "  '@modelcontextprotocol/sdk': \"^1.21.0\"",
      '  zod: ^3.25.76 # the v1 floor',
      "  'it''s': '1.0.0'",
      '',
      'catalogs:',
      '  # by release line',
      '  prod:',
      '    "@modelcontextprotocol/sdk": ^1.26.0',
      '    zod: ^4.2.1',
      "  'edge':",
      '      zod: ^4.3.0',
      'overrides:',
      '  zod: ^3.0.0',
    ].join('\n');
    const read = (text: string) => Object.fromEntries([...catalogsOf(text)].map(([name, entries]) => [name, Object.fromEntries(entries)]));
    expect(read(yaml)).toEqual({
      default: { '@modelcontextprotocol/sdk': '^1.21.0', zod: '^3.25.76', "it's": '1.0.0' },
      prod: { '@modelcontextprotocol/sdk': '^1.26.0', zod: '^4.2.1' },
      edge: { zod: '^4.3.0' },
    });
    // `default` under catalogs: is the default catalog.
    expect(read('catalogs:\n  default:\n    zod: ^4.2.0\n')).toEqual({ default: { zod: '^4.2.0' } });
    // Not understood (a flow mapping, a block scalar, an alias, an escape, a line out of step): what follows is not read, so that it stays unknown rather than wrong.
    expect(read('catalog: { zod: ^4.2.0 }\n')).toEqual({});
    expect(read('catalog:\n  a: 1.0.0\n  zod: >-\n    ^3.25.0\n  b: 2.0.0\n')).toEqual({ default: { a: '1.0.0' } });
    expect(read('catalog:\n  zod: *v3\n')).toEqual({});
    expect(read('catalog:\n  zod: "^4\\u0032"\n')).toEqual({});
    expect(read('catalogs:\n  prod:\n      zod: ^4.2.0\n    sdk: ^1.0.0\n  next:\n    zod: ^4.3.0\n')).toEqual({ prod: { zod: '^4.2.0' } });
  });

  it('says to raise zod in the named catalog it is taken from', () => {
    const notes: string[] = [];
    const catalogs = catalogsOf("catalogs:\n  prod:\n    '@modelcontextprotocol/sdk': ^1.21.0\n    zod: ^3.25.76\n");
    updateManifest(JSON.stringify({ name: 'vite-plugin-mcp', dependencies: { '@modelcontextprotocol/sdk': 'catalog:prod', zod: 'catalog:prod' } }), new Set(['@modelcontextprotocol/server']), [], {}, {}, notes, catalogs, { importsZod: true });
    expect(notes).toEqual([
      `@modelcontextprotocol/server is not in the pnpm workspace's catalog "prod", from which this package takes @modelcontextprotocol/sdk: added as ^2.4.0; add it to the catalog in pnpm-workspace.yaml and write "catalog:prod" here`,
      `zod ^3.25.76 (catalog:prod) not raised: the v2 packages need zod 4.2 or later (^4.2.0). Raise it by hand in the pnpm workspace's catalog "prod" (pnpm-workspace.yaml) and check the zod 3 APIs this package uses (z.record with one argument, ZodError.errors, .default(undefined))`,
    ]);
  });

  it('says zod is not raised wherever the package declares it: a peer, a dev dependency, from the catalog (supabase-mcp)', () => {
    const catalog = catalogsOf("catalog:\n  '@modelcontextprotocol/sdk': ^1.25.2\n  zod: ^3.25.0 || ^4.0.0\n");
    const notes = (pkg: object) => {
      const out: string[] = [];
      updateManifest(JSON.stringify(pkg), new Set(['@modelcontextprotocol/server']), [], {}, {}, out, catalog, { importsZod: true });
      return out.filter((n) => /^zod /.test(n));
    };
    const sdk = { '@modelcontextprotocol/sdk': 'catalog:' };
    expect(notes({ name: 'utils', peerDependencies: { ...sdk, zod: 'catalog:' }, devDependencies: { ...sdk, zod: 'catalog:' } })).toEqual([expect.stringMatching(/^zod \^3\.25\.0 \|\| \^4\.0\.0 \(catalog:\) not raised: the v2 packages need zod 4\.2 or later/)]);
    expect(notes({ name: 'lib', peerDependencies: { '@modelcontextprotocol/sdk': '^1.25.2', zod: '^3.25.0' } })).toEqual([expect.stringMatching(/^zod \^3\.25\.0 not raised/)]);
    expect(notes({ name: 'dev', devDependencies: { '@modelcontextprotocol/sdk': '^1.25.2', zod: '^4.2.1' } })).toEqual([]);
  });

  it('finds the pnpm workspace catalog above a package a --target 2026-07-28 run moves', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'mono', private: true }, null, 2),
      'pnpm-workspace.yaml': 'packages:\n  - packages/*\ncatalog:\n  "@modelcontextprotocol/sdk": 1.30.0\n  "@modelcontextprotocol/server": 2.0.0\n  zod: ^4.2.1\n',
      'packages/core/package.json': JSON.stringify({ name: 'core', type: 'module', dependencies: { '@modelcontextprotocol/sdk': 'catalog:', zod: 'catalog:' } }, null, 2),
      'packages/core/src/stdio.ts': [
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';",
        '',
        "const server = new McpServer({ name: 'core', version: '1.0.0' });",
        'await server.connect(new StdioServerTransport());',
        '',
      ].join('\n'),
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const manifest = result.files.find((f) => f.file === 'packages/core/package.json');
    expect(JSON.parse(manifest!.after).dependencies['@modelcontextprotocol/server']).toBe('catalog:');
  });

  it('never raises zod: it says the v2 floor, the zod 3 APIs to check, and zod-to-json-schema where the package uses it', () => {
    const imports = new Set(['@modelcontextprotocol/server']);
    const manifest = (extra: Record<string, string> = {}) => JSON.stringify({ name: 'svc', dependencies: { '@modelcontextprotocol/sdk': '^1.20.0', zod: '^3.24.1', ...extra } }, null, 2);
    const changes: Change[] = [];
    const notes: string[] = [];
    const after = JSON.parse(updateManifest(manifest(), imports, changes, {}, {}, notes)!);
    // The SDK still moves and the v2 package is added; zod stays, and the note says why.
    expect(after.dependencies).toEqual({ '@modelcontextprotocol/server': '^2.4.0', zod: '^3.24.1' });
    expect(changes.some((c) => /zod/.test(c.description))).toBe(false);
    expect(notes).toEqual(['zod ^3.24.1 not raised: the v2 packages need zod 4.2 or later (^4.2.0). Raise it by hand and check the zod 3 APIs this package uses (z.record with one argument, ZodError.errors, .default(undefined))']);
    const withConverter: string[] = [];
    updateManifest(manifest({ 'zod-to-json-schema': '^3.24.5' }), imports, [], {}, {}, withConverter);
    expect(withConverter).toHaveLength(1);
    expect(withConverter[0]).toMatch(/zod-to-json-schema, which returns an empty schema for zod 4 types/);
    // A package that hands the SDK no zod schema (a low-level Server, zod-to-json-schema): its zod may stay (trial 25C).
    const own: string[] = [];
    updateManifest(manifest({ 'zod-to-json-schema': '^3.24.5' }), imports, [], {}, {}, own, undefined, { zodSchemasToSdk: false });
    expect(own).toEqual([
      "zod ^3.24.1 left as it is: this package hands the SDK no zod schema (it registers no tool or prompt with one, and its zod takes none of the SDK's schemas), and the v2 packages bring their own zod 4, so it may stay; should you raise it, first check the zod 3 APIs it uses (z.record with one argument, ZodError.errors, .default(undefined)) and move off zod-to-json-schema (it returns an empty schema for zod 4 types; z.toJSONSchema() does not)",
    ]);
    // On zod 4 below the floor: only the floor to raise, no zod 3 APIs to check.
    const four: string[] = [];
    updateManifest(JSON.stringify({ dependencies: { '@modelcontextprotocol/sdk': '^1.20.0', zod: '^4.1.13' } }), imports, [], {}, {}, four);
    expect(four).toEqual(['zod ^4.1.13 not raised: the v2 packages need zod 4.2 or later (^4.2.0); raise it by hand']);
    // At the floor already: nothing to say.
    const current: string[] = [];
    updateManifest(JSON.stringify({ dependencies: { '@modelcontextprotocol/sdk': '^1.20.0', zod: '^4.2.1' } }), imports, [], {}, {}, current);
    expect(current).toEqual([]);
  });

  it("finds where a source's own zod takes the SDK's schemas, and not where it only reads them or uses its own (trial 57C B2)", () => {
    const source = (...lines: string[]) =>
      [
        "import { CallToolRequestSchema, CallToolResultSchema, ToolSchema } from '@modelcontextprotocol/sdk/types.js';",
        "import * as types from '@modelcontextprotocol/sdk/types.js';",
        "import { z, type TypeOf } from 'zod';",
        ...lines,
        '',
      ].join('\n');
    const use = (...lines: string[]) => zodTakesSdkSchemas(source(...lines), 'src/server.ts');
    // Types: z.infer, z.input, z.output, z.TypeOf and a named TypeOf, through the SDK module imported whole, in a union.
    expect(use('type Call = z.infer<typeof CallToolRequestSchema>;')).toEqual({ line: 4, use: 'z.infer<typeof CallToolRequestSchema>' });
    expect(use('', 'let a: z.input<typeof CallToolResultSchema>;')?.line).toBe(5);
    expect(use("type P = z.output<typeof CallToolRequestSchema>['params'];")?.use).toBe('z.output<typeof CallToolRequestSchema>');
    expect(use('type T = z.TypeOf<typeof types.ToolSchema>;')?.use).toBe('z.TypeOf<typeof types.ToolSchema>');
    expect(use('type T = TypeOf<typeof ToolSchema | typeof CallToolResultSchema>;')).toBeDefined();
    expect(use('type Params = z.infer<typeof CallToolRequestSchema.shape.params>;')).toBeDefined();
    // Calls: a zod combinator given an SDK schema, an SDK schema extended with the package's zod.
    expect(use('export const Tools = z.array(ToolSchema);')?.use).toBe('z.array(ToolSchema)');
    expect(use('export const Envelope = z.object({ request: CallToolRequestSchema, at: z.number() });')?.use).toBe('z.object(CallToolRequestSchema)');
    expect(use('export const Tools = z.object({ tools: z.array(types.ToolSchema) });')?.use).toBe('z.array(types.ToolSchema)');
    expect(use('export const Noted = CallToolResultSchema.extend({ note: z.string() });')?.use).toBe('CallToolResultSchema.extend(...)');
    // Look-alikes: its zod on its own schemas, the SDK's schemas read with their own zod, a `z` that is not zod's, zod 4's API from zod 3.25.
    expect(use('const Args = z.object({ term: z.string() });', 'type A = z.infer<typeof Args>;')).toBeUndefined();
    expect(use('export const read = (body: unknown) => CallToolRequestSchema.parse(body);', 'export const ok = CallToolResultSchema.shape.content.safeParse([]).success;')).toBeUndefined();
    expect(use('export const Clean = z.preprocess((v) => CallToolRequestSchema.parse(v), z.unknown());', 'export const Lazy = z.lazy(() => z.string());')).toBeUndefined();
    expect(use('export const names = { CallToolRequestSchema: 1 };', 'export const n = z.object({ ToolSchema: z.string() });')).toBeUndefined();
    expect(use('export const Merged = CallToolResultSchema.extend(types.ToolSchema.shape);')).toBeUndefined();
    const otherZ = "import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';\nimport { z } from './z.js';\nimport 'zod';\ntype Call = z.infer<typeof CallToolRequestSchema>;\n";
    expect(zodTakesSdkSchemas(otherZ)).toBeUndefined();
    const v4 = "import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';\nimport { z } from 'zod/v4';\ntype Call = z.infer<typeof CallToolRequestSchema>;\n";
    expect(zodTakesSdkSchemas(v4)).toBeUndefined();
    // A schema of the package's own named like the SDK's is not the SDK's.
    const local = "import { Server } from '@modelcontextprotocol/sdk/server/index.js';\nimport { z } from 'zod';\nconst CallToolRequestSchema = z.object({});\ntype Call = z.infer<typeof CallToolRequestSchema>;\n";
    expect(zodTakesSdkSchemas(local)).toBeUndefined();
  });

  it('adds a dependencies section at the end when there is none', () => {
    const after = updateManifest('{\n  "name": "x",\n  "private": true\n}', undefined, [], { redis: '^5.0.0' });
    expect(after).toBe('{\n  "name": "x",\n  "private": true,\n  "dependencies": {\n    "redis": "^5.0.0"\n  }\n}');
    expect(updateManifest('{}', undefined, [], { redis: '^5.0.0' })).toBe('{"dependencies":{"redis":"^5.0.0"}}');
    // A manifest on one line gets the new section spaced as the line is (trial 15B: `,"devDependencies":{...}` in a spaced line).
    expect(updateManifest('{ "name": "x", "private": true }\n', undefined, [], { redis: '^5.0.0' })).toBe('{ "name": "x", "private": true, "dependencies": { "redis": "^5.0.0" } }\n');
    expect(updateManifest('{"name":"x","scripts":{"a":"b"}}', undefined, [], { redis: '^5.0.0' })).toBe('{"name":"x","scripts":{"a":"b"},"dependencies":{"redis":"^5.0.0"}}');
  });

  it('lays out a section it edits as the section was: one line stays one line with its spacing, entries keep their own indentation', () => {
    const handWritten = '{\n  "name": "svc",\n  "dependencies": { "@modelcontextprotocol/sdk": "^1.20.0", "express": "^5.1.0" },\n  "devDependencies": {\n      "typescript": "^5.9.0"\n    }\n}\n';
    const after = updateManifest(handWritten, new Set(['@modelcontextprotocol/server', '@modelcontextprotocol/node']), [])!;
    expect(after).toBe(
      '{\n  "name": "svc",\n  "dependencies": { "@modelcontextprotocol/node": "^2.1.2", "@modelcontextprotocol/server": "^2.4.0", "express": "^5.1.0" },\n  "devDependencies": {\n      "@modelcontextprotocol/sdk": "^1.20.0",\n      "typescript": "^5.9.0"\n    }\n}\n',
    );
    // Tight spacing is kept too.
    const tight = '{\n  "name": "svc",\n  "dependencies": {"@modelcontextprotocol/sdk":"^1.20.0"}\n}\n';
    expect(updateManifest(tight, undefined, [], { redis: '^5.0.0' })).toBe('{\n  "name": "svc",\n  "dependencies": {"@modelcontextprotocol/sdk":"^1.20.0","redis":"^5.0.0"}\n}\n');
  });

  it("keeps the manifest's line endings and one-line layout, and edits the section JSON.parse reads", () => {
    const crlf = '{\r\n  "name": "x",\r\n  "dependencies": {\r\n    "a": "1"\r\n  }\r\n}\r\n';
    expect(updateManifest(crlf, undefined, [], { redis: '^5.0.0' })).toBe('{\r\n  "name": "x",\r\n  "dependencies": {\r\n    "a": "1",\r\n    "redis": "^5.0.0"\r\n  }\r\n}\r\n');
    expect(updateManifest('{"name":"x","dependencies":{"a":"1"}}', undefined, [], { redis: '^5.0.0' })).toBe('{"name":"x","dependencies":{"a":"1","redis":"^5.0.0"}}');
    const twice = '{\n  "dependencies": { "a": "1" },\n  "dependencies": { "b": "2" }\n}\n';
    const after = updateManifest(twice, undefined, [], { redis: '^5.0.0' })!;
    expect(JSON.parse(after).dependencies).toEqual({ b: '2', redis: '^5.0.0' });
  });
});

describe('fix --target 2026-07-28: a tool() whose description or shape another module holds (trial 31B)', () => {
  const manifest = JSON.stringify({ name: 'greeter', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.24.0', zod: '^4.3.6' } });
  /** A server module registering its tools with `imports` on top. */
  const server = (imports: string[], tools: string[]) =>
    [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      ...imports,
      '',
      'export function createServer() {',
      "  const server = new McpServer({ name: 'greeter', version: '1.0.0' });",
      ...tools.map((t) => `  ${t}`),
      '  return server;',
      '}',
      '',
    ].join('\n');
  const greet = "server.tool('greet', GREET_DESCRIPTION, GreetParamsShape, async ({ name }) => ({ content: [{ type: 'text', text: `hello ${name}` }] }));";
  const constants = "const PREFIX = 'Say hello';\nexport const GREET_DESCRIPTION = PREFIX + ' to someone';\nexport const PING_DESCRIPTION = ['Answers pong.', 'Use it to check the server.'].join('\\n');\n";
  const schemas = "import { z } from 'zod';\nexport const GreetParamsShape = { name: z.string().describe('who to greet') };\nexport const GreetSchema = z.object(GreetParamsShape);\nexport const TOOLS = { hello: { description: 'Says hi', shape: { who: z.string() } } };\n";

  it('moves it with the imported description as its description and the imported shape as its input schema', async () => {
    const dir = project({
      'package.json': manifest,
      'src/constants.ts': constants,
      'src/schemas.ts': schemas,
      'src/server.ts': server(["import { GREET_DESCRIPTION } from './constants.js';", "import { GreetParamsShape } from './schemas.js';"], [greet]),
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(result.stayedOnV1).toEqual([]);
    const file = result.files.find((f) => f.file === 'src/server.ts')!;
    // Not `{ inputSchema: GREET_DESCRIPTION, annotations: GreetParamsShape }`: 13 type errors, and tools/list failed.
    expect(file.after).toContain("server.registerTool('greet', { description: GREET_DESCRIPTION, inputSchema: GreetParamsShape }, async ({ name }) => ({");
    expect(file.after).not.toMatch(/inputSchema: GREET_DESCRIPTION|annotations: GreetParamsShape/);
    // The official codemod's doubt ("no change is needed if it already is one") said as what it is.
    expect(file.markers.map((m) => m.message)).toEqual([expect.stringMatching(/^official v1→v2 codemod: GreetParamsShape is a raw shape \(an object of zod types, made in another module of this package\), which the v2 packages still take but deprecate: the tool works as it is/)]);
  });

  it('moves a description chosen by a conditional as the description, beside a shape another module holds; one whose branches no file shows keeps the file on v1 (trial 46B B1)', async () => {
    const defs = "import { z } from 'zod';\nexport const tools = { greet: { description: (t: number) => `Greets (timeout ${t}s)`, schema: { name: z.string() } } };\n";
    const chosen = "server.tool('greet', typeof tools.greet.description === 'function' ? tools.greet.description(30) : tools.greet.description, tools.greet.schema, async ({ name }) => ({ content: [{ type: 'text', text: `hi ${name}` }] }));";
    const dir = project({ 'package.json': manifest, 'src/defs.ts': defs, 'src/server.ts': server(["import { tools } from './defs.js';"], [chosen]) });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(result.stayedOnV1).toEqual([]);
    const after = result.files.find((f) => f.file === 'src/server.ts')!.after;
    // Not `{ inputSchema: <the conditional>, annotations: tools.greet.schema }`, which tsc refused.
    expect(after).toContain("server.registerTool('greet', { description: typeof tools.greet.description === 'function' ? tools.greet.description(30) : tools.greet.description, inputSchema: tools.greet.schema }");
    // Branches and schema from a package this run cannot read: v1 tells them apart by value, so the file stays.
    const unseen = server(["import { texts, shapes } from '@acme/tool-texts';"], ["server.tool('greet', process.env.SHORT ? texts.short : texts.long, shapes.greet, async ({ name }) => ({ content: [{ type: 'text', text: `hi ${name}` }] }));"]);
    const held = await runFix({ cwd: project({ 'package.json': manifest, 'src/server.ts': unseen }), target: '2026-07-28', dryRun: true, format: false });
    expect(held.stayedOnV1).toEqual(['package.json']);
    expect(held.files.find((f) => f.file === 'src/server.ts')?.after ?? '').not.toMatch(/inputSchema: process\.env/);
    expect(held.errors.map((e) => e.message)).toEqual([expect.stringContaining('which this run cannot see (a choice between values it cannot read)')]);
  });

  it('counts a 2025 transport taken through a re-export module the run moves to the v2 packages as not yet on 2026-07-28 (trial 46C B1)', async () => {
    const app = [
      "import { Hono } from 'hono';",
      "import { McpServer, WebStandardStreamableHTTPServerTransport } from './mcp.js';",
      'const app = new Hono();',
      "app.all('/mcp', async (c) => {",
      "  const key = c.req.header('x-api-key') ?? '';",
      "  const server = new McpServer({ name: 'r1', version: '1.0.0' });",
      "  server.registerTool('ping', { description: 'ping' }, async () => ({ content: [{ type: 'text', text: `pong ${key.length}` }] }));",
      '  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });',
      '  await server.connect(transport);',
      '  return transport.handleRequest(c.req.raw);',
      '});',
      'export default app;',
      '',
    ].join('\n');
    const reexports = "export { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';\n";
    const dir = project({ 'package.json': manifest, 'src/mcp.ts': reexports, 'src/app.ts': app });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(result.files.find((f) => f.file === 'src/mcp.ts')?.after).toContain("from '@modelcontextprotocol/server'");
    const { legacy, legacyOf } = notYetOn2026(result);
    expect(legacy.map((f) => `${f.file}: ${legacyOf(f)}`)).toEqual(['src/app.ts: WebStandardStreamableHTTPServerTransport']);
  });

  it("wraps a registerTool's output shape held in another module beside an input schema the official codemod wraps: v2 takes raw shapes only beside raw ones (trial 33A, monize: 36 type errors)", async () => {
    const dir = project({
      'package.json': manifest,
      'src/schemas.ts': "import { z } from 'zod';\nexport const WhoOutput = { user: z.string() };\n",
      'src/server.ts': server(
        ["import { WhoOutput } from './schemas.js';"],
        ["server.registerTool('whoami', { inputSchema: {}, outputSchema: WhoOutput }, async () => ({ content: [{ type: 'text', text: 'x' }], structuredContent: { user: 'x' } }));"],
      ),
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(result.stayedOnV1).toEqual([]);
    const file = result.files.find((f) => f.file === 'src/server.ts')!;
    expect(file.after).toContain("server.registerTool('whoami', { inputSchema: z.object({}), outputSchema: z.object(WhoOutput) }, async () =>");
    // Nothing left to verify or to do later: the schema is the one v1 built.
    expect(file.markers.filter((m) => /WhoOutput|Could not verify/.test(m.message))).toEqual([]);
  });

  it('wraps only the imported raw shape: not a local that shadows its name, nor one cast to any', async () => {
    const dir = project({
      'package.json': manifest,
      'src/schemas.ts': "import { z } from 'zod';\nexport const WhoOutput = { user: z.string() };\n",
      'src/server.ts': server(
        ["import { z } from 'zod';", "import { WhoOutput } from './schemas.js';"],
        [
          "server.registerTool('who', { inputSchema: z.object({}), outputSchema: WhoOutput as any }, async () => ({ content: [] }));",
          "const add = (WhoOutput: z.ZodObject<z.ZodRawShape>) => server.registerTool('other', { inputSchema: z.object({}), outputSchema: WhoOutput }, async () => ({ content: [] }));",
          "add(z.object({ user: z.string() }));",
        ],
      ),
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const after = result.files.find((f) => f.file === 'src/server.ts')!.after;
    expect(after).toContain('outputSchema: WhoOutput as any }');
    expect(after).toContain("server.registerTool('other', { inputSchema: z.object({}), outputSchema: WhoOutput }");
    expect(after).not.toMatch(/outputSchema: z\.object\(WhoOutput/);
  });

  it('moves an SDK module imported by its declaration file (index.d.ts) as the module it types (trial 33B, fastify-mcp)', async () => {
    const dir = project({
      'package.json': manifest,
      'src/types.ts': "import type { Server } from '@modelcontextprotocol/sdk/server/index.d.ts';\n\nexport type ServerFactory = () => Server;\n",
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(result.stayedOnV1).toEqual([]);
    expect(result.files.find((f) => f.file === 'src/types.ts')!.after).toContain("import type { Server } from '@modelcontextprotocol/server';");
  });

  it("keeps its own marker on a tool beside the official codemod's marker on the same statement (trial 33A, monize: 19 tools' markers gone)", async () => {
    const dir = project({
      'package.json': manifest,
      'src/server.ts': server(
        [],
        ["server.registerTool('save', { description: 'Save' }, async (_args, extra) => {", '  const ctx = `/tmp/${extra.sessionId}.json`;', "  return { content: [{ type: 'text', text: ctx }] };", '});'],
      ),
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    const messages = result.files.find((f) => f.file === 'src/server.ts')!.markers.map((m) => m.message);
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^official v1→v2 codemod: Cannot rename 'extra' to 'ctx'/), expect.stringMatching(/did not rewrite this stateful-tool finding: Tool "save" depends on the MCP session id/)]));
  });

  it('follows a barrel, a namespace import, an exported object and lines joined, and a description whose shape shows it', async () => {
    const dir = project({
      'package.json': manifest,
      'src/texts/constants.ts': constants + "export const COMPUTED_DESCRIPTION = describe('computed');\nfunction describe(what: string) { return `A ${what} tool`; }\n",
      'src/texts/index.ts': "export * from './constants.js';\n",
      'src/schemas.ts': schemas,
      'src/server.ts': server(
        ["import { COMPUTED_DESCRIPTION, PING_DESCRIPTION } from './texts/index.js';", "import * as texts from './texts/constants.js';", "import { GreetParamsShape, GreetSchema, TOOLS } from './schemas.js';"],
        [
          "server.tool('greet', texts.GREET_DESCRIPTION, GreetSchema, async ({ name }) => ({ content: [{ type: 'text', text: `hello ${name}` }] }));",
          "server.tool('ping', PING_DESCRIPTION, async () => ({ content: [{ type: 'text', text: 'pong' }] }));",
          "server.tool('hello', TOOLS.hello.description, TOOLS.hello.shape, async ({ who }) => ({ content: [{ type: 'text', text: `hi ${who}` }] }));",
          "server.tool('computed', COMPUTED_DESCRIPTION, GreetParamsShape, async ({ name }) => ({ content: [{ type: 'text', text: name }] }));",
        ],
      ),
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(result.stayedOnV1).toEqual([]);
    const after = result.files.find((f) => f.file === 'src/server.ts')!.after;
    expect(after).toContain("server.registerTool('greet', { description: texts.GREET_DESCRIPTION, inputSchema: GreetSchema }, async ({ name }) =>");
    expect(after).toContain("server.registerTool('ping', { description: PING_DESCRIPTION }, async () =>");
    expect(after).toContain("server.registerTool('hello', { description: TOOLS.hello.description, inputSchema: TOOLS.hello.shape }, async ({ who }) =>");
    // A value computed: the shape after it shows it is the description.
    expect(after).toContain("server.registerTool('computed', { description: COMPUTED_DESCRIPTION, inputSchema: GreetParamsShape }, async ({ name }) =>");
    // A zod object another module makes needs no check.
    expect(result.files.find((f) => f.file === 'src/server.ts')!.markers.some((m) => /Could not verify/.test(m.message))).toBe(false);
  });

  it('keeps the file on v1, named with why, where the description comes from a package and nothing tells it from a schema', async () => {
    const dir = project({
      'package.json': manifest,
      'src/server.ts': server(["import { GREET_DESCRIPTION, GreetParamsShape } from '@acme/greeter-texts';"], [greet]),
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(result.stayedOnV1).toEqual(['package.json']);
    const why = result.errors.find((e) => /stays on SDK v1/.test(e.message))!.message;
    expect(why).toMatch(
      /src\/server\.ts:6 cannot move to the v2 packages \(server\.tool\('greet', GREET_DESCRIPTION, GreetParamsShape, \.\.\.\): v1 reads GREET_DESCRIPTION as the description \(tool\(name, description, paramsSchema, cb\)\) or the input schema \(tool\(name, paramsSchema, annotations, cb\)\) by its value, which this run cannot see \(imported from the package '@acme\/greeter-texts'\), so the official v1→v2 codemod would guess/,
    );
    expect(why).toContain("write server.registerTool('greet', { description: GREET_DESCRIPTION, inputSchema: GreetParamsShape }, handler), or { inputSchema: GREET_DESCRIPTION, annotations: GreetParamsShape } if it is a schema");
    expect(result.files.some((f) => /registerTool|@modelcontextprotocol\/server/.test(f.after))).toBe(false);
  });
});

describe('a question the handshake guards, whose other side says yes', () => {
  it('is marked as skipped for 2026-07-28 callers, who go on as if they had agreed (trial 32B)', async () => {
    const server = [
      ...EXPRESS_SESSION_IMPORTS,
      '',
      'const transports: Record<string, StreamableHTTPServerTransport> = {};',
      'function build() {',
      "  const server = new McpServer({ name: 'x', version: '1.0.0' });",
      "  server.registerTool('wipe', { description: 'Wipe' }, async () => {",
      '    let go = true;',
      '    if (server.server.getClientCapabilities()?.elicitation) {',
      "      const answer = await server.server.elicitInput({ message: 'Wipe?', requestedSchema: { type: 'object', properties: {} } });",
      "      go = answer.action === 'accept';",
      '    }',
      "    return { content: [{ type: 'text', text: go ? 'wiped' : 'kept' }] };",
      '  });',
      "  server.registerTool('ask', { description: 'Ask' }, async () => {",
      "    const answer = await server.server.elicitInput({ message: 'Name?', requestedSchema: { type: 'object', properties: {} } });",
      "    return { content: [{ type: 'text', text: answer.action }] };",
      '  });',
      '  return server;',
      '}',
      'const app = express();',
      'app.use(express.json());',
      "app.post('/mcp', async (req, res) => {",
      "  const sid = req.headers['mcp-session-id'] as string | undefined;",
      '  let transport: StreamableHTTPServerTransport;',
      '  if (sid && transports[sid]) {',
      '    transport = transports[sid];',
      '  } else if (!sid && isInitializeRequest(req.body)) {',
      '    transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (id) => { transports[id] = transport; } });',
      '    await build().connect(transport);',
      '  } else {',
      '    res.status(400).end();',
      '    return;',
      '  }',
      '  await transport.handleRequest(req, res, req.body);',
      '});',
      '',
    ].join('\n');
    const dir = project({ 'package.json': JSON.stringify({ name: 'svc', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0' } }), 'src/server.ts': server });
    const result = await runFix({ cwd: dir, dryRun: true, format: false });
    const asks = result.files.find((f) => f.file === 'src/server.ts')!.markers.filter((m) => /elicitInput\(\) asks the client mid-call/.test(m.message));
    expect(asks.map((m) => m.line).length).toBe(2);
    const [guarded, plain] = asks.sort((a, b) => a.line - b.line);
    expect(guarded.message).toContain("behind `server.server.getClientCapabilities()?.elicitation` it is skipped, and the caller goes on with `true` as if it had agreed, so nothing is confirmed");
    expect(plain.message).not.toContain('as if it had agreed');
  });
});

describe('the install a changed manifest asks for', () => {
  it("names the package manager the lockfile is yarn's (trial 32B: told to update package-lock.json beside yarn.lock)", async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'svc', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.20.0' } }, null, 2),
      'yarn.lock': '# yarn lockfile v1\n',
      'src/server.ts': "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\n\nexport const server = new McpServer({ name: 'svc', version: '1.0.0' });\n",
    });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(result.errors).toContainEqual({ file: "package.json", message: "the dependencies changed: run `yarn install` to bring yarn.lock up to date before a frozen install (`yarn install --frozen-lockfile`) in CI" });
    // Yarn Berry's lockfile (a __metadata block) takes --immutable.
    fs.writeFileSync(path.join(dir, 'yarn.lock'), '__metadata:\n  version: 8\n');
    const berry = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(berry.errors).toContainEqual({ file: 'package.json', message: 'the dependencies changed: run `yarn install` to bring yarn.lock up to date before a frozen install (`yarn install --immutable`) in CI' });
  });
});

describe('state kept under the session\'s transport object (trial 78B B1)', () => {
  // The repro's shape: a cart in a WeakMap keyed by the transport each session's server is built
  // with. Made per request, the transport would be a new object on every call: add_item would
  // never find the cart create_cart made, even on one instance.
  const server = [
    "import { randomUUID } from 'node:crypto';",
    "import express from 'express';",
    "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
    "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
    "import { z } from 'zod';",
    '',
    'const carts = new WeakMap<StreamableHTTPServerTransport, string[]>();',
    'const transports = new Map<string, StreamableHTTPServerTransport>();',
    '',
    'function buildServer(transport: StreamableHTTPServerTransport): McpServer {',
    "  const server = new McpServer({ name: 'shop', version: '1.0.0' });",
    "  server.registerTool('create_cart', { inputSchema: {} }, async () => {",
    '    carts.set(transport, []);',
    "    return { content: [{ type: 'text', text: 'Cart created.' }] };",
    '  });',
    "  server.registerTool('add_item', { inputSchema: { sku: z.string() } }, async ({ sku }) => {",
    '    const cart = carts.get(transport);',
    "    if (!cart) return { isError: true, content: [{ type: 'text', text: 'Call create_cart first.' }] };",
    '    cart.push(sku);',
    "    return { content: [{ type: 'text', text: cart.join(', ') }] };",
    '  });',
    '  return server;',
    '}',
    '',
    'const app = express();',
    'app.use(express.json());',
    "app.post('/mcp', async (req, res) => {",
    "  const sid = req.headers['mcp-session-id'] as string | undefined;",
    '  let transport = sid ? transports.get(sid) : undefined;',
    '  if (!transport) {',
    '    if (sid || !isInitializeRequest(req.body)) {',
    "      res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });",
    '      return;',
    '    }',
    '    const t = new StreamableHTTPServerTransport({',
    '      sessionIdGenerator: () => randomUUID(),',
    '      onsessioninitialized: (id) => {',
    '        transports.set(id, t);',
    '      },',
    '    });',
    '    t.onclose = () => {',
    '      if (t.sessionId) transports.delete(t.sessionId);',
    '    };',
    '    await buildServer(t).connect(t);',
    '    transport = t;',
    '  }',
    '  await transport.handleRequest(req, res, req.body);',
    '});',
    'app.listen(3000);',
    '',
  ].join('\n');
  const manifest = JSON.stringify({ name: 'shop', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.1.0', zod: '^4.2.0' } }, null, 2) + '\n';

  it.each([[[] as string[]], [['--target', '2026-07-28']]])('does not make the transport per request while the cart stays keyed by it (%j)', (extra) => {
    const dir = project({ 'src/server.ts': server, 'package.json': manifest });
    const r = fix(dir, '--no-format', ...extra, '.');
    expect(r.code).toBe(1);
    const said = `${r.stdout}${r.stderr}`;
    expect(said).toMatch(/making (its transport|the transport of src\/server\.ts) stateless would leave state keyed by the session's transport object \(src\/server\.ts:8\): with a transport made for each request, that object is a new one on every request, so no call would find what an earlier one left, even on one instance; not moved by explicit-handles: carts is keyed here by transport, the session's transport object, not a read of its id/);
    expect(said).not.toMatch(/shared by every caller/);
    // The code as it was, with one marker at the cart that says why.
    const written = fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8').split('\n');
    const markers = findMarkers(written);
    expect(withoutMarkers(written, markers).join('\n')).toBe(server);
    expect(markers.map((m) => [written[m.line - 1 + m.lines], /made stateless, each request would have a new transport, so no call would find what an earlier one left there/.test(m.text)])).toEqual([['const carts = new WeakMap<StreamableHTTPServerTransport, string[]>();', true]]);
    expect(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe(manifest);
  });
});
