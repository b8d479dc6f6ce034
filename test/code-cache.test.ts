/**
 * The compiler is loaded through a V8 code cache (src/analysis/code-cache.ts). The cache may only
 * make runs faster: the output is the same with it, without it, with a corrupt one and when it
 * cannot be written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from './helpers/cli.js';

const SAMPLE = path.join(REPO, 'fixtures/sample-server');
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-migrate-cache-test-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

function scanWith(env: Record<string, string>): string {
  const result = runCli(['scan', SAMPLE, '--format', 'json', '--fail-on', 'none'], { env });
  expect(result.code).toBe(0);
  expect(result.stderr).toBe('');
  return result.stdout.replace(/"durationMs": \d+/, '"durationMs": 0');
}

function cacheFiles(home: string): string[] {
  const dir = path.join(home, 'mcp-migrate');
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((name) => path.join(dir, name)) : [];
}

describe('compiler code cache', () => {
  let uncached: string;
  beforeAll(() => {
    uncached = scanWith({ MCP_MIGRATE_CACHE: '0', XDG_CACHE_HOME: path.join(temp, 'off') });
  });

  it('is off with MCP_MIGRATE_CACHE=0', () => {
    expect(fs.existsSync(path.join(temp, 'off'))).toBe(false);
  });

  it('is written by a first run and reused, unchanged, by the next', () => {
    const home = path.join(temp, 'on');
    expect(scanWith({ XDG_CACHE_HOME: home })).toBe(uncached);
    const [file, ...others] = cacheFiles(home).filter((f) => f.endsWith('.v8cache'));
    expect(others).toEqual([]);
    expect(path.basename(file)).toMatch(/^typescript\.js-\d+-\d+-nodev[\d.]+-\w+\.v8cache$/);
    const before = fs.readFileSync(file);
    const mtime = fs.statSync(file).mtimeMs;
    expect(before.length).toBeGreaterThan(100_000);
    expect(scanWith({ XDG_CACHE_HOME: home })).toBe(uncached);
    // Accepted by V8, so not written again.
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('replaces a corrupt cache, removes caches of other compiler versions, and still gives the same result', () => {
    const home = path.join(temp, 'on');
    const [file] = cacheFiles(home).filter((f) => f.endsWith('.v8cache'));
    fs.writeFileSync(file, Buffer.alloc(4096, 7));
    const stale = path.join(home, 'mcp-migrate', 'typescript.js-1-1-nodev0.0.0-x64.v8cache');
    const unrelated = path.join(home, 'mcp-migrate', 'notes.txt');
    fs.writeFileSync(stale, 'an older install');
    fs.writeFileSync(unrelated, 'not ours to delete');
    expect(scanWith({ XDG_CACHE_HOME: home })).toBe(uncached);
    const rewritten = fs.readFileSync(file);
    expect(rewritten.length).toBeGreaterThan(100_000);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(unrelated)).toBe(true);
  });

  it('stays quiet when the cache folder cannot be created', () => {
    const blocker = path.join(temp, 'not-a-dir');
    fs.writeFileSync(blocker, 'a file where the cache folder would go');
    expect(scanWith({ XDG_CACHE_HOME: blocker })).toBe(uncached);
    expect(fs.readFileSync(blocker, 'utf8')).toBe('a file where the cache folder would go');
  });
});
