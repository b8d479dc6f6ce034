/**
 * The one way a file is parsed, by the scanner, the fix runner and the codemods: the grammar
 * follows the extension (TSX/JSX allow JSX; .js/.mjs/.cjs parse as JavaScript).
 */
import type { ts as TS } from 'ts-morph';
import { importedBindings } from './ast.js';
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

/** The names a binding declares (`a`, `{ a, b: [c] }`, `...rest`). */
function boundNames(name: TS.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundNames(e.name)));
}

/**
 * Names declared twice in one block scope where JavaScript forbids it (a `let`, `const` or `class`
 * beside another declaration of the name in the same block, or beside a parameter of the function
 * whose body it is): the parser accepts such code, the engine refuses to load it. The fix runner
 * compares a rewrite's against the original's (trial 34A: a hoisted `const apiKey` beside one
 * already there, written as a safe change).
 */
export function redeclaredNames(sourceFile: TS.SourceFile): string[] {
  const found: string[] = [];
  const check = (statements: readonly TS.Statement[], params: readonly TS.ParameterDeclaration[] = []) => {
    const lexical = new Map<string, number>();
    const other = new Set(params.flatMap((p) => boundNames(p.name)));
    for (const s of statements) {
      // An import's bindings are the module's, as a `const` is.
      if (ts.isImportDeclaration(s)) {
        for (const { local } of importedBindings(s)) lexical.set(local, (lexical.get(local) ?? 0) + 1);
      } else if (ts.isVariableStatement(s)) {
        const scoped = (s.declarationList.flags & ts.NodeFlags.BlockScoped) !== 0;
        for (const d of s.declarationList.declarations) for (const n of boundNames(d.name)) scoped ? lexical.set(n, (lexical.get(n) ?? 0) + 1) : other.add(n);
      } else if (ts.isClassDeclaration(s) && s.name) lexical.set(s.name.text, (lexical.get(s.name.text) ?? 0) + 1);
      else if (ts.isFunctionDeclaration(s) && s.name) other.add(s.name.text);
    }
    for (const [n, count] of lexical) if (count > 1 || other.has(n)) found.push(n);
  };
  const visit = (node: TS.Node): void => {
    if (ts.isSourceFile(node) || ts.isModuleBlock(node)) check(node.statements);
    else if (ts.isBlock(node)) check(node.statements, isFunctionBody(node) ? (node.parent as TS.FunctionLikeDeclaration).parameters : []);
    else if (ts.isCaseBlock(node)) check(node.clauses.flatMap((c) => [...c.statements]));
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function isFunctionBody(block: TS.Block): boolean {
  const parent = block.parent;
  return (ts.isFunctionDeclaration(parent) || ts.isFunctionExpression(parent) || ts.isArrowFunction(parent) || ts.isMethodDeclaration(parent) || ts.isConstructorDeclaration(parent) || ts.isGetAccessorDeclaration(parent) || ts.isSetAccessorDeclaration(parent)) && parent.body === block;
}
