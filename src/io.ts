/**
 * File-system helpers shared by every command that writes: one atomic write (temporary file beside
 * the file, then rename, keeping its mode, owner and symlink), one path normaliser, and the user's
 * cache folder with the rules for trusting and writing what is kept there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `a\\b` → `a/b`: paths in output are always `/`-separated. */
export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/** Whether a `/`-separated relative path is inside a `/`-separated relative folder ('' holds every path). */
export function inFolder(file: string, folder: string): boolean {
  return folder === '' || file.startsWith(`${folder}/`);
}

/**
 * Removes the items a test picks from an array, in place, keeping the others' order; how many went.
 * (Compacted by hand: `splice(0, n, ...kept)` throws past about 100,000 items, a monorepo's files.)
 */
export function removeWhere<T>(items: T[], picked: (item: T) => boolean): number {
  let kept = 0;
  for (const item of items) if (!picked(item)) items[kept++] = item;
  const removed = items.length - kept;
  items.length = kept;
  return removed;
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
 * Writes `data` to `file` so that readers see the old or the new content, never a partial one,
 * and the file keeps what the write did not mean to change:
 * - A symlink stays a link: its target is written (the temporary file goes beside the target).
 * - An existing file keeps its full mode (the umask does not apply to it) and, where the process
 *   may set them, its owner and group; a new file gets `mode` (default 0644) less the umask.
 * - In a folder that takes no new file (read-only, or sticky and someone else's) a file that is
 *   itself writable is written in place, as an editor would: not atomically, but written; so is a
 *   file with hard links, which a rename would part from its other names. A file the process may
 *   not write (read-only to it) is not written at all.
 * - A UTF-8 byte order mark is the caller's to keep (see `BOM`).
 * Anything that stops the write is a `WriteError` naming `file` and the reason in a few words,
 * never the temporary file.
 */
export function writeFileAtomic(file: string, data: string | Buffer, mode = 0o644): void {
  const access = writeAccess(file);
  if ('reason' in access) throw new WriteError(file, access.reason);
  const { target, stat } = access;
  if (access.inPlace) return writeInPlace(file, target, data);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.mcp-migrate-${process.pid}.tmp`);
  let fd: number | undefined;
  try {
    fd = openTemp(temp, stat ? 0o600 : mode);
    if (stat) {
      // Owner first: a chown clears the set-id bits the chmod then puts back.
      try {
        fs.fchownSync(fd, stat.uid, stat.gid);
      } catch (error) {
        if (!['EPERM', 'EINVAL', 'ENOSYS', 'ENOTSUP'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
        // Not ours to give away: at least the group, when the process is in it.
        try {
          fs.fchownSync(fd, -1, stat.gid);
        } catch {
          // the process's own group, then
        }
      }
      fs.fchmodSync(fd, stat.mode & 0o7777);
    }
    fs.writeFileSync(fd, data);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    // The folder refused the new file or the rename after all (an ACL, a sticky folder access()
    // cannot see through): the file itself may still be written.
    const code = (error as NodeJS.ErrnoException).code;
    if (stat && (code === 'EACCES' || code === 'EPERM') && !refusal(target)) return writeInPlace(file, target, data);
    throw new WriteError(file, describeWriteError(error as NodeJS.ErrnoException, target));
  }
}

/** A UTF-8 byte order mark: read past by every reader of the tool, written back where a file had one. */
export const BOM = '\ufeff';

/** `text` without a leading byte order mark (what npm and the compiler read past in JSON). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A file the tool could not write: `cannot write <file>: <reason>`. */
export class WriteError extends Error {
  override name = 'WriteError';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`cannot write ${file}: ${reason}`);
  }
}

/**
 * How a write to `file` would go, asked before anything is written: into `target` (the file, or
 * where its symlinks lead), atomically or, when its folder takes no new file but the file may be
 * written, in place; or the reason it cannot be written at all. `stat`: the target's, when it exists.
 */
export function writeAccess(file: string): { target: string; inPlace: boolean; stat?: fs.Stats } | { reason: string } {
  let target: string;
  try {
    target = linkTarget(file);
  } catch (error) {
    return { reason: describeWriteError(error as NodeJS.ErrnoException, file) };
  }
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') return { reason: describeWriteError(error as NodeJS.ErrnoException, target) };
  }
  if (stat?.isDirectory()) return { reason: 'is a directory' };
  if (stat && !stat.isFile()) return { reason: 'not a regular file' };
  const dir = path.dirname(target);
  let folder: fs.Stats;
  try {
    folder = fs.statSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { reason: code === 'ENOENT' ? `no such directory ${dir}` : describeWriteError(error as NodeJS.ErrnoException, dir) };
  }
  if (!folder.isDirectory()) return { reason: `${dir} is not a directory` };
  // A file the user may not write (read-only to them) is not replaced behind their back.
  const denied = stat && refusal(target);
  if (denied) return { reason: denied === 'EROFS' ? 'read-only file system' : 'permission denied (the file is not writable)' };
  // A file with other names (hard links): a new file renamed over this name would part it from
  // them, so it is written in place, as an editor does (trial 18B).
  if (stat && stat.nlink > 1) return { target, inPlace: true, stat };
  if (takesNewFiles(dir, folder, stat)) return { target, inPlace: false, ...(stat ? { stat } : {}) };
  if (stat) return { target, inPlace: true, stat };
  return { reason: refusal(dir) === 'EROFS' ? 'read-only file system' : `permission denied (the folder ${dir} is not writable)` };
}

/**
 * Where a write to `file` lands: `file`, or the file its symlink (a chain of them) leads to, also
 * one that does not exist yet. Throws ELOOP for a loop.
 */
export function linkTarget(file: string): string {
  let current = file;
  for (let hops = 0; hops < 40; hops++) {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return current;
      throw error;
    }
    if (!stat.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), fs.readlinkSync(current));
  }
  throw Object.assign(new Error(`ELOOP: too many symbolic links, ${file}`), { code: 'ELOOP' });
}

/** Whether a new file can be made in `dir` and renamed over `existing` there (a sticky folder, 0o1000, lets only the owners do that). */
function takesNewFiles(dir: string, folder: fs.Stats, existing: fs.Stats | undefined): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
  } catch {
    return false;
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  if (existing && uid !== undefined && uid !== 0 && folder.mode & 0o1000 && existing.uid !== uid && folder.uid !== uid) return false;
  return true;
}

/** Why the process may not write `file` (an error code), or undefined when it may. */
function refusal(file: string): string | undefined {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'EACCES';
  }
}

/** Opens a new temporary file (never through a file or link already there: a stale one of this process is removed first). */
function openTemp(temp: string, mode: number): number {
  try {
    return fs.openSync(temp, 'wx', mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    fs.rmSync(temp, { force: true });
    return fs.openSync(temp, 'wx', mode);
  }
}

/** Writes over the file's own bytes (it keeps its inode, mode, owner and links). */
function writeInPlace(file: string, target: string, data: string | Buffer): void {
  try {
    fs.writeFileSync(target, data);
  } catch (error) {
    throw new WriteError(file, describeWriteError(error as NodeJS.ErrnoException, target));
  }
}

/** A write's failure in a few words (never the temporary file's name). */
function describeWriteError(error: NodeJS.ErrnoException, target: string): string {
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return `permission denied (in ${path.dirname(target)})`;
    case 'ENOENT':
      return `no such directory ${path.dirname(target)}`;
    case 'ENOTDIR':
      return `a part of ${path.dirname(target)} is not a directory`;
    case 'ELOOP':
      return 'symlink loop';
    case 'EISDIR':
      return 'is a directory';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    default:
      return (error.message ?? String(error)).replace(/^[A-Z]+: /, '').replace(/, \w+ '[^']*'$/, '');
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
