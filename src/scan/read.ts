/**
 * Reads one file as text, turning every way that can go wrong into a one-line reason.
 */
import fs from 'node:fs';
import { describeFsError } from './files.js';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

export type ReadOutcome =
  | { ok: true; text: string }
  | { ok: false; skipped: true; reason: string }
  | { ok: false; skipped: false; reason: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** A bundle: long, with very long lines. Skipped silently like `*.min.js`. */
export function looksMinified(text: string): boolean {
  if (text.length < 20_000) return false;
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return text.length / lines > 500;
}

export function readTextFile(absolute: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ReadOutcome {
  let buffer: Buffer;
  try {
    const stat = fs.statSync(absolute);
    if (!stat.isFile()) return { ok: false, skipped: false, reason: 'not a regular file' };
    if (stat.size > maxBytes) {
      return { ok: false, skipped: false, reason: `file is ${(stat.size / 1024 / 1024).toFixed(1)} MB, over the ${(maxBytes / 1024 / 1024).toFixed(1)} MB limit (skipped; raise it with --max-file-size)` };
    }
    buffer = fs.readFileSync(absolute);
  } catch (error) {
    return { ok: false, skipped: false, reason: `cannot read: ${describeFsError(error as NodeJS.ErrnoException)}` };
  }
  const probe = buffer.subarray(0, 8000);
  if (probe.includes(0)) return { ok: false, skipped: false, reason: 'binary file (skipped)' };
  let text: string;
  try {
    text = decoder.decode(buffer);
  } catch {
    return { ok: false, skipped: false, reason: 'not valid UTF-8 text (skipped)' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}
