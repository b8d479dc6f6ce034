/**
 * Deno servers that import the SDK through `npm:` specifiers (trial 68C B1, B3): scan takes those
 * modules for the packages they name, and fix leaves such a file as it is, marked, rather than
 * writing v2 imports by bare names beside them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageModule } from '../src/analysis/ast.js';
import { MCP_LITE_MODULE, MCP_USE_SERVER_MODULE, mayServe, namesClient, SERVER_MODULE_SPECIFIER, servesBothEras } from '../src/analysis/mcp.js';
import { runFix } from '../src/fix/runner.js';
import { scan } from '../src/scan/scanner.js';
import { tempTree } from './helpers/cli.js';

const DENO_JSON = '{ "name": "@me/weather", "version": "0.1.0", "exports": { ".": "./main.ts" } }\n';

/** A low-level v1 server on stdio, imported through npm: (trial 68C B3's shape). */
const V1_STDIO = [
  "import { Server } from 'npm:@modelcontextprotocol/sdk@1.25.0/server/index.js';",
  "import { StdioServerTransport } from 'npm:@modelcontextprotocol/sdk@1.25.0/server/stdio.js';",
  "import { ListToolsRequestSchema } from 'npm:@modelcontextprotocol/sdk@1.25.0/types.js';",
  '',
  'function weatherServer() {',
  "  const server = new Server({ name: 'weather', version: '0.1.0' }, { capabilities: { tools: {} } });",
  '  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [] }));',
  '  return server;',
  '}',
  'await weatherServer().connect(new StdioServerTransport());',
  '',
].join('\n');

/** The same with bare specifiers (an import map's), as Node names them. */
const V1_STDIO_BARE = V1_STDIO.replaceAll('npm:@modelcontextprotocol/sdk@1.25.0/', '@modelcontextprotocol/sdk/');

/** A v1 McpServer on Deno.serve with a session map, through npm:. */
const V1_HTTP = [
  "import { McpServer } from 'npm:@modelcontextprotocol/sdk/server/mcp.js';",
  "import { WebStandardStreamableHTTPServerTransport } from 'npm:@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';",
  '',
  "const build = () => new McpServer({ name: 'weather', version: '0.1.0' });",
  'const live = new Map<string, WebStandardStreamableHTTPServerTransport>();',
  'Deno.serve(async (request) => {',
  "  const sid = request.headers.get('mcp-session-id');",
  '  if (sid && live.has(sid)) return live.get(sid)!.handleRequest(request);',
  '  const transport = new WebStandardStreamableHTTPServerTransport({',
  '    sessionIdGenerator: () => crypto.randomUUID(),',
  '    onsessioninitialized: (id) => { live.set(id, transport); },',
  '  });',
  '  await build().connect(transport);',
  '  return transport.handleRequest(request);',
  '});',
  '',
].join('\n');

describe('denoSdkImport', () => {
  it("takes the SDK's own packages through npm: or jsr:, not another @modelcontextprotocol library beside an import-mapped SDK (review 87)", async () => {
    const { denoSdkImport } = await import('../codemods/lib/official.js');
    const { parseFile } = await import('../src/analysis/parse.js');
    const found = (text: string) => denoSdkImport(parseFile(text, 'main.ts'))?.specifier;
    expect(found("import { McpServer } from 'npm:@modelcontextprotocol/sdk@1.25.0/server/mcp.js';\n")).toBe('npm:@modelcontextprotocol/sdk@1.25.0/server/mcp.js');
    expect(found("import { McpServer } from 'npm:@modelcontextprotocol/server@2.4.0';\n")).toBe('npm:@modelcontextprotocol/server@2.4.0');
    expect(found("import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nimport { App } from 'npm:@modelcontextprotocol/ext-apps@1.0.0';\n")).toBeUndefined();
  });
});

describe('packageModule', () => {
  it.each([
    ['npm:@modelcontextprotocol/sdk@1.25.0/server/mcp.js', '@modelcontextprotocol/sdk/server/mcp.js'],
    ['npm:@modelcontextprotocol/sdk/server/mcp.js', '@modelcontextprotocol/sdk/server/mcp.js'],
    ['npm:@modelcontextprotocol/server@^2', '@modelcontextprotocol/server'],
    ['npm:@modelcontextprotocol/server@^2.4.0/stdio', '@modelcontextprotocol/server/stdio'],
    ['jsr:@std/path@^1.0.0', '@std/path'],
    ['jsr:/@std/path@^1/posix', '@std/path/posix'],
    ['npm:zod@4.2.0', 'zod'],
    ['npm:mcp-lite', 'mcp-lite'],
    // Others as they are: Node's own, a bare package, a path, a URL.
    ['node:crypto', 'node:crypto'],
    ['@modelcontextprotocol/sdk/server/mcp.js', '@modelcontextprotocol/sdk/server/mcp.js'],
    ['./npm:thing.js', './npm:thing.js'],
    ['https://esm.sh/@modelcontextprotocol/sdk@1.25.0/server/mcp.js', 'https://esm.sh/@modelcontextprotocol/sdk@1.25.0/server/mcp.js'],
  ])('%s is %s', (specifier, module) => {
    expect(packageModule(specifier)).toBe(module);
  });
});

describe('the text tests of module specifiers read npm: ones', () => {
  it('server, client and framework modules', () => {
    expect(mayServe("import { Server } from 'npm:@modelcontextprotocol/sdk@1.25.0/server/index.js';")).toBe(true);
    expect(namesClient("import { Client } from 'npm:@modelcontextprotocol/sdk@1.25.0/client/index.js';")).toBe(true);
    expect(servesBothEras("import { serveStdio } from 'npm:@modelcontextprotocol/server@^2/stdio';")).toBe(true);
    expect(MCP_LITE_MODULE.test("import { McpServer } from 'npm:mcp-lite@0.8.0';")).toBe(true);
    expect(MCP_USE_SERVER_MODULE.test("import { createMCPServer } from 'npm:mcp-use@1.2.0/server';")).toBe(true);
    for (const specifier of ['npm:@modelcontextprotocol/server@^2', 'npm:@modelcontextprotocol/sdk@1.25.0/server/mcp.js', 'jsr:@modelcontextprotocol/node', 'npm:mcp-handler@1.0.0']) expect(SERVER_MODULE_SPECIFIER.test(specifier), specifier).toBe(true);
    // Look-alikes: other packages whose names start alike, a package that only ends like one.
    expect(servesBothEras("import { x } from 'npm:@modelcontextprotocol/server-legacy@1/stdio';")).toBe(false);
    expect(MCP_LITE_MODULE.test("import { x } from 'npm:mcp-lite-tools@1';")).toBe(false);
    expect(MCP_USE_SERVER_MODULE.test("import { x } from 'npm:mcp-use@1.2.0/client';")).toBe(false);
    for (const specifier of ['npm:@modelcontextprotocol/servers@1', 'npm:@modelcontextprotocol/sdk@1.25.0/client/index.js', 'npm:not-mcp-handler@1']) expect(SERVER_MODULE_SPECIFIER.test(specifier), specifier).toBe(false);
  });
});

describe('scan of a Deno project on npm: specifiers', () => {
  it('counts a v1 server as the Node spelling is counted (trial 68C B3)', async () => {
    const dir = tempTree({ 'deno.json': DENO_JSON, 'main.ts': V1_STDIO, 'bare/main.ts': V1_STDIO_BARE, 'http.ts': V1_HTTP });
    const result = await scan({ paths: [dir], cache: false });
    expect(result.sdkV1Files).toEqual(['bare/main.ts', 'http.ts', 'main.ts']);
  });

  it('does not count a v2 server nor a v1 client', async () => {
    const v2 = "import { McpServer } from 'npm:@modelcontextprotocol/server@^2';\nimport { serveStdio } from 'npm:@modelcontextprotocol/server@^2/stdio';\nserveStdio(() => new McpServer({ name: 'w', version: '1' }));\n";
    const client = "import { Client } from 'npm:@modelcontextprotocol/sdk@1.25.0/client/index.js';\nexport const client = new Client({ name: 'c', version: '1.0.0' });\n";
    const dir = tempTree({ 'deno.json': DENO_JSON, 'v2.ts': v2, 'client.ts': client });
    const result = await scan({ paths: [dir], cache: false });
    expect(result.sdkV1Files).toEqual([]);
  });

  it('does not count a file that names the specifier in a comment or a string only (review 87 point 4)', async () => {
    const util = "// Server code: see 'npm:@modelcontextprotocol/sdk@1.25.0/server/mcp.js' in main.ts\nimport { McpServer } from 'npm:@modelcontextprotocol/server@^2';\nexport const make = () => new McpServer({ name: 'u', version: '1' });\n";
    const hint = "import { McpServer } from 'npm:@modelcontextprotocol/server@^2';\nexport const hint = \"deno add 'npm:@modelcontextprotocol/sdk@1.25.0/server/mcp.js'\";\nexport const s = new McpServer({ name: 'h', version: '1' });\n";
    const dir = tempTree({ 'deno.json': DENO_JSON, 'main.ts': V1_STDIO, 'util.ts': util, 'hint.ts': hint, 'lazy.ts': "export const load = () => import('npm:@modelcontextprotocol/sdk@1.25.0/server/mcp.js');\n" });
    const result = await scan({ paths: [dir], cache: false });
    expect(result.sdkV1Files).toEqual(['lazy.ts', 'main.ts']);
  });

  it("takes an oninitialized on the v2 packages through npm: for 2025 clients' fallback, as on Node", async () => {
    const v2 = [
      "import { createMcpHandler, McpServer } from 'npm:@modelcontextprotocol/server@2.4.0';",
      'function build() {',
      "  const server = new McpServer({ name: 'w', version: '1' });",
      '  server.server.oninitialized = () => console.error(server.server.getClientVersion()?.name);',
      '  return server;',
      '}',
      'const handler = createMcpHandler(() => build());',
      'Deno.serve((request) => handler(request));',
      '',
    ].join('\n');
    const dir = tempTree({ 'deno.json': DENO_JSON, 'main.ts': v2, 'node/main.ts': v2.replace('npm:@modelcontextprotocol/server@2.4.0', '@modelcontextprotocol/server') });
    const result = await scan({ paths: [dir], cache: false });
    const of = (file: string) => result.findings.filter((f) => f.file === file).map((f) => `${f.line} ${f.ruleId} ${f.severity}`);
    expect(of('main.ts')).toEqual(of('node/main.ts'));
    expect(of('main.ts')).toContain('4 session-lifecycle info');
  });
});

describe('fix --target 2026-07-28 of a Deno project on npm: specifiers', () => {
  /** The file as a dry run would write it. */
  const after = async (dir: string, file: string, target: '2026-07-28' | 'sdk-v1' = '2026-07-28') => {
    const result = await runFix({ cwd: dir, target, dryRun: true, allowDirty: true, format: false });
    return { result, text: result.files.find((f) => f.file === file)?.after };
  };

  it('leaves a v1 file as it is, marked with the move by hand (trial 68C B1)', async () => {
    const dir = tempTree({ 'deno.json': DENO_JSON, 'main.ts': V1_STDIO, 'http.ts': V1_HTTP });
    const { text: stdio } = await after(dir, 'main.ts');
    const { text: http } = await after(dir, 'http.ts');
    for (const [text, original] of [[stdio, V1_STDIO], [http, V1_HTTP]] as const) {
      // No v2 import by a bare name, and nothing moved: only the marker comes in.
      expect(text).not.toMatch(/from '@modelcontextprotocol\//);
      expect(text).toContain("Deno's npm: specifiers");
      expect(text).toContain('npm:@modelcontextprotocol/server@^2');
      expect(text!.split('\n').filter((line) => !/^\s*\/\//.test(line)).join('\n')).toBe(original);
    }
  });

  it('keeps the package of a Deno project with a package.json on SDK v1, saying why', async () => {
    const dir = tempTree({ 'deno.json': DENO_JSON, 'package.json': '{ "name": "weather", "version": "0.1.0", "type": "module" }\n', 'main.ts': V1_STDIO });
    const { result } = await after(dir, 'main.ts');
    expect(result.stayedOnV1).toEqual(['package.json']);
    expect(result.errors.map((e) => e.message).join('\n')).toContain("imports the SDK through Deno's npm: specifiers");
  });

  it('leaves a file on the v2 packages through npm: unrewritten where it would add a bare import', async () => {
    const v2 = [
      "import { McpServer } from 'npm:@modelcontextprotocol/server@^2.4.0';",
      "import { StdioServerTransport } from 'npm:@modelcontextprotocol/server@^2.4.0/stdio';",
      '',
      "await new McpServer({ name: 'w', version: '1' }).connect(new StdioServerTransport());",
      '',
    ].join('\n');
    const dir = tempTree({ 'deno.json': DENO_JSON, 'main.ts': v2 });
    const { result, text } = await after(dir, 'main.ts');
    expect(text).not.toMatch(/from '@modelcontextprotocol\//);
    expect(text!.replace(/\n\/\/ /g, ' ')).toContain('serve it by hand with serveStdio of npm:@modelcontextprotocol/server@^2/stdio');
    // Its 2025 transport is still counted as serving (exit 1).
    expect(result.remaining.map((f) => `${f.line} ${f.ruleId}`)).toEqual([`${text!.split('\n').findIndex((l) => l.includes('new StdioServerTransport')) + 1} protocol-pin`]);
  });

  it('--target sdk-v1 makes the transport stateless and keeps the npm: imports', async () => {
    const dir = tempTree({ 'deno.json': DENO_JSON, 'http.ts': V1_HTTP });
    const { text } = await after(dir, 'http.ts', 'sdk-v1');
    expect(text).toContain('sessionIdGenerator: undefined');
    expect(text).not.toContain('mcp-session-id');
    expect(text).toContain("from 'npm:@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'");
    expect(text).not.toContain('TODO(mcp-migrate)');
  });
});

describe('the scan fixtures of npm: specifiers', () => {
  it('find what the same code with bare specifiers finds', async () => {
    const file = path.resolve(__dirname, '../fixtures/scan/session-map/deno-npm-session-map.ts');
    const deno = fs.readFileSync(file, 'utf8');
    const node = deno.replace(/npm:(@modelcontextprotocol\/sdk)@1\.25\.0/g, '$1').replace('npm:zod@4.2.0', 'zod');
    const dir = tempTree({ 'deno/main.ts': deno, 'node/main.ts': node });
    const result = await scan({ paths: [dir], cache: false });
    const of = (folder: string) => result.findings.filter((f) => f.file.startsWith(`${folder}/`)).map((f) => `${f.line} ${f.ruleId} ${f.severity} ${f.message}`);
    expect(of('deno').length).toBeGreaterThan(0);
    expect(of('deno')).toEqual(of('node'));
    expect(result.sdkV1Files).toEqual(['deno/main.ts', 'node/main.ts']);
  });
});
