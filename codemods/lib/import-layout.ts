/**
 * The official v1→v2 codemod writes the imports it moves in ts-morph's style, not the file's: it
 * gathers them at the first SDK import's place in the reverse of their order, ends them with
 * semicolons in a file that has none, and removing the last import can take the blank line that
 * followed it. This puts the file's own layout back around what the migration meant to change:
 *   - the new imports (of the v2 packages) stand in the order of the SDK imports they replace;
 *   - a statement the file had after a blank line, unchanged by the migration, gets it back.
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
  const unchanged: Layout = { text: migratedText, line: (line) => line };
  const originalImports = original.statements.filter(ts.isImportDeclaration);
  if (originalImports.length === 0 || migratedText === original.text) return unchanged;
  const migrated = parseFile(migratedText, path);
  const text = migrated.text;
  const originalTexts = new Set(originalImports.map((s) => s.getText(original)));
  const sdkImports = originalImports.filter((s) => SDK_MODULE.test(moduleOf(s)));
  const isNew = (s: TS.Statement): s is TS.ImportDeclaration => ts.isImportDeclaration(s) && V2_MODULE.test(moduleOf(s)) && !SDK_MODULE.test(moduleOf(s)) && !originalTexts.has(s.getText(migrated));
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
