/**
 * File-system helpers shared by every command that writes: one atomic write (temporary file in
 * the same directory, then rename, keeping the file's mode) and one path normaliser.
 */
import fs from 'node:fs';
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

/** Writes `text` to `file` so that readers see the old or the new content, never a partial one. */
export function writeFileAtomic(file: string, text: string): void {
  const mode = fs.existsSync(file) ? fs.statSync(file).mode : 0o644;
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.mcp-migrate-${process.pid}.tmp`);
  try {
    fs.writeFileSync(temp, text, { mode });
    fs.renameSync(temp, file);
  } finally {
    if (fs.existsSync(temp)) fs.rmSync(temp, { force: true });
  }
}
