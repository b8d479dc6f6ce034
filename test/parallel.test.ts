/**
 * A scan shared out among threads (scan/parallel.ts) gives what one thread gives, to the byte.
 * The compiled package is tested: the worker thread runs dist/src/scan/worker.js.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan, type ScanResult } from '../dist/src/index.js';
import { evaluateInParallel, type Evaluated } from '../dist/src/scan/parallel.js';
import { Scanner } from '../dist/src/scan/scanner.js';
import { discoverFiles } from '../dist/src/scan/files.js';
import { availableCodemodIds } from '../dist/src/codemods.js';

const REPO = path.resolve(__dirname, '..');
const CLI = path.join(REPO, 'bin/mcp-migrate.js');
const FIXTURES = path.join(REPO, 'fixtures/scan');

/** A result without the run's duration (the only field that may differ between two runs). */
function comparable(result: ScanResult): string {
  return JSON.stringify({ ...result, summary: { ...result.summary, durationMs: 0 } });
}

describe('scan on more than one thread', () => {
  it('finds exactly what one thread finds on every scan fixture, with read errors in the same places', async () => {
    // The fixtures and files the reader refuses, in one tree: a binary file, one over the size limit.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mm-parallel-'));
    try {
      fs.cpSync(FIXTURES, path.join(dir, 'scan'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'scan', 'binary.ts'), Buffer.from([0x63, 0x6f, 0, 0, 0xff, 0x01]));
      fs.writeFileSync(path.join(dir, 'scan', 'huge.ts'), `// mcp\n${'x'.repeat(300 * 1024)}\n`);
      const options = { paths: [dir], cwd: dir, cache: false, maxFileBytes: 256 * 1024 };
      const one = await scan({ ...options, jobs: 1 });
      const two = await scan({ ...options, jobs: 2 });
      expect(one.summary.findings).toBeGreaterThan(500);
      expect(one.errors.map((e) => e.file)).toEqual(['scan/binary.ts', 'scan/huge.ts']);
      expect(comparable(two)).toBe(comparable(one));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('gives the worker chunks of files, and puts its outcomes back in the walk order', async () => {
    const root = path.join(FIXTURES, 'stateful-tool');
    const { files } = await discoverFiles([root], {}, root);
    const runCode = new Set(files.filter((f) => f.kind.type === 'code').map((f) => f.absolute));
    const serial = new Scanner({ codemods: availableCodemodIds() }).evaluator(root, runCode, false);
    const expected = files.map((f) => serial(f));
    const local = new Scanner({ codemods: availableCodemodIds() }).evaluator(root, runCode, false);
    // This thread is made slow, so that the worker, once started, takes its share.
    const slow = (file: (typeof files)[number]): Evaluated => {
      const until = performance.now() + 15;
      while (performance.now() < until);
      return local(file);
    };
    const run = await evaluateInParallel(files, 2, { options: { codemods: [...availableCodemodIds()] }, root, runCode: [...runCode], withStat: false }, slow);
    expect(run).toBeDefined();
    expect(run!.fromWorkers).toBeGreaterThan(0);
    expect(run!.fromWorkers).toBeLessThan(files.length);
    expect(run!.results).toEqual(expected);
  }, 120_000);

  describe('the CLI', () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mm-parallel-cli-'));
      fs.cpSync(path.join(FIXTURES, 'session-state'), path.join(dir, 'app'), { recursive: true });
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    const run = (...args: string[]) => {
      const out = execFileSync(process.execPath, [CLI, 'scan', 'app', '--format', 'json', '--fail-on', 'none', '--no-cache', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      return comparable(JSON.parse(out) as ScanResult);
    };

    it('--jobs 2 prints what --jobs 1 prints', () => {
      expect(run('--jobs', '2')).toBe(run('--jobs', '1'));
    }, 60_000);

    it('refuses a --jobs that is not a whole number of threads', () => {
      for (const bad of ['0', '1.5', 'many']) {
        let status = 0;
        let stderr = '';
        try {
          execFileSync(process.execPath, [CLI, 'scan', 'app', '--jobs', bad], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
        } catch (error) {
          status = (error as { status: number }).status;
          stderr = (error as { stderr: string }).stderr;
        }
        expect(status).toBe(2);
        expect(stderr).toContain('expected a whole number of threads');
      }
    });
  });
});
