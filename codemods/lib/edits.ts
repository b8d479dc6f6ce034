/**
 * Text-edit helpers shared by the codemods. Codemods edit the original text at exact ranges found
 * in the syntax tree, so everything outside the edited spans (formatting, comments, blank lines)
 * stays byte-for-byte as the user wrote it.
 */
import { diffLines } from 'diff';
import type { ts as TS } from 'ts-morph';
import { propertyNameText } from '../../src/analysis/ast.js';
import { ts } from '../../src/analysis/typescript.js';
import { escapeRegExp } from '../../src/scan/prefilter.js';
import type { TextEdit } from '../types.js';

export class EditConflictError extends Error {
  override name = 'EditConflictError';
}

/**
 * The edits of `text` in order, each once, with deletions that overlap joined into one: two
 * neighbours on one line removed one at a time may both take the space between them
 * (removeStatement); where together they were all the line held, the line goes. Any other
 * overlap is a conflict.
 */
function normalized(edits: readonly TextEdit[], text: string): TextEdit[] {
  const byKey = new Map(edits.map((e) => [`${e.start}:${e.end}:${e.text}`, e]));
  const sorted = [...byKey.values()].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (!last || e.start >= last.end) {
      out.push({ ...e });
      continue;
    }
    if (last.text !== '' || e.text !== '') throw new EditConflictError(`overlapping edits at ${last.start}-${last.end} and ${e.start}-${e.end}`);
    last.end = Math.max(last.end, e.end);
    wholeLineIfAlone(text, last, out[out.length - 2]?.end ?? 0);
  }
  return out;
}

/**
 * A deletion that leaves nothing but spaces on its line (before it, and after it up to the line's
 * end) takes the whole line, unless an edit ending after `after` starts the line.
 */
function wholeLineIfAlone(text: string, e: TextEdit, after: number): void {
  const from = lineStart(text, e.start);
  const to = lineEnd(text, e.end);
  if (from >= after && /^[ \t]*$/.test(text.slice(from, e.start)) && /^[ \t]*\r?\n?$/.test(text.slice(e.end, to))) {
    e.start = from;
    e.end = to;
  }
}

/** Applies edits that do not overlap (but for deletions, which are joined); identical duplicate edits are applied once. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const e of normalized(edits, text)) {
    parts.push(text.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** 1-based line of an offset. */
export function lineAt(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The line of the rewritten text (`after`, `edits` of `text` applied) an offset of the original text lands on. */
export function lineAfterEdits(after: string, pos: number, edits: readonly TextEdit[], text: string): number {
  return lineAt(after, shiftOffset(pos, edits, text));
}

/** Where an offset of the original `text` ends up after `edits` (insertions at the offset come before it). */
export function shiftOffset(pos: number, edits: readonly TextEdit[], text: string): number {
  let shifted = pos;
  for (const e of normalized(edits, text)) {
    if (e.end <= pos) shifted += e.text.length - (e.end - e.start);
    else if (e.start < pos) shifted += e.start - pos;
  }
  return shifted;
}

export function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** Index just past the newline ending the line that contains `pos` (or the text length). */
export function lineEnd(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl === -1 ? text.length : nl + 1;
}

export function indentAt(text: string, pos: number): string {
  const start = lineStart(text, pos);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/**
 * The indentation unit the file uses (two spaces, four spaces or a tab): the most common step
 * between consecutive code lines, ignoring JSDoc continuation lines (` * ...`).
 */
export function indentUnit(text: string): string {
  const steps = new Map<string, number>();
  let previous = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '' || /^\s*\*/.test(line)) continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (indent.startsWith('\t')) return '\t';
    const step = indent.length - previous;
    if (step === 2 || step === 4) steps.set(' '.repeat(step), (steps.get(' '.repeat(step)) ?? 0) + 1);
    previous = indent.length;
  }
  let best = '  ';
  let count = 0;
  for (const [unit, n] of steps) if (n > count) [best, count] = [unit, n];
  return best;
}

/** The quote the file mostly uses for string literals, so inserted code matches it. */
export function quoteStyle(text: string): "'" | '"' {
  const single = (text.match(/'[^'\n]*'/g) ?? []).length;
  const double = (text.match(/"[^"\n]*"/g) ?? []).length;
  return double > single ? '"' : "'";
}

/** Rewrites the single-quoted literals of a generated snippet to the file's quote style. */
export function inQuotes(snippet: string, quote: "'" | '"'): string {
  return quote === "'" ? snippet : snippet.replace(/'([^'"\n]*)'/g, '"$1"');
}

export function lineOf(sourceFile: TS.SourceFile, pos: number): number {
  return sourceFile.getLineAndCharacterOfPosition(pos).line + 1;
}

/**
 * Where line `line` (1-based) of `sourceFile` ended up in `after`, a rewrite of it: the line the
 * rewrite left as it was; else the line with the same trimmed content nearest the old line number
 * (a rewrite moves lines); else the line that replaced it (`new NodeStreamableHTTPServerTransport(`
 * for `new StreamableHTTPServerTransport(`), or where it stood (lineOrigins). Of identical lines
 * (three routes' `const transport = ...`), each keeps its own (review 65), and a replaced one does
 * not take another's that stayed (read-through 66). How every code codemod places its markers.
 */
export function lineInRewrite(sourceFile: TS.SourceFile, line: number, after: string): number {
  const before = sourceFile.text.split('\n');
  const content = before[line - 1]?.trim() ?? '';
  const lines = after.split('\n');
  const origins = originsMemo(sourceFile.text, after);
  const aligned = origins.indexOf(line, 1);
  if (aligned > 0 && lines[aligned - 1].trim() === content) return aligned;
  // (Not another line of the same text the rewrite left where it was: that one is its own line.)
  const keptInPlace = (i: number) => origins[i + 1] !== line && before[origins[i + 1] - 1]?.trim() === content;
  let best = -1;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === content && !keptInPlace(i) && (best === -1 || Math.abs(i + 1 - line) < Math.abs(best - line))) best = i + 1;
  }
  if (best !== -1) return best;
  if (aligned > 0) return aligned;
  const next = origins.findIndex((origin, i) => i > 0 && origin > line);
  return next > 0 ? next : Math.min(line, lines.length);
}

/** lineOrigins of the last rewrite asked about: a codemod places all of a file's markers in one rewrite. */
let lastOrigins: { before: string; after: string; origins: number[] } | undefined;

function originsMemo(before: string, after: string): number[] {
  if (lastOrigins?.before !== before || lastOrigins.after !== after) lastOrigins = { before, after, origins: lineOrigins(before, after) };
  return lastOrigins.origins;
}

/** Start of a node including the comment lines directly above it. */
export function startWithLeadingComments(node: TS.Node, sourceFile: TS.SourceFile): number {
  const text = sourceFile.text;
  // The comments above a file's first statement are the file's header, not the statement's.
  if (sourceFile.statements[0] === node) return node.getStart(sourceFile);
  const start = node.getStart(sourceFile);
  const first = commentsDirectlyAbove(node, text);
  // An import's comment may head a group of imports; it is the import's own only between two
  // imports, with the import after it set apart (its own comment, or a blank line) or none at all:
  // `// Support SSE for backward compatibility` above the SSE import alone.
  if (ts.isImportDeclaration(node)) {
    const statements = sourceFile.statements;
    const index = statements.indexOf(node);
    const previous = statements[index - 1];
    const next = statements[index + 1];
    const nextApart = !next || !ts.isImportDeclaration(next) || commentsDirectlyAbove(next, text) < next.getStart(sourceFile) || /\n[ \t]*\r?\n/.test(text.slice(node.getEnd(), next.getStart(sourceFile)));
    // A marker (TODO(mcp-migrate)) above it is left for the run's accounting to settle.
    const ownLines = first < start && /^[ \t]*$/.test(text.slice(lineStart(text, first), first)) && !text.slice(first, start).includes('TODO(mcp-migrate)');
    return previous && ts.isImportDeclaration(previous) && nextApart && ownLines && !/\n[ \t]*\r?\n/.test(text.slice(previous.getEnd(), first)) ? first : start;
  }
  return first;
}

/** Where the comments on their own lines directly above a node start (no blank line between): the node's start when there are none. */
function commentsDirectlyAbove(node: TS.Node, text: string): number {
  const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  let first = node.getStart();
  for (let i = ranges.length - 1; i >= 0; i--) {
    const between = text.slice(ranges[i].end, first);
    if (/\n\s*\n/.test(between)) break;
    first = ranges[i].pos;
  }
  return first;
}

/**
 * Removes a statement (or class member) with the comments directly above it and its whole lines
 * when it stands on lines of its own; otherwise just its text.
 */
export function removeStatement(node: TS.Node, sourceFile: TS.SourceFile): TextEdit {
  const text = sourceFile.text;
  const start = startWithLeadingComments(node, sourceFile);
  const end = node.getEnd();
  const ls = lineStart(text, start);
  const le = lineEnd(text, end);
  const before = text.slice(ls, start);
  const after = text.slice(end, le);
  if (/^[ \t]*$/.test(before) && /^[ \t]*(\/\/[^\n]*)?\r?\n?$/.test(after)) {
    // Do not leave two blank lines where the statement stood between two blank lines, nor a blank
    // line opening or closing a block (or ending the file) it started or ended (lint rules such
    // as padded-blocks, no-multiple-empty-lines).
    const preceding = text.slice(Math.max(0, ls - 200), ls);
    const blankBefore = ls === 0 || /\n[ \t]*\n$/.test(preceding) || ls === 1;
    const opensBlock = /\{[ \t]*\r?\n$/.test(preceding);
    const blankAfter = /^[ \t]*\r?\n/.exec(text.slice(le));
    if ((blankBefore || opensBlock) && blankAfter) return { start: ls, end: le + blankAfter[0].length, text: '' };
    const blankLineBefore = /\n([ \t]*\r?\n)$/.exec(preceding);
    if (blankLineBefore && (/^[ \t]*\}/.test(text.slice(le)) || /^\s*$/.test(text.slice(le)))) return { start: ls - blankLineBefore[1].length, end: le, text: '' };
    return { start: ls, end: le, text: '' };
  }
  // Among others on its line (`{ log(); close(); }`): with the space before it where code precedes
  // it on the line, else the space after it, so that no double space is left. Two neighbours on
  // one line may then both take the space between them: applyEdits joins such deletions.
  const spaceBefore = /[ \t]+$/.exec(before)?.[0] ?? '';
  if (spaceBefore && !/^[ \t]*$/.test(before)) return { start: start - spaceBefore.length, end, text: '' };
  const spaceAfter = /^[ \t]+(?=\S)/.exec(after)?.[0] ?? '';
  return { start, end: end + spaceAfter.length, text: '' };
}

/**
 * Removes statements, those that stand next to each other as one stretch: a blank line above and
 * below the stretch stays as one (removeStatement alone would keep both).
 */
export function removeStatements(statements: readonly TS.Statement[], sf: TS.SourceFile): TextEdit[] {
  const text = sf.text;
  const edits = statements.map((s) => removeStatement(s, sf)).sort((a, b) => a.start - b.start);
  const merged: TextEdit[] = [];
  for (const e of edits) {
    const last = merged[merged.length - 1];
    if (last && last.end >= e.start) last.end = Math.max(last.end, e.end);
    else merged.push({ ...e });
  }
  for (const [i, e] of merged.entries()) {
    // A run ending inside its line that leaves only spaces there (`a(); b();` alone on it): the line goes, as applyEdits would take it.
    if (lineStart(text, e.end) !== e.end) wholeLineIfAlone(text, e, merged[i - 1]?.end ?? 0);
    // A run that starts its line and ends inside it, code after it there: the space after it goes too.
    const ahead = lineStart(text, e.end) !== e.end ? /^[ \t]+(?=\S)/.exec(text.slice(e.end, lineEnd(text, e.end)))?.[0] : undefined;
    if (ahead && /^[ \t]*$/.test(text.slice(lineStart(text, e.start), e.start))) e.end += ahead.length;
    const blankAbove = e.start === 0 || /(^|\n)[ \t]*\r?\n$/.test(text.slice(Math.max(0, e.start - 200), e.start)) || /\{[ \t]*\r?\n$/.test(text.slice(0, e.start));
    const blankBelow = /^[ \t]*\r?\n/.exec(text.slice(e.end));
    if (blankAbove && blankBelow && e.text === '' && /\n$/.test(text.slice(e.start, e.end))) e.end += blankBelow[0].length;
  }
  return merged;
}

/**
 * Where an element of a list starts with the comments above it that are its own. Not those that
 * belong to the element before it: commented-out code of another property (`// origin: [...]`,
 * an alternative kept for later), or the continuation of a comment trailing the line before
 * (`origin: '*', // open for now, later:`). Those stay (trial 43C: a safe CORS change took the
 * user's note of the production origin with the property it removed).
 */
function startWithOwnComments(element: TS.Node, sourceFile: TS.SourceFile): number {
  const start = startWithLeadingComments(element, sourceFile);
  const own = element.getStart(sourceFile);
  if (start === own) return start;
  const text = sourceFile.text;
  const comments = text.slice(start, own);
  const name = ts.isStringLiteral(element) ? element.text : (ts.isPropertyAssignment(element) || ts.isShorthandPropertyAssignment(element) || ts.isMethodDeclaration(element)) ? propertyNameText(element.name) : undefined;
  const otherKey = [...comments.matchAll(/^[ \t]*\/\/\s*['"]?([A-Za-z_$][\w$-]*)['"]?\s*:/gm)].some((m) => m[1] !== name);
  // The comment trailing the element before, on its line (`origin: '*', // open for now, later:`),
  // by the scanner: a `//` inside a string (`'https://...'`) is none.
  const range = ts.getTrailingCommentRanges(text, element.getFullStart())?.find((r) => r.kind === ts.SyntaxKind.SingleLineCommentTrivia && r.end <= start);
  const trailing = range ? text.slice(range.pos + 2, range.end).trim() : undefined;
  // (One that ends mid-sentence, `which list`, continued in lower case below.)
  const continues = trailing !== undefined && (/[:,]$/.test(trailing) || (!/[.!?)]$/.test(trailing) && /^[ \t]*\/\/\s*[a-z]/.test(comments)));
  // (Not a comment that names the element: `// exposedHeaders: so the playground can resume` is its own.)
  const namesIt = name !== undefined && new RegExp(`(?<![\\w$])${escapeRegExp(name)}(?![\\w$])`).test(comments);
  return otherKey || (continues && !namesIt) ? own : start;
}

/** Removes one element of a comma-separated list (object literal property, array element, specifier). */
export function removeListElement(element: TS.Node, list: readonly TS.Node[], sourceFile: TS.SourceFile): TextEdit {
  const text = sourceFile.text;
  const index = list.indexOf(element);
  const start = startWithOwnComments(element, sourceFile);
  const ls = lineStart(text, start);
  const comma = /^\s*,/.exec(text.slice(element.getEnd()));
  const end = element.getEnd() + (comma ? comma[0].length : 0);
  const le = lineEnd(text, end);
  const alone = /^[ \t]*$/.test(text.slice(ls, start)) && /^[ \t]*(\/\/[^\n]*)?\r?\n?$/.test(text.slice(end, le));
  if (comma) {
    if (alone) return { start: ls, end: le, text: '' };
    const spaces = /^[ \t]*/.exec(text.slice(end))![0];
    return { start, end: end + spaces.length, text: '' };
  }
  if (index > 0) return removeTail(list[index - 1], element, element, sourceFile);
  if (alone) return { start: ls, end: le, text: '' };
  return { start, end: element.getEnd(), text: '' };
}

/**
 * Removes the elements `first`..`last` that end a list without a trailing comma, from just after
 * `kept`, the last element that stays: the comma that separated them goes. Where the removed
 * elements have their lines to themselves, those lines go whole, with a comment trailing the last
 * of them (it was about them), and a comment on the kept element's line stays there.
 */
function removeTail(kept: TS.Node, first: TS.Node, last: TS.Node, sourceFile: TS.SourceFile): TextEdit {
  const text = sourceFile.text;
  const keptEnd = kept.getEnd();
  const start = startWithOwnComments(first, sourceFile);
  const ls = lineStart(text, start);
  const end = last.getEnd();
  const le = lineEnd(text, end);
  const between = text.slice(keptEnd, ls);
  const ownLines = ls > keptEnd && /^[ \t]*$/.test(text.slice(ls, start)) && /^[ \t]*(\/\/[^\n]*)?\r?\n?$/.test(text.slice(end, le));
  if (ownLines && /^[ \t]*,/.test(between)) return { start: keptEnd, end: le, text: between.replace(/^[ \t]*,/, '') };
  return { start: keptEnd, end, text: '' };
}

/**
 * Removes several elements of one comma-separated list in non-overlapping edits. When the last
 * element goes, everything after the last kept element goes with one edit (so the kept element
 * loses the comma that separated it from the removed tail, and nothing overlaps).
 */
export function removeListElements(remove: readonly TS.Node[], list: readonly TS.Node[], sourceFile: TS.SourceFile): TextEdit[] {
  const doomed = new Set(remove);
  if (doomed.size === 0) return [];
  if (list.every((e) => doomed.has(e))) {
    const first = list[0];
    const last = list[list.length - 1];
    const text = sourceFile.text;
    const start = lineStart(text, startWithOwnComments(first, sourceFile));
    const comma = /^\s*,/.exec(text.slice(last.getEnd()));
    const end = last.getEnd() + (comma ? comma[0].length : 0);
    const alone = /^[ \t]*$/.test(text.slice(start, first.getStart(sourceFile))) && /^[ \t]*\r?\n/.test(text.slice(end));
    return [alone ? { start, end: lineEnd(text, end), text: '' } : { start: first.getStart(sourceFile), end, text: '' }];
  }
  const edits: TextEdit[] = [];
  const lastKept = [...list].reverse().find((e) => !doomed.has(e))!;
  const tail = list.slice(list.indexOf(lastKept) + 1);
  const tailHasTrailingComma = tail.length > 0 && /^\s*,/.test(sourceFile.text.slice(tail[tail.length - 1].getEnd()));
  for (const element of list) {
    if (!doomed.has(element)) continue;
    if (tail.includes(element) && !tailHasTrailingComma) continue;
    edits.push(removeListElement(element, list, sourceFile));
  }
  if (tail.length > 0 && !tailHasTrailingComma) edits.push(removeTail(lastKept, tail[0], tail[tail.length - 1], sourceFile));
  return edits;
}

/** Template literal spans (their interior): lines starting inside one keep their text as it is. */
export function templateSpans(node: TS.Node): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const visit = (n: TS.Node): void => {
    if (ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n)) spans.push([n.getStart(), n.getEnd()]);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return spans;
}

/** Whether a line starting at `offset` starts inside one of these template literal spans. */
export function insideTemplate(offset: number, spans: ReadonlyArray<[number, number]>): boolean {
  return spans.some(([start, end]) => offset > start && offset < end);
}

/**
 * Re-indents a block of statements from one base indentation to another. A line that starts inside
 * a template literal is the string's text, not code: it stays byte for byte (a UI resource's HTML,
 * a Python snippet a tool returns).
 */
export function reindent(block: string, from: string, to: string): string {
  const spans = block.includes('`') ? templateSpans(ts.createSourceFile('block.ts', block, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)) : [];
  let offset = 0;
  return block
    .split('\n')
    .map((line) => {
      const start = offset;
      offset += line.length + 1;
      if (insideTemplate(start, spans)) return line;
      return line.startsWith(from) ? to + line.slice(from.length) : line.trim() === '' ? '' : line;
    })
    .join('\n');
}

/**
 * For each line of `after` (index = 1-based line), the line of `before` it comes from; a line a
 * rewrite added stands at the line it was added before (or the last line, at the end).
 */
export function lineOrigins(before: string, after: string): number[] {
  const origins = [0];
  let line = 1;
  const last = before.split('\n').length;
  // Lines just removed: added lines right after them replace them, each the removed line it
  // starts like (`server.tool('add_item', ...` rewritten below a line minted before it), else
  // line for line.
  let replaced: { start: number; lines: string[] } | undefined;
  // (An added line that is a line of the original moved, the one line of it with that text, 12
  // characters or more: where it was. A cleanup a rewrite moved out of a removed block is
  // reported at its own line, not at the block's first: trial 78B B6.)
  const beforeLines = before.split('\n');
  const movedFrom = new Map<string, number>();
  beforeLines.forEach((text, i) => {
    const key = text.trim();
    if (key.length >= 12) movedFrom.set(key, movedFrom.has(key) ? -1 : i + 1);
  });
  for (const part of diffLines(before, after)) {
    const count = part.count ?? 0;
    if (part.removed) {
      replaced = { start: line, lines: part.value.split('\n').slice(0, count) };
      line += count;
      continue;
    }
    if (part.added) {
      const added = part.value.split('\n');
      for (let i = 0; i < count; i++) {
        const moved = movedFrom.get(added[i].trim());
        origins.push(moved !== undefined && moved > 0 ? moved : replaced ? replaced.start + replacedBy(replaced.lines, added[i], i) : Math.min(line, last));
      }
    } else for (let i = 0; i < count; i++) origins.push(line++);
    replaced = undefined;
  }
  return origins;
}

/** Which of the removed lines an added line replaces: the one it shares the longest start with (12 characters or more past the indent), else the one at its place. */
function replacedBy(removed: readonly string[], added: string, index: number): number {
  const text = added.trim();
  let best = -1;
  let bestLength = 11;
  removed.forEach((line, at) => {
    const other = line.trim();
    let length = 0;
    while (length < text.length && length < other.length && text[length] === other[length]) length++;
    if (length > bestLength) [best, bestLength] = [at, length];
  });
  return best >= 0 ? best : Math.min(index, removed.length - 1);
}

/**
 * Lines of a text rewritten in steps, back to the original: each step reports its changes at
 * lines of the text it was given, and a change is listed at its line in the file as it was.
 */
export class LineMap {
  private map = (line: number): number => line;

  /** Changes reported at lines of the current text, at lines of the original. */
  original<T extends { line: number }>(changes: readonly T[]): T[] {
    return changes.map((c) => ({ ...c, line: this.map(c.line) }));
  }

  /** The current text, `before`, became `after`. */
  moved(before: string, after: string): void {
    if (before === after) return;
    const origins = lineOrigins(before, after);
    const previous = this.map;
    this.map = (line) => previous(origins[Math.min(Math.max(line, 1), origins.length - 1)]);
  }
}

/**
 * The edit that puts `property` (its text, `name: value`) first in an object literal: on a line of
 * its own where the object writes its first property on another line than its brace, inline
 * otherwise, and alone in an empty object.
 */
export function firstPropertyEdit(object: TS.ObjectLiteralExpression, property: string, sf: TS.SourceFile): TextEdit {
  const first = object.properties[0];
  if (!first) return { start: object.getStart(sf) + 1, end: object.getEnd() - 1, text: ` ${property} ` };
  const at = first.getStart(sf);
  const multiline = sf.text.slice(object.getStart(sf), at).includes('\n');
  return { start: at, end: at, text: multiline ? `${property},\n${indentAt(sf.text, at)}` : `${property}, ` };
}

/**
 * The edits that add `property` after an object literal's last property (`{ a }` + `b: 1` → `{ a,
 * b: 1 }`): on the same line where that property ends on the line of the object's closing brace,
 * else on a line of its own after the last property's line and the comment that ends it, with the
 * object's comma style (a trailing comma kept where it had one) and line endings.
 */
export function appendPropertyEdits(object: TS.ObjectLiteralExpression, property: string, sf: TS.SourceFile): TextEdit[] {
  const last = object.properties[object.properties.length - 1];
  if (!last) return [firstPropertyEdit(object, property, sf)];
  const text = sf.text;
  const end = last.getEnd();
  const comma = /^[ \t]*,/.exec(text.slice(end));
  // On one line with the object's closing brace (`{ a, b }`, or `b: 2 }` ending a longer object): on that line too.
  if (!text.slice(end, object.getEnd()).includes('\n')) return [{ start: end, end, text: `, ${property}` }];
  // The indent of the last property's line (`  a: 1, b: 2`: two spaces, not the one before `b`).
  const indent = indentAt(text, last.getStart(sf));
  const lineDone = lineEnd(text, end + (comma ? comma[0].length : 0));
  // (`\n`, as every codemod writes: the runner keeps a CRLF file's line endings.)
  const added = { start: lineDone, end: lineDone, text: `${indent}${property}${comma ? ',' : ''}\n` };
  return comma ? [added] : [{ start: end, end, text: ',' }, added];
}
