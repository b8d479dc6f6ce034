/**
 * Runs the built CLI (`bin/mcp-migrate.js` → `dist/`) as a user would, in a child process.
 */
import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

export const REPO = path.resolve(__dirname, '../..');
export const BIN = path.join(REPO, 'bin/mcp-migrate.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A cache folder of this test file's own, so CLI runs neither read nor fill the user's
 * ~/.cache/mcp-migrate (a result replayed from another run would test nothing); removed after
 * the file's tests. Tests that are about the caches pass their own XDG_CACHE_HOME.
 */
const testCacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-migrate-test-cache-'));
fs.chmodSync(testCacheHome, 0o777); // runs as nobody (asNobody) share it
afterAll(() => fs.rmSync(testCacheHome, { recursive: true, force: true }));

export function cacheHome(): string {
  return testCacheHome;
}

export function runCli(args: string[], options: SpawnSyncOptions & { asNobody?: boolean } = {}): CliResult {
  const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, CI: 'true', XDG_CACHE_HOME: cacheHome(), ...(options.env ?? {}) } as NodeJS.ProcessEnv;
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const command = options.asNobody ? 'setpriv' : process.execPath;
  const argv = options.asNobody ? ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, BIN, ...args] : [BIN, ...args];
  const result = spawnSync(command, argv, { encoding: 'utf8', cwd: options.cwd ?? REPO, env, timeout: 120_000 });
  return { code: result.status ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/**
 * Every temporary folder this test file made, removed after its tests (permissions restored
 * first, for the tests that lock a folder), so a run leaves nothing behind in the temp dir.
 */
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) {
    try {
      execFileSync('chmod', ['-R', 'u+rwx', dir], { stdio: 'ignore' });
    } catch {
      // already gone
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-migrate-test-'));
  made.push(dir);
  return dir;
}

/** A temporary directory with the given files (path → content); removed after the file's tests. */
export function tempTree(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  fs.chmodSync(dir, 0o755);
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return dir;
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** A temporary git repository holding `files` in one commit (for `check` and `fix`). */
export function gitRepo(files: Record<string, string | Buffer>): string {
  const dir = tempTree(files);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'dev@example.invalid');
  git('config', 'user.name', 'Dev');
  git('add', '-A');
  git('commit', '-q', '-m', 'initial');
  return dir;
}

/** The helpers above under one name: `tree(files)`, `repo(files)` and `dir()` (empty). */
export function tempDirs(): { tree: typeof tempTree; repo: typeof gitRepo; dir: () => string } {
  return { tree: tempTree, repo: gitRepo, dir: tempDir };
}
