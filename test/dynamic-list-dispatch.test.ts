// A tool whose handler changes the lists of the server it runs on (a tool enabled, one registered)
// holds the session dispatch as it was: with a server built for each request, what one call
// enables the next call no longer finds, even on one instance (trial 71A B3: fix tagged the
// rewrite safe, also under --safe-only, and `lookup` then answered "Tool lookup disabled").
import { describe, expect, it } from 'vitest';
import { runFix } from '../src/fix/runner.js';
import { tempDirs } from './helpers/cli.js';

const { repo: project } = tempDirs();

const MANIFEST = JSON.stringify({ name: 'shelf', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.1.0', zod: '^3.25.0' } });

/** A sessionful Express route serving `makeServer()`'s server, one per session. */
const ROUTE = [
  'const sessions: Record<string, StreamableHTTPServerTransport> = {};',
  'const app = express();',
  'app.use(express.json());',
  "app.post('/mcp', async (req, res) => {",
  "  const id = req.headers['mcp-session-id'] as string | undefined;",
  '  let transport = id ? sessions[id] : undefined;',
  '  if (!transport && !id && isInitializeRequest(req.body)) {',
  '    transport = new StreamableHTTPServerTransport({',
  '      sessionIdGenerator: () => randomUUID(),',
  '      onsessioninitialized: (sid) => { sessions[sid] = transport!; },',
  '    });',
  '    await makeServer().connect(transport);',
  '  }',
  "  if (!transport) { res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null }); return; }",
  '  await transport.handleRequest(req, res, req.body);',
  '});',
  'app.listen(8080);',
];

const IMPORTS = [
  "import express from 'express';",
  "import { randomUUID } from 'node:crypto';",
  "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
  "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
  "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
  "import { z } from 'zod';",
];

/** The route's file with `makeServer()` registering `tools` (lines inside the factory). */
const serverFile = (tools: string[], extra: string[] = []) =>
  [
    ...IMPORTS,
    ...extra,
    'function makeServer() {',
    "  const server = new McpServer({ name: 'shelf', version: '1.0.0' });",
    ...tools,
    '  return server;',
    '}',
    ...ROUTE,
    '',
  ].join('\n');

const text = (t: string) => `({ content: [{ type: 'text' as const, text: ${t} }] })`;

// `unlock` enables a tool made disabled in the factory.
const ENABLES = [
  `  const lookup = server.tool('lookup', { isbn: z.string() }, async ({ isbn }) => ${text('`found ${isbn}`')});`,
  '  lookup.disable();',
  "  server.tool('unlock', { key: z.string() }, async ({ key }) => {",
  '    lookup.enable();',
  `    return ${text('`unlocked with ${key}`')};`,
  '  });',
];
// `unlock` registers the tool inside its handler.
const REGISTERS = [
  "  server.tool('unlock', { key: z.string() }, async ({ key }) => {",
  `    server.tool('lookup', { isbn: z.string() }, async ({ isbn }) => ${text('`found ${isbn}`')});`,
  `    return ${text('`unlocked with ${key}`')};`,
  '  });',
];

const LEFT = /^left unchanged: making its transport stateless would leave the changes its tools make to their server's lists \(unlock's (lookup\.enable\(\)|tool\(\)), at src\/server\.ts:\d+\): with a server built for each request, what one call enables or registers there the next call no longer finds, even on one instance; keep the tool, prompt and resource lists the same for every request .*then run fix again$/;

describe('a tool that changes its server\'s lists holds the session dispatch (trial 71A B3)', () => {
  for (const [name, tools] of [['enables a tool made in the factory', ENABLES], ['registers a tool in its handler', REGISTERS]] as const) {
    for (const safeOnly of [false, true]) {
      it(`leaves the file as it was (exit 1) where a handler ${name}${safeOnly ? ', under --safe-only' : ''}`, async () => {
        const dir = project({ 'package.json': MANIFEST, 'src/server.ts': serverFile([...tools]) });
        const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false, safeOnly });
        const file = result.files.find((f) => f.file === 'src/server.ts');
        expect(file === undefined || file.after === file.before).toBe(true);
        expect(result.errors).toContainEqual({ file: 'src/server.ts', message: expect.stringMatching(LEFT) });
        expect(result.summary.failed).toBeGreaterThan(0);
      });
    }
  }

  it('names the call of a helper that registers, not the words after it (the SDK standalone-get example: `register(), which registers on the server`)', async () => {
    const helper = [
      '  const register = (name: string) => server.resource(name, `note://${name}`, async (uri) => ({ contents: [{ uri: uri.href, text: name }] }));',
      "  server.tool('add_note', { name: z.string() }, async ({ name }) => {",
      '    register(name);',
      `    return ${text('`added ${name}`')};`,
      '  });',
    ];
    const dir = project({ 'package.json': MANIFEST, 'src/server.ts': serverFile(helper) });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const left = result.errors.find((e) => e.file === 'src/server.ts')?.message ?? '';
    expect(left).toMatch(/their server's lists \(add_note's register\(\), at src\/server\.ts:\d+\)/);
    expect(left).not.toMatch(/which registers/);
  });

  it('holds where a helper of any name registers the tools (review 90 point 1)', async () => {
    const installs = [
      "  const installExtras = () => server.tool('lookup', { isbn: z.string() }, async ({ isbn }) => " + text('`found ${isbn}`') + ');',
      "  server.tool('unlock', { key: z.string() }, async ({ key }) => {",
      '    installExtras();',
      `    return ${text('`unlocked with ${key}`')};`,
      '  });',
    ];
    const dir = project({ 'package.json': MANIFEST, 'src/server.ts': serverFile(installs) });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const file = result.files.find((f) => f.file === 'src/server.ts');
    expect(file === undefined || file.after === file.before).toBe(true);
    expect(result.errors.find((e) => e.file === 'src/server.ts')?.message ?? '').toMatch(/their server's lists \(unlock's installExtras\(\)/);
  });

  it('still rewrites the dispatch where a helper named for taking tools off hides them (removeAdminTools(): review 91 point 3)', async () => {
    const hides = [
      '  addAdminTools(server);',
      "  server.tool('lock', {}, async () => {",
      '    removeAdminTools(server);',
      `    return ${text("'locked'")};`,
      '  });',
    ];
    const dir = project({ 'package.json': MANIFEST, 'src/server.ts': serverFile(hides, ["import { addAdminTools, removeAdminTools } from '@acme/mcp-admin';"]) });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const file = result.files.find((f) => f.file === 'src/server.ts')!;
    expect(file.after).not.toBe(file.before);
    expect(result.errors.filter((e) => /lists/.test(e.message))).toEqual([]);
  });

  it('holds where the tool enabled is found through nested calls (review 89 point 9)', async () => {
    const nested = [
      "  const tools = new Map<string, { enable(): void }>();",
      '  const keyOf = (name: string) => name.toLowerCase();',
      `  tools.set('lookup', server.tool('lookup', { isbn: z.string() }, async ({ isbn }) => ${text('`found ${isbn}`')}));`,
      "  tools.get('lookup')!.disable?.();",
      "  server.tool('unlock', { name: z.string() }, async ({ name }) => {",
      '    tools.get(keyOf(name.trim()))!.enable();',
      `    return ${text("'unlocked'")};`,
      '  });',
    ];
    const dir = project({ 'package.json': MANIFEST, 'src/server.ts': serverFile(nested) });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const file = result.files.find((f) => f.file === 'src/server.ts');
    expect(file === undefined || file.after === file.before).toBe(true);
    expect(result.errors.find((e) => e.file === 'src/server.ts')?.message ?? '').toMatch(/their server's lists \(unlock's tools\.get\(keyOf\(name\.trim\(\)\)\)!\.enable\(\)/);
  });

  it('still rewrites the dispatch where a tool only hides itself (a feature flag off), which the next request\'s server decides again (review 89 point 6)', async () => {
    const hides = [
      `  const beta = server.tool('beta_search', { q: z.string() }, async ({ q }) => {`,
      "    if (process.env.BETA_SEARCH !== 'on') {",
      '      beta.disable();',
      `      return ${text("'beta search is off'")};`,
      '    }',
      `    return ${text('`searched ${q}`')};`,
      '  });',
    ];
    const dir = project({ 'package.json': MANIFEST, 'src/server.ts': serverFile(hides) });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const file = result.files.find((f) => f.file === 'src/server.ts')!;
    expect(file.after).not.toBe(file.before);
    expect(result.errors.filter((e) => /lists/.test(e.message))).toEqual([]);
  });

  it('still rewrites the dispatch where a handler only announces a change (sendToolListChanged), nothing kept on the server', async () => {
    const announces = [
      "  server.tool('refresh', {}, async () => {",
      '    server.sendToolListChanged();',
      `    return ${text("'refreshed'")};`,
      '  });',
    ];
    const dir = project({ 'package.json': MANIFEST, 'src/server.ts': serverFile(announces) });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const file = result.files.find((f) => f.file === 'src/server.ts')!;
    expect(file.after).not.toBe(file.before);
    expect(file.changes.some((c) => /^session dispatch/.test(c.description))).toBe(true);
    expect(result.errors.filter((e) => /lists/.test(e.message))).toEqual([]);
  });

  it('still rewrites the dispatch where the tool that enables another is registered at module level on a server of another entry point', async () => {
    // A stdio server of the same package, built once: its list change lasts the process, whatever the HTTP route does.
    const stdio = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';",
      "import { z } from 'zod';",
      "export const desk = new McpServer({ name: 'desk', version: '1.0.0' });",
      `const lookup = desk.tool('lookup', { isbn: z.string() }, async ({ isbn }) => ${text('`found ${isbn}`')});`,
      'lookup.disable();',
      "desk.tool('unlock', { key: z.string() }, async ({ key }) => {",
      '  lookup.enable();',
      `  return ${text('`unlocked with ${key}`')};`,
      '});',
      'await desk.connect(new StdioServerTransport());',
      '',
    ].join('\n');
    const plain = [`  server.tool('ping', {}, async () => ${text("'pong'")});`];
    const dir = project({ 'package.json': MANIFEST, 'src/server.ts': serverFile(plain), 'src/desk.ts': stdio });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const file = result.files.find((f) => f.file === 'src/server.ts')!;
    expect(file.changes.some((c) => /^session dispatch/.test(c.description))).toBe(true);
    expect(result.errors.filter((e) => /lists/.test(e.message))).toEqual([]);
  });
});
