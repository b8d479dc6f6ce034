import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { accessChain, accessName, constantString, enclosingClass, enclosingFunction, extendsClause, heritageNames, isUndefinedValue, propertyNameText, resolveIdentifier, resolveInitializer, unwrap } from '../analysis/ast.js';
import { SPEC, type CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.BinaryExpression, ts.SyntaxKind.CallExpression);

const PRIVATE_FIELDS = new Set(['_initialized', '_clientCapabilities', '_clientVersion', '_initializeResult']);

/** Base classes whose private handshake fields a subclass might set on `this`. */
const SDK_BASES = /^(Server|McpServer|Protocol|Client|\w*Transport)$/;

/**
 * Whether the object written to is an SDK server, client or transport. `this` counts only inside
 * a subclass of one. `_initialized` is a common private-flag name, so for it the receiver must also
 * be named like a transport, server or client (or be a local taken from one); the other fields are
 * specific to the SDK.
 */
function isSdkObject(receiver: TS.Node, field: string): boolean {
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
    return !!cls && heritageNames(cls).some((n) => SDK_BASES.test(n));
  }
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
  if (made && ts.isObjectLiteralExpression(made)) return true;
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

/** Writes to the SDK's private handshake fields, a hack to revive or fake a session on another instance. */
export const privateInitialized: CodeRule = {
  target: 'code',
  id: 'private-initialized',
  category: 'initialize-gate',
  severity: 'error',
  title: "Sets the SDK's private initialized state",
  why:
    "Setting the transport's or server's private `_initialized` / `_clientCapabilities` fields, or a transport's `sessionId` by hand, is a workaround to make an instance " +
    'accept requests for a session it did not initialize. It couples the code to SDK internals and to the 2025 handshake; ' +
    'stateless 2026-07-28 serving makes it unnecessary.',
  fix: { manual: 'Delete the write and serve each request with a stateless transport (what it fakes, the handshake, no longer exists).' },
  docs: `${SPEC}/basic`,
  keywords: ['_initialized', '_clientcapabilities', '_clientversion', '_initializeresult', 'sessionid'],
  check(file, report) {
    // Plenty of classes keep their own `_initialized` flag: the scanner's MCP gate keeps those files out.
    file.facts.nodes.visit(VISITED, (node) => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const name = accessName(node.left);
        const target = unwrap(node.left);
        if (name && PRIVATE_FIELDS.has(name) && (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) && isSdkObject(target.expression, name)) {
          report({ node, message: `Writes the SDK-private ${name} field to fake handshake state` });
        } else if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
          // Through it: `(server as any)._clientCapabilities.sampling = {}` (review 57).
          let field: TS.Node = unwrap(target.expression);
          while ((ts.isPropertyAccessExpression(field) || ts.isElementAccessExpression(field)) && !PRIVATE_FIELDS.has(accessName(field) ?? '')) field = unwrap(field.expression);
          const held = (ts.isPropertyAccessExpression(field) || ts.isElementAccessExpression(field)) ? accessName(field) : undefined;
          if (held && held !== '_initialized' && isSdkObject((field as TS.PropertyAccessExpression).expression, held)) report({ node, message: `Writes into the SDK-private ${held} field to fake handshake state` });
        }
        // `transport.sessionId = saved`: a session restored by hand on an instance that never
        // initialized it. Not a wrapper's `set sessionId(v) { inner.sessionId = v }` passing it on.
        const passedOn = ts.isSetAccessorDeclaration(enclosingFunction(node) ?? node) && propertyNameText((enclosingFunction(node) as TS.SetAccessorDeclaration).name) === 'sessionId';
        if (name === 'sessionId' && !passedOn && (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) && !isUndefinedValue(node.right) && isSdkObject(target.expression, name)) {
          report({ node, message: "Sets a transport's session id by hand to revive a session this instance did not initialize" });
        }
      }
      // Object.assign(server.server, { _clientVersion: ... }), Object.defineProperty(t, '_initialized', ...), Reflect.set(...).
      if (ts.isCallExpression(node) && node.arguments.length >= 2) {
        const callee = accessChain(node.expression);
        if (callee === 'Object.assign') {
          for (const arg of node.arguments.slice(1)) {
            const obj = unwrap(arg);
            if (!ts.isObjectLiteralExpression(obj)) continue;
            for (const prop of obj.properties) {
              const key = propertyNameText(prop.name as TS.PropertyName);
              if (key && PRIVATE_FIELDS.has(key) && isSdkObject(node.arguments[0], key)) report({ node: prop, message: `Writes the SDK-private ${key} field to fake handshake state` });
            }
          }
        } else if (callee === 'Object.defineProperty' || callee === 'Reflect.set') {
          const key = constantString(node.arguments[1]);
          if (key && PRIVATE_FIELDS.has(key) && isSdkObject(node.arguments[0], key)) report({ node, message: `Writes the SDK-private ${key} field to fake handshake state` });
        }
      }
    });
  },
};
