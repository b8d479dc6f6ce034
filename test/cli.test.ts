/**
 * The CLI as a user and as CI see it: exit codes, output formats, colours, bad input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../src/rules/index.js';
import { spawnSync } from 'node:child_process';
import { BIN, REPO, cacheHome, isRoot, runCli, tempDirs } from './helpers/cli.js';

const SAMPLE = path.join(REPO, 'fixtures/sample-server');
const ANSI = /\x1b\[[0-9;]*m/;
const { tree, repo, dir: emptyDir } = tempDirs();

const STATELESS_SERVER = `
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const server = new McpServer({ name: 'stateless', version: '1.0.0' });
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => { transport.close(); server.close(); });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
`;

const SESSION_READ = `export const sid = (req: { headers: Record<string, string> }) => req.headers['mcp-session-id'];\n`;

describe('scan: exit codes and JSON', () => {
  it('reports the sample server as JSON with the documented schema and exits 1', () => {
    const r = runCli(['scan', SAMPLE, '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.schemaVersion).toBe(1);
    expect(json.tool).toEqual({ name: 'mcp-migrate', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(json.root).toBe(SAMPLE.split(path.sep).join('/'));
    expect(json.errors).toEqual([]);
    const categories = new Set(json.findings.map((f: { category: string }) => f.category));
    for (const c of ['session-header', 'initialize-gate', 'session-map', 'session-state', 'stateful-tool', 'sticky-lb-config']) expect(categories).toContain(c);
    for (const f of json.findings) {
      expect(Object.keys(f).sort()).toEqual(
        expect.arrayContaining(['category', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'ruleId', 'severity', 'snippet']),
      );
      expect(f.file).not.toMatch(/\\|^\//);
      expect(f.line).toBeGreaterThan(0);
    }
    const tools = json.findings.filter((f: { category: string }) => f.category === 'stateful-tool').map((f: { tool: string }) => f.tool).sort();
    expect(tools).toEqual(['add_item', 'checkout', 'view_cart']);
    expect(json.summary.findings).toBe(json.findings.length);
    expect(json.summary.bySeverity.error + json.summary.bySeverity.warning + json.summary.bySeverity.info).toBe(json.findings.length);
  });

  it('exits 0 on a stateless server and says so, and that SDK v1 still speaks 2025 revisions only', () => {
    const dir = tree({ 'server.ts': STATELESS_SERVER });
    const r = runCli(['scan', dir]);
    expect(r.stdout).toContain('No stateful assumptions found');
    expect(r.stdout).toContain('1 file imports the server API of @modelcontextprotocol/sdk v1, which speaks 2025 revisions only');
    expect(r.code).toBe(0);
    const json = JSON.parse(runCli(['scan', dir, '--format', 'json']).stdout);
    expect(json.summary.sdkV1ServerFiles).toBe(1);
    expect(json.findings).toEqual([]);
    // The v2 packages, and a client of v1, are not counted.
    const v2 = STATELESS_SERVER.replace("import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';", "import { McpServer } from '@modelcontextprotocol/server';").replace(/^import \{ StreamableHTTPServerTransport \}.*$/m, '');
    const client = "import { Client } from '@modelcontextprotocol/sdk/client/index.js';\nexport const client = new Client({ name: 'c', version: '1.0.0' });\n";
    // A client's UI taking a type from a server module serves nothing either.
    const ui = "import type { SchemaOutput } from '@modelcontextprotocol/sdk/server/zod-compat.js';\nimport { client } from './client.js';\nexport type Out = SchemaOutput<never>;\nexport const c = client;\n";
    const other = tree({ 'server.ts': v2, 'client.ts': client, 'ui.ts': ui });
    const r2 = runCli(['scan', other, '--format', 'json']);
    expect(JSON.parse(r2.stdout).summary.sdkV1ServerFiles).toBe(0);
    expect(runCli(['scan', other]).stdout).not.toContain('sdk v1');
    // Several are named, a few of them, and listed in the JSON (which packages of a monorepo, trial 28A).
    const many = tree({ 'packages/a/server.ts': STATELESS_SERVER, 'packages/b/server.ts': STATELESS_SERVER, 'packages/c/server.ts': STATELESS_SERVER, 'packages/d/server.ts': STATELESS_SERVER, 'packages/e/server.ts': v2 });
    expect(runCli(['scan', many]).stdout).toContain('4 files (packages/a/server.ts, packages/b/server.ts, packages/c/server.ts, and 1 more) import the server API of @modelcontextprotocol/sdk v1');
    expect(JSON.parse(runCli(['scan', many, '--format', 'json']).stdout).sdkV1Files).toEqual(['packages/a/server.ts', 'packages/b/server.ts', 'packages/c/server.ts', 'packages/d/server.ts']);
  });

  it("takes a server a generator's template writes out for a string: no v1 import counted, no transport in the report (openapi-mcp-generator)", () => {
    const template = [
      "// Writes the HTTP entry point of each generated project.",
      'export function httpEntry(port: number): string {',
      '  return `',
      "import express from 'express';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      'const transports: Record<string, StreamableHTTPServerTransport> = {};',
      'const app = express();',
      "app.post('/mcp', async (req, res) => {",
      "  const sid = req.headers['mcp-session-id'] as string;",
      '  const transport = transports[sid] ?? new StreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });',
      '  await transport.handleRequest(req, res, req.body);',
      '});',
      'app.listen(${port});',
      '`;',
      '}',
      '',
    ].join('\n');
    const dir = tree({ 'src/generator/http.ts': template });
    const json = JSON.parse(runCli(['scan', dir, '--format', 'json']).stdout);
    expect(json.findings).toEqual([]);
    expect(json.summary.sdkV1ServerFiles).toBe(0);
    expect(runCli(['scan', dir]).stdout).not.toContain('sdk v1');
    const out = path.join(dir, 'report.md');
    expect(runCli(['report', dir, '-o', out]).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/\| Transport \| not detected \|/);
    // The same file with an import of its own is counted, template or not.
    const serving = tree({ 'src/generator/http.ts': `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const server = new McpServer({ name: 'g', version: '1.0.0' });\n${template}` });
    expect(JSON.parse(runCli(['scan', serving, '--format', 'json']).stdout).summary.sdkV1ServerFiles).toBe(1);
  });

  it('does not count a copy of the SDK as something fix rewrites in the report (fix leaves its folder)', () => {
    const copy = path.join(REPO, 'fixtures/scan/protocol-pin/project-sdk-copy/src');
    const listFiles = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(d, e.name)) : [path.join(d, e.name)]));
    const dir = tree(Object.fromEntries(listFiles(copy).map((file) => [path.join('src', path.relative(copy, file)).split(path.sep).join('/'), fs.readFileSync(file, 'utf8')])));
    const json = JSON.parse(runCli(['scan', dir, '--format', 'json']).stdout);
    expect(json.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('sdk-copy');
    const out = path.join(dir, 'report.md');
    runCli(['report', dir, '-o', out]);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/\| 2025-only protocol pins \(`protocol-pin`\) \|[^\n]*\| 0 \|\n/);
  });

  it('honours --fail-on', () => {
    const dir = tree({ 'nginx.conf': 'upstream a {\n  ip_hash;\n  server 127.0.0.1:1;\n}\n' });
    expect(runCli(['scan', dir]).code).toBe(0); // a warning is below the default threshold (error)
    expect(runCli(['scan', dir, '--fail-on', 'warning']).code).toBe(1);
    expect(runCli(['scan', SAMPLE, '--fail-on', 'none']).code).toBe(0);
    const bad = runCli(['scan', dir, '--fail-on', 'loud']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/expected error, warning, info or none/);
  });

  it('exits 2 with one line for a missing path, without a stack trace', () => {
    const r = runCli(['scan', 'does/not/exist']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('mcp-migrate: does/not/exist: no such file or directory');
    expect(r.stdout).toBe('');
  });

  it('exits 2 for unknown options and when nothing could be scanned', () => {
    const unknown = runCli(['scan', '--frobnicate']);
    expect(unknown.code).toBe(2);
    // The hint names the help of the command the option was given to.
    expect(unknown.stderr).toMatch(/\(run mcp-migrate scan --help for usage\)/);
    const empty = tree({ 'README.md': '# nothing to scan here\n' });
    const r = runCli(['scan', empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no TypeScript\/JavaScript or deployment config files found/);
  });

  it('exits 2 with one line for a negated exclude glob, from the command line or the configuration (it would leave out every other file; trial 17B)', () => {
    const dir = tree({ 'src/gen/a.ts': 'export const a = 1;\n', 'src/main.ts': 'export const b = 2;\n' });
    const flag = runCli(['scan', '--exclude', 'src/gen/**', '--exclude', '!src/gen/a.ts'], { cwd: dir });
    expect(flag.code).toBe(2);
    expect(flag.stderr.trim()).toBe("mcp-migrate: exclude globs take no negation (!src/gen/a.ts): to keep files an exclude glob leaves out, narrow that glob, or subtract with a negated include (--include '**/*' --include '!src/gen/a.ts')");
    // What it advises does what it says, as typed (trial 19C: the advice's second glob read as a path).
    const advised = runCli(['scan', '--format', 'json', '--fail-on', 'none', '--include', '**/*', '--include', '!src/gen/a.ts'], { cwd: dir });
    expect(advised.code).toBe(0);
    expect(JSON.parse(advised.stdout).summary.filesMatched).toBe(1);
    fs.writeFileSync(path.join(dir, 'mcp-migrate.config.json'), JSON.stringify({ exclude: ['!src/main.ts'] }));
    expect(runCli(['check'], { cwd: dir }).code).toBe(2);
  });

  it('says a tree with nothing to scan holds Python, which is not scanned yet (trial 19C)', () => {
    const dir = tree({ 'server/main.py': 'from fastmcp import FastMCP\n', 'README.md': '# py\n' });
    const r = runCli(['scan'], { cwd: dir });
    expect([r.code, r.stderr.trim()]).toEqual([2, 'mcp-migrate: no TypeScript/JavaScript or deployment config files found under . (it holds Python: Python servers, FastMCP among them, are not scanned yet)']);
  });

  it('says that files the include globs select are test code, not that the globs left them out (trial 19C)', () => {
    const dir = tree({ 'tests/a.test.ts': SESSION_READ, 'src/b.ts': 'export const b = 1;\n' });
    const r = runCli(['scan', '--include', 'tests/**'], { cwd: dir });
    expect([r.code, r.stderr.trim()]).toEqual([2, 'mcp-migrate: the one TypeScript/JavaScript or deployment config file the include globs select under . is test code, skipped by default (--include-tests scans it)']);
    expect(runCli(['scan', '--include', 'tests/**', '--include-tests', '--fail-on', 'none'], { cwd: dir }).code).toBe(0);
  });

  it('with nothing to scan, says why in one line and writes no result: scan, report, check and fix exit 2', () => {
    const dir = repo({ 'README.md': '# nothing to scan here\n' });
    for (const args of [['scan'], ['scan', '--format', 'json'], ['check'], ['report', '-o', 'MIGRATION.md'], ['fix'], ['fix', '--dry-run']]) {
      const r = runCli(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr, args.join(' ')).toBe('mcp-migrate: no TypeScript/JavaScript or deployment config files found under .\n');
    }
    expect(fs.existsSync(path.join(dir, 'MIGRATION.md'))).toBe(false);
  });

  it('says when the files are there but all excluded, or all test code', () => {
    const dir = tree({ 'src/a.ts': SESSION_READ, 'src/b.ts': SESSION_READ });
    const excluded = runCli(['scan', '--exclude', 'src/**'], { cwd: dir });
    expect(excluded.code).toBe(2);
    expect(excluded.stdout).toBe('');
    expect(excluded.stderr).toBe('mcp-migrate: all 2 TypeScript/JavaScript or deployment config files under . are excluded by the include/exclude globs (command line or configuration)\n');
    const tests = runCli(['scan'], { cwd: tree({ 'server.test.ts': SESSION_READ }) });
    expect(tests.code).toBe(2);
    expect(tests.stderr).toBe('mcp-migrate: the one TypeScript/JavaScript or deployment config file under . is test code, skipped by default (--include-tests scans it)\n');
    const fix = runCli(['fix', '--dry-run', '--include', 'lib/**'], { cwd: dir });
    expect(fix.code).toBe(2);
    expect(fix.stderr).toMatch(/^mcp-migrate: all 2 TypeScript\/JavaScript or deployment config files under \. are excluded/);
  });

  it('scans a single file', () => {
    const dir = tree({ 'src/a.ts': SESSION_READ, 'src/b.ts': SESSION_READ });
    const r = runCli(['scan', path.join(dir, 'src/a.ts'), '--format', 'json'], { cwd: dir });
    const json = JSON.parse(r.stdout);
    expect(json.findings.map((f: { file: string }) => f.file)).toEqual(['src/a.ts']);
  });
});

describe('scan: which files', () => {
  it('skips node_modules, build output, declarations and minified bundles, and honours nested .gitignore', () => {
    const dir = tree({
      'src/server.ts': SESSION_READ,
      'node_modules/pkg/index.js': SESSION_READ,
      'dist/server.js': SESSION_READ,
      'types/server.d.ts': SESSION_READ,
      'public/app.min.js': SESSION_READ,
      'packages/a/.gitignore': 'generated/\n',
      'packages/a/generated/client.ts': SESSION_READ,
      'packages/a/src/index.ts': SESSION_READ,
      '.gitignore': 'tmp/\n',
      'tmp/scratch.ts': SESSION_READ,
    });
    const json = JSON.parse(runCli(['scan', dir, '--format', 'json']).stdout);
    expect(json.findings.map((f: { file: string }) => f.file).sort()).toEqual(['packages/a/src/index.ts', 'src/server.ts']);
  });

  it('scans a hand-written server with a long inline string, skips a minified bundle in scan and fix alike, and says why when that was all', () => {
    const svg = `<svg viewBox="0 0 10 10">${'<path d="M1,2 L3,4 Z" style="fill:#fff"/>'.repeat(800)}</svg>`;
    const server = [
      "import { randomUUID } from 'node:crypto';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      `export const LOGO = '${svg}';`,
      'export const transports: Record<string, StreamableHTTPServerTransport> = {};',
      'export const make = () => new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });',
      '',
    ].join('\n');
    const bundle = `${"!function(e){var t={};function n(r){return t[r]||(t[r]=e[r]({sessionIdGenerator:()=>crypto.randomUUID()}))}}('@modelcontextprotocol/sdk/server/streamableHttp.js');".repeat(200)}\n`;
    const dir = repo({ 'src/server.ts': server, 'public/app.js': bundle });
    const json = JSON.parse(runCli(['scan', '--format', 'json'], { cwd: dir }).stdout);
    expect([...new Set(json.findings.map((f: { file: string; ruleId: string }) => `${f.file}:${f.ruleId}`))].sort()).toEqual(['src/server.ts:session-id-generator', 'src/server.ts:session-map']);
    expect(json.skipped).toEqual(['public/app.js']);
    // fix reads the same files: the server is rewritten, the bundle is not, and it says so.
    const fixed = runCli(['fix', '--dry-run', '--target', 'sdk-v1'], { cwd: dir });
    expect(fixed.stdout).toMatch(/^--- a\/src\/server\.ts/m);
    expect(fixed.stdout).not.toMatch(/^--- a\/public\/app\.js/m);
    expect(fixed.stdout + fixed.stderr).toMatch(/public\/app\.js: skipped as a bundle \(not rewritten; rewrite its sources and rebuild it\)/);
    // A bundle alone: nothing scanned, and the reason named.
    fs.rmSync(path.join(dir, 'src'), { recursive: true });
    const alone = runCli(['scan'], { cwd: dir });
    expect(alone.code).toBe(2);
    expect(alone.stderr).toBe('mcp-migrate: nothing could be scanned under . (skipped as a bundle: public/app.js)\n');
  });

  it('scans and fixes a TypeScript server with one long generated line of code, which a .js file would be skipped for (trial 71B B2)', () => {
    const table = `export const ROUTES = [${Array.from({ length: 700 }, (_, i) => `{name:'r${i}',run:(a: number)=>{return a+${i}}}`).join(',')}];`;
    const server = [
      "import { randomUUID } from 'node:crypto';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      table,
      'export const transports: Record<string, StreamableHTTPServerTransport> = {};',
      'export const make = () => new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });',
      '',
    ].join('\n');
    const dir = repo({ 'src/routes.ts': server, 'public/routes.js': server.replace(': Record<string, StreamableHTTPServerTransport>', '').replaceAll('(a: number)', '(a)') });
    const json = JSON.parse(runCli(['scan', '--format', 'json'], { cwd: dir }).stdout);
    expect([...new Set(json.findings.map((f: { file: string; ruleId: string }) => `${f.file}:${f.ruleId}`))].sort()).toEqual(['src/routes.ts:session-id-generator', 'src/routes.ts:session-map']);
    expect(json.skipped).toEqual(['public/routes.js']);
    const fixed = runCli(['fix', '--dry-run', '--target', 'sdk-v1'], { cwd: dir });
    expect(fixed.stdout).toMatch(/^--- a\/src\/routes\.ts/m);
    expect(fixed.stdout + fixed.stderr).not.toMatch(/src\/routes\.ts: skipped as a bundle/);
  });

  it('exits 1 from fix when a sessionful transport is left, whatever the reason its marker gives; not under --safe-only or chosen codemods (trial 77A B6)', () => {
    const server = [
      "import express from 'express';",
      "import { randomUUID } from 'node:crypto';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
      "import { audit } from './audit.js';",
      '',
      'const app = express();',
      'app.use(express.json());',
      'const sessions = new Map<string, StreamableHTTPServerTransport>();',
      "app.post('/mcp', async (req, res) => {",
      "  const sid = req.headers['mcp-session-id'] as string | undefined;",
      '  let transport = sid ? sessions.get(sid) : undefined;',
      '  if (!transport && isInitializeRequest(req.body)) {',
      '    transport = new StreamableHTTPServerTransport({',
      '      sessionIdGenerator: () => randomUUID(),',
      '      onsessioninitialized: (id) => { sessions.set(id, transport!); },',
      '      onsessionclosed: (id) => { sessions.delete(id); audit(id); },',
      '    });',
      "    await new McpServer({ name: 'audit', version: '1.0.0' }).connect(transport);",
      '  }',
      "  if (!transport) return void res.status(400).send('no session');",
      '  await transport.handleRequest(req, res, req.body);',
      '});',
      'app.listen(3000);',
      '',
    ].join('\n');
    const dir = repo({ 'src/server.ts': server, 'src/audit.ts': 'export function audit(id: string) {\n  console.error(`closed ${id}`);\n}\n' });
    const dry = runCli(['fix', '--dry-run', '--target', 'sdk-v1'], { cwd: dir });
    expect(dry.stdout).toMatch(/onsessionclosed does more than forget the session/);
    expect(dry.code).toBe(1);
    expect(runCli(['fix', '--dry-run', '--target', 'sdk-v1', '--safe-only'], { cwd: dir }).code).toBe(0);
    expect(runCli(['fix', '--dry-run', '--target', 'sdk-v1', '--codemods', 'stateless-transport'], { cwd: dir }).code).toBe(0);
    // Made stateless, the same server is done: 0.
    const done = runCli(['fix', '--dry-run', '--target', 'sdk-v1'], { cwd: repo({ 'src/server.ts': server.replace(' audit(id);', '') }) });
    expect([done.code, done.stdout]).toEqual([0, expect.stringMatching(/sessionIdGenerator: undefined/)]);
  });

  it('exits 1 from fix, naming the tool in one summary line, when it makes a transport per request while a tool of its server still asks the client mid-call, on both targets (trial 78A B3)', () => {
    const server = [
      "import express from 'express';",
      "import { randomUUID } from 'node:crypto';",
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
      "import { z } from 'zod';",
      '',
      'function buildServer(): McpServer {',
      "  const server = new McpServer({ name: 'tables', version: '1.0.0' });",
      "  server.registerTool('reserve_table', { inputSchema: { seats: z.number() } }, async ({ seats }) => {",
      '    const answer = await server.server.elicitInput({',
      '      message: `Reserve ${seats} seats?`,',
      "      requestedSchema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] },",
      '    });',
      "    return { content: [{ type: 'text', text: answer.action === 'accept' ? 'reserved' : 'not reserved' }] };",
      '  });',
      "  server.registerTool('opening_hours', {}, async () => ({ content: [{ type: 'text', text: '12-23' }] }));",
      '  return server;',
      '}',
      '',
      'const app = express();',
      'app.use(express.json());',
      'const transports = new Map<string, StreamableHTTPServerTransport>();',
      "app.post('/mcp', async (req, res) => {",
      "  const sid = req.headers['mcp-session-id'] as string | undefined;",
      '  let transport = sid ? transports.get(sid) : undefined;',
      '  if (!transport && isInitializeRequest(req.body)) {',
      '    transport = new StreamableHTTPServerTransport({',
      '      sessionIdGenerator: () => randomUUID(),',
      '      onsessioninitialized: (id) => { transports.set(id, transport!); },',
      '    });',
      '    await buildServer().connect(transport);',
      '  }',
      "  if (!transport) return void res.status(400).send('no session');",
      '  await transport.handleRequest(req, res, req.body);',
      '});',
      'app.listen(3000);',
      '',
    ].join('\n');
    const manifest = JSON.stringify({ name: 'tables', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.24.0', express: '^5.1.0', zod: '^4.2.0' } });
    const dir = repo({ 'src/server.ts': server, 'package.json': manifest });
    const line = (stdout: string) => stdout.split('\n').filter((l) => /elicitInput no longer reaches the client/.test(l));
    const v1 = runCli(['fix', '--dry-run', '--target', 'sdk-v1'], { cwd: dir });
    expect(v1.stdout).toMatch(/sessionIdGenerator: undefined/);
    expect(v1.code).toBe(1);
    expect(line(v1.stdout)).toEqual([expect.stringMatching(/^ {2}reserve_table: elicitInput no longer reaches the client once transports are per request \(src\/server\.ts:\d+\), so the call fails on every request: rewrite it by hand .*before you deploy\.$/)]);
    const v2 = runCli(['fix', '--dry-run', '--target', '2026-07-28'], { cwd: dir });
    expect(v2.code).toBe(1);
    expect(line(v2.stdout)).toEqual([expect.stringMatching(/^ {2}reserve_table: .*rewrite it by hand \(fix does not\) to return inputRequired.*ctx\.mcpReq\.inputResponses.*before you deploy\.$/)]);
    // The marker at the call says the rewrite is by hand on that target, not to run it (trial 78A B4).
    expect(v2.stdout).not.toMatch(/\(fix --target 2026-07-28\): return inputRequired/);
    // Under --safe-only the transport stays, and the tool works as before: 0, no such line.
    const safe = runCli(['fix', '--dry-run', '--target', 'sdk-v1', '--safe-only'], { cwd: dir });
    expect([safe.code, line(safe.stdout)]).toEqual([0, []]);
    // Without the request to the client, the same rewrite is done: 0.
    const done = runCli(['fix', '--dry-run', '--target', 'sdk-v1'], { cwd: repo({ 'src/server.ts': server.replace(/ {4}const answer = [\s\S]*?\}\);\n/, '    const answer = { action: \'accept\' };\n'), 'package.json': manifest }) });
    expect([done.code, line(done.stdout)]).toEqual([0, []]);
  });

  it("skips JavaScript compiled beside its TypeScript source in scan and fix, and names it (trial 34C)", () => {
    const source = ["import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';", 'export async function loader(request: Request) {', "  return new Response(request.headers.get('mcp-session-id') ?? 'none');", '}', ''].join('\n');
    const compiled = ['"use strict";', 'Object.defineProperty(exports, "__esModule", { value: true });', 'exports.loader = loader;', 'const mcp_js_1 = require("@modelcontextprotocol/sdk/server/mcp.js");', 'async function loader(request) {', "    return new Response(request.headers.get('mcp-session-id') ?? 'none');", '}', ''].join('\n');
    const dir = repo({ 'app/route.ts': source, 'app/route.js': compiled, 'legacy/route.js': compiled });
    const json = JSON.parse(runCli(['scan', '--format', 'json'], { cwd: dir }).stdout);
    expect([...new Set(json.findings.map((f: { file: string }) => f.file))].sort()).toEqual(['app/route.ts', 'legacy/route.js']);
    expect(json.skipped).toEqual(['app/route.js']);
    const fixed = runCli(['fix', '--target', 'sdk-v1'], { cwd: dir });
    expect(fixed.stdout + fixed.stderr).toMatch(/app\/route\.js: skipped as compiled from route\.ts beside it \(not rewritten; rewrite route\.ts and rebuild it\)/);
    expect(fs.readFileSync(path.join(dir, 'app/route.js'), 'utf8')).toBe(compiled);
    expect(fs.readFileSync(path.join(dir, 'app/route.ts'), 'utf8')).toMatch(/TODO\(mcp-migrate\)/);
    expect(fs.readFileSync(path.join(dir, 'legacy/route.js'), 'utf8')).toMatch(/TODO\(mcp-migrate\)/);
  });

  it('parses every supported extension with its own grammar', () => {
    const files: Record<string, string> = {
      'a.ts': 'const x = <const>["mcp-session-id"];\n',
      'b.tsx': 'export const C = () => <div data-h={"mcp-session-id"} />;\n',
      'c.js': 'module.exports = { h: "mcp-session-id" };\n',
      'd.jsx': 'export const C = () => <div data-h="mcp-session-id" />;\n',
      'e.mjs': 'export const h = "mcp-session-id";\n',
      'f.cjs': 'exports.h = "mcp-session-id";\n',
      'g.mts': 'export const h: string = "mcp-session-id";\n',
      'h.cts': 'export const h: string = "mcp-session-id";\n',
    };
    const json = JSON.parse(runCli(['scan', tree(files), '--format', 'json']).stdout);
    expect(json.errors).toEqual([]);
    expect(json.findings.map((f: { file: string }) => f.file).sort()).toEqual(Object.keys(files).sort());
  });

  it('skips test files unless --include-tests', () => {
    const dir = tree({ 'src/a.ts': SESSION_READ, 'src/a.test.ts': SESSION_READ, 'src/__tests__/b.ts': SESSION_READ, 'test/e2e.ts': SESSION_READ, 'src/c.spec.mjs': SESSION_READ });
    const files = (args: string[]) => JSON.parse(runCli(['scan', dir, '--format', 'json', ...args]).stdout).findings.map((f: { file: string }) => f.file).sort();
    expect(files([])).toEqual(['src/a.ts']);
    expect(files(['--include-tests'])).toEqual(['src/__tests__/b.ts', 'src/a.test.ts', 'src/a.ts', 'src/c.spec.mjs', 'test/e2e.ts']);
  });

  it('says when only deployment config was found (e.g. a Python server)', () => {
    const dir = tree({ 'server.py': 'print(1)\n', 'Dockerfile': 'FROM python:3.12\n' });
    const r = runCli(['scan', dir]);
    expect(r.stdout).toMatch(/No TypeScript or JavaScript sources were found/);
    expect(r.stdout).not.toMatch(/✔/);
  });

  it('applies --include and --exclude', () => {
    const dir = tree({ 'src/a.ts': SESSION_READ, 'lib/a.ts': SESSION_READ, 'scripts/x.js': SESSION_READ });
    const inc = JSON.parse(runCli(['scan', dir, '--format', 'json', '--include', 'src/**']).stdout);
    expect(inc.findings.map((f: { file: string }) => f.file)).toEqual(['src/a.ts']);
    const exc = JSON.parse(runCli(['scan', dir, '--format', 'json', '--exclude', 'lib/**', '--exclude', 'scripts/**']).stdout);
    expect(exc.findings.map((f: { file: string }) => f.file)).toEqual(['src/a.ts']);
  });
});

describe('scan: bad input never stops the run', () => {
  it('reports each bad file on one line and keeps every other finding', () => {
    const dir = tree({
      'src/good.ts': SESSION_READ,
      'src/broken.ts': 'const x = {{{ ;\nconst h = req.headers["mcp-session-id"];\n',
      'src/blob.js': Buffer.from([0x63, 0x6f, 0x00, 0x01, 0x02, 0xff, 0x00]),
      'src/latin1.ts': Buffer.from('const s = "caf\xe9";\n', 'latin1'),
      'src/huge.ts': `// ${'x'.repeat(100)}\n`.repeat(30_000),
    });
    fs.symlinkSync('loop-b.ts', path.join(dir, 'src/loop-a.ts'));
    fs.symlinkSync('loop-a.ts', path.join(dir, 'src/loop-b.ts'));
    fs.symlinkSync('..', path.join(dir, 'src/parent')); // a directory symlink cycle: not followed
    const r = runCli(['scan', dir, '--format', 'json', '--max-file-size', '1']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    const byFile = Object.fromEntries(json.errors.map((e: { file: string; message: string }) => [e.file, e.message]));
    expect(byFile['src/blob.js']).toMatch(/binary/);
    // Text that is not UTF-8 is read as Latin-1 and scanned: a note, no error (trial 67B B3).
    expect(byFile['src/latin1.ts']).toBeUndefined();
    expect(json.notes).toEqual([{ file: 'src/latin1.ts', message: expect.stringMatching(/^not valid UTF-8: read as Latin-1/) }]);
    expect(byFile['src/huge.ts']).toMatch(/over the 1\.0 MB limit/);
    expect(byFile['src/broken.ts']).toMatch(/^syntax error at 1:\d+/);
    expect(byFile['src/loop-a.ts']).toBe('cannot read: symlink loop');
    expect(byFile['src/loop-b.ts']).toBe('cannot read: symlink loop');
    for (const e of json.errors) expect(e.message).not.toMatch(/\n|    at /);
    const files = json.findings.map((f: { file: string }) => f.file);
    expect(files).toContain('src/good.ts');
    expect(files).toContain('src/broken.ts');
    expect(files.filter((f: string) => f === 'src/good.ts')).toHaveLength(1);
  });

  it('reads a file that is not UTF-8 as Latin-1: scan and check report its findings, say so once, and fix leaves its bytes (trial 67B B3)', () => {
    // A session map and a session header read behind comments an editor saved in ISO-8859-1; one on the map's own line.
    const latin1 = Buffer.from(
      [
        '// R\xe9sum\xe9: the caf\xe9 server',
        "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
        'export const transports: Record<string, StreamableHTTPServerTransport> = {}; // ouvertes \xe0 la demande',
        "export const lookup = (req: { headers: Record<string, string> }) => transports[req.headers['mcp-session-id']];",
        '',
      ].join('\n'),
      'latin1',
    );
    // A look-alike: Latin-1 text with nothing stateful, noted and clean.
    const notes = Buffer.from("// \xa9 2019 Soci\xe9t\xe9\nexport const greet = (name: string) => `Bonjour ${name}`;\n", 'latin1');
    const dir = repo({ 'src/server.ts': latin1, 'src/greet.ts': notes, 'src/util.ts': 'export const one = 1;\n' });
    const json = runCli(['scan', '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(1);
    const result = JSON.parse(json.stdout);
    expect(result.errors).toEqual([]);
    const map = result.findings.find((f: { ruleId: string }) => f.ruleId === 'session-map');
    // Columns and the snippet as the file reads in Latin-1: one character a byte.
    expect(map).toMatchObject({ file: 'src/server.ts', line: 3, column: 14, snippet: expect.stringContaining('ouvertes à la demande') });
    expect(result.findings.map((f: { file: string; ruleId: string }) => `${f.file}:${f.ruleId}`)).toContain('src/server.ts:session-header');
    expect(result.findings.filter((f: { file: string }) => f.file !== 'src/server.ts')).toEqual([]);
    const note = 'not valid UTF-8: read as Latin-1 (as Shift-JIS where only that reads it whole; fix leaves it unchanged until it is saved as UTF-8)';
    expect(result.notes).toEqual([{ file: 'src/server.ts', message: note }, { file: 'src/greet.ts', message: note }].sort((a, b) => (a.file < b.file ? -1 : 1)));
    // Said once a file on stderr, also when the result cache is warm (such a file is not kept there).
    for (let run = 0; run < 2; run++) {
      const pretty = runCli(['scan'], { cwd: dir });
      expect(pretty.code).toBe(1);
      expect(pretty.stderr.split('\n').filter((l) => l === `mcp-migrate: src/server.ts: ${note}`)).toHaveLength(1);
      expect(pretty.stdout).toMatch(/session-map/);
      expect(pretty.stdout).not.toMatch(/could not be scanned fully|not valid UTF-8/);
    }
    // check fails by its findings (1), not as code it could not read (2); clean Latin-1 code passes (0).
    const checked = runCli(['check', '--format', 'json'], { cwd: dir });
    expect(checked.code).toBe(1);
    expect(JSON.parse(checked.stdout).check).toEqual({ passed: false, failOn: 'warning', failing: expect.any(Number) });
    expect(checked.stderr).toContain(`mcp-migrate: src/server.ts: ${note}`);
    const clean = runCli(['check', 'src/greet.ts', 'src/util.ts'], { cwd: dir });
    expect([clean.code, clean.stderr]).toEqual([0, expect.stringContaining('mcp-migrate check: passed')]);
    // fix would write it back as UTF-8: it leaves it byte for byte, and says why. Read for its
    // findings, it is a file fix set out to rewrite and left unchanged: exit 1 (trial 68K: 0, with
    // "0 finding(s) left for a person"); the clean one is said as before.
    const fixed = runCli(['fix', '--no-format'], { cwd: dir });
    expect(fixed.code).toBe(1);
    expect(fixed.stdout + fixed.stderr).toContain("src/server.ts: left unchanged: not valid UTF-8: fix rewrites UTF-8 files only (it would change this file's other bytes); save it as UTF-8 and run fix again");
    expect(fixed.stdout + fixed.stderr).toContain('src/greet.ts: not valid UTF-8 text, not rewritten: fix rewrites UTF-8 files only; save it as UTF-8 and run fix again');
    expect(fixed.stdout).toMatch(/ 2 finding\(s\) left for a person\./);
    expect(fs.readFileSync(path.join(dir, 'src/server.ts')).equals(latin1)).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'src/greet.ts')).equals(notes)).toBe(true);
  });

  it('reports unreadable directories and files and goes on', () => {
    const dir = tree({ 'src/good.ts': SESSION_READ, 'locked/inner.ts': SESSION_READ, 'src/locked.ts': SESSION_READ });
    fs.chmodSync(path.join(dir, 'locked'), 0o000);
    fs.chmodSync(path.join(dir, 'src/locked.ts'), 0o000);
    // root reads everything: drop to an unprivileged user so permissions apply, as on a developer machine.
    const r = runCli(['scan', dir, '--format', 'json'], { asNobody: isRoot, cwd: dir });
    const json = JSON.parse(r.stdout);
    expect(json.errors).toEqual(
      expect.arrayContaining([
        { file: 'locked', message: 'cannot read directory: permission denied' },
        { file: 'src/locked.ts', message: 'cannot read: permission denied' },
      ]),
    );
    expect(json.findings.map((f: { file: string }) => f.file)).toEqual(['src/good.ts']);
    expect(r.code).toBe(1);
  });

  it('pretty output lists errors as one line each', () => {
    const dir = tree({ 'src/good.ts': SESSION_READ, 'src/blob.js': Buffer.from([0, 1, 2, 3]) });
    const r = runCli(['scan', dir]);
    expect(r.stdout).toContain('mcp-migrate: src/blob.js: binary file (skipped)');
    expect(r.stdout).not.toMatch(/\bat .*\.js:\d+:\d+/);
  });

  // A raw NUL in a string of a code file (trial 59B B4): the file is scanned, not skipped as binary,
  // and its code frame shows the NUL as ␀ (and an escape sequence as ␛), not raw bytes to the terminal.
  it('scans a code file with a raw NUL in a string and prints its control characters as pictures', () => {
    const code = `const separator = \`a\0b\x1b[31m\`;\nexport const sid = (req: { headers: Record<string, string> }) => req.headers['mcp-session-id'] + separator;\n`;
    const dir = tree({ 'src/keyed.ts': code });
    const r = runCli(['scan', dir]);
    expect(r.stdout).not.toContain('binary file');
    expect(r.stdout).toContain('const separator = `a\u2400b\u241b[31m`;');
    expect(r.stdout).not.toMatch(/[\x00\x1b]/);
    expect(r.code).toBe(1);
  });

  it('gives no green tick to a clean result beside a file it could not read whole (trial 54B)', () => {
    const dir = tree({ 'src/util.ts': 'export const add = (a: number, b: number) => a + b;\n', 'src/broken.ts': "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\n// sessionIdGenerator is not set here\nexport const x = [;\n" });
    const r = runCli(['scan', dir]);
    expect(r.stdout).toMatch(/⚠ No stateful assumptions found in what could be read/);
    expect(r.stdout).not.toMatch(/✔/);
    expect(r.stdout).toMatch(/1 file could not be scanned fully/);
  });

  it('says no code could be read, not that none was found, where the only code file could not be (trial 56B)', () => {
    // Over --max-file-size (a Latin-1 byte no longer makes it unreadable: read as Latin-1, trial 67B B3).
    const dir = tree({ Dockerfile: 'FROM node:20\n', 'src/server.ts': `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\n// ${'x'.repeat(200)}\n` });
    const r = runCli(['scan', dir, '--max-file-size', '0.0001']);
    expect(r.stdout).toMatch(/No TypeScript or JavaScript source could be read: only deployment config was scanned/);
    expect(r.stdout).toMatch(/⚠ No stateful assumptions found in what could be read/);
    expect(r.stdout).not.toMatch(/No stateful assumptions in deployment config|sources were found/);
    // A deployment file it could not read says nothing of code (review 73).
    const config = tree({ 'server.py': 'print(1)\n', 'deploy.yaml': 'kind: Deployment\n', Dockerfile: `FROM python:3\n# ${'x'.repeat(200)}\n` });
    expect(runCli(['scan', config, '--max-file-size', '0.0001']).stdout).toMatch(/No TypeScript or JavaScript sources were found: only deployment config was scanned \(Python servers are not supported yet\)/);
  });
});

describe('scan: human output', () => {
  it('groups by file with a code frame, category and rule, and a summary', () => {
    const r = runCli(['scan', SAMPLE]);
    expect(r.stdout).toMatch(/^src\/server\.ts$/m);
    expect(r.stdout).toMatch(/> +\d+ \| const transports: Record<string, StreamableHTTPServerTransport> = \{\};/);
    expect(r.stdout).toMatch(/^  11:7  error  transports holds transports keyed by the MCP session id.*  session-map$/m);
    expect(r.stdout).toMatch(/initialize-gate\/session-id-generator$/m);
    expect(r.stdout).toMatch(/^How to fix$/m);
    expect(r.stdout).toMatch(/^  session-map ×1: Create a transport \(and server\) per request/m);
    expect(r.stdout).toMatch(/✖ \d+ findings \(\d+ errors, \d+ warnings?\) in 2 files/);
    // Without errors (what --fail-on lets pass by default) the mark is not the error cross.
    const cors = "import { McpServer } from '@modelcontextprotocol/server';\nexport const corsOptions = { allowedHeaders: ['Content-Type', 'Mcp-Session-Id'] };\n";
    const warned = runCli(['scan', tree({ 'cors.ts': cors })]);
    expect(warned.code).toBe(0);
    expect(warned.stdout).toMatch(/^⚠ 1 finding \(1 warning\) in 1 file/m);
    expect(warned.stdout).not.toContain('✖');
  });

  it('has no colour under NO_COLOR, --no-color or a non-TTY, and colour when forced', () => {
    expect(runCli(['scan', SAMPLE]).stdout).not.toMatch(ANSI); // a pipe is not a TTY
    expect(runCli(['scan', SAMPLE], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(ANSI);
    expect(runCli(['scan', SAMPLE], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toMatch(ANSI);
    expect(runCli(['scan', SAMPLE, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(ANSI);
  });

  it('has colour on a terminal, and none there under FORCE_COLOR=0 or false (trial 16B), NO_COLOR or --no-color', async () => {
    const { colorsFor } = await import('../src/cli/colors.js');
    const tty = { isTTY: true } as NodeJS.WriteStream;
    const level = (env: Record<string, string | undefined>, flag?: boolean) => {
      const saved = { FORCE_COLOR: process.env.FORCE_COLOR, NO_COLOR: process.env.NO_COLOR };
      for (const [k, v] of Object.entries({ FORCE_COLOR: undefined, NO_COLOR: undefined, ...env })) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      try {
        return colorsFor(tty, flag).level;
      } finally {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
    };
    expect(level({})).toBe(1);
    expect(level({ FORCE_COLOR: '0' })).toBe(0);
    expect(level({ FORCE_COLOR: 'false' })).toBe(0);
    expect(level({ FORCE_COLOR: '1' })).toBe(1);
    expect(level({ NO_COLOR: '1' })).toBe(0);
    expect(level({}, false)).toBe(0);
  });

  it('--help explains the command, the exit codes and every rule', () => {
    const r = runCli(['scan', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--format <format>/);
    expect(r.stdout).toMatch(/--fail-on <severity>/);
    expect(r.stdout).toMatch(/mcp-migrate-ignore/);
    for (const rule of allRules) expect(r.stdout).toContain(rule.id);
    const top = runCli(['--help']);
    expect(top.stdout).toMatch(/Exit codes:/);
    // -o names the extensions of the formats each command writes, and only those.
    const reportHelp = runCli(['report', '--help']).stdout.replace(/\s+/g, ' ');
    expect(reportHelp).toMatch(/its extension picks the format \(\.html, \.htm, \.md, \.markdown; any other gets the default format\)/);
    const checkHelp = runCli(['check', '--help']).stdout.replace(/\s+/g, ' ');
    expect(checkHelp).not.toMatch(/\.md|\.html/);
    expect(runCli(['--version']).stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version);
  });

  it('--output writes the report to a file', () => {
    const dir = tree({ 'a.ts': SESSION_READ });
    const out = path.join(dir, 'report.json');
    const r = runCli(['scan', dir, '--format', 'json', '--output', out]);
    expect(r.stdout).toBe('');
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).findings).toHaveLength(1);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('-o /dev/null (or another device or pipe) is written to, not replaced: the exit code is the scan\'s (trial 23B)', () => {
    const dir = tree({ 'a.ts': SESSION_READ });
    const r = runCli(['scan', dir, '--format', 'sarif', '-o', '/dev/null']);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
    // A folder is still no output.
    expect(runCli(['scan', dir, '--format', 'json', '-o', dir]).code).toBe(2);
  });

  it('-o or --write-baseline into a missing or read-only folder is one line naming the file as given and why, exit 2, before any scan (trial 18B)', () => {
    const dir = tree({ 'a.ts': SESSION_READ, 'ro/.keep': '' });
    const missing = runCli(['scan', dir, '--format', 'json', '-o', path.join(dir, 'no such dir', 'x.json')]);
    expect([missing.code, missing.stderr]).toEqual([2, `mcp-migrate: cannot write ${path.join(dir, 'no such dir', 'x.json')}: no such directory ${path.join(dir, 'no such dir')}\n`]);
    const relative = runCli(['report', '-o', 'gone/MIGRATION.md', '--no-progress', '.'], { cwd: dir });
    expect([relative.code, relative.stderr]).toEqual([2, `mcp-migrate: cannot write gone/MIGRATION.md: no such directory ${path.join(dir, 'gone')}\n`]);
    const baseline = runCli(['check', '--write-baseline', 'gone/baseline.json', '.'], { cwd: dir });
    expect([baseline.code, baseline.stderr]).toEqual([2, `mcp-migrate: cannot write gone/baseline.json: no such directory ${path.join(dir, 'gone')}\n`]);
    if (isRoot) {
      // root writes anywhere: a user without the right sees the folder named.
      fs.chmodSync(path.join(dir, 'ro'), 0o555);
      for (const [file, args] of [['ro/MIGRATION.md', ['report', '-o', 'ro/MIGRATION.md', '--no-progress', '.']], ['ro/baseline.json', ['check', '--write-baseline', 'ro/baseline.json', '.']]] as const) {
        const denied = runCli([...args], { cwd: dir, asNobody: true });
        expect([denied.code, denied.stderr]).toEqual([2, `mcp-migrate: cannot write ${file}: permission denied (the folder ${path.join(dir, 'ro')} is not writable)\n`]);
      }
    }
    expect(fs.readdirSync(dir).sort()).toEqual(['a.ts', 'ro']);
    expect(fs.readdirSync(path.join(dir, 'ro'))).toEqual(['.keep']);
  });

  it('reads JSON that starts with a byte order mark, as npm and the compiler do: package.json, the configuration, a baseline (trial 18B)', () => {
    const dir = tree({ 'a.ts': SESSION_READ, 'package.json': '\ufeff{"name":"b","dependencies":{"@modelcontextprotocol/sdk":"^1.9.0"}}\n', 'mcp-migrate.config.json': '\ufeff{ "failOn": "none" }\n' });
    const scanned = runCli(['scan', '.', '--format', 'json'], { cwd: dir });
    // failOn from the configuration: read, so the finding does not fail the run.
    expect([scanned.code, scanned.stderr]).toEqual([0, '']);
    fs.rmSync(path.join(dir, 'mcp-migrate.config.json'));
    expect(runCli(['check', '--write-baseline', 'baseline.json', '.'], { cwd: dir }).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'baseline.json'), `\ufeff${fs.readFileSync(path.join(dir, 'baseline.json'), 'utf8')}`);
    const checked = runCli(['check', '--baseline', 'baseline.json', '.'], { cwd: dir });
    expect(checked.code).toBe(0);
    expect(checked.stderr).toMatch(/baseline baseline\.json: 1 accepted, 0 new/);
  });

  it('refuses two configurations, one of which would be ignored, and reads -c package.json as its "mcp-migrate" key (trial 19C)', () => {
    const dir = tree({ 'a.ts': SESSION_READ, 'package.json': JSON.stringify({ name: 'b', 'mcp-migrate': { failOn: 'none' } }), 'mcp-migrate.config.json': '{ "failOn": "error" }\n' });
    const both = runCli(['scan', '.'], { cwd: dir });
    expect([both.code, both.stderr]).toEqual([2, 'mcp-migrate: both mcp-migrate.config.json and the "mcp-migrate" key of package.json configure this run: keep one (or name one with -c)\n']);
    // Named: the key of package.json (failOn none: the finding does not fail the run), or the file.
    expect(runCli(['scan', '.', '-c', 'package.json'], { cwd: dir }).code).toBe(0);
    expect(runCli(['scan', '.', '-c', 'mcp-migrate.config.json'], { cwd: dir }).code).toBe(1);
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'b' }));
    const none = runCli(['scan', '.', '-c', 'package.json'], { cwd: dir });
    expect([none.code, none.stderr]).toEqual([2, 'mcp-migrate: package.json: no "mcp-migrate" key to read the configuration from\n']);
  });

  it('--output takes the format its extension names when --format is not given; an explicit --format wins', () => {
    const dir = tree({ 'a.ts': SESSION_READ });
    const html = runCli(['report', dir, '-o', path.join(dir, 'inventory.html'), '--no-progress']);
    expect(html.stderr).toMatch(/wrote html to /);
    expect(fs.readFileSync(path.join(dir, 'inventory.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    runCli(['scan', dir, '-o', path.join(dir, 'scan.json'), '--fail-on', 'none']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'scan.json'), 'utf8')).findings).toHaveLength(1);
    runCli(['report', dir, '-o', path.join(dir, 'notes.html'), '--format', 'markdown', '--no-progress']);
    expect(fs.readFileSync(path.join(dir, 'notes.html'), 'utf8')).toMatch(/^# /);
    // An extension naming a format the command does not write is a usage error, and nothing is written
    // (Markdown in a .sarif file would fail only where code scanning reads it).
    const sarif = runCli(['report', dir, '-o', path.join(dir, 'inventory.sarif'), '--no-progress']);
    expect([sarif.code, sarif.stderr.split('\n')[0]]).toEqual([2, `mcp-migrate report: -o ${path.join(dir, 'inventory.sarif')} names the sarif format, which report does not write (it writes markdown, html); use scan --format sarif or pass --format`]);
    expect(fs.existsSync(path.join(dir, 'inventory.sarif'))).toBe(false);
    // An extension no format owns keeps the default; --format makes any name fine.
    runCli(['report', dir, '-o', path.join(dir, 'inventory.txt'), '--no-progress']);
    expect(fs.readFileSync(path.join(dir, 'inventory.txt'), 'utf8')).toMatch(/^# /);
    runCli(['report', dir, '-o', path.join(dir, 'inventory.json'), '--format', 'markdown', '--no-progress']);
    expect(fs.readFileSync(path.join(dir, 'inventory.json'), 'utf8')).toMatch(/^# /);
  });
});

describe('report: the fix preview reads the same files as the scan', () => {
  it('counts nothing as fixable that fix would not read (includeTests from the configuration)', () => {
    const pin = "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const version = '2025-03-26';\n";
    const dir = tree({ 'src/pin.test.ts': pin, 'mcp-migrate.config.json': '{ "includeTests": true }\n' });
    const r = runCli(['report', '-o', 'MIGRATION.md', '--no-progress'], { cwd: dir });
    expect(r.code).toBe(0);
    const text = fs.readFileSync(path.join(dir, 'MIGRATION.md'), 'utf8');
    expect(text).toMatch(/\*\*1 finding\(s\)\*\*/);
    // protocol-pin has no codemod: a preview that skipped the test file used to call it fixable.
    expect(text).toMatch(/`mcp-migrate fix` can rewrite \*\*0\*\* of them automatically; \*\*1\*\* need a person/);
  });
});

describe('several paths given from another folder', () => {
  const AGENT = [
    "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    "import { McpAgent } from 'agents/mcp';",
    "import { z } from 'zod';",
    '',
    'export class MyMCP extends McpAgent<Env, { counter: number }, {}> {',
    "  server = new McpServer({ name: 'Demo', version: '1.0.0' });",
    '  initialState = { counter: 1 };',
    '',
    '  async init() {',
    '    this.server.registerTool(',
    "      'add',",
    "      { description: 'Add to the counter', inputSchema: { a: z.number() } },",
    '      async ({ a }) => {',
    '        this.setState({ ...this.state, counter: this.state.counter + a });',
    "        return { content: [{ type: 'text', text: String(this.state.counter) }] };",
    '      },',
    '    );',
    '  }',
    '}',
    '',
    "export default MyMCP.serve('/mcp', { binding: 'MyMCP' });",
    '',
  ].join('\n');

  it('report, scan and fix take the folder the paths share for the root, as one path alone takes its own, not the cwd', () => {
    const dir = repo({
      'examples/mcp/package.json': JSON.stringify({ name: 'mcp-example', private: true, type: 'module', dependencies: { '@modelcontextprotocol/sdk': '1.30.0', agents: '*' } }),
      'examples/mcp/src/server.ts': AGENT,
      'guides/README.md': '# guides\n',
      // A package beside them that was not asked for: not in their SDK row.
      'tools/package.json': JSON.stringify({ name: 'tools', dependencies: { '@modelcontextprotocol/server': '^2.4.0' } }),
    });
    const cwd = emptyDir();
    const paths = [path.join(dir, 'examples'), path.join(dir, 'guides')];
    const report = (args: string[], name: string) => {
      expect(runCli(['report', ...args, '-o', path.join(cwd, name), '--no-progress'], { cwd }).code).toBe(0);
      return fs.readFileSync(path.join(cwd, name), 'utf8');
    };
    const two = report(paths, 'two.md');
    const one = report([paths[0]], 'one.md');
    expect(two).toContain(`| Scanned root | \`${dir}\` |`);
    expect(two).toContain('| MCP SDK | v1 (examples/mcp: @modelcontextprotocol/sdk@1.30.0) |');
    // The fix preview is fix's run on the same paths: nothing it rewrites, as for the one path.
    const counts = (text: string) => /\*\*3 finding\(s\)\*\*.*/.exec(text)?.[0];
    expect(counts(two)).toMatch(/`mcp-migrate fix` can rewrite \*\*0\*\* of them automatically; \*\*3\*\* need a person/);
    expect(counts(two)).toBe(counts(one));
    expect(two).not.toContain('which rewrites this');
    // Links lead from the report to the file.
    const link = `(${path.relative(cwd, dir)}/examples/mcp/src/server.ts#L11)`;
    expect(two).toContain(`[examples/mcp/src/server.ts:11]${link}`);
    const json = JSON.parse(runCli(['scan', ...paths, '--format', 'json'], { cwd }).stdout);
    expect([json.root, [...new Set(json.findings.map((f: { file: string }) => f.file))]]).toEqual([dir, ['examples/mcp/src/server.ts']]);
    // fix finds the package the file belongs to and the repository the paths are in.
    const preview = runCli(['fix', ...paths, '--dry-run', '--target', '2026-07-28', '--no-format'], { cwd });
    expect(preview.stdout).toMatch(/^--- a\/examples\/mcp\/src\/server\.ts/m);
    expect(preview.stdout).toMatch(/examples\/mcp\/package\.json: stays on SDK v1 \(mcp-example\)/);
    const written = runCli(['fix', ...paths, '--no-format'], { cwd });
    expect([written.code, written.stderr]).toEqual([0, '']);
    expect(fs.readFileSync(path.join(dir, 'examples/mcp/src/server.ts'), 'utf8')).toContain('TODO(mcp-migrate)');
  });
});

describe('scan: output into a closed pipe', () => {
  it('stops quietly when the reader goes away (mcp-migrate ... | head)', () => {
    // The fixtures produce far more output than a pipe buffer holds, so writes continue after head exits.
    const fixtures = path.join(REPO, 'fixtures/scan');
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" scan "${fixtures}" --no-color | head -2`], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: cacheHome() } });
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(2);
  });
});

describe('scan: inline suppressions', () => {
  it('silences a finding on the line or the line above and reports unused suppressions', () => {
    const dir = tree({
      'a.ts': [
        "// mcp-migrate-ignore session-header -- the proxy strips it, tracked in #12",
        "export const a = 'mcp-session-id';",
        "export const b = 'mcp-session-id'; // mcp-migrate-ignore session-header",
        "export const c = 'mcp-session-id';",
        '// mcp-migrate-ignore session-map -- nothing here',
        'export const d = 1;',
      ].join('\n'),
    });
    const json = JSON.parse(runCli(['scan', dir, '--format', 'json']).stdout);
    expect(json.findings.map((f: { line: number }) => f.line)).toEqual([4]);
    expect(json.summary.suppressed).toBe(2);
    expect(json.unusedSuppressions).toEqual([{ file: 'a.ts', line: 5, ruleId: 'session-map' }]);
  });

  it('takes only a real line comment in code: the same text in a template, a string, JSX text or a doc comment silences nothing and is not reported', () => {
    const dir = tree({
      'a.ts': [
        'export const help = `usage: mcp-migrate scan',
        '  // mcp-migrate-ignore session-map -- reason`;',
        '/**',
        ' * Silence a finding with `// mcp-migrate-ignore session-header -- reason`.',
        ' */',
        "export const a = 'mcp-session-id'; const note = '// mcp-migrate-ignore session-header';",
        "export const b = 'mcp-session-id'; // mcp-migrate-ignore session-header -- a real one",
        '// mcp-migrate-ignore session-map -- a real one, unused',
        '',
      ].join('\n'),
      'help.tsx': "// The MCP help page.\nexport const Help = () => <p>// mcp-migrate-ignore session-map</p>;\n",
      // Config files keep their own comments.
      'nginx.conf': 'upstream mcp {\n  ip_hash; # mcp-migrate-ignore sticky-nginx -- one instance\n  server a:3000;\n}\n',
    });
    const json = JSON.parse(runCli(['scan', dir, '--format', 'json', '--fail-on', 'none']).stdout);
    expect(json.findings.map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toEqual(['a.ts:6']);
    expect(json.summary.suppressed).toBe(2);
    expect(json.unusedSuppressions).toEqual([{ file: 'a.ts', line: 8, ruleId: 'session-map' }]);
  });

  it('reports an id that names no rule or category as unknown, where unused suppressions are reported', () => {
    const dir = tree({
      'a.ts': [
        "export const a = 'mcp-session-id'; // mcp-migrate-ignore session-headr -- a typo",
        '// mcp-migrate-ignore sticky-lb-config, no-such-rule -- a category, and a typo',
        'export const d = 1;',
      ].join('\n'),
    });
    const json = JSON.parse(runCli(['scan', dir, '--format', 'json', '--fail-on', 'none']).stdout);
    expect(json.findings.map((f: { line: number }) => f.line)).toEqual([1]);
    expect(json.unusedSuppressions).toEqual([
      { file: 'a.ts', line: 1, ruleId: 'session-headr', unknown: true },
      { file: 'a.ts', line: 2, ruleId: 'sticky-lb-config' },
      { file: 'a.ts', line: 2, ruleId: 'no-such-rule', unknown: true },
    ]);
    const pretty = runCli(['scan', dir, '--fail-on', 'none', '--no-color']);
    expect(pretty.stdout + pretty.stderr).toContain('mcp-migrate: a.ts:1: suppression names an unknown rule or category id: session-headr');
    expect(pretty.stdout + pretty.stderr).toContain('mcp-migrate: a.ts:2: unused suppression for sticky-lb-config');
  });
});
