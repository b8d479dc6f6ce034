/**
 * File-system helpers shared by every command that writes: one atomic write (temporary file in
 * the same directory, then rename, keeping the file's mode), one path normaliser, and the user's
 * cache folder with the rules for trusting and writing what is kept there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `a\\b` → `a/b`: paths in output are always `/`-separated. */
export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/** Whether a `path.relative` result leaves its base (`..`, `../x`, another drive), not merely a name that starts with two dots. */
export function leavesBase(rel: string): boolean {
  return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
}

/**
 * `from` and the folders above it, up to `top` (both included), nearest first; none when `from`
 * is not inside `top`. What a run looks at above a package: manifests, workspace files, installed
 * packages, formatter configuration, never beyond the repository's top.
 */
export function foldersUpTo(from: string, top: string): string[] {
  if (leavesBase(path.relative(top, from))) return [];
  const folders: string[] = [];
  for (let dir = from; ; dir = path.dirname(dir)) {
    folders.push(dir);
    if (dir === top || path.dirname(dir) === dir) return folders;
  }
}

/**
 * How files are named in output: relative to `root` and `/`-separated; absolute when outside it;
 * the base name for the root itself. One function for scan and fix, so both name a file alike.
 */
export function reportPath(root: string): (absolute: string) => string {
  const under = root.endsWith(path.sep) ? root : root + path.sep;
  return (absolute) => {
    // The common case (a file the walk found under the root) without path.relative's normalising.
    if (absolute.startsWith(under) && absolute.length > under.length) return toPosix(absolute.slice(under.length));
    const rel = path.relative(root, absolute);
    return toPosix(leavesBase(rel) ? absolute : rel || path.basename(absolute));
  };
}

/**
 * Writes `data` to `file` so that readers see the old or the new content, never a partial one.
 * The file keeps its mode; a new one gets `mode` (default 0644).
 */
export function writeFileAtomic(file: string, data: string | Buffer, mode = 0o644): void {
  if (fs.existsSync(file)) mode = fs.statSync(file).mode;
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.mcp-migrate-${process.pid}.tmp`);
  try {
    fs.writeFileSync(temp, data, { mode });
    fs.renameSync(temp, file);
  } finally {
    if (fs.existsSync(temp)) fs.rmSync(temp, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The cache folder (the compiler's code cache, scan results). Caches only speed things up: every
// helper here fails quietly.

/** The folder caches go to, or undefined when caching is off (MCP_MIGRATE_CACHE=0) or there is no home. */
export function cacheDirectory(): string | undefined {
  if (process.env.MCP_MIGRATE_CACHE === '0') return undefined;
  let base = process.env.XDG_CACHE_HOME;
  if (!base) {
    try {
      base = path.join(os.homedir(), '.cache');
    } catch {
      return undefined;
    }
  }
  return path.isAbsolute(base) ? path.join(base, 'mcp-migrate') : undefined;
}

/** Only the user's own files are trusted: cached bytecode runs as code, cached results hide code. */
export function readOwnFile(file: string): Buffer | undefined {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || (typeof process.getuid === 'function' && stat.uid !== process.getuid())) return undefined;
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes a cache file atomically, readable by the user only; false when it could not. */
export function writeCacheFile(file: string, data: Buffer): boolean {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileAtomic(file, data, 0o600);
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes the files of a cache folder that `expired(name, file)` picks. Another run may be
 * sweeping at the same time: a file already gone, or one that cannot be read, is passed over.
 */
export function sweepCacheFolder(directory: string, expired: (name: string, file: string) => boolean): void {
  let names: string[];
  try {
    names = fs.readdirSync(directory);
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(directory, name);
    try {
      if (expired(name, file)) fs.rmSync(file, { force: true });
    } catch {
      // gone already, or not ours to judge
    }
  }
}
