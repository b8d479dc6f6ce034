/**
 * Diff-aware checks: which files changed since a git ref (committed, staged, unstaged and
 * untracked-but-not-ignored), as absolute paths.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { toPosix } from '../io.js';

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

/**
 * Why git does not take `dir` as a repository, in one line of its own words, when that is not
 * that `dir` is outside one: a repository it refuses (dubious ownership, with the command git
 * suggests), a broken .git, or no git at all. Undefined when git answers or says "not a git repository".
 */
export function gitRefusal(dir: string): string | undefined {
  try {
    execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return undefined;
  } catch (error) {
    const failure = error as { code?: string; stderr?: Buffer | string };
    if (failure.code === 'ENOENT') return 'git could not be run (it is not installed, or not on PATH)';
    const lines = String(failure.stderr ?? '').split('\n').map((line) => line.trim()).filter(Boolean);
    if (lines.length === 0 || /not a git repository/i.test(lines[0])) return undefined;
    const said = lines[0].replace(/^(fatal|error): /, '');
    const hint = lines.find((line) => line.startsWith('git config') && line.includes('safe.directory'));
    return hint ? `${said} (\`${hint}\` trusts it)` : said;
  }
}

/**
 * Whether git tracks a file under `folder` (a folder it may not be able to look into): undefined
 * where `folder` is in no repository git answers for.
 */
export function tracksFilesUnder(folder: string): boolean | undefined {
  const top = gitTopLevel(path.dirname(folder));
  if (!top) return undefined;
  try {
    return git(top, ['ls-files', '-z', '--', toPosix(path.relative(top, folder))]).length > 0;
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

/**
 * The files git sees renamed or moved since `ref` (in commits since, staged or not), each new path
 * (absolute) to its old one: where check --changed-since lets a file take the baseline entries of
 * a file that is gone. A new file that only holds the same code as one renamed before `ref` is no
 * rename of it (trial 59B B3: a copy of a server took the entries of the file renamed a change ago).
 */
export function renamedFiles(dir: string, ref: string, to?: string): Map<string, string> {
  const renamed = new Map<string, string>();
  const top = gitTopLevel(dir);
  if (!top) return renamed;
  let out: string;
  try {
    out = git(top, ['diff', '-M', '--name-status', '-z', '--diff-filter=R', ref, ...(to ? [to] : []), '--']);
  } catch {
    return renamed;
  }
  // `R<score>\0old\0new\0` per rename.
  const parts = out.split('\0');
  for (let i = 0; i + 2 < parts.length; i += 3) if (parts[i].startsWith('R')) renamed.set(path.resolve(top, parts[i + 2]), path.resolve(top, parts[i + 1]));
  // Between two commits, nothing of the working tree.
  if (to) return renamed;
  // A file moved with `mv`, not yet added (a run before `git add`, review 76): the new path is
  // untracked and the old one deleted from the working tree, with the same content.
  try {
    const deleted = git(top, ['ls-files', '--deleted', '-z']).split('\0').filter(Boolean);
    const untracked = deleted.length > 0 ? git(top, ['ls-files', '--others', '--exclude-standard', '-z']).split('\0').filter(Boolean) : [];
    if (untracked.length > 0) {
      const blobs = new Map<string, string>();
      for (const line of git(top, ['ls-files', '--stage', '-z', '--', ...deleted]).split('\0')) {
        const match = /^\d+ ([0-9a-f]+) \d\t(.+)$/.exec(line);
        if (match) blobs.set(match[1], match[2]);
      }
      const hashes = execFileSync('git', ['hash-object', '--stdin-paths'], { cwd: top, encoding: 'utf8', input: untracked.join('\n'), stdio: ['pipe', 'pipe', 'ignore'] }).trim().split('\n');
      untracked.forEach((file, i) => {
        const from = blobs.get(hashes[i]);
        if (from) renamed.set(path.resolve(top, file), path.resolve(top, from));
      });
    }
  } catch {
    // Renames git reports are enough where it cannot say more.
  }
  return renamed;
}

/** The last commit that changed `file` (absolute), undefined where git cannot say (no repository, never committed). */
export function lastCommitOf(dir: string, file: string): string | undefined {
  const top = gitTopLevel(dir);
  if (!top) return undefined;
  try {
    return git(top, ['log', '-1', '--format=%H', '--', toPosix(path.relative(top, file))]).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The text of the repository's files at a git ref (`git show REF:path`), each undefined where the
 * file was not there then (or git cannot say): what check --changed-since compares the changed
 * files' importers with. The repository's top is found once.
 */
export function filesAtRef(dir: string, ref: string): (absolute: string) => string | undefined {
  const top = gitTopLevel(dir);
  if (!top) return () => undefined;
  return (absolute) => {
    try {
      return git(top, ['show', `${ref}:${toPosix(path.relative(top, absolute))}`]);
    } catch {
      return undefined;
    }
  };
}
