/**
 * The one way a file is parsed, by the scanner, the fix runner and the codemods: the grammar
 * follows the extension (TSX/JSX allow JSX; .js/.mjs/.cjs parse as JavaScript).
 */
import type { ts as TS } from 'ts-morph';
import { NodeIndex } from './nodes.js';
import { ts } from './typescript.js';

export function scriptKindFor(path: string): TS.ScriptKind {
  if (/\.tsx$/i.test(path)) return ts.ScriptKind.TSX;
  if (/\.jsx$/i.test(path)) return ts.ScriptKind.JSX;
  if (/\.(js|mjs|cjs)$/i.test(path)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/**
 * JSDoc comments are not parsed into nodes: no rule or codemod reads them (comments stay in the
 * text, so printing and edits keep them), and skipping them makes large files parse faster.
 */
const OPTIONS: TS.CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };

/** The syntax errors the parser recorded in a tree (the compiler keeps them on an internal field). */
export function parseDiagnostics(sourceFile: TS.SourceFile): readonly TS.DiagnosticWithLocation[] {
  return (sourceFile as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}

/** Where and what the first syntax error of a tree is (`syntax error at 17:12: '}' expected.`), or undefined when it parsed. */
export function syntaxError(sourceFile: TS.SourceFile): string | undefined {
  const first = parseDiagnostics(sourceFile)[0];
  if (!first) return undefined;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start);
  return `syntax error at ${line + 1}:${character + 1}: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}`;
}

export function parseFile(text: string, path: string): TS.SourceFile {
  return ts.createSourceFile(path, text, OPTIONS, true, scriptKindFor(path));
}

/**
 * The scanner's parse: the tree and its node index from one walk, which also sets the parent
 * pointers (cheaper than letting the compiler set them in a walk of its own).
 */
export function parseIndexed(text: string, path: string): { sourceFile: TS.SourceFile; nodes: NodeIndex } {
  const sourceFile = ts.createSourceFile(path, text, OPTIONS, false, scriptKindFor(path));
  return { sourceFile, nodes: new NodeIndex(sourceFile, true) };
}
