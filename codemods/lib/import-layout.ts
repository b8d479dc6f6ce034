/**
 * The official v1→v2 codemod writes the imports it moves in ts-morph's style, not the file's: it
 * gathers them at the first SDK import's place in the reverse of their order, ends them with
 * semicolons in a file that has none, and removing the last import can take the blank line that
 * followed it. This puts the file's own layout back around what the migration meant to change:
 *   - the new imports (of the v2 packages) stand in the order of the SDK imports they replace;
 *   - the comment lines above an SDK import it removed go back above the v2 import that took its
 *     names (restoreImportComments);
 *   - a statement the file had after a blank line, unchanged by the migration, gets it back (also
 *     below the comments above it);
 *   - a v2 import that replaces an SDK import the file wrote one name per line is written so again,
 *     with the comments the file wrote on each name (restoreImportBreaks).
 * Nothing else moves; the semicolons it adds are the fix runner's business (style.ts).
 * `line` maps a line of the codemod's output to its line here (markers are placed on the
 * codemod's output).
 */
import type { ts as TS } from 'ts-morph';
import { parseFile } from '../../src/analysis/parse.js';
import { importedBindings } from '../../src/analysis/ast.js';
import { ts } from '../../src/analysis/typescript.js';
import type { TextEdit } from '../types.js';
import { applyEdits, lineAfterEdits } from './edits.js';

export interface Layout {
  text: string;
  line(line: number): number;
}

/** A module of the v1 SDK package (`@modelcontextprotocol/sdk/...`). */
export const SDK_MODULE = /^@modelcontextprotocol\/sdk(\/|$)/;
const V2_MODULE = /^@modelcontextprotocol\//;

/** An import of a v2 package (`@modelcontextprotocol/...` other than the v1 SDK). */
function isV2Import(statement: TS.Statement): statement is TS.ImportDeclaration {
  return ts.isImportDeclaration(statement) && V2_MODULE.test(moduleOf(statement)) && !SDK_MODULE.test(moduleOf(statement));
}

function moduleOf(statement: TS.ImportDeclaration): string {
  return ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : '';
}

/** The names an import binds in the file. */
function localNames(statement: TS.ImportDeclaration): string[] {
  return importedBindings(statement).map((b) => b.local);
}

/** The trivia before a statement (line breaks, spaces, comments). */
function triviaOf(sourceFile: TS.SourceFile, statement: TS.Statement): string {
  return sourceFile.text.slice(statement.pos, statement.getStart(sourceFile));
}

const lineBreaks = (text: string): number => text.split('\n').length - 1;

export function restoreImportLayout(original: TS.SourceFile, migratedText: string, path: string): Layout {
  const steps = [restoreImportOrder, restoreImportComments, restoreBlankLines, restoreImportBreaks];
  let layout: Layout = { text: migratedText, line: (line) => line };
  for (const step of steps) {
    const before = layout;
    const next = step(original, before.text, path);
    layout = { text: next.text, line: (line) => next.line(before.line(line)) };
  }
  return layout;
}

/** `text` with `edits` applied, each line of it mapped to where it ends up. */
function edited(text: string, edits: readonly TextEdit[]): Layout {
  if (edits.length === 0) return { text, line: (line) => line };
  const result = applyEdits(text, edits);
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return { text: result, line: (line) => lineAfterEdits(result, starts[line - 1] ?? text.length, edits, text) };
}

/** Comments the file wrote on a name of a multi-line import: on lines of their own above it, after it on its line, and (the last name) below it. */
interface NameComments {
  above: string[];
  after: string[];
  below: string[];
}

function nameComments(sourceFile: TS.SourceFile, statement: TS.ImportDeclaration): Map<string, NameComments> {
  const found = new Map<string, NameComments>();
  const bindings = statement.importClause?.namedBindings;
  if (!bindings || !ts.isNamedImports(bindings)) return found;
  const text = sourceFile.text;
  const elements = bindings.elements;
  const all = elements.map((): NameComments => ({ above: [], after: [], below: [] }));
  /** The comments from `pos` on: those on its line go to `sameLine` (else `ownLines`), those on lines of their own to `ownLines`. */
  const sort = (pos: number, sameLine: string[] | undefined, ownLines: string[]) => {
    for (const range of ts.getTrailingCommentRanges(text, pos) ?? []) (sameLine ?? ownLines).push(text.slice(range.pos, range.end));
    for (const range of ts.getLeadingCommentRanges(text, pos) ?? []) ownLines.push(text.slice(range.pos, range.end));
  };
  elements.forEach((element, i) => {
    // Before its comma (`Resource /* none yet */,`), then after the comma before it.
    for (const range of ts.getTrailingCommentRanges(text, element.end) ?? []) all[i].after.push(text.slice(range.pos, range.end));
    sort(element.pos, i > 0 ? all[i - 1].after : undefined, all[i].above);
  });
  // After the last name: past its trailing comma (the list ends there), or on lines of their own.
  const last = all[all.length - 1];
  if (elements.hasTrailingComma) sort(elements.end, last.after, last.below);
  else if (last) for (const range of ts.getLeadingCommentRanges(text, elements.end) ?? []) last.below.push(text.slice(range.pos, range.end));
  elements.forEach((element, i) => {
    const c = all[i];
    if (c.above.length + c.after.length + c.below.length > 0) found.set(element.name.text, c);
  });
  return found;
}

/** The braces of a multi-line named import: how the file wrote it (`{\n  A,\n  B,\n}`). */
interface Breaks {
  indent: string;
  trailingComma: boolean;
}

function breaksOf(sourceFile: TS.SourceFile, statement: TS.ImportDeclaration): Breaks | undefined {
  const bindings = statement.importClause?.namedBindings;
  if (!bindings || !ts.isNamedImports(bindings) || bindings.elements.length === 0) return undefined;
  const text = bindings.getText(sourceFile);
  if (!text.includes('\n')) return undefined;
  const first = bindings.elements[0];
  const lineStart = sourceFile.text.lastIndexOf('\n', first.getStart(sourceFile)) + 1;
  const indent = sourceFile.text.slice(lineStart, first.getStart(sourceFile));
  if (!/^[ \t]+$/.test(indent)) return undefined;
  return { indent, trailingComma: bindings.elements.hasTrailingComma };
}

/**
 * The official codemod writes every import it moves on one line. In a file that wrote an SDK
 * import one name per line (as formatters leave a long list), a v2 import that takes names from it,
 * or that is wider than every import the file kept on one line (names renamed or merged), is
 * written that way again, with the file's indentation and trailing comma.
 */
function restoreImportBreaks(original: TS.SourceFile, text: string, path: string): Layout {
  const unchanged: Layout = { text, line: (line) => line };
  const multiLine = new Map<string, Breaks>();
  /** The comments the file wrote on the names of those imports, by name. */
  const commented = new Map<string, NameComments>();
  /** The longest import the file wrote on one line (at least 80 columns, a formatter's usual width): that width stood. */
  let widest = 80;
  for (const statement of original.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const breaks = SDK_MODULE.test(moduleOf(statement)) ? breaksOf(original, statement) : undefined;
    if (breaks) for (const name of localNames(statement)) multiLine.set(name, breaks);
    if (breaks) for (const [name, comments] of nameComments(original, statement)) commented.set(name, comments);
    const written = statement.getText(original);
    if (!written.includes('\n')) widest = Math.max(widest, written.length);
  }
  if (multiLine.size === 0) return unchanged;
  const anyBreaks = multiLine.values().next().value!;
  const migrated = parseFile(text, path);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const edits: TextEdit[] = [];
  /** Per migrated line of an import written out again: the lines it gained. */
  const grown: Array<[number, number]> = [];
  for (const statement of migrated.statements) {
    if (!isV2Import(statement)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings) || bindings.getText(migrated).includes('\n')) continue;
    // Names of a multi-line import (or, renamed or merged, a line wider than any the file wrote)
    // go one per line; a single name stays on one line, as a formatter would leave it, unless the
    // file wrote a comment on it (which keeps its place by the name).
    const breaks = bindings.elements.map((e) => multiLine.get(e.name.text)).find((b) => b !== undefined) ?? (statement.getText(migrated).length > widest ? anyBreaks : undefined);
    const hasComments = bindings.elements.some((e) => commented.has(e.name.text));
    if (!breaks || (bindings.elements.length < 2 && !hasComments)) continue;
    const last = bindings.elements.length - 1;
    const lines = bindings.elements.flatMap((e, k) => {
      const comments = commented.get(e.name.text) ?? { above: [], after: [], below: [] };
      const comma = k < last || breaks.trailingComma ? ',' : '';
      const after = comments.after.length > 0 ? ` ${comments.after.join(' ')}` : '';
      return [...comments.above.map((c) => `${breaks.indent}${c}`), `${breaks.indent}${e.getText(migrated)}${comma}${after}`, ...comments.below.map((c) => `${breaks.indent}${c}`)];
    });
    const written = `{${newline}${lines.join(newline)}${newline}}`;
    edits.push({ start: bindings.getStart(migrated), end: bindings.getEnd(), text: written });
    grown.push([migrated.getLineAndCharacterOfPosition(statement.getStart(migrated)).line + 1, lineBreaks(written)]);
  }
  if (edits.length === 0) return unchanged;
  return {
    text: applyEdits(text, edits),
    line: (line) => line + grown.filter(([at]) => at < line).reduce((sum, [, added]) => sum + added, 0),
  };
}

/** The v2 imports in the order of the SDK imports they replace, and blank lines the move took put back. */
function restoreImportOrder(original: TS.SourceFile, migratedText: string, path: string): Layout {
  const unchanged: Layout = { text: migratedText, line: (line) => line };
  const originalImports = original.statements.filter(ts.isImportDeclaration);
  if (originalImports.length === 0 || migratedText === original.text) return unchanged;
  const migrated = parseFile(migratedText, path);
  const text = migrated.text;
  const originalTexts = new Set(originalImports.map((s) => s.getText(original)));
  const sdkImports = originalImports.filter((s) => SDK_MODULE.test(moduleOf(s)));
  const isNew = (s: TS.Statement): s is TS.ImportDeclaration => isV2Import(s) && !originalTexts.has(s.getText(migrated));
  /** Where an import's names were first imported from the SDK (its place among the SDK imports). */
  const rank = (s: TS.ImportDeclaration): number => {
    const names = localNames(s);
    const at = sdkImports.findIndex((o) => localNames(o).some((name) => names.includes(name)));
    return at === -1 ? Number.MAX_SAFE_INTEGER : at;
  };

  const edits: TextEdit[] = [];
  /** Lines of the migrated text that moved: old line → new line, for lines of reordered imports. */
  const moved = new Map<number, number>();
  const lineOf = (pos: number): number => migrated.getLineAndCharacterOfPosition(pos).line + 1;
  const statements = migrated.statements;
  for (let i = 0; i < statements.length; ) {
    if (!isNew(statements[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < statements.length && isNew(statements[j])) j++;
    const run = statements.slice(i, j) as TS.ImportDeclaration[];
    const order = run.map((s, k) => ({ s, k, rank: rank(s) })).sort((a, b) => a.rank - b.rank || a.k - b.k).map((entry) => entry.s);
    let shift = 0;
    for (let k = 0; k < run.length; k++) {
      const slot = run[k];
      const into = order[k];
      edits.push({ start: slot.getStart(migrated), end: slot.getEnd(), text: into.getText(migrated) });
      const from = lineOf(into.getStart(migrated));
      const to = lineOf(slot.getStart(migrated)) + shift;
      const span = lineBreaks(into.getText(migrated));
      for (let l = 0; l <= span; l++) moved.set(from + l, to + l);
      shift += span - lineBreaks(slot.getText(migrated));
    }
    i = j;
  }

  if (edits.length === 0) return unchanged;
  const result = applyEdits(text, edits);
  if (result === text) return unchanged;
  return { text: result, line: (line) => moved.get(line) ?? line };
}

/** The v2 imports the migration wrote (none of the file's own). */
function newImports(original: TS.SourceFile, migrated: TS.SourceFile): TS.ImportDeclaration[] {
  const originalTexts = new Set(original.statements.filter(ts.isImportDeclaration).map((s) => s.getText(original)));
  return migrated.statements.filter((s): s is TS.ImportDeclaration => isV2Import(s) && !originalTexts.has(s.getText(migrated)));
}

/** How often `part` occurs in `text`. */
const occurrences = (text: string, part: string): number => text.split(part).length - 1;

/**
 * The official codemod removes each SDK import it moves, and ts-morph leaves the comment lines
 * above it where they were (`// ...` lines, now glued to whatever follows the import block) or
 * takes them along (a `/** ... *\/` block). Those comments go back above the v2 import that took
 * the first of its names, after the blank line the file had above them. The first SDK import's are
 * left to the official codemod (it writes the new imports under them, and the file's header may be
 * among them). A comment whose import left nothing (its names all dropped) stays where it is.
 */
function restoreImportComments(original: TS.SourceFile, text: string, path: string): Layout {
  const unchanged: Layout = { text, line: (line) => line };
  const sdkImports = original.statements.filter((s): s is TS.ImportDeclaration => ts.isImportDeclaration(s) && SDK_MODULE.test(moduleOf(s))).slice(1);
  if (sdkImports.length === 0 || text === original.text) return unchanged;
  const migrated = parseFile(text, path);
  const added = newImports(original, migrated);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const edits: TextEdit[] = [];
  for (const sdk of sdkImports) {
    if (text.includes(sdk.getText(original))) continue;
    const trivia = triviaOf(original, sdk);
    // Comments on lines of their own (not one at the end of the line before, which TypeScript leaves out).
    const ranges = ts.getLeadingCommentRanges(original.text, sdk.pos) ?? [];
    if (ranges.length === 0) continue;
    const block = original.text.slice(ranges[0].pos, ranges[ranges.length - 1].end);
    const names = localNames(sdk);
    const into = added.find((s) => localNames(s).some((name) => names.includes(name)));
    if (!into || triviaOf(migrated, into).includes(block)) continue;
    if (occurrences(text, block) >= occurrences(original.text, block)) {
      // Left behind: in the import block, or above the statement after it. Out of there, with its line.
      const rest = migrated.statements.find((s) => s.pos >= into.end && !ts.isImportDeclaration(s));
      const at = text.indexOf(block, into.end);
      const from = text.lastIndexOf('\n', at - 1) + 1;
      const to = at + block.length;
      if (at === -1 || (rest && at >= rest.getStart(migrated)) || !/^[ \t]*$/.test(text.slice(from, at)) || !/^[ \t]*\r?\n/.test(text.slice(to))) continue;
      edits.push({ start: from, end: to + /^[ \t]*\r?\n/.exec(text.slice(to))![0].length, text: '' });
    }
    // Above the import, after a blank line where the file had one above them.
    const start = into.getStart(migrated);
    const blank = lineBreaks(trivia.slice(0, trivia.indexOf(block))) >= 2 && !/\n[ \t]*\r?\n$/.test(text.slice(0, start)) && start > 0 ? newline : '';
    edits.push({ start, end: start, text: `${blank}${block}${original.text.slice(ranges[ranges.length - 1].end, sdk.getStart(original))}` });
  }
  return edited(text, edits);
}

/**
 * A statement gets back the blank line the file had before it: before the comments above it, if
 * those are what the file had there (ts-morph, removing an import, takes the blank line after it).
 * An import is known by its text (left as it was); other statements, as many as the file had, by
 * their place among them (the migration may have rewritten them: a handler's registration).
 */
function restoreBlankLines(original: TS.SourceFile, text: string, path: string): Layout {
  const unchanged: Layout = { text, line: (line) => line };
  if (text === original.text) return unchanged;
  const migrated = parseFile(text, path);
  const added = new Set(newImports(original, migrated));
  const originalByText = new Map<string, TS.Statement[]>();
  for (const s of original.statements) {
    const key = s.getText(original);
    originalByText.set(key, [...(originalByText.get(key) ?? []), s]);
  }
  const originalRest = original.statements.filter((s) => !ts.isImportDeclaration(s));
  const migratedRest = migrated.statements.filter((s) => !ts.isImportDeclaration(s));
  const byPlace = originalRest.length === migratedRest.length;
  const edits: TextEdit[] = [];
  const statements = migrated.statements;
  for (let i = 1; i < statements.length; i++) {
    const statement = statements[i];
    const byText = originalByText.get(statement.getText(migrated))?.shift();
    const was = byPlace && !ts.isImportDeclaration(statement) ? originalRest[migratedRest.indexOf(statement)] : byText;
    if (!was || added.has(statement as TS.ImportDeclaration)) continue;
    // What the file had above it: blank lines, then its comments (if any).
    const before = triviaOf(original, was);
    const comments = before.replace(/^\s*/, '');
    if (lineBreaks(before.slice(0, before.length - comments.length)) < 2) continue;
    const now = triviaOf(migrated, statement);
    if (!now.endsWith(comments)) continue;
    const head = now.slice(0, now.length - comments.length);
    const space = /\s*$/.exec(head)![0];
    if (lineBreaks(space) !== 1) continue;
    const at = statement.pos + head.length - space.length + space.indexOf('\n') + 1;
    edits.push({ start: at, end: at, text: text[at - 2] === '\r' ? '\r\n' : '\n' });
  }
  return edited(text, edits);
}
