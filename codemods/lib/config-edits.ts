/**
 * Editing deployment config as text, for the config codemods (sticky-config, cors-headers): the
 * work a codemod collects (edits, changes, markers, spans already dealt with), offsets mapped to
 * lines before and after the edits, and removal of YAML entries with their own comments.
 */
import { isDocumentStart, isListItem, keyColumn, yamlBlockEnd, yamlEntry, type ConfigLine } from '../../src/rules/config/text.js';
import type { ConfigKind } from '../../src/rules/types.js';
import { findMarkers } from '../../src/fix/markers.js';
import { applyEdits, lineAt, shiftOffset } from './edits.js';
import type { Change, Marker, TextEdit } from '../types.js';
import { SPEC_TRANSPORT } from './messages.js';

export interface ConfigWork {
  edits: TextEdit[];
  changes: Change[];
  /** Original offsets of markers, translated to output lines at the end. */
  markers: Array<{ pos: number; message: string; link: string }>;
  /** Original-text spans already dealt with (rewritten, marked or deliberately left under --safe-only). */
  handled: Array<[number, number]>;
}

export function newWork(): ConfigWork {
  return { edits: [], changes: [], markers: [], handled: [] };
}

export function isHandled(work: ConfigWork, pos: number): boolean {
  return work.handled.some(([from, to]) => pos >= from && pos < Math.max(to, from + 1));
}

/**
 * Applies the work's edits and places its markers on lines of the new text. In a Dockerfile a
 * marker goes above the instruction, not between the continuation lines of a `RUN`.
 */
export function finish(text: string, work: ConfigWork, kind?: ConfigKind): { text: string; changes: Change[]; markers: Marker[] } {
  const next = work.edits.length > 0 ? applyEdits(text, work.edits) : text;
  const markers = work.markers.map((m) => {
    let pos = shiftOffset(m.pos, work.edits, text);
    if (kind === 'dockerfile') pos = instructionStart(next, pos);
    return { line: lineAt(next, pos), message: m.message, link: m.link };
  });
  return { text: next, changes: work.changes, markers };
}

/** Start of the Dockerfile instruction whose (continuation) line contains `pos`. */
export function instructionStart(text: string, pos: number): number {
  let start = text.lastIndexOf('\n', pos - 1) + 1;
  while (start > 0 && /\\\s*$/.test(text.slice(text.lastIndexOf('\n', start - 2) + 1, start - 1))) start = text.lastIndexOf('\n', start - 2) + 1;
  return start;
}

/** The comment that takes a removed directive's place: what was removed and why (`prefix` is the format's comment start). */
export function removalComment(prefix: string, what: string, why: string): string {
  return `${prefix} mcp-migrate: removed ${what}: ${why} (${SPEC_TRANSPORT})`;
}

export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Offset where line `index` starts (the text length past the last line). */
export function startOfLine(lines: readonly ConfigLine[], index: number, text: string): number {
  return index < lines.length ? lines[index].start : text.length;
}

function firstColumn(code: string): number {
  return code.length - code.trimStart().length;
}

/** Blank, or only a comment. */
function isBlankCode(line: ConfigLine): boolean {
  return line.code.trim() === '';
}

function isCommentLine(line: ConfigLine): boolean {
  return isBlankCode(line) && line.raw.trim() !== '';
}

/** The line of the mapping key that directly contains line `index`, or undefined (top level, list item). */
export function yamlParent(lines: readonly ConfigLine[], index: number): number | undefined {
  const column = keyColumn(lines[index].code);
  for (let j = index - 1; j >= 0; j--) {
    const code = lines[j].code;
    if (code.trim() === '') continue;
    if (isDocumentStart(code)) return undefined;
    if (firstColumn(code) >= column) continue;
    // `- name: x` followed by `  key: y`: siblings in the item's mapping, not parent and child.
    if (isListItem(code) || keyColumn(code) === column) return undefined;
    return yamlEntry(code)?.value === '' ? j : undefined;
  }
  return undefined;
}

/** Lines of the direct children of the block that line `parent` opens. */
export function yamlChildren(lines: readonly ConfigLine[], parent: number): number[] {
  const end = yamlBlockEnd(lines, parent);
  const children: number[] = [];
  let column: number | undefined;
  for (let j = parent + 1; j < end; j++) {
    if (isBlankCode(lines[j])) continue;
    column ??= firstColumn(lines[j].code);
    if (firstColumn(lines[j].code) === column) children.push(j);
  }
  return children;
}

/** First line of the comment lines directly above line `index` at its indentation (its own description, and a marker about it). */
export function ownCommentStart(lines: readonly ConfigLine[], index: number, floor: number): number {
  const column = firstColumn(lines[index].raw);
  let first = index;
  while (first - 1 > floor && isCommentLine(lines[first - 1]) && firstColumn(lines[first - 1].raw) === column && !/mcp-migrate/i.test(lines[first - 1].raw)) first--;
  // A marker right above the line (its continuation lines taken above) is about it: it goes with it.
  if (first - 1 > floor && isCommentLine(lines[first - 1]) && firstColumn(lines[first - 1].raw) === column && /TODO\(mcp-migrate\)/.test(lines[first - 1].raw)) {
    first--;
    // So do the markers this tool wrote stacked right above that one (trial 77B B5: an earlier run
    // wrote two about one `stick` line, and its removal left the upper one behind); a person's
    // note (no link at its end) stays.
    for (;;) {
      const above = findMarkers(lines.slice(floor + 1, first).map((line) => line.raw)).at(-1);
      if (!above?.link || floor + above.line + above.lines !== first) break;
      const start = floor + above.line;
      if (!lines.slice(start, first).every((line) => isCommentLine(line) && firstColumn(line.raw) === column)) break;
      first = start;
    }
  }
  return first;
}

/**
 * Edits that remove the given YAML entries (each key line with its block), replacing the first
 * entry of each mapping with `comment` at the entry's indentation. When the entries are all the
 * mapping has (`annotations:` left empty), the mapping's own key goes too, so no `annotations:`
 * with a null value is left behind; the comment then takes the mapping's place. `comment` may be
 * empty: the entries are then just removed.
 */
export function removeYamlEntries(text: string, lines: readonly ConfigLine[], entries: readonly number[], comment: string): TextEdit[] {
  const eol = eolOf(text);
  const edits: TextEdit[] = [];
  const groups = new Map<number, number[]>();
  for (const entry of [...new Set(entries)].sort((a, b) => a - b)) {
    const parent = yamlParent(lines, entry) ?? -1 - entry;
    groups.set(parent, [...(groups.get(parent) ?? []), entry]);
  }
  const indentOf = (index: number) => /^[ \t]*/.exec(lines[index].raw)![0];
  const line = (c: string, index: number) => (c ? `${indentOf(index)}${c}${eol}` : '');
  for (const [parent, group] of groups) {
    const children = parent >= 0 ? yamlChildren(lines, parent) : [];
    if (parent >= 0 && children.every((child) => group.includes(child))) {
      const from = ownCommentStart(lines, parent, -1);
      edits.push({ start: lines[from].start, end: startOfLine(lines, yamlBlockEnd(lines, parent), text), text: line(comment, parent) });
      continue;
    }
    let floor = parent;
    group.forEach((entry, i) => {
      const from = ownCommentStart(lines, entry, floor);
      const end = yamlBlockEnd(lines, entry);
      edits.push({ start: lines[from].start, end: startOfLine(lines, end, text), text: i === 0 ? line(comment, entry) : '' });
      floor = end - 1;
    });
  }
  return edits;
}

