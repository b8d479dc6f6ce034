/**
 * Finding and removing bindings a rewrite left unused: named imports, CommonJS destructuring
 * requires, and the declarations a codemod emptied. One notion of "still referenced" for every
 * codemod, so they agree on what may go.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from '../../src/analysis/typescript.js';
import { isExported, isPropertyName, referencesTo, unwrap, walk, type Declaration } from '../../src/analysis/ast.js';
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
    if (!ts.isIdentifier(node) || node.text !== name || isPropertyName(node)) return undefined;
    found = true;
    return undefined;
  });
  return found;
}

/** The `require(...)` of a statement that declares one binding from it: `const x = require('m')`, `const { a } = require('m')`. */
function requireCall(statement: TS.Node): TS.CallExpression | undefined {
  if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) return undefined;
  const init = statement.declarationList.declarations[0].initializer;
  const call = init && unwrap(init);
  return call && ts.isCallExpression(call) && ts.isIdentifier(call.expression) && call.expression.text === 'require' ? call : undefined;
}

/** `const { a } = await import('x')`, at any level (a function that loads the SDK lazily). */
function awaitedImport(statement: TS.Node): boolean {
  if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) return false;
  const init = statement.declarationList.declarations[0].initializer;
  const awaited = init && unwrap(init);
  const call = awaited && ts.isAwaitExpression(awaited) ? unwrap(awaited.expression) : undefined;
  return !!call && ts.isCallExpression(call) && call.expression.kind === ts.SyntaxKind.ImportKeyword;
}

/**
 * `import { a, b } from 'x'` → [a, b]; `const { a, b } = require('x')` or `= await import('x')`
 * → [a, b]; else undefined.
 */
export function namedBindings(statement: TS.Node): TS.NodeArray<TS.ImportSpecifier | TS.BindingElement> | undefined {
  if (ts.isImportDeclaration(statement)) {
    const bindings = statement.importClause?.namedBindings;
    return bindings && ts.isNamedImports(bindings) ? bindings.elements : undefined;
  }
  const d = (requireCall(statement) || awaitedImport(statement)) && (statement as TS.VariableStatement).declarationList.declarations[0];
  return d && ts.isObjectBindingPattern(d.name) ? d.name.elements : undefined;
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
    if (!ts.isImportDeclaration(node) && !ts.isVariableStatement(node)) return undefined;
    const elements = namedBindings(node) ?? [];
    const unused = elements.filter((e) => ts.isIdentifier(e.name) && names.has(e.name.text) && !isReferenced(sourceFile, e.name));
    // A default import among the names (`import streamFor from './routes.js'`, a handler factory no
    // route takes any more; review 79 point 3), unused too.
    const clause = ts.isImportDeclaration(node) ? node.importClause : undefined;
    const defaultName = clause?.name;
    const defaultUnused = !!defaultName && names.has(defaultName.text) && !isReferenced(sourceFile, defaultName);
    if (unused.length === 0 && !defaultUnused) return elements.length > 0 || !!clause ? false : undefined;
    const statement = node as TS.Statement;
    const namedLeft = unused.length < elements.length;
    const defaultLeft = !!defaultName && !defaultUnused;
    // (A namespace import beside the default one, `import x, * as ns`, stays with the statement.)
    const namespace = !!clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings);
    if (!namedLeft && !defaultLeft && !namespace) edits.push(removeStatement(statement, sourceFile));
    // The default import alone goes, its comma with it: `import x, { a } from 'm'` → `import { a } from 'm'`.
    else if (defaultUnused && (namedLeft || namespace)) {
      edits.push({ start: defaultName!.getStart(sourceFile), end: clause!.namedBindings!.getStart(sourceFile), text: '' });
      if (unused.length > 0) edits.push(...removeListElements(unused, elements, sourceFile));
    }
    // Every name beside a default import that stays (`import express, { type Request } from
    // 'express'`): the list goes with its comma, not leaving `{  }` behind.
    else if (unused.length === elements.length) edits.push({ start: defaultName!.getEnd(), end: clause!.namedBindings!.getEnd(), text: '' });
    else edits.push(...removeListElements(unused, elements, sourceFile));
    for (const e of unused) removed.push({ name: (e.name as TS.Identifier).text, statement });
    if (defaultUnused) removed.push({ name: defaultName!.text, statement });
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
  return requireCall(statement)?.arguments[0];
}

/** The top-level import and require statements, in order. */
function importStatements(sourceFile: TS.SourceFile): TS.Statement[] {
  return sourceFile.statements.filter((s) => specifierOf(s) !== undefined);
}

/** A top-level import or require statement of a module named by a string literal. */
export interface ModuleImport {
  statement: TS.Statement;
  module: string;
  /** The specifier as written, with its quotes. */
  specifier: TS.StringLiteral;
  /** `const ... = require(...)` rather than `import`. */
  cjs: boolean;
  /** `{ a, b as c }` (import) or `{ a, b: c }` (require). */
  named?: TS.NodeArray<TS.ImportSpecifier | TS.BindingElement>;
  /** The local name of the whole module: `import * as m` or `const m = require(...)`. */
  whole?: string;
  /** `import d from ...` */
  defaultName?: string;
}

/** The file's top-level imports and requires, in order. */
export function moduleImports(sourceFile: TS.SourceFile): ModuleImport[] {
  const found: ModuleImport[] = [];
  for (const statement of sourceFile.statements) {
    const specifier = specifierOf(statement);
    if (!specifier || !ts.isStringLiteral(specifier)) continue;
    const cjs = !ts.isImportDeclaration(statement);
    const entry: ModuleImport = { statement, module: specifier.text, specifier, cjs, named: namedBindings(statement) };
    if (cjs) {
      const name = (statement as TS.VariableStatement).declarationList.declarations[0].name;
      if (ts.isIdentifier(name)) entry.whole = name.text;
    } else {
      const clause = (statement as TS.ImportDeclaration).importClause;
      if (clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings)) entry.whole = clause.namedBindings.name.text;
      if (clause?.name) entry.defaultName = clause.name.text;
    }
    found.push(entry);
  }
  return found;
}

/** The exported name an import or require element brings in (`b` in `{ b as c }` and `{ b: c }`). */
export function importedName(element: TS.ImportSpecifier | TS.BindingElement): string {
  const property = element.propertyName ?? element.name;
  return ts.isIdentifier(property) || ts.isStringLiteral(property) ? property.text : property.getText();
}

/** ES module syntax in the file: an import or export declaration, or a declaration with `export`. */
function hasModuleSyntax(sourceFile: TS.SourceFile): boolean {
  return sourceFile.statements.some(
    (s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s) || isExported(s),
  );
}

/**
 * CommonJS for `.cjs`, and for `.js`/`.jsx` that require modules and have no ES module syntax;
 * TypeScript and `.mjs` files always import (TypeScript compiles the import to what it targets).
 */
export function importStyle(sourceFile: TS.SourceFile): ImportStyle {
  const path = sourceFile.fileName;
  const cjs = /\.cjs$/i.test(path) || (/\.jsx?$/i.test(path) && !hasModuleSyntax(sourceFile) && /\brequire\(/.test(sourceFile.text));
  const first = importStatements(sourceFile).map(specifierOf)[0];
  const quote = first && ts.isStringLiteral(first) ? (first.getText(sourceFile)[0] as "'" | '"') : quoteStyle(sourceFile.text);
  return { cjs, quote };
}

/** `import { a, b } from 'm';` or `const { a, b } = require('m');` in the file's style. */
export function importStatement(names: readonly string[], module: string, style: ImportStyle): string {
  const specifier = `${style.quote}${module}${style.quote}`;
  const written = names.map((name) => bindingText(name, style.cjs));
  return style.cjs ? `const { ${written.join(', ')} } = require(${specifier});` : `import { ${written.join(', ')} } from ${specifier};`;
}

/** A name to import, `'a'` or aliased `'a as b'` (the local name b): what it imports and what it binds. */
function aliasOf(name: string): { imported: string; local: string } {
  const [imported, local = imported] = name.split(' as ');
  return { imported, local };
}

/** A name to import as written in an import (`a as b`) or a destructuring require (`a: b`). */
function bindingText(name: string, cjs: boolean): string {
  const { imported, local } = aliasOf(name);
  return imported === local ? imported : cjs ? `${imported}: ${local}` : `${imported} as ${local}`;
}

/** Comments at the top of a file that belong to the file, not to its first statement: pragmas, and any followed by a blank line. */
function headerEnd(sourceFile: TS.SourceFile, from: number): number {
  const text = sourceFile.text;
  let end = from;
  for (const range of ts.getLeadingCommentRanges(text, from) ?? []) {
    const comment = text.slice(range.pos, range.end);
    const blankAfter = /^[ \t]*\r?\n[ \t]*\r?\n/.test(text.slice(range.end));
    if (blankAfter || /@ts-(no)?check|@jsx|@flow|eslint-disable|@license|@preserve|^\/\*!/.test(comment)) end = range.end;
  }
  return end;
}

/**
 * Inserts `statement` on a line of its own after `after` (a statement's end: at the end of its
 * line, past a trailing comment), or at the top of the file when there is none: below a `#!`
 * line, the file's header comments (`// @ts-check`, a licence) and the directive prologue.
 */
export function insertStatement(sourceFile: TS.SourceFile, statement: string, after?: number): TextEdit {
  const text = sourceFile.text;
  if (after !== undefined) {
    const eol = text.indexOf('\n', after);
    const lineEnd = eol === -1 ? text.length : text[eol - 1] === '\r' ? eol - 1 : eol;
    // Past a trailing comment on the same line, but not past more code.
    const rest = text.slice(after, lineEnd);
    const at = /^\s*(\/\/.*|\/\*.*\*\/\s*)?$/.test(rest) ? lineEnd : after;
    return { start: at, end: at, text: `\n${statement}` };
  }
  const prologue: TS.Statement[] = [];
  for (const s of sourceFile.statements) {
    if (!ts.isExpressionStatement(s) || !ts.isStringLiteral(s.expression)) break;
    prologue.push(s);
  }
  if (prologue.length > 0) return insertStatement(sourceFile, statement, prologue[prologue.length - 1].getEnd());
  const shebang = text.startsWith('#!') ? (text.indexOf('\n') === -1 ? text.length : text.indexOf('\n')) : 0;
  const header = headerEnd(sourceFile, shebang);
  if (header > 0) return { start: header, end: header, text: `\n${statement}` };
  return { start: 0, end: 0, text: `${statement}\n` };
}

/** Drops the `type` that keeps `name` from being a value: `import type { z }` or `import { type z }`. */
function valueImportEdit(statement: TS.ImportDeclaration, specifier: TS.ImportSpecifier, sourceFile: TS.SourceFile): TextEdit {
  if (specifier.isTypeOnly) {
    const start = specifier.getStart(sourceFile);
    const name = (specifier.propertyName ?? specifier.name).getStart(sourceFile);
    return { start, end: name, text: '' };
  }
  const typeKeyword = statement.importClause!.getStart(sourceFile);
  return { start: typeKeyword, end: typeKeyword + 'type '.length, text: '' };
}

/**
 * The edits that make `names` from `module` available as values in the file: a type-only import of
 * a name becomes a value import; missing names join an existing named import (or destructuring
 * require) of that module, else a new statement in the file's style: after the last import, or
 * for CommonJS after the leading requires (a require runs where it stands, and the file's code
 * below may use the binding). None when every name is already imported. A name may be aliased,
 * `'a as b'`, where the file has a `b` of its own (written `a: b` in a require).
 */
export function ensureNamedImport(sourceFile: TS.SourceFile, module: string, names: readonly string[]): TextEdit[] {
  const edits: TextEdit[] = [];
  let existing: TS.NodeArray<TS.ImportSpecifier | TS.BindingElement> | undefined;
  let existingCjs = false;
  const present = new Set<string>();
  for (const statement of sourceFile.statements) {
    const specifier = specifierOf(statement);
    if (!specifier || !ts.isStringLiteral(specifier) || specifier.text !== module) continue;
    const bindings = namedBindings(statement);
    if (!bindings) continue;
    const typeOnlyClause = ts.isImportDeclaration(statement) && !!statement.importClause?.isTypeOnly;
    for (const element of bindings) {
      const local = element.name.getText(sourceFile);
      const imported = element.propertyName?.getText(sourceFile) ?? local;
      // `a` is present as `a` only; `a as b` as exactly that binding.
      const name = names.find((n) => aliasOf(n).local === local && aliasOf(n).imported === imported);
      if (name === undefined || present.has(name)) continue;
      if (ts.isImportSpecifier(element) && (typeOnlyClause || element.isTypeOnly)) edits.push(valueImportEdit(statement as TS.ImportDeclaration, element, sourceFile));
      present.add(name);
    }
    if (!typeOnlyClause) {
      existing = bindings;
      existingCjs = !ts.isImportDeclaration(statement);
    }
  }
  const missing = names.filter((name) => !present.has(name));
  if (missing.length === 0) return edits;
  if (existing && existing.length > 0) {
    const written = missing.map((name) => bindingText(name, existingCjs)).join(', ');
    // Before a rest element (`{ a, ...rest }`), which must stay last.
    const rest = existing.find((e) => ts.isBindingElement(e) && e.dotDotDotToken);
    if (rest) edits.push({ start: rest.getStart(sourceFile), end: rest.getStart(sourceFile), text: `${written}, ` });
    else edits.push({ start: existing[existing.length - 1].getEnd(), end: existing[existing.length - 1].getEnd(), text: `, ${written}` });
    return edits;
  }
  const style = importStyle(sourceFile);
  const statements = sourceFile.statements;
  let anchor: TS.Statement | undefined;
  if (style.cjs) {
    for (const s of statements) {
      if (specifierOf(s) !== undefined) anchor = s;
      else if (!(ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression))) break;
    }
  } else {
    anchor = importStatements(sourceFile).at(-1);
  }
  edits.push(insertStatement(sourceFile, importStatement(missing, module, style), anchor?.getEnd()));
  return edits;
}

/** The name zod is in scope under (`z` from `import { z }`, `import * as z`, a require), if it is. */
export function zodIdentifier(sf: TS.SourceFile): string | undefined {
  for (const i of moduleImports(sf)) {
    if (!/^zod(\/v4|\/v3)?$/.test(i.module)) continue;
    const z = i.named?.find((e) => importedName(e) === 'z');
    if (z) return z.name.getText(sf);
    // zod's default export and the module itself both carry string(), object() ...
    if (i.whole ?? i.defaultName) return i.whole ?? i.defaultName;
  }
  return undefined;
}

/**
 * How to import `name` from `module` into a file that may declare a `name` of its own (an
 * application's route factory called `createMcpHandler`, trial 47C): the name to pass to
 * ensureNamedImport and the local name to call. The binding the file imports it under already
 * (an earlier run's alias, review 59); else `name` where the file declares none; else `name as
 * <alias>` (alias, alias2 ... the first the file does not declare). `declared`: declaredNames of the file.
 */
export function importBinding(sourceFile: TS.SourceFile, module: string, name: string, alias: string, declared: ReadonlySet<string> = declaredNames(sourceFile)): { spec: string; local: string } {
  for (const imported of moduleImports(sourceFile)) {
    const element = imported.module === module ? imported.named?.find((e) => importedName(e) === name) : undefined;
    const local = element?.name.getText(sourceFile);
    if (local !== undefined) return { spec: local === name ? name : `${name} as ${local}`, local };
  }
  if (!declared.has(name)) return { spec: name, local: name };
  const local = freeName(alias, (candidate) => declared.has(candidate));
  return { spec: `${name} as ${local}`, local };
}

/** `base`, else `base2`, `base3` ...: the first that is not `taken`. */
export function freeName(base: string, taken: (name: string) => boolean): string {
  let name = base;
  for (let n = 2; taken(name); n++) name = `${base}${n}`;
  return name;
}

/**
 * What the v2 entry points are imported as where a file declares their names itself (importBinding,
 * v2-handler): sse-transport knows a handler made with them by these too.
 */
export const SDK_HANDLER_ALIASES = { createMcpHandler: 'createSdkMcpHandler', toNodeHandler: 'sdkToNodeHandler' } as const;

/** Every name a file (or a node of it) declares, at any depth: variables, functions, classes, parameters, imports and what requires bind. */
export function declaredNames(node: TS.Node): Set<string> {
  const names = new Set<string>();
  walk(node, (n) => {
    if (!ts.isIdentifier(n)) return;
    const parent = n.parent;
    const declaring = ts.isImportSpecifier(parent) || ts.isBindingElement(parent) || ts.isVariableDeclaration(parent) || ts.isFunctionDeclaration(parent) || ts.isFunctionExpression(parent) || ts.isClassDeclaration(parent) || ts.isClassExpression(parent) || ts.isParameter(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isImportEqualsDeclaration(parent) || ts.isEnumDeclaration(parent);
    if (declaring && parent.name === n) names.add(n.text);
  });
  return names;
}
