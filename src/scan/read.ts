/**
 * Reads files, turning every way that can go wrong into a one-line reason.
 *
 * The scanner reads every file of a tree but decodes few of them: `FileReader` reads each file's
 * bytes into one buffer it reuses (no allocation per file), the byte checks run there, and only
 * the files worth it are decoded into strings (`decodeText`).
 */
import { isAscii, isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import { describeFsError } from './files.js';
import { isMcpCode } from '../analysis/mcp.js';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** `latin1`: the bytes are text but not valid UTF-8, read as Latin-1 (a reader made with `nonUtf8: 'latin1'`); `decodeText` decodes them so. */
export type BytesOutcome = { ok: true; bytes: Buffer; stat?: fs.Stats; latin1?: true } | { ok: false; reason: string };

/**
 * What a reader that refuses text that is not UTF-8 says of it. Only the fix runner reads so (it
 * writes the files back, as UTF-8, which would change bytes the rewrite did not mean to change),
 * hence the advice; the scanner reads such a file as Latin-1 (trial 67B B3).
 */
export const NOT_UTF8_REASON = 'not valid UTF-8 text, not rewritten: fix rewrites UTF-8 files only; save it as UTF-8 and run fix again';

/** What the scanner says, once, of a file it read as Latin-1 (ScanResult.notes). */
export const READ_AS_LATIN1_NOTE = 'not valid UTF-8: read as Latin-1 (as Shift-JIS where only that reads it whole; fix leaves it unchanged until it is saved as UTF-8)';

/**
 * Whether the scanner skips a code file as a bundle: MCP code that looks minified, or that a
 * bundler wrote (code that is not MCP code never reaches the rules, so its shape does not
 * matter). `mcp`: when known already. Never a TypeScript file (`path`): bundlers and compilers
 * write JavaScript, and a source with one long generated line (a table left unformatted) is a
 * source (trial 71B B2: a session map in such a file was skipped, and check passed).
 */
export function skipsAsBundle(text: string, mcp?: boolean, path?: string): boolean {
  // (The path first: a TypeScript file needs no marker test.)
  if (path !== undefined && TYPESCRIPT_SOURCE.test(path)) return false;
  return (mcp ?? isMcpCode(text)) && (looksMinified(text) || looksBundled(text) || looksCompiled(text));
}

/** A TypeScript source's extension (declaration files are not scanned). */
const TYPESCRIPT_SOURCE = /\.[cm]?tsx?$/i;

/** The source map comment a compiler or bundler ends its output with: `//# sourceMappingURL=index.js.map` (or an inline `data:` map). */
export const SOURCE_MAP_COMMENT = /\n\/\/# sourceMappingURL=\S+\s*$/;

/**
 * Code a compiler wrote from sources elsewhere (tsc's or Babel's output committed in a package's
 * `lib/`, trial 28A): it ends with a source map comment, which no hand-written file has. Scanning
 * it reports every finding of its sources twice, and a rewrite would be lost at the next build.
 * (Tested from the comment's last start: an inline map runs to many kilobytes.)
 */
export function looksCompiled(text: string): boolean {
  const at = text.lastIndexOf('\n//# sourceMappingURL=');
  return at !== -1 && SOURCE_MAP_COMMENT.test(text.slice(at));
}

/** The TypeScript sources a compiler writes each kind of JavaScript file from (`x.js` from `x.ts`). */
const SOURCES_OF: Record<string, readonly string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/** tsc's (and Babel's) emit: the CommonJS interop flag, or the helpers it writes for async functions and generators. */
const COMPILER_EMIT = /\bObject\.defineProperty\(exports, ["']__esModule["']|\bexports\.__esModule = true\b|\bvar __(awaiter|generator) = \(this && this\.__(awaiter|generator)\)/;

/**
 * JavaScript a compiler wrote beside its TypeScript source, without a source map comment
 * (`route.js` next to `route.ts`, committed by a project that runs tsc in place, trial 34C): the
 * same base name with a TypeScript extension is a file of the run (`hasSource`), and the text
 * carries the compiler's emit (COMPILER_EMIT). Scanning it reports its source's findings twice,
 * and a marker written there lands in generated code. The path to that source, or undefined.
 */
export function compiledBesideSource(absolute: string, text: string, hasSource: (absolute: string) => boolean): string | undefined {
  const source = typeScriptSource(absolute, hasSource);
  return source && COMPILER_EMIT.test(text) ? source : undefined;
}

/** The TypeScript file of the same base name a JavaScript file may be compiled from (`route.ts` for `route.js`), when `hasSource` has it. */
export function typeScriptSource(absolute: string, hasSource: (absolute: string) => boolean): string | undefined {
  const dot = absolute.lastIndexOf('.');
  const sources = dot > Math.max(absolute.lastIndexOf('/'), absolute.lastIndexOf('\\')) ? SOURCES_OF[absolute.slice(dot)] : undefined;
  return sources?.map((ext) => absolute.slice(0, dot) + ext).find(hasSource);
}

/** esbuild's and Bun's comment above each module they put into a bundle: `// node_modules/pkg/dist/index.js`. */
const BUNDLED_MODULE = /^\/\/ node_modules\/\S+\.[cm]?[jt]sx?$/gm;

/**
 * A bundle a bundler wrote without minifying it (`bun build`, esbuild): Bun's `// @bun` pragma at
 * the top, webpack's module table, or esbuild's and Bun's comments naming the modules of
 * node_modules it copied in, two or more. Its code is built from sources elsewhere (or is other
 * packages' code), and a rewrite would be lost at the next build.
 */
export function looksBundled(text: string): boolean {
  const head = text.slice(0, 200);
  if (/^(#![^\n]*\n)?\/\/ @bun(?: @bun-cjs)?\s*(\n|$)/.test(head)) return true;
  if (text.includes('__webpack_require__') && text.includes('/***/')) return true;
  if (!text.includes('// node_modules/')) return false;
  BUNDLED_MODULE.lastIndex = 0;
  return BUNDLED_MODULE.exec(text) !== null && BUNDLED_MODULE.exec(text) !== null;
}

/** A line this long is a bundle's line, or data (an inline SVG, a base64 image, a JSON blob). */
const LONG_LINE = 500;

/**
 * A bundle: long, with very long lines, and those lines code: minified code opens a block after a
 * parenthesis (`){`) or writes an arrow every few dozen characters, where a long string literal of
 * a hand-written file (an inline SVG logo, a base64 image, prose) has next to none. Skipped like
 * `*.min.js`, and said so.
 */
export function looksMinified(text: string): boolean {
  if (text.length < 20_000) return false;
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  if (text.length / lines <= LONG_LINE) return false;
  // Code marks per thousand characters of the long lines.
  let long = 0;
  let marks = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end - start > LONG_LINE) {
      long += end - start;
      const line = text.slice(start, end);
      for (const mark of ['){', '=>']) for (let i = line.indexOf(mark); i !== -1; i = line.indexOf(mark, i + 2)) marks++;
    }
    start = end + 1;
  }
  return marks * 1000 >= long;
}

function overLimit(size: number, maxBytes: number): string {
  return `file is ${sizeText(size)}, over the ${sizeText(maxBytes)} limit (skipped; raise it with --max-file-size)`;
}

/** A size as a person reads it: MB from a tenth of one, else KB (a limit of 0.0001 MB is not "0.0 MB"). */
function sizeText(bytes: number): string {
  return bytes >= 0.1 * 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(0.1, bytes / 1024).toFixed(1)} KB`;
}

/**
 * Whether a file's first bytes (`sample`) make it binary: a NUL byte, as git decides, unless the
 * file is valid UTF-8 and control bytes (NUL, and others than tab, line breaks and form feed) are
 * rare in it: at most two, or under 1% of the sample. A code file may hold a raw NUL in a string (a
 * hash-field separator in a template literal), and TypeScript parses it (trial 59B B4: such a file
 * was skipped and its findings missed; review 76: a short one still was). Images and compiled files
 * hold many.
 */
function looksBinary(sample: Buffer, utf8: boolean): boolean {
  if (!sample.includes(0)) return false;
  // (No code file starts with a NUL.)
  if (!utf8 || sample[0] === 0) return true;
  let controls = 0;
  for (const byte of sample) if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) || byte === 0x7f) controls++;
  return controls > 2 && controls * 100 >= sample.length;
}

/**
 * Reads a file's bytes and says whether they are text; one instance reads many files, one at a time.
 * `nonUtf8`: what to do with text that is not valid UTF-8 (a comment an editor saved in
 * ISO-8859-1). 'latin1' reads it as Latin-1, every byte one character, so the ASCII code around
 * the odd bytes is intact whatever single-byte encoding it was written in: the scanner's and the
 * module reader's choice (trial 67B B3: a session map behind one `é` in a comment was skipped, and
 * scan passed). 'refuse' says why not (NOT_UTF8_REASON): the fix runner's, which would write
 * the file back as UTF-8. Binary files are refused either way.
 */
export class FileReader {
  private scratch: Buffer;

  constructor(
    private readonly maxBytes = DEFAULT_MAX_FILE_BYTES,
    initialBytes = 256 * 1024,
    private readonly nonUtf8: 'refuse' | 'latin1' = 'refuse',
  ) {
    this.scratch = Buffer.allocUnsafe(Math.min(initialBytes, maxBytes + 1));
  }

  /**
   * The file's bytes, checked to be text (UTF-8, or with `nonUtf8: 'latin1'` any other text, said by
   * `latin1`) within the size limit. They live in a buffer the
   * next `read` overwrites: decode or copy what must outlive it. `regular`: the caller already
   * knows the path is a regular file (the walk's directory entry said so), which saves an fstat.
   * `withStat`: also return the file's metadata, taken on the open file before its bytes are read.
   */
  read(absolute: string, regular = false, withStat = false): BytesOutcome {
    let read: Buffer | string;
    this.stat = undefined;
    try {
      read = this.readRegular(absolute, regular, withStat);
    } catch (error) {
      return { ok: false, reason: `cannot read: ${describeFsError(error as NodeJS.ErrnoException)}` };
    }
    if (typeof read === 'string') return { ok: false, reason: read };
    const utf8 = isUtf8(read);
    if (looksBinary(read.subarray(0, 8000), utf8)) return { ok: false, reason: 'binary file (skipped)' };
    if (!utf8) return this.nonUtf8 === 'latin1' ? { ok: true, bytes: read, stat: this.stat, latin1: true } : { ok: false, reason: NOT_UTF8_REASON };
    return { ok: true, bytes: read, stat: this.stat };
  }

  /** The metadata the last read took on the open file (with `withStat`, or when it had to check). */
  private stat: fs.Stats | undefined;

  /** Reads through one descriptor (no second lookup of the path): the bytes, or why not. */
  private readRegular(absolute: string, regular: boolean, withStat: boolean): Buffer | string {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is then refused as not a regular file.
    const fd = fs.openSync(absolute, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
      if (!regular || withStat) {
        const stat = fs.fstatSync(fd);
        this.stat = stat;
        if (!stat.isFile()) return 'not a regular file';
        if (stat.size > this.maxBytes) return overLimit(stat.size, this.maxBytes);
      }
      let length = 0;
      for (;;) {
        if (length === this.scratch.length) {
          // Full: either over the limit (one byte past it proves that) or time for a larger buffer.
          if (length > this.maxBytes) return overLimit(fs.fstatSync(fd).size, this.maxBytes);
          const larger = Buffer.allocUnsafe(Math.min(this.scratch.length * 2, this.maxBytes + 1));
          this.scratch.copy(larger, 0, 0, length);
          this.scratch = larger;
        }
        const n = fs.readSync(fd, this.scratch, length, this.scratch.length - length, length);
        if (n === 0) break;
        length += n;
      }
      return this.scratch.subarray(0, length);
    } finally {
      fs.closeSync(fd);
    }
  }
}

/**
 * Text bytes (already checked by `FileReader`) as a string, without a byte order mark: UTF-8, or
 * Latin-1 where they are not valid UTF-8 (BytesOutcome.latin1, trial 67B B3).
 */
export function decodeText(bytes: Buffer): string {
  // Pure ASCII (most source files, and never with a BOM) decodes the same either way; latin1 is the cheaper decoder.
  if (isAscii(bytes)) return bytes.toString('latin1');
  const text = bytes.toString('utf8');
  // A replacement character is where UTF-8 decoding failed, unless the file holds one itself:
  // only then are the bytes tested again. (A reader that refuses such bytes never hands them here.)
  if (text.includes('\ufffd') && !isUtf8(bytes)) return legacyText(bytes.subarray(hasUtf8Bom(bytes) ? 3 : 0));
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Bytes that are not UTF-8, as text: Latin-1, one character a byte, which keeps the ASCII code
 * around them intact; but Shift-JIS where a double-byte character's second byte is 0x5C (表 is 95 5C):
 * read as Latin-1 that byte is a backslash, which escapes a string's closing quote and breaks the
 * parse (review 86). Only where the strict Shift-JIS decoder takes the whole file.
 */
function legacyText(bytes: Buffer): string {
  for (let i = 0; i + 1 < bytes.length; i++) {
    const lead = bytes[i];
    // (A lead byte of 0x81-0x9F, which Latin-1 text never holds before a backslash: 0xE0-0xFC are its
    // accented letters, and `'C:\\café\\x'` read as Shift-JIS would lose a backslash.)
    if (bytes[i + 1] !== 0x5c || lead < 0x81 || lead > 0x9f) continue;
    try {
      return new TextDecoder('shift_jis', { fatal: true }).decode(bytes);
    } catch {
      break;
    }
  }
  return bytes.toString('latin1');
}

/** Whether bytes start with a UTF-8 byte order mark (read past also in a file otherwise read as Latin-1). */
function hasUtf8Bom(bytes: Buffer): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}
