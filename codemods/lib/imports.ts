/**
 * Finding and removing bindings a rewrite left unused: named imports, CommonJS destructuring
 * requires, and the declarations a codemod emptied. One notion of "still referenced" for every
 * codemod, so they agree on what may go.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from '../../src/analysis/typescript.js';
import { calleeName, referencesTo, unwrap, walk, type Declaration } from '../../src/analysis/ast.js';
import { quoteStyle, removeListElements, removeStatement } from './edits.js';
import type { TextEdit } from '../types.js';

/**
 * Whether anything but the declaration itself refers to `declName`. Locals are resolved by scope;
 * an import or require binding counts any identifier of its name; a class field counts `this.x`.
 * Property names (`a.x`, `{ x: 1 }`, a method `x()`) are not references.
 */
export function isReferenced(sourceFile: TS.SourceFile, declName: TS.Identifier | TS.PrivateIdentifier): boolean {
  const decl = declName.parent;
  const name = declName.text;
  const field = ts.isPropertyDeclaration(decl);
  const byName = field || ts.isImportSpecifier(decl) || ts.isBindingElement(decl);
  if (!byName && ts.isIdentifier(declName)) return referencesTo(sourceFile, decl as Declaration & { name: TS.Identifier }).length > 0;
  let found = false;
  walk(sourceFile, (node) => {
    if (found) return false;
    if (node === declName) return undefined;
    if (field && ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword && node.name.text === name) {
      found = true;
      return false;
    }
    if (!ts.isIdentifier(node) || node.text !== name) return undefined;
    const parent = node.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.name === node) return undefined;
    if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node) return undefined;
    found = true;
    return undefined;
  });
  return found;
}

/** `import { a, b } from 'x'` → [a, b]; `const { a, b } = require('x')` → [a, b]; else undefined. */
export function namedBindings(statement: TS.Node): TS.NodeArray<TS.ImportSpecifier | TS.BindingElement> | undefined {
  if (ts.isImportDeclaration(statement)) {
    const bindings = statement.importClause?.namedBindings;
    return bindings && ts.isNamedImports(bindings) ? bindings.elements : undefined;
  }
  if (ts.isVariableStatement(statement) && statement.declarationList.declarations.length === 1) {
    const d = statement.declarationList.declarations[0];
    const init = d.initializer ? unwrap(d.initializer) : undefined;
    if (ts.isObjectBindingPattern(d.name) && init && ts.isCallExpression(init) && calleeName(init) === 'require') return d.name.elements;
  }
  return undefined;
}

/**
 * Edits that remove the named imports and require bindings among `names` that nothing references
 * (the whole statement when none of its bindings, and no default import, is left), and the
 * statements they came from.
 */
export function removeUnusedBindings(sourceFile: TS.SourceFile, names: ReadonlySet<string>): { edits: TextEdit[]; removed: Array<{ name: string; statement: TS.Statement }> } {
  const edits: TextEdit[] = [];
  const removed: Array<{ name: string; statement: TS.Statement }> = [];
  walk(sourceFile, (node) => {
    const elements = ts.isImportDeclaration(node) || ts.isVariableStatement(node) ? namedBindings(node) : undefined;
    if (!elements) return undefined;
    const unused = elements.filter((e) => ts.isIdentifier(e.name) && names.has(e.name.text) && !isReferenced(sourceFile, e.name));
    if (unused.length === 0) return false;
    const statement = node as TS.Statement;
    const defaultImport = ts.isImportDeclaration(statement) && !!statement.importClause?.name;
    if (unused.length === elements.length && !defaultImport) edits.push(removeStatement(statement, sourceFile));
    else edits.push(...removeListElements(unused, elements, sourceFile));
    for (const e of unused) removed.push({ name: (e.name as TS.Identifier).text, statement });
    return false;
  });
  return { edits, removed };
}

// ---------------------------------------------------------------------------------------------
// Adding imports

/** How a file brings modules in: CommonJS `require` or ES `import`, and the quote its specifiers use. */
export interface ImportStyle {
  cjs: boolean;
  quote: "'" | '"';
}

function specifierOf(statement: TS.Statement): TS.Expression | undefined {
  if (ts.isImportDeclaration(statement)) return statement.moduleSpecifier;
  if (!ts.isVariableStatement(statement)) return undefined;
  const init = statement.declarationList.declarations[0]?.initializer;
  const call = init && unwrap(init);
  return call && ts.isCallExpression(call) && ts.isIdentifier(call.expression) && call.expression.text === 'require' ? call.arguments[0] : undefined;
}

/** The top-level import and require statements, in order. */
function importStatements(sourceFile: TS.SourceFile): TS.Statement[] {
  return sourceFile.statements.filter((s) => specifierOf(s) !== undefined);
}

export function importStyle(sourceFile: TS.SourceFile): ImportStyle {
  const path = sourceFile.fileName;
  const cjs = /\.cjs$/.test(path) || (!sourceFile.statements.some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && /\brequire\(/.test(sourceFile.text));
  const first = importStatements(sourceFile).map(specifierOf)[0];
  const quote = first && ts.isStringLiteral(first) ? (first.getText(sourceFile)[0] as "'" | '"') : quoteStyle(sourceFile.text);
  return { cjs, quote };
}

/** `import { a, b } from 'm';` or `const { a, b } = require('m');` in the file's style. */
export function importStatement(names: readonly string[], module: string, style: ImportStyle): string {
  const specifier = `${style.quote}${module}${style.quote}`;
  return style.cjs ? `const { ${names.join(', ')} } = require(${specifier});` : `import { ${names.join(', ')} } from ${specifier};`;
}

/**
 * Inserts `statement` on a line of its own after `after` (a statement's end), or at the top of
 * the file when there is none: below a `#!` line and the directive prologue ('use strict').
 */
export function insertStatement(sourceFile: TS.SourceFile, statement: string, after?: number): TextEdit {
  if (after !== undefined) return { start: after, end: after, text: `\n${statement}` };
  const prologue: TS.Statement[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
    prologue.push(statement);
  }
  if (prologue.length > 0) return insertStatement(sourceFile, statement, prologue[prologue.length - 1].getEnd());
  if (sourceFile.text.startsWith('#!')) {
    const eol = sourceFile.text.indexOf('\n');
    const at = eol === -1 ? sourceFile.text.length : eol;
    return { start: at, end: at, text: `\n${statement}` };
  }
  return { start: 0, end: 0, text: `${statement}\n` };
}

/**
 * The edit that makes `names` from `module` available in the file: added to an existing named
 * import (or destructuring require) of that module, else a new statement in the file's style after
 * its last import. Undefined when every name is already imported from it.
 */
export function ensureNamedImport(sourceFile: TS.SourceFile, module: string, names: readonly string[]): TextEdit | undefined {
  let existing: TS.NodeArray<TS.ImportSpecifier | TS.BindingElement> | undefined;
  for (const statement of sourceFile.statements) {
    const specifier = specifierOf(statement);
    if (!specifier || !ts.isStringLiteral(specifier) || specifier.text !== module) continue;
    if (ts.isImportDeclaration(statement) && statement.importClause?.isTypeOnly) continue;
    existing = namedBindings(statement) ?? existing;
  }
  const present = new Set(existing?.map((e) => e.name.getText(sourceFile)) ?? []);
  const missing = names.filter((name) => !present.has(name));
  if (missing.length === 0) return undefined;
  if (existing && existing.length > 0) {
    const last = existing[existing.length - 1];
    return { start: last.getEnd(), end: last.getEnd(), text: `, ${missing.join(', ')}` };
  }
  const imports = importStatements(sourceFile);
  return insertStatement(sourceFile, importStatement(missing, module, importStyle(sourceFile)), imports.length > 0 ? imports[imports.length - 1].getEnd() : undefined);
}
