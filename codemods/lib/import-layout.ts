/**
 * The official v1→v2 codemod writes the imports it moves in ts-morph's style, not the file's: it
 * gathers them at the first SDK import's place in the reverse of their order, ends them with
 * semicolons in a file that has none, and removing the last import can take the blank line that
 * followed it. This puts the file's own layout back around what the migration meant to change:
 *   - the new imports (of the v2 packages) stand in the order of the SDK imports they replace;
 *   - a statement the file had after a blank line, unchanged by the migration, gets it back;
 *   - a v2 import that replaces an SDK import the file wrote one name per line is written so again
 *     (restoreImportBreaks).
 * Nothing else moves; the semicolons it adds are the fix runner's business (style.ts).
 * `line` maps a line of the codemod's output to its line here (markers are placed on the
 * codemod's output).
 */
import type { ts as TS } from 'ts-morph';
import { parseFile } from '../../src/analysis/parse.js';
import { ts } from '../../src/analysis/typescript.js';
import type { TextEdit } from '../types.js';
import { applyEdits } from './edits.js';

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
  const clause = statement.importClause;
  if (!clause) return [];
  const names = clause.name ? [clause.name.text] : [];
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
  if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.push(element.name.text);
  return names;
}

/** The trivia before a statement when it is only line breaks and spaces (no comment), else undefined. */
function plainTrivia(sourceFile: TS.SourceFile, statement: TS.Statement): string | undefined {
  const trivia = sourceFile.text.slice(statement.pos, statement.getStart(sourceFile));
  return /^\s*$/.test(trivia) ? trivia : undefined;
}

const lineBreaks = (text: string): number => text.split('\n').length - 1;

export function restoreImportLayout(original: TS.SourceFile, migratedText: string, path: string): Layout {
  const ordered = restoreImportOrder(original, migratedText, path);
  const broken = restoreImportBreaks(original, ordered.text, path);
  return { text: broken.text, line: (line) => broken.line(ordered.line(line)) };
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
  /** The longest import the file wrote on one line (at least 80 columns, a formatter's usual width): that width stood. */
  let widest = 80;
  for (const statement of original.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const breaks = SDK_MODULE.test(moduleOf(statement)) ? breaksOf(original, statement) : undefined;
    if (breaks) for (const name of localNames(statement)) multiLine.set(name, breaks);
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
    // go one per line; a single name stays on one line, as a formatter would leave it.
    const breaks = bindings.elements.map((e) => multiLine.get(e.name.text)).find((b) => b !== undefined) ?? (statement.getText(migrated).length > widest ? anyBreaks : undefined);
    if (!breaks || bindings.elements.length < 2) continue;
    const names = bindings.elements.map((e) => `${breaks.indent}${e.getText(migrated)}`);
    edits.push({ start: bindings.getStart(migrated), end: bindings.getEnd(), text: `{${newline}${names.join(`,${newline}`)}${breaks.trailingComma ? ',' : ''}${newline}}` });
    grown.push([migrated.getLineAndCharacterOfPosition(statement.getStart(migrated)).line + 1, names.length + 1]);
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

  // Blank lines: a statement the migration left as it was gets back the blank line before it.
  const originalByText = new Map<string, TS.Statement[]>();
  for (const s of original.statements) {
    const key = s.getText(original);
    originalByText.set(key, [...(originalByText.get(key) ?? []), s]);
  }
  /** Lines after which a line break was added. */
  const addedAfter: number[] = [];
  for (let i = 1; i < statements.length; i++) {
    const statement = statements[i];
    const was = originalByText.get(statement.getText(migrated))?.shift();
    if (!was || isNew(statement)) continue;
    const before = plainTrivia(original, was);
    const now = plainTrivia(migrated, statement);
    if (before === undefined || now === undefined || lineBreaks(before) < 2 || lineBreaks(now) !== 1) continue;
    const at = statement.pos + now.indexOf('\n') + 1;
    edits.push({ start: at, end: at, text: text[at - 2] === '\r' ? '\r\n' : '\n' });
    addedAfter.push(lineOf(statement.pos));
  }
  if (edits.length === 0) return unchanged;
  const result = applyEdits(text, edits);
  if (result === text) return unchanged;
  return {
    text: result,
    line: (line) => {
      const placed = moved.get(line) ?? line;
      return placed + addedAfter.filter((after) => after < placed).length;
    },
  };
}
