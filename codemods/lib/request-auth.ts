/**
 * A map keyed by the MCP session id that holds nothing but the request's own credentials (trial
 * 77B B2): `sessionAuth.set(sid, req.auth)` in onsessioninitialized (or the route, or a handler's
 * `extra.authInfo`), read back by the tools as `sessionAuth.get(extra.sessionId!)`. The SDK hands
 * every request's credentials to its handlers already: v1's transports pass the `req.auth` the
 * bearer-token middleware set on each request into `extra.authInfo`, v2's node adapter into
 * `ctx.http.authInfo`. Such a map is read from each request instead, and goes.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from '../../src/analysis/typescript.js';
import { calleeName, enclosingFunction, isExported, isFunctionLike, isModuleVariable, referencesTo, resolveIdentifier, someNode, unwrap, walk } from '../../src/analysis/ast.js';
import { servesBothEras } from '../../src/analysis/mcp.js';
import { frameworkRegistration, type Registration } from '../../src/analysis/registrations.js';
import type { Collection, SessionFacts } from '../../src/analysis/session.js';
import { removeStatement } from './edits.js';
import type { TextEdit } from '../types.js';

export interface RequestAuthPlan {
  collection: Collection;
  decl: TS.VariableDeclaration;
  /** Each read in a handler (`sessionAuth.get(extra.sessionId!)`), and what it becomes (`extra.authInfo`). */
  reads: Array<{ node: TS.Expression; text: string; handler: TS.FunctionLikeDeclaration; local?: TS.VariableDeclaration }>;
  /** The statements that store an entry or forget one (`sessionAuth.set(sid, req.auth);`, `sessionAuth.delete(sid);`). */
  writes: TS.ExpressionStatement[];
  /** The handlers' locals that held the session id for those reads alone (`const sid = extra.sessionId!;`): unused once they go. */
  locals: TS.VariableStatement[];
}

/**
 * The plan for a module-level collection of the file whose every use is one of: a read in an SDK
 * handler of the file keyed by that handler's own session id (`m.get(extra.sessionId!)`, `m[sid]`
 * with `const sid = extra.sessionId`), a statement storing the request's credentials unchanged
 * under a session id (`m.set(sid, req.auth)` where the function around it hands `req` to
 * `handleRequest`; `m.set(extra.sessionId!, extra.authInfo)` in a handler), or a statement
 * forgetting an entry (`m.delete(sid)`), with one store at least (or one in the text as read:
 * `storedAsRead`, CodemodContext.credentialMapsAsRead). Undefined for anything else: credentials
 * with more beside them or made into something else, a read outside the handlers, the map handed
 * on or exported, a map nothing stores in.
 */
export function requestAuthPlan(c: Collection, facts: SessionFacts, storedAsRead?: ReadonlySet<string>): RequestAuthPlan | undefined {
  const decl = c.decl;
  if (c.origin !== 'declared' || !isModuleVariable(decl) || !ts.isIdentifier(decl.name) || isExported(decl.parent.parent) || (decl.parent as TS.VariableDeclarationList).declarations.length !== 1) return undefined;
  const init = decl.initializer && unwrap(decl.initializer);
  const empty = !!init && ((ts.isNewExpression(init) && init.expression.getText() === 'Map' && !init.arguments?.length) || (ts.isObjectLiteralExpression(init) && init.properties.length === 0));
  if (!empty) return undefined;
  const v2 = servesBothEras(decl.getSourceFile().text);
  const reads: RequestAuthPlan['reads'] = [];
  const writes: TS.ExpressionStatement[] = [];
  let stores = 0;
  for (const use of referencesTo(decl.getSourceFile(), decl as TS.VariableDeclaration & { name: TS.Identifier })) {
    const entry = entryUse(use);
    if (!entry) return undefined;
    if (entry.kind === 'read') {
      // (Not one changed in place, `m.get(sid)!.scopes = []`: that change lasted for the session.)
      const changed = ts.isPropertyAccessExpression(entry.node.parent) || ts.isElementAccessExpression(entry.node.parent) ? entry.node.parent : undefined;
      if (changed && ts.isBinaryExpression(changed.parent) && changed.parent.left === changed && changed.parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && changed.parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return undefined;
      const read = handlerRead(entry.node, entry.key, facts, v2);
      if (!read) return undefined;
      reads.push(read);
      continue;
    }
    const statement = ts.isExpressionStatement(entry.node.parent) ? entry.node.parent : undefined;
    if (!statement) return undefined;
    if (entry.kind === 'store' && !(facts.isSessionId(entry.key) && requestCredentials(entry.value, entry.node, facts))) return undefined;
    if (entry.kind === 'store') stores++;
    writes.push(statement);
  }
  // Stored here, or in the text as read where a codemod before this one took the store away with
  // the session callback it was in (stateless-transport, which hands it over: handedStates). One
  // never stored holds nothing the request carries (a map filled elsewhere, or not at all).
  if (reads.length === 0 || (stores === 0 && !storedAsRead?.has(c.name))) return undefined;
  const within = (n: TS.Node) => reads.some((read) => n.pos >= read.node.pos && n.end <= read.node.end);
  const locals = new Set<TS.VariableStatement>();
  for (const read of reads) {
    const local = read.local;
    const statement = local?.parent.parent;
    if (!local || !statement || !ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) continue;
    if (referencesTo(read.handler, local as TS.VariableDeclaration & { name: TS.Identifier }).every(within)) locals.add(statement);
  }
  return { collection: c, decl, reads, writes, locals: [...locals] };
}

/** What a use of the map does with an entry: `m.get(k)` / `m[k]` reads, `m.set(k, v)` / `m[k] = v` stores, `m.delete(k)` / `delete m[k]` forgets; undefined for any other use. */
function entryUse(use: TS.Identifier): { kind: 'read' | 'store' | 'forget'; node: TS.Expression; key: TS.Expression; value: TS.Expression } | undefined {
  const parent = use.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === use && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) {
    const call = parent.parent;
    const [key, value] = call.arguments;
    if (parent.name.text === 'get' && call.arguments.length === 1) return { kind: 'read', node: call, key, value: key };
    if (parent.name.text === 'set' && call.arguments.length === 2) return { kind: 'store', node: call, key, value };
    if (parent.name.text === 'delete' && call.arguments.length === 1) return { kind: 'forget', node: call, key, value: key };
    return undefined;
  }
  if (!ts.isElementAccessExpression(parent) || parent.expression !== use) return undefined;
  const key = parent.argumentExpression;
  const outer = parent.parent;
  if (ts.isDeleteExpression(outer)) return { kind: 'forget', node: outer, key, value: key };
  if (ts.isBinaryExpression(outer) && outer.left === parent) return outer.operatorToken.kind === ts.SyntaxKind.EqualsToken ? { kind: 'store', node: outer, key, value: outer.right } : undefined;
  // (Not an entry changed in place: `m[sid] ??= ...`, `m[sid]++`.)
  if (ts.isPrefixUnaryExpression(outer) || ts.isPostfixUnaryExpression(outer)) return undefined;
  return { kind: 'read', node: parent, key, value: key };
}

/**
 * The request's own credentials, unchanged (through `!` or a cast): `req.auth` where `req` is a
 * parameter of a function around the store that hands it to a transport's `handleRequest` (the
 * request whose `req.auth` the transport passes on), or `extra.authInfo` of the SDK handler the
 * store is in.
 */
function requestCredentials(value: TS.Expression, at: TS.Node, facts: SessionFacts): boolean {
  const v = unwrap(value);
  if (!ts.isPropertyAccessExpression(v) || v.questionDotToken || !ts.isIdentifier(v.expression)) return false;
  const param = resolveIdentifier(v.expression);
  if (!param || !ts.isParameter(param) || !ts.isIdentifier(param.name)) return false;
  const fn = param.parent;
  if (!isFunctionLike(fn) || !fn.body || at.pos < fn.pos || at.end > fn.end) return false;
  if (v.name.text === 'authInfo') return sdkHandlers(facts).some((r) => r.contextParam === param);
  if (v.name.text !== 'auth') return false;
  return someNode(fn.body, (n) => ts.isCallExpression(n) && calleeName(n) === 'handleRequest' && !!n.arguments[0] && ts.isIdentifier(unwrap(n.arguments[0])) && resolveIdentifier(unwrap(n.arguments[0]) as TS.Identifier) === param);
}

/** The file's handlers registered with the SDK's own calls (not a framework's, not another module's), with a context parameter. */
function sdkHandlers(facts: SessionFacts): Registration[] {
  return facts.registrations.filter((r) => !!r.handler?.body && !!r.contextParam && frameworkRegistration(r) === undefined && !r.module && !r.viaWrapper && !r.fromList && !r.caller);
}

/**
 * A read keyed by the session id of the SDK handler it is in (`extra.sessionId`, through `!` or a
 * cast, or a `const` of the handler holding it), with what replaces it: that handler's own
 * credentials (`extra.authInfo` in SDK v1, `ctx.http?.authInfo` on the v2 packages).
 */
function handlerRead(node: TS.Expression, key: TS.Expression, facts: SessionFacts, v2: boolean): RequestAuthPlan['reads'][number] | undefined {
  const handler = sdkHandlers(facts).find((r) => node.pos >= r.handler!.pos && node.end <= r.handler!.end);
  const param = handler?.contextParam;
  if (!handler || !param || !ts.isIdentifier(param.name) || param.dotDotDotToken) return undefined;
  let k = unwrap(key);
  let local: TS.VariableDeclaration | undefined;
  if (ts.isIdentifier(k)) {
    const found = resolveIdentifier(k);
    const list = found && ts.isVariableDeclaration(found) ? found.parent : undefined;
    if (!found || !ts.isVariableDeclaration(found) || !ts.isIdentifier(found.name) || !list || !(list.flags & ts.NodeFlags.Const) || !found.initializer || enclosingFunction(found) !== handler.handler) return undefined;
    local = found;
    k = unwrap(found.initializer);
  }
  if (!ts.isPropertyAccessExpression(k) || k.name.text !== 'sessionId' || !ts.isIdentifier(k.expression) || resolveIdentifier(k.expression) !== param) return undefined;
  const dot = k.questionDotToken ? '?.' : '.';
  return { node, text: `${param.name.text}${dot}${v2 ? 'http?.authInfo' : 'authInfo'}`, handler: handler.handler!, ...(local ? { local } : {}) };
}

/**
 * The edit that removes a store or cleanup statement: with the `if` around it where that holds
 * nothing else and tests nothing that does work (`if (req.auth) sessionAuth.set(sid, req.auth);`,
 * `if (sid) { sessionAuth.delete(sid); }`), the statement alone otherwise. A bare `if` body with an
 * `else` becomes `{}` (removed alone, the `if` would not parse). `gone`: the statements the same
 * rewrite removes (this one among them), which may leave a block empty, the `if` around it then
 * going too; without it, the statement alone is looked at.
 */
export function removeEntryStatement(statement: TS.ExpressionStatement, sf: TS.SourceFile, gone: ReadonlySet<TS.Node> = new Set()): TextEdit {
  let body: TS.Statement = statement;
  if (ts.isBlock(statement.parent) && statement.parent.statements.every((s) => gone.has(s))) body = statement.parent;
  const test = body.parent;
  const bare = ts.isIfStatement(test) && (test.thenStatement === body || test.elseStatement === body);
  if (bare && !test.elseStatement && !someNode(test.expression, ts.isCallExpression)) return removeStatement(test, sf);
  if (bare && body === statement) return { start: statement.getStart(sf), end: statement.getEnd(), text: '{}' };
  return removeStatement(statement, sf);
}

/** The type names a declaration names (`AuthInfo` of `new Map<string, AuthInfo>()`): their imports may be left unused once it goes. */
export function typeNamesIn(decl: TS.VariableDeclaration): Set<string> {
  const names = new Set<string>();
  walk(decl, (n) => {
    if (ts.isTypeReferenceNode(n)) names.add(n.typeName.getText().split('.')[0]);
    return undefined;
  });
  return names;
}
