/**
 * File-system helpers shared by every command that writes: one atomic write (temporary file in
 * the same directory, then rename, keeping the file's mode) and one path normaliser.
 */
import fs from 'node:fs';
import path from 'node:path';

/** `a\\b` → `a/b`: paths in output are always `/`-separated. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
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
