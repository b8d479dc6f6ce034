/**
 * Reads one file as text, turning every way that can go wrong into a one-line reason.
 */
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import { describeFsError } from './files.js';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

export type ReadOutcome =
  | { ok: true; text: string }
  | { ok: false; skipped: true; reason: string }
  | { ok: false; skipped: false; reason: string };

/** A bundle: long, with very long lines. Skipped silently like `*.min.js`. */
export function looksMinified(text: string): boolean {
  if (text.length < 20_000) return false;
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return text.length / lines > 500;
}

/** Reads a whole regular file through one descriptor (no second lookup of the path). */
function readRegularFile(absolute: string, maxBytes: number): Buffer | { reason: string } {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is then refused as not a regular file.
  const fd = fs.openSync(absolute, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { reason: 'not a regular file' };
    if (stat.size > maxBytes) {
      return { reason: `file is ${(stat.size / 1024 / 1024).toFixed(1)} MB, over the ${(maxBytes / 1024 / 1024).toFixed(1)} MB limit (skipped; raise it with --max-file-size)` };
    }
    const buffer = Buffer.allocUnsafe(stat.size);
    let length = 0;
    while (length < buffer.length) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, length);
      if (n === 0) break; // the file shrank while we read it
      length += n;
    }
    return length === buffer.length ? buffer : buffer.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}

export function readTextFile(absolute: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ReadOutcome {
  let read: Buffer | { reason: string };
  try {
    read = readRegularFile(absolute, maxBytes);
  } catch (error) {
    return { ok: false, skipped: false, reason: `cannot read: ${describeFsError(error as NodeJS.ErrnoException)}` };
  }
  if (!Buffer.isBuffer(read)) return { ok: false, skipped: false, reason: read.reason };
  if (read.subarray(0, 8000).includes(0)) return { ok: false, skipped: false, reason: 'binary file (skipped)' };
  if (!isUtf8(read)) return { ok: false, skipped: false, reason: 'not valid UTF-8 text (skipped)' };
  let text = read.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}
