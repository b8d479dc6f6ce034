/**
 * Helpers for rules that read deployment config as text, line by line, skipping comments.
 * Nothing here parses a format fully: the rules look for directives and keys that are
 * distinctive on one line, and use the small YAML helpers below only for a parent-key check.
 */
import type { ConfigFile, Reporter } from '../types.js';

export interface ConfigLine {
  /** 0-based offset of the line start in the file. */
  start: number;
  /** The line with its comments blanked out (same length as `raw`, so offsets stay valid). */
  code: string;
  raw: string;
}

/** Whether a file is JSON with comments (wrangler.json / wrangler.jsonc) rather than `#`-commented text. */
export function isJsonConfig(file: Pick<ConfigFile, 'path'>): boolean {
  return /\.jsonc?$/i.test(file.path);
}

/** Whether a config file is Terraform's native syntax (HCL), whose comments are `#`, `//` and `/* *\/`. */
function isHclConfig(file: Pick<ConfigFile, 'path'>): boolean {
  return /\.tf$/i.test(file.path);
}

/** Whether a config file is Azure Bicep, whose comments are `//` and `/* *\/` and whose strings are single-quoted. */
export function isBicepConfig(file: Pick<ConfigFile, 'path'>): boolean {
  return /\.bicep(param)?$/i.test(file.path);
}

/**
 * Lines of a config file with comments blanked: `#` comments for nginx, HAProxy, YAML, TOML,
 * Dockerfiles and shell scripts; `//` and `/* *\/` comments for JSON(C) and Bicep; all three for
 * Terraform (HCL).
 */
export function configLines(file: Pick<ConfigFile, 'path' | 'text'>): readonly ConfigLine[] {
  // Every config rule (and codemod) asks for the same file in turn: split and blank it once.
  if (lastLines && lastLines.path === file.path && lastLines.text === file.text) return lastLines.lines;
  const raws = file.text.split('\n');
  const codes = isJsonConfig(file) ? blankJsonComments(raws) : isHclConfig(file) ? blankJsonComments(raws, true) : isBicepConfig(file) ? blankJsonComments(raws, false, "'") : raws.map(blankHashComment);
  const lines: ConfigLine[] = [];
  let start = 0;
  raws.forEach((raw, index) => {
    // A CRLF file's lines end in \r: rules match on the code without it (`$`, `.` and trimmed ends).
    lines.push({ start, code: codes[index].endsWith('\r') ? codes[index].slice(0, -1) : codes[index], raw });
    start += raw.length + 1;
  });
  lastLines = { path: file.path, text: file.text, lines };
  return lines;
}

let lastLines: { path: string; text: string; lines: readonly ConfigLine[] } | undefined;

/** The file's text with its comments blanked, offsets kept (each line's code padded to its raw length): what offset-based scans read. */
export function blankedText(lines: readonly ConfigLine[]): string {
  return lines.map((line) => line.code.padEnd(line.raw.length)).join('\n');
}

/** A quote opens a string only after a separator, so the apostrophe in `it's` does not hide a comment. */
export function opensQuote(line: string, i: number): boolean {
  return i === 0 || /[\s=:,([{]/.test(line[i - 1]);
}

function blankHashComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if ((ch === '"' || ch === "'") && opensQuote(line, i)) quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i) + ' '.repeat(line.length - i);
  }
  return line;
}

/** `//` and `/* *\/` comments outside strings (double-quoted, or `quote`d: Bicep's are single-quoted); `#` ones too with `hash` (HCL). */
function blankJsonComments(lines: string[], hash = false, quote = '"'): string[] {
  let inBlock = false;
  return lines.map((line) => {
    const out = line.split('');
    let inString = false;
    for (let i = 0; i < line.length; i++) {
      if (inBlock) {
        if (line.startsWith('*/', i)) {
          out[i] = out[i + 1] = ' ';
          i++;
          inBlock = false;
        } else out[i] = ' ';
      } else if (inString) {
        if (line[i] === '\\') i++;
        else if (line[i] === quote) inString = false;
      } else if (line[i] === quote) inString = true;
      else if (line.startsWith('//', i) || (hash && line[i] === '#')) {
        for (let j = i; j < line.length; j++) out[j] = ' ';
        break;
      } else if (line.startsWith('/*', i)) {
        out[i] = out[i + 1] = ' ';
        i++;
        inBlock = true;
      }
    }
    return out.join('');
  });
}

/**
 * Reports every match of `pattern` in the code of each line. The span starts at the first
 * non-blank character of the match, so a pattern may consume leading indentation.
 */
export function reportMatches(lines: readonly ConfigLine[], pattern: RegExp, report: Reporter, message: (match: RegExpExecArray, line: ConfigLine) => string | undefined): void {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (const line of lines) {
    global.lastIndex = 0;
    for (let match = global.exec(line.code); match; match = global.exec(line.code)) {
      if (match[0].length === 0) {
        global.lastIndex++;
        continue;
      }
      const text = message(match, line);
      if (text === undefined) continue;
      const lead = match[0].length - match[0].trimStart().length;
      const start = line.start + match.index + lead;
      report({ start, end: line.start + match.index + match[0].trimEnd().length, message: text });
    }
  }
}

/**
 * Where an nginx directive may start inside a line: at the line start, after `{` or `;`, after a
 * literal `\n` (printf), or after the opening quote of `echo '...'` / `printf "..."` in a Dockerfile.
 * Use it as a lookbehind, then `\s*` and the directive name.
 */
export const NGINX_DIRECTIVE_START = String.raw`(?<=^|[{;]|\\n|\b(?:echo|printf)(?:\s+-\w+)*\s+['"])\s*`;

/**
 * Variables in an nginx hash key (or an ingress-nginx `upstream-hash-by` value) that pin a client:
 * the removed session header, a cookie, the client address, or the legacy SSE `?sessionId=`.
 * `$request_uri` and other content keys are cache locality, not stickiness.
 */
export const STICKY_HASH_VARIABLE = /\\?\$\{?(http_mcp_session_id|cookie_\w+|remote_addr|binary_remote_addr|realip_remote_addr|http_x_forwarded_for|http_x_real_ip|arg_session_?id)\b/i;

/** Header, cookie or query-parameter names that carry a session: `Mcp-Session-Id`, `sessionId`, `JSESSIONID`. */
export const SESSION_NAME = /sess(ion)?[-_]?id|^mcp[-_]session|session$/i;

/** The removed header as it appears in config: `Mcp-Session-Id`, `$http_mcp_session_id`, `hdr(mcp-session-id)`. */
export const SESSION_HEADER_MENTION = /mcp[-_]session[-_]id/i;

// ---------------------------------------------------------------------------------------------
// YAML

/** `---` (or `...`) at the start of a line: a new document. */
export function isDocumentStart(code: string): boolean {
  return /^(---|\.\.\.)(\s|$)/.test(code);
}

/** A block sequence item: `- ...`. */
export function isListItem(code: string): boolean {
  return /^\s*-(\s|$)/.test(code);
}

/** Column of the key of a `key:` or `- key:` line (past the indentation and a list dash). */
export function keyColumn(code: string): number {
  return /^\s*(?:-\s+)?/.exec(code)![0].length;
}

/** Index just past the last line of the block that line `index` opens (the line itself when it opens none). */
export function yamlBlockEnd(lines: readonly ConfigLine[], index: number): number {
  const column = keyColumn(lines[index].code);
  const emptyValue = yamlValue(lines[index].code) === '';
  let last = index;
  for (let j = index + 1; j < lines.length; j++) {
    const code = lines[j].code;
    if (code.trim() === '') continue;
    if (isDocumentStart(code)) break;
    const c = indentOf(code);
    // A block sequence may sit at the key's own column (`key:\n- a`).
    if (c > column || (emptyValue && c === column && isListItem(code) && !isListItem(lines[index].code))) {
      last = j;
      continue;
    }
    break;
  }
  return last + 1;
}

/**
 * Reports line `index` of a YAML file from its key to the end of its code; a line that opens a
 * block (`httpCookie:`) covers the block, so the details below it count as this finding's.
 */
export function reportYamlLine(lines: readonly ConfigLine[], index: number, report: Reporter, message: string): void {
  const line = lines[index];
  const end = yamlBlockEnd(lines, index) - 1;
  const covers = end > index ? lines[end].start + lines[end].code.trimEnd().length : undefined;
  report({ start: line.start + keyColumn(line.code), end: line.start + line.code.trimEnd().length, message, ...(covers === undefined ? {} : { covers }) });
}

/** Indentation of a line; a list item's dash counts as half a level deeper than its indent. */
function yamlLevel(code: string): number {
  const indent = indentOf(code);
  return code.trimStart().startsWith('-') ? indent + 0.5 : indent;
}

/**
 * A YAML `key: value` line (also as a list item, `- key: value`): the key, and the value
 * trimmed of its quotes ('' when the value is a block below or absent).
 */
export function yamlEntry(code: string): { key: string; value: string } | undefined {
  const match = /^\s*(?:-\s+)?(["']?)([^"':#\s][^"':#]*?)\1\s*:(?:\s+(.*)|\s*)$/.exec(code);
  if (!match) return undefined;
  return { key: match[2], value: (match[3] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2') };
}

/** The key of a `key: value` (or `- key: value`) line, without quotes; undefined for other lines. */
export function yamlKey(code: string): string | undefined {
  return yamlEntry(code)?.key;
}

/** The value of such a line, without quotes ('' when it is a block below or absent). */
export function yamlValue(code: string): string | undefined {
  return yamlEntry(code)?.value;
}

/**
 * For every line, the nearest line above it with less indentation in the same YAML document (-1
 * for none), from one pass with a stack: asking each line's ancestors by walking up was quadratic
 * in a long list. Kept per `configLines` result.
 */
const parentsMemo = new WeakMap<readonly ConfigLine[], Int32Array>();

function yamlParents(lines: readonly ConfigLine[]): Int32Array {
  let parents = parentsMemo.get(lines);
  if (parents) return parents;
  parents = new Int32Array(lines.length).fill(-1);
  const levels = lines.map((line) => yamlLevel(line.code));
  const stack: number[] = [];
  lines.forEach((line, i) => {
    if (line.code.trim() === '') return;
    if (isDocumentStart(line.code)) {
      stack.length = 0;
      return;
    }
    while (stack.length > 0 && levels[stack[stack.length - 1]] >= levels[i]) stack.pop();
    parents![i] = stack.length > 0 ? stack[stack.length - 1] : -1;
    stack.push(i);
  });
  parentsMemo.set(lines, parents);
  return parents;
}

/** Keys of the blocks that enclose line `index`, nearest first (list items contribute their first key). */
export function yamlAncestors(lines: readonly ConfigLine[], index: number): string[] {
  const keys: string[] = [];
  if (lines[index].code.trim() === '') return keys;
  const parents = yamlParents(lines);
  for (let i = parents[index]; i >= 0; i = parents[i]) {
    const key = yamlKey(lines[i].code);
    if (key !== undefined) keys.push(key);
  }
  return keys;
}

/** Keys of the lines directly inside the block that line `index` opens. */
export function yamlChildKeys(lines: readonly ConfigLine[], index: number): string[] {
  const level = yamlLevel(lines[index].code);
  const keys: string[] = [];
  let childLevel: number | undefined;
  for (let i = index + 1; i < lines.length; i++) {
    const code = lines[i].code;
    if (code.trim() === '') continue;
    const candidate = yamlLevel(code);
    if (candidate <= level) break;
    childLevel ??= candidate;
    if (candidate !== childLevel) continue;
    const key = yamlKey(code);
    if (key !== undefined) keys.push(key);
  }
  return keys;
}

/**
 * The line of the key whose scalar line `index` continues, when that scalar's lines fold into one:
 * a folded block scalar (`run: >-`) or a plain or quoted scalar written over several lines
 * (`run: gcloud run deploy x` with `--flag` below it); undefined for any other line (a key, a list
 * item, a literal block scalar's line). Shell written so is one command, whatever its lines.
 */
export function foldedScalarKey(lines: readonly ConfigLine[], index: number): number | undefined {
  const own = lines[index].code;
  if (own.trim() === '' || yamlEntry(own) !== undefined || isListItem(own)) return undefined;
  let level = indentOf(own);
  for (let i = index - 1; i >= 0; i--) {
    const code = lines[i].code;
    if (code.trim() === '') continue;
    if (isDocumentStart(code)) return undefined;
    if (indentOf(code) >= level) continue;
    level = indentOf(code);
    // A list item that is itself a block scalar (`- |` of a CI step's `script:`): its lines are a
    // literal block's, each a line of its own, or a folded one's (`- >`), which start on the line after it.
    const item = /^\s*-\s+([|>])[-+]?\d*\s*$/.exec(code);
    if (item) {
      if (item[1] === '|') return undefined;
      for (let j = i + 1; j < lines.length; j++) if (lines[j].code.trim() !== '') return j;
      return -1;
    }
    const value = yamlValue(code);
    // A less indented line of a block scalar (`if ...; then`): the key is further up.
    if (value === undefined) continue;
    return /^\|[-+]?\d*$/.test(value) ? undefined : i;
  }
  return undefined;
}

/** Line ranges `[from, to)` of the documents of a multi-document YAML file. */
export function yamlDocuments(lines: readonly ConfigLine[]): Array<[number, number]> {
  const documents: Array<[number, number]> = [];
  let from = 0;
  lines.forEach((line, index) => {
    if (isDocumentStart(line.code)) {
      documents.push([from, index]);
      from = index + 1;
    }
  });
  documents.push([from, lines.length]);
  return documents;
}

/** Whether a config file is YAML (a Traefik file may be TOML). */
export function isYamlConfig(file: Pick<ConfigFile, 'path' | 'kind'>): boolean {
  return file.kind === 'yaml' || (file.kind === 'traefik' && !/\.toml$/i.test(file.path));
}

/**
 * The quoted item of a YAML flow sequence (`labels: ["a=1", "b=2"]`) that contains offset `at`
 * of `code`, as [start, end); undefined when `at` is not inside one.
 */
export function flowItemAt(code: string, at: number): [number, number] | undefined {
  for (const match of code.matchAll(/(?<=[[,]\s*)(["'])(?:\\.|(?!\1).)*\1/g)) {
    if (at >= match.index && at < match.index + match[0].length) return [match.index, match.index + match[0].length];
  }
  return undefined;
}

/** `key → value` of the lines in the same mapping as line `index` (itself included). */
export function yamlSiblings(lines: readonly ConfigLine[], index: number): Map<string, string> {
  const own = lines[index].code;
  const column = keyColumn(own);
  const siblings = new Map<string, string>();
  const add = (code: string) => {
    const entry = yamlEntry(code);
    if (entry !== undefined && !siblings.has(entry.key)) siblings.set(entry.key, entry.value);
  };
  // Upwards to the start of the mapping: a line indented less, or the list item's dash line.
  for (let i = index; i >= 0; i--) {
    const code = lines[i].code;
    if (code.trim() === '') continue;
    if (isDocumentStart(code) || keyColumn(code) < column) break;
    if (keyColumn(code) === column) add(code);
    if (isListItem(code) && keyColumn(code) === column) break; // the item's first key
  }
  for (let i = index + 1; i < lines.length; i++) {
    const code = lines[i].code;
    if (code.trim() === '') continue;
    if (isDocumentStart(code) || keyColumn(code) < column || (isListItem(code) && keyColumn(code) <= column)) break;
    if (keyColumn(code) === column) add(code);
  }
  return siblings;
}

/**
 * `key → value` of the one-line flow mapping (`{ name: u, hash_on: ip }`) whose `{` is at offset
 * `at` of `code`: scalars unquoted, nested mappings and sequences as written (`[{ ... }]`).
 */
export function flowMapping(code: string, at: number): Map<string, string> {
  const entries = new Map<string, string>();
  const add = (pair: string) => {
    const match = /^\s*(["']?)([\w.@/-]+)\1\s*:\s*([\s\S]*?)\s*$/.exec(pair);
    if (match) entries.set(match[2], match[3].replace(/^(["'])(.*)\1$/, '$2'));
  };
  let depth = 0;
  let quote: string | undefined;
  let from = at + 1;
  for (let i = at + 1; i < code.length; i++) {
    const ch = code[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '{' || ch === '[') depth++;
    else if ((ch === '}' || ch === ']') && depth > 0) depth--;
    else if (ch === '}' || (ch === ',' && depth === 0)) {
      add(code.slice(from, i));
      from = i + 1;
      if (ch === '}') break;
    }
  }
  return entries;
}

/**
 * How a finding names a session-carrying header, cookie or parameter, or undefined when `name`
 * does not carry a session: the removed Mcp-Session-Id says so, others pin a session.
 */
export function sessionNamed(name: string, what: string, target: string): string | undefined {
  if (!SESSION_NAME.test(name)) return undefined;
  if (/^mcp-session-id$/i.test(name)) return `on the Mcp-Session-Id ${what}, which 2026-07-28 removed`;
  return `on the ${name} ${what}, pinning each session to one ${target}`;
}

/** `[from, to)` ranges of the `{...}` objects directly inside `code[from, to)`. */
export function topLevelObjects(code: string, from: number, to: number): Array<[number, number]> {
  const objects: Array<[number, number]> = [];
  for (let i = from; i < to; i++) {
    if (code[i] === '"' || code[i] === "'") {
      const quote = code[i];
      for (i++; i < to && code[i] !== quote; i++) if (code[i] === '\\') i++;
    } else if (code[i] === '{') {
      const end = matchingBracket(code, i);
      objects.push([i, end + 1]);
      i = end;
    }
  }
  return objects;
}

/** Index of the bracket (`(`, `[`, `{`) that closes the one at `open` (strings skipped), or the text end. */
export function matchingBracket(code: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < code.length; i++) {
    const ch = code[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return code.length;
}

/** How far a line is indented (its leading blanks). */
export function indentOf(code: string): number {
  return code.length - code.trimStart().length;
}

/** The first line of the shell command that line `index` belongs to: a line ending in `\` continues on the next. */
export function commandStart(lines: readonly ConfigLine[], index: number): number {
  let start = index;
  while (start > 0 && /\\$/.test(lines[start - 1].code.trimEnd())) start--;
  return start;
}

/** The line after the last line of the command that starts at line `start`. */
export function commandEnd(lines: readonly ConfigLine[], start: number): number {
  let end = start;
  while (end < lines.length - 1 && /\\$/.test(lines[end].code.trimEnd())) end++;
  return end + 1;
}

/** An optional quote around a key or value, as config rules' patterns write it (`"nginx.ingress.kubernetes.io/affinity": "cookie"`). */
export const Q = `["']?`;

/** The host and path of an http(s) URL (its user, port and query left out), or undefined when the string is not one. */
export function urlParts(value: string): { host: string; path: string } | undefined {
  const match = /^https?:\/\/([^/?#]*)([^?#]*)/i.exec(value.trim());
  if (!match) return undefined;
  const host = match[1].replace(/^[^@]*@/, '').replace(/:\d+$|:\$\{[^}]*\}$/, '');
  return { host, path: match[2] };
}
