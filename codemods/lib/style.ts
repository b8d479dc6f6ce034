/**
 * What a rewrite adds, in the file's own style, where the codemods (ours, and the official one)
 * write theirs: statements ending with semicolons, and some strings in single quotes.
 *   - In a file written without semicolons (the "standard" style), the statements a rewrite added
 *     end like the file's own: their final semicolon goes, where dropping it cannot join them to
 *     the next line.
 *   - In a file that quotes its strings with double quotes, a string a rewrite added in single
 *     quotes takes double ones, when it holds no quote or escape (`'tools/list'` → `"tools/list"`).
 * Lines the rewrite did not add are never touched. `matchStyle` does both.
 */
import { diffLines } from 'diff';
import type { ts as TS } from 'ts-morph';
import { walk } from '../../src/analysis/ast.js';
import { parseDiagnostics, parseFile } from '../../src/analysis/parse.js';
import { ts } from '../../src/analysis/typescript.js';
import type { TextEdit } from '../types.js';
import { applyEdits, quoteStyle } from './edits.js';

/** Statements (and class fields) that end with a semicolon or with nothing, as the writer likes. */
const TERMINATED = new Set<TS.SyntaxKind>([
  ts.SyntaxKind.VariableStatement,
  ts.SyntaxKind.ExpressionStatement,
  ts.SyntaxKind.ReturnStatement,
  ts.SyntaxKind.ThrowStatement,
  ts.SyntaxKind.BreakStatement,
  ts.SyntaxKind.ContinueStatement,
  ts.SyntaxKind.DebuggerStatement,
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.ImportEqualsDeclaration,
  ts.SyntaxKind.ExportDeclaration,
  ts.SyntaxKind.ExportAssignment,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.PropertyDeclaration,
]);

/**
 * A first character that would continue the line before it if that line lost its semicolon
 * (`a\n(b)` is a call): the semicolon stays before such a line.
 */
const CONTINUES = /^[([`+\-*/%,.<>=?:&|^!~]/;

/** Spaces, line breaks and comments. */
const TRIVIA = /^(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/;

/**
 * Whether the statement ending at `end` ends with a semicolon of its own line: a file in the
 * standard style still starts a line with `;` before `(` or `[`, which the parser gives to the
 * statement before.
 */
function endsWithSemicolon(text: string, end: number): boolean {
  return text[end - 1] === ';' && !/\n\s*$/.test(text.slice(Math.max(0, end - 200), end - 1));
}

/**
 * Whether the file's statements end with semicolons; undefined when it has too few to tell (one:
 * a module of two, an import and an export written without, is in the standard style).
 */
export function usesSemicolons(sourceFile: TS.SourceFile): boolean | undefined {
  let total = 0;
  let terminated = 0;
  walk(sourceFile, (node) => {
    if (!TERMINATED.has(node.kind)) return undefined;
    total++;
    if (endsWithSemicolon(sourceFile.text, node.getEnd())) terminated++;
    return undefined;
  });
  if (total < 2) return undefined;
  return terminated * 2 >= total;
}

/**
 * The 0-based indexes of the lines of `after` that `before` did not have; `keptQuotes`: of those,
 * the lines that replace lines written with single-quoted strings (a CORS list rewritten in its
 * `setHeader('...', '...')`): their strings were there before, quoted as the writer chose.
 */
function addedLines(before: string, after: string): { added: Set<number>; keptQuotes: Set<number> } {
  const added = new Set<number>();
  const keptQuotes = new Set<number>();
  let line = 0;
  let removedSingle = false;
  for (const part of diffLines(before, after)) {
    if (part.removed) {
      removedSingle = part.value.includes("'");
      continue;
    }
    const count = part.count ?? 0;
    if (part.added) for (let i = 0; i < count; i++) (removedSingle ? keptQuotes : added).add(line + i);
    removedSingle = false;
    line += count;
  }
  return { added, keptQuotes };
}

/** The edit that drops a statement's final semicolon, when the rewrite added it and dropping it is safe. */
function semicolonEdit(node: TS.Node, text: string, added: Set<number>, sourceFile: TS.SourceFile): TextEdit | undefined {
  if (!TERMINATED.has(node.kind)) return undefined;
  const end = node.getEnd();
  if (!endsWithSemicolon(text, end) || !added.has(sourceFile.getLineAndCharacterOfPosition(end - 1).line)) return undefined;
  // The next code must start a line of its own, and not one that would continue this statement.
  const gap = TRIVIA.exec(text.slice(end))![0];
  const next = end + gap.length;
  if (next < text.length && (!gap.includes('\n') || CONTINUES.test(text.slice(next, next + 1)))) return undefined;
  return { start: end - 1, end, text: '' };
}

/** The edit that double-quotes a single-quoted string the rewrite added (no quote or escape in it; not a module specifier). */
function quoteEdit(node: TS.Node, text: string, added: Set<number>, sourceFile: TS.SourceFile): TextEdit | undefined {
  // A module specifier follows the file's imports (importStyle), not its strings.
  if (!ts.isStringLiteral(node) || ((ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent)) && node.parent.moduleSpecifier === node)) return undefined;
  const start = node.getStart(sourceFile);
  const written = text.slice(start, node.getEnd());
  if (!/^'[^'"\\\n]*'$/.test(written) || !added.has(sourceFile.getLineAndCharacterOfPosition(start).line)) return undefined;
  return { start, end: node.getEnd(), text: `"${written.slice(1, -1)}"` };
}

/**
 * `after` (a rewrite of `before`) in the file's style, in one parse and one walk: the semicolons
 * the rewrite added dropped when `before` is written without them (`semicolons`; kept all when
 * dropping them would make the file parse worse), and the single-quoted strings it added
 * double-quoted when `before` quotes with double quotes (`quotes`).
 */
function restyle(before: string, after: string, path: string, want: { semicolons: boolean; quotes: boolean }): string {
  if (before === after) return after;
  const semicolons = want.semicolons && after.includes(';') && usesSemicolons(parseFile(before, path)) === false;
  const quotes = want.quotes && after.includes("'") && quoteStyle(before) === '"';
  if (!semicolons && !quotes) return after;
  const sourceFile = parseFile(after, path);
  const { added, keptQuotes } = addedLines(before, after);
  const all = new Set([...added, ...keptQuotes]);
  const text = sourceFile.text;
  const dropped: TextEdit[] = [];
  const quoted: TextEdit[] = [];
  walk(sourceFile, (node) => {
    const drop = semicolons ? semicolonEdit(node, text, all, sourceFile) : undefined;
    if (drop) dropped.push(drop);
    const quote = quotes ? quoteEdit(node, text, added, sourceFile) : undefined;
    if (quote) quoted.push(quote);
    return undefined;
  });
  if (dropped.length > 0 && parseDiagnostics(parseFile(applyEdits(after, dropped), path)).length > parseDiagnostics(sourceFile).length) dropped.length = 0;
  const edits = [...dropped, ...quoted];
  return edits.length === 0 ? after : applyEdits(after, edits);
}

/**
 * `after` (a rewrite of `before`) with the semicolons the rewrite added dropped, when `before`
 * is written without semicolons; `after` unchanged otherwise, or when dropping one would make
 * the file parse worse.
 */
export function matchSemicolons(before: string, after: string, path: string): string {
  return restyle(before, after, path, { semicolons: true, quotes: false });
}

/**
 * `after` with the single-quoted strings the rewrite added (on lines `before` did not have) in
 * double quotes, when the file's own strings are double-quoted; `after` unchanged otherwise.
 */
export function matchQuotes(before: string, after: string, path: string): string {
  return restyle(before, after, path, { semicolons: false, quotes: true });
}

/** What a rewrite added, ending and quoting like the file's own code (matchSemicolons, matchQuotes). */
export function matchStyle(before: string, after: string, path: string): string {
  return restyle(before, after, path, { semicolons: true, quotes: true });
}
