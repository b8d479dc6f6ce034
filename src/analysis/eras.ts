/**
 * Code that speaks both protocol eras: a client that probes with server/discover and falls back to
 * initialize, a transport that sends Mcp-Session-Id only when the peer speaks 2025. What such code
 * does on its 2025 path is that path's job (the reference asks for exactly this fallback), not a
 * stateful assumption to remove, so the rules that would report it there say so at `info`.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from './typescript.js';
import { routePath } from './routes.js';
import { enclosingClass, findAncestor, functionDeclarationOf, isAssignmentTarget, isConstDeclaration, isFunctionLike, isUndefinedValue, outermost, propertyNameText, referencesTo, resolveFunction, resolveIdentifier, returnedExpressions, stringValue, unwrap, walk, wholeCollectionUse } from './ast.js';
import { servesBothEras } from './mcp.js';
import { isSdkObject } from './sdk-private.js';
import type { ReasonId } from '../model.js';

type Era = 'modern' | 'legacy';

/** Names that say which era a test picks: `isModernProtocol()`, `protocolEra === 'legacy'`, `useLegacyPath`. */
const MODERN_NAME = /modern|2026/i;
const LEGACY_NAME = /legacy|2025/i;

/**
 * A read of what the initialize handshake declared: the SDK's methods `x.getClientCapabilities()`
 * and `x.getClientVersion()` (a bare call is the code's own function). handshake-read reports them.
 */
export function isHandshakeRead(node: TS.Node): node is TS.CallExpression {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(unwrap(node.expression))) return false;
  const name = (unwrap(node.expression) as TS.PropertyAccessExpression).name.text;
  return name === 'getClientCapabilities' || name === 'getClientVersion';
}

/**
 * A read of the SDK's private fields the getters answer from (`(server as any)._clientCapabilities`,
 * trial 47B): the same handshake, remembered by one instance. (Writes are private-initialized's.)
 */
export function isPrivateHandshakeRead(node: TS.Node): boolean {
  if (!ts.isPropertyAccessExpression(node) || (node.name.text !== '_clientCapabilities' && node.name.text !== '_clientVersion')) return false;
  // A write, also through it (`(server as any)._clientCapabilities.sampling = {}`, and through
  // casts and parentheses on the way, as private-initialized reads the same write).
  let top = outermost(node);
  while ((ts.isPropertyAccessExpression(top.parent) || ts.isElementAccessExpression(top.parent)) && top.parent.expression === top) top = outermost(top.parent);
  return !isAssignmentTarget(top) && isSdkObject(node.expression, node.name.text);
}

/** Whether an expression reads the handshake: `server.getClientCapabilities()?.elicitation`, or the SDK's private field behind it (`(server as any)._clientCapabilities`). */
function readsHandshake(expression: TS.Node, depth = 0): boolean {
  let found = false;
  for (let n: TS.Node = expression; !found; ) {
    found = isHandshakeRead(n) || isPrivateHandshakeRead(n);
    const next = ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) || ts.isCallExpression(n) || ts.isNonNullExpression(n) || ts.isParenthesizedExpression(n) ? n.expression : undefined;
    if (!next) {
      // A const holding what the getter returned (`const caps = server.getClientCapabilities(); if (!caps?.elicitation) ...`).
      const decl = !found && depth === 0 && ts.isIdentifier(n) ? resolveIdentifier(n) : undefined;
      if (decl && ts.isVariableDeclaration(decl) && isConstDeclaration(decl) && decl.initializer) found = readsHandshake(unwrap(decl.initializer), depth + 1);
      break;
    }
    n = next;
  }
  return found;
}

const filledFiles = new WeakMap<TS.SourceFile, boolean>();

/**
 * Whether the SDK's handshake getters may hold a 2026-07-28 request's client in this node's file:
 * under createMcpHandler they are filled from each request's envelope; under serveStdio they stay
 * undefined for 2026-07-28 clients (so a test on them still picks out 2025 ones). A file on the v2
 * packages that names neither entry point (a tools module) may be served by createMcpHandler.
 */
function gettersFilledPerRequest(node: TS.Node): boolean {
  const sourceFile = node.getSourceFile();
  let filled = filledFiles.get(sourceFile);
  if (filled === undefined) {
    const text = sourceFile.text;
    filled = servesBothEras(text) && (/\bcreateMcpHandler\b/.test(text) || !/\bserveStdio\b/.test(text));
    filledFiles.set(sourceFile, filled);
  }
  return filled;
}

function flip(era: Era | undefined): Era | undefined {
  return era === 'modern' ? 'legacy' : era === 'legacy' ? 'modern' : undefined;
}

/** The era a test's own words name (`isModernProtocol()`, `this.era === 'legacy'`), when they name one only. */
function namedEra(node: TS.Node): Era | undefined {
  const text = node.getText();
  const modern = MODERN_NAME.test(text);
  const legacy = LEGACY_NAME.test(text);
  return modern === legacy ? undefined : modern ? 'modern' : 'legacy';
}

/** The era a condition implies when it holds (`whenTrue`) or when it does not. */
function impliedEra(condition: TS.Expression, whenTrue: boolean, depth = 0): Era | undefined {
  let c = unwrap(condition);
  // `!(await isLegacyRequest(request, body))`: the awaited answer is the test.
  while (ts.isAwaitExpression(c)) c = unwrap(c.expression);
  if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken) return impliedEra(c.operand, !whenTrue, depth);
  if (ts.isBinaryExpression(c)) {
    const op = c.operatorToken.kind;
    // `a && b` holding implies what either implies; `a || b` failing implies what either's failing does.
    if ((op === ts.SyntaxKind.AmpersandAmpersandToken && whenTrue) || (op === ts.SyntaxKind.BarBarToken && !whenTrue)) {
      return impliedEra(c.left, whenTrue, depth) ?? impliedEra(c.right, whenTrue, depth);
    }
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) {
      const left = impliedEra(c.left, whenTrue, depth);
      return left !== undefined && left === impliedEra(c.right, whenTrue, depth) ? left : undefined;
    }
    const equality = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
    const inequality = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    if (!equality && !inequality) return undefined;
    // `era === 'modern'` holding names the era; `era !== 'modern'` holding names the other one of
    // the two (`this.protocolEra !== "modern"`). Not so for a version: `v !== '2025-06-18'` may
    // still be another 2025 revision.
    if (whenTrue === equality) return namedEra(c);
    return /\d{4}-\d{2}-\d{2}/.test(c.getText()) ? undefined : flip(namedEra(c));
  }
  if (ts.isIdentifier(c) || ts.isPropertyAccessExpression(c) || ts.isCallExpression(c)) {
    // `server.getClientCapabilities()?.elicitation` holding: this instance saw the client's
    // initialize, so the client speaks 2025 (a 2026-07-28 client declares no capabilities in a
    // handshake). Failing says nothing. Not where createMcpHandler serves: it fills the getters from
    // each 2026-07-28 request's envelope, so the test holds for modern clients too.
    if (readsHandshake(c)) return whenTrue && !gettersFilledPerRequest(c) ? 'legacy' : undefined;
    // A helper of the file whose one return is such a test (`clientCanElicit(server)`, returning
    // `!!server.server.getClientCapabilities()?.elicitation`): what its answer implies.
    const helper = ts.isCallExpression(c) && depth < 2 ? resolveFunction(c.expression) : undefined;
    const returned = helper && returnedExpressions(helper);
    const only = returned && returned.length === 1 ? returned[0] : undefined;
    const answer = only && impliedEra(only, whenTrue, depth + 1);
    if (answer) return answer;
    const era = namedEra(ts.isCallExpression(c) ? c.expression : c);
    return whenTrue ? era : flip(era);
  }
  return undefined;
}

/** Whether a condition tests which era it serves (`isModernProtocol()`, `era === 'legacy'`). */
export function testsEra(condition: TS.Expression): boolean {
  return impliedEra(condition, true) !== undefined || impliedEra(condition, false) !== undefined;
}

/** A statement that always leaves when it completes: it, or its block's last statement, returns or throws (`{ ...; return; }`). */
export function endsByLeaving(statement: TS.Statement): boolean {
  if (ts.isBlock(statement)) return statement.statements.length > 0 && endsByLeaving(statement.statements[statement.statements.length - 1]);
  return ts.isReturnStatement(statement) || ts.isThrowStatement(statement);
}

/** What keeps code on one era's path: `test` is a condition, or the call of a GET/DELETE route that only 2025 clients reach (guardText names either). */
export type LegacyTest = { test: TS.Expression; earlyReturn: boolean };

const eraFiles = new WeakMap<TS.SourceFile, boolean>();

/** Whether a file's text holds anything impliedEra could read an era from (MODERN_NAME, LEGACY_NAME, a handshake read). */
function namesAnEra(sourceFile: TS.SourceFile): boolean {
  let names = eraFiles.get(sourceFile);
  if (names === undefined) eraFiles.set(sourceFile, (names = /modern|2026|legacy|2025|getClientCapabilities|getClientVersion/i.test(sourceFile.text)));
  return names;
}

/** A GET or DELETE route (`app.get('/mcp', handler)`): only 2025 clients open a stream or end a session. */
function getOrDeleteRoute(call: TS.Node): call is TS.CallExpression {
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || !/^(get|delete)$/.test(call.expression.name.text)) return false;
  // A route's path (`'/mcp'`, or `config.path` with a handler after it), not a map's key.
  return routePath(call) !== undefined;
}

const modernPaths = new WeakMap<TS.SourceFile, Set<string>>();

/**
 * The paths this file's POST (or catch-all) routes serve 2026-07-28 on: every one in a file on
 * the v2 packages that calls createMcpHandler, else those whose handler tests the era
 * (`if (await isLegacyRequest(...))`, `if (res.locals.modern)`).
 */
function modernPostPaths(sourceFile: TS.SourceFile): Set<string> {
  let paths = modernPaths.get(sourceFile);
  if (paths) return paths;
  paths = new Set();
  const handler = servesBothEras(sourceFile.text) && /\bcreateMcpHandler\s*\(/.test(sourceFile.text);
  const testsEraIn = (node: TS.Node): boolean => {
    let found = false;
    walk(node, (n) => {
      if (found) return false;
      if ((ts.isIfStatement(n) && testsEra(n.expression)) || (ts.isConditionalExpression(n) && testsEra(n.condition))) found = true;
      return found ? false : undefined;
    });
    return found;
  };
  walk(sourceFile, (n) => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || !/^(post|all)$/.test(n.expression.name.text)) return;
    const path = routePath(n);
    if (!path) return;
    // The handler written there, or the named function it is (`app.post('/mcp', handlePost)`).
    if (handler || n.arguments.slice(1).some((a) => testsEraIn(resolveFunction(a)?.body ?? a))) paths.add(path);
  });
  modernPaths.set(sourceFile, paths);
  return paths;
}

/**
 * A GET or DELETE route on an endpoint this file serves 2026-07-28 on by POST (see
 * modernPostPaths): 2026-07-28 is POST only, so only 2025 clients ever reach it (the reference's
 * legacy routing keeps GET and DELETE going to the 2025 handler).
 */
function legacyOnlyRoute(call: TS.Node): call is TS.CallExpression {
  return getOrDeleteRoute(call) && modernPostPaths(call.getSourceFile()).has(routePath(call)!);
}

const legacyValues = new WeakMap<TS.VariableDeclaration, LegacyTest | null>();

/**
 * The test that keeps every use of a local const on the 2025 path (`const sid =
 * req.headers['mcp-session-id']` read only under `!modern && ...`): what it holds matters there
 * only. Not a function (calledOnLegacyPath follows those), nor an exported const other modules
 * may read on any path.
 */
function valueUsedOnLegacyPath(declaration: TS.VariableDeclaration): LegacyTest | undefined {
  const known = legacyValues.get(declaration);
  if (known !== undefined) return known ?? undefined;
  legacyValues.set(declaration, null); // a use inside its own initializer asks again: not known to be on it
  let found: LegacyTest | undefined;
  const statement = declaration.parent.parent;
  const initializer = declaration.initializer && unwrap(declaration.initializer);
  if (
    ts.isIdentifier(declaration.name) &&
    initializer &&
    !isFunctionLike(initializer) &&
    isConstDeclaration(declaration) &&
    ts.isVariableStatement(statement) &&
    !ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  ) {
    found = everyOnLegacyPath(referencesTo(statement.parent, declaration as TS.VariableDeclaration & { name: TS.Identifier }));
  }
  legacyValues.set(declaration, found ?? null);
  return found;
}

/**
 * The test that keeps every use of a collection (its accesses outside its declaration) on the
 * 2025 path, when it has any: a map of 2025 clients' sessions, or of what is kept for them.
 */
export function usedOnlyOnLegacyPath(collection: { decl: TS.Node; accesses: readonly TS.Node[] }): LegacyTest | undefined {
  const { decl } = collection;
  // (Most files test no era: nothing is on a 2025 path there.)
  if (!hasEraTest(decl.getSourceFile())) return undefined;
  const uses = collection.accesses.filter((a) => a.pos < decl.pos || a.end > decl.end);
  // An admin listing or a shutdown's clear (`[...sessions.values()]`, `sessions.clear()`) keeps
  // nothing per session: what the entries are is decided where they are filled and looked up.
  const keyed = uses.filter((a) => !usedWhole(a) && !entryOfIteration(a));
  return keyed.length > 0 ? everyOnLegacyPath(keyed) : undefined;
}

/**
 * `x[k]` where `k` runs over x's own keys (`for (const k of Object.keys(x))`, `for (const k in x)`,
 * `for (const k of x.keys())`): every entry in turn, as a shutdown closing them all does (trial
 * 49B B4: a dual-era endpoint's close() made its 2025 map an error), not one request's.
 */
function entryOfIteration(access: TS.Node): boolean {
  // An entry by key: `x[k]` (a method call on it is recorded as the call, `x[k].close()`), or a
  // Map's own `x.get(k)`, `x.delete(k)`, `x.has(k)` (review 61), recorded as the call, as the
  // collection it is called on, or as a call on what it gives (`x.get(k)?.close()`).
  let recorded = access;
  const method = recorded.parent;
  if (ts.isPropertyAccessExpression(method) && method.expression === recorded && ts.isCallExpression(method.parent) && method.parent.expression === method) recorded = method.parent;
  let callee = ts.isCallExpression(recorded) ? unwrap(recorded.expression) : undefined;
  if (callee && ts.isPropertyAccessExpression(callee) && ts.isCallExpression(unwrap(callee.expression)) && !/^(get|delete|has)$/.test(callee.name.text)) {
    recorded = unwrap(callee.expression);
    callee = unwrap((recorded as TS.CallExpression).expression);
  }
  let collection: TS.Expression | undefined;
  let key: TS.Node | undefined;
  if (callee && ts.isPropertyAccessExpression(callee) && /^(get|delete|has)$/.test(callee.name.text) && (recorded as TS.CallExpression).arguments.length === 1) {
    collection = callee.expression;
    key = (recorded as TS.CallExpression).arguments[0];
  } else {
    const on = callee && ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : recorded;
    const element = ts.isElementAccessExpression(on) ? on : ts.isElementAccessExpression(on.parent) && on.parent.expression === on ? on.parent : undefined;
    collection = element?.expression;
    key = element?.argumentExpression;
  }
  return !!collection && !!key && keyOfIteration(key, collection);
}

/**
 * Whether a key is the one a loop over the same collection takes (`for (const k of Object.keys(x))`,
 * `for (const k in x)`, `for (const k of x.keys())`, the first of `for (const [k, v] of x)` or of
 * `Object.entries(x)` / `x.entries()`): every entry in turn, not one request's.
 */
export function keyOfIteration(key: TS.Node, collection: TS.Node): boolean {
  const k = unwrap(key);
  const decl = ts.isIdentifier(k) ? resolveIdentifier(k) : undefined;
  // The key a loop takes: `for (const k of ...)`, or the first of `for (const [k, v] of ...)`.
  const declaration = decl && ts.isBindingElement(decl) && ts.isArrayBindingPattern(decl.parent) && decl.parent.elements[0] === decl ? decl.parent.parent : decl;
  const loop = declaration && ts.isVariableDeclaration(declaration) ? declaration.parent.parent : undefined;
  if (!loop || !(ts.isForOfStatement(loop) || ts.isForInStatement(loop))) return false;
  const pairs = declaration !== decl;
  const over = unwrap(loop.expression);
  let iterated: TS.Node | undefined;
  if (ts.isForInStatement(loop)) iterated = over;
  else if (ts.isCallExpression(over)) {
    const called = unwrap(over.expression);
    if (called.getText() === (pairs ? 'Object.entries' : 'Object.keys')) iterated = over.arguments[0];
    else if (ts.isPropertyAccessExpression(called) && called.name.text === (pairs ? 'entries' : 'keys')) iterated = called.expression;
  } else if (pairs) iterated = over; // `for (const [id, t] of transports)`: a Map's own pairs.
  return !!iterated && unwrap(iterated).getText() === unwrap(collection).getText();
}

/**
 * A use of the collection as a whole (`x.values()`, `x.size`, `this.x.clear()`, `[...x]`), not of
 * one entry: the access as recorded (the method's call, or the collection's own expression), read
 * by ast's wholeCollectionUse.
 */
function usedWhole(access: TS.Node): boolean {
  const callee = ts.isCallExpression(access) ? unwrap(access.expression) : undefined;
  const collection = callee && ts.isPropertyAccessExpression(callee) ? callee.expression : access;
  return wholeCollectionUse(collection as TS.Expression) !== undefined;
}

/** The test that keeps the first of these nodes on the 2025 path, when every one is on it (none: undefined); stops at the first that is not. */
export function everyOnLegacyPath(nodes: readonly TS.Node[]): LegacyTest | undefined {
  let first: LegacyTest | undefined;
  for (const node of nodes) {
    const guard = legacyTest(node);
    if (!guard) return undefined;
    first ??= guard;
  }
  return first;
}

const legacyCallers = new WeakMap<TS.Node, LegacyTest | null>();

/** A reference to a function and the call it is the callee of, if it is one. */
type Reference = { ref: TS.Node; call: TS.CallExpression | undefined };

/**
 * Every reference to a function in code that can call it, when this file holds them all: a named
 * function's (not exported: other modules may call that on any path), or a private method's
 * (`private handleStateful()`, `#handle()`: only its class reaches it), whose calls are its
 * class's `this.handleStateful(req, res)`. Undefined for any other function.
 */
function referencesOf(fn: TS.FunctionLikeDeclaration): Reference[] | undefined {
  const declaration = functionDeclarationOf(fn);
  if (declaration) {
    const statement = ts.isFunctionDeclaration(declaration) ? declaration : declaration.parent.parent;
    if (ts.getModifiers(statement as TS.FunctionDeclaration | TS.VariableStatement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword)) return undefined;
    return referencesTo(fn.getSourceFile(), declaration).map((ref) => ({ ref, call: ts.isCallExpression(ref.parent) && ref.parent.expression === ref ? ref.parent : undefined }));
  }
  if (!ts.isMethodDeclaration(fn) || !ts.isClassLike(fn.parent)) return undefined;
  const isPrivate = ts.isPrivateIdentifier(fn.name) || !!ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword);
  const name = propertyNameText(fn.name);
  if (!isPrivate || name === undefined) return undefined;
  const cls = fn.parent;
  // `this.handle(...)` in the class, where `handle` is this method (its first of that name, as SessionFacts.callTarget resolves it).
  const own = cls.members.find((m) => ts.isMethodDeclaration(m) && propertyNameText(m.name) === name) === fn;
  const found: Reference[] = [];
  // Any access by its name in the class (`this.handle.bind(this)`, `other.handle()`) counts: only the calls resolved to it are known calls.
  walk(cls, (n) => {
    if (ts.isPropertyAccessExpression(n) ? n.name.text === name : ts.isElementAccessExpression(n) && stringValue(n.argumentExpression) === name) {
      const resolved = own && ts.isPropertyAccessExpression(n) && ts.isCallExpression(n.parent) && n.parent.expression === n && unwrap(n.expression).kind === ts.SyntaxKind.ThisKeyword && enclosingClass(n) === cls;
      found.push({ ref: n, call: resolved ? (n.parent as TS.CallExpression) : undefined });
    }
  });
  return found;
}

/**
 * The test that keeps every call of a function on the 2025 path (each call is behind one, or sits
 * in a GET or DELETE route; at least one is behind one or in such a route on an endpoint the file
 * serves 2026-07-28 by POST), or undefined: a named function or a private method (see
 * referencesOf) called like the reference's legacy routing.
 */
function calledOnLegacyPath(fn: TS.FunctionLikeDeclaration): LegacyTest | undefined {
  const known = legacyCallers.get(fn);
  if (known !== undefined) return known ?? undefined;
  legacyCallers.set(fn, null); // a recursive call asks again: not known to be on it
  let found: LegacyTest | undefined;
  const references = referencesOf(fn);
  let other = !references;
  for (const { ref, call } of references ?? []) {
    if (other) break;
    // Its own recursive calls say nothing of where it is called from.
    if (ref.pos >= fn.pos && ref.end <= fn.end) continue;
    const route = getOrDeleteRoute(ref.parent) ? ref.parent : call && findAncestor(call, getOrDeleteRoute);
    if (route) {
      // Mounted on the endpoint that serves 2026-07-28 by POST: only 2025 clients reach it.
      if (legacyOnlyRoute(route)) found ??= { test: route, earlyReturn: false };
      continue;
    }
    const guard = call ? legacyTest(call) : undefined;
    if (guard) found ??= guard;
    else other = true;
  }
  const result = other ? undefined : found;
  legacyCallers.set(fn, result ?? null);
  return result;
}

/**
 * The test that keeps `node` on the 2025 path of code that speaks both eras: an `if`, ternary or
 * `&&` whose condition names the era (`if (!this.isModernProtocol()) ...`), an earlier
 * `if (this.isModernProtocol()) return;` in an enclosing block (`earlyReturn`), a GET or DELETE
 * route on an endpoint the file serves 2026-07-28 by POST, a function every caller reaches on that
 * path, or a local const every use of which is on it. Undefined when there is none.
 */
export function legacyTest(node: TS.Node): LegacyTest | undefined {
  return eraTest(node, 'legacy');
}

const eraTestFiles = new WeakMap<TS.SourceFile, boolean>();

/**
 * Whether anything in a file can keep code on one era's path: an `if`, ternary or `&&` that tests
 * the era, or a POST route that serves 2026-07-28 (whose GET and DELETE then serve 2025 only).
 * Every answer of eraTest comes from one of these; a file that only names an era in passing (a
 * comment, a version string) has none, and its findings need no walk up their ancestors.
 */
function hasEraTest(sourceFile: TS.SourceFile): boolean {
  let has = eraTestFiles.get(sourceFile);
  if (has !== undefined) return has;
  has = false;
  if (namesAnEra(sourceFile)) {
    walk(sourceFile, (n) => {
      if (has) return false;
      if ((ts.isIfStatement(n) && testsEra(n.expression)) || (ts.isConditionalExpression(n) && testsEra(n.condition))) has = true;
      else if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken) && testsEra(n.left)) has = true;
      return has ? false : undefined;
    });
    has ||= modernPostPaths(sourceFile).size > 0;
  }
  eraTestFiles.set(sourceFile, has);
  return has;
}

/** The test that keeps `node` on one era's path (see legacyTest); only the 2025 one follows named functions and private methods to their callers. */
function eraTest(node: TS.Node, era: Era): LegacyTest | undefined {
  // Most files have no test of the era at all (checked once per file).
  if (!hasEraTest(node.getSourceFile())) return undefined;
  let child: TS.Node = node;
  for (let n = node.parent; n && !ts.isSourceFile(n); child = n, n = n.parent) {
    // A named function or private method every caller reaches on the 2025 path (the reference's
    // legacy routing: `(await isLegacyRequest(...)) ? legacySessionful(q, r) : modern(q, r,
    // q.body)`, and GET and DELETE mounted on it; `if (this.servedByModernEra(req)) return ...;
    // await this.handleStateful(req, res)`) runs there.
    if (era === 'legacy' && isFunctionLike(n)) {
      const caller = calledOnLegacyPath(n);
      if (caller) return caller;
    }
    // A GET or DELETE handler (or middleware) on the endpoint that serves 2026-07-28 by POST.
    if (era === 'legacy' && child !== (n as TS.CallExpression).expression && legacyOnlyRoute(n)) return { test: n, earlyReturn: false };
    // A local const's value (`const sid = req.headers[...]`) every use of which is on the 2025 path.
    if (era === 'legacy' && ts.isVariableDeclaration(n) && child === n.initializer) {
      const uses = valueUsedOnLegacyPath(n);
      if (uses) return uses;
    }
    if (ts.isIfStatement(n) && child !== n.expression) {
      if (impliedEra(n.expression, child === n.thenStatement) === era) return { test: n.expression, earlyReturn: false };
    } else if (ts.isConditionalExpression(n) && child !== n.condition) {
      if (impliedEra(n.condition, child === n.whenTrue) === era) return { test: n.condition, earlyReturn: false };
    } else if (ts.isBinaryExpression(n) && n.right === child && n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
      if (impliedEra(n.left, true) === era) return { test: n.left, earlyReturn: false };
    } else if (ts.isBinaryExpression(n) && n.right === child && n.operatorToken.kind === ts.SyntaxKind.BarBarToken) {
      // `era === 'modern' || subscribed.has(uri)`: the right side runs only when the left does not hold.
      if (impliedEra(n.left, false) === era) return { test: n.left, earlyReturn: false };
    } else if (ts.isBlock(n) || ts.isCaseClause(n) || ts.isDefaultClause(n)) {
      for (const statement of n.statements) {
        if (statement === child) break;
        if (ts.isIfStatement(statement) && !statement.elseStatement && endsByLeaving(statement.thenStatement) && impliedEra(statement.expression, false) === era) return { test: statement.expression, earlyReturn: true };
      }
    }
    // A function declared on the path runs there; one declared elsewhere is judged where it is.
    if (isFunctionLike(n) && !ts.isArrowFunction(n) && !ts.isFunctionExpression(n)) break;
  }
  return undefined;
}

/**
 * The test that keeps `node` on the 2026-07-28 path of code that speaks both eras (`if
 * (isModernProtocol()) { ... }`, past `if (isLegacy) return`), as legacyTest finds the 2025 one
 * (named functions are not followed to their callers here).
 */
export function modernTest(node: TS.Node): LegacyTest | undefined {
  return eraTest(node, 'modern');
}

/**
 * `{ method: 'server/discover' }`: a request for server/discover. A file that builds one is a client
 * that probes for 2026-07-28 first, so its initialize is the 2025 fallback the reference asks for.
 */
export function isDiscoverRequest(node: TS.Node): boolean {
  return ts.isPropertyAssignment(node) && propertyNameText(node.name) === 'method' && stringValue(node.initializer) === 'server/discover';
}

/**
 * Where a guard keeps a question to the client (`elicitInput`) on the 2025 path, the answer
 * 2026-07-28 clients get in its place when that answer is a yes: `if (!caps?.elicitation) return
 * true` in a confirm helper, `caps ? await ask() : true`, an `else` returning `{ action: 'accept' }`,
 * the `return true` after an `if (caps?.elicitation) { ...; return answer; }`.
 * Such a client is never asked and the code goes on as if it had agreed (trial 28B: a delete with
 * no confirmation). A refusal or anything else is no yes: undefined.
 */
export function modernYes(guard: LegacyTest, asked: TS.Node): TS.Expression | undefined {
  const parent = outermost(guard.test).parent;
  const holds = (branch: TS.Node | undefined) => !!branch && asked.pos >= branch.pos && asked.end <= branch.end;
  let answer: TS.Node | undefined;
  if (parent && ts.isIfStatement(parent) && unwrap(parent.expression) === unwrap(guard.test)) {
    // The early return, or the branch the asking one is not in.
    let branch = guard.earlyReturn ? parent.thenStatement : holds(parent.thenStatement) ? parent.elseStatement : holds(parent.elseStatement) ? parent.thenStatement : undefined;
    // `if (caps?.elicitation) { ...ask; return ok; } return true;`: past the asking branch, what follows it.
    if (!branch && !guard.earlyReturn && holds(parent.thenStatement) && endsByLeaving(parent.thenStatement) && ts.isBlock(parent.parent)) {
      branch = parent.parent.statements[parent.parent.statements.indexOf(parent) + 1];
    }
    const last = branch && ts.isBlock(branch) ? branch.statements[branch.statements.length - 1] : branch;
    answer = last && ts.isReturnStatement(last) ? last.expression : undefined;
    // `let ok = true; if (caps?.elicitation) { ...ask; ok = r.action === 'accept'; }`: what the
    // answer held before the question, which the unasked keep (trial 32B).
    if (!answer && !parent.elseStatement && holds(parent.thenStatement)) answer = defaultBeforeQuestion(parent);
  } else if (parent && ts.isConditionalExpression(parent) && unwrap(parent.condition) === unwrap(guard.test)) {
    answer = holds(parent.whenTrue) ? parent.whenFalse : holds(parent.whenFalse) ? parent.whenTrue : undefined;
  }
  const value = answer && unwrap(answer);
  if (!value) return undefined;
  if (value.kind === ts.SyntaxKind.TrueKeyword) return answer as TS.Expression;
  const yes = ts.isObjectLiteralExpression(value) && value.properties.some((p) => ts.isPropertyAssignment(p) && ((propertyNameText(p.name) === 'action' && stringValue(p.initializer) === 'accept') || (/^(confirmed|approved|accepted|ok|proceed)$/i.test(propertyNameText(p.name) ?? '') && unwrap(p.initializer).kind === ts.SyntaxKind.TrueKeyword)));
  return yes ? (answer as TS.Expression) : undefined;
}

/**
 * The initial value of a `let` declared before `guarded` in its block and assigned last inside its
 * then-branch (`let ok = true; if (...) { ...; ok = answer; }`, where the answer comes after what
 * the branch sets first): what callers the branch skips get.
 */
function defaultBeforeQuestion(guarded: TS.IfStatement): TS.Expression | undefined {
  const block = guarded.parent;
  if (!ts.isBlock(block)) return undefined;
  const before = block.statements.slice(0, block.statements.indexOf(guarded));
  let last: string | undefined;
  walk(guarded.thenStatement, (n) => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left)) last = n.left.text;
    return isFunctionLike(n) ? false : undefined;
  });
  for (const s of before) {
    if (!ts.isVariableStatement(s) || !(s.declarationList.flags & ts.NodeFlags.Let)) continue;
    const decl = s.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === last);
    if (decl?.initializer) return decl.initializer;
  }
  return undefined;
}

/** A guard's text for a message, on one line: `past if (this.isModernProtocol()) return` for an early return. */
export function guardText(guard: TS.Expression, earlyReturn = false): string {
  // A GET or DELETE route (see legacyOnlyRoute): `in app.get('/mcp')`, no test.
  if (getOrDeleteRoute(guard)) return `in \`${guard.expression.getText()}(${guard.arguments[0].getText()})\`, which 2026-07-28 clients never call: they only POST`;
  const text = guard.getText().replace(/\s+/g, ' ');
  const cut = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return earlyReturn ? `past \`if (${cut}) return\`` : `\`${cut}\``;
}

/**
 * Whether `node` (an initialize request, its notifications/initialized) runs only when a
 * server/discover probe came first and did not settle the connection: in its function, a discover
 * request (or a call of a local function that sends one) comes before it, and between them an
 * `if` leaves (`if (discovered) return this;`). A client that probes and initializes anyway, or
 * probes somewhere else, does not count.
 */
export function afterFailedDiscover(node: TS.Node, sendsDiscover: (call: TS.CallExpression) => boolean): boolean {
  let fn: TS.Node | undefined = node.parent;
  while (fn && !isFunctionLike(fn)) fn = fn.parent;
  const body = fn && isFunctionLike(fn) ? fn.body : undefined;
  if (!body) return false;
  // `try { await probe('server/discover') } catch { initialize }`: it runs only when the probe failed.
  for (let at: TS.Node = node; at !== fn && at.parent; at = at.parent) {
    if (!ts.isCatchClause(at)) continue;
    let probed = false;
    walk((at.parent as TS.TryStatement).tryBlock, (n) => {
      if (probed || (isFunctionLike(n) && n !== fn)) return false;
      probed = isDiscoverRequest(n) || (ts.isCallExpression(n) && sendsDiscover(n));
      return undefined;
    });
    if (probed) return true;
  }
  let probe: number | undefined;
  let leaves = false;
  const visit = (n: TS.Node): void => {
    if (n.pos >= node.pos) return;
    if (isFunctionLike(n) && n !== fn) return;
    if (probe === undefined && (isDiscoverRequest(n) || (ts.isCallExpression(n) && sendsDiscover(n)))) probe = n.end;
    else if (probe !== undefined && ts.isIfStatement(n) && n.pos >= probe && n.end <= node.pos && !n.elseStatement && endsByLeaving(n.thenStatement)) leaves = true;
    ts.forEachChild(n, visit);
  };
  visit(body);
  return probe !== undefined && leaves;
}

const legacySessionFiles = new WeakMap<TS.SourceFile, LegacyTest | null>();

/**
 * The test of the era every session-issuing transport of a file sits behind (each
 * `sessionIdGenerator` that is not `undefined` is on the 2025 path), when there is at least one:
 * code that speaks both eras and issues session ids to 2025 clients only. Its CORS lists keep
 * Mcp-Session-Id (and Last-Event-ID) for those clients' browsers.
 */
export function sessionsOnlyOnLegacyPath(sourceFile: TS.SourceFile): LegacyTest | undefined {
  const known = legacySessionFiles.get(sourceFile);
  if (known !== undefined) return known ?? undefined;
  let found: LegacyTest | undefined;
  let other = false;
  if (/sessionIdGenerator/.test(sourceFile.text) && namesAnEra(sourceFile)) {
    const visit = (n: TS.Node): void => {
      if (other) return;
      // `{ sessionIdGenerator }`: whatever the variable holds, possibly a generator.
      const issues = (ts.isPropertyAssignment(n) && propertyNameText(n.name) === 'sessionIdGenerator' && !isUndefinedValue(n.initializer)) || (ts.isShorthandPropertyAssignment(n) && n.name.text === 'sessionIdGenerator');
      if (issues) {
        const guard = legacyTest(n);
        if (guard) found ??= guard;
        else other = true;
      }
      ts.forEachChild(n, visit);
    };
    visit(sourceFile);
  }
  const result = other ? undefined : found;
  legacySessionFiles.set(sourceFile, result ?? null);
  return result;
}

/**
 * Why a CORS list at `node` keeps Mcp-Session-Id for now: it is not the 2026-07-28 path's own list,
 * and the file issues session ids on its 2025 path only (sessionsOnlyOnLegacyPath). Scan reports
 * such a list as info with nothing to do, and fix leaves it unmarked.
 */
export function corsKeptForLegacySessions(node: TS.Node): LegacyTest | undefined {
  return modernTest(node) ? undefined : sessionsOnlyOnLegacyPath(node.getSourceFile());
}

/**
 * What a report kept on purpose on the 2025 path of code that speaks both eras carries: info, left
 * to a person, and the `legacy-path` reason (beside `reasons` it had) that its advice is chosen by.
 */
export function keptOnLegacyPath(reasons: readonly ReasonId[] = []): { severity: 'info'; manual: true; reasons: ReasonId[] } {
  return { severity: 'info', manual: true, reasons: [...reasons, 'legacy-path'] };
}
