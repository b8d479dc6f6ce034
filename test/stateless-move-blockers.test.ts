// fix on what holds a transport sessionful, and on what the stateless move breaks (trial 76A).
// B1: a CommonJS server whose tool pushes updates through its per-session server map was left
// unchanged with no marker, its one reason saying the transport and server maps needed a JSDoc
// type (then, typed, that McpServer is no plain JSON): those maps go with the sessions, never into
// a shared store, and the real blocker (a quota kept by the session id) went unnamed.
// B3: a tool of another module that asks the client mid-call (elicitInput) failed on every call once
// the transport was stateless, and the rewrite was tagged safe.
import { describe, expect, it } from 'vitest';
import { findMarkers, withoutMarkers } from '../src/fix/markers.js';
import { runFix } from '../src/fix/runner.js';
import { tempDirs } from './helpers/cli.js';

const { repo: project } = tempDirs();

/** A per-caller quota helper: what it keeps, it keeps by whatever it is handed. */
const QUOTA = ['"use strict";', 'const spent = new Map();', 'function spend(who) {', '  const n = (spent.get(who) ?? 0) + 1;', '  spent.set(who, n);', '  return n <= 10;', '}', 'module.exports = { spend };', ''].join('\n');

/**
 * A plain CommonJS server (no types): its session maps of transports and servers, a tool that
 * pushes a resource update through the server map to the sessions a subscription list names, a
 * close handler that does more than forget the session (so the rewrite keeps it, and the maps it
 * uses), and, with `quota`, a tool that spends a quota kept by the session id.
 */
function pricesServer(quota: boolean): string {
  return [
    "'use strict';",
    "const http = require('node:http');",
    "const { randomUUID } = require('node:crypto');",
    "const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');",
    "const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');",
    "const { SubscribeRequestSchema, isInitializeRequest } = require('@modelcontextprotocol/sdk/types.js');",
    "const { z } = require('zod');",
    ...(quota ? ["const quota = require('./lib/quota.cjs');"] : []),
    '',
    'const stats = { closed: 0 };',
    'const PRICES = { tea: 3, cake: 5 };',
    'const subscriptions = new Map();',
    'const servers = {};',
    'const transports = {};',
    '',
    'function createServer() {',
    "  const mcp = new McpServer({ name: 'prices', version: '1.0.0' }, { capabilities: { resources: { subscribe: true } } });",
    "  mcp.registerTool('quote', { inputSchema: { item: z.string() } }, async ({ item }, info) => {",
    ...(quota ? ["    if (!quota.spend(info.sessionId)) return { isError: true, content: [{ type: 'text', text: 'over quota' }] };"] : []),
    "    return { content: [{ type: 'text', text: String(PRICES[item] ?? '?') }] };",
    '  });',
    "  mcp.registerTool('reprice', { inputSchema: { item: z.string(), price: z.number() } }, async ({ item, price }) => {",
    '    PRICES[item] = price;',
    '    const uri = `price://${item}`;',
    '    for (const sid of subscriptions.get(uri) ?? []) {',
    '      const target = servers[sid];',
    '      if (target) await target.server.sendResourceUpdated({ uri });',
    '    }',
    "    return { content: [{ type: 'text', text: 'ok' }] };",
    '  });',
    '  mcp.server.setRequestHandler(SubscribeRequestSchema, async (req, info) => {',
    '    if (!subscriptions.has(req.params.uri)) subscriptions.set(req.params.uri, new Set());',
    '    subscriptions.get(req.params.uri).add(info.sessionId);',
    '    return {};',
    '  });',
    '  return mcp;',
    '}',
    '',
    'function bodyOf(req) {',
    '  return new Promise((resolve) => {',
    "    let text = '';",
    "    req.on('data', (chunk) => (text += chunk));",
    "    req.on('end', () => resolve(text ? JSON.parse(text) : undefined));",
    '  });',
    '}',
    '',
    'http.createServer(async (req, res) => {',
    "  const sid = req.headers['mcp-session-id'];",
    "  const body = req.method === 'POST' ? await bodyOf(req) : undefined;",
    '  if (sid && transports[sid]) {',
    '    return transports[sid].handleRequest(req, res, body);',
    '  }',
    "  if (req.method === 'POST' && isInitializeRequest(body)) {",
    '    const mcp = createServer();',
    '    const transport = new StreamableHTTPServerTransport({',
    '      sessionIdGenerator: () => randomUUID(),',
    '      onsessioninitialized: (id) => {',
    '        transports[id] = transport;',
    '        servers[id] = mcp;',
    '      },',
    '    });',
    '    transport.onclose = () => {',
    '      delete transports[transport.sessionId];',
    '      delete servers[transport.sessionId];',
    '      stats.closed += 1;',
    '    };',
    '    await mcp.connect(transport);',
    '    return transport.handleRequest(req, res, body);',
    '  }',
    "  res.writeHead(400).end('no session');",
    '}).listen(3400);',
    '',
  ].join('\n');
}

const MANIFEST = JSON.stringify({ name: 'prices', version: '1.0.0', dependencies: { '@modelcontextprotocol/sdk': '^1.32.2', zod: '^3.25.0' } });

describe('fix: the session maps of transports and servers are no state that holds the transport (trial 76A B1)', () => {
  it('names the quota kept by the session id as what holds the transport, and marks it there, not the maps', async () => {
    const server = pricesServer(true);
    const dir = project({ 'package.json': MANIFEST, 'server.cjs': server, 'lib/quota.cjs': QUOTA });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const quoteLine = server.split('\n').findIndex((l) => l.includes("registerTool('quote'")) + 1;
    const error = result.errors.find((e) => e.file === 'server.cjs')?.message ?? '';
    // (The quota module's own state, where scan reads it, may be named beside.)
    expect(error).toMatch(new RegExp(`^left unchanged: making its transport stateless would leave state keyed by the MCP session id \\((?:lib/quota\\.cjs:\\d+, )?server\\.cjs:${quoteLine}(?:, lib/quota\\.cjs:\\d+)?\\) shared by every caller`));
    // Not the maps (their lines), nor explicit-handles' reason for them.
    expect(error).not.toMatch(/no declared type|not plain JSON|servers|transports/);
    expect(result.summary.failed).toBe(1);
    // The code as it was, with a marker above the tool that keeps the quota by the session id.
    const file = result.files.find((f) => f.file === 'server.cjs')!;
    const lines = file.after.split('\n');
    const markers = findMarkers(lines);
    expect(withoutMarkers(lines, markers).join('\n')).toBe(server);
    expect(markers.map((m) => m.message)).toEqual([expect.stringMatching(/^fix \(explicit-handles\) did not rewrite this stateful-tool finding: Tool "quote" depends on the MCP session id \(info\.sessionId\).*`quota\.spend\(info\.sessionId\)`.*While this stays, fix leaves the transport of this file sessionful/)]);
    expect(lines[markers[0].line - 1 + markers[0].lines]).toContain("registerTool('quote'");
    expect(file.markers.map((m) => m.line)).toEqual([markers[0].line]);

    // Written, then run again: nothing changes, and the file is still the one left (exit 1).
    const written = await runFix({ cwd: dir, target: 'sdk-v1', format: false, allowDirty: true });
    expect(written.summary.failed).toBe(1);
    const again = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false, allowDirty: true });
    expect(again.files.filter((f) => f.after !== f.before)).toEqual([]);
    expect(again.summary.failed).toBe(1);
    expect(again.errors.find((e) => e.file === 'server.cjs')?.message).toMatch(/^left unchanged: making its transport stateless would leave state keyed by the MCP session id/);
  });

  it('makes the transport stateless where nothing but those maps is keyed by the session id, and leaves the server map to stateless-transport', async () => {
    const server = pricesServer(false);
    const result = await runFix({ cwd: project({ 'package.json': MANIFEST, 'server.cjs': server }), target: 'sdk-v1', dryRun: true, format: false });
    expect(result.errors.filter((e) => /left unchanged/.test(e.message))).toEqual([]);
    const file = result.files.find((f) => f.file === 'server.cjs')!;
    expect(file.changes.map((c) => c.description)).toContainEqual(expect.stringMatching(/^transport made stateless/));
    expect(file.after).toContain('sessionIdGenerator: undefined');
    // The server map the push still reads stays, marked by stateless-transport (it stays empty);
    // explicit-handles asks for no type of it.
    const messages = file.markers.map((m) => m.message);
    expect(messages).toContainEqual(expect.stringMatching(/^servers is still used elsewhere, but with per-request transports it stays empty/));
    expect(messages.filter((m) => /^(servers|transports) /.test(m) && !/stays empty/.test(m))).toEqual([]);
    expect(result.summary.failed).toBe(0);
  });
});

/** A tools module whose tool asks the user mid-call; `guarded`: only where the client declared elicitation. */
function publishingTools(guarded: boolean): string {
  return [
    "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    "import { z } from 'zod';",
    '',
    'export function registerPublishing(server: McpServer) {',
    "  server.registerTool('publish', { description: 'Publish a page after the user agrees', inputSchema: { page: z.string() } }, async ({ page }) => {",
    ...(guarded ? ["    if (!server.server.getClientCapabilities()?.elicitation) return { content: [{ type: 'text', text: 'kept as draft' }] };"] : []),
    '    const reply = await server.server.elicitInput({',
    '      message: `Publish ${page}?`,',
    "      requestedSchema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] },",
    '    });',
    "    return { content: [{ type: 'text', text: reply.action === 'accept' && reply.content?.ok ? 'published' : 'kept as draft' }] };",
    '  });',
    '}',
    '',
  ].join('\n');
}

const PAGES_SERVER = [
  "import express from 'express';",
  "import { randomUUID } from 'node:crypto';",
  "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
  "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
  "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
  "import { registerPublishing } from './tools.js';",
  '',
  'const open: Record<string, StreamableHTTPServerTransport> = {};',
  '',
  'function build(): McpServer {',
  "  const server = new McpServer({ name: 'pages', version: '1.0.0' });",
  '  registerPublishing(server);',
  '  return server;',
  '}',
  '',
  'const app = express();',
  'app.use(express.json());',
  "app.post('/mcp', async (req, res) => {",
  "  const sid = req.headers['mcp-session-id'] as string | undefined;",
  '  let transport = sid ? open[sid] : undefined;',
  '  if (!transport && isInitializeRequest(req.body)) {',
  '    transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (id) => { open[id] = transport!; } });',
  '    await build().connect(transport);',
  '  }',
  '  if (!transport) { res.status(400).end(); return; }',
  '  await transport.handleRequest(req, res, req.body);',
  '});',
  'app.listen(3000);',
  '',
].join('\n');

describe('fix: a tool of another module that asks the client mid-call makes the stateless move one to review (trial 76A B3)', () => {
  it('tags the rewrite review, says the call fails on every request and why, and keeps the exit code', async () => {
    const result = await runFix({ cwd: project({ 'src/server.ts': PAGES_SERVER, 'src/tools.ts': publishingTools(false) }), target: 'sdk-v1', dryRun: true, format: false });
    const server = result.files.find((f) => f.file === 'src/server.ts')!;
    const dispatch = server.changes.find((c) => /^session dispatch/.test(c.description))!;
    expect(dispatch.safety).toBe('review');
    expect(dispatch.description).toMatch(/; a tool of this package asks the client mid-call \("publish", where scan finds it after this run: src\/tools\.ts:\d+\): a server built for each request never sees initialize, so it knows no client capabilities, and that call fails on every request until rewritten to return input_required \(marked\)$/);
    // The tool is marked, saying so plainly.
    const marker = result.files.find((f) => f.file === 'src/tools.ts')!.markers.find((m) => /"publish"/.test(m.message));
    expect(marker?.message).toMatch(/Where its server is built per request \(a stateless HTTP transport; not a stdio server, nor an agent kept per session\), that server never sees initialize and knows no client capabilities: the call fails on every request until rewritten/);
    // A change to review is no failure: exit 0 (README "Exit codes").
    expect(result.summary.failed).toBe(0);
    expect(result.errors.filter((e) => /left unchanged/.test(e.message))).toEqual([]);
    // Under --safe-only the file is left as it was, and says why.
    const safe = await runFix({ cwd: project({ 'src/server.ts': PAGES_SERVER, 'src/tools.ts': publishingTools(false) }), target: 'sdk-v1', dryRun: true, format: false, safeOnly: true });
    expect(safe.errors).toContainEqual({ file: 'src/server.ts', message: expect.stringMatching(/^left unchanged under --safe-only: its transport rewrite is one to review while a tool that asks the client mid-call remains/) });
    expect(safe.summary.failed).toBe(0);
  });

  // Review 95 point 3: by the server the tool is registered on, not by its package.
  const STDIO_ENTRY = [
    "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';",
    "import { registerPublishing } from './tools.js';",
    '',
    "const server = new McpServer({ name: 'pages-admin', version: '1.0.0' });",
    'registerPublishing(server);',
    'await server.connect(new StdioServerTransport());',
    '',
  ].join('\n');
  const PREVIEW_TOOLS = [
    "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    "import { z } from 'zod';",
    '',
    'export function registerPreview(server: McpServer) {',
    "  server.registerTool('preview', { description: 'Preview a page', inputSchema: { page: z.string() } }, async ({ page }) => ({ content: [{ type: 'text', text: page }] }));",
    '}',
    '',
  ].join('\n');

  it('leaves the HTTP rewrite safe where the asking tool is registered only on a stdio server of the package', async () => {
    const http = PAGES_SERVER.replace("import { registerPublishing } from './tools.js';", "import { registerPreview } from './preview.js';").replace('  registerPublishing(server);', '  registerPreview(server);');
    const result = await runFix({ cwd: project({ 'src/server.ts': http, 'src/preview.ts': PREVIEW_TOOLS, 'src/stdio.ts': STDIO_ENTRY, 'src/tools.ts': publishingTools(false) }), target: 'sdk-v1', dryRun: true, format: false });
    const server = result.files.find((f) => f.file === 'src/server.ts')!;
    expect(server.changes.filter((c) => c.safety === 'review')).toEqual([]);
    expect(server.changes.map((c) => c.description).join('\n')).not.toMatch(/mid-call/);
  });

  it('tags the rewrite review where the asking tool of another workspace package is registered on the rewritten server', async () => {
    const http = PAGES_SERVER.replace("from './tools.js';", "from '../../tools/src/index.js';");
    const result = await runFix({
      cwd: project({
        'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
        'packages/server/package.json': JSON.stringify({ name: '@acme/server', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', express: '^5.1.0' } }),
        'packages/server/src/http.ts': http,
        'packages/tools/package.json': JSON.stringify({ name: '@acme/tools', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0', zod: '^3.25.0' } }),
        'packages/tools/src/index.ts': publishingTools(false),
      }),
      target: 'sdk-v1',
      dryRun: true,
      format: false,
    });
    const dispatch = result.files.find((f) => f.file === 'packages/server/src/http.ts')!.changes.find((c) => /^session dispatch/.test(c.description))!;
    expect(dispatch.safety).toBe('review');
    expect(dispatch.description).toMatch(/; a tool registered on its server asks the client mid-call \("publish", where scan finds it after this run: packages\/tools\/src\/index\.ts:\d+\)/);
  });

  it('leaves the rewrite safe where the tool asks only a client that declared elicitation (2026-07-28 requests never reach the question)', async () => {
    const result = await runFix({ cwd: project({ 'src/server.ts': PAGES_SERVER, 'src/tools.ts': publishingTools(true) }), target: 'sdk-v1', dryRun: true, format: false });
    const server = result.files.find((f) => f.file === 'src/server.ts')!;
    expect(server.changes.filter((c) => c.safety === 'review')).toEqual([]);
    expect(server.changes.map((c) => c.description).join('\n')).not.toMatch(/mid-call/);
  });
});
