/**
 * The legacy HTTP+SSE server transport, recognised syntactically: which class references name it,
 * and which calls hand a POSTed message to one (`transport.handlePostMessage(req, res, body)`,
 * `transport.handleMessage(body)`), the half of HTTP+SSE that must reach the instance holding the
 * client's stream.
 *
 * `handlePostMessage` and above all `handleMessage` are also method names of applications' own
 * classes (a dispatcher that serves Streamable HTTP as well), so a call counts by what its receiver
 * is: declared, typed or built as an SSE transport, looked up in a collection of them, or looked up
 * by session id in a file that uses the SSE transport.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from './typescript.js';
import { calleeName, constantString, enclosingClass, extendsClause, isThisOrSuper, moduleExportOf, propertyNameText, resolveIdentifier, resolveInitializer, unwrap, walk } from './ast.js';
import { HONO_SSE_TRANSPORT, SDK_SSE_TRANSPORT } from './transports.js';

/** Text that shows a file uses an SSE server transport (a cheap test before any tree is read). */
const USES_SSE_TRANSPORT = new RegExp(`\\b${SDK_SSE_TRANSPORT}\\b|['"]${HONO_SSE_TRANSPORT.module}['"]`);

export function usesSseTransport(text: string): boolean {
  return USES_SSE_TRANSPORT.test(text);
}

/**
 * Whether a class reference (`new X(...)`, `extends X`, a type `X`) names a legacy SSE server
 * transport: the SDK's SSEServerTransport under its name, an alias or a namespace
 * (`sse_js_1.SSEServerTransport`), hono-mcp-server-sse-transport's SSETransport as imported from
 * that package, or a class of this file that extends one of them.
 */
export function isSseTransportClass(ref: TS.Node, depth = 0): boolean {
  const n = unwrap(ref);
  const name = ts.isIdentifier(n) ? n.text : ts.isPropertyAccessExpression(n) ? n.name.text : ts.isQualifiedName(n) ? n.right.text : undefined;
  if (name === undefined) return false;
  if (name === SDK_SSE_TRANSPORT) return true;
  const imported = moduleExportOf(n);
  if (imported?.exported === SDK_SSE_TRANSPORT) return true;
  if (imported && imported.module === HONO_SSE_TRANSPORT.module && imported.exported === HONO_SSE_TRANSPORT.name) return true;
  if (imported || !ts.isIdentifier(n) || depth > 3) return false;
  const decl = resolveIdentifier(n);
  return !!decl && ts.isClassDeclaration(decl) && extendsSseTransport(decl, depth + 1);
}

/** A class that extends a legacy SSE server transport (`class FlushingSse extends SSEServerTransport`). */
export function extendsSseTransport(cls: TS.ClassLikeDeclaration, depth = 0): boolean {
  const base = extendsClause(cls);
  return !!base && isSseTransportClass(base.expression, depth);
}

/**
 * What a receiver is, as far as this file says: an SSE transport, something else, a lookup by a
 * session id in a collection that says nothing of what it holds, or unknown.
 */
type Verdict = 'sse' | 'other' | 'session-lookup' | undefined;

/** `Record<string, T>`, `Map<string, T>`, `{ [id: string]: T }`: the T, else undefined. */
function elementType(type: TS.TypeNode | undefined): TS.TypeNode | undefined {
  if (!type) return undefined;
  if (ts.isTypeReferenceNode(type) && type.typeArguments?.length === 2) {
    const name = ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
    return /^(Record|Map|ReadonlyMap)$/.test(name) ? type.typeArguments[1] : undefined;
  }
  if (ts.isTypeLiteralNode(type)) {
    const index = type.members.find(ts.isIndexSignatureDeclaration);
    return index?.type;
  }
  return undefined;
}

/** What a declared type says: an SSE transport if any member of a union is one. */
function typeVerdict(type: TS.TypeNode | undefined): Verdict {
  if (!type) return undefined;
  if (ts.isParenthesizedTypeNode(type)) return typeVerdict(type.type);
  if (ts.isUnionTypeNode(type)) {
    const members = type.types.map(typeVerdict);
    if (members.includes('sse')) return 'sse';
    return members.includes('other') && !members.includes(undefined) ? 'other' : undefined;
  }
  if (type.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isLiteralTypeNode(type) && type.literal.kind === ts.SyntaxKind.NullKeyword)) return 'other';
  // A plain class or interface name; a generic (`ReturnType<...>`) says nothing here.
  if (ts.isTypeReferenceNode(type) && !type.typeArguments) return isSseTransportClass(type.typeName) ? 'sse' : 'other';
  return undefined;
}

/** The declared type and initializer of what an identifier or `this.<member>` refers to. */
function declarationOf(expr: TS.Node): { type?: TS.TypeNode; initializer?: TS.Expression } | undefined {
  const n = unwrap(expr);
  if (ts.isIdentifier(n)) {
    const decl = resolveIdentifier(n);
    if (decl && ts.isVariableDeclaration(decl)) return { type: decl.type, initializer: decl.initializer };
    if (decl && ts.isParameter(decl)) return { type: decl.type };
    return undefined;
  }
  if (ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = enclosingClass(n);
    for (const member of cls?.members ?? []) {
      if (ts.isPropertyDeclaration(member) && propertyNameText(member.name) === n.name.text) return { type: member.type, initializer: member.initializer };
      if (ts.isConstructorDeclaration(member)) {
        const param = member.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === n.name.text && p.modifiers?.length);
        if (param) return { type: param.type };
      }
    }
  }
  return undefined;
}

/** `transports[id]`, `sessions.get(id)`: what the collection holds, or a lookup by session id. */
function lookupVerdict(collection: TS.Node, key: TS.Node | undefined): Verdict {
  const decl = declarationOf(collection);
  let element: Verdict;
  if (decl?.type) element = typeVerdict(elementType(decl.type));
  else if (decl?.initializer) {
    // `new Map<string, SSEServerTransport>()`.
    const init = unwrap(decl.initializer);
    if (ts.isNewExpression(init) && init.typeArguments?.length === 2) element = typeVerdict(init.typeArguments[1]);
  }
  if (element) return element;
  return key && /session_?id/i.test(key.getText()) ? 'session-lookup' : undefined;
}

/** `if (known instanceof SSEServerTransport) known.handlePostMessage(...)`. */
function narrowedToSse(receiver: TS.Node): boolean {
  const text = receiver.getText();
  for (let n: TS.Node = receiver; n.parent && !ts.isSourceFile(n.parent); n = n.parent) {
    const parent = n.parent;
    if (ts.isIfStatement(parent) && parent.thenStatement === n && conditionNarrows(parent.expression, text)) return true;
  }
  return false;
}

function conditionNarrows(condition: TS.Expression, text: string): boolean {
  const c = unwrap(condition);
  if (!ts.isBinaryExpression(c)) return false;
  if (c.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return conditionNarrows(c.left, text) || conditionNarrows(c.right, text);
  return c.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword && unwrap(c.left).getText() === text && isSseTransportClass(c.right);
}

function verdictOf(expr: TS.Node, depth: number): Verdict {
  if (depth > 4) return undefined;
  // `transports.get(sid) as SSEServerTransport`: the cast says what the value is, whatever the map is typed as.
  for (let c: TS.Node = expr; ts.isParenthesizedExpression(c) || ts.isAsExpression(c) || ts.isNonNullExpression(c) || ts.isSatisfiesExpression(c); c = c.expression) {
    if (ts.isAsExpression(c) && typeVerdict(c.type) === 'sse') return 'sse';
  }
  const n = unwrap(expr);
  if (isThisOrSuper(n)) {
    const cls = enclosingClass(n);
    return cls && extendsSseTransport(cls) ? 'sse' : 'other';
  }
  if (ts.isNewExpression(n)) return isSseTransportClass(n.expression) ? 'sse' : 'other';
  if (ts.isObjectLiteralExpression(n)) return 'other';
  if (ts.isElementAccessExpression(n)) return lookupVerdict(n.expression, n.argumentExpression);
  if (ts.isCallExpression(n)) {
    const callee = unwrap(n.expression);
    return ts.isPropertyAccessExpression(callee) && callee.name.text === 'get' && n.arguments.length === 1 ? lookupVerdict(callee.expression, n.arguments[0]) : undefined;
  }
  if (ts.isIdentifier(n) || ts.isPropertyAccessExpression(n)) {
    if (narrowedToSse(n)) return 'sse';
    const decl = declarationOf(n);
    if (!decl) return undefined;
    return typeVerdict(decl.type) ?? (decl.initializer ? verdictOf(decl.initializer, depth + 1) : undefined);
  }
  return undefined;
}

const ownHandlers = new WeakMap<TS.SourceFile, boolean>();

/** Whether the file declares a handlePostMessage of its own (a method of a class that is no SSE transport). */
function declaresOwnHandlePostMessage(sourceFile: TS.SourceFile): boolean {
  let own = ownHandlers.get(sourceFile);
  if (own === undefined) {
    own = false;
    walk(sourceFile, (n) => {
      if (own) return false;
      if (ts.isMethodDeclaration(n) && propertyNameText(n.name) === 'handlePostMessage') {
        const cls = enclosingClass(n);
        own = !cls || !extendsSseTransport(cls);
      }
      return undefined;
    });
    ownHandlers.set(sourceFile, own);
  }
  return own;
}

/**
 * Whether a call hands a POSTed message to a legacy SSE server transport: `handlePostMessage` on a
 * receiver that is or may be one (an untyped one counts in a file that uses the SSE transport and
 * has no handlePostMessage of its own), `handleMessage` (a common name) only on one typed, built or
 * narrowed as one, or looked up by session id in a file that uses the SSE transport.
 * `usesSse`: usesSseTransport(file text).
 */
export function deliversToSseTransport(call: TS.CallExpression, usesSse: boolean): boolean {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const method = calleeName(call);
  if (method !== 'handlePostMessage' && method !== 'handleMessage') return false;
  const receiver = unwrap(callee.expression);
  // A subclass's own handleMessage calling the SDK's: the transport's inside, not a route.
  if (method === 'handleMessage' && isThisOrSuper(receiver)) return false;
  const verdict = verdictOf(receiver, 0);
  if (verdict === 'sse') return true;
  if (verdict === 'other') return false;
  // handlePostMessage on a transport looked up by session id is the POST half of HTTP+SSE also in
  // a module of its own (the stream opened in another file: no SSEServerTransport named here).
  if (verdict === 'session-lookup' && method === 'handlePostMessage') return true;
  if (!usesSse) return false;
  if (verdict === 'session-lookup') return true;
  return method === 'handlePostMessage' && !declaresOwnHandlePostMessage(call.getSourceFile());
}

/**
 * Text that may send the HTTP+SSE `endpoint` event by hand: the event written out on the wire
 * (`event: endpoint\ndata: ...`) or handed to an SSE writer as an object (`{ event: 'endpoint',
 * data }`: Hono's writeSSE, a bridge of the application's own). A cheap test before any tree is read.
 */
export const HAND_WRITTEN_ENDPOINT_EVENT = /event: ?endpoint|\bevent\s*:\s*['"`]endpoint['"`]/i;

/**
 * Text that sends it: the event followed by its data, on the wire or as the writer's object (a
 * client that only compares the event line does not match). The report's Transport line reads it.
 */
export const SENDS_ENDPOINT_EVENT = /event: ?endpoint\s*(?:\\n|\n)data:|\bevent\s*:\s*['"`]endpoint['"`]\s*,\s*data\b/;

/**
 * `{ event: 'endpoint', data: `${path}?sessionId=${id}` }`: the first event of a hand-written
 * HTTP+SSE stream, handed to an SSE writer, that names the POST endpoint. The `event` property,
 * when the object also carries the event's `data`.
 */
export function isEndpointEventObject(property: TS.Node): property is TS.PropertyAssignment {
  if (!ts.isPropertyAssignment(property) || propertyNameText(property.name) !== 'event' || constantString(property.initializer) !== 'endpoint') return false;
  return ts.isObjectLiteralExpression(property.parent) && property.parent.properties.some((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && propertyNameText(p.name) === 'data');
}

/** The names a legacy SSE message endpoint gives its session's query parameter: the SDK's, and the Python SDK's `session_id`. */
const SESSION_QUERY = /^(sessionId|session_id)$/;

/**
 * A read of the `sessionId` (or `session_id`) query parameter (`url.searchParams.get('sessionId')`,
 * `c.req.query('sessionId')`, `req.query.sessionId`): how a legacy SSE message POST finds its stream.
 */
export function readsSessionIdQuery(node: TS.Node): boolean {
  return sessionIdQueryName(node) !== undefined;
}

/** The parameter a session-id query read (readsSessionIdQuery) reads. */
function sessionIdQueryName(node: TS.Node): string | undefined {
  if (ts.isCallExpression(node)) {
    const callee = unwrap(node.expression);
    const name = constantString(node.arguments[0]);
    if (!ts.isPropertyAccessExpression(callee) || !SESSION_QUERY.test(name ?? '')) return undefined;
    return (callee.name.text === 'get' && /(^|\.)searchParams$/.test(callee.expression.getText())) || callee.name.text === 'query' ? name : undefined;
  }
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const key = ts.isPropertyAccessExpression(node) ? node.name.text : constantString(node.argumentExpression);
    const holder = unwrap(node.expression);
    return SESSION_QUERY.test(key ?? '') && ts.isPropertyAccessExpression(holder) && holder.name.text === 'query' ? key : undefined;
  }
  return undefined;
}

/**
 * The parameter of the session-id query read (readsSessionIdQuery) a value is, written there or
 * held in a const of the function (`const sessionId = c.req.query('session_id')`).
 */
export function sessionIdQueryOf(value: TS.Expression): string | undefined {
  const v = unwrap(value);
  const init = ts.isIdentifier(v) ? resolveInitializer(v) : undefined;
  return sessionIdQueryName(v) ?? (init && sessionIdQueryName(unwrap(init)));
}
