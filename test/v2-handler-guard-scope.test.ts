/**
 * Where v2-handler puts node:http's loopback Host/Origin guard, and what its change line says of
 * the requests it covers (review 85). A callback routing with `switch (url.pathname)` got the guard
 * in front of the whole switch, /health included (trial 66C B2's 403 behind a reverse proxy), while
 * the change line said "on the requests this server routes to the handler". Now the guard goes in
 * the case serving the handler, and where it stands in front of other paths the line says "every
 * request".
 */
import { describe, expect, it } from 'vitest';
import { codemods } from '../codemods/index.js';
import { fixText } from '../src/fix/runner.js';
import { classifyFile } from '../src/scan/files.js';

const v2Handler = codemods.filter((m) => m.id === 'v2-handler');

/** A v1 node:http server on loopback, one stateless transport shared by every request, whose callback holds `routing`. */
const server = (...routing: string[]) =>
  [
    "import { createServer } from 'node:http';",
    "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
    "const makeServer = () => new McpServer({ name: 'scope', version: '1.0.0' });",
    'const mcp = makeServer();',
    'const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });',
    'await mcp.connect(transport);',
    'createServer(async (req, res) => {',
    "  if (req.method === 'OPTIONS') { res.writeHead(204).end(); return; }",
    ...routing.map((line) => `  ${line}`),
    "}).listen(7411, '127.0.0.1');",
    '',
  ].join('\n');

const GUARD = 'if (!mcpHostGuard(req, res) || !mcpOriginGuard(req, res)) return;';

function fix(text: string) {
  const result = fixText('server.ts', text, classifyFile('server.ts')!, v2Handler, { target: '2026-07-28', allows: () => true, handleNames: {} });
  const scope = result.changes.find((c) => /Host\/Origin validation/.test(c.description))?.description.replace(/ \(createMcpHandler has none\).*/s, '');
  return { lines: result.after.split('\n'), scope };
}

describe('v2-handler: the node:http guard and the requests its change line names (review 85)', () => {
  it('goes in the block of the case of a path switch that serves the handler', () => {
    const { lines, scope } = fix(
      server(
        "const url = new URL(req.url ?? '/', 'http://localhost');",
        'switch (url.pathname) {',
        "  case '/health': res.end('ok'); return;",
        "  case '/mcp': { await transport.handleRequest(req, res); return; }",
        '  default: res.writeHead(404).end();',
        '}',
      ),
    );
    // (stateless-transport has put the case's block on lines of its own.)
    expect(lines.slice(lines.indexOf("    case '/mcp': {") + 1, lines.indexOf('    await mcpHandler(req, res); return; }'))).toEqual([`    ${GUARD}`]);
    expect(lines.filter((l) => l.includes('mcpHostGuard(req'))).toHaveLength(1);
    expect(scope).toBe('localhost Host/Origin validation on the requests this server routes to the handler');
  });

  it('says "every request" where it stands in front of a switch on something else than the path', () => {
    const { lines, scope } = fix(
      server(
        "const url = new URL(req.url ?? '/', 'http://localhost');",
        "if (url.pathname === '/favicon.ico') res.setHeader('cache-control', 'no-store');",
        'switch (req.headers.accept) {',
        "  case 'text/plain': res.end('ok'); return;",
        '  default: await transport.handleRequest(req, res);',
        '}',
      ),
    );
    expect(lines[lines.findIndex((l) => l.startsWith('  switch (req.headers.accept)')) - 1]).toBe(`  ${GUARD}`);
    expect(scope).toBe('localhost Host/Origin validation on every request of this server');
  });

  it('says the routed requests after early returns for other paths, a declaration between them', () => {
    const { lines, scope } = fix(
      server(
        "const url = new URL(req.url ?? '/', 'http://localhost');",
        "if (url.pathname === '/health') { res.end('ok'); return; }",
        "const started = Date.now();",
        'await transport.handleRequest(req, res);',
        "console.log('mcp', Date.now() - started);",
      ),
    );
    expect(lines[lines.indexOf('  await mcpHandler(req, res);') - 1]).toBe(`  ${GUARD}`);
    expect(scope).toBe('localhost Host/Origin validation on the requests this server routes to the handler');
  });
});
