/**
 * The inventory's transport labels: one name, createMcpHandler, belongs to two libraries, and only
 * the v2 SDK's speaks 2026-07-28.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../src/index.js';
import { buildInventory, nextStep } from '../src/inventory/inventory.js';
import { formatMarkdown } from '../src/report/markdown.js';
import { analyseProject, floorOf, hostOnV1, ProjectSignals, SDK_V1_HOSTS, type ProjectInfo } from '../src/inventory/project.js';
import type { Finding, ScanResult } from '../src/model.js';
import { ruleById } from '../src/rules/index.js';
import { gitRepo, tempTree } from './helpers/cli.js';

function transports(text: string): string[] {
  const signals = new ProjectSignals();
  signals.add(text, 'code');
  return [...signals.transports];
}

describe('ProjectSignals transports', () => {
  it("tells the v2 SDK's createMcpHandler from Vercel's mcp-handler", () => {
    expect(transports("import { createMcpHandler } from '@modelcontextprotocol/server';\nexport default createMcpHandler(build);\n")).toEqual(['2026-07-28 handler (createMcpHandler)']);
    expect(transports('import { createMcpHandler } from "mcp-handler";\nconst handler = createMcpHandler((server) => {});\n')).toEqual(["Vercel's mcp-handler (SDK v1: 2025 only)"]);
    // agents 0.20's own, built on the v2 packages (trial 18A, sentry-mcp).
    expect(transports("import { createMcpHandler } from 'agents/mcp/server';\nexport default { fetch: createMcpHandler(build) };\n")).toEqual(['2026-07-28 handler (createMcpHandler)']);
  });

  it("names @chatmcp/sdk's RestServerTransport, and not a class of the same name from elsewhere", () => {
    expect(transports("import { RestServerTransport } from '@chatmcp/sdk/server/rest.js';\nawait server.connect(new RestServerTransport({ port: 3000 }));\n")).toEqual(["@chatmcp/sdk's RestServerTransport (one transport for every client)"]);
    expect(transports("import { RestServerTransport } from './rest.js';\nawait server.connect(new RestServerTransport({ port: 3000 }));\n")).toEqual([]);
  });

  it("names a hand-written HTTP+SSE transport by the 'endpoint' event it sends, not a client's test of the event line", () => {
    const legacy = ['HTTP+SSE (legacy)'];
    expect(transports("import { Server } from '@modelcontextprotocol/sdk/server/index.js';\nawait bridge.send({ event: 'endpoint', data });\n")).toEqual(legacy);
    expect(transports("import { Server } from '@modelcontextprotocol/sdk/server/index.js';\nres.write(`event: endpoint\\ndata: /messages?sessionId=${id}\\n\\n`);\n")).toEqual(legacy);
    expect(transports("import { Client } from '@modelcontextprotocol/sdk/client/index.js';\nif (line === 'event: endpoint') expectEndpoint = true;\n")).toEqual([]);
  });

  it("names @hono/mcp's StreamableHTTPTransport built with no options (no session id generator) as stateless Streamable HTTP (trial 30B: only stdio was named)", () => {
    const hono = "import { StreamableHTTPTransport } from '@hono/mcp';\nimport { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\n";
    expect(transports(hono + 'const transport = new StreamableHTTPTransport();\n')).toEqual(['Streamable HTTP (stateless, 2025)']);
    expect(transports(hono + 'const transport = new StreamableHTTPTransport({ sessionIdGenerator: () => crypto.randomUUID() });\n')).toEqual(['Streamable HTTP (stateful sessions)']);
  });

  it('takes a copy of options with the generator blanked, kept in another object (a log line), for no stateless transport (puppeteer-mcp-server)', () => {
    const head = "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';\nconst options = { sessionIdGenerator: () => randomUUID() };\n";
    expect(transports(head + 'const meta = { config: { ...options, sessionIdGenerator: undefined } }; // functions dropped\n')).toEqual(['Streamable HTTP (stateful sessions)']);
    // The same copy handed to the transport, or options handed to a framework by name, are stateless.
    expect(transports(head + 'const t = new StreamableHTTPServerTransport({ ...options, sessionIdGenerator: undefined });\n')).toContain('Streamable HTTP (stateless, 2025)');
    expect(transports("import { McpModule } from '@rekog/mcp-nest';\nMcpModule.forRoot({ streamableHttp: { ...defaults, sessionIdGenerator: undefined } });\n")).toEqual(['Streamable HTTP (stateless, 2025)']);
    expect(transports("import { McpModule } from '@rekog/mcp-nest';\nMcpModule.forRoot({ config: { enableJsonResponse: true, sessionIdGenerator: undefined } });\n")).toEqual(['Streamable HTTP (stateless, 2025)']);
  });

  it("counts the CORS list of a middleware module MCP code imports, and not that of a module no MCP code imports (lara-mcp's middleware/cors.ts)", () => {
    const middleware = "import cors from 'cors';\nexport default cors({ allowedHeaders: ['Content-Type', 'Accept', 'x-api-key'] });\n";
    const server = (from: string) => `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nimport corsMiddleware from '${from}';\napp.use(corsMiddleware);\n`;
    const filters = (imported: string) => {
      const signals = new ProjectSignals();
      signals.addNeighbour(middleware, 'src/middleware/cors.ts');
      signals.addNeighbour(middleware, 'web/api/cors.ts');
      signals.add(server(imported), 'code', 'src/server.ts');
      signals.settle();
      return signals.headerFiltersSeen();
    };
    expect(filters('./middleware/cors.js')).toBe('lists');
    expect(filters('./middleware')).toBe('none');
    expect(filters('./other.js')).toBe('none');
  });

  it('does not count the CORS of a file that only calls MCP servers (a REST API using the client); a server file with the client too still counts', () => {
    const filters = (...files: string[]) => {
      const signals = new ProjectSignals();
      files.forEach((text, i) => signals.add(text, 'code', `src/f${i}.ts`));
      return signals.headerFiltersSeen();
    };
    const client = "import cors from 'cors';\nimport { Client } from '@modelcontextprotocol/sdk/client/index.js';\napp.use(cors());\n";
    const server = "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\napp.post('/mcp', handle);\n";
    expect(filters(client, server)).toBe('none');
    expect(filters(client.replace('app.use', "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\napp.use"))).toBe('reflected');
    expect(filters(client.replace('sdk/client/index.js', 'client'), server)).toBe('none');
  });

  it('is handed such a module by the scan, which decodes it for this alone', async () => {
    const dir = tempTree({
      'src/middleware/cors.ts': "import cors from 'cors';\nexport default cors({ allowedHeaders: ['Content-Type'] });\n",
      'src/server.ts': "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nimport corsMiddleware from './middleware/cors.js';\napp.use(corsMiddleware);\n",
    });
    const signals = new ProjectSignals();
    const corsFiles: string[] = [];
    await scan({ paths: [dir], cache: false, onFile: (rel, text, kind) => signals.add(text, kind, rel), onCorsFile: (rel, text) => (corsFiles.push(rel), signals.addNeighbour(text, rel)) });
    expect(corsFiles).toEqual(['src/middleware/cors.ts']);
    expect((await analyseProject(dir, signals)).headerFilters).toBe('lists');
  });

  it('sees McpAgent subclasses under another name', () => {
    expect(transports("import { PaidMcpAgent } from '@stripe/agent-toolkit/cloudflare';\nclass Shop extends PaidMcpAgent {}\n")).toEqual(['McpAgent (Durable Object per session)']);
  });
});

describe('analyseProject: the SDK a package serves with', () => {
  it("labels mcp-handler 2 as on the v2 packages, and counts it as no v1 host", async () => {
    const signals = new ProjectSignals();
    signals.add("import { createMcpHandler } from 'mcp-handler';\nexport const handler = createMcpHandler(() => {});\n", 'code');
    const two = await analyseProject(tempTree({ 'package.json': JSON.stringify({ name: 'app', dependencies: { 'mcp-handler': '^2.1.0' } }) }), signals);
    expect([two.transports, two.packages[0].v1Hosts]).toEqual([["Vercel's mcp-handler 2 (on the v2 packages)"], []]);
    // A range that names the major alone is 2 all the same.
    for (const range of ['^2', '2', '~2', '>=2']) expect(hostOnV1(SDK_V1_HOSTS.find((h) => h.dependency === 'mcp-handler')!, range)).toBe(false);
    expect([floorOf('^1.12'), floorOf('~2'), floorOf('latest')]).toEqual(['1.12.0', '2.0.0', undefined]);
    const one = await analyseProject(tempTree({ 'package.json': JSON.stringify({ name: 'app', dependencies: { 'mcp-handler': '^1.1.0' } }) }), signals);
    expect([one.transports, one.packages[0].v1Hosts]).toEqual([["Vercel's mcp-handler (SDK v1: 2025 only)"], ["mcp-handler@^1.1.0 (Vercel's mcp-handler)"]]);
  });

  it('takes a v1 SDK no code imports, beside the v2 packages (a peer agents 0.20 asks for), for no SDK the project serves with', async () => {
    const manifest = JSON.stringify({ name: 'worker', dependencies: { agents: '^0.20.1', '@modelcontextprotocol/sdk': '1.30.0', '@modelcontextprotocol/server': '2.0.0' } });
    const dir = tempTree({ 'package.json': manifest });
    const v2only = new ProjectSignals();
    v2only.add("import { McpServer } from '@modelcontextprotocol/server';\nimport type { Tool } from '@modelcontextprotocol/sdk/types.js';\n", 'code');
    expect((await analyseProject(dir, v2only)).sdk).toBe('v2');
    const both = new ProjectSignals();
    both.add("import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\n", 'code');
    expect((await analyseProject(dir, both)).sdk).toBe('v1+v2');
    // No code seen (the signals were not collected): the manifests say it.
    expect((await analyseProject(dir, new ProjectSignals())).sdk).toBe('v1+v2');
  });

  it('counts a client on @modelcontextprotocol/client as on the v2 packages', async () => {
    const dir = tempTree({ 'package.json': JSON.stringify({ name: 'bridge', dependencies: { '@modelcontextprotocol/client': '^2.0.0' } }) });
    const project = await analyseProject(dir, new ProjectSignals());
    expect([project.sdk, project.sdkSummary]).toEqual(['v2', 'bridge: @modelcontextprotocol/client@^2.0.0']);
  });

  it('reads a version taken from the pnpm catalog (`catalog:`) as the catalog gives it', async () => {
    const dir = tempTree({
      'package.json': JSON.stringify({ name: 'mono', private: true }),
      'pnpm-workspace.yaml': "packages:\n  - packages/*\n\ncatalog:\n  '@modelcontextprotocol/sdk': ^1.25.2\n",
      'packages/utils/package.json': JSON.stringify({ name: 'utils', peerDependencies: { '@modelcontextprotocol/sdk': 'catalog:' } }),
    });
    const project = await analyseProject(dir, new ProjectSignals());
    expect(project.sdkSummary).toBe('packages/utils: @modelcontextprotocol/sdk@^1.25.2');
    // Its floor counts: 1.25 serves 2025 clients statelessly.
    expect(project.v1Floor).toBe('1.25.2');
  });

  it('reads a version taken from a named pnpm catalog (`catalog:prod`) or `catalog:default` as that catalog gives it (nuxt-mcp)', async () => {
    const dir = tempTree({
      'package.json': JSON.stringify({ name: 'mono', private: true }),
      'pnpm-workspace.yaml': "packages:\n  - packages/*\n\ncatalog:\n  '@modelcontextprotocol/sdk': ^1.25.2\n\ncatalogs:\n  prod:\n    '@modelcontextprotocol/sdk': ^1.21.0 # pinned for the plugin\n",
      'packages/vite/package.json': JSON.stringify({ name: 'vite-plugin-mcp', dependencies: { '@modelcontextprotocol/sdk': 'catalog:prod' } }),
      'packages/nuxt/package.json': JSON.stringify({ name: 'nuxt-mcp', dependencies: { '@modelcontextprotocol/sdk': 'catalog:default' } }),
      'packages/gone/package.json': JSON.stringify({ name: 'gone', dependencies: { '@modelcontextprotocol/sdk': 'catalog:gone' } }),
    });
    const project = await analyseProject(dir, new ProjectSignals());
    // One no catalog gives stays as written.
    expect(project.sdkSummary).toBe('packages/gone: @modelcontextprotocol/sdk@catalog:gone; packages/nuxt: @modelcontextprotocol/sdk@^1.25.2; packages/vite: @modelcontextprotocol/sdk@^1.21.0');
    expect(project.v1Floor).toBe('1.21.0');
  });

  it('reads a host taken from the pnpm catalog as the catalog gives it: mcp-handler 2 is on the v2 packages', async () => {
    const signals = new ProjectSignals();
    signals.add("import { createMcpHandler } from 'mcp-handler';\nexport const handler = createMcpHandler(() => {});\n", 'code');
    const tree = (pin: string) =>
      tempTree({
        'package.json': JSON.stringify({ name: 'mono', private: true }),
        'pnpm-workspace.yaml': `packages:\n  - apps/*\n\ncatalog:\n  mcp-handler: ${pin}\n`,
        'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { 'mcp-handler': 'catalog:' } }),
      });
    const two = await analyseProject(tree('^2.1.0'), signals);
    expect([two.transports, two.packages.flatMap((p) => p.v1Hosts)]).toEqual([["Vercel's mcp-handler 2 (on the v2 packages)"], []]);
    const one = await analyseProject(tree('^1.1.0'), signals);
    expect([one.transports, one.packages.flatMap((p) => p.v1Hosts)]).toEqual([["Vercel's mcp-handler (SDK v1: 2025 only)"], ["mcp-handler@catalog: (Vercel's mcp-handler)"]]);
  });

  it('counts a host built on SDK v1 (FastMCP) as v1 when the package declares no SDK package itself', async () => {
    const dir = tempTree({ 'package.json': JSON.stringify({ name: 'crawler', dependencies: { fastmcp: '^4.3.2', zod: '^3.25.0' } }) });
    const project = await analyseProject(dir, new ProjectSignals());
    expect(project.sdk).toBe('v1');
    expect(project.sdkSummary).toBe('crawler: fastmcp@^4.3.2 (FastMCP), built on @modelcontextprotocol/sdk v1');
    const inventory = buildInventory({ findings: [], summary: { findings: 0 }, errors: [] } as unknown as ScanResult, project, new Set());
    const row = inventory.checklist.find((i) => i.step === 'SDK on a stateless-capable version')!;
    expect([row.status, row.detail]).toEqual(['todo', 'crawler: fastmcp@^4.3.2 (FastMCP), built on @modelcontextprotocol/sdk v1. It serves 2025 clients only; only the v2 packages (createMcpHandler) speak 2026-07-28']);
  });

  it('takes a framework named for MCP as a v1 host when its installed package.json asks for the v1 SDK, and says when it is not installed', async () => {
    const manifest = JSON.stringify({ name: 'pubmed', dependencies: { '@acme/mcp-core': '^0.11.0', zod: '^3.25.0' } });
    const bare = tempTree({ 'package.json': manifest });
    const unknown = await analyseProject(bare, new ProjectSignals());
    expect([unknown.sdk, unknown.sdkSummary]).toEqual(['none', 'no @modelcontextprotocol package declared; @acme/mcp-core@^0.11.0 may bring one, but it is not installed here to tell']);
    const empty = { findings: [], summary: { findings: 0 }, errors: [] } as unknown as ScanResult;
    const untoldRow = buildInventory(empty, unknown, new Set()).checklist.find((i) => i.step === 'SDK on a stateless-capable version')!;
    expect([untoldRow.status, untoldRow.detail]).toEqual(['todo', `${unknown.sdkSummary}: install the dependencies and run report again to tell the SDK`]);
    const scanned = await scan({ paths: [bare], cwd: bare });
    expect(formatMarkdown(buildInventory(scanned, unknown, new Set()))).toContain('| MCP SDK | none found (no @modelcontextprotocol package declared; @acme/mcp-core@^0.11.0 may bring one, but it is not installed here to tell) |');
    const installed = tempTree({
      'package.json': manifest,
      'node_modules/@acme/mcp-core/package.json': JSON.stringify({ name: '@acme/mcp-core', version: '0.11.2', dependencies: { '@modelcontextprotocol/sdk': '^1.24.0' } }),
      'node_modules/zod/package.json': JSON.stringify({ name: 'zod', version: '3.25.0' }),
    });
    const project = await analyseProject(installed, new ProjectSignals());
    expect([project.sdk, project.sdkSummary]).toEqual(['v1', 'pubmed: @acme/mcp-core@^0.11.0 (installed 0.11.2, on @modelcontextprotocol/sdk@^1.24.0), built on @modelcontextprotocol/sdk v1']);
    // A framework on the v2 packages is no v1 host: the package serves with v2 through it (trial 19A).
    const v2 = tempTree({
      'package.json': manifest,
      'node_modules/@acme/mcp-core/package.json': JSON.stringify({ name: '@acme/mcp-core', version: '1.0.0', dependencies: { '@modelcontextprotocol/server': '^2.4.0' } }),
    });
    const onV2 = await analyseProject(v2, new ProjectSignals());
    expect([onV2.sdk, onV2.sdkSummary]).toEqual(['v2', 'pubmed: @modelcontextprotocol/server@^2.4.0 (through @acme/mcp-core)']);
  });

  it('takes the package above a scanned folder with no package.json of its own, up to the repository top only', async () => {
    const files = { 'package.json': JSON.stringify({ name: 'tasks', dependencies: { fastmcp: '^3.23.1', zod: '^3.25.0' } }), 'mcp-server/index.js': "import { FastMCP } from 'fastmcp';\n" };
    const dir = gitRepo(files);
    const whole = await analyseProject(dir, new ProjectSignals());
    const sub = await analyseProject(path.join(dir, 'mcp-server'), new ProjectSignals());
    // What `report mcp-server` says of the package is what `report .` says: mcp-server is a folder of it.
    expect([sub.sdk, sub.sdkSummary, sub.serverStyles]).toEqual([whole.sdk, whole.sdkSummary, whole.serverStyles]);
    expect([sub.sdk, sub.sdkSummary]).toEqual(['v1', 'tasks: fastmcp@^3.23.1 (FastMCP), built on @modelcontextprotocol/sdk v1']);
    expect(sub.packages.map((p) => p.dir)).toEqual(['..']);
    // Scanned paths under a root: their packages, and the package a scanned file is in; not the others under the root.
    fs.mkdirSync(path.join(dir, 'tools'));
    fs.writeFileSync(path.join(dir, 'tools/package.json'), JSON.stringify({ name: 'tools', dependencies: { '@modelcontextprotocol/server': '^2.4.0' } }));
    expect((await analyseProject(dir, new ProjectSignals())).sdk).toBe('v1+v2');
    expect((await analyseProject(dir, new ProjectSignals(), [path.join(dir, 'mcp-server/index.js')])).sdkSummary).toBe(sub.sdkSummary);
    // A folder with a package.json of its own is its own package; outside git nothing above the folder is read.
    const own = gitRepo({ ...files, 'mcp-server/package.json': JSON.stringify({ name: 'server', dependencies: { express: '^5.0.0' } }) });
    expect((await analyseProject(path.join(own, 'mcp-server'), new ProjectSignals())).sdk).toBe('none');
    expect((await analyseProject(path.join(tempTree(files), 'mcp-server'), new ProjectSignals())).sdk).toBe('none');
  });

  it('takes the SDK a workspace root declares for a package of it that declares none, as fix does (trial 18A, report apps/srv)', async () => {
    const files = {
      'package.json': JSON.stringify({ name: 'ws', private: true, workspaces: ['apps/*'], dependencies: { '@modelcontextprotocol/sdk': '1.26.0', express: '^4.19.0' } }),
      'apps/srv/package.json': JSON.stringify({ name: 'srv', version: '0.0.0' }),
      'apps/srv/src/main.ts': "import express from 'express';\nimport { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\n",
    };
    const dir = gitRepo(files);
    const sub = await analyseProject(path.join(dir, 'apps/srv'), new ProjectSignals());
    expect([sub.sdk, sub.sdkSummary]).toEqual(['v1', 'ws: @modelcontextprotocol/sdk@1.26.0']);
    // A package that declares an SDK of its own is judged by it alone.
    const own = gitRepo({ ...files, 'apps/srv/package.json': JSON.stringify({ name: 'srv', dependencies: { '@modelcontextprotocol/server': '^2.4.0' } }) });
    expect((await analyseProject(path.join(own, 'apps/srv'), new ProjectSignals())).sdk).toBe('v2');
  });

  it('reads a workspace package named for MCP that is not installed from its own folder (trial 19A, a fresh clone)', async () => {
    const dir = gitRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
      'packages/kit/package.json': JSON.stringify({ name: '@mono/mcp-kit', version: '0.3.0', dependencies: { '@modelcontextprotocol/sdk': '^1.20.0' } }),
      'packages/app/package.json': JSON.stringify({ name: 'app', dependencies: { '@mono/mcp-kit': '*' } }),
      'packages/app/src/server.js': "import { serve } from '@mono/mcp-kit';\nserve();\n",
    });
    const app = await analyseProject(path.join(dir, 'packages/app'), new ProjectSignals());
    expect(app.sdk).toBe('v1');
    expect(app.sdkSummary).toMatch(/@mono\/mcp-kit@\* \(workspace package 0\.3\.0, on @modelcontextprotocol\/sdk@\^1\.20\.0\)/);
    // A kit built on the v2 packages makes the package v2, through it.
    fs.writeFileSync(path.join(dir, 'packages/kit/package.json'), JSON.stringify({ name: '@mono/mcp-kit', version: '0.4.0', dependencies: { '@modelcontextprotocol/server': '^2.4.0' } }));
    const moved = await analyseProject(path.join(dir, 'packages/app'), new ProjectSignals());
    expect([moved.sdk, moved.sdkSummary]).toEqual(['v2', 'app: @modelcontextprotocol/server@^2.4.0 (through @mono/mcp-kit)']);
  });

  it('does not count a package with other uses (Cloudflare agents) without an SDK package', async () => {
    const dir = tempTree({ 'package.json': JSON.stringify({ name: 'chat', dependencies: { agents: '^0.2.0' } }) });
    const project = await analyseProject(dir, new ProjectSignals());
    expect(project.sdk).toBe('none');
  });
});

describe('analyseProject: server styles and what serves 2026-07-28', () => {
  it('names a framework once when a more precise label says the same (Next.js beside Next.js (mcp-handler))', async () => {
    const dir = tempTree({ 'package.json': JSON.stringify({ name: 'web', dependencies: { next: '^15.0.0', 'mcp-handler': '^1.0.0' } }) });
    expect((await analyseProject(dir, new ProjectSignals())).serverStyles).toEqual(['Next.js (mcp-handler)']);
  });

  it("names the frameworks of the packages that serve MCP, not of a web UI beside them that uses the SDK's client (metamcp's Next.js frontend)", async () => {
    const server = "import express from 'express';\nimport { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const app = express();\n";
    // The UI's own McpServer type (a row of its table) is no server.
    const ui = "import { Client } from '@modelcontextprotocol/sdk/client/index.js';\nimport type { McpServer } from '@repo/types';\nexport const rows: McpServer[] = [];\nexport const client = new Client({ name: 'ui', version: '1' });\n";
    const files = {
      'package.json': JSON.stringify({ name: 'mono', private: true }),
      'apps/backend/package.json': JSON.stringify({ name: 'backend', dependencies: { '@modelcontextprotocol/sdk': '^1.16.0', express: '^5.0.0' } }),
      'apps/backend/src/app.ts': server,
      'apps/frontend/package.json': JSON.stringify({ name: 'frontend', dependencies: { '@modelcontextprotocol/sdk': '^1.16.0', next: '^15.0.0' } }),
      'apps/frontend/app/inspector.ts': ui,
    };
    const dir = tempTree(files);
    const signals = new ProjectSignals();
    for (const [file, text] of Object.entries(files)) if (file.endsWith('.ts')) signals.add(text, 'code', file);
    expect((await analyseProject(dir, signals)).serverStyles).toEqual(['express']);
    // Where no file was seen to serve, every package's frameworks are named, as before.
    expect((await analyseProject(dir, new ProjectSignals())).serverStyles).toEqual(['Next.js', 'express']);
  });

  it('points a server on stdio alone at serveStdio, one over HTTP at createMcpHandler', async () => {
    const sdkRow = async (server: string) => {
      const dir = tempTree({ 'package.json': JSON.stringify({ name: 'cli-server', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0' } }), 'src/index.ts': server });
      const signals = new ProjectSignals();
      signals.add(server, 'code');
      const inventory = buildInventory({ findings: [], summary: { findings: 0 }, errors: [] } as unknown as ScanResult, await analyseProject(dir, signals), new Set());
      return inventory.checklist.find((i) => i.step === 'SDK on a stateless-capable version')!.detail;
    };
    expect(await sdkRow("import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';\nawait server.connect(new StdioServerTransport());\n")).toBe('cli-server: @modelcontextprotocol/sdk@^1.26.0. v1 serves 2025 clients over stdio; only the v2 packages (serveStdio) speak 2026-07-28');
    expect(await sdkRow("import express from 'express';\nimport { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';\n")).toMatch(/only the v2 packages \(createMcpHandler\) speak 2026-07-28$/);
  });
});

describe('analyseProject: which packages are the SDK', () => {
  it('leaves the inspector out of the SDK summary, and says a caret range below 1.10 may install a later 1.x', async () => {
    const dir = tempTree({ 'package.json': JSON.stringify({ name: 'docs', dependencies: { '@modelcontextprotocol/sdk': '^1.6.1' }, devDependencies: { '@modelcontextprotocol/inspector': '^0.16.0' } }) });
    const project = await analyseProject(dir, new ProjectSignals());
    expect(project.sdkSummary).toBe('docs: @modelcontextprotocol/sdk@^1.6.1');
    const row = buildInventory({ findings: [], summary: { findings: 0 }, errors: [] } as unknown as ScanResult, project, new Set()).checklist.find((i) => i.step === 'SDK on a stateless-capable version')!;
    expect(row.detail).toMatch(/v1 below 1\.10 has no stateless Streamable HTTP \(the caret range may install a later 1\.x: raise its floor to \^1\.10\.2 to be sure\)/);
  });

  it('does not call 1.10.0 or 1.10.1 stateless-capable: they answer every stateless request but initialize 400 (trial 36C B2)', async () => {
    const detail = async (range: string) => {
      const project = await analyseProject(tempTree({ 'package.json': JSON.stringify({ name: 'lambda', dependencies: { '@modelcontextprotocol/sdk': range } }) }), new ProjectSignals());
      return buildInventory({ findings: [], summary: { findings: 0 }, errors: [] } as unknown as ScanResult, project, new Set()).checklist.find((i) => i.step === 'SDK on a stateless-capable version')!.detail;
    };
    expect(await detail('1.10.1')).toMatch(/v1 1\.10\.0 and 1\.10\.1 answer every stateless request but initialize 400 "Server not initialized", even on one instance: raise the SDK to \^1\.10\.2/);
    expect(await detail('^1.10.0')).toMatch(/raise the SDK to \^1\.10\.2/);
    expect(await detail('^1.10.2')).toMatch(/v1 can serve 2025 clients statelessly/);
  });
});

describe('the checklist on a server served over stdio only', () => {
  it('is n/a for gateway routing and the kill test when a web framework beside it serves something else', async () => {
    const server = "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';\nawait server.connect(new StdioServerTransport());\n";
    const dir = tempTree({
      'package.json': JSON.stringify({ name: 'cms', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.0.0', 'socket.io': '^4.0.0' } }),
      'src/index.ts': server,
      'src/bridge.ts': "import express from 'express';\nexport const app = express();\n",
    });
    const signals = new ProjectSignals();
    signals.add(server, 'code');
    const project = await analyseProject(dir, signals);
    expect(project.serverStyles).toEqual(['express']);
    const checklist = buildInventory({ findings: [], summary: { findings: 0 }, errors: [] } as unknown as ScanResult, project, new Set()).checklist;
    const status = (prefix: string) => checklist.find((i) => i.step.startsWith(prefix))!.status;
    expect([status('Gateway routing'), status('Kill test')]).toEqual(['n/a', 'n/a']);
  });
});

describe('the checklist: stateless transports count errors', () => {
  it('is done where only warnings of those categories are left (an analytics hook), and says how many', async () => {
    const dir = tempTree({ 'hooks.ts': fs.readFileSync(path.resolve(__dirname, '../fixtures/scan/initialize-gate/lifecycle-hooks.ts'), 'utf8').split('\nexport function withSetup')[0] });
    const result = await scan({ paths: [dir], cwd: dir, severities: { 'session-lifecycle': 'warning' } });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const row = buildInventory(result, await analyseProject(dir, new ProjectSignals()), new Set()).checklist.find((i) => i.step.startsWith('Transports stateless'))!;
    const warnings = result.findings.filter((f) => f.category === 'initialize-gate').length;
    expect([row.status, row.detail]).toEqual(['done', `no error; ${warnings} warning(s) in initialize-gate (not blocking)`]);
  });
});

describe('the checklist: explicit handles', () => {
  it('is to do while a tool keeps state in this instance memory with no session key (a module-level browser page)', async () => {
    const fixture = path.resolve(__dirname, '../fixtures/scan/stateful-tool/browser-state.ts');
    const result = await scan({ paths: [fixture], cwd: path.dirname(fixture) });
    // The fixture's tools keep one module-level page: no session-keyed state at all.
    expect(result.findings.filter((f) => f.category === 'session-state' || f.state)).toEqual([]);
    expect(result.findings.filter((f) => /keeps a browser page in this instance's memory/.test(f.message)).map((f) => f.tool)).toEqual(['navigate', 'click']);
    const project = await analyseProject(path.dirname(fixture), new ProjectSignals());
    const row = buildInventory(result, project, new Set()).checklist.find((i) => i.step === 'Explicit handles minted and documented in tool schemas')!;
    expect(row.status).toBe('todo');
    // The two tools' findings and the module-level page's own.
    expect(result.findings.filter((f) => /keeps a browser page in this module's memory/.test(f.message)).length).toBe(1);
    expect(row.detail).toMatch(/^3 finding\(s\) of state kept in this instance's memory across calls \(a browser page, state made with the server, a module-level setting or map entry\): keep it in a shared store under a handle the tools take/);
  });
});

describe('the checklist: explicit handles, McpAgents', () => {
  it('counts the McpAgents that keep state, not those that keep nothing of their own (information)', async () => {
    const fixture = path.resolve(__dirname, '../fixtures/scan/session-state/mcp-agent-no-state.ts');
    const dir = tempTree({ 'agents.ts': fs.readFileSync(fixture, 'utf8') });
    const result = await scan({ paths: [dir], cwd: dir });
    expect(result.findings.filter((f) => f.ruleId === 'mcp-agent-state').map((f) => f.severity)).toEqual(['info', 'info', 'error', 'error', 'info']);
    const row = buildInventory(result, await analyseProject(dir, new ProjectSignals()), new Set()).checklist.find((i) => i.step === 'Explicit handles minted and documented in tool schemas')!;
    expect([row.status, row.detail]).toEqual(['todo', '2 piece(s) of session-keyed state to give explicit handles; see "Findings by category"']);
  });
});

describe('a project served through McpAgent, the SDK coming with agents', () => {
  it('is on SDK v1 through agents, and its transport (serve(), a Durable Object per session) is to do', async () => {
    const fixture = path.resolve(__dirname, '../fixtures/scan/session-state/mcp-agent.ts');
    const dir = tempTree({ 'package.json': JSON.stringify({ name: 'worker', dependencies: { agents: '^0.17.1', zod: '^4.2.1' } }), 'src/index.ts': fs.readFileSync(fixture, 'utf8') });
    const signals = new ProjectSignals();
    const result = await scan({ paths: [dir], cwd: dir, onFile: (_file, text, kind) => signals.add(text, kind) });
    const project = await analyseProject(dir, signals);
    expect([project.sdk, project.packages[0].v1Hosts]).toEqual(['v1', ["agents@^0.17.1 (Cloudflare's agents package (McpAgent and its createMcpHandler))"]]);
    const row = buildInventory(result, project, new Set()).checklist.find((i) => i.step.startsWith('Transports stateless'))!;
    expect([row.status, row.detail]).toEqual(['todo', expect.stringMatching(/error\(s\) in (.*, )?mcp-agent-serve$/)]);
    // A Worker that depends on agents for something else serves nothing through it.
    const other = await analyseProject(tempTree({ 'package.json': JSON.stringify({ name: 'chat', dependencies: { agents: '^0.17.1' } }) }), new ProjectSignals());
    expect(other.sdk).toBe('none');
  });
});

describe('the checklist: stateless transports', () => {
  it('is to do while one server is connected to every client stream, and names shared-server', async () => {
    const fixture = path.resolve(__dirname, '../fixtures/scan/shared-server/sse-stream.ts');
    const dir = tempTree({ 'stream.ts': fs.readFileSync(fixture, 'utf8') });
    const result = await scan({ paths: [dir], cwd: dir, severities: { 'session-map': 'off', 'sse-legacy': 'off' } });
    expect(result.findings.map((f) => f.category)).toEqual(['shared-server', 'shared-server']);
    const row = buildInventory(result, await analyseProject(dir, new ProjectSignals()), new Set()).checklist.find((i) => i.step.startsWith('Transports stateless'))!;
    expect([row.status, row.detail]).toEqual(['todo', '2 error(s) in shared-server']);
  });
});

describe('the stateful tools table', () => {
  it('labels a low-level handler by its method', async () => {
    const dir = tempTree({ 'll.ts': fs.readFileSync(path.resolve(__dirname, '../fixtures/scan/stateful-tool/low-level-elicit.ts'), 'utf8') });
    const result = await scan({ paths: [dir], cwd: dir });
    const inventory = buildInventory(result, await analyseProject(dir, new ProjectSignals()), new Set());
    expect(inventory.tools.map((t) => [t.tool, t.dependsOn])).toEqual([['(tools/call handler)', 'sends a server→client request mid-call (elicitInput)']]);
  });
});

describe('the checklist: requests to the client', () => {
  it('is to do while a handler asks the client mid-call, and not for one that asks only on the 2025 path', async () => {
    const row = async (file: string, cut?: string) => {
      const text = fs.readFileSync(path.resolve(__dirname, '../fixtures/scan/stateful-tool', file), 'utf8');
      const dir = tempTree({ 'server.ts': cut ? text.slice(0, text.indexOf(cut)) + '}\n' : text });
      const result = await scan({ paths: [dir], cwd: dir });
      return buildInventory(result, await analyseProject(dir, new ProjectSignals()), new Set()).checklist.find((i) => i.step.startsWith('Requests to the client mid-call'))!;
    };
    const asking = await row('low-level-elicit.ts');
    expect([asking.status, asking.detail]).toEqual(['todo', "1 handler(s) still ask the client mid-call, which 2026-07-28 has no stream for; see \"Stateful tools\" above"]);
    // The fixture without its unguarded tool: what is left asks only behind the 2025 capability test.
    const legacyOnly = await row('capability-guarded.ts', "  // ruleid: stateful-tool\n  server.registerTool('ask'");
    expect(legacyOnly.status).toBe('done');
  });
});

describe('the stateful tools table: helpers that ask the client', () => {
  it('names the helper a request to the client is made in, where no tool is named (mongodb\'s Elicitation class)', async () => {
    const fixture = path.resolve(__dirname, '../fixtures/scan/stateful-tool/elicit-through-helpers.ts');
    const result = await scan({ paths: [fixture], cwd: path.dirname(fixture) });
    const inventory = buildInventory(result, await analyseProject(path.dirname(fixture), new ProjectSignals()), new Set());
    expect(inventory.tools.map((t) => t.tool)).toEqual(['drop_table', 'rename', '(in Elicitation.requestConfirmation)', '(in makeContext)']);
  });

  it('names the helper a request sent by hand is made in (`request(roots/list)` in a helper a wrapper\'s tools reach)', async () => {
    const fixture = path.resolve(__dirname, '../fixtures/scan/stateful-tool/wrapper-computed-names.ts');
    const result = await scan({ paths: [fixture], cwd: path.dirname(fixture) });
    const inventory = buildInventory(result, await analyseProject(path.dirname(fixture), new ProjectSignals()), new Set());
    expect(inventory.tools.map((t) => t.tool)).toEqual(['(in refreshRoots)']);
  });
});

describe('the stateful tools table: handlers only', () => {
  it('leaves out a timer pushing outside any request (no tool, no handle fixes it); findings by category keep it', async () => {
    const fixture = path.resolve(__dirname, '../fixtures/scan/stateful-tool/server-timers.ts');
    const result = await scan({ paths: [fixture], cwd: path.dirname(fixture) });
    const timers = result.findings.filter((f) => f.ruleId === 'stateful-tool' && f.reasons?.includes('timer-push') && f.tool === undefined);
    expect(timers.length).toBeGreaterThan(0);
    const inventory = buildInventory(result, await analyseProject(path.dirname(fixture), new ProjectSignals()), new Set());
    expect(inventory.tools.map((t) => t.tool)).not.toContain('(unnamed handler)');
    expect(inventory.tools.some((t) => timers.some((f) => f.line === t.line))).toBe(false);
  });
});

describe('the stateful tools table: list handlers', () => {
  it('proposes no handle for a list handler (a list request takes no argument of the application), and one for tools/call', async () => {
    const fixture = path.resolve(__dirname, '../codemods/__testfixtures__/explicit-handles/list-per-session.input.ts');
    const dir = tempTree({ 'workshop.ts': fs.readFileSync(fixture, 'utf8') });
    const result = await scan({ paths: [dir], cwd: dir });
    const inventory = buildInventory(result, await analyseProject(dir, new ProjectSignals()), new Set(['explicit-handles']));
    expect(inventory.tools.map((t) => [t.tool, t.handle])).toEqual([
      ['(tools/list handler)', undefined],
      ['(tools/call handler)', 'unlocked_id'],
    ]);
  });
});

describe('the next step a report gives', () => {
  const base: Finding = { ruleId: 'session-header', category: 'session-header', severity: 'error', file: 'src/index.ts', line: 4, column: 1, endLine: 4, endColumn: 9, message: 'CORS allowedHeaders lists Mcp-Session-Id; 2026-07-28 clients never send it', snippet: "allowedHeaders: ['Content-Type', 'Mcp-Session-Id'],", fix: 'cors-headers' };
  const project = { packages: [], sdk: 'none', sdkSummary: '', serverStyles: [], transports: [], mentionsRoutingHeaders: false, hasOAuth: false } as ProjectInfo;
  const steps = (findings: Finding[], remaining: Finding[]) => {
    const preview = { remaining, markedFiles: new Set<string>() };
    buildInventory({ findings, summary: { findings: findings.length }, errors: [] } as unknown as ScanResult, project, new Set(['cors-headers', 'stateless-transport']), preview);
    return findings.map((f) => nextStep(f, new Set(['cors-headers', 'stateless-transport']), preview));
  };
  const rewrites = (codemod: string) => `run \`mcp-migrate fix\`, which rewrites this (${codemod}).`;
  // What a person does with this finding: the part of its rule's advice that applies to it.
  const byHand = (f: Finding) => ruleById(f.ruleId)!.fix.advice?.(f) ?? ruleById(f.ruleId)!.fix.manual;

  it('is the manual step for a finding fix leaves in place on a line it rewrote (the same finding, new code)', () => {
    // cors-headers added Mcp-Method and Mcp-Name and kept Mcp-Session-Id (the file still issues sessions).
    const kept = { ...base, line: 5, snippet: "allowedHeaders: ['Content-Type', 'Mcp-Session-Id', 'Mcp-Method', 'Mcp-Name']," };
    expect(steps([base], [kept])).toEqual([byHand(base)]);
    expect(byHand(base)).toMatch(/^Drop it from the list/);
    expect(steps([base], [])).toEqual([rewrites('cors-headers')]);
    // Its message changed with its code (the list it names now has Mcp-Method): what it is about is the same.
    const reworded = { ...kept, message: 'CORS allowedHeaders lists Mcp-Session-Id; keep it only while this file issues session ids' };
    expect(steps([base], [reworded])).toEqual([byHand(base)]);
    // One the same rule still reports in that file, however it reads now, is this one left (as the table counts).
    expect(steps([base], [{ ...reworded, message: 'Reads the Mcp-Session-Id request header' }])).toEqual([byHand(base)]);
    // In another file it is not.
    expect(steps([base], [{ ...reworded, file: 'src/other.ts' }])).toEqual([rewrites('cors-headers')]);
  });

  it("is the manual step for a map fix only marked, though its dispatch went and it is 'keyed by a string' now (contentful-mcp)", () => {
    const map: Finding = { ...base, ruleId: 'session-map', category: 'session-map', line: 8, message: 'transports holds transports keyed by the MCP session id; another instance cannot find them', snippet: 'const transports: Record<string, StreamableHTTPServerTransport> = {};', fix: 'stateless-transport' };
    const left = { ...map, line: 12, message: 'transports holds transports keyed by a string, each of type StreamableHTTPServerTransport; another instance cannot find them' };
    expect(steps([map], [left])).toEqual([byHand(map)]);
  });

  it('of two alike findings fix removed one of, says fix rewrites that one and not the other', () => {
    const gate = (line: number, snippet: string): Finding => ({ ...base, ruleId: 'initialize-request', category: 'initialize-gate', line, endLine: line, message: 'isInitializeRequest() decides how a request is served; 2026-07-28 clients never send initialize', snippet, fix: 'stateless-transport' });
    const removed = gate(10, '} else if (!sid && isInitializeRequest(req.body)) {');
    const left = gate(60, 'if (isInitializeRequest(body)) return handshake(body);');
    expect(steps([removed, left], [{ ...left, line: 52 }])).toEqual([rewrites('stateless-transport'), byHand(left)]);
  });
});

describe('the checklist of a server served over stdio only', () => {
  it('has no gateway routing and no kill test to do', async () => {
    const stdio = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';",
      "const server = new McpServer({ name: 'x', version: '1.0.0' });",
      'await server.connect(new StdioServerTransport());',
      '',
    ].join('\n');
    const rows = async (files: Record<string, string>) => {
      const dir = tempTree({ 'package.json': JSON.stringify({ name: 'x', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0' } }), ...files });
      const signals = new ProjectSignals();
      const result = await scan({ paths: [dir], cwd: dir, onFile: (_rel, text, kind) => signals.add(text, kind) });
      const checklist = buildInventory(result, await analyseProject(dir, signals), new Set()).checklist;
      return Object.fromEntries(checklist.filter((i) => /Gateway routing|Kill test/.test(i.step)).map((i) => [i.step.split(' ')[0], i.status]));
    };
    expect(await rows({ 'src/index.ts': stdio })).toEqual({ Gateway: 'n/a', Kill: 'n/a' });
    // With an HTTP server beside it, the kill test is to do; gateway routing too once CORS filters its headers.
    const http = "import http from 'node:http';\nimport { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';\nhttp.createServer((req, res) => new StreamableHTTPServerTransport({ sessionIdGenerator: undefined }).handleRequest(req, res)).listen(3000);\n";
    expect(await rows({ 'src/index.ts': stdio, 'src/http.ts': http })).toEqual({ Gateway: 'n/a', Kill: 'partial' });
    const cors = http.replace('http.createServer((req, res) => ', "http.createServer((req, res) => res.setHeader('Access-Control-Allow-Headers', 'Content-Type') && ");
    expect(await rows({ 'src/index.ts': stdio, 'src/http.ts': cors })).toEqual({ Gateway: 'todo', Kill: 'partial' });
  });
});
