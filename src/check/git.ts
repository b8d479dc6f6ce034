/**
 * Diff-aware checks: which files changed since a git ref (committed, staged, unstaged and
 * untracked-but-not-ignored), as absolute paths.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export class GitError extends Error {
  override name = 'GitError';
}

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer | string }).stderr ?? '').trim().split('\n')[0];
    throw new GitError(stderr || (error as Error).message);
  }
}

export function gitTopLevel(dir: string): string | undefined {
  try {
    return git(dir, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    return undefined;
  }
}

export function changedFiles(dir: string, ref: string): Set<string> {
  const top = gitTopLevel(dir);
  if (!top) throw new GitError(`--changed-since needs a git repository, and ${dir} is not inside one`);
  try {
    git(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new GitError(`--changed-since: unknown git ref "${ref}"`);
  }
  const diff = git(top, ['diff', '--name-only', '-z', '--diff-filter=ACMR', ref, '--']);
  const untracked = git(top, ['ls-files', '--others', '--exclude-standard', '-z']);
  const files = new Set<string>();
  for (const name of `${diff}\0${untracked}`.split('\0')) if (name) files.add(path.resolve(top, name));
  return files;
}
