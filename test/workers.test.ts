/**
 * Parsing on worker threads (src/scan/pool.ts) must not change a single byte of the result: the
 * same findings, errors and counts in the same order as a scan in one thread. Runs the compiled
 * package (the worker script exists only under dist/), in process and through the CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { REPO, runCli, tempTree } from './helpers/cli.js';

const DIST = path.join(REPO, 'dist/src');
const SDK = path.join(REPO, 'node_modules/@modelcontextprotocol/sdk/dist/esm');

type ScanResult = { summary: Record<string, unknown>; findings: unknown[]; errors: Array<{ file: string; message: string }> };
const comparable = (result: ScanResult) => JSON.stringify({ ...result, summary: { ...result.summary, durationMs: 0 } });

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('worker threads', () => {
  it('give the same result as one thread, and are really used', async () => {
    const { scan } = (await import(path.join(DIST, 'index.js'))) as { scan: (o: object) => Promise<ScanResult> };
    const { ParsePool } = (await import(path.join(DIST, 'scan/pool.js'))) as { ParsePool: { prototype: { run: () => unknown } } };
    const runs = vi.spyOn(ParsePool.prototype, 'run');
    const single = await scan({ paths: [SDK], jobs: 1 });
    expect(runs).not.toHaveBeenCalled();
    const threaded = await scan({ paths: [SDK], jobs: 3 });
    expect(runs.mock.calls.length).toBe(threaded.summary.filesParsed);
    expect(threaded.summary.filesParsed).toBeGreaterThan(30);
    expect(threaded.findings.length).toBeGreaterThan(100);
    expect(comparable(threaded)).toBe(comparable(single));
    runs.mockRestore();
  });

  it('keep errors in file order next to findings (CLI, --jobs)', () => {
    const server = fs.readFileSync(path.join(REPO, 'fixtures/sample-server/src/server.ts'), 'utf8');
    const dir = tempTree({
      'a/server.ts': server,
      'b/broken.ts': `${server}\nconst = ;\n`,
      'c/blob.js': Buffer.from([0x4d, 0x43, 0x50, 0x00, 0x01]),
      'd/server.mjs': [
        "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
        'const transports = {};',
        'export function transportFor(req) {',
        "  const sid = req.headers['mcp-session-id'];",
        '  if (!transports[sid]) transports[sid] = new StreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });',
        '  return transports[sid];',
        '}',
      ].join('\n'),
      'e/nginx.conf': 'upstream mcp { ip_hash; server a:3000; }\n',
    });
    dirs.push(dir);
    const one = runCli(['scan', dir, '--format', 'json', '--fail-on', 'none', '--jobs', '1']);
    const two = runCli(['scan', dir, '--format', 'json', '--fail-on', 'none', '--jobs', '2']);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    const a = JSON.parse(one.stdout) as ScanResult;
    expect(a.errors.map((e) => e.file)).toEqual(['b/broken.ts', 'c/blob.js']);
    expect(new Set(a.findings.map((f) => (f as { file: string }).file))).toEqual(new Set(['a/server.ts', 'b/broken.ts', 'd/server.mjs', 'e/nginx.conf']));
    expect(comparable(JSON.parse(two.stdout) as ScanResult)).toBe(comparable(a));
  });

  it('rejects a thread count that is not a whole number from 1 to 64', () => {
    for (const bad of ['0', '1.5', 'many']) {
      const result = runCli(['scan', path.join(REPO, 'fixtures/sample-server'), '--jobs', bad]);
      expect(result.code).toBe(2);
      expect(result.stderr.split('\n')[0]).toContain('--jobs');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
