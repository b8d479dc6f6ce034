/**
 * CORS header lists as code writes them, stated once for session-header, cors-allow-list and the
 * cors-headers codemod: the options and headers that hold them, the calls that write them, and the
 * request headers a 2026-07-28 browser client needs them to allow.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from './typescript.js';
import { calleeName, constantString, isAssignment, isConstDeclaration, isExported, literalMember, moduleExportOf, MUTATING_METHODS, referencesTo, resolveIdentifier, stringValue, unwrap, type Declaration } from './ast.js';
import { exportedValue, type LoadedModule, type ModuleSource } from './modules.js';

/** What a 2026-07-28 client sends that a browser's preflight must allow (2025 lists lack the first two). */
export const MODERN_REQUEST_HEADERS: readonly string[] = ['Mcp-Method', 'Mcp-Name', 'MCP-Protocol-Version'];

/** The modern request headers a list (of header names, any case) does not name. */
export function missingRequestHeaders(listed: readonly string[]): string[] {
  const lower = listed.map((h) => h.trim().toLowerCase());
  return MODERN_REQUEST_HEADERS.filter((h) => !lower.includes(h.toLowerCase()));
}

/** Whether code serves MCP over HTTP itself (the test is mcp.ts's; re-exported where the CORS readers look for it). */
export { servesMcpOverHttp } from './mcp.js';

/** `Access-Control-Allow-Headers` and `Access-Control-Expose-Headers`, as a header or a key of a headers object. */
export const CORS_HEADER = /^access-control-(allow|expose)-headers$/i;
/** The CORS middlewares' options for those lists (cors's `allowedHeaders`, hono's `allowHeaders`, ...). */
export const CORS_KEYS = /^(allowedHeaders|exposedHeaders|allowHeaders|exposeHeaders|allowed_headers|exposed_headers)$/;
/** Calls that write a header on a response or a Headers object: `res.setHeader(name, value)`, `writeHead(200, {...})`. */
export const HEADER_WRITERS = /^(setHeader|set|header|append|appendHeader|writeHead)$/;

/** Where a CORS list's names were read: the module of the expression being read, and how to read the run's other modules. */
export interface ListScope {
  module: LoadedModule;
  modules?: ModuleSource;
}

/**
 * The header names a CORS list holds, trimmed, when every one of them is known, and the constants
 * they were read from. Written out (a comma-separated string, an array of strings,
 * `list.join(', ')`), or held in constants (trial 57B B3: fastify-mcp-server's list of
 * `HEADERS.CONTENT_TYPE` names): a `const` list or string (`allowedHeaders: ALLOWED`), names
 * from a constant table (`HEADERS.X` of `const HEADERS = {...} as const`, or an enum), and the
 * spread of a constant list, followed into the run's other modules where `scope.modules` says how
 * to read them. Undefined where any entry is not known, or where a constant list or table is
 * changed in place (`ALLOWED.push(...)`), which makes what it holds at run time unknown here.
 * `held`: what was read through a name (lists, strings), not written at `value` itself, in order.
 */
export function headerList(value: TS.Node, scope: ListScope): { names: string[]; held: Held[] } | undefined {
  const held: Held[] = [];
  const names = listNames(value, scope, held, HOPS);
  return names && { names, held };
}

/**
 * A value read through a name, and the module it is written in; `list`: the whole list the value
 * names (`allowedHeaders: ALLOWED`), not one of its names or a list spread into it.
 */
export type Held = ListScope & { expression: TS.Expression; list?: boolean };

/**
 * The header name one entry of a list is, written out or held in a constant or a table's member
 * (`HEADERS.X`), when known (see headerList); `held` gets what it was read through, in order.
 */
export function headerName(entry: TS.Node, scope: ListScope, held: Held[] = []): string | undefined {
  return elementName(entry, scope, held, HOPS)?.trim();
}

/** How many names (constants, members, imports) a list is followed through. */
const HOPS = 6;

/** The names a whole list holds: a comma-separated string, an array, a `.join()` of one, or a constant holding either. */
function listNames(node: TS.Node, scope: ListScope, held: Held[], hops: number): string[] | undefined {
  const n = withoutFreeze(node);
  const text = stringValue(n);
  if (text !== undefined) return text.split(',').map((h) => h.trim()).filter(Boolean);
  if (ts.isCallExpression(n) && calleeName(n) === 'join' && ts.isPropertyAccessExpression(unwrap(n.expression))) {
    return listNames((unwrap(n.expression) as TS.PropertyAccessExpression).expression, scope, held, hops);
  }
  if (ts.isArrayLiteralExpression(n)) {
    const names: string[] = [];
    for (const element of n.elements) {
      const found = ts.isSpreadElement(element) ? arrayNames(element.expression, scope, held, hops) : elementName(element, scope, held, hops);
      if (found === undefined) return undefined;
      names.push(...(typeof found === 'string' ? [found.trim()] : found));
    }
    return names;
  }
  const constant = heldValue(n, scope, hops);
  if (!constant) return undefined;
  held.push({ ...constant, list: true });
  return listNames(constant.expression, constant, held, hops - 1);
}

/** The names of an array a spread takes (`...BASE_HEADERS`): written out or held in a constant, not a string. */
function arrayNames(node: TS.Node, scope: ListScope, held: Held[], hops: number): string[] | undefined {
  const n = withoutFreeze(node);
  if (ts.isArrayLiteralExpression(n)) return listNames(n, scope, held, hops);
  const constant = heldValue(n, scope, hops);
  if (!constant) return undefined;
  held.push(constant);
  return arrayNames(constant.expression, constant, held, hops - 1);
}

/** The header name an array's entry is: a string, or a constant or a table's member holding one. */
function elementName(node: TS.Node, scope: ListScope, held: Held[], hops: number): string | undefined {
  const n = unwrap(node);
  const text = stringValue(n);
  if (text !== undefined) return text;
  const constant = heldValue(n, scope, hops);
  if (constant) {
    held.push(constant);
    return elementName(constant.expression, constant, held, hops - 1);
  }
  // An enum's member (`Header.ContentType`), this file's or one it imports (constantString).
  return ts.isPropertyAccessExpression(n) ? constantString(n) : undefined;
}

/**
 * What a name or a member of a constant table holds (`ALLOWED`, `HEADERS.X`, `HEADERS['X']`,
 * `ns.ALLOWED` of `import * as ns`), and the module it is written in: a `const` of the module, a
 * member of a `const` object (also frozen), or a constant another module of the run exports.
 * Undefined for anything else, and for a constant code changes in place.
 */
function heldValue(node: TS.Node, scope: ListScope, hops: number): Held | undefined {
  if (hops <= 0) return undefined;
  const n = unwrap(node);
  if (ts.isIdentifier(n)) {
    const decl = resolveIdentifier(n);
    if (decl && (ts.isVariableDeclaration(decl) || ts.isImportSpecifier(decl)) && ts.isIdentifier(decl.name) && changedInPlace(decl as Declaration & { name: TS.Identifier })) return undefined;
    if (decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && isExported(decl.parent.parent) && changedByImporters(decl.name.text, scope.module.path, scope.modules)) return undefined;
    if (decl && ts.isVariableDeclaration(decl)) return isConstDeclaration(decl) && decl.initializer ? { ...scope, expression: decl.initializer } : undefined;
  }
  const member = ts.isPropertyAccessExpression(n) ? n.name.text : ts.isElementAccessExpression(n) ? stringValue(n.argumentExpression) : undefined;
  if (member !== undefined) {
    const table = heldValue((n as TS.PropertyAccessExpression | TS.ElementAccessExpression).expression, scope, hops - 1);
    const object = table ? withoutFreeze(table.expression) : undefined;
    const value = object && ts.isObjectLiteralExpression(object) ? literalMember(object, member) : undefined;
    if (table && value) return { ...table, expression: value };
  }
  // Another module's export, imported (`import { ALLOWED } from './cors.js'`) or through a namespace (`ns.ALLOWED`).
  const imported = scope.modules && (ts.isIdentifier(n) || ts.isPropertyAccessExpression(n)) ? moduleExportOf(n) : undefined;
  const next = imported && imported.exported !== '*' ? scope.modules!.resolve(scope.module.path, imported.module) : undefined;
  const exported = next && exportedValue(next, imported!.exported, scope.modules!, 2);
  if (!exported) return undefined;
  const holder = declarationOf(exported.expression);
  return holder && (changedInPlace(holder) || changedByImporters(holder.name.text, exported.module.path, scope.modules)) ? undefined : { module: exported.module, modules: scope.modules, expression: exported.expression };
}

/**
 * Whether a module of the run that imports the module at `modulePath` changes its export `name`
 * in place (`ALLOWED_HEADERS.push('Mcp-Method')` in a protocol setup module, review 74): what the
 * list holds at run time is then unknown here. Read from those modules' text.
 */
function changedByImporters(name: string, modulePath: string, modules: ModuleSource | undefined): boolean {
  const users = modules?.users(modulePath);
  if (!users || users.length === 0) return false;
  const change = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\s*(?:\\.\\s*(?:${[...MUTATING_METHODS].join('|')})\\s*\\(|\\[[^\\]]*\\]\\s*=(?!=))`);
  return users.some((user) => user.sourceFile.text.includes(name) && change.test(user.sourceFile.text));
}

/** An object or list without what makes it constant around it (`Object.freeze({...})`, `[...] as const`). */
function withoutFreeze(expression: TS.Node): TS.Node {
  const n = unwrap(expression);
  return ts.isCallExpression(n) && calleeName(n) === 'freeze' && n.arguments.length === 1 ? unwrap(n.arguments[0]) : n;
}

/** The variable whose initializer an expression is (through `as const`, parentheses, `Object.freeze(...)`). */
function declarationOf(expression: TS.Expression): (TS.VariableDeclaration & { name: TS.Identifier }) | undefined {
  let holder: TS.Node = expression.parent;
  while (holder && (ts.isAsExpression(holder) || ts.isSatisfiesExpression(holder) || ts.isParenthesizedExpression(holder) || (ts.isCallExpression(holder) && calleeName(holder) === 'freeze'))) holder = holder.parent;
  return holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? (holder as TS.VariableDeclaration & { name: TS.Identifier }) : undefined;
}

/**
 * Whether code of the declaring file changes what a constant holds in place: a mutating call on
 * it or a member of it (`ALLOWED.push(h)`, `HEADERS.list.splice(...)`), or an assignment to a
 * member (`HEADERS.X = ...`, `ALLOWED[2] = ...`).
 */
function changedInPlace(decl: Declaration & { name: TS.Identifier }): boolean {
  return referencesTo(decl.getSourceFile(), decl).some((ref) => {
    let at: TS.Node = ref;
    for (let up = at.parent; up && (ts.isPropertyAccessExpression(up) || ts.isElementAccessExpression(up)) && up.expression === at; at = up, up = up.parent) {
      if (ts.isPropertyAccessExpression(up) && MUTATING_METHODS.has(up.name.text) && ts.isCallExpression(up.parent) && up.parent.expression === up) return true;
    }
    return at !== ref && ((isAssignment(at.parent) && at.parent.left === at) || ts.isDeleteExpression(at.parent));
  });
}
