/**
 * The Host/Origin guards v2-handler adds for a server bound to loopback (trial 66C B2). They change
 * who may connect: behind a reverse proxy on the same host that passes the public Host (Caddy by
 * default), every request got 403 where v1 answered 200. So they are a change to review that says
 * so, on the MCP endpoint's path alone, and `--safe-only` leaves them out, marked.
 */
import { describe, expect, it } from 'vitest';
import { runFix } from '../src/fix/runner.js';
import { tempDirs } from './helpers/cli.js';

const { tree } = tempDirs();

const SERVER = [
  "import express from 'express';",
  "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
  "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
  "const buildServer = () => new McpServer({ name: 'b2', version: '1.0.0' });",
  'const app = express();',
  'app.use(express.json());',
  "app.get('/health', (_req, res) => res.send('ok'));",
  "app.post('/mcp', async (req, res) => {",
  '  const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });',
  "  res.on('close', () => t.close());",
  '  await buildServer().connect(t);',
  '  await t.handleRequest(req, res, req.body);',
  '});',
  "app.listen(Number(process.env.PORT ?? 49121), '127.0.0.1');",
  '',
].join('\n');

const MANIFEST = JSON.stringify({ name: 'b2', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.32.2', express: '^5.1.0', zod: '^4.2.1' } }, null, 2);

const project = () => tree({ 'package.json': MANIFEST, 'src/server.ts': SERVER, Caddyfile: 'mcp.example.com {\n\treverse_proxy 127.0.0.1:49121\n}\n' });

/** The code lines of a text, comments left out. */
const code = (text: string) => text.split('\n').filter((line) => !/^\s*\/\//.test(line));

describe('v2-handler: the loopback Host/Origin guards (trial 66C B2)', () => {
  it('adds them on /mcp only, as a change to review that names the 403 and the reverse-proxy case', async () => {
    const result = await runFix({ cwd: project(), target: '2026-07-28', dryRun: true, format: false });
    const server = result.files.find((f) => f.file === 'src/server.ts')!;
    expect(code(server.after)).toContain("app.use('/mcp', localhostHostValidation(), localhostOriginValidation());");
    expect(code(server.after).filter((line) => /\bapp\.use\(\s*localhost/.test(line))).toEqual([]);
    const guard = server.changes.find((c) => /Host\/Origin validation/.test(c.description));
    expect(guard).toMatchObject({ line: 5, safety: 'review' });
    expect(guard!.description).toMatch(/on \/mcp .*Host is not localhost, 127\.0\.0\.1 or \[::1\] gets 403.*reverse proxy on this host that passes the public Host.*hostHeaderValidation\(\[\.\.\.its hostnames\]\)/);
  });

  it('--safe-only leaves them out (the runner filters no change: the codemod asks ctx.allows), marked, and asks for no @modelcontextprotocol/express', async () => {
    const result = await runFix({ cwd: project(), target: '2026-07-28', dryRun: true, format: false, safeOnly: true });
    const server = result.files.find((f) => f.file === 'src/server.ts')!;
    // The move itself still happens: the guards alone are left out.
    expect(server.after).toContain('createMcpHandler(() => buildServer())');
    expect(code(server.after).join('\n')).not.toMatch(/localhost(Host|Origin)Validation/);
    expect(server.changes.filter((c) => c.safety === 'review')).toEqual([]);
    expect(server.markers.map((m) => m.message)).toEqual([expect.stringMatching(/^createMcpHandler validates neither Host nor Origin, and this server binds to loopback: .*app\.use\('\/mcp', localhostHostValidation\(\), localhostOriginValidation\(\)\).* left out under --safe-only/)]);
    const manifest = result.files.find((f) => f.file === 'package.json');
    expect(manifest?.after ?? '').not.toContain('@modelcontextprotocol/express');
  });
});
