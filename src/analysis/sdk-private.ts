/**
 * The SDK's private handshake state (`_initialized`, `_clientCapabilities`, `_clientVersion`,
 * `_initializeResult`, a transport's `sessionId`): whether an object written to or read from is the
 * SDK's server, client or transport. private-initialized reports writes, handshake-read reads.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from './typescript.js';
import { accessChain, accessName, enclosingClass, extendsClause, heritageNames, propertyNameText, resolveIdentifier, resolveInitializer, unwrap } from './ast.js';

export const PRIVATE_FIELDS = new Set(['_initialized', '_clientCapabilities', '_clientVersion', '_initializeResult']);

/** Base classes whose private handshake fields a subclass might set on `this`. */
const SDK_BASES = /^(Server|McpServer|Protocol|Client|\w*Transport)$/;
/** Those of them an application's class reads the client's capabilities through. */
const SERVER_BASES = /^(Server|McpServer)$/;

/**
 * Whether the object written to is an SDK server, client or transport. `this` counts only inside
 * a subclass of one. `_initialized` is a common private-flag name, so for it the receiver must also
 * be named like a transport, server or client (or be a local taken from one); the other fields are
 * specific to the SDK.
 */
export function isSdkObject(receiver: TS.Node, field: string): boolean {
  let r = unwrap(receiver);
  // `const sdk = this as unknown as { _initialized: boolean }; sdk._initialized = true`
  const alias = ts.isIdentifier(r) ? resolveInitializer(r) : undefined;
  if (alias && unwrap(alias).kind === ts.SyntaxKind.ThisKeyword) r = unwrap(alias);
  if (r.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = enclosingClass(r);
    // A subclass of an SDK server transport writing the id the SDK keeps revives a session; a
    // transport of the application's own (`implements Transport`) sets its own id.
    if (field === 'sessionId') {
      const base = cls && extendsClause(cls);
      return !!base && /ServerTransport$/.test(base.expression.getText());
    }
    // (Not the SDK's own class, in its source or a bundle of it: it declares the field it keeps, and
    // the Server that keeps the client's capabilities extends Protocol, where a subclass of the
    // application's extends Server or McpServer.)
    const bases = field === '_clientCapabilities' || field === '_clientVersion' ? SERVER_BASES : SDK_BASES;
    return !!cls && heritageNames(cls).some((n) => bases.test(n)) && !cls.members.some((m) => m.name !== undefined && propertyNameText(m.name) === field);
  }
  // An object of a class of the file that declares the field, or an object literal: the application's own.
  if (ownObject(alias, field)) return false;
  if (field !== '_initialized' && field !== 'sessionId') return true;
  // The application's own record of a transport (`const record: TransportRecord = { transport, ... }`,
  // an object literal, a type this file declares) keeps a session id of its own: no SDK state.
  if (field === 'sessionId' && ownRecord(r, alias)) return false;
  // The receiver's name, or what a local it is held in was taken from (`const inner =
  // (transport as any)._webStandardTransport`).
  const taken = alias && !ts.isCallExpression(unwrap(alias)) ? unwrap(alias).getText() : '';
  const text = `${accessChain(r) ?? r.getText()} ${taken}`;
  // A session id is set only on a transport (a session object of the application has one too).
  return field === 'sessionId' ? /transport/i.test(text) : /transport|server|mcp|client/i.test(text);
}

/** A receiver that is the application's object: made by an object literal, or typed by an interface or type alias of this file. */
function ownRecord(receiver: TS.Node, alias: TS.Node | undefined): boolean {
  let made = alias && unwrap(alias);
  // `const state = transportState.get(id) ?? {}`: an entry, or a fresh object of the application's (trial 27C).
  if (made && ts.isBinaryExpression(made) && /^(\?\?|\|\|)$/.test(made.operatorToken.getText())) {
    if (ts.isObjectLiteralExpression(unwrap(made.right))) return true;
    made = unwrap(made.left);
  }
  // (An object literal itself is ownObject's, asked first.)
  // An entry of a Map whose values are a type of this file (`new Map<string, ConvState>()`).
  if (made && ts.isCallExpression(made) && ts.isPropertyAccessExpression(unwrap(made.expression)) && (unwrap(made.expression) as TS.PropertyAccessExpression).name.text === 'get') {
    const map = unwrap((unwrap(made.expression) as TS.PropertyAccessExpression).expression);
    const mapDecl = ts.isIdentifier(map) ? resolveIdentifier(map) : undefined;
    const init = mapDecl && ts.isVariableDeclaration(mapDecl) && mapDecl.initializer ? unwrap(mapDecl.initializer) : undefined;
    const args = mapDecl && ts.isVariableDeclaration(mapDecl) && mapDecl.type && ts.isTypeReferenceNode(mapDecl.type) ? mapDecl.type.typeArguments : init && ts.isNewExpression(init) ? init.typeArguments : undefined;
    const value = args?.length === 2 ? args[1] : undefined;
    if (value && (ts.isTypeLiteralNode(value) || ownType(value, receiver.getSourceFile()))) return true;
  }
  const decl = ts.isIdentifier(receiver) ? resolveIdentifier(receiver) : undefined;
  const type = decl && (ts.isVariableDeclaration(decl) || ts.isParameter(decl)) ? decl.type : undefined;
  return !!type && ownType(type, receiver.getSourceFile());
}

/** A type reference to an interface or type alias this file declares. */
function ownType(type: TS.TypeNode, sf: TS.SourceFile): boolean {
  if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return false;
  const name = type.typeName.text;
  return sf.statements.some((st) => (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && st.name.text === name);
}

/** An object made by a class of the file that declares `field` (`new ClientProxy()`), or an object literal (`const snapshot = { _clientCapabilities }`). */
function ownObject(alias: TS.Node | undefined, field: string): boolean {
  const made = alias && unwrap(alias);
  if (!made) return false;
  if (ts.isObjectLiteralExpression(made)) return true;
  const cls = ts.isNewExpression(made) && ts.isIdentifier(made.expression) ? resolveIdentifier(made.expression) : undefined;
  return !!cls && ts.isClassDeclaration(cls) && cls.members.some((m) => m.name !== undefined && propertyNameText(m.name) === field);
}

/** The private handshake field a property chain passes through (`_clientCapabilities` of `(server as any)._clientCapabilities.sampling`), and its access. */
export function privateFieldOf(chain: TS.Node): { name: string; access: TS.PropertyAccessExpression | TS.ElementAccessExpression } | undefined {
  for (let at = unwrap(chain); ts.isPropertyAccessExpression(at) || ts.isElementAccessExpression(at); at = unwrap(at.expression)) {
    const name = accessName(at);
    if (name !== undefined && PRIVATE_FIELDS.has(name)) return { name, access: at };
  }
  return undefined;
}
