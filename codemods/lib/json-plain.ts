/**
 * Whether the values of some state survive a JSON round trip, decided from their declared type or,
 * without one, from the literal values the code stores. Live objects (a browser, a socket, a class
 * instance), Sets, Maps and Dates do not: moving them into a shared JSON store would break the tool,
 * so explicit-handles marks such state instead of rewriting it.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from '../../src/analysis/typescript.js';
import { calleeName, unwrap } from '../../src/analysis/ast.js';

export function localTypeDeclaration(name: string, sf: TS.SourceFile): TS.InterfaceDeclaration | TS.TypeAliasDeclaration | undefined {
  for (const s of sf.statements) {
    if ((ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === name) return s;
  }
  return undefined;
}

export function isJsonPlainType(type: TS.TypeNode | undefined, sf: TS.SourceFile, seen = new Set<string>()): boolean {
  if (!type) return false;
  switch (type.kind) {
    case ts.SyntaxKind.StringKeyword:
    case ts.SyntaxKind.NumberKeyword:
    case ts.SyntaxKind.BooleanKeyword:
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.UndefinedKeyword:
      return true;
  }
  if (ts.isLiteralTypeNode(type)) return true;
  if (ts.isParenthesizedTypeNode(type)) return isJsonPlainType(type.type, sf, seen);
  if (ts.isArrayTypeNode(type)) return isJsonPlainType(type.elementType, sf, seen);
  if (ts.isUnionTypeNode(type)) return type.types.every((t) => isJsonPlainType(t, sf, seen));
  if (ts.isTypeLiteralNode(type)) {
    return type.members.every((m) => (ts.isPropertySignature(m) && isJsonPlainType(m.type, sf, seen)) || (ts.isIndexSignatureDeclaration(m) && isJsonPlainType(m.type, sf, seen)));
  }
  if (ts.isTypeReferenceNode(type)) {
    const name = ts.isIdentifier(type.typeName) ? type.typeName.text : '';
    const args = type.typeArguments ?? [];
    if ((name === 'Array' || name === 'ReadonlyArray') && args.length === 1) return isJsonPlainType(args[0], sf, seen);
    if (name === 'Record' && args.length === 2) return isJsonPlainType(args[1], sf, seen);
    if (name === 'Partial' || name === 'Readonly' || name === 'Required') return args.length === 1 && isJsonPlainType(args[0], sf, seen);
    if (seen.has(name)) return true;
    const decl = localTypeDeclaration(name, sf);
    if (!decl) return false;
    seen.add(name);
    if (ts.isTypeAliasDeclaration(decl)) return isJsonPlainType(decl.type, sf, seen);
    return (
      !decl.heritageClauses?.length &&
      decl.members.every((m) => (ts.isPropertySignature(m) && isJsonPlainType(m.type, sf, seen)) || (ts.isIndexSignatureDeclaration(m) && isJsonPlainType(m.type, sf, seen)))
    );
  }
  return false;
}

/** Without a type: every stored value is a literal made only of literals. */
export function isJsonPlainValue(node: TS.Node): boolean {
  const n = unwrap(node);
  if (ts.isStringLiteral(n) || ts.isNumericLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n)) return true;
  if (n.kind === ts.SyntaxKind.TrueKeyword || n.kind === ts.SyntaxKind.FalseKeyword || n.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isArrayLiteralExpression(n)) return n.elements.every(isJsonPlainValue);
  if (ts.isObjectLiteralExpression(n)) return n.properties.every((p) => ts.isPropertyAssignment(p) && isJsonPlainValue(p.initializer));
  if (ts.isNewExpression(n)) return false;
  if (ts.isCallExpression(n)) return /^(String|Number|Boolean|Date\.now)$/.test(n.expression.getText()) || calleeName(n) === 'toISOString';
  return false;
}

/** What keeps a type from being plain JSON, for the advice a marker gives (see typeTrouble). */
export interface TypeTrouble {
  /** Timers (`NodeJS.Timeout`, `ReturnType<typeof setInterval>`): they live in one process and cannot be stored. */
  timers: boolean;
  /** Dates, Sets and Maps: data with a plain form (an ISO string, an array, entries). */
  convertible: string[];
  /** Type names declared outside this file (imported): whether they are plain JSON cannot be seen here. */
  unseen: string[];
}

const TIMER_TYPES = /^(NodeJS\.)?(Timeout|Timer|Immediate)$/;
const CONVERTIBLE_TYPES: Record<string, string> = { Date: 'a Date as an ISO string', Set: 'a Set as an array', ReadonlySet: 'a Set as an array', Map: 'a Map as its entries', ReadonlyMap: 'a Map as its entries' };
/** Standard library types that are never plain JSON and are not data either (a live object). */
const LIVE_TYPES = /^(Promise|Function|WeakMap|WeakSet|WeakRef|AbortController|ChildProcess|EventEmitter|Worker|Buffer)$/;
/** Imported types that are live objects by their well-known names (a browser page, a client, a pool, a socket). */
const LIVE_IMPORTS = /^(Browser|BrowserContext|Page|Frame|ElementHandle|Locator|CDPSession|Client|\w+Client|Pool|PoolClient|Connection|\w+Connection|Socket|WebSocket|Db|Database|Redis|\w*Transport|\w*Server|Process|Subprocess|Terminal|Pty|IPty|Stream|\w+Stream)$/;

/** Why a type that isJsonPlainType refuses is not plain JSON, as far as this file tells. */
export function typeTrouble(type: TS.TypeNode, sf: TS.SourceFile): TypeTrouble {
  const trouble: TypeTrouble = { timers: false, convertible: [], unseen: [] };
  const seen = new Set<string>();
  const visit = (t: TS.Node): void => {
    if (ts.isTypeReferenceNode(t)) {
      const name = t.typeName.getText(sf);
      if (TIMER_TYPES.test(name)) trouble.timers = true;
      else if (name === 'ReturnType' && /\b(setInterval|setTimeout|setImmediate)\b/.test(t.getText(sf))) trouble.timers = true;
      else if (Object.hasOwn(CONVERTIBLE_TYPES, name)) {
        if (!trouble.convertible.includes(CONVERTIBLE_TYPES[name])) trouble.convertible.push(CONVERTIBLE_TYPES[name]);
      } else if (!/^(Array|ReadonlyArray|Record|Partial|Readonly|Required)$/.test(name) && !LIVE_TYPES.test(name) && !LIVE_IMPORTS.test(name.split('.').pop()!) && !seen.has(name)) {
        seen.add(name);
        const decl = ts.isIdentifier(t.typeName) ? localTypeDeclaration(name, sf) : undefined;
        if (!decl && !isLocalClass(name, sf)) trouble.unseen.push(name);
        else if (decl) visit(ts.isTypeAliasDeclaration(decl) ? decl.type : decl);
      }
    }
    ts.forEachChild(t, visit);
  };
  visit(type);
  return trouble;
}

/** A class this file declares (its instances are live objects, not data of an unseen shape). */
function isLocalClass(name: string, sf: TS.SourceFile): boolean {
  return sf.statements.some((s) => ts.isClassDeclaration(s) && s.name?.text === name);
}
