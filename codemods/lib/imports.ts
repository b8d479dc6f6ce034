/**
 * Finding and removing bindings a rewrite left unused: named imports, CommonJS destructuring
 * requires, and the declarations a codemod emptied. One notion of "still referenced" for every
 * codemod, so they agree on what may go.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from '../../src/analysis/typescript.js';
import { calleeName, resolveIdentifier, unwrap, walk } from '../../src/analysis/ast.js';
import { removeListElements, removeStatement } from './edits.js';
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
    if (byName || resolveIdentifier(node) === decl) found = true;
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
