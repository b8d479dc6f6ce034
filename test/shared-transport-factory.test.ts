/**
 * Trial 57C B1: one stateless transport made by a factory (of another module, or of the file) and
 * connected once serves every request. fix must treat it as it treats a `new` written in place:
 * hold the package on v1 where it cannot build the transport per request (the v2 packages refuse
 * to reuse a stateless transport: every request after the first got a 500), and mark it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFix } from '../src/fix/runner.js';
import { REPO, tempDirs } from './helpers/cli.js';

const { repo: project } = tempDirs();

const MANIFEST = JSON.stringify({ name: 'factory-once', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '1.25.3', express: '^5.1.0', zod: '^4.3.6' } }, null, 2);

const TRANSPORT = [
  "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
  'export function openTransport() {',
  '  return new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });',
  '}',
  '',
].join('\n');

/** The entry: the server built in place, the transport from the imported factory, once or per request. */
function entry(perRequest: boolean): string {
  return [
    "import express from 'express';",
    "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    "import { openTransport } from './transport.js';",
    "const build = () => new McpServer({ name: 'factory-once', version: '1.0.0' });",
    'const app = express();',
    'app.use(express.json());',
    ...(perRequest
      ? ["app.post('/mcp', async (req, res) => {", '  const server = build();', '  const transport = openTransport();', "  res.on('close', () => { void transport.close(); void server.close(); });", '  await server.connect(transport);', '  await transport.handleRequest(req, res, req.body);', '});']
      : ['const server = build();', 'const transport = openTransport();', 'await server.connect(transport);', "app.post('/mcp', async (req, res) => {", '  await transport.handleRequest(req, res, req.body);', '});']),
    'app.listen(3000);',
    '',
  ].join('\n');
}

describe('a stateless transport made by a factory (trial 57C B1)', () => {
  it('keeps a package on v1 whose one transport, from an imported factory, serves every request, and marks where it is held', async () => {
    const held = await runFix({ cwd: project({ 'package.json': MANIFEST, 'src/transport.js': TRANSPORT, 'src/index.js': entry(false) }), target: '2026-07-28', dryRun: true, format: false });
    expect(held.errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/^stays on SDK v1 \(factory-once\): src\/index\.js:8 serves every request through transport, one stateless transport built once \(const transport = openTransport\(\)/));
    expect(held.files.filter((f) => /@modelcontextprotocol\/(server|node)/.test(f.after)).map((f) => f.file)).toEqual([]);
    expect(held.files.find((f) => f.file === 'src/index.js')?.markers.map((m) => m.message)).toEqual([expect.stringMatching(/transport is one stateless transport built once/)]);
  });

  it('moves a package whose factory is called per request', async () => {
    const moved = await runFix({ cwd: project({ 'package.json': MANIFEST, 'src/transport.js': TRANSPORT, 'src/index.js': entry(true) }), target: '2026-07-28', dryRun: true, format: false });
    expect(moved.errors.map((e) => e.message).filter((m) => m.startsWith('stays on SDK v1'))).toEqual([]);
    expect(moved.files.find((f) => f.file === 'package.json')?.after).toMatch(/@modelcontextprotocol\/server/);
  });

  it('builds the transport per request where the factory is of the file and builds a new one each call', async () => {
    const input = fs.readFileSync(path.join(REPO, 'codemods/__testfixtures__/stateless-transport/built-once-local-factory.input.ts'), 'utf8').replace(/^(\/\/.*\n)+/, '');
    const fixed = await runFix({ cwd: project({ 'package.json': MANIFEST, 'src/index.ts': input }), target: '2026-07-28', dryRun: true, format: false });
    expect(fixed.errors.map((e) => e.message).filter((m) => m.startsWith('stays on SDK v1'))).toEqual([]);
    expect(fixed.files.find((f) => f.file === 'src/index.ts')?.after).toMatch(/app\.post\('\/mcp', async \(req, res\) => \{\n\s+const server = buildServer\(\);\n\s+const transport = newTransport\(\);/);
  });
});
