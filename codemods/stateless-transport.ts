/**
 * stateless-transport (target sdk-v1): rewrites 2025-style session dispatch into the SDK's
 * per-request stateless pattern.
 *
 *   before: const transports = {}; ... if (sid && transports[sid]) reuse
 *           else if (isInitializeRequest(body)) { new Transport({ sessionIdGenerator: () => uuid,
 *           onsessioninitialized: id => transports[id] = t }); ... } else 400
 *   after:  a new transport with `sessionIdGenerator: undefined` (and the server the branch
 *           built) for every POST, closed when the response closes; no map, no gate, no 400
 *           branch; GET and DELETE on the endpoint answer 405 (their request
 *           parameter, no longer read, becomes `_req`).
 *
 * What it cannot follow (a shared server instance, a dispatch it does not recognise, something
 * else the session keeps in its map, remaining uses of the map) it marks with a TODO(mcp-migrate)
 * comment instead of guessing.
 *
 * A file with no sessions to take apart may still share one stateless transport, built once, by
 * every request: that transport and its server are built per request instead (lib/built-once.ts).
 */
import type { ts as TS } from 'ts-morph';
import { NEW_CONNECTION_TRANSPORT, ONE_TRANSPORT_AT_A_TIME } from '../src/analysis/transports.js';
import { withoutComments } from '../src/analysis/mcp.js';
import { ts } from '../src/analysis/typescript.js';
import { endsByLeaving, legacyTest } from '../src/analysis/eras.js';
import { appRoutePath, comparedMethod, exportedRouteHandler, isRouteHandler } from '../src/analysis/routes.js';
import { isInitializeTestCall } from '../src/rules/initialize-request.js';
import { accessRoot, assignsMember, calleeName, calleeReceiver, codeSnippet, type Declaration, declaringVariable, enclosingClass, enclosingFunction, factoryProduct, findAncestor, functionDeclarationOf, importOf, isFallback, isAssignment, isExported, isFunctionLike, isLogCall, isLogStatement, isModuleVariable, isNullish, isPrimitiveLiteral, isPropertyName, isStaticMember, isStep, isUndefinedValue, joinNames, namesAny, outermost, propertyNameText, referencesTo, resolveFunction, resolveIdentifier, resolveInitializer, stringValue, unwrap, walk } from '../src/analysis/ast.js';
import { removeWhere } from '../src/io.js';
import { cachedServerSource, handshakeSetupSource, outlivesRequest, perRequestRefusal, sameServerGetter } from '../src/rules/shared-server.js';
import { buildsServer, madeCollection, SessionFacts, type Collection } from '../src/analysis/session.js';
import { isSessionMap, isSseOnlyMap, isTimerCall, sessionBookkeeping } from '../src/rules/session-map.js';
import { passedThrough, statelessGenerator } from '../src/rules/session-id-generator.js';
import {
  applyEdits,
  indentAt,
  indentUnit,
  lineAt,
  lineInRewrite,
  lineOf,
  lineOrigins,
  lineStart,
  reindent,
  removeListElements,
  removeStatement,
  shiftOffset,
  startWithLeadingComments,
  quoteStyle,
} from './lib/edits.js';
import { allRoutes, answers405, bodyParsedOnlyFor, closeOnResponse, returnsWebResponse, usedAsNodeResponse, handlerStyle, honoMethodNotAllowed, isNodeServerCallback, methodNotAllowed, paramName, PATH_TEST, postOnlyCheck, responseParam, streamMethodList, takesContext, testsMethodOf, unusedRequest, V1_STATELESS_HTTP, type HandlerStyle, type Route } from './lib/http.js';
import { SPEC_TRANSPORT, afterHandshakeMessage, codeSpan } from './lib/messages.js';
import { CALLBACK_WORK_LEFT } from '../src/fix/markers.js';
import { askingNote, asksClientMidCall, keepsBuiltServers, statelessConsequences, toolsAskingClient } from './lib/consequences.js';
import { connectsStdio } from './lib/stdio.js';
import { isReferenced, removeUnusedBindings } from './lib/imports.js';
import { parseFile } from '../src/analysis/parse.js';
import { applyPerRequestTransports } from './lib/built-once.js';
import { UNRESOLVED_NAME, unresolvedNames, USED_BEFORE_DECLARATION } from './lib/official.js';
import { markerAnchor, statementHead, statementOf } from './lib/syntax.js';
import { changesIn, holdsEmptyCollection, membersOfThis } from '../src/analysis/changes.js';
import { statefulReasons } from '../src/rules/stateful-tool.js';
import { handedStates } from './explicit-handles.js';
import { isSessionState } from '../src/rules/session-state.js';
import type { Change, CodeCodemod, CodeInput, CodemodContext, CodemodOutcome, Marker, Safety, TextEdit } from './types.js';

const SESSION_OPTIONS = new Set(['onsessioninitialized', 'onsessionclosed']);
/** The SDK's Streamable HTTP transports (src/analysis/transports.ts) and subclasses named after them. */
const HTTP_TRANSPORT = /StreamableHTTPServerTransport$/;

/** `new StreamableHTTPServerTransport({ sessionIdGenerator: () => ... })` */
export function sessionfulConstructions(sourceFile: TS.SourceFile): Array<{ node: TS.NewExpression; options: TS.ObjectLiteralExpression }> {
  const found: Array<{ node: TS.NewExpression; options: TS.ObjectLiteralExpression }> = [];
  walk(sourceFile, (node) => {
    if (!ts.isNewExpression(node) || !HTTP_TRANSPORT.test(calleeName(node) ?? '')) return;
    const options = node.arguments?.[0] && unwrap(node.arguments[0]);
    if (!options || !ts.isObjectLiteralExpression(options)) return;
    const generator = options.properties.find((p) => propertyNameText(p.name as TS.PropertyName) === 'sessionIdGenerator');
    if (!generator) return;
    // `undefined`, or a caller's option typed to be undefined: stateless already, as the scan says.
    if (statelessGenerator(generator)) return;
    // On the 2025 path of code that speaks both eras (past `if (!(await isLegacyRequest(...))) return
    // modern(...)`): sessions kept for 2025 clients on purpose, as the SDK's legacy routing does.
    if (legacyTest(node)) return;
    found.push({ node, options });
  });
  return found;
}

/**
 * The top of the session dispatch that has `block` (or one braceless statement) as one of its branches: an if / else-if chain
 * whose conditions ask about the session (its id, a session map, the initialize request, or a
 * variable set from one of those). A chain on anything else (`if (req.method === 'POST')`) is not
 * one: unwrapping it would drop a check the route still needs.
 */
function dispatchRoot(block: TS.Statement, facts: SessionFacts, maps: ReadonlySet<string>): TS.IfStatement | undefined {
  if (!ts.isIfStatement(block.parent)) return undefined;
  let root: TS.IfStatement = block.parent;
  while (ts.isIfStatement(root.parent) && root.parent.elseStatement === root) root = root.parent;
  const conditions: TS.Expression[] = [];
  for (let link: TS.Statement | undefined = root; link && ts.isIfStatement(link); link = link.elseStatement) conditions.push(link.expression);
  const scope = enclosingFunction(root) ?? root.getSourceFile();
  return conditions.some((c) => asksAboutSession(c, facts, maps, scope, 1)) ? root : undefined;
}

/** Code that names the initialize request: the SDK's test for it, or its method name. */
const NAMES_INITIALIZE = /isInitializeRequest|['"]initialize['"]/;

/** Whether an expression reads the session id, a session map or the initialize request (`depth`: variables followed). */
function asksAboutSession(expression: TS.Node, facts: SessionFacts, maps: ReadonlySet<string>, scope: TS.Node, depth: number): boolean {
  if (NAMES_INITIALIZE.test(expression.getText())) return true;
  let found = false;
  walk(expression, (n) => {
    if (found) return false;
    if (ts.isIdentifier(n) || ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) || ts.isCallExpression(n)) {
      if (facts.isSessionId(n) || maps.has(n.getText().replace(/^this\./, ''))) found = true;
      else if (ts.isIdentifier(n) && depth > 0) {
        const declared = variableInitializer(scope, n.text);
        if (declared && asksAboutSession(declared, facts, maps, scope, depth - 1)) found = true;
      }
    }
    return found ? false : undefined;
  });
  return found;
}

/** The initializer of the variable `name` declared in `scope` (the first one). */
function variableInitializer(scope: TS.Node, name: string): TS.Expression | undefined {
  let initializer: TS.Expression | undefined;
  walk(scope, (n) => {
    if (initializer) return false;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name && n.initializer) initializer = n.initializer;
    return undefined;
  });
  return initializer;
}

/** The statement block (branch) that directly contains `statement`. */
function branchOf(statement: TS.Statement): TS.Block | undefined {
  return ts.isBlock(statement.parent) ? statement.parent : undefined;
}

const mapName = (node: TS.Node) => node.getText().replace(/^this\./, '');

/** Calls followed into helpers that only keep the session maps, per call (a helper calling itself stops there). */
const forgetting = new Set<TS.Node>();

/**
 * Per file being rewritten: the session state explicit-handles moves under a handle in the same
 * run (handledStates), asked once, when the rewrite first meets a `.delete(...)` call in a session
 * callback. Its cleanup there (`carts.delete(id)` in onsessionclosed) is explicit-handles' to
 * remove, so it counts as forgetting the session: the callback goes with the sessions, where it
 * used to be left with a marker quoting the cleanup the same run then deleted, and a second run
 * made the transport stateless (trial 68C B2).
 */
const handedOver = new WeakMap<TS.SourceFile, (state: string, receiver: TS.Node, stores?: boolean) => boolean>();

/**
 * Notes for `sourceFile` what explicit-handles moves in it (asked of `input` when first needed),
 * and what another module of the run keeps under handles (ctx.handleStateElsewhere: a tools
 * module's `carts`, cleaned up in this file's `transport.onclose`, trial 76B B1; `state.carts` of
 * a namespace import too, review 95).
 */
function noteHandedOver(sourceFile: TS.SourceFile, input: CodeInput, ctx: CodemodContext): void {
  let states: ReturnType<typeof handedStates> | undefined;
  handedOver.set(sourceFile, (state, receiver, stores) => {
    states ??= handedStates(input, ctx);
    // (What stores an entry is handed over only for a map of each request's credentials, which goes whole.)
    if (stores) return states.fromRequest.has(state);
    return states.moved.has(state) || states.fromRequest.has(state) || ((ts.isIdentifier(receiver) || ts.isPropertyAccessExpression(receiver)) && !!ctx.handleStateElsewhere?.(receiver));
  });
}

/**
 * `sessionAuth.set(id, req.auth)`, `sessionAuth[id] = req.auth`, `delete sessionAuth[id]`: a store
 * in (or removal from) a map of each request's own credentials that explicit-handles removes in
 * this run, its reads becoming the handlers' own (trial 77B B2). In onsessioninitialized it is no
 * work a per-request transport must still do.
 */
function handedOverCredentials(e: TS.Node): string | undefined {
  // (A removal as a cleanup is one, cleanedReceiver; else a store.)
  const call = ts.isCallExpression(e) ? unwrap(e.expression) : undefined;
  const holder =
    cleanedReceiver(e) ??
    (call && ts.isPropertyAccessExpression(call) && call.name.text === 'set'
      ? call.expression
      : ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(unwrap(e.left))
        ? (unwrap(e.left) as TS.ElementAccessExpression).expression
        : undefined);
  return holder && handedOver.get(e.getSourceFile())?.(mapName(holder), unwrap(holder), true) ? mapName(holder) : undefined;
}

/** `carts.delete(id)` or `delete carts[id]`: a cleanup emptying state explicit-handles moves in this run, or keeps under handles in another module (handedOver), or undefined. */
function handedOverCleanup(node: TS.Node): string | undefined {
  const receiver = cleanedReceiver(node);
  const state = receiver && mapName(receiver);
  return state && handedOver.get(node.getSourceFile())?.(state, receiver!) ? state : undefined;
}

/** What a cleanup empties an entry of: `carts` of `carts.delete(id)`, or of `delete carts[id]` (the operator on a plain object's entry, trial 78B B4). */
function cleanedReceiver(node: TS.Node): TS.Node | undefined {
  if (ts.isCallExpression(node)) {
    const callee = unwrap(node.expression);
    return ts.isPropertyAccessExpression(callee) && callee.name.text === 'delete' ? unwrap(callee.expression) : undefined;
  }
  const target = ts.isDeleteExpression(node) ? unwrap(node.expression) : undefined;
  return target && ts.isElementAccessExpression(target) ? unwrap(target.expression) : undefined;
}

/**
 * The names imported state goes by in `sf` whose cleanup there is handed over (`carts` of `import
 * { carts } from './tools/cart.js'`, emptied in `transport.onclose`): its import goes with the
 * callback once the rewrite leaves it unused (trial 76B B1).
 */
function importedCleanups(sf: TS.SourceFile): Set<string> {
  const names = new Set<string>();
  walk(sf, (n) => {
    const state = handedOverCleanup(n);
    const receiver = state ? cleanedReceiver(n) : undefined;
    if (state && receiver && ts.isIdentifier(receiver) && importOf(receiver)) names.add(state);
    return undefined;
  });
  return names;
}

/**
 * The first such cleanup inside `node` (a session callback removed), or store in a map of each
 * request's credentials (`credentials`: handedOverCredentials), for its change line.
 */
function cleanupHandedOverIn(node: TS.Node): { state: string; call: TS.Node; credentials?: boolean } | undefined {
  let found: { state: string; call: TS.Node; credentials?: boolean } | undefined;
  walk(node, (n) => {
    if (found) return false;
    const credentials = ts.isCallExpression(n) || ts.isBinaryExpression(n) || ts.isDeleteExpression(n) ? handedOverCredentials(n) : undefined;
    const state = credentials ?? handedOverCleanup(n);
    if (state) found = { state, call: n, ...(credentials ? { credentials: true } : {}) };
    return undefined;
  });
  return found;
}

/** The change line for a session callback removed with such a cleanup: to review, naming what replaces it. */
function cleanupHandedOverChange(line: number, removed: string, cleanup: { state: string; call: TS.Node; credentials?: boolean }): Change {
  const instead = cleanup.credentials ? `explicit-handles removes ${cleanup.state}, whose readers take each request's own credentials instead` : `explicit-handles keys ${cleanup.state} by a handle, whose entries expire by TTL instead`;
  return { line, description: `removed ${removed}, with its ${cleanup.credentials ? 'use' : 'cleanup'} of ${cleanup.state} (${codeSpan(codeSnippet(cleanup.call, 40))}): ${instead}`, safety: 'review' };
}

/** Whether a call goes to a method of its class (`this.forget(id)`) or a function of the file whose body is only session-map bookkeeping. */
function forgetsThrough(call: TS.CallExpression, maps: ReadonlySet<string>): boolean {
  const callee = unwrap(call.expression);
  let body: TS.Node | undefined;
  if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const method = enclosingClass(call)?.members.find((m): m is TS.MethodDeclaration => ts.isMethodDeclaration(m) && propertyNameText(m.name) === callee.name.text);
    body = method?.body;
  } else if (ts.isIdentifier(callee)) {
    body = resolveFunction(callee)?.body;
  }
  return !!body && onlyForgets(body, maps);
}

/**
 * Whether a callback body only keeps the session map up to date (deletes from it, possibly under
 * an `if`, after reading the session id, with some logging: firstWork finds nothing else). Anything
 * else it does (closing timers, calling `cleanup(sid)`) is behaviour the rewrite must not drop
 * silently. Each body is followed once: a helper or hook that leads back to itself stops there.
 */
function onlyForgets(body: TS.Node, maps: ReadonlySet<string>): boolean {
  if (forgetting.has(body)) return false;
  forgetting.add(body);
  try {
    return firstWork(body, maps) === undefined;
  } finally {
    forgetting.delete(body);
  }
}

/**
 * An entry's value that does nothing but hold data (`{ transport, at: Date.now() }`): no call
 * (but `Date.now()` and those that only compute a value, computesValue), `await` or `new`. One
 * that opens an upstream or writes an audit record while it is built is work of its own.
 */
function onlyData(value: TS.Node, depth = 2): boolean {
  let work = false;
  walk(value, (n) => {
    if (work || isFunctionLike(n)) return false;
    // (A step or an assignment inside it, `${next++}`, changes what outlives the value.)
    if (isStep(n) || isAssignment(n) || ts.isAwaitExpression(n) || ts.isNewExpression(n) || (ts.isCallExpression(n) && !PURE_CALLS.test(n.expression.getText()) && !ID_MINTS.test(calleeName(n) ?? '') && !computesValue(n, depth))) work = true;
    return undefined;
  });
  return !work;
}

/** Calls that only draw a number or round one (a clock read by its name is computesValue's). */
const PURE_CALLS = /^Math\.(random|floor|round|ceil|min|max)$/;

/** Calls that read a clock: `now()`, `this.now()`, `clock.timestamp()`. */
const CLOCK_CALLS = /^(now|nowMs|timestamp|currentTime|clock)$/;

/** Methods and functions that compute a value from their arguments and open nothing: conversions, string and list methods, JSON. */
const VALUE_CALLS = /^(String|Number|Boolean|parseInt|parseFloat|encodeURIComponent|decodeURIComponent|toLowerCase|toUpperCase|trim|trimStart|trimEnd|split|join|slice|substring|substr|startsWith|endsWith|includes|indexOf|replace|replaceAll|padStart|padEnd|toString|map|filter|find|some|every|concat|at|keys|values|entries|fromEntries|isArray|parse|stringify)$/;

/**
 * A call that only computes a value: one of VALUE_CALLS, or of a function of the file whose body
 * does nothing else and sets nothing outside itself (`readConfig(req.headers)` building an object
 * of header values, trial 27A): run on every request, it opens nothing to close.
 */
function computesValue(call: TS.CallExpression, depth: number): boolean {
  const name = calleeName(call) ?? '';
  // (A callback handed to one, `.map((h) => ...)`, does no more than that either.)
  if (VALUE_CALLS.test(name)) return call.arguments.every((a) => !isFunctionLike(unwrap(a)) || !(unwrap(a) as TS.FunctionLikeDeclaration).body || onlyData((unwrap(a) as TS.FunctionLikeDeclaration).body!, depth));
  // A clock read by its name (`this.now()`, `clock.timestamp()`, trial 41B: a timestamp taken for
  // an entry). (Not any method typed to return a number: one may start a timer first.)
  if (call.arguments.length === 0 && CLOCK_CALLS.test(name)) return true;
  const fn = depth > 0 ? resolveFunction(call.expression) : undefined;
  if (!fn?.body || fn.getSourceFile() !== call.getSourceFile() || ts.isClassLike(fn.parent)) return false;
  let setsOutside = false;
  walk(fn.body, (n) => {
    if (setsOutside) return false;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const root = accessRoot(n.left);
      const decl = root && ts.isIdentifier(root) ? resolveIdentifier(root) : undefined;
      setsOutside = !decl || decl.pos < fn.pos || decl.end > fn.end;
    }
    return undefined;
  });
  return !setsOutside && onlyData(fn.body, depth - 1);
}

/** The first statement of a callback body that is not map bookkeeping (see onlyForgets). */
function firstWork(body: TS.Node, maps: ReadonlySet<string>): TS.Node | undefined {
  const statements = ts.isBlock(body) ? [...body.statements] : [ts.factory.createExpressionStatement(body as TS.Expression)];
  // Values the body stores in a session map (`const info = { transport, at: Date.now() }; sessions.set(id, info)`):
  // building the entry is part of the bookkeeping.
  const stored = new Set<string>();
  if (ts.isBlock(body)) {
    walk(body, (n) => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(unwrap(n.expression)) && (unwrap(n.expression) as TS.PropertyAccessExpression).name.text === 'set' && maps.has(mapName((unwrap(n.expression) as TS.PropertyAccessExpression).expression)) && n.arguments[1] && ts.isIdentifier(unwrap(n.arguments[1]))) stored.add((unwrap(n.arguments[1]) as TS.Identifier).text);
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(unwrap(n.left)) && maps.has(mapName((unwrap(n.left) as TS.ElementAccessExpression).expression)) && ts.isIdentifier(unwrap(n.right))) stored.add((unwrap(n.right) as TS.Identifier).text);
      return undefined;
    });
  }
  const allowed = (s: TS.Statement): boolean => {
    if (ts.isBlock(s)) return s.statements.every(allowed);
    if (ts.isIfStatement(s)) return allowed(s.thenStatement) && (!s.elseStatement || allowed(s.elseStatement));
    if (ts.isVariableStatement(s)) return s.declarationList.declarations.every((d) => !d.initializer || /sessionId/.test(d.initializer.getText()) || (ts.isIdentifier(d.name) && stored.has(d.name.text) && onlyData(d.initializer)));
    if (ts.isReturnStatement(s)) return !s.expression;
    if (!ts.isExpressionStatement(s)) return false;
    // `(id) => void (transports[id] = transport)`, `await server.close()`
    const bare = unwrap(s.expression);
    const e = ts.isVoidExpression(bare) || ts.isAwaitExpression(bare) ? unwrap(bare.expression) : bare;
    // `t.sessionId && map.delete(t.sessionId)`, `t.sessionId ? delete map[t.sessionId] : undefined`:
    // the `if` form written as an expression, its test a plain read (trial 77A B4).
    const branches = conditionalBranches(e);
    if (branches) return branches.every((b) => allowed(ts.factory.createExpressionStatement(b)));
    if (ts.isDeleteExpression(e)) return (ts.isElementAccessExpression(unwrap(e.expression)) && maps.has(mapName((unwrap(e.expression) as TS.ElementAccessExpression).expression))) || !!handedOverCleanup(e) || !!handedOverCredentials(e);
    if (keepsIdForMap(e, body, maps)) return true;
    // `sessionAuth.set(id, req.auth)`: a map of each request's credentials, which explicit-handles removes (trial 77B B2).
    if (handedOverCredentials(e) !== undefined) return true;
    if (ts.isCallExpression(e)) {
      const callee = unwrap(e.expression);
      if (isLogCall(e)) return true;
      // `server.close()`, `session.transport.close()`: the session's own server or transport closed
      // as it ends, which the per-request rewrite does when each response closes (trial 29B).
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'close' && e.arguments.length === 0 && closesSessionsOwn(unwrap(callee.expression), maps)) return true;
      // `this.forget(id)`: a method of the class (or a function of the file) that only does such bookkeeping itself (trial 17B).
      if (forgetsThrough(e, maps)) return true;
      // `carts.delete(id)`: cleanup of state explicit-handles moves in this run, which it removes (trial 68C B2).
      if (handedOverCleanup(e)) return true;
      // `clearInterval(timers.get(id))`: stopping a timer the session's bookkeeping keeps, which goes with it.
      if (/^(clearInterval|clearTimeout)$/.test(callee.getText()) && e.arguments.length === 1) {
        const entry = unwrap(e.arguments[0]);
        const holder = ts.isElementAccessExpression(entry) ? entry.expression : ts.isCallExpression(entry) && calleeName(entry) === 'get' && ts.isPropertyAccessExpression(unwrap(entry.expression)) ? (unwrap(entry.expression) as TS.PropertyAccessExpression).expression : undefined;
        return !!holder && maps.has(mapName(holder));
      }
      return ts.isPropertyAccessExpression(callee) && (callee.name.text === 'delete' || callee.name.text === 'set') && maps.has(mapName(callee.expression));
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(unwrap(e.left))) {
      return maps.has(mapName((unwrap(e.left) as TS.ElementAccessExpression).expression));
    }
    // `transport.onclose = () => sessions.delete(id)`: forgetting the session when its own
    // transport closes is the map's bookkeeping too (trial 44C).
    const left = ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken ? unwrap(e.left) : undefined;
    if (left && ts.isPropertyAccessExpression(left) && left.name.text === 'onclose' && closesSessionsOwn(unwrap(left.expression), maps)) {
      // (Hooks that set each other are followed once: review 47.)
      const hook = resolveFunction((e as TS.BinaryExpression).right);
      return !!hook?.body && onlyForgets(hook.body, maps);
    }
    return false;
  };
  const leaf = (s: TS.Statement): TS.Node | undefined => {
    if (allowed(s)) return undefined;
    if (ts.isBlock(s)) return s.statements.map(leaf).find((n) => n !== undefined);
    if (ts.isIfStatement(s)) return leaf(s.thenStatement) ?? (s.elseStatement ? leaf(s.elseStatement) : undefined);
    return s;
  };
  // An expression body was wrapped in a statement made here (it has no text of its own): the body stands for it.
  if (!ts.isBlock(body)) return allowed(statements[0]) ? undefined : body;
  return statements.map(leaf).find((n) => n !== undefined);
}

/**
 * What a conditional expression runs, when its test only reads (onlyData): the right side of
 * `a && b` or `a || b`, the branches of `a ? b : c` but a branch that is only a value
 * (`undefined`, `void 0`, `null`). Undefined for any other expression.
 */
function conditionalBranches(e: TS.Node): TS.Expression[] | undefined {
  const inert = (n: TS.Node): boolean => {
    const v = unwrap(n);
    return ts.isVoidExpression(v) ? inert(v.expression) : isPrimitiveLiteral(v);
  };
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) return onlyData(e.left) ? [e.right] : undefined;
  if (ts.isConditionalExpression(e)) return onlyData(e.condition) ? [e.whenTrue, e.whenFalse].filter((b) => !inert(b)) : undefined;
  return undefined;
}

/**
 * `server.close()`, `session.transport.close()`, `sessions.get(id)?.server.close()`: what a session
 * callback closes is the session's own server or transport when its name says so and it is a local
 * of a function (or a parameter), or an entry of a session map; not a field of `this`, a
 * module-level or imported object (a long-lived upstream client's `upstream.transport`).
 */
function closesSessionsOwn(receiver: TS.Node, maps: ReadonlySet<string>): boolean {
  if (!/(^|\.)(server|mcpServer|transport)$/i.test(receiver.getText().replace(/[?!]$/, ''))) return false;
  let root = accessRoot(receiver);
  // An entry picked out of a session map (`sessions.get(id)?.server`).
  if (ts.isCallExpression(root) && calleeName(root) === 'get' && ts.isPropertyAccessExpression(unwrap(root.expression))) return maps.has(mapName((unwrap(root.expression) as TS.PropertyAccessExpression).expression));
  root = unwrap(root);
  if (!ts.isIdentifier(root)) return false;
  const decl = resolveIdentifier(root);
  // (Declared in a function: neither module-level nor an import.)
  return !!decl && (ts.isVariableDeclaration(decl) || ts.isParameter(decl) || ts.isBindingElement(decl)) && enclosingFunction(decl) !== undefined;
}

/**
 * `initializedId = id`: the callback keeps the session id in a variable of the route whose only
 * other uses are keys of the session maps (`if (initializedId) sessions.delete(initializedId)` in
 * a catch that undoes the entry). That is the map's bookkeeping: a per-request transport never
 * sets it, and the map's marker names what is left of it.
 */
function keepsIdForMap(e: TS.Node, body: TS.Node, maps: ReadonlySet<string>): boolean {
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(unwrap(e.left)) || !ts.isIdentifier(unwrap(e.right))) return false;
  const callback = body.parent;
  if (!callback || !isFunctionLike(callback)) return false;
  const param = (callback as TS.SignatureDeclaration).parameters[0];
  if (!param || resolveIdentifier(unwrap(e.right) as TS.Identifier) !== param) return false;
  const decl = resolveIdentifier(unwrap(e.left) as TS.Identifier);
  const fn = decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) ? enclosingFunction(decl) : undefined;
  if (!fn || !decl || (decl.pos >= callback.pos && decl.end <= callback.end)) return false;
  return referencesTo(fn, decl as Declaration & { name: TS.Identifier }).every((r) => {
    if (r === unwrap(e.left)) return true;
    const parent = r.parent;
    // A truthiness test (`if (initializedId)`, `initializedId && ...`).
    if ((ts.isIfStatement(parent) && parent.expression === r) || (ts.isBinaryExpression(parent) && parent.left === r && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)) return true;
    // A key of a session map: `sessions.delete(initializedId)`, `delete sessions[initializedId]`.
    if (ts.isCallExpression(parent) && parent.arguments[0] === r && ts.isPropertyAccessExpression(unwrap(parent.expression))) return maps.has(mapName((unwrap(parent.expression) as TS.PropertyAccessExpression).expression));
    return ts.isElementAccessExpression(parent) && parent.argumentExpression === r && maps.has(mapName(parent.expression));
  });
}

/**
 * The session callback in the transport's options that does more than record or forget the
 * session in a map (and log): it creates and connects the server, binds ownership, starts a
 * relay. Removing it with the session options would drop that work, and the rewritten server
 * would answer nothing.
 */
function sessionCallbackWithWork(options: TS.ObjectLiteralExpression, maps: Set<string>): CallbackWork | undefined {
  const working = options.properties.flatMap((prop) => {
    const name = propertyNameText(prop.name as TS.PropertyName);
    if (!name || !SESSION_OPTIONS.has(name)) return [];
    const value = ts.isPropertyAssignment(prop) ? prop.initializer : ts.isShorthandPropertyAssignment(prop) ? prop.name : undefined;
    // `onsessioninitialized(id) { ... }` is a method of the options object.
    const fn = ts.isMethodDeclaration(prop) ? prop : resolveFunction(value);
    if (!fn?.body) return [{ name }];
    const work = firstWork(fn.body, maps);
    if (!work) return [];
    // The maps it does record the session in (outside the work quoted), for the marker to name.
    const recorded = new Set<string>();
    walk(fn.body, (n) => {
      if (n === work) return false;
      if ((ts.isIdentifier(n) || ts.isPropertyAccessExpression(n)) && maps.has(mapName(n))) recorded.add(mapName(n));
      return undefined;
    });
    return [{ name, work: work.getText().replace(/\s+/g, ' ').replace(/;$/, ''), maps: [...recorded], server: setsUpServer(fn) }];
  });
  // The set-up callback first: without it the server is never built.
  return working.find((w) => w.name === 'onsessioninitialized') ?? working[0];
}

/** A session callback's work (sessionCallbackWithWork). */
interface CallbackWork {
  name: string;
  /** The first statement that is not bookkeeping, as text. */
  work?: string;
  /** The session maps it records the session in. */
  maps?: string[];
  /** It builds or connects the session's server (`new McpServer`, `createServer()`, `.connect(transport)`). */
  server?: boolean;
}

/** Whether a callback builds or connects a server: then that is the work each request must do. */
function setsUpServer(fn: TS.FunctionLikeDeclaration): boolean {
  if (buildsServer(fn)) return true;
  let found = false;
  walk(fn, (n) => {
    if (found) return false;
    if (ts.isCallExpression(n) && /^(connect|(create|build|make|new|get)\w*Server)$/i.test(calleeName(n) ?? '')) found = true;
    return undefined;
  });
  return found;
}

/** A value the session kept besides its transport (sessionKeptValue). */
interface KeptValue {
  /** What made it (`await connectDownstream(req)`), where the marker goes. */
  made: TS.Expression;
  /** The variable that holds it, if it is one. */
  name?: string;
  /** The session map that kept it. */
  map: string;
  /** Made before the dispatch, on every request already (a header read): what goes is only its keeping. */
  everyRequest?: boolean;
}

/**
 * A value the session kept besides its transport: made in the route (`const upstream = await
 * connectDownstream(req)`, or inline in the entry) and filed in a session map by the session's
 * bookkeeping (`upstreams.set(id, upstream)` in onsessioninitialized, `{ transport, upstream }`).
 * The per-request rewrite deletes that bookkeeping as it would for the transport, but what made
 * the value then runs on every request and nothing closes or reuses what it opened (a child
 * process, a connection): one left open per request. Not the transport, not the server connected
 * to it (closed with it), not plain data or a minted id.
 */
function sessionKeptValue(construction: TS.NewExpression, maps: ReadonlySet<string>): KeptValue | undefined {
  const fn = enclosingFunction(construction);
  const statement = statementOf(construction);
  const scope = (statement && branchOf(statement)) ?? construction;
  if (!fn) return undefined;
  // The transport's variable: declared with it, or assigned it (`let transport; ... transport = new ...`).
  const assignedTo = ts.isBinaryExpression(construction.parent) && ts.isIdentifier(unwrap(construction.parent.left)) ? resolveIdentifier(unwrap(construction.parent.left) as TS.Identifier) : undefined;
  const transport = ts.isVariableDeclaration(construction.parent) ? construction.parent : assignedTo;
  const inside = (n: TS.Node, of: TS.Node) => n.pos >= of.pos && n.end <= of.end;
  /** What a value filed in `map` was made by, if it is made by work of its own (`depth`: variables followed). */
  const madeBy = (value: TS.Expression, map: string, depth = 2): KeptValue[] => {
    const v = unwrap(value) as TS.Expression;
    if (ts.isObjectLiteralExpression(v)) {
      return v.properties.flatMap((p) => (ts.isShorthandPropertyAssignment(p) ? madeBy(p.name, map, depth) : ts.isPropertyAssignment(p) ? madeBy(p.initializer, map, depth) : []));
    }
    if (!ts.isIdentifier(v)) return made(v) ? [{ made: v, map }] : [];
    const decl = resolveIdentifier(v);
    if (depth === 0 || !decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || decl === transport || !inside(decl, fn)) return [];
    // The server connected to the transport (`server.connect(transport)`, `mcp.server.connect(transport)`): closing the transport closes its connection.
    let connected = false;
    walk(fn, (n) => {
      const receiver = !connected && ts.isCallExpression(n) && calleeName(n) === 'connect' ? calleeReceiver(n) : undefined;
      const root = receiver && accessRoot(receiver);
      if (root && ts.isIdentifier(root)) connected = resolveIdentifier(root) === decl;
      return connected ? false : undefined;
    });
    if (connected) return [];
    // Its initializer and what is assigned to it, but a lookup in a session map (`sid ? sessions.get(sid) : undefined`).
    const assigned = referencesTo(fn, decl as Declaration & { name: TS.Identifier }).flatMap((r) => (ts.isBinaryExpression(r.parent) && r.parent.left === r && r.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken ? [r.parent.right] : []));
    const name = decl.name.text;
    const makers = [decl.initializer, ...assigned].filter((e): e is TS.Expression => !!e && !looksUp(e, maps));
    const found = makers.flatMap((e) => (ts.isObjectLiteralExpression(unwrap(e)) ? madeBy(e, map, depth - 1) : made(e) ? [{ made: e, name, map }] : []));
    return found.slice(0, 1);
  };
  /** Work of its own: a call, `new` or `await`, but not the transport or a minted id. */
  const made = (e: TS.Expression): boolean => {
    if (onlyData(e) || inside(construction, e)) return false;
    const inner = unwrap(ts.isAwaitExpression(unwrap(e)) ? (unwrap(e) as TS.AwaitExpression).expression : e);
    // A timer the session keeps (an idle timeout) is its bookkeeping: it goes with the map (sessionBookkeeping).
    if (ts.isCallExpression(inner) && (ID_MINTS.test(calleeName(inner) ?? '') || isTimerCall(inner))) return false;
    // A plain value built in place (`new Date()` for a last-activity time, an empty `new Map()`) opens nothing (trial 18C).
    return !(ts.isNewExpression(inner) && ts.isIdentifier(inner.expression) && PLAIN_VALUES.test(inner.expression.text));
  };
  let found: KeptValue | undefined;
  walk(scope, (n) => {
    if (found) return false;
    let filed: { map: string; value: TS.Expression } | undefined;
    if (ts.isCallExpression(n) && n.arguments[1] && ts.isPropertyAccessExpression(unwrap(n.expression))) {
      const callee = unwrap(n.expression) as TS.PropertyAccessExpression;
      if (callee.name.text === 'set' && maps.has(mapName(callee.expression))) filed = { map: mapName(callee.expression), value: n.arguments[1] };
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(unwrap(n.left))) {
      const map = mapName((unwrap(n.left) as TS.ElementAccessExpression).expression);
      if (maps.has(map)) filed = { map, value: n.right };
    }
    if (filed) found = madeBy(filed.value, filed.map)[0];
    return undefined;
  });
  return found && scope !== construction && !inside(found.made, scope) ? { ...found, everyRequest: true } : found;
}

/** Built-in classes whose instances are values: nothing to close, nothing held open. */
const PLAIN_VALUES = /^(Date|Map|Set|WeakMap|WeakSet|Array|Object|URL|URLSearchParams|RegExp)$/;

/** The marker for a transport left as it was because its session kept another value (sessionKeptValue). */
function keptValueMessage(kept: KeptValue): string {
  const call = unwrap(kept.made);
  const what = codeSpan((ts.isAwaitExpression(call) ? call.expression : call).getText().replace(/\s+/g, ' '), 60);
  const held = kept.name ? `${kept.name}, in ${kept.map}` : kept.map;
  // Made on every request already: the session only keeps it for the requests that come without it.
  if (kept.everyRequest) return `${what} runs on every request here, and the session keeps what it returned (${held}, by session id) for later requests: with a per-request transport a request has only what it brings itself (a request that leaves out what ${what} reads gets nothing), so this transport was left as it was. If every request carries it, stop keeping it in ${kept.map}; otherwise key it by a handle the client sends, in a shared store; then run fix again`;
  return `${what} runs once per session here, and the session keeps what it makes (${held}, by session id): with a per-request transport it would run on every request, and nothing would close or reuse what it opens (a child process, a connection: one left open per request), so this transport was left as it was. Make it per request and close it when the response closes, or, if it holds nothing of one client's (a pool, an API client), share one across requests; what a client puts in it (connections it adds, credentials it gives) goes in a shared store under a handle the tools take, never in one object every request shares. Stop keeping it in ${kept.map}; then run fix again`;
}

/** What a marker says of a session callback's work: the callback, and the statement it stopped at. */
function callbackWork(found: CallbackWork): string {
  // The session maps it keeps by name: the work quoted may write to another map (state tools read), which is not one of them.
  const where = found.maps?.length ? `the map${found.maps.length > 1 ? 's' : ''} ${found.maps.join(' and ')}` : 'a map of this file';
  const opening = found.name === 'onsessioninitialized' ? `onsessioninitialized does more than record the session in ${where}` : `onsessionclosed does more than forget the session in ${where}`;
  const advice = found.name === 'onsessioninitialized' && !found.server ? 'Do what of that work each request still needs, then make this transport stateless by hand' : CALLBACK_WORK[found.name];
  return `${opening}${found.work ? ` (${codeSpan(found.work, 60)})` : ''}${CALLBACK_WORK_LEFT}. ${advice}`;
}

/**
 * Where a session callback's work is the cleanup of session state this run does not move
 * (`logLevels.delete(closedId)` in onsessionclosed: a cleanup of state explicit-handles moves is
 * handed over, handedOverCleanup), what stays once the cleanup goes: that state, which a stateless
 * transport would have every caller share (trial 77B B3: named only by the run after the user had
 * removed the cleanup). Only where explicit-handles runs and may move state (not --safe-only),
 * whose marker at that state says why it did not.
 */
function stateLeftByCleanup(found: CallbackWork, facts: SessionFacts): string {
  const state = found.name === 'onsessionclosed' ? /^([\w$]+(?:\.[\w$]+)?)\.delete\(/.exec(found.work ?? '')?.[1] : undefined;
  const c = state ? facts.collections.find((c) => c.name === state.replace(/^this\./, '')) : undefined;
  return c && isSessionState(c, facts) ? `. Removing that cleanup alone is not enough: ${c.name} stays keyed by the MCP session id (this run does not move it; see why at it), and made stateless this transport would have every caller share one entry of it` : '';
}

const CALLBACK_WORK: Record<string, string> = {
  onsessioninitialized: 'Do that work for each request (build and connect the server there), then make this transport stateless by hand',
  onsessionclosed: 'Decide what of it must happen when a request ends, then make this transport stateless by hand',
};

/**
 * Whether an `if`'s condition tests a session id: it names one (`transport.sessionId`), or a
 * variable set from one (`const newId = transport.sessionId; if (newId)`).
 */
function testsSessionId(condition: TS.Expression): boolean {
  if (/sessionId/i.test(condition.getText())) return true;
  let found = false;
  walk(condition, (n) => {
    if (found) return false;
    if (ts.isIdentifier(n) && /sessionId/i.test(resolveInitializer(n)?.getText() ?? '')) found = true;
    return undefined;
  });
  return found;
}

/** `if (transport.sessionId) { <map bookkeeping> }`, whatever its `else` holds. */
function sessionTestKeepsMap(statement: TS.IfStatement, maps: ReadonlySet<string>): boolean {
  const then = statement.thenStatement;
  const inner = ts.isBlock(then) ? then.statements : [then];
  return inner.length > 0 && inner.every((s) => isMapBookkeeping(s, maps));
}

/** A statement (or block) of log calls only. */
function onlyLogs(statement: TS.Statement): boolean {
  const inner = ts.isBlock(statement) ? statement.statements : [statement];
  return inner.length > 0 && inner.every(isLogStatement);
}

/**
 * `if (transport.sessionId) { sessions.set(...) } else { <work> }`: the map bookkeeping in a test of
 * the session id whose `else` does more than log. Once the transport is stateless the test is
 * false on every request, so the `else` runs every time: left for a person, with a marker.
 */
function sessionElseWithWork(statement: TS.Statement, maps: ReadonlySet<string>): statement is TS.IfStatement {
  return ts.isIfStatement(statement) && !!statement.elseStatement && testsSessionId(statement.expression) && sessionTestKeepsMap(statement, maps) && !onlyLogs(statement.elseStatement);
}

const SESSION_ELSE_MESSAGE =
  'once the transport is stateless it has no session id on any request: this test is false every time, so the else branch runs on every request and the map is never filled; keep what must happen per request and drop the rest';

/**
 * `sessionManager.createSession(sessionId, transport, userId)`: a statement of the branch that
 * files the transport it built in a session store through a method of the store's own (one the
 * scan knows holds the sessions, declared here or in another module), not a map's `set`. Once every
 * request builds a transport it would file one per request, each closed when its response is,
 * under an id no later request brings back: an entry nothing removes (trial 42A). The store and
 * the method, for the change and the marker.
 */
function filesTransport(s: TS.Statement, transportName: string, maps: ReadonlySet<string>): { store: string; method: string } | undefined {
  if (!ts.isExpressionStatement(s)) return undefined;
  const bare = unwrap(s.expression);
  const call = ts.isAwaitExpression(bare) || ts.isVoidExpression(bare) ? unwrap(bare.expression) : bare;
  if (!ts.isCallExpression(call)) return undefined;
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text === 'set' || !maps.has(mapName(callee.expression))) return undefined;
  const handsTransport = (a: TS.Expression): boolean => {
    const arg = unwrap(a);
    if (ts.isIdentifier(arg)) return arg.text === transportName;
    return ts.isObjectLiteralExpression(arg) && arg.properties.some((p) => (ts.isShorthandPropertyAssignment(p) && p.name.text === transportName) || (ts.isPropertyAssignment(p) && ts.isIdentifier(unwrap(p.initializer)) && (unwrap(p.initializer) as TS.Identifier).text === transportName));
  };
  return call.arguments.some(handsTransport) ? { store: mapName(callee.expression), method: callee.name.text } : undefined;
}

/**
 * A close handler of a transport that does all it does under that transport's session id (`t.onclose
 * = () => { if (t.sessionId) { carts.delete(t.sessionId); delete transports[t.sessionId]; } }`):
 * made stateless, the transport never has one, so none of it runs again (trial 52C: the session's
 * cart cleaned up with it). Its test, for the change line.
 */
function deadCloseHandler(statement: TS.Statement): TS.IfStatement | undefined {
  const expr = ts.isExpressionStatement(statement) ? unwrap(statement.expression) : undefined;
  if (!expr || !ts.isBinaryExpression(expr) || expr.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const left = unwrap(expr.left);
  const fn = unwrap(expr.right);
  if (!ts.isPropertyAccessExpression(left) || left.name.text !== 'onclose' || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return undefined;
  const only = ts.isBlock(fn.body) ? (fn.body.statements.length === 1 ? fn.body.statements[0] : undefined) : undefined;
  if (!only || !ts.isIfStatement(only) || only.elseStatement) return undefined;
  const test = unwrap(only.expression);
  const owner = ts.isPropertyAccessExpression(test) && test.name.text === 'sessionId' ? unwrap(test.expression) : undefined;
  return owner && owner.getText() === unwrap(left.expression).getText() ? only : undefined;
}

/**
 * The change line for a statement isMapBookkeeping let go: session-map bookkeeping (safe), or a
 * close handler that did more, all of it under its transport's session id (deadCloseHandler), to
 * review, by every path that removes it (a branch's, an early return's; read-through 68).
 */
function bookkeepingRemoved(statement: TS.Statement, maps: ReadonlySet<string>, sf: TS.SourceFile): Change {
  const line = lineOf(sf, statement.getStart(sf));
  // The statement, or one inside the branch it is (`if (t.sessionId) { transports[...] = t; t.onclose = ... }`, read-through 71).
  const handlers: TS.Statement[] = [];
  walk(statement, (n) => {
    if (isFunctionLike(n)) return false;
    if (ts.isExpressionStatement(n)) handlers.push(n);
    return undefined;
  });
  // (Its cleanup of state explicit-handles moves is work under the id too: the line says so, as before.)
  const dead = handlers.map(deadCloseHandler).find((d) => d && (!onlyForgets(d.parent, maps) || cleanupHandedOverIn(d.parent)));
  const cleanup = dead ? undefined : cleanupHandedOverIn(statement);
  if (cleanup) return cleanupHandedOverChange(line, 'session-map bookkeeping', cleanup);
  if (!dead) return { line, description: 'removed session-map bookkeeping', safety: 'safe' };
  return { line, description: `removed the close handler: all it did was under \`${codeSnippet(dead.expression, 40)}\`, which a per-request transport never has (what it cleaned up per session goes with the sessions)`, safety: 'review' };
}

/** Statements that only keep the session map up to date: `transports[id] = t`, `t.onclose = () => delete ...`. */
function isMapBookkeeping(statement: TS.Statement, maps: ReadonlySet<string>): boolean {
  const text = statement.getText();
  // `if (transport.sessionId) { transports[transport.sessionId] = transport; }`: dead once no
  // transport has a session id. So is `if (newId) { transports[newId] = transport; }` after
  // `const newId = transport.sessionId` (the read, unused then, goes in the cleaning).
  // With an `else` that only logs (`else { console.warn('no session id') }`): it would log on every
  // request once no transport has a session id.
  if (ts.isIfStatement(statement) && testsSessionId(statement.expression)) {
    return sessionTestKeepsMap(statement, maps) && (!statement.elseStatement || onlyLogs(statement.elseStatement));
  }
  if (ts.isExpressionStatement(statement)) {
    const expr = unwrap(statement.expression);
    if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = unwrap(expr.left);
      if (ts.isPropertyAccessExpression(left) && (left.name.text === 'onclose' || left.name.text === 'onsessionclosed')) {
        const fn = unwrap(expr.right);
        if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !fn.body) return false;
        if (deadCloseHandler(statement)) return true;
        let forgets = false;
        walk(fn.body, (n) => {
          if (!forgets && ts.isCallExpression(n) && forgetsThrough(n, maps)) forgets = true;
          return forgets ? false : undefined;
        });
        return ([...maps].some((m) => text.includes(m)) || forgets) && onlyForgets(fn.body, maps);
      }
      if (ts.isElementAccessExpression(left) && maps.has(left.expression.getText().replace(/^this\./, ''))) return true;
    }
    if (ts.isCallExpression(expr) && calleeName(expr) === 'set' && ts.isPropertyAccessExpression(expr.expression)) {
      return maps.has(expr.expression.expression.getText().replace(/^this\./, ''));
    }
  }
  return false;
}

/**
 * The gate or'ed with the route's own tests (`req.method !== 'POST' || sid || !isInitializeRequest(...)`):
 * kept as it is, it would refuse every request a 2026-07-28 client sends (trials 25A, 26C). Its
 * own tests stay (`kept`) and now run on every request; a method test means the same there.
 */
function keepOwnTests(guard: TS.IfStatement, kept: readonly TS.Expression[], sf: TS.SourceFile, edits: TextEdit[], work: Work, safety: Safety): void {
  const condition = guard.expression;
  const keptText = kept.map((t) => t.getText(sf)).join(' || ');
  edits.push({ start: condition.getStart(sf), end: condition.getEnd(), text: keptText });
  const ownTests = kept.every(isMethodTest);
  const answer = ownTests ? methodGuardAnswer(guard, kept, sf, work) : undefined;
  if (answer) {
    edits.push(answer.edit);
    const handler = enclosingFunction(guard);
    if (handler) (work.answers405 ??= new Set()).add(handler);
    // (`// Anything else must be the handshake.` above it said what it refused.)
    retellComment(guard, /\b(initiali[sz]e|handshake|sessions?)\b/i, 'Only POST carries MCP requests: GET and DELETE answer 405 (2026-07-28 has no stream to open or session to end).', sf, work);
  }
  work.changes.push({
    line: lineOf(sf, guard.getStart(sf)),
    description: `dropped the initialize and session-id tests from the guard (2026-07-28 has no handshake), which keeps ${keptText}${ownTests ? '' : ', now on every request'}${answer ? `, and answers 405 with Allow: POST there instead of ${answer.was}` : ''}`,
    safety: ownTests ? safety : 'review',
  });
}

/**
 * A guard left testing only that the method is not POST (`if (req.method !== 'POST') { 400
 * "initialize first" }`, trial 39C) whose branch only answers a client error of its own and
 * leaves: it now turns away GET and DELETE, which a sessionless endpoint answers with 405 and
 * Allow: POST. The branch becomes that answer, in the handler's idiom (`was`: the status it gave).
 */
function methodGuardAnswer(guard: TS.IfStatement, kept: readonly TS.Expression[], sf: TS.SourceFile, work: Work): { edit: TextEdit; was: string } | undefined {
  const term = kept.length === 1 ? kept[0] : undefined;
  const branch = guard.thenStatement;
  if (!term || !ts.isBinaryExpression(term) || !/^['"]POST['"]$/.test(term.right.getText(sf)) || !ts.isBlock(branch)) return undefined;
  const fn = enclosingFunction(guard);
  if (!fn) return undefined;
  const style = returnsWebResponse(fn) ? 'web' : handlerStyle(fn);
  const response = style === 'web' ? 'Response' : responseParam(fn, style);
  if (!response) return undefined;
  // Each statement answers through the response (or returns one), and nothing else is done.
  const answering = (e: TS.Node) => {
    const t = e.getText(sf);
    return t.startsWith(`${response}.`) || (style === 'web' && /^(new\s+)?Response\b/.test(t));
  };
  const onlyAnswers = branch.statements.every((st) => (ts.isReturnStatement(st) ? !st.expression || answering(unwrap(st.expression)) : ts.isExpressionStatement(st) && answering(unwrap(st.expression))));
  const status = /\b(4(?!05)\d\d)\b/.exec(branch.getText(sf));
  if (!onlyAnswers || !status || !endsByLeaving(branch) || answers405(branch)) return undefined;
  const leaves = style === 'hono' || style === 'fastify' || style === 'web' ? '' : 'return;';
  // On one line as the branch was (`{ res.status(400).send('Bad request'); return; }`), else a line each.
  const outer = indentAt(sf.text, guard.getStart(sf));
  const inner = `${outer}${work.unit}`;
  const text = branch.getText(sf).includes('\n')
    ? `{\n${inner}${methodNotAllowed(style, response, work.quote, inner)}\n${leaves ? `${inner}${leaves}\n` : ''}${outer}}`
    : `{ ${methodNotAllowed(style, response, work.quote)}${leaves ? ` ${leaves}` : ''} }`;
  return { edit: { start: branch.getStart(sf), end: branch.getEnd(), text }, was: status[1] };
}

/**
 * The terms of a refusing guard or'ed with the initialize test (`if (req.method !== 'POST' || sid
 * || !isInitializeRequest(req.body)) return 400`): those to keep once there is no handshake (the
 * method test), beside the negated initialize test and the session-id tests that go. Undefined
 * when the condition is not such an `||` of a negated initialize test and others. None kept: a
 * guard that rejects non-initialize requests (an unknown session too), and only that, which goes
 * whole. Anything and'ed in (`isInitializeRequest(body) && !req.headers.authorization`, an auth
 * check) makes it the application's own guard, which stays.
 */
function initializeGuardTerms(statement: TS.Statement, facts: SessionFacts): { kept: TS.Expression[] } | undefined {
  if (!ts.isIfStatement(statement) || statement.elseStatement) return undefined;
  const terms = joinedTerms(statement.expression, ts.SyntaxKind.BarBarToken);
  // `id`, `sessionId !== undefined`, `id != null`: a session id was sent.
  const sessionSent = (t: TS.Expression) =>
    facts.isSessionId(t) || (ts.isBinaryExpression(t) && /^!==?$/.test(t.operatorToken.getText()) && [t.left, t.right].some((side) => facts.isSessionId(side)) && [t.left, t.right].some(isNullish));
  if (!terms.some(notInitialize) || !endsByLeaving(statement.thenStatement)) return undefined;
  return { kept: terms.filter((t) => !notInitialize(t) && !sessionSent(t)) };
}

/** The terms an expression joins with `operator` (`a || b || c`: a, b, c), parentheses and casts unwrapped. */
function joinedTerms(e: TS.Expression, operator: TS.SyntaxKind.BarBarToken | TS.SyntaxKind.AmpersandAmpersandToken): TS.Expression[] {
  const n = unwrap(e) as TS.Expression;
  return ts.isBinaryExpression(n) && n.operatorToken.kind === operator ? [...joinedTerms(n.left, operator), ...joinedTerms(n.right, operator)] : [n];
}

/** `!isInitializeRequest(body)`, `req.body.method !== 'initialize'`: a test that a request is not initialize. */
function notInitialize(t: TS.Node): boolean {
  if (ts.isPrefixUnaryExpression(t) && t.operator === ts.SyntaxKind.ExclamationToken) {
    const call = unwrap(t.operand);
    return ts.isCallExpression(call) && isInitializeTestCall(call);
  }
  return comparesToInitialize(t, /^!==?$/);
}

/** `body.method === 'initialize'` (`operators`: which comparisons count). */
function comparesToInitialize(t: TS.Node, operators: RegExp): boolean {
  return ts.isBinaryExpression(t) && operators.test(t.operatorToken.getText()) && /\.method$/.test(t.left.getText()) && /^['"]initialize['"]$/.test(t.right.getText());
}

/** `req.method !== 'POST'`: a test of the HTTP method, which means the same without a handshake. */
function isMethodTest(term: TS.Expression): boolean {
  return ts.isBinaryExpression(term) && /^!==?$/.test(term.operatorToken.getText()) && /(^|\.)method$/.test(term.left.getText()) && /^['"][A-Z]+['"]$/.test(term.right.getText());
}

/**
 * The early-return form of the session dispatch, before a transport built per request in the
 * route's own block: `if (sid && transports[sid]) { await transports[sid].handleRequest(...); return; }`
 * (a known session's transport serves it) and `if (!isInitializeRequest(req.body)) { ...400; return; }`
 * (the gate). Both go: with a stateless transport the first never finds anything and the second
 * refuses every request but initialize.
 */
function removeEarlyReturns(construction: TS.NewExpression, facts: SessionFacts, maps: ReadonlySet<string>, sf: TS.SourceFile, work: Work, review: DispatchReview | undefined, preminted?: PremintedEntry): void {
  const statement = statementOf(construction);
  const block = statement && branchOf(statement);
  const scope = block && enclosingFunction(block);
  if (!statement || !block || !scope) return;
  // The transport built under a test of the method (`if (req.method === 'POST') { ... }`, with no
  // else) in the route's block: the early returns are those before that test, which stays.
  const guard = postGuard(block, scope);
  // Or built in a try block that is a statement of the route's body (`try { ...early returns...;
  // new Transport(...) } catch (e) { 500 }`, trial 26C): the early returns are those before it in
  // the try block and in the body before the try.
  const tried = !guard && ts.isTryStatement(block.parent) && block.parent.tryBlock === block && block.parent.parent === scope.body ? block.parent : undefined;
  if (block !== scope.body && !guard && !tried) return;
  const index = block.statements.indexOf(statement);
  const outer = guard ?? tried;
  const routeBlock = outer ? (outer.parent as TS.Block) : block;
  const before = [...(outer ? routeBlock.statements.slice(0, routeBlock.statements.indexOf(outer)) : []), ...block.statements.slice(0, index)];
  const safety: Safety = review ? 'review' : (work.dispatchSafety ?? 'safe');
  let removed = false;
  // Whether a statement before served a known session's transport and returned: after it, a
  // request that still carries a session id is one this server does not know.
  let servedKnown = false;
  for (const s of before) {
    const guard = initializeGuardTerms(s, facts);
    const refusal = servedKnown ? unknownSessionRefusal(s, facts, maps) : undefined;
    if (guard?.kept.length === 0) {
      work.edits.push(removeStatement(s, sf));
      work.changes.push({ line: lineOf(sf, s.getStart(sf)), description: `removed the initialize gate (2026-07-28 has no handshake)${perRequestSetup(review)}`, safety });
      removed = true;
    } else if (guard) {
      keepOwnTests(s as TS.IfStatement, guard.kept, sf, work.edits, work, safety);
      removed = true;
    } else if (servesKnownSession(s, facts, maps, scope)) {
      work.edits.push(removeStatement(s, sf));
      work.changes.push({ line: lineOf(sf, s.getStart(sf)), description: "removed the branch that served a known session's transport (per-request transports are kept nowhere)", safety });
      removed = true;
      servedKnown = true;
    } else if (refusesWithout(s, undefined, { facts, maps })) {
      // `if (sessionId && !transports[sessionId]) { 404 }`: with transports kept nowhere, it would
      // refuse every request that carries the header (trial 66C B1).
      work.edits.push(removeStatement(s, sf));
      work.changes.push(unknownSessionRefusalRemoved(s, sf));
      removed = true;
    } else if (refusal) {
      // `if (sid) { 404 }` after that return: the same refusal, written as the dispatch's early
      // returns (trial 73C B2).
      if (refusal.answersOnly) {
        work.edits.push(removeStatement(s, sf));
        work.changes.push(dispatchRefusalRemoved(s as TS.IfStatement, "it ran only for a request the branch serving a known session's transport did not serve, and without that branch", sf));
      } else work.markers.push({ pos: s.getStart(sf), message: unknownSessionRefusalKept(refusal), link: SPEC_TRANSPORT });
      removed = true;
    } else if (guardsInitialize(s, facts)) {
      // A check of the application's that runs on initialize only (a token for a new session):
      // kept, but 2026-07-28 clients never send initialize, so it would never run for them.
      work.markers.push({
        pos: s.getStart(sf),
        message: 'this check runs only on initialize requests, which 2026-07-28 clients never send, and a per-request transport no longer needs a session that passed it: check what it guards (a token, say) on every request',
        link: SPEC_TRANSPORT,
      });
    }
  }
  // After it, what keeps the map up to date (`transport.onclose = () => sessions.delete(...)`). The
  // entry for an id minted up front goes whatever came before: it is the session's bookkeeping,
  // as onsessioninitialized is, and a stateless transport kept in the map would never leave it.
  if (removed || preminted) {
    for (const s of block.statements.slice(index + 1)) {
      if (sessionElseWithWork(s, maps)) work.markers.push({ pos: s.getStart(sf), message: SESSION_ELSE_MESSAGE, link: SPEC_TRANSPORT });
      if (s !== preminted?.entry && !isMapBookkeeping(s, maps)) continue;
      work.edits.push(removeStatement(s, sf));
      work.changes.push(s === preminted?.entry ? { line: lineOf(sf, s.getStart(sf)), description: `removed the ${preminted.map} entry for the id minted up front (session-map bookkeeping)`, safety: 'safe' } : bookkeepingRemoved(s, maps, sf));
    }
  }
  // The minted id, still logged: it names this request's transport only now (no client sends it back).
  for (const log of preminted?.logged ?? []) {
    work.markers.push({
      pos: log.getStart(sf),
      message: `${preminted!.id} no longer names a session (the transport is stateless and sends no Mcp-Session-Id): this logs a new random id on every request; log something a request carries instead, or drop it`,
      link: SPEC_TRANSPORT,
    });
  }
  // The transport now lives for one request: closed when its response closes, as the if/else form's rewrite does.
  const handle = removed || preminted ? handleRequestIn(scope) : undefined;
  const name = transportVariable(construction);
  if (handle?.response && name && !/\.on\(\s*['"`]close['"`]/.test(scope.getText())) {
    work.edits.push({ start: statement.getEnd(), end: statement.getEnd(), text: closeHook(handle.response, `${name}.`, indentAt(sf.text, statement.getStart(sf)), work) });
  }
}

/**
 * `if (req.method === 'POST') { <block> }`, with no else, a statement of the route's own block:
 * a test of the method only, which the rewrite keeps (requests of other methods do not reach the
 * transport).
 */
function postGuard(block: TS.Block, scope: TS.FunctionLikeDeclaration): TS.IfStatement | undefined {
  const test = block.parent;
  if (!ts.isIfStatement(test) || test.thenStatement !== block || test.elseStatement || test.parent !== scope.body) return undefined;
  const methods = comparedMethod(test.expression);
  const onlyMethod = /^\s*[\w.]+\s*===?\s*(['"`])POST\1\s*$|^\s*(['"`])POST\2\s*===?\s*[\w.]+\s*$/i.test(test.expression.getText());
  return methods.length === 1 && methods[0] === 'POST' && onlyMethod ? test : undefined;
}

/** The statement that closes a per-request transport when its response closes, on a line of its own (`transport.` or `transport?.`). */
function closeHook(response: string, transportAccess: string, indent: string, work: Work): string {
  return `\n${closeOnResponse(response, [`${transportAccess}close()`], indent, work.unit, work.quote).join('\n')}`;
}

/**
 * An `if` of the function that builds a transport, before it and left as it was by this run, that
 * refuses what is not initialize (`!isInitializeRequest(...)`) and ends in a return or throw: a
 * gate in a shape removeEarlyReturns does not take apart (trial 26C).
 */
function gateLeftBefore(construction: TS.NewExpression, sf: TS.SourceFile, edits: readonly TextEdit[]): TS.IfStatement | undefined {
  const scope = enclosingFunction(construction);
  if (!scope?.body) return undefined;
  let gate: TS.IfStatement | undefined;
  walk(scope.body, (node) => {
    if (gate || node.getStart(sf) >= construction.getStart(sf)) return false;
    if (isFunctionLike(node)) return false;
    if (!ts.isIfStatement(node)) return undefined;
    const condition = node.expression;
    if (edits.some((e) => e.start < condition.getEnd() && condition.getStart(sf) < e.end)) return undefined;
    // Refusing what is not initialize (`!isInitializeRequest(body)`), not a check made on initialize.
    let tests = false;
    walk(condition, (n) => {
      tests ||= notInitialize(n);
      return tests ? false : undefined;
    });
    if (tests && endsByLeaving(node.thenStatement)) gate = node;
    return undefined;
  });
  return gate;
}

/** Whether an expression tests for an initialize request (`isInitializeRequest(body)`, `body.method === 'initialize'`), either way. */
function testsInitialize(expression: TS.Expression): boolean {
  let tests = false;
  walk(expression, (n) => {
    tests ||= (ts.isCallExpression(n) && isInitializeTestCall(n)) || comparesToInitialize(n, /^[!=]==?$/);
    return tests ? false : undefined;
  });
  return tests;
}

/**
 * Where the function that builds a transport is called only for initialize requests: a call of
 * it by name (`open(...)`, `this.open(...)`) in another function of the file, inside an if chain
 * one of whose tests, left as it was by this run, is for initialize (`if (sid &&
 * this.live.has(sid)) ... else if (!sid && isInitializeRequest(body)) await this.open(...) else
 * 400`): the session dispatch is there, and a stateless transport here would serve initialize
 * alone, every later request refused by it (trial 27A, rapidcoderx/mcp-monorepo).
 */
function initializeOnlyCaller(construction: TS.NewExpression, facts: SessionFacts, edits: readonly TextEdit[]): { name: string; test: TS.Expression } | undefined {
  const fn = enclosingFunction(construction);
  const sf = facts.sourceFile;
  for (const call of facts.callSitesOf(fn)) {
    if (fn && call.pos >= fn.pos && call.end <= fn.end) continue;
    for (let c: TS.Node = call; c.parent && !isFunctionLike(c); c = c.parent) {
      if (!ts.isIfStatement(c.parent) || (c.parent.thenStatement !== c && c.parent.elseStatement !== c)) continue;
      // The chain's tests: this if's and those of the ifs it is the else of.
      for (let chain: TS.IfStatement = c.parent; ; chain = chain.parent as TS.IfStatement) {
        const test = chain.expression;
        if (testsInitialize(test) && !edits.some((e) => e.start < test.getEnd() && test.getStart(sf) < e.end)) return { name: calleeName(call) ?? 'it', test };
        if (!ts.isIfStatement(chain.parent) || chain.parent.elseStatement !== chain) break;
      }
    }
  }
  return undefined;
}

/**
 * A check of the application's on initialize requests (`if (isInitializeRequest(body) && !token)`),
 * not the handshake gate: it guarded session creation, and without sessions what it guarded is
 * open to other requests until a person moves it.
 */
function guardsInitialize(s: TS.Statement, facts: SessionFacts): boolean {
  return ts.isIfStatement(s) && !initializeGuardTerms(s, facts) && /isInitializeRequest|\.method\s*[!=]==?\s*['"]initialize['"]/.test(s.expression.getText());
}

/**
 * Why the per-request rewrite of this transport's dispatch is a change to review, if it is: the
 * set-up the session's first request awaited (in the dispatch's branch, or after the transport in
 * the early-return form) now runs on every request; a check on initialize requests stops guarding
 * anything; a test of the session id the route answers by no request passes (sessionIdTest); or
 * the branch files its transport in a store through a method of the store's (filesTransport),
 * which the rewrite removes without seeing what else it does.
 */
function dispatchReview(construction: TS.Expression, branch: TS.Block | undefined, facts: SessionFacts, maps: ReadonlySet<string>, via?: HelperCall): DispatchReview | undefined {
  const statement = statementOf(construction);
  const block = branch ?? (statement && branchOf(statement));
  if (!statement || !block) return undefined;
  const index = block.statements.indexOf(statement);
  const own = branch ? block.statements.filter((s) => !actsOnEarlierTransport(s, construction)) : block.statements.slice(index + 1);
  // The statements of the branch (and of a helper that builds the transport, under the name it
  // returns) that file it in a store: bookkeeping the rewrite removes, not set-up.
  const returned = via?.returned.expression && ts.isIdentifier(unwrap(via.returned.expression)) ? (unwrap(via.returned.expression) as TS.Identifier).text : undefined;
  const filings = new Map<TS.Statement, ReturnType<typeof filesTransport>>();
  if (branch) {
    const transportName = transportVariable(construction) ?? 'transport';
    for (const s of own) filings.set(s, filesTransport(s, transportName, maps));
    if (via && returned) for (const s of via.body.statements) filings.set(s, filesTransport(s, returned, maps));
  }
  const filing = [...filings.values()].find((f) => f !== undefined);
  // (Not the map bookkeeping the rewrite removes: data kept under the minted id beside the map, trial 32B.)
  const setup = awaitedSetup((via ? [...via.body.statements, ...own] : own).filter((s) => !isMapBookkeeping(s, maps) && !filings.get(s)), facts);
  const checksInitialize = !branch && block.statements.slice(0, index).some((s) => guardsInitialize(s, facts));
  const testsSessionId = sessionIdTest(construction, facts, maps);
  const files = filing && `${filing.store}.${filing.method}`;
  return setup || checksInitialize || testsSessionId || files ? { setup, checksInitialize, testsSessionId, files } : undefined;
}

/**
 * A test of the session id, outside the dispatch, on which the route answers otherwise (`if (!sid
 * && meta) { res.status(400)...; return; }`, a hand-written era switch): once the dispatch is per
 * request no response carries a session id, so no request does, a 2025 client's included, and the
 * test takes the other way for all of them (trial 37B). Its text, if there is one. The dispatch's
 * own tests (they read a session map or ask for initialize) and logging are not such a test.
 */
function sessionIdTest(construction: TS.Node, facts: SessionFacts, maps: ReadonlySet<string>): TS.IfStatement | undefined {
  const route = enclosingFunction(construction);
  if (!route?.body) return undefined;
  let found: TS.IfStatement | undefined;
  const visit = (n: TS.Node): false | undefined => {
    if (found || (n !== route.body && isFunctionLike(n))) return false;
    // The dispatch's own chain, rewritten: only the branch that holds the transport is looked into,
    // and the test of a branch of the application's own the rewrite keeps ahead of it (leadingOwnBranch).
    if (ts.isIfStatement(n) && n.pos <= construction.pos && construction.end <= n.end) {
      if (leadingOwnBranch(n, construction, maps, route) && testsAbsence(n.expression, facts)) found = n;
      const branch = [n.thenStatement, n.elseStatement].find((b) => b && b.pos <= construction.pos && construction.end <= b.end);
      if (branch) walk(branch, visit);
      return false;
    }
    if (!ts.isIfStatement(n)) return undefined;
    // A GET or DELETE branch: rewritten to a 405 of its own.
    const methods = comparedMethod(n.expression);
    if (methods.length > 0 && !methods.includes('POST')) return false;
    if (!endsByLeaving(n.thenStatement) || readsMap(n, maps, route) || NAMES_INITIALIZE.test(n.expression.getText())) return undefined;
    if (testsAbsence(n.expression, facts)) found = n;
    return undefined;
  };
  walk(route.body, visit);
  return found;
}

/**
 * A test that there is no session id (`!sid`, `sid === undefined`): what every request will pass
 * once no response gives one. Not a check of the header's form (`Array.isArray(...)`, a UUID
 * test), which none will fail.
 */
function testsAbsence(test: TS.Expression, facts: SessionFacts): boolean {
  let reads = false;
  walk(test, (e) => {
    if (reads || isFunctionLike(e)) return false;
    const absent =
      (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken && facts.isSessionId(e.operand)) ||
      (ts.isBinaryExpression(e) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken].includes(e.operatorToken.kind) && ((isNullish(e.right) && facts.isSessionId(e.left)) || (isNullish(e.left) && facts.isSessionId(e.right))));
    if (absent) reads = true;
    return undefined;
  });
  return reads;
}

/**
 * A link of a dispatch chain, ahead of the branch that holds the transport (`site`), that is the
 * application's own: it answers and leaves (`if (!sid && meta) { await serveModern(req, res);
 * return; } else if (sid && map.has(sid)) ...`, a hand-written era switch), without the session
 * map, initialize or a transport's handleRequest. The chain's rewrite keeps it as it was, ahead of
 * the per-request transport; it deleted it and the user's serveModern with it, tagged safe (review
 * of trial 37B's fix).
 */
function leadingOwnBranch(link: TS.IfStatement, site: TS.Node, maps: ReadonlySet<string>, scope: TS.Node): boolean {
  const then = link.thenStatement;
  if (!link.elseStatement || (then.pos <= site.pos && site.end <= then.end) || !endsByLeaving(then)) return false;
  if (reachesInitialize(link.expression, scope) || /\.handleRequest\(/.test(then.getText())) return false;
  return !readsMap(then, maps, scope) && !readsMap(link.expression, maps, scope);
}

/**
 * Whether a test asks about the initialize request, itself or through a local or a function of the
 * file it names (`const init = isInitializeRequest(req.body); ... else if (!init) { 400 }`): a
 * branch of the handshake, which the rewrite removes; kept, it would refuse every request but
 * initialize (review of trial 37B's fix).
 */
function reachesInitialize(test: TS.Expression, scope: TS.Node): boolean {
  if (NAMES_INITIALIZE.test(test.getText())) return true;
  let found = false;
  walk(test, (n) => {
    if (found) return false;
    if (ts.isIdentifier(n) && !isPropertyName(n)) {
      const init = variableInitializer(scope, n.text);
      const called = init && unwrap(init);
      // The test's own helper (`isInit(req)`), or the one the local was set by (`const first = opensSession(req.body)`).
      const fn = resolveFunction(n) ?? (called && ts.isCallExpression(called) ? resolveFunction(called.expression) : undefined);
      if ((init && NAMES_INITIALIZE.test(init.getText())) || (fn?.body && NAMES_INITIALIZE.test(fn.body.getText()))) found = true;
    }
    return undefined;
  });
  return found;
}

/** Why a dispatch's rewrite is a change to review (dispatchReview), once per transport. */
interface DispatchReview {
  /** The call the session's first request made (awaited, or a record in module state), which would run on every request. */
  setup?: string;
  /** A check of the route runs on initialize requests only. */
  checksInitialize: boolean;
  /** A test of the session id the route answers by (sessionIdTest), which no request will pass. */
  testsSessionId?: TS.IfStatement;
  /** The store's method the branch files its transport with (`sessionManager.createSession`, filesTransport), removed with it. */
  files?: string;
}

/** What a change's description adds when the set-up now runs per request. */
function perRequestSetup(review: DispatchReview | undefined): string {
  const setup = review?.setup ? ` (the set-up it ran once per session, ${review.setup}(), now runs on every request)` : '';
  return setup + (review?.testsSessionId ? ` (${codeSpan(review.testsSessionId.expression.getText())} tests the session id, which no request carries once no response gives one, a 2025 client's included: what it tells apart, it no longer does)` : '');
}

/**
 * `if (<session lookup>) { <serve the looked-up transport>; return; }`, with no else and nothing else
 * done. Its return may hand back what served (`return transport.handleRequest(...)`) or the response
 * the transport wrote (fetch-to-node's `return toFetchResponse(res)` in a Hono route).
 */
function servesKnownSession(s: TS.Statement, facts: SessionFacts, maps: ReadonlySet<string>, scope: TS.Node): boolean {
  if (!ts.isIfStatement(s) || s.elseStatement) return false;
  // With braces, or one `return transports[sid].handleRequest(...)` without them (trial 19A).
  const body: readonly TS.Statement[] = ts.isBlock(s.thenStatement) ? s.thenStatement.statements : [s.thenStatement];
  const last = body[body.length - 1];
  const returnsWritten = !!last && ts.isBlock(s.thenStatement) && returnsWrittenResponse(last, s.thenStatement);
  if (!isBareReturn(last) && !(last && ts.isReturnStatement(last) && /\.handleRequest\(/.test(last.getText())) && !returnsWritten) return false;
  if (!asksAboutSession(s.expression, facts, maps, scope, 1) || !/\.handleRequest\(/.test(s.thenStatement.getText())) return false;
  // Only a lookup and the serving: other work (a cleanup, a refresh) is the application's.
  const served = returnsWritten ? body.slice(0, -1) : body;
  return served.every((statement) => otherWork(statement) === undefined || readAgainAfter(statement, s)) && readsMap(s, maps, scope);
}

/**
 * A statement of the branch that serves a known session's transport which reads what that
 * transport is handed (`const body = req.method === 'POST' ? await readBody(req) : undefined`, its
 * only use the handleRequest call's argument), with calls the route makes again, the same, in a
 * statement after the branch that every request it lets through runs (`const body = await
 * readBody(req)` ahead of the transport it builds, trial 77B B9): serving, as the handleRequest
 * is, and no work the branch alone did.
 */
function readAgainAfter(statement: TS.Statement, branch: TS.IfStatement): boolean {
  if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1 || !ts.isBlock(branch.parent)) return false;
  const decl = statement.declarationList.declarations[0];
  if (!ts.isIdentifier(decl.name) || !decl.initializer) return false;
  const uses = referencesTo(branch.thenStatement, decl as TS.VariableDeclaration & { name: TS.Identifier });
  const handedOn = (use: TS.Identifier) => ts.isCallExpression(use.parent) && calleeName(use.parent) === 'handleRequest' && use.parent.arguments.includes(use);
  if (uses.length === 0 || !uses.every(handedOn)) return false;
  // The calls of the initializer that do work, each made again after the branch, unconditionally.
  const calls: string[] = [];
  walk(decl.initializer, (n) => {
    if (isFunctionLike(n)) return false;
    if (ts.isCallExpression(n) && otherWork(n) === n) calls.push(n.getText());
    return undefined;
  });
  const siblings = branch.parent.statements;
  const after = siblings.slice(siblings.indexOf(branch) + 1).filter((st) => ts.isVariableStatement(st) || ts.isExpressionStatement(st));
  const madeAfter = (text: string) =>
    after.some((st) => {
      let found = false;
      walk(st, (n) => {
        if (found || isFunctionLike(n)) return false;
        if (ts.isCallExpression(n) && n.getText() === text) found = true;
        return undefined;
      });
      return found;
    });
  return calls.every(madeAfter);
}

/**
 * `return toFetchResponse(res)`, where `res` is the response the block's handleRequest wrote: the
 * route hands that response back, converted (a web-standard handler serving a node transport).
 */
function returnsWrittenResponse(statement: TS.Statement, block: TS.Block): boolean {
  if (!ts.isReturnStatement(statement) || !statement.expression) return false;
  const call = unwrap(statement.expression);
  if (!ts.isCallExpression(call) || call.arguments.length !== 1 || !ts.isIdentifier(unwrap(call.arguments[0]))) return false;
  const response = handleRequestIn(block)?.response;
  return !!response && unwrap(call.arguments[0]).getText() === response;
}

/** Whether a statement names a session map, itself or through a variable set from one (`const existing = sessions.get(id)`). */
function readsMap(s: TS.Node, maps: ReadonlySet<string>, scope: TS.Node): boolean {
  const named = (text: string) => [...maps].some((m) => new RegExp(`\\b${m}\\b`).test(text));
  if (named(s.getText())) return true;
  let found = false;
  walk(s, (n) => {
    if (found) return false;
    if (ts.isIdentifier(n)) {
      const init = variableInitializer(scope, n.text);
      if (init && named(init.getText())) found = true;
    }
    return undefined;
  });
  return found;
}

/** A `let transport[: T] [= lookup]` right before the dispatch chain, in the same block. */
function lookupDeclaration(root: TS.IfStatement, name: string, facts: SessionFacts, maps: Set<string>): TS.VariableStatement | undefined {
  if (!ts.isBlock(root.parent)) return undefined;
  const siblings = root.parent.statements;
  for (const s of siblings.slice(0, siblings.indexOf(root)).reverse()) {
    if (!ts.isVariableStatement(s) || s.declarationList.declarations.length !== 1) continue;
    const decl = s.declarationList.declarations[0];
    if (!ts.isIdentifier(decl.name) || decl.name.text !== name) continue;
    if (!(s.declarationList.flags & ts.NodeFlags.Let)) return undefined;
    if (!decl.initializer) return s;
    const init = decl.initializer.getText();
    const usesMap = [...maps].some((m) => new RegExp(`\\b${m}\\b`).test(init));
    let usesSession = false;
    walk(decl.initializer, (n) => {
      if (facts.isSessionId(n)) usesSession = true;
    });
    return usesMap || usesSession ? s : undefined;
  }
  return undefined;
}

/**
 * Whether the `let` declared before the dispatch chain (`let transport = sid ? map.get(sid) :
 * undefined`, found by lookupDeclaration) can be declared by the branch's assignment `assignment`
 * (`transport = created;`) once the branch stands in the chain's place: nothing assigns it
 * elsewhere, and nothing reads it before that assignment but the chain's tests and other branches,
 * which go (not the application's own branches ahead of the transport's, `ownLinks`, which stay).
 */
function declaredByAssignment(declaration: TS.VariableStatement, assignment: TS.ExpressionStatement, root: TS.IfStatement, branch: TS.Block, ownLinks: readonly TS.IfStatement[]): boolean {
  const decl = declaration.declarationList.declarations[0];
  if (!ts.isIdentifier(decl.name) || !ts.isBlock(root.parent) || assignment.parent !== branch) return false;
  const assigned = unwrap(assignment.expression) as TS.BinaryExpression;
  const inside = (n: TS.Node, of: TS.Node) => n.pos >= of.pos && n.end <= of.end;
  return referencesTo(root.parent, decl as Declaration & { name: TS.Identifier }).every((r) => {
    if (r === assigned.left) return true;
    const p = r.parent;
    const writes = (isAssignment(p) && p.left === r) || ((ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken));
    if (writes) return false;
    if (r.pos >= assignment.end) return true;
    return inside(r, root) && !inside(r, branch) && !ownLinks.some((link) => inside(r, link.expression) || inside(r, link.thenStatement));
  });
}

/**
 * In the branch that built a new session's transport, in a node:http callback, the refusal of
 * anything but POST (`if (req.method !== 'POST') { res.writeHead(400).end('No session'); return; }`):
 * once guardNodeCallback puts its 405 check ahead of the per-request transport, nothing but POST
 * reaches it, so it is dead code that still speaks of sessions (trial 58C B2). Only where that check
 * is added: the callback answers 405 nowhere else and tests the method nowhere outside the chain.
 */
function deadMethodRefusal(branch: TS.Block, root: TS.IfStatement, fn: TS.FunctionLikeDeclaration | undefined, sf: TS.SourceFile): TS.IfStatement | undefined {
  const request = fn && paramName(fn, 0);
  if (!fn?.body || !request || !isNodeServerCallback(fn)) return undefined;
  const refusal = branch.statements.find((s) => refusesAllButPost(s, request));
  if (!refusal) return undefined;
  const chain = [{ start: root.getStart(sf), end: root.getEnd(), text: '' }];
  return answers405(fn) || testsMethodOf(fn.body, request, chain) ? undefined : refusal;
}

/** `if (req.method !== 'POST') { ...; return; }` with no else, `request` the request's name. */
function refusesAllButPost(s: TS.Statement, request: string): s is TS.IfStatement {
  if (!ts.isIfStatement(s) || s.elseStatement) return false;
  const test = unwrap(s.expression);
  if (!ts.isBinaryExpression(test) || (test.operatorToken.kind !== ts.SyntaxKind.ExclamationEqualsEqualsToken && test.operatorToken.kind !== ts.SyntaxKind.ExclamationEqualsToken)) return false;
  const read = unwrap(test.left);
  const method = ts.isPropertyAccessExpression(read) && read.name.text === 'method' && ts.isIdentifier(read.expression) && read.expression.text === request;
  if (!method || stringValue(test.right) !== 'POST') return false;
  const then = s.thenStatement;
  const last = ts.isBlock(then) ? then.statements[then.statements.length - 1] : then;
  return !!last && ts.isReturnStatement(last);
}

/**
 * Whether a refusal (refusesAllButPost) does nothing but answer an error: its statements before
 * the return (or the returned value) only write the response (`res.writeHead(400).end('no
 * session')`, `res.statusCode = 400`, `res.setHeader(...)`), with a literal 4xx status other
 * than 405, no second test of the method (an OPTIONS preflight's 204), and no comment that a
 * rewrite would lose. Anything else (a landing page served, a count kept, a helper's answer) is
 * the application's own, and stays (review 88 points 1, 2).
 */
function onlyAnswersError(refusal: TS.IfStatement, request: string, response: string, sf: TS.SourceFile): boolean {
  const then = refusal.thenStatement;
  const statements = ts.isBlock(then) ? [...then.statements] : [then];
  const last = statements.pop();
  if (!last || !ts.isReturnStatement(last)) return false;
  const writes = [...statements.map((s) => (ts.isExpressionStatement(s) ? s.expression : undefined)), ...(last.expression ? [last.expression] : [])];
  if (writes.some((w) => w === undefined)) return false;
  // (A comment inside would go with the branch.)
  const inner = sf.text.slice(then.getStart(sf), then.getEnd());
  if (/\/\/|\/\*/.test(inner.replace(/(['"`])(?:\\.|(?!\1)[^\\\n])*\1/g, ''))) return false;
  let status: number | undefined;
  let other = false;
  for (const write of writes as TS.Expression[]) {
    walk(write, (n) => {
      if (other) return false;
      if (ts.isPropertyAccessExpression(n) && n.name.text === 'method' && ts.isIdentifier(n.expression) && n.expression.text === request) other = true;
      // Every call is a method of the response (its chain: `res.writeHead(400).end()`).
      if (ts.isCallExpression(n)) {
        let root: TS.Node = unwrap(n.expression);
        while (ts.isPropertyAccessExpression(root) || ts.isCallExpression(root)) root = unwrap(root.expression);
        if (!ts.isIdentifier(root) || root.text !== response) other = true;
        const name = calleeName(n);
        const first = n.arguments[0] && unwrap(n.arguments[0]);
        if ((name === 'writeHead' || name === 'status' || name === 'sendStatus') && first && ts.isNumericLiteral(first)) status = Number(first.text);
      }
      // (An assignment is to the response too: `res.statusCode = 400`, Koa's `ctx.status = 400` and `ctx.body = '...'`.)
      if (isAssignment(n)) {
        const root = accessRoot(unwrap(n.left));
        if (!ts.isIdentifier(root) || root.text !== response) other = true;
        const value = unwrap(n.right);
        if (ts.isPropertyAccessExpression(unwrap(n.left)) && /^(statusCode|status)$/.test((unwrap(n.left) as TS.PropertyAccessExpression).name.text) && ts.isNumericLiteral(value)) status = Number(value.text);
      }
      return undefined;
    });
  }
  return !other && status !== undefined && status >= 400 && status < 500 && status !== 405;
}

function isBareReturn(statement: TS.Statement | undefined): boolean {
  return !!statement && ts.isReturnStatement(statement) && !statement.expression;
}

/**
 * The statements of a branch's content that share a line (`t = new ...; await server.connect(t);`
 * of a branch written on one line, or a close hook inserted before the statement that followed on
 * its line), each on a line of its own at `indent` (trial 69A B1).
 */
function statementPerLine(content: string, indent: string, fileName: string): string {
  const statements = ts.createSourceFile(fileName, content, ts.ScriptTarget.Latest, true).statements.filter((s) => !ts.isEmptyStatement(s));
  const edits: TextEdit[] = [];
  for (let i = 1; i < statements.length; i++) {
    const end = statements[i - 1].getEnd();
    const space = /^[ \t]*/.exec(content.slice(end))![0];
    if (!content.slice(end, statements[i].getStart()).includes('\n')) edits.push({ start: end, end: end + space.length, text: `\n${indent}` });
  }
  return applyEdits(content, edits);
}

/** Applies the edits that lie inside [start, end) to that slice of the text. */
function sliceWithEdits(text: string, start: number, end: number, edits: TextEdit[]): string {
  // Edits that start inside the slice; a whole-line removal of its last statement is clamped to the slice.
  const inner = edits.filter((e) => e.start >= start && e.start <= end).map((e) => ({ start: e.start - start, end: Math.min(e.end, end) - start, text: e.text }));
  return applyEdits(text.slice(start, end), inner);
}

interface HandleRequestCall {
  call: TS.CallExpression;
  /** `res`, `reply.raw`: what to hang the close hook on (undefined for web-standard handlers). */
  response?: string;
}

function handleRequestIn(fn: TS.Node): HandleRequestCall | undefined {
  let found: HandleRequestCall | undefined;
  walk(fn, (node) => {
    if (found) return false;
    if (ts.isCallExpression(node) && calleeName(node) === 'handleRequest') {
      const second = node.arguments[1];
      const response = second && !ts.isObjectLiteralExpression(unwrap(second)) ? unwrap(second).getText() : undefined;
      found = { call: node, response };
    }
    return undefined;
  });
  return found;
}

interface ConnectedServer {
  /** The connect call of a server that cannot be built per request as it is, and that server. */
  shared?: TS.CallExpression;
  receiver?: TS.Node;
  awaited?: TS.AwaitExpression;
  /** The getter that hands out the same server on every call: one it keeps (`keeps`), or one built once that it returns. */
  cachedBy?: string;
  keeps?: boolean;
  /** Where the server is set up after the handshake (handshakeSetupSource). */
  setup?: { factory?: string; where: string };
  /** Why the server cannot be built per request (perRequestRefusal): what the marker says. */
  refusal?: string;
  /** A class of the file whose object builds the server and keeps state its handlers change (serverObjectState): per request, that state lasts one request. */
  objectState?: ObjectState;
}

interface ObjectState {
  /** The class, and where its object is made (`new JobServer()`). */
  name: string;
  made: TS.NewExpression;
  /** Its fields the handlers change after construction (`this.jobs.set(...)`). */
  fields: string[];
  /** Its constructor starts a timer or a process listener, now once per request. */
  starts?: string;
}

/**
 * Where the connected server is a field of an object of a class of the file made for it
 * (`await new JobServer().server.connect(t)`, `const s = new NotesServer(); await s.connect(t)`,
 * trial 29C): the fields of that class its handlers and methods change after construction (a
 * job map, a counter). Built once per session before, per request after the rewrite, the object
 * keeps them for one request only; and what its constructor starts (a timer) starts on every request.
 */
function serverObjectState(receiver: TS.Node, branch: TS.Block): ObjectState | undefined {
  let r = unwrap(receiver);
  if (ts.isPropertyAccessExpression(r)) r = unwrap(r.expression);
  if (ts.isIdentifier(r)) {
    const init = resolveInitializer(r);
    r = init ? unwrap(init) : r;
  }
  // Made here, with the transport: an object made once outside the route is one for every request, which the rewrite does not change.
  if (!ts.isNewExpression(r) || !ts.isIdentifier(r.expression) || r.pos < branch.pos || r.end > branch.end) return undefined;
  const decl = resolveIdentifier(r.expression);
  if (!decl || !ts.isClassDeclaration(decl)) return undefined;
  const names = new Set(decl.members.flatMap((m) => (ts.isPropertyDeclaration(m) && !isStaticMember(m) && ts.isIdentifier(m.name) ? [m.name.text] : [])));
  // What the handlers registered on the server change on `this` (changesIn): a change the next
  // call would see. Set-up (the constructor, the methods it calls) is construction, and so is a
  // resource made the first time it is needed (`this.db ??= new Pool()`).
  const fields = new Set<string>();
  for (const handler of registeredHandlers(decl)) {
    for (const { target, at } of changesIn(handler.body!)) {
      const field = membersOfThis(target)?.[0];
      if (!field || !names.has(field)) continue;
      const made = isAssignment(at) && (ts.isNewExpression(unwrap(at.right)) || at.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken || at.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken);
      if (!made) fields.add(field);
    }
  }
  const ctor = decl.members.find(ts.isConstructorDeclaration);
  if (fields.size === 0) return undefined;
  let starts: string | undefined;
  if (ctor?.body) {
    walk(ctor.body, (n) => {
      if (!starts && ts.isCallExpression(n) && (calleeName(n) === 'setInterval' || (/^(on|once)$/.test(calleeName(n) ?? '') && calleeReceiver(n)?.getText() === 'process'))) starts = codeSnippet(n, 40);
      return starts ? false : undefined;
    });
  }
  return { name: decl.name?.text ?? 'the class', made: r, fields: [...fields], ...(starts ? { starts } : {}) };
}

/** Registration calls whose callback a server runs for a request. */
const REGISTERS_HANDLER = /^(setRequestHandler|setNotificationHandler|registerTool|tool|registerPrompt|prompt|registerResource|resource)$/;

/** The callbacks a class hands to registrations on its server (`this.server.setRequestHandler(schema, async (req) => ...)`). */
function registeredHandlers(cls: TS.ClassDeclaration): TS.FunctionLikeDeclaration[] {
  const found: TS.FunctionLikeDeclaration[] = [];
  walk(cls, (n) => {
    if (ts.isCallExpression(n) && REGISTERS_HANDLER.test(calleeName(n) ?? '')) for (const arg of n.arguments) if (isFunctionLike(arg) && arg.body) found.push(arg);
    return undefined;
  });
  return found;
}

/** The marker for a server object whose state the rewrite makes last one request (serverObjectState). */
function objectStateMessage(state: ObjectState): string {
  const fields = joinNames(state.fields.map((f) => `this.${f}`));
  return `new ${state.name}() now runs for every request (it ran once per session), so ${fields}, which its handlers change, now lasts one request: a later call finds it empty. Keep that state in a shared store under a handle the tools take (or build this object once and hand each request's server what it needs)${state.starts ? `; its constructor's ${state.starts} now also starts on every request and is never stopped` : ''}`;
}

/**
 * The server a dispatch branch connects to the new transport: shared by every request when it
 * outlives the request (shared-server's test: module level, imported, handed to the code that sets
 * up the routes, a field), or built by an awaited factory (`await createServer()`), which then runs
 * on every request; or held by an object of the file's own class made in the branch, whose handlers'
 * state then lasts one request (serverObjectState).
 */
function connectedServer(branch: TS.Block, transportName: string, facts: SessionFacts, ctx: Pick<CodemodContext, 'cachedServers' | 'handshakeSetups'>): ConnectedServer {
  const route = enclosingFunction(branch);
  let result: ConnectedServer = {};
  walk(branch, (node) => {
    if (!ts.isCallExpression(node) || calleeName(node) !== 'connect') return;
    if (node.arguments[0]?.getText() !== transportName) return;
    const receiver = unwrap(calleeReceiver(node)!);
    // `getServer().connect(transport)` where getServer hands out one kept server, or returns one built once.
    const cachedBy = cachedServerSource(receiver, ctx.cachedServers);
    const returnsOne = cachedBy || !ts.isCallExpression(receiver) ? undefined : sameServerGetter(receiver, facts);
    if (cachedBy || returnsOne) {
      result = { shared: node, receiver, cachedBy: cachedBy ?? returnsOne, keeps: !!cachedBy };
      return;
    }
    if (route && outlivesRequest(receiver, route, facts, unwrap(node.arguments[0]))) {
      result = { shared: node, receiver };
      return;
    }
    // A server set up when the handshake ends (oninitialized): built per request, it misses that.
    const setup = handshakeSetupSource(receiver, route, ctx.handshakeSetups);
    if (setup) {
      result = { shared: node, receiver, setup };
      return;
    }
    // A factory whose server ends the process when it closes (per request, the first request to
    // end would end it), or keeps a browser for its session (every call would start from a blank page).
    const refusal = perRequestRefusal(receiver);
    if (refusal) {
      result = { shared: node, receiver, refusal };
      return;
    }
    // `(await createServer()).connect(transport)`, or `const server = await createServer()` in the branch.
    const init = ts.isIdentifier(receiver) ? resolveInitializer(receiver) : undefined;
    const built = ts.isAwaitExpression(receiver) ? receiver : init && init.pos >= branch.pos && init.end <= branch.end ? init : undefined;
    if (built && ts.isAwaitExpression(built) && ts.isCallExpression(unwrap(built.expression))) result = { awaited: built };
    // A server held by an object of the file's own class, made here with the transport.
    const objectState = serverObjectState(receiver, branch);
    if (objectState) result = { ...result, objectState };
  });
  return result;
}

/**
 * A `server.connect(...)` in the function that serves the request (the route's handler, else the
 * outermost function around the transport's construction) whose server is a module-level variable
 * or an import: one server for every request.
 */
function sharedConnectAround(node: TS.Node, handler: TS.Node | undefined): TS.CallExpression | undefined {
  let scope: TS.Node | undefined = handler;
  if (!scope) for (let n: TS.Node | undefined = node.parent; n && !ts.isSourceFile(n); n = n.parent) if (isFunctionLike(n)) scope = n;
  if (!scope) return undefined;
  let found: TS.CallExpression | undefined;
  walk(scope, (n) => {
    if (found) return false;
    if (!ts.isCallExpression(n) || calleeName(n) !== 'connect' || n.arguments.length !== 1 || !ts.isPropertyAccessExpression(unwrap(n.expression))) return undefined;
    const receiver = unwrap((unwrap(n.expression) as TS.PropertyAccessExpression).expression);
    if (!ts.isIdentifier(receiver) || connectsStdio(n)) return undefined;
    const decl = resolveIdentifier(receiver);
    if (importOf(receiver) || (decl && ts.isVariableDeclaration(decl) && isModuleVariable(decl))) found = n;
    return undefined;
  });
  return found;
}

/**
 * The marker for one server connected to the transport of every request: it names the server as
 * the code does (`server`, a low-level Server or an McpServer alike), and a server handed in (a
 * parameter) is to be replaced by the function that builds one.
 */
function sharedServerMessage(receiver: TS.Node, sf: TS.SourceFile): string {
  const text = receiver.getText(sf);
  const name = /^[\w$.]{1,40}$/.test(text) ? `\`${text}\`` : 'this server';
  const declared = ts.isIdentifier(receiver) ? resolveIdentifier(receiver) : undefined;
  const how = declared && ts.isParameter(declared)
    ? `where ${name} is handed in, take the function that builds one, its factory, and call it per request`
    : 'move its setup, the tools and handlers it registers, into a function that builds it, and call that per request';
  return `${name} is one server shared by every request: ${ONE_TRANSPORT_AT_A_TIME}. Build a new server per request (${how}), then run fix again`;
}

/**
 * Whether the transport is kept beyond the request that built it: built outside any function (one
 * transport for the process), used from another function than the one that built it (a route
 * handler around a transport built at startup), handed to anything but `connect` (also wrapped:
 * `new Entry(transport)`, `transport as T`), put in an object, array or property, or returned.
 * Its own calls (`transport.handleRequest(...)`), callbacks in its options, a close hook
 * (`res.on('close', () => transport.close())`) and `bookkeeping` (the map entry for an id minted
 * up front) do not count.
 */
function escapes(construction: TS.NewExpression, bookkeeping?: TS.Statement): boolean {
  let parent: TS.Node = construction.parent;
  const fn = enclosingFunction(construction);
  // `transport = new ...` into a `let` of the same function (declared before a try, closed in its catch): as a const of it.
  let assignment: TS.Node | undefined;
  if (fn && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === construction && ts.isIdentifier(parent.left)) {
    const decl = resolveIdentifier(parent.left);
    if (decl && ts.isVariableDeclaration(decl) && !decl.initializer && enclosingFunction(decl) === fn && ts.isExpressionStatement(parent.parent)) {
      assignment = parent;
      parent = decl;
    }
  }
  if (!ts.isVariableDeclaration(parent) || !ts.isIdentifier(parent.name)) return !ts.isExpressionStatement(parent);
  if (!fn) return true;
  return referencesTo(construction.getSourceFile(), parent as Declaration & { name: TS.Identifier }).some((ref) => {
    if (ref.pos >= construction.pos && ref.end <= construction.end) return false;
    if (assignment && ref === (assignment as TS.BinaryExpression).left) return false;
    // The entry made for an id minted up front (premintedEntry): bookkeeping, like onsessioninitialized's.
    if (bookkeeping && ref.pos >= bookkeeping.pos && ref.end <= bookkeeping.end) return false;
    if (!(ref.pos >= fn.pos && ref.end <= fn.end)) return true;
    const use = outermost(ref);
    const holder = use.parent;
    if (ts.isPropertyAccessExpression(holder) && holder.expression === use) {
      // Used in a nested function: a handler of the transport's own (`transport.onclose = () =>
      // ...`) or an event hook (`res.on('close', () => transport.close())`) stays within the
      // request; a timer or a callback kept elsewhere does not.
      const inner = enclosingFunction(ref);
      if (!inner || inner === fn) return false;
      const owner = inner.parent;
      const ownHandler = ts.isBinaryExpression(owner) && owner.right === inner && ts.isPropertyAccessExpression(owner.left) && owner.left.expression.getText() === parent.name.getText();
      const eventHook = ts.isCallExpression(owner) && /^(on|once)$/.test(calleeName(owner) ?? '');
      return !ownHandler && !eventHook;
    }
    if ((ts.isCallExpression(holder) || ts.isNewExpression(holder)) && holder.arguments?.includes(use as TS.Expression)) return !(ts.isCallExpression(holder) && calleeName(holder) === 'connect');
    return ts.isShorthandPropertyAssignment(holder) || ts.isPropertyAssignment(holder) || ts.isArrayLiteralExpression(holder) || ts.isReturnStatement(holder) || ts.isBinaryExpression(holder) || ts.isArrowFunction(holder);
  });
}

/**
 * The transport put into a session map under an id minted before it, in place of
 * onsessioninitialized (browserbase's transport, the old playwright-mcp one):
 *
 *   const sessionId = crypto.randomUUID();
 *   const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => sessionId });
 *   sessions.set(sessionId, transport);          // or sessions[sessionId] = transport
 *
 * The entry is the map bookkeeping onsessioninitialized would do.
 */
interface PremintedEntry {
  /** `sessions.set(sessionId, transport)`: removed with the generator. */
  entry: TS.ExpressionStatement;
  /** The session map, as the bookkeeping names it. */
  map: string;
  /** The minted id's variable. */
  id: string;
  /** Log statements that print the minted id: they stay, with the mint, and are marked. */
  logged: TS.Statement[];
}

/**
 * A transport construction's PremintedEntry, recognised only when the minted id goes nowhere else
 * than the generator, that entry, the map bookkeeping after the transport
 * (`transport.onclose = () => sessions.delete(sessionId)`) and log calls (kept, and marked): an id
 * handed to anything else (a store, a header, an audit record) means more than a session.
 */
function premintedEntry(construction: { node: TS.NewExpression; options: TS.ObjectLiteralExpression }, maps: ReadonlySet<string>): PremintedEntry | undefined {
  const declaration = construction.node.parent;
  if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return undefined;
  const transport = declaration as Declaration & { name: TS.Identifier };
  const statement = statementOf(construction.node);
  const block = statement && branchOf(statement);
  const fn = block && enclosingFunction(block);
  if (!statement || !block || !fn) return undefined;
  // `sessionIdGenerator: () => sessionId` (or `() => { return sessionId; }`).
  const generated = generatorReturns(construction.options);
  if (!generated) return undefined;
  const { generator: value, returned } = generated;
  // `const sessionId = randomUUID()`, a statement of the transport's own block before it.
  const minted = resolveIdentifier(returned);
  if (!minted || !ts.isVariableDeclaration(minted) || !ts.isIdentifier(minted.name) || !minted.initializer) return undefined;
  const list = minted.parent;
  if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const) || list.declarations.length !== 1 || list.parent.parent !== block || list.parent.pos >= statement.pos) return undefined;
  const mint = unwrap(minted.initializer);
  if (!ts.isCallExpression(mint) || !ID_MINTS.test(calleeName(mint) ?? '')) return undefined;
  const id = minted as Declaration & { name: TS.Identifier };
  const refersTo = (node: TS.Node, decl: Declaration) => ts.isIdentifier(unwrap(node)) && resolveIdentifier(unwrap(node) as TS.Identifier) === decl;
  // The entry, in the same block after the transport: `map.set(id, transport)` or `map[id] = transport`.
  const after = block.statements.slice(block.statements.indexOf(statement) + 1);
  /** The map a statement files the transport in under the id, if it is such an entry. */
  const filedIn = (s: TS.Statement): string | undefined => {
    if (!ts.isExpressionStatement(s)) return undefined;
    const e = unwrap(s.expression);
    if (ts.isCallExpression(e) && e.arguments.length === 2 && ts.isPropertyAccessExpression(unwrap(e.expression))) {
      const callee = unwrap(e.expression) as TS.PropertyAccessExpression;
      const map = mapName(callee.expression);
      return callee.name.text === 'set' && maps.has(map) && refersTo(e.arguments[0], id) && refersTo(e.arguments[1], transport) ? map : undefined;
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(unwrap(e.left))) {
      const access = unwrap(e.left) as TS.ElementAccessExpression;
      const map = mapName(access.expression);
      return maps.has(map) && refersTo(access.argumentExpression, id) && refersTo(e.right, transport) ? map : undefined;
    }
    return undefined;
  };
  const entries = after.flatMap((s) => {
    const map = filedIn(s);
    return map ? [{ statement: s as TS.ExpressionStatement, map }] : [];
  });
  if (entries.length !== 1) return undefined;
  const { statement: entry, map } = entries[0];
  // Every other use of the id: the map bookkeeping after the transport, or a log call.
  const inside = (n: TS.Node, of: TS.Node) => n.pos >= of.pos && n.end <= of.end;
  const logged: TS.Statement[] = [];
  for (const ref of referencesTo(fn, id)) {
    if (inside(ref, value) || inside(ref, entry)) continue;
    const bookkeeping = after.find((s) => inside(ref, s));
    if (bookkeeping && isMapBookkeeping(bookkeeping, maps)) continue;
    let call: TS.Node | undefined = ref.parent;
    while (call && !ts.isCallExpression(call) && !ts.isStatement(call) && !isFunctionLike(call)) call = call.parent;
    const log = call && ts.isCallExpression(call) && isLogCall(call) && ts.isExpressionStatement(call.parent) ? call.parent : undefined;
    if (!log) return undefined;
    if (!logged.includes(log)) logged.push(log);
  }
  return { entry, map, id: id.name.text, logged };
}

/** The variable a transport (or the helper call standing for it, HelperCall) is kept in: `const t = ...`, `t = ...`. */
function transportVariable(site: TS.Expression): string | undefined {
  const parent = site.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return parent.left.getText();
  return undefined;
}

/**
 * A statement of the creating branch, before the transport is assigned there, that acts on what the
 * variable held before (`if (transport) { await transport.close(); delete transports[sid]; }`, a
 * re-initialize on a live session): the session's earlier transport, which the lookup found. Per
 * request there is none, and once the lookup goes the statement would use the variable before its
 * declaration.
 */
function actsOnEarlierTransport(s: TS.Statement, site: TS.Expression): boolean {
  const statement = statementOf(site);
  const name = transportVariable(site);
  if (!statement || !name || !ts.isExpressionStatement(statement) || !ts.isBlock(s.parent) || s.parent !== statement.parent) return false;
  if (s.parent.statements.indexOf(s) >= s.parent.statements.indexOf(statement)) return false;
  let uses = false;
  walk(s, (n) => {
    if (uses) return false;
    if (ts.isIdentifier(n) && n.text === name && !isPropertyName(n)) uses = true;
    return undefined;
  });
  return uses;
}

interface Work {
  /** Handlers whose own guard this run turned into the 405 for non-POST (keepOwnTests): no second one is added (trial 61C B1). */
  answers405?: Set<TS.Node>;
  /** The file's quote style and indentation unit: code the codemod writes uses them. */
  quote: "'" | '"';
  unit: string;
  edits: TextEdit[];
  changes: Change[];
  markers: Array<{ pos: number; message: string; link: string }>;
  /** The safety of unwrapping a dispatch: review where tools ask the client mid-call (it breaks them). */
  dispatchSafety?: Safety;
  /** Why it is to review, for the change's description (`; "confirm_order" asks the client mid-call ...`). */
  dispatchNote?: string;
  /** Names a replaced sessionIdGenerator used (`() => newSessionId`): their id mints go when nothing else uses them. */
  mintedIds?: Set<string>;
  /** Factories whose handlers a GET or DELETE route no longer takes (sessionMapFactoryRoute): they (or their imports) go when nothing else uses them. */
  replacedFactories?: Set<string>;
  /** The named imports such a factory of the file used: they go with it when nothing else uses them. */
  factoryImports?: Set<string>;
  /** The classes of the event stores removed from the transports' options (`eventStore: new MemoryEventLog()`): their imports go when nothing else uses them. */
  droppedStores?: Set<string>;
}

/** Calls that only mint an id: what a local the generator returned was set to. */
const ID_MINTS = /^(randomUUID|uuid|uuidv4|v4|nanoid|ulid|cuid|createId|generateId|generateSessionId|toString)$/;

/**
 * Options spread into the transport's from a parameter whose default names a generator
 * (`options = { sessionIdGenerator: () => randomUUID() }`, then `{ ...options, ... }`): the default
 * is made stateless too (it is the transport's when a caller passes none).
 */
function statelessDefaults(options: TS.ObjectLiteralExpression, sf: TS.SourceFile, work: Work): void {
  for (const prop of options.properties) {
    if (!ts.isSpreadAssignment(prop) || !ts.isIdentifier(unwrap(prop.expression))) continue;
    const param = resolveIdentifier(unwrap(prop.expression) as TS.Identifier);
    const fallback = param && ts.isParameter(param) && param.initializer ? unwrap(param.initializer) : undefined;
    if (!fallback || !ts.isObjectLiteralExpression(fallback)) continue;
    for (const p of fallback.properties) {
      if (!ts.isPropertyAssignment(p) || propertyNameText(p.name) !== 'sessionIdGenerator' || isUndefinedValue(p.initializer)) continue;
      work.edits.push({ start: p.getStart(sf), end: p.getEnd(), text: 'sessionIdGenerator: undefined' });
      work.changes.push({ line: lineOf(sf, p.getStart(sf)), description: `the default of ${(param as TS.ParameterDeclaration).name.getText(sf)}, spread into the transport's options, names no generator any more (sessionIdGenerator: undefined)`, safety: 'safe' });
    }
  }
}

function rewriteOptions(construction: { node: TS.NewExpression; options: TS.ObjectLiteralExpression }, sf: TS.SourceFile, ctx: CodemodContext, work: Work): void {
  const props = construction.options.properties;
  const remove: TS.Node[] = [];
  let comment: TextEdit | undefined;
  for (const prop of props) {
    const name = propertyNameText(prop.name as TS.PropertyName);
    const line = lineOf(sf, prop.getStart(sf));
    if (name === 'sessionIdGenerator') {
      work.edits.push({ start: prop.getStart(sf), end: prop.getEnd(), text: 'sessionIdGenerator: undefined' });
      // A caller's option handed on (a library's `{ sessionIdGenerator }` from its config): it becomes a no-op.
      const option = ts.isShorthandPropertyAssignment(prop) || (ts.isPropertyAssignment(prop) && passedThrough(unwrap(prop.initializer)));
      work.changes.push(
        option
          ? { line, description: "transport made stateless (sessionIdGenerator: undefined): the caller's option it handed on no longer does anything; drop it from the options the callers pass", safety: 'review' }
          : { line, description: 'transport made stateless (sessionIdGenerator: undefined)', safety: 'safe' },
      );
      // A comment after it on its line spoke of the old generator (`// use the pre-generated id`).
      const rest = /^(\s*,?)([ \t]*\/\/[^\n]*)/.exec(sf.text.slice(prop.getEnd()));
      if (rest) comment = { start: prop.getEnd() + rest[1].length, end: prop.getEnd() + rest[0].length, text: '' };
      if (ts.isPropertyAssignment(prop)) {
        walk(prop.initializer, (n) => {
          if (ts.isIdentifier(n)) work.mintedIds?.add(n.text);
          return undefined;
        });
      }
    } else if (name && SESSION_OPTIONS.has(name)) {
      remove.push(prop);
      const cleanup = cleanupHandedOverIn(prop);
      work.changes.push(cleanup ? cleanupHandedOverChange(line, `${name} session bookkeeping`, cleanup) : { line, description: `removed ${name} session bookkeeping`, safety: 'safe' });
    } else if (name === 'eventStore' && ctx.allows('review')) {
      remove.push(prop);
      // The store's class (the application's own, imported: trial 78A B8), whose import the build
      // would report unused (noUnusedLocals) once nothing else uses it.
      const store = ts.isPropertyAssignment(prop) ? unwrap(prop.initializer) : undefined;
      if (store && ts.isNewExpression(store) && ts.isIdentifier(store.expression)) (work.droppedStores ??= new Set()).add(store.expression.text);
      work.changes.push({ line, description: 'removed eventStore: 2026-07-28 has no stream resumability', safety: 'review' });
    }
  }
  const removals = removeListElements(remove, props, sf);
  // The removal of the member after it (`onsessioninitialized`, the last one) may span that comment
  // already: it keeps the lines between, so the comment goes from its text instead.
  const spanning = comment && removals.find((r) => r.start < comment!.end && comment!.start < r.end);
  if (comment && spanning) spanning.text = spanning.text.replace(sf.text.slice(comment.start, comment.end), '');
  work.edits.push(...removals);
  if (comment && !spanning) work.edits.push(comment);
}

/** Replaces the session if/else-if chain with the statements of the branch that built the transport. */
function unwrapDispatch(
  construction: { node: TS.NewExpression; options: TS.ObjectLiteralExpression },
  facts: SessionFacts,
  maps: Set<string>,
  text: string,
  sf: TS.SourceFile,
  work: Work,
  optionEdits: TextEdit[],
  review: DispatchReview | undefined,
  via: HelperCall | undefined,
  twins: ReadonlySet<TS.Node>,
): boolean {
  const site = via?.site ?? construction.node;
  const statement = statementOf(site);
  const branch = statement && branchOf(statement);
  const root = branch && dispatchRoot(branch, facts, maps);
  if (!statement || !branch || !root) return false;
  // The chain inside a guard that also tests there is no session id (see absenceGuardAround): one
  // whose test is nothing else would have to go whole, which this rewrite does not do.
  const around = absenceGuardAround(root, facts);
  if (around && around.kept.length === 0) return false;
  // Two branches of the chain that build a transport (one for initialize, one that revives a
  // session another instance minted from a key kept under its id): which one every request
  // should run is not for this rewrite to guess. It kept the reviving one, which looked the
  // caller's key up by the session id, and every request answered 404 (trial 34A).
  // (Counted through a helper of the file that builds one too; a stateless one, `sessionIdGenerator:
  // undefined` or none, is no session to choose.)
  const transportClass = calleeName(construction.node);
  const sessionful = (text: string) => /\bsessionIdGenerator\s*:(?!\s*undefined\b)/.test(text);
  let built = 0;
  walk(root, (n) => {
    if (ts.isNewExpression(n) && calleeName(n) === transportClass && sessionful(n.getText(sf))) built += twins.has(n) ? 0 : 1;
    else if (ts.isCallExpression(n) && !(via && n.pos >= via.site.pos && n.end <= via.site.end)) {
      const helper = facts.callTarget(n);
      const body = helper?.body?.getText();
      if (body && body.includes(`new ${transportClass}`) && sessionful(body)) built++;
    }
    return undefined;
  });
  if (via) built++;
  if (built > 1) return false;
  // A declaration of the branch made from the initialize request's params (`const name =
  // req.body.params.clientInfo.name`): for every request it would throw, and under a test for
  // initialize its name would leave the scope of what uses it (review of trial 34B's fix). Left, marked.
  if (branch.statements.some((s) => ts.isVariableStatement(s) && initializeParamsRead(s))) return false;
  const fn = enclosingFunction(root);
  const transportName = transportVariable(site) ?? 'transport';
  // The edits inside the branch, which moves in the chain's place; a helper's are made where it is.
  const inner: TextEdit[] = via ? [] : [...optionEdits];
  const refusal = via ? undefined : deadMethodRefusal(branch, root, fn, sf);
  if (refusal) {
    inner.push(removeStatement(refusal, sf));
    work.changes.push({ line: lineOf(sf, refusal.getStart(sf)), description: 'removed the branch\'s refusal of a non-POST request with no session: the 405 check ahead of the transport answers those now', safety: 'safe' });
  }
  const kept = branch.statements.filter((s) => s !== refusal && keptInBranch(s, site, facts, maps, sf, work, inner));
  if (via) {
    work.edits.push(...optionEdits);
    const made = statementOf(construction.node);
    for (const s of via.body.statements) if (s !== made && s !== via.returned) keptInBranch(s, construction.node, facts, maps, sf, work, work.edits);
  }
  const last = kept[kept.length - 1];
  const endsWithReturn = isBareReturn(last);
  // (Inside a guard that stays, the `return` stays too: what follows the guard, a refusal, would
  // answer again after the transport did, review 94 point 4.)
  if (endsWithReturn && !around) inner.push(removeStatement(last, sf));

  // Close the per-request transport when the response closes. Only the transport: closing it
  // ends the server's connection too (an SDK server's close() closes its transport), and what
  // the branch connected may be the application's own wrapper, with no close() at all.
  // `let transport = sid ? transports[sid] : undefined;` before the chain + `transport = new ...` in
  // the branch become one `const transport = new ...`.
  const declaration = lookupDeclaration(root, transportName, facts, maps);
  const assigned = ts.isExpressionStatement(statement) && ts.isBinaryExpression(unwrap(statement.expression));
  const first = kept[0] ?? statement;
  const startsLine = (s: TS.Statement) => /^[ \t]*$/.test(text.slice(lineStart(text, s.getStart(sf)), s.getStart(sf)));
  // The branch's `{` on the line of its first statement (trial 69A B1): its lines are those of the
  // first statement that starts a line of its own, if any, or the `if`'s.
  const opensOnLine = lineStart(text, first.getStart(sf)) <= branch.getStart(sf);
  const rootIndent = indentAt(text, root.getStart(sf));
  const ownLine = opensOnLine ? branch.statements.find((s) => startsLine(s)) : first;
  const branchIndent = ownLine ? indentAt(text, ownLine.getStart(sf)) : rootIndent;
  const handle = fn ? handleRequestIn(fn) : undefined;
  if (handle?.response) {
    const indent = startsLine(statement) ? indentAt(text, statement.getStart(sf)) : branchIndent;
    // A variable declared elsewhere (`let transport = sid ? map[sid] : undefined` further up) may
    // be typed `T | undefined`, and a closure does not see the assignment narrow it.
    const access = assigned && !declaration ? '?.' : '.';
    inner.push({ start: statement.getEnd(), end: statement.getEnd(), text: closeHook(handle.response, `${transportName}${access}`, indent, work) });
  }

  if (declaration && assigned) {
    const assignment = unwrap(statement.expression) as TS.BinaryExpression;
    const decl = declaration.declarationList.declarations[0];
    const type = decl.type ? `: ${decl.type.getText(sf)}` : '';
    inner.push({ start: assignment.getStart(sf), end: assignment.right.getStart(sf), text: `const ${transportName}${type} = ` });
    work.edits.push(removeStatement(declaration, sf));
  }
  // The application's own branches ahead of the transport's stay, each an if of its own, in order.
  const ownLinks: TS.IfStatement[] = [];
  for (let link: TS.Statement | undefined = root; link && ts.isIfStatement(link) && !(link.thenStatement.pos <= site.pos && site.end <= link.thenStatement.end); link = link.elseStatement) {
    if (leadingOwnBranch(link, site, maps, fn ?? sf)) ownLinks.push(link);
  }
  // `const created = new ...; ...; transport = created;` with `let transport = <lookup>` before the
  // chain: the lookup goes, and the assignment declares it (`const transport = created;`) where
  // nothing before it is left to read it; else the declaration stays (`let transport: T | undefined;`).
  for (const s of kept) {
    if (!ts.isExpressionStatement(s)) continue;
    const e = unwrap(s.expression);
    if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || e.right.getText() !== transportName) continue;
    const served = lookupDeclaration(root, e.left.getText(), facts, maps);
    const decl = served?.declarationList.declarations[0];
    if (served && decl && declaredByAssignment(served, s, root, branch, ownLinks)) {
      work.edits.push(removeStatement(served, sf));
      inner.push({ start: s.getStart(sf), end: s.getStart(sf), text: 'const ' });
    } else if (decl?.initializer) {
      const from = decl.type ? decl.type.getEnd() : decl.name.getEnd();
      work.edits.push({ start: from, end: decl.initializer.getEnd(), text: '' });
    }
  }

  markStrandedLookups(root, branch, transportName, sf, work);
  // The branch's own comment said what it was for (`// New initialization request`, `// new
  // session`): above what now serves every request, it would mislead, so it goes with the branch.
  const withComments = lineStart(text, startWithLeadingComments(first, sf));
  const own = lineStart(text, first.getStart(sf));
  // A branch whose `{` shares a line with its first statement (`if (!t) { t = new ...; await
  // server.connect(t); }`): the content starts after the brace, not at the line's start, which
  // kept `if (!t) {` around the new `const` and the rewrite was given up (trial 69A B1).
  const contentStart = Math.max(/initiali[sz]|session/i.test(text.slice(withComments, own)) ? own : withComments, opensOnLine ? branch.getStart(sf) + 1 : 0);
  const contentEnd = branch.statements[branch.statements.length - 1].getEnd();
  const content = statementPerLine(reindent(sliceWithEdits(text, contentStart, contentEnd, inner), branchIndent, rootIndent).replace(/^[ \t]*/, '').replace(/\n+$/, ''), rootIndent, sf.fileName);
  const ownBranches = ownLinks.map((link) => sliceWithEdits(text, link.getStart(sf), link.thenStatement.getEnd(), inner));
  const ownTests = ownLinks.map((link) => codeSpan(link.expression.getText(sf), 60));
  work.edits.push({ start: root.getStart(sf), end: root.getEnd(), text: [...ownBranches, content].join(`\n${rootIndent}`) });
  work.changes.push({
    line: lineOf(sf, root.getStart(sf)),
    description: `session dispatch (the branches that found or created a session's transport) replaced by a per-request transport${perRequestSetup(review)}${ownTests.length > 0 ? ` (kept ahead of it, now asked of every request: ${ownTests.join(', ')})` : ''}${work.dispatchNote ?? ''}`,
    // The chain's own branches now see requests their place in it kept from them: a change to review.
    safety: review || ownTests.length > 0 ? 'review' : (work.dispatchSafety ?? 'safe'),
  });

  // A declaration the branch made that the code after the chain makes again, the same way (`const
  // apiKey = (req as any).apiKey;` in both): now in one block, the second would redeclare it, and
  // the file would not load (trial 34A). The second goes; one made otherwise is left to the
  // runner's check, which refuses the rewrite.
  if (ts.isBlock(root.parent)) {
    const siblings = root.parent.statements;
    const following = siblings.slice(siblings.indexOf(root) + 1);
    for (const k of kept) {
      const declared = singleDeclaration(k);
      if (!declared) continue;
      const again = following.find((f) => {
        const other = singleDeclaration(f);
        return other && other.name === declared.name && other.text === declared.text;
      });
      if (!again) continue;
      work.edits.push(removeStatement(again, sf));
      work.changes.push({ line: lineOf(sf, again.getStart(sf)), description: `removed the second \`${declared.name}\` declaration: the branch's, the same, now stands above it for every request`, safety: 'safe' });
    }
  }
  // After `return` in the creating branch, what followed the if-chain ran only for requests no
  // branch ended: a known session's request it served (`await transport.handleRequest(...)`), or
  // the refusal of the rest (`res.status(400)...`). With the branch's content in the chain's place
  // and its `return` gone, every request would run on into it: what serves goes, and the rest is
  // unreachable as below (the refusal answering after the transport did crashed the server).
  let afterReturn: TS.Statement[] = [];
  if (endsWithReturn && ts.isBlock(root.parent)) {
    const siblings = root.parent.statements;
    const following = siblings.slice(siblings.indexOf(root) + 1);
    let i = 0;
    for (; i < following.length; i++) {
      const s = following[i];
      const onlyServes = ts.isExpressionStatement(s) && /\.handleRequest\(/.test(s.getText());
      if (onlyServes || isBareReturn(s)) work.edits.push(removeStatement(s, sf));
      else break;
    }
    afterReturn = following.slice(i).filter((s) => !hoisted(s));
  }
  // Before the chain, an early return that served a known session's transport (the dispatch's
  // first half, written apart): with transports kept nowhere it never finds one.
  // Or that refused a request whose session is not known (`if (sid && !transport) { 404 }`): the
  // dispatch's other half, gone with its lookup (trial 66C B1). Before the guard around the chain
  // too, whose test of the id's absence goes (trial 75A B1: `if (!sid && method === 'POST')`
  // kept, a request that carried an id got the refusal after it).
  if (around) {
    const keptText = around.kept.map((t) => t.getText(sf)).join(' && ');
    work.edits.push({ start: around.guard.expression.getStart(sf), end: around.guard.expression.getEnd(), text: keptText });
    work.changes.push({ line: lineOf(sf, around.guard.getStart(sf)), description: `dropped the test that the request carries no session id from the guard around the dispatch, which keeps ${codeSpan(keptText)}: a request that still carries one (a 2025 client's) is served like any other`, safety: review ? 'review' : (work.dispatchSafety ?? 'safe') });
  }
  for (const at of around ? [root, around.guard] : [root]) {
    if (!ts.isBlock(at.parent) || !fn) continue;
    const siblings = at.parent.statements;
    for (const s of siblings.slice(0, siblings.indexOf(at))) {
      if (servesKnownSession(s, facts, maps, fn)) {
        work.edits.push(removeStatement(s, sf));
        work.changes.push({ line: lineOf(sf, s.getStart(sf)), description: "removed the branch that served a known session's transport (per-request transports are kept nowhere)", safety: review ? 'review' : (work.dispatchSafety ?? 'safe') });
      } else if (refusesWithout(s, transportName, { facts, maps })) {
        work.edits.push(removeStatement(s, sf));
        work.changes.push(unknownSessionRefusalRemoved(s, sf));
      }
    }
  }
  // A refusal right after the chain for a request no branch gave a transport (`if (!transport) {
  // res.status(400)...; return }`): the transport is now built on every request, so it never runs.
  const returnsAfter = last && ts.isReturnStatement(last) && last.expression;
  if (!endsWithReturn && !returnsAfter && ts.isBlock(root.parent)) {
    const siblings = root.parent.statements;
    const next = siblings[siblings.indexOf(root) + 1];
    if (next && refusesWithout(next, transportName)) {
      work.edits.push(removeStatement(next, sf));
      work.changes.push({ line: lineOf(sf, next.getStart(sf)), description: `removed the refusal of a request with no transport (\`if (!${transportName})\`): the transport is built on every request`, safety: 'safe' });
    }
  }
  // The map filed after the chain once the transport has its id (`await transport.handleRequest(...);
  // if (transport.sessionId) transports.set(transport.sessionId, transport)`): a stateless transport
  // never has one, so the filing never runs (trial 24C). It goes, and the map with it when unused.
  if (!endsWithReturn && !returnsAfter && ts.isBlock(root.parent)) {
    const siblings = root.parent.statements;
    for (const s of siblings.slice(siblings.indexOf(root) + 1)) {
      if (!filesOnceMinted(s, transportName, maps)) continue;
      work.edits.push(removeStatement(s, sf));
      work.changes.push({ line: lineOf(sf, s.getStart(sf)), description: `removed the session-map filing after the request (\`${transportName}.sessionId\` is always undefined on a stateless transport, so it never ran)`, safety: 'safe' });
    }
  }
  // The creating branch returns what it served (`return transport.handleRequest(...)`): in its
  // place, that return ends the function for every request, and what followed the chain (the
  // refusal of requests that were not initialize) can no longer run. Declarations stay (hoisted).
  const returnsServed = last && ts.isReturnStatement(last) && last.expression && ts.isBlock(root.parent);
  if (returnsServed || afterReturn.length > 0) {
    const siblings = (root.parent as TS.Block).statements;
    const unreachable = returnsServed ? siblings.slice(siblings.indexOf(root) + 1).filter((s) => !hoisted(s)) : afterReturn;
    for (const s of unreachable) work.edits.push(removeStatement(s, sf));
    if (unreachable.length > 0) {
      // A refusal (a response, a return, a log line) goes unremarked; the application's own work (a
      // metric, a forward to a backend) ran for requests that were not initialize: to review.
      const onlyRefuses = unreachable.every((s) => otherWork(s) === undefined);
      work.changes.push({
        line: lineOf(sf, unreachable[0].getStart(sf)),
        description: onlyRefuses
          ? 'removed what followed the session dispatch: every request now returns through the per-request transport, so it could no longer run'
          : 'removed what followed the session dispatch, work of its own among it: every request now returns through the per-request transport, so it could no longer run; it ran for requests that were not initialize, and may belong before the transport now',
        safety: onlyRefuses ? 'safe' : 'review',
      });
    }
  }
  return true;
}

/**
 * The guard a dispatch chain sits in that also tests the request carries no session id, and
 * otherwise only its method (`if (!sid && c.req.method === 'POST') { const body = ...; if
 * (isInitializeRequest(body)) { ... } }`, trial 75A B1): once every request is served by a
 * per-request transport, a request that still carries an id must reach it too. `kept`: the
 * method tests, which stay.
 */
function absenceGuardAround(root: TS.IfStatement, facts: SessionFacts): { guard: TS.IfStatement; kept: TS.Expression[] } | undefined {
  const block = root.parent;
  const guard = ts.isBlock(block) ? block.parent : undefined;
  if (!guard || !ts.isIfStatement(guard) || guard.elseStatement || guard.thenStatement !== block) return undefined;
  const terms = joinedTerms(guard.expression, ts.SyntaxKind.AmpersandAmpersandToken);
  const absent = terms.filter((t) => testsAbsence(t, facts));
  const kept = terms.filter((t) => !absent.includes(t));
  const isPostTest = (t: TS.Expression) => ts.isBinaryExpression(t) && /^===?$/.test(t.operatorToken.getText()) && /(^|\.)method$/.test(t.left.getText()) && /^['"]POST['"]$/.test(t.right.getText());
  return absent.length > 0 && kept.every(isPostTest) ? { guard, kept } : undefined;
}

/**
 * A `const` statement declaring one name from a plain read (`const apiKey = (req as any).apiKey`),
 * with its text (to compare two). Not a `let` (a second one resets what the branch changed), nor
 * a value made by a call, `new` or `await` (the second runs it again).
 */
function singleDeclaration(s: TS.Statement): { name: string; text: string } | undefined {
  if (!ts.isVariableStatement(s) || (s.declarationList.flags & ts.NodeFlags.Const) === 0 || s.declarationList.declarations.length !== 1) return undefined;
  const d = s.declarationList.declarations[0];
  if (!ts.isIdentifier(d.name) || !d.initializer) return undefined;
  let effects = false;
  walk(d.initializer, (n) => {
    if (ts.isCallExpression(n) || ts.isNewExpression(n) || ts.isAwaitExpression(n) || ts.isYieldExpression(n) || isFunctionLike(n)) effects = true;
    return effects ? false : undefined;
  });
  return effects ? undefined : { name: d.name.text, text: `const ${d.getText().replace(/\s+/g, ' ')}` };
}

/**
 * What becomes of one statement of the branch that built a session's transport (or of the helper
 * that builds it, HelperCall) once every request builds one: the initialize gate, the map's
 * bookkeeping, the branch's log line and what it did with the session's earlier transport go
 * (their removal in `edits`); the rest stays (false: it went), marked where it does more than the
 * session's bookkeeping.
 */
function keptInBranch(s: TS.Statement, site: TS.Expression, facts: SessionFacts, maps: Set<string>, sf: TS.SourceFile, work: Work, edits: TextEdit[]): boolean {
  const guard = initializeGuardTerms(s, facts);
  if (guard?.kept.length === 0) {
    edits.push(removeStatement(s, sf));
    work.changes.push({ line: lineOf(sf, s.getStart(sf)), description: 'removed the initialize gate (2026-07-28 has no handshake)', safety: 'safe' });
    return false;
  }
  // Or'ed with the route's own tests: in the branch that built a session's transport it ran on
  // initialize only; unwrapped, it would refuse every later request (trial 26C).
  if (guard) keepOwnTests(s as TS.IfStatement, guard.kept, sf, edits, work, 'safe');
  if (isMapBookkeeping(s, maps)) {
    edits.push(removeStatement(s, sf));
    work.changes.push(bookkeepingRemoved(s, maps, sf));
    return false;
  }
  // `if (sid) { res.status(404)...; return; }` in the branch for a request no transport was found
  // for: the refusal of a session this server does not know, the dispatch's as the lookup is.
  // Moved out with the branch's content it refused every request that carries Mcp-Session-Id,
  // which a stateless server ignores (trial 73C B2). One that does more than answer stays, marked.
  const refusal = unknownSessionRefusal(s, facts, maps);
  if (refusal?.answersOnly) {
    edits.push(removeStatement(s, sf));
    work.changes.push(dispatchRefusalRemoved(s as TS.IfStatement, 'it ran only in the branch for a request no transport was found for, and moved out of it', sf));
    return false;
  }
  if (refusal) work.markers.push({ pos: s.getStart(sf), message: unknownSessionRefusalKept(refusal), link: SPEC_TRANSPORT });
  // The transport filed in a session store by a method of its own: bookkeeping too, but what else
  // the method does is not seen here, so its removal is a change to review (dispatchReview).
  const filed = filesTransport(s, transportVariable(site) ?? 'transport', maps);
  if (filed) {
    edits.push(removeStatement(s, sf));
    work.changes.push({
      line: lineOf(sf, s.getStart(sf)),
      description: `removed ${filed.store}.${filed.method}(...), which filed the session's transport in ${filed.store}: run on every request it would add an entry that nothing removes (each transport closes with its response); check that ${filed.method}() did nothing more than keep the session`,
      safety: 'review',
    });
    return false;
  }
  // `console.log('Creating new transport for initialization request')`: it told of the branch for a
  // new session, and would print on every request once every request builds one (trial 18C).
  if (isLogStatement(s) && /initiali[sz]|new session|session (created|started)/i.test(s.getText())) {
    edits.push(removeStatement(s, sf));
    work.changes.push({ line: lineOf(sf, s.getStart(sf)), description: 'removed the log line of the branch for a new session (it would print on every request)', safety: 'safe' });
    return false;
  }
  // What the branch read from the initialize request's params (`req.body.params.clientInfo.name`):
  // only initialize carries them, and once the statement runs for every request a later one
  // (notifications/initialized, tools/call) has no params or other ones, and the read throws
  // (trial 34B: every request after initialize answered 500). A log line of it goes; other work
  // stays where it ran, under a test for initialize (`if (req.body?.method === 'initialize')`), marked.
  const params = initializeParamsRead(s);
  if (params && isLogStatement(s)) {
    edits.push(removeStatement(s, sf));
    work.changes.push({ line: lineOf(sf, s.getStart(sf)), description: `removed the log line of the initialize handshake (it reads ${params.getText(sf)}, which only initialize carries, and would throw on later requests)`, safety: 'safe' });
    return false;
  }
  if (params && !ts.isVariableStatement(s)) {
    const body = sf.text.slice(s.getStart(sf), s.getEnd());
    const indent = indentAt(sf.text, s.getStart(sf));
    const request = requestBodyOf(params, sf);
    if (request) {
      edits.push({ start: s.getStart(sf), end: s.getEnd(), text: `if (${request}?.method === ${work.quote}initialize${work.quote}) {\n${indent}${work.unit}${body.split('\n').join(`\n${work.unit}`)}\n${indent}}` });
      work.changes.push({ line: lineOf(sf, s.getStart(sf)), description: `kept what the branch did with the initialize request's params (${params.getText(sf)}) for initialize requests only: later requests do not carry them`, safety: 'review' });
      work.markers.push({ pos: s.getStart(sf), message: `this reads the params of the initialize request (${params.getText(sf)}), which 2026-07-28 clients never send: it now runs only for a 2025 client's initialize; take what it needs from each request (its _meta, the Authorization header) instead`, link: SPEC_TRANSPORT });
      return true;
    }
  }
  if (actsOnEarlierTransport(s, site)) {
    edits.push(removeStatement(s, sf));
    work.changes.push({ line: lineOf(sf, s.getStart(sf)), description: "removed what the branch did with the session's earlier transport (a re-initialize on a live session): per request there is none", safety: 'safe' });
    return false;
  }
  if (sessionElseWithWork(s, maps)) work.markers.push({ pos: s.getStart(sf), message: SESSION_ELSE_MESSAGE, link: SPEC_TRANSPORT });
  // (The statement itself: not one inside a session callback of the options, which go with them.)
  const assigned = ts.isExpressionStatement(s) ? unwrap(s.expression) : undefined;
  if (assigned && ts.isBinaryExpression(assigned) && assigned.operatorToken.kind === ts.SyntaxKind.EqualsToken && /\.(onclose|onsessionclosed)$/.test(assigned.left.getText())) {
    work.markers.push({
      pos: s.getStart(sf),
      message: 'this close handler does more than forget the session: with a per-request transport it runs when every request ends, with no session id; keep only what must happen per request',
      link: SPEC_TRANSPORT,
    });
  }
  return true;
}

/**
 * The first read in a statement of the params of the initialize request the route was handed
 * (`req.body.params.clientInfo`, `body?.params?.capabilities`): `<x>.body.params`, or a body's
 * `params` read for what only initialize carries (clientInfo, capabilities, protocolVersion).
 * Not Express's route params (`req.params.id`).
 */
function initializeParamsRead(s: TS.Statement): TS.PropertyAccessExpression | undefined {
  let found: TS.PropertyAccessExpression | undefined;
  walk(s, (n) => {
    if (found) return false;
    // (Not in a callback the statement only hands on, `onsessioninitialized: (id) => ...`: it does not run with the statement.)
    if (isFunctionLike(n)) return false;
    if (!ts.isPropertyAccessExpression(n) || n.name.text !== 'params') return undefined;
    const holder = unwrap(n.expression);
    const onBody = (ts.isPropertyAccessExpression(holder) && holder.name.text === 'body') || (ts.isIdentifier(holder) && holder.text === 'body');
    const next = ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n ? n.parent.name.text : undefined;
    if (onBody || (next !== undefined && /^(clientInfo|capabilities|protocolVersion)$/.test(next))) found = n;
    return undefined;
  });
  return found;
}

/** The request body a read of initialize's params goes through (`req.body` of `req.body.params`), as written. */
function requestBodyOf(params: TS.PropertyAccessExpression, sf: TS.SourceFile): string | undefined {
  const holder = unwrap(params.expression);
  return ts.isPropertyAccessExpression(holder) || ts.isIdentifier(holder) ? holder.getText(sf).replace(/\?$/, '') : undefined;
}

/**
 * `if (!transport) { res.status(400).json(...); return; }`: a refusal only (no else, no work of its
 * own) of a request without a transport. With `session`, instead the refusal of a request whose
 * session is not known (`if (sid && !transport)`, `if (!t && sid)`, `if (sessionId &&
 * !transports[sessionId])`, a 404 "Session not found" as a rule): the session id tested, and the
 * transport looked up for it (or the lookup itself) missing. That is the session dispatch's too: a
 * stateless server serves a request whatever Mcp-Session-Id it carries. Kept above the per-request
 * transport, it refused every such request, and read the lookup the rewrite deletes (trial 66C B1:
 * `t` used before its new declaration, every request with the header answered 500).
 */
function refusesWithout(s: TS.Statement, transportName: string | undefined, session?: { facts: SessionFacts; maps: ReadonlySet<string> }): s is TS.IfStatement {
  if (!ts.isIfStatement(s) || s.elseStatement) return false;
  const missing = (term: TS.Node) => {
    const e = unwrap(term);
    if (!ts.isPrefixUnaryExpression(e) || e.operator !== ts.SyntaxKind.ExclamationToken) return false;
    const operand = unwrap(e.operand);
    if (operand.getText() === transportName) return true;
    // (The lookup read in place, or through a local that holds it: `const existing = transports[sid]`.)
    return !!session && looksUp(resolveInitializer(e.operand) ?? operand, session.maps, session.facts);
  };
  const test = unwrap(s.expression);
  if (session) {
    if (!ts.isBinaryExpression(test) || test.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken) return false;
    const tested = (term: TS.Expression) => session.facts.isSessionId(term);
    if (!((tested(test.left) && missing(test.right)) || (missing(test.left) && tested(test.right)))) return false;
  } else if (!missing(test)) return false;
  const body = ts.isBlock(s.thenStatement) ? [...s.thenStatement.statements] : [s.thenStatement];
  const end = body[body.length - 1];
  return !!end && (ts.isReturnStatement(end) || ts.isThrowStatement(end)) && body.every((st) => otherWork(st) === undefined);
}

/**
 * A refusal of a request whose session is not known, as the branch of the dispatch that builds a
 * transport writes it (keptInBranch): no else, a test of the session id alone (`if (sid)`, `if
 * (sessionId !== undefined)`), or with its lookup missing (refusesWithout's `if (sid &&
 * !transports.has(sid))`), and a body that ends in a return or a throw and answers a literal 4xx
 * status (`res.status(404).json(...)`, `new Response('...', { status: 404 })`). In that branch the
 * lookup already came up empty, so the id names a session this server does not have.
 * `answersOnly`: that answer is all it does; otherwise `work` names the call that does more. Not a
 * 404 of the route's own for something else (an unknown tenant): its test reads no session id.
 */
function unknownSessionRefusal(s: TS.Statement, facts: SessionFacts, maps: ReadonlySet<string>): { answersOnly: boolean; work?: TS.CallExpression; id?: string } | undefined {
  if (!ts.isIfStatement(s) || s.elseStatement) return undefined;
  const test = unwrap(s.expression);
  const present =
    facts.isSessionId(test) ||
    (ts.isBinaryExpression(test) &&
      (test.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || test.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsToken) &&
      ((isNullish(test.right) && facts.isSessionId(test.left)) || (isNullish(test.left) && facts.isSessionId(test.right))));
  const body = ts.isBlock(s.thenStatement) ? [...s.thenStatement.statements] : [s.thenStatement];
  const end = body[body.length - 1];
  if (!end || !(ts.isReturnStatement(end) || ts.isThrowStatement(end))) return undefined;
  if (!present && !refusesWithout(s, undefined, { facts, maps })) return undefined;
  const work = body.map((st) => otherWork(st)).find((call) => call !== undefined);
  let status: number | undefined;
  walk(s.thenStatement, (n) => {
    const literal = (e: TS.Node | undefined) => (e && ts.isNumericLiteral(unwrap(e)) ? Number((unwrap(e) as TS.NumericLiteral).text) : undefined);
    if (ts.isCallExpression(n) && /^(status|sendStatus|writeHead|code)$/.test(calleeName(n) ?? '')) status ??= literal(n.arguments[0]);
    // (Hono's context answers with the status second: `c.json({ ... }, 404)`, `c.text('...', 404)`; trial 76B B8.)
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(unwrap(n.expression)) && /^(json|text|body|html|newResponse)$/.test(calleeName(n) ?? '') && n.arguments.length >= 2) status ??= literal(n.arguments[1]);
    // (Koa's `ctx.status = 404` beside node's `res.statusCode = 404`.)
    if (isAssignment(n) && ts.isPropertyAccessExpression(unwrap(n.left)) && /^(statusCode|status)$/.test((unwrap(n.left) as TS.PropertyAccessExpression).name.text)) status ??= literal(n.right);
    // (A web-standard answer's init: `new Response(body, { status: 404 })`, `Response.json(body, { status: 404 })`.)
    if (ts.isPropertyAssignment(n) && propertyNameText(n.name) === 'status') status ??= literal(n.initializer);
    return undefined;
  });
  // (A test of the id that does not answer 4xx, a session revived from a store, say, is no refusal.)
  if (status === undefined || status < 400 || status >= 500) return undefined;
  // (The id as the test names it, for the marker: `sid` of `if (sid)` or `if (sid && !open[sid])`.)
  const sides = ts.isBinaryExpression(test) ? [test.left, test.right] : [test];
  const id = sides.map((e) => unwrap(e)).find((e) => facts.isSessionId(e));
  return { answersOnly: !work, work, id: id && ts.isIdentifier(id) ? id.text : undefined };
}

/** The change of a removed unknown-session refusal (unknownSessionRefusal), `ran`: where it ran in the dispatch, and how it would run now. */
function dispatchRefusalRemoved(s: TS.IfStatement, ran: string, sf: TS.SourceFile): Change {
  return {
    line: lineOf(sf, s.getStart(sf)),
    description: `removed the refusal of a request whose session is not known (${codeSpan(`if (${s.expression.getText(sf)})`, 60)}) with the dispatch it was part of: ${ran}, it would refuse every request that carries Mcp-Session-Id, which a stateless server ignores`,
    safety: 'safe',
  };
}

/** The marker of an unknown-session refusal of the dispatch's branch left in place (unknownSessionRefusal): it was the dispatch's, and now refuses every request with the header. */
function unknownSessionRefusalKept(refusal: { work?: TS.CallExpression; id?: string }): string {
  const why = `it also does work of its own (${refusal.work ? calleeName(refusal.work) : ''}(...))`;
  return `this refusal of a session the server did not know${refusal.id ? ` (\`${refusal.id}\`)` : ''} was part of the session dispatch this rewrite removed (it ran only when no transport was found for the request's Mcp-Session-Id); out of the dispatch it refuses every request that carries the header, which a 2026-07-28 server ignores (gateways and 2025 clients still send it). It was left because ${why}: keep what must happen per request, and remove the refusal`;
}

/** The change of a removed refusal of a request whose session is not known (refusesWithout with `session`). */
function unknownSessionRefusalRemoved(s: TS.IfStatement, sf: TS.SourceFile): Change {
  return {
    line: lineOf(sf, s.getStart(sf)),
    description: `removed the refusal of a request whose session is not known (${codeSpan(`if (${s.expression.getText(sf)})`, 60)}): a stateless server serves a request whatever Mcp-Session-Id it carries`,
    safety: 'safe',
  };
}

/**
 * A `let` declared before the dispatch chain that only the chain's other branches set (`session =
 * sessions.get(id)`), still tested after it (`if (session && !session.ctx.token)`, a per-session
 * auth check): with the chain gone it stays undefined, and that code never runs. Marked where it
 * is first used after the chain.
 */
function markStrandedLookups(root: TS.IfStatement, kept: TS.Block, transportName: string, sf: TS.SourceFile, work: Work): void {
  if (!ts.isBlock(root.parent)) return;
  const siblings = root.parent.statements;
  const inside = (n: TS.Node, of: TS.Node) => n.pos >= of.pos && n.end <= of.end;
  for (const s of siblings.slice(0, siblings.indexOf(root))) {
    if (!ts.isVariableStatement(s) || !(s.declarationList.flags & ts.NodeFlags.Let)) continue;
    for (const decl of s.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name) || decl.name.text === transportName) continue;
      const refs = referencesTo(root.parent, decl as Declaration & { name: TS.Identifier });
      const assigned = refs.filter((r) => ts.isBinaryExpression(r.parent) && r.parent.left === r && r.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken);
      if (assigned.length === 0 || decl.initializer || !assigned.every((r) => inside(r, root) && !inside(r, kept))) continue;
      const after = refs.find((r) => r.pos >= root.end);
      if (!after) continue;
      work.markers.push({
        pos: (statementOf(after) ?? after).getStart(sf),
        message: `${decl.name.text} was set by the session dispatch this rewrite removed, so it stays undefined and code that tests it here no longer runs (a per-session check, say): do on every request what it did for a session`,
        link: SPEC_TRANSPORT,
      });
    }
  }
}

/** A statement that takes effect before the code around it runs: a function, class or type declaration, a `var`. */
function hoisted(s: TS.Statement): boolean {
  if (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isEnumDeclaration(s) || ts.isModuleDeclaration(s)) return true;
  return ts.isVariableStatement(s) && (s.declarationList.flags & ts.NodeFlags.BlockScoped) === 0;
}

/** What a GET/DELETE session handler may call and still only serve the session: responses, lookups, logs. */
const SESSION_ROUTE_CALLS = new Set([
  // Answering: express, fastify, hono, node:http.
  'handleRequest', 'status', 'sendStatus', 'json', 'send', 'end', 'set', 'header', 'headers', 'writeHead', 'setHeader', 'getHeader', 'removeHeader', 'flushHeaders', 'code', 'type', 'text', 'body', 'next', 'on', 'once',
  // fastify taking the raw response over for the stream.
  'hijack',
  // Finding the session: map lookups, reading the id.
  'get', 'has', 'delete', 'close',
  // Plain values, and the clock timing a log line (`Date.now()`, trial 48C).
  'String', 'Number', 'Boolean', 'isArray', 'stringify', 'parse', 'toString', 'trim', 'toLowerCase', 'toUpperCase', 'split', 'includes', 'startsWith', 'endsWith', 'slice',
  'now', 'hrtime', 'toISOString', 'getTime',
]);

/**
 * A call of a response method the handler saved before wrapping it to log (`const originalSend =
 * res.send; res.send = function (body) { log(...); return originalSend.call(this, body); }`,
 * trial 48C): answering, as the method itself is.
 */
function savedResponseMethod(call: TS.CallExpression): boolean {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !/^(call|apply)$/.test(callee.name.text)) return false;
  const saved = resolveInitializer(callee.expression);
  const method = saved && unwrap(saved);
  return !!method && ts.isPropertyAccessExpression(method) && SESSION_ROUTE_CALLS.has(method.name.text);
}

/**
 * The first call in a GET/DELETE handler that does more than serve the session's stream or end
 * it (an elicitation sent once the stream is open, a cleanup of the application's own): answering
 * 405 instead would drop that work without a word.
 */
function otherWork(body: TS.Node): TS.CallExpression | undefined {
  let found: TS.CallExpression | undefined;
  walk(body, (node) => {
    if (found) return false;
    // A Streamable HTTP transport the handler builds for the stream, and the server it connects
    // to it (`new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() })`,
    // `await buildServer().connect(transport)`): serving the stream, no work of its own (trial
    // 43B: a GET route so built was marked for its generator's randomUUID()).
    if (ts.isNewExpression(node) && HTTP_TRANSPORT.test(calleeName(node) ?? '')) return false;
    if (ts.isCallExpression(node) && calleeName(node) === 'connect' && node.arguments.length === 1 && builtStreamTransport(node.arguments[0], body)) {
      const server = ts.isPropertyAccessExpression(unwrap(node.expression)) ? unwrap((unwrap(node.expression) as TS.PropertyAccessExpression).expression) : undefined;
      return server && ts.isCallExpression(server) && server.arguments.length === 0 ? false : undefined;
    }
    if (ts.isCallExpression(node) && !isLogCall(node) && !SESSION_ROUTE_CALLS.has(calleeName(node) ?? '') && !savedResponseMethod(node)) found = node;
    return undefined;
  });
  return found;
}

/** Whether `e` names a Streamable HTTP transport a declaration of `body` builds. */
function builtStreamTransport(e: TS.Expression, body: TS.Node): boolean {
  const init = resolveInitializer(e);
  return !!init && init.pos >= body.pos && init.end <= body.end && ts.isNewExpression(init) && HTTP_TRANSPORT.test(calleeName(init) ?? '');
}

/** Drops the edits (and their changes) the rewrite made inside a body, the body itself not counted: it is replaced, or left as it was. */
function dropEditsWithin(body: TS.Node, sf: TS.SourceFile, work: Work): void {
  const within = (start: number, end: number) => start >= body.getStart(sf) && end <= body.getEnd() && !(start === body.getStart(sf) && end === body.getEnd());
  if (!work.edits.some((e) => within(e.start, e.end))) return;
  const [first, last] = [lineOf(sf, body.getStart(sf)), lineOf(sf, body.getEnd())];
  removeWhere(work.edits, (e) => within(e.start, e.end));
  removeWhere(work.changes, (c) => c.line >= first && c.line <= last);
}

/** The marker for a GET/DELETE session handler left as it was because it does other work. */
function markOtherWork(at: TS.Node, what: string, call: TS.CallExpression, sf: TS.SourceFile, work: Work): void {
  work.markers.push({
    pos: at.getStart(sf),
    message: `${what} also does other work with the session (${calleeName(call)}(...)), so it was left as it was: 2026-07-28 has no GET stream or session DELETE; move that work where a request needs it, then answer 405 here`,
    link: SPEC_TRANSPORT,
  });
}

/**
 * GET / DELETE on the endpoint: answer 405 instead of serving a session stream or deleting a
 * session. `maps`: the session maps the rewrite empties, for a route served by what a factory
 * makes of one (sessionMapFactoryRoute); `allows`: whether a change to review may be made.
 */
function rewriteSessionRoutes(sf: TS.SourceFile, text: string, routes: readonly Route[], mcpPaths: Set<string>, maps: ReadonlySet<string>, allows: (safety: Safety) => boolean, work: Work): void {
  const routesByHandler = new Map<TS.Node, string[]>();
  for (const route of routes) {
    if (route.handler) routesByHandler.set(route.handler, [...(routesByHandler.get(route.handler) ?? []), route.method]);
  }
  for (const route of routes) {
    if (!mcpPaths.has(route.path) || (route.method !== 'get' && route.method !== 'delete')) continue;
    const fn = route.handler;
    if (!fn) {
      sessionMapFactoryRoute(route, routes, sf, text, maps, allows, work);
      continue;
    }
    if (!fn.body || answers405(fn)) continue;
    const style: HandlerStyle = handlerStyle(fn);
    const responseName = responseParam(fn, style);
    const inline = route.handlerArg === fn || unwrap(route.handlerArg) === fn;
    const onlyGetDelete = (routesByHandler.get(fn) ?? []).every((m) => m === 'get' || m === 'delete');
    // A handler of its own whose body would be replaced: only when serving the session is all it does.
    const extra = inline || onlyGetDelete ? otherWork(fn.body) : undefined;
    if (extra) {
      // Left as it was: so is what the rewrite did inside it (the options of a transport it builds, review 45).
      dropEditsWithin(fn.body, sf, work);
      markOtherWork(route.call, `${route.method.toUpperCase()} ${route.path}`, extra, sf, work);
      continue;
    }
    if (responseName && (inline || onlyGetDelete)) {
      // The body goes: what the rewrite did inside it (the options of a transport it built) goes with it.
      dropEditsWithin(fn.body, sf, work);
      if (!work.edits.some((e) => e.start === fn.body!.getStart(sf))) {
        answerOnly405(fn, sf, text, style, responseName, work);
        work.changes.push({ line: lineOf(sf, route.call.getStart(sf)), description: `${route.method.toUpperCase()} ${route.path} answers 405 (no sessions to stream or delete)`, safety: 'safe' });
      }
      staleRouteComment(statementOf(route.call), route.method, sf, work);
    } else {
      routeAnswers405(route, style, sf, text, work, `${route.method.toUpperCase()} ${route.path} answers 405`, 'safe');
    }
  }
}

/**
 * Hands a GET or DELETE route a handler of its own that answers 405 in `style`, in place of the
 * handler it was given (shared with POST, or made by a factory), with the change `description`.
 */
function routeAnswers405(route: Route, style: HandlerStyle, sf: TS.SourceFile, text: string, work: Work, description: string, safety: Safety): void {
  const indent = indentAt(text, route.call.getStart(sf));
  const answer = style === 'koa' ? 'ctx' : 'res';
  const handler = `(${style === 'hono' ? 'c' : style === 'koa' ? 'ctx' : '_req, res'}) => ${style === 'hono' ? honoMethodNotAllowed('c', work.quote) : `{\n${indent}${work.unit}${methodNotAllowed(style, answer, work.quote, `${indent}${work.unit}`)}\n${indent}}`}`;
  work.edits.push({ start: route.handlerArg.getStart(sf), end: route.handlerArg.getEnd(), text: handler });
  work.changes.push({ line: lineOf(sf, route.call.getStart(sf)), description, safety });
  staleRouteComment(statementOf(route.call), route.method, sf, work);
}

/**
 * A GET or DELETE route served by what a factory makes of a session map the rewrite empties
 * (`app.get('/mcp', sessionHandler(transports))`, the factory local or imported, trial 62C B1):
 * the handler can only look sessions up in a map nothing fills now, so it answered 400 where
 * 2026-07-28 answers 405 with Allow: POST. The route gets the 405 handler a route sharing POST's
 * handler gets. A factory of the file whose handler does other work is marked as a handler of its
 * own would be; one of another module is not seen, so that change is one to review. The style of
 * the answer is that of the handler made (a local factory's), else that of another route of the
 * same path; with neither known, the route is left as it was.
 */
function sessionMapFactoryRoute(route: Route, routes: readonly Route[], sf: TS.SourceFile, text: string, maps: ReadonlySet<string>, allows: (safety: Safety) => boolean, work: Work): void {
  const call = unwrap(route.handlerArg);
  if (!ts.isCallExpression(call) || !call.arguments.some((a) => namesSessionMap(a, maps))) return;
  const made = factoryProduct(call);
  if (made?.body && answers405(made)) return;
  const extra = made?.body ? otherWork(made.body) : undefined;
  if (extra) {
    markOtherWork(route.call, `${route.method.toUpperCase()} ${route.path}`, extra, sf, work);
    return;
  }
  const sibling = routes.find((r) => r.path === route.path && r !== route && r.handler && calleeReceiver(r.call)?.getText() === calleeReceiver(route.call)?.getText())?.handler;
  const style = made ? handlerStyle(made) : sibling ? handlerStyle(sibling) : undefined;
  const safety: Safety = made ? 'safe' : 'review';
  if (!style || style === 'web' || !allows(safety)) return;
  const factory = codeSpan(call.getText().replace(/\s+/g, ' '), 60);
  if (ts.isIdentifier(call.expression)) {
    (work.replacedFactories ??= new Set()).add(call.expression.text);
    // What the file's own factory alone imported (the types of its handler's parameters) goes with it.
    const own = made && resolveFunction(call.expression);
    if (own) walk(own, (n) => void (ts.isIdentifier(n) && importOf(n) && (work.factoryImports ??= new Set()).add(n.text)));
  }
  routeAnswers405(route, style, sf, text, work, `${route.method.toUpperCase()} ${route.path} answers 405 with Allow: POST: the handler ${factory} made only found sessions in a map nothing fills now${made ? '' : ' (its factory, in another module, was not read: check it did nothing more)'}`, safety);
}

/** Whether an argument is one of the session maps `maps` (`transports`, `this.transports`). */
function namesSessionMap(argument: TS.Expression, maps: ReadonlySet<string>): boolean {
  const e = unwrap(argument);
  if (ts.isIdentifier(e)) return maps.has(e.text);
  return ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword && (maps.has(e.name.text) || maps.has(e.getText()));
}

/**
 * The `//` lines right above a GET or DELETE route that now answers 405, where each speaks of what
 * it served (`// Handle GET requests for server-to-client notifications via SSE`, `// ... for
 * session termination`): above a 405 they would mislead, so they say what the route does now (trial 20A).
 */
function staleRouteComment(statement: TS.Statement | undefined, method: string, sf: TS.SourceFile, work: Work): void {
  if (!statement) return;
  const what = method.toLowerCase() === 'get' ? 'no stream to open' : 'no session to end';
  retellComment(statement, /\b(SSE|streams?|notifications?|sessions?)\b/i, `${method.toUpperCase()} answers 405: 2026-07-28 has ${what}.`, sf, work);
}

/**
 * Replaces the `//` lines right above a statement with one line saying `now`, when every one of
 * them speaks of what the statement no longer does (`stale`); other comments stay as they are.
 */
function retellComment(statement: TS.Statement, stale: RegExp, now: string, sf: TS.SourceFile, work: Work): void {
  const text = sf.text;
  const own = lineStart(text, statement.getStart(sf));
  const lines: string[] = [];
  let start = own;
  while (start > 0) {
    const previous = lineStart(text, start - 1);
    const line = text.slice(previous, start - 1);
    if (!/^[ \t]*\/\/[^\n]*$/.test(line)) break;
    lines.unshift(line);
    start = previous;
  }
  if (lines.length === 0 || !lines.every((l) => stale.test(l))) return;
  work.edits.push({ start, end: own, text: `${indentAt(text, statement.getStart(sf))}// ${now}\n` });
}

/** `sessionIdGenerator: () => sessionId` where `sessionId` is a parameter of the function around: the id of a session the caller knows. */
function revivesSession(options: TS.ObjectLiteralExpression): boolean {
  const generated = generatorReturns(options);
  const decl = generated && resolveIdentifier(generated.returned);
  return !!decl && ts.isParameter(decl) && decl.parent !== generated!.generator;
}

/**
 * The identifier a `sessionIdGenerator` with no parameters returns (`() => sessionId`,
 * `function () { return sessionId; }`), with the generator: an id decided before the transport.
 */
function generatorReturns(options: TS.ObjectLiteralExpression): { generator: TS.ArrowFunction | TS.FunctionExpression; returned: TS.Identifier } | undefined {
  const property = options.properties.find((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'sessionIdGenerator');
  const generator = property && unwrap(property.initializer);
  if (!generator || !(ts.isArrowFunction(generator) || ts.isFunctionExpression(generator)) || generator.parameters.length > 0) return undefined;
  const body = ts.isBlock(generator.body) ? (generator.body.statements.length === 1 && ts.isReturnStatement(generator.body.statements[0]) ? generator.body.statements[0].expression : undefined) : generator.body;
  const returned = body && unwrap(body);
  return returned && ts.isIdentifier(returned) ? { generator, returned } : undefined;
}

/** Methods that add to a collection. */
const RECORDS = new Set(['add', 'set', 'push', 'unshift']);

/**
 * The first call the branch makes for its effect, once per session before: one it awaits besides
 * connecting and serving (actors-mcp-server's `await mcpServer.loadDefaultActors(token)`, in a
 * statement of its own or under an `if`), or a record of the session in module state
 * (`issued.add(id)`: made on every request, it grows for ever). An awaited value (`const server =
 * await buildServer()`) is what the request is served with, per request by design; filing the
 * transport in the session map is the bookkeeping the rewrite removes.
 */
function awaitedSetup(statements: readonly TS.Statement[], facts: SessionFacts): string | undefined {
  let found: string | undefined;
  for (const statement of statements) {
    walk(statement, (node) => {
      if (found || (node !== statement && isFunctionLike(node))) return false;
      if (ts.isExpressionStatement(node) && ts.isAwaitExpression(node.expression)) {
        const call = unwrap(node.expression.expression);
        const name = ts.isCallExpression(call) ? calleeName(call) : undefined;
        if (name && name !== 'connect' && name !== 'handleRequest') found = name;
      } else if (ts.isExpressionStatement(node) && ts.isCallExpression(unwrap(node.expression))) {
        const call = unwrap(node.expression) as TS.CallExpression;
        const callee = unwrap(call.expression);
        const holder = ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : undefined;
        const decl = holder && ts.isIdentifier(holder) ? resolveIdentifier(holder) : undefined;
        const sessionMap = !!decl && facts.collections.some((c) => c.decl === decl && isSessionMap(c));
        if (isModuleVariable(decl) && RECORDS.has(calleeName(call) ?? '') && !sessionMap) found = `${holder!.getText()}.${calleeName(call)}`;
      }
      return undefined;
    });
    if (found) return found;
  }
  return undefined;
}

/**
 * Whether a handler serves sessions: it reads the session header, a session map, or a transport.
 * Not a legacy HTTP+SSE endpoint (it builds an SSEServerTransport): that is a stream of the old
 * transport, sse-transport's to move, not the Streamable HTTP GET stream (mcp-proxy's GET /sse
 * branch became a 405, its SSE map deleted).
 */
function servesSessions(fn: TS.Node, mapNames: ReadonlySet<string>): boolean {
  const body = fn.getText();
  if (/\bnew\s+SSEServerTransport\b/.test(body)) return false;
  return /mcp-session-id|\.handleRequest\(/i.test(body) || [...mapNames].some((m) => new RegExp(`\\b${m}\\b`).test(body));
}

/** Replaces a function's body with a 405 answer (or marks it, when it does other work too). */
function answer405(fn: TS.FunctionLikeDeclaration, sf: TS.SourceFile, text: string, work: Work, what: string, line: number): void {
  if (!fn.body || answers405(fn) || work.edits.some((e) => e.start === fn.body!.getStart(sf))) return;
  // Replaced, or left as it was and marked: either way, without what the rewrite did inside it.
  const extra = otherWork(fn.body);
  if (extra) {
    dropEditsWithin(fn.body, sf, work);
    markOtherWork(fn, what, extra, sf, work);
    return;
  }
  // A web-standard handler (a Worker's helper returning Responses) returns the 405.
  const style = returnsWebResponse(fn) ? 'web' : handlerStyle(fn);
  const responseName = style === 'web' ? '' : responseParam(fn, style);
  if (responseName === undefined) return;
  dropEditsWithin(fn.body, sf, work);
  answerOnly405(fn, sf, text, style, responseName, work);
  work.changes.push({ line, description: `${what} answers 405 (no sessions to stream or delete)`, safety: 'safe' });
}

/**
 * Replaces a handler's body with the 405 answer in its own idiom, and renames what it then leaves
 * unread: the request (`_req`), or Koa's `next` (Hono's and Koa's context is what answers).
 */
function answerOnly405(fn: TS.FunctionLikeDeclaration, sf: TS.SourceFile, text: string, style: HandlerStyle, responseName: string, work: Work): void {
  const body = fn.body!;
  const indent = indentAt(text, (ts.isBlock(body) ? body : fn).getStart(sf));
  work.edits.push({ start: body.getStart(sf), end: body.getEnd(), text: `{\n${indent}${work.unit}${methodNotAllowed(style, responseName, work.quote, `${indent}${work.unit}`)}\n${indent}}` });
  if (!takesContext(style)) unusedRequest(fn, sf, work.edits);
  else if (style === 'koa') unusedRequest(fn, sf, work.edits, 1);
}

/**
 * node:http and hand-written routers: `if (req.method === 'GET' || req.method === 'DELETE') ...`
 * branches that serve sessions, inline or by calling a local handler.
 */
function rewriteMethodBranches(sf: TS.SourceFile, text: string, mapNames: ReadonlySet<string>, work: Work, covered: TS.Node[]): void {
  const unit = work.unit;
  walk(sf, (node) => {
    if (!ts.isIfStatement(node)) return;
    // A GET or DELETE kept for 2025 clients behind a test of the era is theirs.
    if (legacyTest(node)) return false;
    const methods = comparedMethod(node.expression);
    if (methods.length === 1 && methods[0] === 'POST') {
      fallThroughTo405(node, mapNames, work, covered);
      return;
    }
    if (methods.length === 0 || !methods.every((m) => m === 'GET' || m === 'DELETE')) return;
    if (covered.some((c) => node.pos >= c.pos && node.end <= c.end)) return;
    const then = node.thenStatement;
    const label = methods.join('/');
    if (ts.isBlock(then)) {
      if (answers405(then) || !servesSessions(then, mapNames)) return;
      const extra = otherWork(then);
      if (extra) {
        dropEditsWithin(then, sf, work);
        markOtherWork(node, label, extra, sf, work);
        return;
      }
      const fn = enclosingFunction(node);
      const responseName = fn && paramName(fn, 1);
      const indent = indentAt(text, node.getStart(sf));
      // A node:http callback answers through its response; a Worker's fetch(request, env) returns
      // one (its second parameter is the environment: env.writeHead would not compile).
      let answer: string;
      if (fn && returnsWebResponse(fn)) answer = methodNotAllowed('web', '', work.quote);
      // Only a parameter used as a response (a Worker's env is not one; left as it was).
      else if (fn?.body && responseName && usedAsNodeResponse(responseName, fn.body)) answer = `${methodNotAllowed('node', responseName, work.quote)}\n${indent}${unit}return;`;
      else return;
      dropEditsWithin(then, sf, work);
      // `(GET || DELETE) && transport`, the transport a session lookup found: there is none any
      // more, so the test of it goes too, or the 405 would never run (trial 44C).
      const method = methodTestBeside(node.expression, mapNames);
      if (method) work.edits.push({ start: node.expression.getStart(sf), end: node.expression.getEnd(), text: method.getText(sf) });
      work.edits.push({ start: then.getStart(sf), end: then.getEnd(), text: `{\n${indent}${unit}${answer}\n${indent}}` });
      work.changes.push({ line: lineOf(sf, node.getStart(sf)), description: `${label} answers 405 (no sessions to stream or delete)`, safety: 'safe' });
      return;
    }
    // `handled = handleSessionRequest(req, res)` / `return handleSessionRequest(req, res)`
    let call: TS.CallExpression | undefined;
    walk(then, (n) => {
      if (!call && ts.isCallExpression(n)) call = n;
      return call ? false : undefined;
    });
    const target = call && ts.isIdentifier(unwrap(call.expression)) ? resolveFunction(call.expression) : undefined;
    if (target && servesSessions(target, mapNames)) answer405(target, sf, text, work, label, lineOf(sf, node.getStart(sf)));
  });
}

/**
 * `if (req.method === 'POST') { <the dispatch this run unwrapped>; return; }` followed, to the end of
 * the node:http handler, by what serves the other methods (the SDK's shape: `const transport =
 * sid ? transports[sid] : undefined; ... await transport.handleRequest(req, res)`, a session's GET
 * stream and DELETE): with the sessions gone it only finds an empty map, so it answers 405 (trial
 * 43C: left, GET answered 400 and the v2 move blamed it on the dispatch's own transport).
 */
function fallThroughTo405(post: TS.IfStatement, mapNames: ReadonlySet<string>, work: Work, covered: readonly TS.Node[]): void {
  const sf = post.getSourceFile();
  const fn = enclosingFunction(post);
  // (A test of the method alone: one that also names a path, `&& req.url === '/mcp'`, leaves the rest to other routes.)
  if (!fn?.body || post.parent !== fn.body || !ts.isBlock(fn.body) || !endsByLeaving(post.thenStatement) || /&&|\|\|/.test(post.expression.getText())) return;
  if (!covered.some((c) => c.pos >= post.thenStatement.pos && c.end <= post.thenStatement.end)) return;
  const statements = fn.body.statements;
  const rest = statements.slice(statements.indexOf(post) + 1);
  if (rest.length === 0) return;
  // Every statement serves the session and does nothing else: it reads the map or the header, or
  // tests what an earlier one found (`if (!transport) ...`); a route of its own (`if (req.url ===
  // '/healthz')`), a 404, no. (Branches of their own by method are rewriteMethodBranches'.)
  const found = new Set<string>();
  for (const r of rest) {
    const serves = servesSessions(r, mapNames) || (ts.isIfStatement(r) && namesAny(r.expression, found));
    if (!serves || otherWork(r) !== undefined) return;
    let byMethod = false;
    walk(r, (n) => {
      if (!byMethod && ts.isIfStatement(n) && comparedMethod(n.expression).length > 0) byMethod = true;
      return byMethod ? false : undefined;
    });
    if (byMethod) return;
    if (ts.isVariableStatement(r)) for (const d of r.declarationList.declarations) if (ts.isIdentifier(d.name)) found.add(d.name.text);
  }
  const responseName = paramName(fn, 1);
  if (!responseName || !usedAsNodeResponse(responseName, fn.body) || returnsWebResponse(fn)) return;
  const start = rest[0].getStart(sf);
  const end = rest[rest.length - 1].getEnd();
  if (work.edits.some((e) => e.start < end && start < e.end)) return;
  work.edits.push({ start, end, text: methodNotAllowed('node', responseName, work.quote) });
  work.changes.push({ line: lineOf(sf, start), description: 'what served the other methods (a session\'s GET stream and DELETE) answers 405: no sessions to stream or delete', safety: 'safe' });
}

/**
 * A Next.js App Router route file (`app/api/mcp/route.ts`) whose exported POST served the session
 * dispatch this run rewrote: its exported GET and DELETE, which served a session's stream and its
 * end from the same map, answer 405 (trial 37C: the map stayed, empty, and GET answered 404, which
 * 2025 clients log on every connect). Only handlers that do nothing else, through a map no
 * dispatch left sessionful still uses.
 */
function rewriteAppRouterExports(sf: TS.SourceFile, text: string, file: string, constructions: readonly Construction[], liveMaps: ReadonlySet<string>, work: Work): void {
  const routePath = appRoutePath(file.replace(/\\/g, '/'));
  if (routePath === undefined || liveMaps.size === 0) return;
  const declarations = sf.statements.flatMap((s): TS.Node[] => (ts.isFunctionDeclaration(s) ? [s] : ts.isVariableStatement(s) ? [...s.declarationList.declarations] : []));
  const handlers = declarations.map((d) => exportedRouteHandler(d, /^(GET|DELETE|POST)$/)).filter((h) => h !== undefined);
  const post = handlers.find((h) => h.method === 'POST')?.handler;
  if (!post || !constructions.some((c) => c.node.pos >= post.pos && c.node.end <= post.end) || !work.changes.some((c) => /^session dispatch|transport made stateless/.test(c.description))) return;
  for (const { method, handler } of handlers) {
    const body = handler.body;
    if (method === 'POST' || !body || !ts.isBlock(body) || answers405(handler) || otherWork(body) || !onlyServesSession(body)) continue;
    // Declared to return NextResponse: a plain Response would not compile there.
    if (handler.type && /\bNextResponse\b/.test(handler.type.getText(sf))) continue;
    if (![...liveMaps].some((m) => new RegExp(`\\b${m}\\b`).test(body.getText(sf)))) continue;
    if (work.edits.some((e) => e.end > e.start && e.start < body.getEnd() && body.getStart(sf) < e.end)) continue;
    answerOnly405(handler, sf, text, 'web', '', work);
    staleRouteComment(ts.isFunctionDeclaration(handler) ? handler : statementOf(handler), method, sf, work);
    work.changes.push({ line: lineOf(sf, handler.getStart(sf)), description: `${method} ${routePath} answers 405 (no sessions to stream or delete)`, safety: 'safe' });
  }
}

/**
 * Whether every answer of a web-standard handler serves the session's transport or refuses (a 4xx
 * Response): not one that also answers something of its own (a health reply without the header).
 */
function onlyServesSession(body: TS.Block): boolean {
  let own = false;
  walk(body, (n) => {
    if (own || (n !== body && isFunctionLike(n))) return false;
    if (ts.isReturnStatement(n) && n.expression && !/\.handleRequest\(/.test(n.expression.getText()) && !/\bstatus\s*:\s*4\d\d\b/.test(n.expression.getText())) own = true;
    return undefined;
  });
  return !own;
}

/** An `all` route (`app.all('/mcp', ...)`, Hono's, Express's, Fastify's): non-POST requests answer 405 before reaching the transport. */
function guardAllRoute(fn: TS.FunctionLikeDeclaration, sf: TS.SourceFile, text: string, work: Work): void {
  // A 405 in what this run removes (the dispatch's else branch answering GET) answers nothing afterwards.
  if (!fn.body || !ts.isBlock(fn.body) || work.answers405?.has(fn) || answers405(fn, work.edits.filter((e) => e.end > e.start))) return;
  // (One that routes by the method itself keeps doing so.)
  const style = handlerStyle(fn);
  const request = style === 'hono' ? undefined : paramName(fn, 0);
  if (request && testsMethodOf(fn.body, request, work.edits)) return;
  const check = postOnlyCheck(fn, work.quote, style);
  // After the log lines the handler opens with (`console.log('request', req.method)`): they go on logging every request.
  const statements = fn.body.statements;
  const first = statements.find((st) => !isLogStatement(st)) ?? statements[0];
  if (!first || !check) return;
  const indent = indentAt(text, first.getStart(sf));
  const at = lineStart(text, startWithLeadingComments(first, sf));
  work.edits.push({ start: at, end: at, text: `${indent}${check}\n` });
  work.changes.push({ line: lineOf(sf, fn.getStart(sf)), description: 'non-POST requests answer 405', safety: 'safe' });
}

const CLEANUP_IMPORTS = new Set(['isInitializeRequest', 'InitializeRequestSchema', 'randomUUID', 'InMemoryEventStore']);

/** The names of parameters that bring a session map (`sessions: Map<string, Transport>`) and that the code reads before the rewrite. */
function usedMapParameters(sf: TS.SourceFile, mapNames: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  walk(sf, (node) => {
    if (ts.isParameter(node) && ts.isIdentifier(node.name) && mapNames.has(node.name.text) && !node.dotDotDotToken && isReferenced(sf, node.name)) names.add(node.name.text);
    return undefined;
  });
  return names;
}

/**
 * The statements that bind the whole crypto module and nothing else (`import crypto from
 * 'node:crypto'`, `import * as crypto from 'crypto'`, `const crypto = require('node:crypto')`):
 * what minted the session ids (`crypto.randomUUID()`), left unused once the generator is gone.
 */
function cryptoModuleBindings(sf: TS.SourceFile): Array<{ name: TS.Identifier; statement: TS.Statement }> {
  const found: Array<{ name: TS.Identifier; statement: TS.Statement }> = [];
  const isCrypto = (specifier: TS.Node | undefined) => !!specifier && ts.isStringLiteral(specifier) && /^(node:)?crypto$/.test(specifier.text);
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) && isCrypto(s.moduleSpecifier) && s.importClause && !s.importClause.isTypeOnly) {
      const clause = s.importClause;
      if (clause.name && !clause.namedBindings) found.push({ name: clause.name, statement: s });
      else if (!clause.name && clause.namedBindings && ts.isNamespaceImport(clause.namedBindings)) found.push({ name: clause.namedBindings.name, statement: s });
    } else if (ts.isVariableStatement(s) && s.declarationList.declarations.length === 1) {
      const decl = s.declarationList.declarations[0];
      const init = decl.initializer && unwrap(decl.initializer);
      if (ts.isIdentifier(decl.name) && init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && isCrypto(init.arguments[0])) found.push({ name: decl.name, statement: s });
    }
  }
  return found;
}

/**
 * The method test of `<method test> && <session lookup>` (`(req.method === 'GET' || req.method ===
 * 'DELETE') && transport`, `transport` a local the session maps filled, or `sessions.has(sid)`),
 * without its parentheses; none for another test.
 */
function methodTestBeside(test: TS.Expression, mapNames: ReadonlySet<string>): TS.Expression | undefined {
  const e = unwrap(test);
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken) return undefined;
  const [method, other] = comparedMethod(e.left).length > 0 ? [e.left, e.right] : [e.right, e.left];
  if (comparedMethod(method).length === 0) return undefined;
  // (A local holding the lookup, `const t = transports[sid]`, by what it holds.)
  if (!looksUp(resolveInitializer(other) ?? unwrap(other), mapNames)) return undefined;
  return ts.isParenthesizedExpression(method) ? method.expression : method;
}

/** Whether an expression reads one of the session maps (`transports[sid]`, `sessions.get(sid)`), with no call that could do more. */
function looksUp(expression: TS.Node, mapNames: ReadonlySet<string>, facts?: SessionFacts): boolean {
  let reads = false;
  let other = false;
  walk(expression, (n) => {
    if (ts.isElementAccessExpression(n) && mapNames.has(n.expression.getText().replace(/^this\./, ''))) reads = true;
    else if (ts.isCallExpression(n)) {
      const callee = unwrap(n.expression);
      if (ts.isPropertyAccessExpression(callee) && /^(get|has)$/.test(callee.name.text) && mapNames.has(callee.expression.getText().replace(/^this\./, ''))) reads = true;
      // The key read in place (`live.get(request.headers.get('mcp-session-id') ?? '')`): a header read does nothing else.
      else if (facts?.isSessionIdRead(n)) return false;
      else other = true;
    }
    return undefined;
  });
  return reads && !other;
}

/**
 * The code that still puts entries into the collection `name` (`map.set(k, v)`, `record[k] = v`),
 * the first of it, as written: the marker on the kept map names it.
 */
function filledBy(facts: SessionFacts, name: string): string | undefined {
  const collection = facts.collections.find((c) => c.name === name);
  for (const a of collection?.accesses ?? []) {
    if (ts.isCallExpression(a) && /^(set|push|add)$/.test(calleeName(a) ?? '')) return a.getText();
    const parent = a.parent;
    if (ts.isElementAccessExpression(a) && ts.isBinaryExpression(parent) && parent.left === a && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return parent.getText();
  }
  return undefined;
}

/**
 * The file's own top-level functions and types (not exported) that something used before the
 * rewrite: those the rewrite leaves unused (a hand-written initialize check, the session record's
 * interface) go with the code that used them, or a project built with noUnusedLocals stops compiling.
 */
function usedHelpers(sf: TS.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const s of sf.statements) {
    // And the file's own types (a session record's interface, used by the map's type).
    if ((ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && !isExported(s) && namedElsewhere(sf, s.name)) names.add(s.name.text);
    if (!ts.isFunctionDeclaration(s) || !s.name || isExported(s)) continue;
    if (isReferenced(sf, s.name)) names.add(s.name.text);
  }
  return names;
}

/** Whether a type's name occurs anywhere in the file but its declaration. */
function namedElsewhere(sf: TS.SourceFile, name: TS.Identifier): boolean {
  let found = false;
  walk(sf, (node) => {
    if (found) return false;
    if (ts.isIdentifier(node) && node !== name && node.text === name.text) found = true;
    return undefined;
  });
  return found;
}

/** A class's own method, `private` or `#named`: no other module calls it. */
function isPrivateMethod(node: TS.Node): node is TS.MethodDeclaration & { name: TS.Identifier | TS.PrivateIdentifier } {
  return (
    ts.isMethodDeclaration(node) &&
    (ts.isPrivateIdentifier(node.name) || (ts.isIdentifier(node.name) && !!node.modifiers?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword))) &&
    !!node.body
  );
}

/**
 * How often the file names each of its private methods, its declaration included (a call,
 * `this[name]`, a string that names it): once means only the declaration. One walk of the file.
 */
function privateMethodMentions(sf: TS.SourceFile): Map<string, number> {
  const names = new Map<string, number>();
  walk(sf, (node) => {
    if (isPrivateMethod(node)) names.set(node.name.text, 0);
    return undefined;
  });
  if (names.size === 0) return names;
  walk(sf, (node) => {
    if ((ts.isIdentifier(node) || ts.isPrivateIdentifier(node) || ts.isStringLiteralLike(node)) && names.has(node.text)) names.set(node.text, names.get(node.text)! + 1);
    return undefined;
  });
  return names;
}

/** The private methods of the file's classes that something used before the rewrite (`this.isInit(body)` in the dispatch). */
function usedPrivateMethods(sf: TS.SourceFile): Set<string> {
  return new Set([...privateMethodMentions(sf)].filter(([, n]) => n > 1).map(([name]) => name));
}

/** A session map the rewrite deleted that took the caller's collection when given one (`options?.sessionStore ?? new Map()`). */
interface IgnoredSupply {
  name: string;
  /** What the caller supplies: `options?.sessionStore`. */
  supplied: string;
  /** Where the declaration was, in the text after the deletion. */
  pos: number;
}

/**
 * Whether a session id minted up front is still handed to other code once the generator no longer
 * returns it: an argument (or a property of one) of a call that is neither a log line nor a
 * collection's own method (`createMcpServer({ sessionId: newSessionId })`). A generator that still
 * returns it (a transport left as it was) hands it nothing new.
 */
function handedOnAsSessionId(sf: TS.SourceFile, decl: TS.VariableDeclaration): boolean {
  if (!ts.isIdentifier(decl.name)) return false;
  const uses = referencesTo(sf, decl as TS.VariableDeclaration & { name: TS.Identifier });
  const inGenerator = (use: TS.Node) => findAncestor(use, (n): n is TS.PropertyAssignment => ts.isPropertyAssignment(n) && propertyNameText(n.name) === 'sessionIdGenerator') !== undefined;
  if (uses.some(inGenerator)) return false;
  return uses.some((use) => {
    let n: TS.Node = use;
    while (ts.isObjectLiteralExpression(n.parent) || ts.isPropertyAssignment(n.parent) || ts.isShorthandPropertyAssignment(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent)) n = n.parent;
    const call = n.parent;
    return ts.isCallExpression(call) && call.arguments.includes(n as TS.Expression) && !isLogCall(call) && !/^(set|add|push|get|has|delete)$/.test(calleeName(call) ?? '');
  });
}

/** A session id minted for the generator that code still uses after the rewrite (handed to a server factory, say). */
interface KeptMint {
  name: string;
  pos: number;
}

/**
 * The assignment statement that first uses a `let` declared by `statement`, when it overwrites the
 * value before anything reads it and nothing assigns it again (`entry = { server, transport }` in the
 * same block): the declaration's value is dead, and the assignment can declare it (`const entry = ...`).
 */
function overwrittenFirst(statement: TS.VariableStatement, decl: TS.VariableDeclaration & { name: TS.Identifier }, sf: TS.SourceFile): TS.ExpressionStatement | undefined {
  if (!(statement.declarationList.flags & ts.NodeFlags.Let) || !ts.isBlock(statement.parent)) return undefined;
  const uses = referencesTo(statement.parent, decl).sort((a, b) => a.pos - b.pos);
  const first = uses[0];
  const assignment = first?.parent;
  if (!assignment || !ts.isBinaryExpression(assignment) || assignment.left !== first || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const assigned = assignment.parent;
  if (!ts.isExpressionStatement(assigned) || assigned.parent !== statement.parent || assignment.right.getText(sf).includes(decl.name.text)) return undefined;
  // Assigned again later: it stays a `let`, declared here; not worth the rewrite.
  if (uses.slice(1).some((u) => ts.isBinaryExpression(u.parent) && u.parent.left === u && u.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken)) return undefined;
  return assigned;
}

/**
 * The session id read, or one minted when there is none: `req.headers['mcp-session-id'] ||
 * randomUUID()`, or an id put together from values (`${userId}-${Date.now()}-${Math.random().toString(36)}`).
 */
function readOrMinted(init: TS.Expression, facts: SessionFacts): boolean {
  const e = unwrap(init);
  if (!ts.isBinaryExpression(e) || (e.operatorToken.kind !== ts.SyntaxKind.BarBarToken && e.operatorToken.kind !== ts.SyntaxKind.QuestionQuestionToken)) return false;
  const minted = unwrap(e.right);
  if (!facts.isSessionIdRead(e.left)) return false;
  if (ts.isCallExpression(minted)) return ID_MINTS.test(calleeName(minted) ?? '');
  // (Only reads, a clock and random digits: nothing that opens or records anything.)
  return ts.isTemplateExpression(minted) && onlyData(minted);
}

/**
 * The session id read with an explicit fallback to nothing, `req.get('mcp-session-id') || undefined`
 * (or `?? undefined`, `|| null`): only the read, for what the rewrite leaves unused (trial 71C B4:
 * kept, and marked as work for a person, where the plain read was deleted).
 */
function readOrNothing(init: TS.Expression, facts: SessionFacts): boolean {
  const e = unwrap(init);
  return isFallback(e) && isNullish(e.right) && facts.isSessionIdRead(e.left);
}

/** Second pass: delete what the rewrite left unused (the map, the session-id variable, imports). */
function removeUnused(
  text: string,
  path: string,
  mapNames: ReadonlySet<string>,
  changes: Change[],
  helpers: ReadonlySet<string> = new Set(),
  privateMethods: ReadonlySet<string> = new Set(),
  mintedIds: ReadonlySet<string> = new Set(),
  holders: ReadonlySet<string> = new Set(),
  cryptoUsed: ReadonlySet<string> = new Set(),
  mapParams: ReadonlySet<string> = new Set(),
  /** What earlier rounds deleted of that kind (seen only as they go), at positions of `text`. */
  carried: readonly IgnoredSupply[] = [],
  /** Session stores imported from another module (`sessionManager`), unused once the dispatch goes. */
  storeImports: ReadonlySet<string>,
  /** Handler factories (imported, or the file's own) whose GET and DELETE routes now answer 405 themselves. */
  factories: ReadonlySet<string> = new Set(),
  /** The named imports the file's own such factories used. */
  factoryImports: ReadonlySet<string> = new Set(),
  /** Imported state whose cleanup went with a session callback (importedCleanups). */
  cleanedImports: ReadonlySet<string> = new Set(),
  /** Work.droppedStores. */
  droppedStores: ReadonlySet<string> = new Set(),
): { text: string; keptMaps: Array<{ name: string; pos: number; filledBy?: string }>; ignoredSupplies: IgnoredSupply[]; keptMints: KeptMint[] } {
  const keptMaps: Array<{ name: string; pos: number; filledBy?: string }> = [];
  const ignoredSupplies: IgnoredSupply[] = [...carried];
  const keptMints: KeptMint[] = [];
  const sf = parseFile(text, path);
  const facts = new SessionFacts(sf);
  const edits: TextEdit[] = [];
  const mentions = privateMethods.size > 0 ? privateMethodMentions(sf) : undefined;
  walk(sf, (node) => {
    if (ts.isVariableStatement(node) && node.declarationList.declarations.length === 1) {
      const decl = node.declarationList.declarations[0];
      if (!ts.isIdentifier(decl.name)) return;
      const name = decl.name.text;
      // The file's own factory of the handlers GET and DELETE took (`const bySession = (map) => async (req, res) => ...`):
      // unused now, and noUnusedLocals would fail the build on it (trial 62C B1).
      if (factories.has(name) && isModuleVariable(decl) && !isExported(node) && !isReferenced(sf, decl.name)) {
        edits.push(removeStatement(node, sf));
        changes.push({ line: lineOf(sf, node.getStart(sf)), description: `deleted ${name}, whose session handlers the GET and DELETE routes no longer take`, safety: 'safe' });
        return false;
      }
      const isMap = mapNames.has(name);
      const isSessionRead = !!decl.initializer && (facts.isSessionIdRead(decl.initializer) || readOrMinted(decl.initializer, facts) || readOrNothing(decl.initializer, facts));
      const isEventStore = !!decl.initializer && ts.isNewExpression(unwrap(decl.initializer)) && /EventStore$/.test(calleeName(unwrap(decl.initializer) as TS.NewExpression) ?? '');
      // `const existing = sid ? transports[sid] : undefined`, left over from the dispatch.
      const isLookup = !isMap && !!decl.initializer && looksUp(decl.initializer, mapNames, facts);
      // `const newSessionId = randomUUID()`, which only the replaced generator returned.
      const init = decl.initializer ? unwrap(decl.initializer) : undefined;
      // (By name, so only in the function that builds the transport: `const id = this.generateId()`
      // elsewhere is another id, a database row's, trial 24A.)
      const isMint = mintedIds.has(name) && !!init && ts.isCallExpression(init) && ID_MINTS.test(calleeName(init) ?? '') && /\bsessionIdGenerator\b/.test((enclosingFunction(decl) ?? sf).getText(sf));
      // `const transports = { streamable: {}, sse: {} }` at module level, not exported: the object that held the maps.
      const isHolder = holders.has(name) && isModuleVariable(decl) && !isExported(node) && !!init && ts.isObjectLiteralExpression(init) && init.properties.every(holdsEmptyCollection);
      if (!isMap && !isSessionRead && !isEventStore && !isLookup && !isMint && !isHolder) return;
      if (isHolder && !isMap) {
        if (!isReferenced(sf, decl.name)) {
          edits.push(removeStatement(node, sf));
          changes.push({ line: lineOf(sf, node.getStart(sf)), description: `deleted ${name}, which held the session maps`, safety: 'safe' });
        }
        return;
      }
      if (!isReferenced(sf, decl.name)) {
        edits.push(removeStatement(node, sf));
        // `const sessions = options?.sessionStore ?? new Map()`: what the caller hands in is now ignored.
        const supplied = isMap && init && isFallback(init) && madeCollection(init) !== init ? unwrap(init.left).getText(sf) : undefined;
        if (supplied) ignoredSupplies.push({ name, supplied, pos: node.getStart(sf) });
        const what = isMap ? `deleted the session map ${name}` : isEventStore ? `deleted the unused event store ${name}` : isLookup ? `deleted the unused session-map lookup ${name}` : isMint ? `deleted the session id minted for the generator, ${name}` : `deleted the unused session-id read ${name}`;
        changes.push({ line: lineOf(sf, node.getStart(sf)), description: what, safety: 'safe' });
      } else if (isMap) {
        keptMaps.push({ name, pos: startWithLeadingComments(node, sf), filledBy: filledBy(facts, name) });
      } else if (isLookup) {
        // `let entry = entries.get(id)`, then `entry = { server, transport }` before any read: the
        // dispatch's record, built on every request now; the lookup (always empty) goes (trial 23A).
        const overwrite = overwrittenFirst(node, decl as TS.VariableDeclaration & { name: TS.Identifier }, sf);
        if (overwrite) {
          edits.push(removeStatement(node, sf), { start: overwrite.getStart(sf), end: overwrite.getStart(sf), text: 'const ' });
          changes.push({ line: lineOf(sf, node.getStart(sf)), description: `deleted the unused session-map lookup ${name}; the record the request builds is declared where it is built`, safety: 'safe' });
        }
      } else if (isMint && handedOnAsSessionId(sf, decl)) {
        keptMints.push({ name, pos: startWithLeadingComments(node, sf) });
      }
    } else if (ts.isParameter(node) && ts.isIdentifier(node.name) && mapParams.has(node.name.text) && !node.modifiers?.length && !isReferenced(sf, node.name)) {
      // A session map handed in as a parameter (`handle(req, res, sessions)`), read only by the
      // code the rewrite removed: `_sessions`, as noUnusedParameters wants. Its callers still pass
      // the map; the signature stays theirs to change. Not a parameter property (its field's name).
      edits.push({ start: node.name.getStart(sf), end: node.name.getEnd(), text: `_${node.name.text}` });
      changes.push({ line: lineOf(sf, node.getStart(sf)), description: `renamed the parameter ${node.name.text} to _${node.name.text}: the session map it brings is unused after the rewrite (its callers may stop passing it)`, safety: 'safe' });
    } else if (ts.isFunctionDeclaration(node) && node.name && helpers.has(node.name.text) && ts.isSourceFile(node.parent) && !isReferenced(sf, node.name)) {
      edits.push(removeStatement(node, sf));
      changes.push({ line: lineOf(sf, node.getStart(sf)), description: `deleted ${node.name.text}(), unused after the rewrite`, safety: 'safe' });
      return false;
    } else if ((ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && helpers.has(node.name.text) && ts.isSourceFile(node.parent) && !namedElsewhere(sf, node.name)) {
      // The session record's type, used only by the map the rewrite deleted (noUnusedLocals reports it).
      edits.push(removeStatement(node, sf));
      changes.push({ line: lineOf(sf, node.getStart(sf)), description: `deleted the type ${node.name.text}, unused after the rewrite`, safety: 'safe' });
      return false;
    } else if (isPrivateMethod(node) && privateMethods.has(node.name.text) && mentions?.get(node.name.text) === 1) {
      // A private method only the removed dispatch called (`this.isInit(body)`): unused now.
      edits.push(removeStatement(node, sf));
      changes.push({ line: lineOf(sf, node.getStart(sf)), description: `deleted the private method ${node.name.text}(), unused after the rewrite`, safety: 'safe' });
      return false;
    } else if (ts.isPropertyDeclaration(node) && (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name)) && mapNames.has(node.name.text) && enclosingClass(node)) {
      const name = node.name.text;
      if (!isReferenced(sf, node.name)) {
        edits.push(removeStatement(node, sf));
        changes.push({ line: lineOf(sf, node.getStart(sf)), description: `deleted the session map ${name}`, safety: 'safe' });
      } else {
        keptMaps.push({ name, pos: startWithLeadingComments(node, sf), filledBy: filledBy(facts, name) });
      }
    } else if (
      ts.isPropertyDeclaration(node) &&
      (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name)) &&
      holders.has(node.name.text) &&
      enclosingClass(node) &&
      // Only a private field: another module may read a public one (a shutdown closing what it holds).
      (ts.isPrivateIdentifier(node.name) || !!node.modifiers?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)) &&
      !isReferenced(sf, node.name)
    ) {
      // The field that held the maps (`this.transports.streamable`), nothing uses it any more.
      edits.push(removeStatement(node, sf));
      changes.push({ line: lineOf(sf, node.getStart(sf)), description: `deleted ${node.name.text}, which held the session maps`, safety: 'safe' });
    }
    return undefined;
  });
  // And what the replaced generator minted its ids with (`import { v4 as uuid } from 'uuid'`), unused now.
  // (And the session store of another module, unused once the dispatch went: said as a change.)
  const unused = removeUnusedBindings(sf, new Set([...CLEANUP_IMPORTS, ...mintedIds, ...storeImports, ...factories, ...factoryImports, ...cleanedImports, ...droppedStores]));
  edits.push(...unused.edits);
  for (const { name, statement } of unused.removed.filter((r) => droppedStores.has(r.name) && !CLEANUP_IMPORTS.has(r.name))) {
    changes.push({ line: lineOf(sf, statement.getStart(sf)), description: `deleted the import of ${name}, the event store class the transport no longer takes`, safety: 'safe' });
  }
  for (const { name, statement } of unused.removed.filter((r) => storeImports.has(r.name))) {
    changes.push({ line: lineOf(sf, statement.getStart(sf)), description: `deleted the import of ${name}, the session store, unused after the rewrite`, safety: 'safe' });
  }
  for (const { name, statement } of unused.removed.filter((r) => cleanedImports.has(r.name) && !storeImports.has(r.name))) {
    changes.push({ line: lineOf(sf, statement.getStart(sf)), description: `deleted the import of ${name}, unused once its cleanup went with the session callback`, safety: 'safe' });
  }
  for (const { name, statement } of unused.removed.filter((r) => factories.has(r.name))) {
    changes.push({ line: lineOf(sf, statement.getStart(sf)), description: `deleted the import of ${name}, whose session handlers the GET and DELETE routes no longer take`, safety: 'safe' });
  }
  // The crypto module the file used before the rewrite (to mint session ids), unused now.
  for (const binding of cryptoModuleBindings(sf)) {
    if (!cryptoUsed.has(binding.name.text) || isReferenced(sf, binding.name)) continue;
    edits.push(removeStatement(binding.statement, sf));
    changes.push({ line: lineOf(sf, binding.statement.getStart(sf)), description: `deleted the import of ${binding.name.text}, unused after the rewrite`, safety: 'safe' });
  }
  if (edits.length === 0) return { text, keptMaps, ignoredSupplies, keptMints };
  const next = applyEdits(text, edits);
  // Positions of kept maps move with the edits before them.
  const shift = <T extends { pos: number }>(list: T[]) => list.map((i) => ({ ...i, pos: shiftOffset(i.pos, edits, text) }));
  return { text: next, keptMaps: shift(keptMaps), ignoredSupplies: shift(ignoredSupplies), keptMints: shift(keptMints) };
}

export const statelessTransport: CodeCodemod = {
  kind: 'code',
  id: 'stateless-transport',
  title: 'Per-request stateless Streamable HTTP transport',
  target: 'sdk-v1',
  resolves: ['session-id-generator', 'session-lifecycle', 'initialize-request', 'session-map', 'session-header', 'event-store', 'shared-server'],
  keywords: ['sessionidgenerator', 'streamablehttpservertransport'],
  transform(input, ctx) {
    noteHandedOver(input.sourceFile, input, ctx);
    const constructions = sessionfulConstructions(input.sourceFile);
    // No sessions to take apart: one stateless transport built once is built per request instead (built-once.ts).
    if (constructions.length === 0) {
      const made = applyPerRequestTransports(input.text, input.sourceFile, ctx);
      const lookups = made.text === input.text ? sessionLookupFactories(input, ctx) : [];
      return withStatelessFloor(lookups.length > 0 ? { ...made, markers: [...made.markers, ...lookups] } : made, ctx);
    }
    // A dispatch branch that is one statement without braces (`if (!t && isInitializeRequest(body))
    // t = await createTransport();`) is given its braces first, so its chain unwraps as a braced
    // one does; where a chain so braced is not unwrapped after all, the file is taken as it was.
    // (A rewrite of the braced text that fails, overlapping edits say, leaves that attempt too.)
    const mapNames = declaredSessionMaps(input.facts);
    const braced = bracedBranches(input, constructions, mapNames);
    if (braced) {
      const sourceFile = parseFile(braced.text, ctx.path);
      noteHandedOver(sourceFile, input, ctx);
      let run: ReturnType<typeof rewriteFile> | undefined;
      try {
        run = rewriteFile({ text: braced.text, sourceFile, facts: new SessionFacts(sourceFile) }, ctx, sessionfulConstructions(sourceFile));
      } catch {
        run = undefined;
      }
      if (run && braced.at.every((pos) => run.unwrapped.some((root) => root.getStart() <= pos && pos < root.getEnd()))) {
        const origins = lineOrigins(input.text, braced.text);
        return withStatelessFloor({ ...run.outcome, changes: run.outcome.changes.map((c) => ({ ...c, line: origins[c.line] ?? c.line })) }, ctx);
      }
    }
    return withStatelessFloor(rewriteFile(input, ctx, constructions, mapNames).outcome, ctx);
  },
};

/**
 * A factory, in a module without a dispatch of its own, of a handler that only serves the sessions
 * it finds in the map it is handed (`sessionHandler(transports)`, whose handler answers 400 when
 * the session is not there; its routes in another file, trial 62C B1). With the package stateless
 * once the run is done, nothing fills that map: the handler can only refuse. The rule's advice
 * ("create a transport per request, then delete the map") is for a POST dispatch; this marker,
 * above the factory, says what its GET and DELETE routes answer instead (405 with Allow: POST),
 * which fix writes where it rewrites the routes' file, and says the factory then goes.
 */
function sessionLookupFactories(input: CodeInput, ctx: CodemodContext): Marker[] {
  if (ctx.packageIssuesSessions) return [];
  const { sourceFile: sf, facts } = input;
  const markers: Marker[] = [];
  for (const c of facts.collections) {
    if (!isSessionMap(c) || !ts.isParameter(c.decl) || !ts.isIdentifier(c.decl.name) || !isFunctionLike(c.decl.parent)) continue;
    const factory = c.decl.parent;
    const body = factory.body;
    const only = body && ts.isBlock(body) && body.statements.length === 1 ? body.statements[0] : undefined;
    const returned = body && !ts.isBlock(body) ? body : only && ts.isReturnStatement(only) ? only.expression : undefined;
    const handler = returned ? resolveFunction(returned) : undefined;
    const map = c.decl.name.text;
    // A handler of the request and response (not Hono's one context) whose body serves a transport
    // it looks up in the map, builds none, and does nothing else.
    if (!handler?.body || !ts.isBlock(handler.body) || handler.parameters.length < 2 || answers405(handler)) continue;
    const text = handler.body.getText();
    if (!/\.handleRequest\(/.test(text) || !new RegExp(`\\b${map}\\b`).test(text) || NEW_CONNECTION_TRANSPORT.test(text) || otherWork(handler.body)) continue;
    const statement = statementOf(factory) ?? factory;
    const name = ts.isFunctionDeclaration(factory) && factory.name ? factory.name.text : ts.isVariableDeclaration(factory.parent) ? factory.parent.name.getText(sf) : undefined;
    const what = name ? `${name}(${map})` : `This factory`;
    markers.push({
      line: lineOf(sf, statement.getStart(sf)),
      message: `${what} makes a handler that only serves the sessions it finds in ${map}: with per-request transports nothing fills that map, so the handler can only refuse. A GET or DELETE route of the MCP endpoint answers 405 with \`Allow: POST\` instead (fix writes that where it rewrites the route's file, and this factory, unused then, can go), and POST is served by the per-request transport`,
      link: SPEC_TRANSPORT,
    });
  }
  return markers;
}

/** The file's rewrite (rewrite, run again without premint where it must be), and the dispatch chains it unwrapped. */
function rewriteFile(
  input: CodeInput,
  ctx: CodemodContext,
  constructions: readonly Construction[],
  mapNames = declaredSessionMaps(input.facts),
  /** Transports left as they were because their rewrite broke a name (brokenNames), with the marker that says so. */
  left: ReadonlyMap<TS.Node, string> = new Map(),
): { outcome: CodemodOutcome; unwrapped: readonly TS.Node[] } {
  const first = rewrite(input, ctx, constructions, true, mapNames, left);
  // An id minted up front whose map is still read once the rewrite is done (a status endpoint
  // counting sessions, a shutdown closing them, another transport's entries): not only the
  // session's bookkeeping. Such transports are left as they were, marked, like any dispatch the
  // codemod does not recognise.
  const run = first.preminted.size === 0 || !mapsStillRead(first.outcome.text, ctx.path, first.preminted, mapNames) ? first : rewrite(input, ctx, constructions, false, mapNames, left);
  // The net under every shape above: a rewrite that reads a name whose declaration it removed, or
  // reads a block-scoped name before the declaration it wrote below the read, is never written
  // (trial 66C B1: a "Session not found" guard kept above the new `const t`, so every request with
  // Mcp-Session-Id answered 500). The transports of the functions that read it are left as they
  // were, marked; if that does not mend it, the whole file is.
  const broken = run.outcome.text === input.text ? [] : brokenNames(input.sourceFile, run.outcome.text, ctx.path);
  if (broken.length === 0) return run;
  const leave = new Map(left);
  if (left.size === 0) {
    // The functions around each transport (and around the call of a helper that builds it): the
    // statement that reads the name, kept as it was, is found in one of them, or failing that the name.
    const scopes = constructions.map((c) => [c.node, helperCall(c.node, input.facts)?.site].flatMap((n) => (n ? enclosingFunctions(n) : [])));
    const reads = (i: number, b: BrokenName, own: boolean) => scopes[i].some((fn) => mentionsName(fn, b.name) && (!own || fn.getText().includes(b.line)));
    const own = constructions.some((_, i) => broken.some((b) => reads(i, b, true)));
    constructions.forEach((c, i) => {
      const found = broken.find((b) => reads(i, b, own));
      if (found) leave.set(c.node, brokenMessage(found, 'this transport and its session dispatch were left as they were'));
    });
    if (leave.size > 0) return rewriteFile(input, ctx, constructions, mapNames, leave);
  }
  const message = brokenMessage(broken[0], 'the file was left as it was');
  return { outcome: { text: input.text, changes: [], markers: constructions.map((c) => ({ line: lineOf(input.sourceFile, markerAnchor(c.node, input.sourceFile)), message, link: SPEC_TRANSPORT })) }, unwrapped: [] };
}

/** A name the rewrite left broken (brokenNames): the name, whether it is read before its declaration, and the statement that reads it, as rewritten. */
interface BrokenName {
  name: string;
  beforeDeclaration: boolean;
  /** The first line of that statement, and the same cut for a marker (statementHead). */
  line: string;
  statement: string;
}

/**
 * The names a rewrite of `original` (now `text`) reads with no declaration the compiler finds,
 * where the original declared them (a global the rewrite writes, `console`, is not the rewrite's
 * doing), or reads before their block-scoped declaration; either where the original did not. The
 * compiler sees this one file alone (unresolvedNames), so an import's module does not matter.
 */
function brokenNames(original: TS.SourceFile, text: string, path: string): BrokenName[] {
  const codes = new Set([...UNRESOLVED_NAME, ...USED_BEFORE_DECLARATION]);
  const rewritten = parseFile(text, path);
  const declared = new Set<string>();
  walk(original, (n) => {
    const parent = n.parent;
    if (ts.isIdentifier(n) && parent && (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent) || ts.isFunctionDeclaration(parent) || ts.isClassDeclaration(parent) || ts.isEnumDeclaration(parent) || ts.isImportClause(parent) || ts.isImportSpecifier(parent) || ts.isNamespaceImport(parent) || ts.isImportEqualsDeclaration(parent)) && (parent as TS.NamedDeclaration).name === n) declared.add(n.text);
    return undefined;
  });
  const kind = (code: number) => (USED_BEFORE_DECLARATION.has(code) ? 'before' : 'missing');
  const candidates = unresolvedNames(rewritten, codes).filter((d) => USED_BEFORE_DECLARATION.has(d.code) || declared.has(d.name));
  if (candidates.length === 0) return [];
  // (The original parsed anew: the compiler binds the tree it checks, and the analysis of this run still reads the input's.)
  const before = new Set(unresolvedNames(parseFile(original.text, path), codes).map((d) => `${kind(d.code)}:${d.name}`));
  const found: BrokenName[] = [];
  for (const d of candidates) {
    if (before.has(`${kind(d.code)}:${d.name}`)) continue;
    let read: TS.Node | undefined;
    walk(rewritten, (n) => {
      if (read || n.getEnd() <= d.start || n.getStart(rewritten) > d.start) return false;
      if (ts.isIdentifier(n) && n.getStart(rewritten) === d.start) read = n;
      return undefined;
    });
    const statement = read ? statementOf(read) ?? read : undefined;
    const line = statement ? statement.getText(rewritten).split('\n')[0].trim() : d.name;
    if (found.some((f) => f.name === d.name && f.line === line)) continue;
    found.push({ name: d.name, beforeDeclaration: USED_BEFORE_DECLARATION.has(d.code), line, statement: read ? statementHead(read) : d.name });
  }
  return found;
}

/** Whether a function has an identifier of that name in it. */
function mentionsName(fn: TS.Node, name: string): boolean {
  let found = false;
  walk(fn, (n) => {
    if (found) return false;
    if (ts.isIdentifier(n) && n.text === name) found = true;
    return undefined;
  });
  return found;
}

/** The functions around a node, innermost first. */
function enclosingFunctions(node: TS.Node): TS.FunctionLikeDeclaration[] {
  const found: TS.FunctionLikeDeclaration[] = [];
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) found.push(fn);
  return found;
}

/** The marker of a rewrite refused because it broke a name (brokenNames); `what`: what was left. */
function brokenMessage(broken: BrokenName, what: string): string {
  const how = broken.beforeDeclaration ? `before the declaration the rewrite writes below it` : 'where the rewrite removed its declaration';
  return `${what}: rewritten, ${codeSpan(broken.statement)} would read ${broken.name} ${how}, and the code would fail where it runs. Make it per request by hand: build a transport per request (sessionIdGenerator: undefined), serve the request with it, and remove the session lookup together with what still reads it`;
}

/**
 * The text with braces around each braceless branch of a session dispatch that is the statement
 * building a transport, or calling the helper that builds it (HelperCall), the statement on a line
 * of its own; and where those statements now start (`at`). Undefined when there is none.
 */
function bracedBranches(input: CodeInput, constructions: readonly Construction[], maps: ReadonlySet<string>): { text: string; at: number[] } | undefined {
  const { text, sourceFile: sf, facts } = input;
  const unit = indentUnit(text);
  const edits: TextEdit[] = [];
  const starts: number[] = [];
  for (const construction of constructions) {
    const statement = statementOf(helperCall(construction.node, facts)?.site ?? construction.node, true);
    if (!statement || !ts.isIfStatement(statement.parent) || !dispatchRoot(statement, facts, maps)) continue;
    // The if's line (or the else's) gives the indentation; the statement moves to a line of its own below it.
    const indent = indentAt(text, statement.pos);
    const between = text.slice(statement.pos, statement.getStart(sf));
    const opener = between.includes('\n') ? ' {' : ` {\n${indent}${unit}`;
    edits.push({ start: statement.pos, end: between.includes('\n') ? statement.pos : statement.getStart(sf), text: opener });
    edits.push({ start: statement.getEnd(), end: statement.getEnd(), text: `\n${indent}}` });
    starts.push(statement.getStart(sf));
  }
  if (edits.length === 0) return undefined;
  return { text: applyEdits(text, edits), at: starts.map((pos) => shiftOffset(pos, edits, text)) };
}

/**
 * GET on the endpoint answering 405 where the package sends notifications through the server
 * from a handler (ctx.packagePushes): that GET stream was what carried them, so they now reach no
 * client. The change is to review, and says so.
 */
function getStreamLost(outcome: CodemodOutcome, ctx: CodemodContext): CodemodOutcome {
  const at = ctx.packagePushes;
  if (!at || !outcome.changes.some((c) => GET_405.test(c.description))) return outcome;
  const note = `; ${at} sends a notification through the server, which only this GET stream carried: it now reaches no client (send it on the call's own response, or a change notification on a subscriptions/listen stream)`;
  return { ...outcome, changes: outcome.changes.map((c) => (GET_405.test(c.description) ? { ...c, description: c.description + note, safety: 'review' as const } : c)) };
}

/**
 * Transports made per request where a tool of the package, in another file, asks the client only
 * past a test of what the handshake said (ctx.packageSkipsAsking): the server built per request
 * has seen no initialize, so the tool goes on unasked, as if the client had agreed. The change is
 * to review, and says where (that tool is marked there). The file's own such tools are this
 * codemod's markers, and already make it one to review.
 */
function askingSkipped(outcome: CodemodOutcome, ctx: CodemodContext): CodemodOutcome {
  const at = ctx.packageSkipsAsking;
  if (!at || at.startsWith(`${ctx.path}:`)) return outcome;
  const perRequest = (c: Change) => /per-request transport|sessionIdGenerator: undefined/.test(c.description);
  if (!outcome.changes.some(perRequest)) return outcome;
  const note = `; ${at} asks the client only where the handshake said it may, and a server built per request has seen no initialize: that tool now goes on unasked, as if the client had agreed (marked there)`;
  // (Said once, at the first such change; the others are to review all the same.)
  const first = outcome.changes.find(perRequest);
  return { ...outcome, changes: outcome.changes.map((c) => (perRequest(c) ? { ...c, description: c === first ? c.description + note : c.description, safety: 'review' as const } : c)) };
}

/** The descriptions of the changes that make GET on the endpoint answer 405. */
const GET_405 = /\b(GET|non-POST)\b.* answers? 405/;

/**
 * Code that builds v1 transports in stateless mode, as this rewrite left it or as it was: the SDK
 * the package declares is raised to V1_STATELESS_HTTP where it is below (one it does not declare, a
 * workspace's, is not added). 1.10.0 and 1.10.1 answer every stateless request but initialize
 * 400 "Server not initialized", even on one instance (trial 36C B2).
 */
function withStatelessFloor(made: CodemodOutcome, ctx: CodemodContext): CodemodOutcome {
  const outcome = askingSkipped(getStreamLost(made, ctx), ctx);
  // (The code's, not a comment's: a marker of an earlier run names `sessionIdGenerator: undefined` too, trial 44C.)
  const code = ctx.dependencies?.['@modelcontextprotocol/sdk'] ? withoutComments(outcome.text) : '';
  if (!/sessionIdGenerator:\s*undefined/.test(code) || !/['"]@modelcontextprotocol\/sdk\/server\/streamableHttp(\.js)?['"]/.test(code)) return outcome;
  return { ...outcome, dependencies: { ...outcome.dependencies, '@modelcontextprotocol/sdk': V1_STATELESS_HTTP } };
}

/**
 * Whether code still reads one of `maps` in the rewritten text: anything but a declaration (the
 * variable, a parameter, a field) and the map handed on to a function of the file that takes it
 * as a session map parameter (`handleStreamable(req, res, sessions)`), which are left as they are
 * (a marker asks for their removal).
 */
function mapsStillRead(text: string, path: string, maps: ReadonlySet<string>, mapNames: ReadonlySet<string>): boolean {
  const sf = parseFile(text, path);
  let read = false;
  walk(sf, (node) => {
    if (read) return false;
    if (!ts.isIdentifier(node) && !ts.isPrivateIdentifier(node)) return undefined;
    if (!maps.has(node.text)) return undefined;
    const parent = node.parent;
    // A property named like the map (`{ sessions: 1 }`, `x.sessions`) is not it, but `this.sessions` is.
    if (ts.isIdentifier(node) && isPropertyName(node) && !(ts.isPropertyAccessExpression(parent) && parent.expression.kind === ts.SyntaxKind.ThisKeyword)) return undefined;
    if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node) return undefined;
    const use = ts.isPropertyAccessExpression(parent) && parent.name === node ? parent : node;
    const call = use.parent;
    if (ts.isCallExpression(call) && call.arguments.includes(use as TS.Expression)) {
      const param = resolveFunction(call.expression)?.parameters[call.arguments.indexOf(use as TS.Expression)];
      // The parameter, maybe renamed `_sessions` by the rewrite (unused now).
      if (param && ts.isIdentifier(param.name) && mapNames.has(param.name.text.replace(/^_/, '')) && !param.dotDotDotToken) return undefined;
    }
    read = true;
    return false;
  });
  return read;
}

/**
 * The session maps the file declares (by name): what the rewrite empties, and what it asks to
 * remove. With them the sessions' bookkeeping (last-activity times, timers: sessionBookkeeping)
 * that serves a map of Streamable HTTP transports: a session callback or dispatch branch that
 * records the session there does nothing more, and it goes with the map.
 */
function declaredSessionMaps(facts: SessionFacts): Set<string> {
  const bookkeeping = facts.collections.filter((c) => sessionBookkeeping(c, facts)?.some((m) => !isSseOnlyMap(m)));
  const names = new Set([...facts.collections.filter(isSessionMap), ...bookkeeping].filter((c) => c.origin === 'declared').map((c) => c.name));
  // Handed to a function of the file under another name (`handle(req, res, streamableSessions)`
  // into its `sessions` parameter): the map goes by that name there.
  if (names.size > 0) {
    walk(facts.sourceFile, (node) => {
      if (!ts.isCallExpression(node)) return undefined;
      const target = node.arguments.some((a) => ts.isIdentifier(unwrap(a)) && names.has((unwrap(a) as TS.Identifier).text)) ? facts.callTarget(node) : undefined;
      if (!target) return undefined;
      node.arguments.forEach((a, i) => {
        const param = target.parameters[i];
        if (ts.isIdentifier(unwrap(a)) && names.has((unwrap(a) as TS.Identifier).text) && param && ts.isIdentifier(param.name)) names.add(param.name.text);
      });
      return undefined;
    });
  }
  return names;
}

/** A transport made with a session-id generator (sessionfulConstructions). */
type Construction = ReturnType<typeof sessionfulConstructions>[number];

/**
 * The body a web-standard route parsed for the initialize gate this run removed (`const body =
 * await req.json()`, then `handleRequest(req, { parsedBody: body })`): the gate gone, it only feeds
 * the transport, which reads the body itself, and it throws on a GET or DELETE, whose empty body is
 * no JSON, so the route answered 500 for them (trial 72C B2). Removed with the option, where no
 * other edit of the run touches them.
 */
function dropGateBodyParse(sf: TS.SourceFile, work: Work): void {
  if (work.edits.length === 0 || !/\.json\(\s*\)/.test(sf.text)) return;
  const removals = work.edits.filter((e) => e.text === '');
  const overlaps = (edit: TextEdit) => work.edits.some((e) => e.start < edit.end && edit.start < e.end);
  walk(sf, (n) => {
    if (!ts.isCallExpression(n) || calleeName(n) !== 'handleRequest' || n.arguments.length !== 2) return undefined;
    // (A use of the body this run removed: the gate's. One at least, or the parse was the route's own choice.)
    let removedUse = false;
    const statement = bodyParsedOnlyFor(n, (use) => {
      const gone = removals.some((e) => e.start <= use.getStart(sf) && use.getEnd() <= e.end);
      removedUse ||= gone;
      return gone;
    });
    if (!statement || !removedUse) return undefined;
    const removal = removeStatement(statement, sf);
    const option: TextEdit = { start: n.arguments[0].getEnd(), end: n.arguments[1].getEnd(), text: '' };
    if (overlaps(removal) || overlaps(option)) return undefined;
    work.edits.push(removal, option);
    work.changes.push({ line: lineOf(sf, statement.getStart(sf)), description: `removed the body parse ahead of the transport (${codeSnippet(statement, 40)}), which only fed the initialize gate: the transport reads the body itself, and a GET or DELETE has none to parse`, safety: 'safe' });
    return undefined;
  });
}

/**
 * One rewrite of the file; `premint`: transports filed by hand under an id minted up front go too,
 * and `preminted` names their maps (transform checks those are not read afterwards).
 *
 * The steps: each transport is rewritten or left as it was, marked (rewriteTransports); the GET and
 * DELETE of the paths rewritten follow; the edits are applied, and what they left unused deleted
 * (removeUnusedRounds); the markers are placed in the text that results (placedMarkers).
 */
function rewrite(input: CodeInput, ctx: CodemodContext, constructions: readonly Construction[], premint: boolean, mapNames: ReadonlySet<string>, left: ReadonlyMap<TS.Node, string>): { outcome: CodemodOutcome; preminted: Set<string>; unwrapped: readonly TS.Node[] } {
  const { text, sourceFile: sf, facts } = input;
  // Tools here that ask the client mid-call stop working with a per-request transport: the
  // rewrite is then a change to review, which --safe-only leaves (the calls are marked either way).
  const asksClient = asksClientMidCall(sf);
  // So do tools that keep state made with the server (a browser pool the factory makes): it then
  // lasts one request. Their own markers say what to do; the rewrite is one to review.
  // (Or servers the factory adds to a module-level collection: one more on every request.)
  const keepsState = !asksClient && (keepsStateWithServer(facts) || keepsBuiltServers(sf));
  // The tools that stop working, named in the change (trial 21A; their calls are marked).
  const dispatchNote = asksClient ? askingNote(toolsAskingClient(facts)) : undefined;
  const work: Work = { quote: quoteStyle(text), unit: indentUnit(text), edits: [], changes: [], markers: [], dispatchSafety: asksClient || keepsState ? 'review' : 'safe', dispatchNote, mintedIds: new Set() };
  if ((asksClient || keepsState) && !ctx.allows('review')) return { outcome: leftForClientRequests(text, sf, constructions, work, asksClient ? 'tools of this file ask the client mid-call (marked)' : 'tools of this file keep state made with the server (marked)', ctx.target), preminted: new Set(), unwrapped: [] };
  // What a session callback may record the session in and still do nothing more: also the maps
  // known only by their uses (`this.transports.streamable[id] = transport`).
  const bookkeepingMaps = new Set([...mapNames, ...facts.collections.filter(isSessionMap).filter((c) => c.origin === 'external').map((c) => c.name.replace(/^this\./, ''))]);
  // Every route of the file, those on a named path (`Routes.MCP`) included, found once.
  const routes = allRoutes(sf, true);
  const done = rewriteTransports(input, ctx, constructions, routes, premint, mapNames, bookkeepingMaps, work, left);
  const { refused } = done;
  // A dispatch left sessionful keeps its GET stream and DELETE (its sessions still end that way).
  if (!refused.unknownRoute) {
    const livePaths = new Set([...done.mcpPaths].filter((p) => !refused.paths.has(p)));
    const liveMaps = new Set([...mapNames].filter((name) => !refused.maps.has(name)));
    rewriteSessionRoutes(sf, text, routes, livePaths, liveMaps, ctx.allows, work);
    rewriteMethodBranches(sf, text, liveMaps, work, done.unwrapped);
    rewriteAppRouterExports(sf, text, ctx.path, constructions, liveMaps, work);
  }
  if (work.changes.length > 0) work.markers.push(...statelessConsequences(sf, ctx.target));
  dropGateBodyParse(sf, work);
  let next: string;
  try {
    next = applyEdits(text, work.edits);
  } catch {
    // Overlapping rewrites mean a shape this codemod does not understand: leave the file alone and say so.
    return {
      outcome: {
        text,
        changes: [],
        markers: constructions.map((c) => ({ line: lineOf(sf, c.node.getStart(sf)), message: 'session dispatch too intricate to rewrite safely: make this transport per-request by hand', link: SPEC_TRANSPORT })),
      },
      preminted: done.preminted,
      unwrapped: [],
    };
  }
  /** Fields of the class that hold such maps as members (`transports` of `this.transports.streamable`). */
  const holders = new Set([...bookkeepingMaps].filter((name) => !mapNames.has(name) && name.includes('.')).map((name) => name.split('.')[0]));
  // (The session stores of another module, by the name they are imported under; not a plain Map or
  // record, whose module the import keeps tied to it: its marker says nothing fills it, trial 40C.)
  const ownMethods = (c: Collection) => c.accesses.some((a) => ts.isCallExpression(a) && !/^(get|set|has|delete|clear|keys|values|entries|forEach)$/.test(calleeName(a) ?? ''));
  const stores = new Set(facts.collections.filter((c) => isSessionMap(c) && c.origin === 'external' && ownMethods(c)).map((c) => c.name));
  const cleaned = removeUnusedRounds(sf, next, ctx.path, mapNames, holders, stores, work, importedCleanups(sf));
  // What received an id minted for the generator keyed state by it: the rewrite changes what that state means.
  if (cleaned.keptMints.length > 0) for (const change of work.changes) if (/^session dispatch/.test(change.description) && change.safety === 'safe') change.safety = 'review';
  // Maps of legacy SSE transports only: sse-transport's, with the endpoints that fill them.
  const sseMaps = new Set(facts.collections.filter(isSseOnlyMap).map((c) => c.name));
  const markers = placedMarkers(sf, cleaned, work, new Set([...refused.maps, ...sseMaps]));
  return { outcome: { text: cleaned.text, changes: work.changes, markers }, preminted: done.preminted, unwrapped: done.unwrapped };
}

/**
 * Under --safe-only, in a file whose tools ask the client mid-call (or keep state made with the
 * server, `why` says which): every transport is left as it was, marked, and so are the calls that
 * a per-request transport would break.
 */
function leftForClientRequests(text: string, sf: TS.SourceFile, constructions: readonly Construction[], work: Work, why: string, target: CodemodContext['target']): CodemodOutcome {
  for (const c of constructions) {
    work.markers.push({ pos: c.node.getStart(sf), message: `not rewritten under --safe-only: ${why}, which a per-request transport breaks, so making this transport stateless is a change to review; run fix without --safe-only to apply it`, link: SPEC_TRANSPORT });
  }
  work.markers.push(...statelessConsequences(sf, target));
  return { text, changes: [], markers: work.markers.map((m) => ({ line: lineOf(sf, m.pos), message: m.message, link: m.link })) };
}

/**
 * Dispatches left as they were (their markers say why) keep their sessions: the maps they use
 * stay in use (`maps`), and the GET stream and DELETE of their paths stay (`paths`). When the
 * route of one is not known (`unknownRoute`), no GET or DELETE of the file is touched.
 */
interface Refusals {
  paths: Set<string>;
  unknownRoute: boolean;
  maps: Set<string>;
}

/** What rewriteTransports did, for the steps after it (the edits, changes and markers are in its Work). */
interface TransportsDone {
  /** The paths of the transports not left as they were (rewritten, or marked as a dispatch not recognised). */
  mcpPaths: Set<string>;
  /** The dispatch chains unwrapped. */
  unwrapped: TS.Node[];
  refused: Refusals;
  /** The maps of the entries filed under an id minted up front whose bookkeeping went (premint). */
  preminted: Set<string>;
}

/** Each sessionful transport of the file, in order: left as it was (marked, and refused) or rewritten. */
function rewriteTransports(
  input: CodeInput,
  ctx: CodemodContext,
  constructions: readonly Construction[],
  routes: readonly Route[],
  premint: boolean,
  mapNames: ReadonlySet<string>,
  bookkeepingMaps: Set<string>,
  work: Work,
  left: ReadonlyMap<TS.Node, string>,
): TransportsDone {
  const { sourceFile: sf, facts } = input;
  const done: TransportsDone = { mcpPaths: new Set(), unwrapped: [], refused: { paths: new Set(), unknownRoute: false, maps: new Set() }, preminted: new Set() };
  const runsTasks = outlivesTheRequest(sf);
  const routeByCall = new Map<TS.Node, Route>(routes.map((r) => [r.call, r]));
  const places = constructions.map((construction) => placeTransport(construction, facts, routes, routeByCall, premint, mapNames));
  const twins = adoptingTwins(constructions, places, facts);
  constructions.forEach((construction, i) => {
    // Goes with its chain, which the rewrite of its twin replaces.
    if (twins.has(construction.node)) return;
    const place = places[i];
    const broke = left.get(construction.node);
    const decision = broke ? { leave: { pos: markerAnchor(construction.node, sf), message: broke } } : whyLeftSessionful(construction, place, sf, facts, ctx, bookkeepingMaps, runsTasks);
    if (decision.leave) {
      work.markers.push({ pos: decision.leave.pos, message: decision.leave.message, link: SPEC_TRANSPORT });
      refuse(done.refused, construction, place.route, sf, mapNames);
      return;
    }
    rewriteTransport(input, ctx, construction, place, decision, mapNames, bookkeepingMaps, work, done, twins);
  });
  return done;
}

/**
 * Transports of a dispatch chain built in a branch of their own for a client that proposes its
 * session id on initialize (`else if (sid && isInitialize) new Transport({ sessionIdGenerator: () =>
 * sid, ... })`), beside a branch that mints one (`else if (!sid && isInitialize)`) and does the same
 * otherwise, to the letter: per request the two are one transport, so the chain's rewrite keeps the
 * minting one and this one goes with the chain (trial 43A). A branch that does anything else keeps
 * both, which is not for the rewrite to choose between (trial 34A).
 */
function adoptingTwins(constructions: readonly Construction[], places: readonly Placement[], facts: SessionFacts): Set<TS.Node> {
  const twins = new Set<TS.Node>();
  // The branch's statements (not the comments between them) with the generator's value left out.
  const withoutGenerator = (c: Construction, branch: TS.Block) => {
    const generator = c.options.properties.find((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'sessionIdGenerator');
    if (!generator) return undefined;
    const value = generator.initializer;
    return branch.statements
      .map((statement) => {
        const text = statement.getText();
        if (value.pos < statement.pos || statement.end < value.end) return text;
        const start = statement.getStart();
        return text.slice(0, value.getStart() - start) + text.slice(value.getEnd() - start);
      })
      .join('\n');
  };
  constructions.forEach((c, i) => {
    const { root, branch, via } = places[i];
    const adopted = generatorReturns(c.options)?.returned;
    if (!root || !branch || via || !adopted || !facts.isSessionId(adopted)) return;
    const own = withoutGenerator(c, branch);
    const twin = constructions.some((other, j) => {
      const theirs = places[j];
      return j !== i && theirs.root === root && theirs.branch && theirs.branch !== branch && !theirs.via && !generatorReturns(other.options) && own !== undefined && withoutGenerator(other, theirs.branch) === own;
    });
    if (twin) twins.add(c.node);
  });
  return twins;
}

/** Records a dispatch left as it was (Refusals): its route, and the session maps its function names. */
function refuse(refused: Refusals, construction: Construction, route: Route | undefined, sf: TS.SourceFile, mapNames: ReadonlySet<string>): void {
  if (route) refused.paths.add(route.path);
  else refused.unknownRoute = true;
  const scope = enclosingFunction(construction.node) ?? sf;
  walk(scope, (node) => {
    if ((ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) && mapNames.has(node.text)) refused.maps.add(node.text);
  });
}

/** Where a sessionful transport is served, and what holds it. */
interface Placement {
  /**
   * The route (or createServer callback) it serves: the route call around it, or a route
   * registered with its handler by name (`app.post('/mcp', mcpPostHandler)`).
   */
  route: Route | undefined;
  /** The branch (block) whose statement builds it, and the session dispatch chain that has that branch (dispatchRoot), if any. */
  branch: TS.Block | undefined;
  root: TS.IfStatement | undefined;
  /**
   * `const id = randomUUID(); new Transport({ sessionIdGenerator: () => id }); sessions.set(id, transport)`
   * outside a dispatch chain (premint only): the entry is bookkeeping (the chain's rewrite removes it as such).
   */
  entry: PremintedEntry | undefined;
  /** Kept beyond the request (escapes), that entry aside, or the filing after the request outside a dispatch chain (filedAfterRequest). */
  kept: boolean;
  /** Built by a helper of the file for the one call in a dispatch branch that serves it: the route, branch and chain are that call's. */
  via?: HelperCall;
}

/**
 * A transport built by a helper of the file and handed back to the one call of it, in a branch of
 * a route's session dispatch (trial 30C):
 *
 *   async function createTransport() { const t = new Transport({ ...session options }); ...; return t; }
 *   let transport = sid ? transports[sid] : undefined;
 *   if (!transport && isInitializeRequest(req.body)) transport = await createTransport();
 *
 * The chain is unwrapped around the call as around a construction; the options and the map's
 * bookkeeping are rewritten in the helper, which goes on building the transport (and its server).
 */
interface HelperCall {
  /** The expression in the route that stands for the construction: the call, or the await around it. */
  site: TS.Expression;
  /** The helper's body, and its final `return <transport>`. */
  body: TS.Block;
  returned: TS.ReturnStatement;
}

/**
 * The HelperCall of a transport, if it is built that way: made into a const of a function (a
 * declaration or a const of the module, or a private method) whose body ends by returning it and
 * does nothing else with it that keeps it (escapes), and that is named once in the file, by a call.
 */
function helperCall(construction: TS.NewExpression, facts: SessionFacts): HelperCall | undefined {
  const sf = facts.sourceFile;
  const statement = statementOf(construction);
  const body = statement?.parent;
  const fn = body?.parent;
  if (!statement || !body || !ts.isBlock(body) || !fn || !isFunctionLike(fn) || fn.body !== body) return undefined;
  if (!ts.isVariableDeclaration(construction.parent) || !ts.isIdentifier(construction.parent.name)) return undefined;
  const name = construction.parent.name.text;
  const returned = body.statements[body.statements.length - 1];
  if (!returned || !ts.isReturnStatement(returned) || !returned.expression || unwrap(returned.expression).getText(sf) !== name) return undefined;
  // (Any other return, a bare one too: returnedExpressions leaves those out.)
  let otherReturn = false;
  walk(body, (n) => {
    if (otherReturn || (n !== body && isFunctionLike(n))) return false;
    if (ts.isReturnStatement(n) && n !== returned) otherReturn = true;
    return undefined;
  });
  if (otherReturn || escapes(construction, returned)) return undefined;
  const calls = facts.callSitesOf(fn);
  if (calls.length !== 1 || namedMoreThanCalled(fn, sf)) return undefined;
  const call = calls[0];
  return { site: ts.isAwaitExpression(call.parent) ? call.parent : call, body, returned };
}

/** Whether a function is named in the file other than as the callee of one call (exported, handed on, called twice). */
function namedMoreThanCalled(fn: TS.FunctionLikeDeclaration, sf: TS.SourceFile): boolean {
  const declared = functionDeclarationOf(fn);
  if (declared) {
    const statement = ts.isVariableDeclaration(declared) ? declared.parent.parent : declared;
    if (isExported(statement) || !ts.isSourceFile(statement.parent)) return true;
    return referencesTo(sf, declared).length !== 1;
  }
  if (!ts.isMethodDeclaration(fn) || !fn.name || !(ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name))) return true;
  const privately = ts.isPrivateIdentifier(fn.name) || !!ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword);
  if (!privately) return true;
  const method = fn.name.text;
  let named = 0;
  walk(sf, (n) => {
    if (ts.isPropertyAccessExpression(n) && n.name.text === method) named++;
  });
  return named !== 1;
}

/** The Placement of one transport: its route, its dispatch chain, its preminted entry, whether it is kept. */
function placeTransport(
  construction: Construction,
  facts: SessionFacts,
  routes: readonly Route[],
  routeByCall: ReadonlyMap<TS.Node, Route>,
  premint: boolean,
  mapNames: ReadonlySet<string>,
): Placement {
  const at = (site: TS.Expression) => {
    const fn = enclosingFunction(site);
    let holder: TS.Node | undefined = fn;
    while (holder && !routeByCall.has(holder)) holder = holder.parent;
    const route = holder ? routeByCall.get(holder) : routes.find((r) => r.handler !== undefined && r.handler === fn);
    const statement = statementOf(site);
    const branch = statement && branchOf(statement);
    return { route, branch, root: branch && dispatchRoot(branch, facts, mapNames) };
  };
  // Built by a helper for a dispatch branch that calls it: placed at that call (without a dispatch there, where it is built).
  const via = helperCall(construction.node, facts);
  const helped = via && at(via.site);
  if (via && helped?.root) return { ...helped, entry: undefined, kept: true, via };
  const { route, branch, root } = at(construction.node);
  const entry = premint && !root ? premintedEntry(construction, mapNames) : undefined;
  const filing = root || entry ? undefined : filedAfterRequest(construction.node, mapNames);
  return { route, branch, root, entry, kept: escapes(construction.node, entry?.entry ?? filing) };
}

/**
 * Outside a dispatch chain, the filing in a session map once the transport has its id, after the
 * request was served (`await transport.handleRequest(req, res); if (transport.sessionId)
 * sessions.set(transport.sessionId, transport)`, trial 28A, calcom companion): bookkeeping as
 * onsessioninitialized's is, which never runs on a stateless transport: it does not keep the
 * transport, and the rewrite removes it with the rest of the map's bookkeeping.
 */
function filedAfterRequest(construction: TS.NewExpression, maps: ReadonlySet<string>): TS.IfStatement | undefined {
  const name = transportVariable(construction);
  const statement = statementOf(construction);
  const block = statement?.parent;
  if (!name || !statement || !block || !ts.isBlock(block)) return undefined;
  return block.statements.slice(block.statements.indexOf(statement) + 1).find((s): s is TS.IfStatement => filesOnceMinted(s, name, maps));
}

/** `if (transport.sessionId) sessions.set(transport.sessionId, transport)`: map bookkeeping under the id the transport minted, with no else. */
function filesOnceMinted(s: TS.Statement, transportName: string, maps: ReadonlySet<string>): s is TS.IfStatement {
  if (!ts.isIfStatement(s) || s.elseStatement || !isMapBookkeeping(s, maps)) return false;
  let tests = false;
  walk(s.expression, (n) => {
    if (ts.isPropertyAccessExpression(n) && n.name.text === 'sessionId' && n.expression.getText() === transportName) tests = true;
    return tests ? false : undefined;
  });
  return tests;
}

/**
 * Whether a transport is left as it was, and the marker that says why (`leave`, at `pos`); if
 * not, the server its dispatch connects (connectedServer) and why its rewrite is a change to
 * review (dispatchReview), which the rewrite carries out. Left: a session callback that does more
 * than bookkeeping, work that outlives the request or messages routed by hand, one server shared
 * by every request, a change to review under --safe-only.
 */
function whyLeftSessionful(
  construction: Construction,
  place: Placement,
  sf: TS.SourceFile,
  facts: SessionFacts,
  ctx: CodemodContext,
  bookkeepingMaps: Set<string>,
  runsTasks: string | undefined,
): { leave: { pos: number; message: string } } | { leave?: undefined; server: ConnectedServer; review: DispatchReview | undefined } {
  const { branch, kept } = place;
  const dispatched = !!place.root;
  const at = construction.node.getStart(sf);
  // Only where the rewrite would go ahead: a transport kept beyond the request is marked anyway.
  const working = (dispatched || !kept) && sessionCallbackWithWork(construction.options, bookkeepingMaps);
  if (working) return { leave: { pos: at, message: callbackWork(working) + (ctx.allows('review') && (!ctx.codemodsInRun || ctx.codemodsInRun.has('explicit-handles')) ? stateLeftByCleanup(working, facts) : '') } };
  // Something else the session kept (an upstream connection, a child process): made per request, it would leak.
  const keptValue = (dispatched || !kept) && sessionKeptValue(construction.node, bookkeepingMaps);
  if (keptValue) return { leave: { pos: (statementOf(keptValue.made) ?? keptValue.made).getStart(sf), message: keptValueMessage(keptValue) } };
  // Work that outlives the request, or messages routed by hand: a per-request transport (and
  // server) would be gone before the answer is sent.
  const outlives = (dispatched || !kept) && (runsTasks ?? wiredByHand(construction.node, sf));
  if (outlives) return { leave: { pos: at, message: outlives } };
  // One server for every request: per-request transports would have concurrent requests answer
  // on one another's streams (a v1 server sends through the transport it connected last), so
  // the dispatch stays until the server is built per request.
  // A helper's server is connected in the helper (or, handed back first, in the branch).
  const helperServer = place.via ? connectedServer(place.via.body, transportVariable(construction.node) ?? 'transport', facts, ctx) : {};
  const server = helperServer.receiver ? helperServer : dispatched ? connectedServer(branch!, transportVariable(place.via?.site ?? construction.node) ?? 'transport', facts, ctx) : {};
  if (server.shared) {
    return {
      leave: {
        pos: server.shared.getStart(sf),
        message: server.refusal
          ? server.refusal
          : server.setup
          ? afterHandshakeMessage(server.setup)
          : server.cachedBy
          ? `${server.cachedBy}() ${server.keeps ? 'hands out one server it keeps (it builds it on the first call only)' : 'returns the same server on every call (one built once)'}: ${ONE_TRANSPORT_AT_A_TIME}. Make ${server.cachedBy}() build a new server on every call, then run fix again`
          : sharedServerMessage(server.receiver!, sf),
      },
    };
  }
  // The transport built in a helper of the route (`function pick() { ... return t }`) and connected
  // by the route itself: the dispatch chain is not seen, but a server of the module connected
  // there is still shared by every request.
  if (!server.receiver) {
    const elsewhere = sharedConnectAround(construction.node, place.route?.handler);
    if (elsewhere) return { leave: { pos: elsewhere.getStart(sf), message: sharedServerMessage((elsewhere.expression as TS.PropertyAccessExpression).expression, sf) } };
  }
  // A rewrite that is a change to review (set-up awaited once per session now runs per
  // request; a check on initialize requests stops guarding anything) is not made under --safe-only.
  const review = dispatchReview(place.via?.site ?? construction.node, dispatched ? branch : undefined, facts, bookkeepingMaps, place.via);
  // The server's own object keeping its handlers' state (perRequestObject): a change to review too.
  if (server.objectState && !ctx.allows('review')) {
    return { leave: { pos: at, message: `not rewritten under --safe-only: new ${server.objectState.name}() would be built per request, and ${joinNames(server.objectState.fields.map((f) => `this.${f}`))}, which its handlers change, would last one request, so making this transport stateless is a change to review; run fix without --safe-only to apply it` } };
  }
  if (review && !ctx.allows('review')) {
    const why = review.setup
      ? `the set-up it ran once per session, ${review.setup}(), would run on every request`
      : review.testsSessionId
        ? `${codeSpan(review.testsSessionId.expression.getText())} tests the session id, which no request would carry`
        : review.files
          ? `${review.files}() files the session's transport, which the rewrite removes (per request it would add an entry that nothing removes), and whether it does more is not seen here`
          : 'a check of its route runs on initialize requests only, which 2026-07-28 clients never send';
    return { leave: { pos: at, message: `not rewritten under --safe-only: ${why}, so making this transport stateless is a change to review; run fix without --safe-only to apply it` } };
  }
  return { server, review };
}

/**
 * The rewrite of one transport whyLeftSessionful let through: its dispatch chain unwrapped, or,
 * built per request already and kept nowhere, its options (and the early returns before it); kept
 * beyond the request in a way not recognised, it is marked instead, and refused like a transport
 * left as it was (its sessions live on: the GET stream and DELETE of its path stay, and so do its
 * maps). Fills `done` (its path, its chain, the map of an entry filed under an id minted up front).
 */
function rewriteTransport(
  input: CodeInput,
  ctx: CodemodContext,
  construction: Construction,
  place: Placement,
  { server, review }: { server: ConnectedServer; review: DispatchReview | undefined },
  mapNames: ReadonlySet<string>,
  bookkeepingMaps: Set<string>,
  work: Work,
  done: TransportsDone,
  twins: ReadonlySet<TS.Node>,
): void {
  const { text, sourceFile: sf, facts } = input;
  const { route, entry } = place;
  const optionWork: Work = { ...work, edits: [], changes: [], droppedStores: undefined };
  rewriteOptions(construction, sf, ctx, optionWork);
  /** The options' changes made: said, and the imports of the event stores they dropped go when unused. */
  const optionsRewritten = () => {
    work.changes.push(...optionWork.changes);
    for (const store of optionWork.droppedStores ?? []) (work.droppedStores ??= new Set()).add(store);
  };
  if (route) done.mcpPaths.add(route.path);
  let gatedBy: ReturnType<typeof initializeOnlyCaller>;
  // The changes this rewrite makes, from here: to review where the server's own object keeps state (perRequestObject).
  const firstChange = work.changes.length;
  if (unwrapDispatch(construction, facts, bookkeepingMaps, text, sf, work, optionWork.edits, review, place.via, twins)) {
    optionsRewritten();
    statelessDefaults(construction.options, sf, work);
    done.unwrapped.push(place.root!);
    markSessionIdTest(review, sf, work);
    if (server.awaited) {
      const factory = calleeName(unwrap(server.awaited.expression) as TS.CallExpression) ?? 'the factory';
      work.markers.push({
        pos: server.awaited.getStart(sf),
        message: `${factory}() now runs for every request (it ran once per session), and building the server waits on it: keep one-time setup it does (schemas, connections, warm-up) out of it, or make sure it is cheap. Whatever the server it builds keeps for later calls (a browser, a current selection) is now gone after each request: keep such state outside the server, behind a handle the tools take`,
        link: SPEC_TRANSPORT,
      });
    }
  } else if (!place.kept && (gatedBy = initializeOnlyCaller(construction.node, facts, work.edits))) {
    // Built only for initialize by a caller whose session dispatch stays: made stateless alone, it
    // would serve initialize and nothing after it. Both change together, by hand.
    work.markers.push({
      pos: markerAnchor(construction.node, sf),
      message: `this transport is built only for initialize requests (${gatedBy.name}() is called behind ${codeSpan(gatedBy.test.getText(sf))}), and later requests go to the session dispatch around that call: made stateless alone it would serve initialize and refuse every later request, so it was left as it was. Rewrite both together: serve every POST with a transport built per request (sessionIdGenerator: undefined), then remove the dispatch and its map`,
      link: SPEC_TRANSPORT,
    });
    refuse(done.refused, construction, route, sf, mapNames);
  } else if (!place.kept) {
    // Already built per request, kept nowhere: only its options were sessionful. Before it, the
    // early-return form of the dispatch (serve a known session's transport and return; refuse
    // what is not initialize) goes.
    work.edits.push(...optionWork.edits);
    const first = work.changes.length;
    optionsRewritten();
    statelessDefaults(construction.options, sf, work);
    removeEarlyReturns(construction.node, facts, mapNames, sf, work, review, entry);
    markSessionIdTest(review, sf, work);
    const gate = gateLeftBefore(construction.node, sf, work.edits);
    if (gate) {
      // The gate stays (its finding is marked): until it goes, the stateless transport is never
      // reached by a request that is not initialize, so the server refuses a client's second call.
      const note = `; the initialize test at line ${lineOf(sf, gate.getStart(sf))} still refuses what is not initialize: until it goes, no later request reaches this transport`;
      for (let i = first; i < work.changes.length; i++) work.changes[i] = { ...work.changes[i], description: work.changes[i].description + note, safety: 'review' };
    }
    if (entry) done.preminted.add(entry.map);
  } else {
    // Kept beyond the request (a store, a map we do not know): without the lookup that finds
    // it again rewritten too, a stateless transport would be reused, and the SDK refuses that.
    work.markers.push({
      pos: markerAnchor(construction.node, sf),
      message: revivesSession(construction.options)
        ? // `new Transport({ sessionIdGenerator: () => sessionId })` with the id handed in: a session minted elsewhere, revived here.
          "this transport revives a session minted elsewhere (its generator returns the session id it is handed): 2026-07-28 has no session to revive; build the server for the request where it is served, with a stateless transport, and drop the revival and whatever routes requests to the instance that holds the session"
        : mapNames.size === 0 && !/mcp-session-id|\.sessionId\b/i.test(text) && servedElsewhere(construction.node)
          ? // No map, no session id read anywhere, and requests served by other functions: one transport (and its server) serves every request (trial 45B).
            'this transport is built once and every request goes through it (there is no session lookup): it holds one session, so a second client is refused. Build the server and a stateless transport (sessionIdGenerator: undefined) per request in the handler that serves it, both closed when the response ends'
          : 'session dispatch not recognised: create this transport per request (sessionIdGenerator: undefined), serve the request with it, and remove the session lookup by hand',
      link: SPEC_TRANSPORT,
    });
    refuse(done.refused, construction, route, sf, mapNames);
  }
  if (work.changes.length > firstChange) perRequestObject(server, firstChange, sf, work);
  if (route?.method === 'all' && route.handler) guardAllRoute(route.handler, sf, text, work);
  else if (!route && (place.root || !place.kept)) {
    guardNodeCallback(construction.node, place.root, sf, text, work);
    koaMethodRefusal(construction.node, place.root, sf, work);
  }
}

/**
 * Whether the variable a transport is built into (`const transport = new ...`, or a module's `let`
 * assigned `transport = new ...`) is built once and serves every request: each of its
 * `handleRequest` calls sits in a route handler (`app.post('/mcp', (req, res) =>
 * transport.handleRequest(...))`), and it is built at module level or in a function, itself no
 * route handler, that registers those routes (one a route's callback or a helper it calls builds
 * is built per request).
 */
function servedElsewhere(construction: TS.Node): boolean {
  const at = outermost(construction);
  const parent = at.parent;
  const decl = ts.isVariableDeclaration(parent) && parent.initializer === at ? parent : isAssignment(parent) && parent.right === at ? declaringVariable(parent.left) : undefined;
  if (!decl || !ts.isIdentifier(decl.name)) return false;
  const builtIn = enclosingFunction(construction);
  // The `x.handleRequest(...)` calls on it.
  const serving = referencesTo(construction.getSourceFile(), decl as TS.VariableDeclaration & { name: TS.Identifier }).flatMap((ref) => {
    const access = outermost(ref).parent;
    return ts.isPropertyAccessExpression(access) && access.name.text === 'handleRequest' && ts.isCallExpression(access.parent) && access.parent.expression === access ? [access.parent] : [];
  });
  // Built at module level, or in the function that registers the routes that serve it (a route's
  // own callback, or a helper it calls, builds one per request: review 49).
  return serving.length > 0 && serving.every((call) => {
    const handler = findAncestor(call, (n): n is TS.FunctionLikeDeclaration => isFunctionLike(n) && isRouteHandler(n as TS.FunctionLikeDeclaration));
    return !!handler && (!builtIn || (handler !== builtIn && handler.pos >= builtIn.pos && handler.end <= builtIn.end && !isRouteHandler(builtIn)));
  });
}

/**
 * Where the rewrite builds the server's own object per request and that object keeps state its
 * handlers change (serverObjectState): the changes are to review, whatever their tag, and a marker
 * at the object says what now lasts one request (trial 29C: a job map emptied on every call, the
 * rewrite called safe).
 */
function perRequestObject(server: ConnectedServer, firstChange: number, sf: TS.SourceFile, work: Work): void {
  const state = server.objectState;
  if (!state) return;
  const note = `; new ${state.name}() is now built per request, and ${joinNames(state.fields.map((f) => `this.${f}`))} with it (see the marker)`;
  for (let i = firstChange; i < work.changes.length; i++) work.changes[i] = { ...work.changes[i], description: work.changes[i].description + note, safety: 'review' };
  work.markers.push({ pos: markerAnchor(state.made, sf), message: objectStateMessage(state), link: SPEC_TRANSPORT });
}

/** The marker at a test of the session id that the rewrite leaves with nothing to tell apart (sessionIdTest). */
function markSessionIdTest(review: DispatchReview | undefined, sf: TS.SourceFile, work: Work): void {
  const test = review?.testsSessionId;
  if (!test) return;
  // A link of a dispatch chain (`else if (!sid && meta)`): the rewrite moves it to where the chain began.
  let top: TS.IfStatement = test;
  while (ts.isIfStatement(top.parent) && top.parent.elseStatement === top) top = top.parent;
  work.markers.push({
    pos: markerAnchor(top, sf),
    message: `this route answers by whether the request names a session (${codeSpan(test.expression.getText(sf), 80)}), and no request does once the transport is stateless: responses no longer give a session id, so a 2025 client sends none either, and this test now takes the same way for every request. If it tells 2026-07-28 requests apart, test what only they carry (_meta["io.modelcontextprotocol/protocolVersion"] in the body, as the SDK does), or remove it`,
    link: SPEC_TRANSPORT,
  });
}

/**
 * In a node:http callback, the method lists that let GET or DELETE through (streamMethodList) in
 * the tests of its top level before `before` (the dispatch, the transport), not made together
 * with a path's (another route's list): they keep POST alone, so those methods get the answer
 * every other method got (trial 32A: GET opened a stream that never closed). Whether there was one.
 */
function narrowMethodLists(request: string, before: TS.Statement, sf: TS.SourceFile, work: Work): boolean {
  let narrowed = false;
  const block = before.parent as TS.Block;
  for (const s of block.statements.slice(0, block.statements.indexOf(before))) {
    if (!ts.isIfStatement(s) || PATH_TEST.test(s.expression.getText(sf))) continue;
    walk(s.expression, (n) => {
      if (!ts.isPropertyAccessExpression(n) || n.name.text !== 'method' || !ts.isIdentifier(n.expression) || n.expression.text !== request) return undefined;
      const found = streamMethodList(n);
      if (!found || found.shared || work.edits.some((e) => e.end > e.start && e.start <= found.list.getStart(sf) && found.list.getEnd() <= e.end)) return undefined;
      work.edits.push(...removeListElements(found.streams, found.list.elements, sf));
      work.changes.push({ line: lineOf(sf, found.list.getStart(sf)), description: `${found.streams.map((x) => x.getText(sf)).join(' and ')} taken out of the methods this callback lets through: 2026-07-28 has no session stream to open and no session to end, so they are refused as other methods are`, safety: 'safe' });
      narrowed = true;
      return undefined;
    });
  }
  return narrowed;
}

/**
 * A transport made stateless in a node:http `createServer((req, res) => ...)` callback, which
 * every method reaches: GET would open a stream nothing writes to and DELETE answer 200 (trial
 * 26C), so non-POST requests answer 405 right before it is built (before the dispatch chain it
 * was built in), after whatever routing by path comes first. Not where the callback tests the
 * method itself.
 */
function guardNodeCallback(construction: TS.NewExpression, root: TS.IfStatement | undefined, sf: TS.SourceFile, text: string, work: Work): void {
  const fn = enclosingFunction(construction);
  // Before the dispatch chain it was built in, which the rewrite replaces.
  const statement = root ?? statementOf(construction);
  if (!fn?.body || !statement || !ts.isBlock(statement.parent) || !isNodeServerCallback(fn)) return;
  const request = paramName(fn, 0);
  const response = paramName(fn, 1);
  if (!request || !response || work.answers405?.has(fn) || narrowMethodLists(request, statement, sf, work) || answers405(fn, work.edits.filter((e) => e.end > e.start))) return;
  // The refusal of every method but POST ahead of the dispatch, with another status (`if
  // (req.method !== 'POST') { res.writeHead(400).end('no session'); return; }`: GET and DELETE
  // without a session; trial 70C B1): with no session any more, it answers 405 as the revision asks.
  const block = statement.parent;
  const refusal = block.statements.slice(0, block.statements.indexOf(statement)).find((s) => refusesAllButPost(s, request) && onlyAnswersError(s, request, response, sf));
  const check = refusal && postOnlyCheck(fn, work.quote, 'node');
  if (refusal && check && !work.edits.some((e) => e.end > e.start && e.start < refusal.getEnd() && refusal.getStart(sf) < e.end)) {
    work.edits.push({ start: refusal.getStart(sf), end: refusal.getEnd(), text: check });
    work.changes.push({ line: lineOf(sf, refusal.getStart(sf)), description: 'the refusal of non-POST requests answers 405 (Allow: POST) now, as the revision asks: it turned away GET and DELETE without a session, and 2026-07-28 has no session stream to open or session to end', safety: 'safe' });
    return;
  }
  if (testsMethodOf(fn.body, request, work.edits)) return;
  const indent = indentAt(text, statement.getStart(sf));
  const at = lineStart(text, startWithLeadingComments(statement, sf));
  work.edits.push({ start: at, end: at, text: `${indent}${postOnlyCheck(fn, work.quote, 'node')}\n` });
  work.changes.push({ line: lineOf(sf, fn.getStart(sf)), description: 'non-POST requests answer 405', safety: 'safe' });
}

/**
 * In a Koa middleware (`app.use(async (ctx, next) => ...)`), the refusal of every method but POST
 * ahead of the transport made stateless (`if (ctx.method !== 'POST') { ctx.res.statusCode = 400;
 * ctx.res.end('no session'); return; }`: GET and DELETE without a session; trial 76A B6): with no
 * session any more it answers 405 with Allow: POST, as the revision asks, in the idiom it answered
 * in, where that is plain: through the Node response alone (`ctx.res`, as where Koa does not
 * respond, `ctx.respond = false`), or through Koa's context alone (`ctx.status`, `ctx.body`)
 * where Koa still responds. A refusal that mixes them, or answers through Koa's context where Koa
 * does not respond, is marked with what to answer. One that does more than answer an error
 * (onlyAnswersError) is the application's own, and stays.
 */
function koaMethodRefusal(construction: TS.NewExpression, root: TS.IfStatement | undefined, sf: TS.SourceFile, work: Work): void {
  const fn = enclosingFunction(construction);
  const statement = root ?? statementOf(construction);
  if (!fn?.body || !statement || !ts.isBlock(statement.parent) || handlerStyle(fn) !== 'koa') return;
  const ctx = paramName(fn, 0);
  if (!ctx || work.answers405?.has(fn) || answers405(fn, work.edits.filter((e) => e.end > e.start))) return;
  const block = statement.parent;
  const refusal = block.statements.slice(0, block.statements.indexOf(statement)).find((s) => refusesAllButPost(s, ctx));
  if (!refusal || !onlyAnswersError(refusal, ctx, ctx, sf) || work.edits.some((e) => e.end > e.start && e.start < refusal.getEnd() && refusal.getStart(sf) < e.end)) return;
  const then = refusal.thenStatement;
  const writes = (ts.isBlock(then) ? [...then.statements] : [then]).filter((st) => !ts.isReturnStatement(st) || st.expression);
  // (Through the Node response: `ctx.res.statusCode = 400`, `ctx.res.end(...)`.)
  const throughRes = (st: TS.Statement) => new RegExp(`^(?:return\\s+)?${ctx}\\.res\\b`).test(st.getText(sf));
  const node = writes.length > 0 && writes.every(throughRes);
  // (Koa stops responding for every request ahead of the refusal: `ctx.respond = false` a statement of the same block before it.)
  const respondsNot = block.statements.slice(0, block.statements.indexOf(refusal)).some((st) => new RegExp(`^${ctx}\\.respond\\s*=\\s*false\\s*;?$`).test(st.getText(sf)));
  const koa = writes.length > 0 && !writes.some(throughRes) && !respondsNot;
  const q = work.quote;
  const check = node ? `if (${ctx}.method !== ${q}POST${q}) { ${methodNotAllowed('node', `${ctx}.res`, q)} return; }` : koa ? postOnlyCheck(fn, q, 'koa') : undefined;
  if (!check) {
    work.markers.push({
      pos: refusal.getStart(sf),
      message: `this refusal of every method but POST turned away GET and DELETE without a session; with the transport stateless there is none, and 2026-07-28 asks for 405 with Allow: POST: answer that in place of this answer (${respondsNot ? `through the Node response, as Koa does not respond here: ${ctx}.res.writeHead(405, { Allow: 'POST' })` : `${ctx}.set('Allow', 'POST'); ${ctx}.status = 405`}), in one idiom`,
      link: SPEC_TRANSPORT,
    });
    return;
  }
  work.edits.push({ start: refusal.getStart(sf), end: refusal.getEnd(), text: check });
  work.changes.push({ line: lineOf(sf, refusal.getStart(sf)), description: 'the refusal of non-POST requests answers 405 (Allow: POST) now, as the revision asks: it turned away GET and DELETE without a session, and 2026-07-28 has no session stream to open or session to end', safety: 'safe' });
}

/**
 * `next`, the rewritten text, without what the rewrite left unused (removeUnused, its deletions
 * recorded in work's changes), repeated while that deletes something: deleting one declaration
 * can leave another unused (an event store, then its import). What was in use before the rewrite
 * is read from the original file `sf`.
 */
function removeUnusedRounds(sf: TS.SourceFile, next: string, path: string, mapNames: ReadonlySet<string>, holders: ReadonlySet<string>, stores: ReadonlySet<string>, work: Work, cleanedImports?: ReadonlySet<string>): ReturnType<typeof removeUnused> {
  let current = next;
  const helpers = usedHelpers(sf);
  const privateMethods = usedPrivateMethods(sf);
  const cryptoUsed = new Set(cryptoModuleBindings(sf).filter((b) => isReferenced(sf, b.name)).map((b) => b.name.text));
  const mapParams = usedMapParameters(sf, mapNames);
  const clean = (from: string, carried?: IgnoredSupply[]) => removeUnused(from, path, mapNames, work.changes, helpers, privateMethods, work.mintedIds, holders, cryptoUsed, mapParams, carried, stores, work.replacedFactories, work.factoryImports, cleanedImports, work.droppedStores);
  let cleaned = clean(current);
  for (let round = 0; round < 3 && cleaned.text !== current; round++) {
    current = cleaned.text;
    cleaned = clean(current, cleaned.ignoredSupplies);
  }
  return cleaned;
}

/**
 * The markers of the rewrite, at lines of the cleaned text: work's (positions of the original
 * text `sf`, found again on the same line), then those about what the cleaning kept or deleted:
 * an id minted for the generator still handed on, a caller's collection now ignored, and (when
 * something was rewritten) a map still used, unless it is one of `unmarkedMaps` (a dispatch left
 * as it was uses it, or a legacy SSE transport).
 */
function placedMarkers(sf: TS.SourceFile, cleaned: ReturnType<typeof removeUnused>, work: Work, unmarkedMaps: ReadonlySet<string>): Marker[] {
  const markers: Marker[] = work.markers.map((m) => ({ line: lineInRewrite(sf, lineOf(sf, m.pos), cleaned.text), message: m.message, link: m.link }));
  /** A marker at a position of the cleaned text. */
  const markAt = (pos: number, message: string) => markers.push({ line: lineAt(cleaned.text, pos), message, link: SPEC_TRANSPORT });
  for (const m of cleaned.keptMints) {
    markAt(m.pos, `${m.name} was the session's id, minted once per session for the generator; now it is minted on every request, so the code still handed it (as a session id, say) gets a new value each time and what it keys by it lasts one request: key that state by an explicit handle the tools take, then delete ${m.name}`);
  }
  for (const i of cleaned.ignoredSupplies) {
    markAt(i.pos, `${i.supplied}, the collection a caller could hand in for ${i.name}, is no longer used: with per-request transports there are no sessions to keep. Remove that option from your API (or document that it is ignored), and tell its callers`);
  }
  if (work.changes.length > 0) {
    for (const kept of cleaned.keptMaps.filter((m) => !unmarkedMaps.has(m.name))) {
      markAt(
        kept.pos,
        kept.filledBy
          ? `${kept.name} is still filled by ${codeSpan(kept.filledBy.replace(/\s+/g, ' '), 60)}, code this rewrite left as it was: the Streamable HTTP endpoint no longer uses it; it goes when that code does`
          : `${kept.name} is still used elsewhere, but with per-request transports it stays empty: remove the remaining uses and this map`,
      );
    }
  }
  return markers;
}

/**
 * Why a file's transports cannot be made per-request by this codemod because of what its server
 * does: tasks (registerToolTask, a taskStore) whose work finishes after the request that started
 * it, through a server a per-request transport has closed by then ("Not connected", an unhandled
 * rejection that ends the process: the SDK's simpleStreamableHttp example).
 */
function outlivesTheRequest(sf: TS.SourceFile): string | undefined {
  if (!/\bregisterToolTask\s*\(|\btaskStore\s*[:,}]/.test(sf.text)) return undefined;
  return 'this server runs tasks (registerToolTask, a taskStore) whose work finishes after the request that started it, through the server and transport a per-request rewrite would have closed by then. 2026-07-28 removed these core tasks: move them to the Tasks extension (results kept in a shared store), then make this transport stateless by hand';
}

/**
 * A transport whose messages the code routes itself (`transport.onmessage = ...`) instead of
 * connecting a server to it: the answers come back through code that finds the transport again
 * (a map the session callback filled), which a per-request rewrite would leave answering nothing
 * (mcp-framework's HTTP transport).
 */
function wiredByHand(construction: TS.NewExpression, sf: TS.SourceFile): string | undefined {
  const name = transportVariable(construction);
  if (!name) return undefined;
  return assignsMember(enclosingFunction(construction) ?? sf, name, 'onmessage')
    ? `${name}.onmessage is routed by hand, not to a server connected to this transport: its answers go back through code that finds the transport again by session, which a per-request rewrite would leave answering nothing. Connect a server built per request instead, then make this transport stateless`
    : undefined;
}

/** Whether a tool of the file keeps or reads state made with the server (stateful-tool's server-state reason for it). */
function keepsStateWithServer(facts: SessionFacts): boolean {
  return facts.registrations.some((r) => statefulReasons(facts, r).some((reason) => reason.madeWithServer));
}

