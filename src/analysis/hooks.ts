/**
 * The SDK's `oninitialized` hook as code writes it, and what its function does: session-lifecycle
 * reports the hook, shared-server and stateful-tool ask what it sets up.
 */
import type { ts as TS } from 'ts-morph';
import { calleeName, enclosingClass, inLogCall, isAssignment, isAssignmentTarget, isLogCall, propertyNameText, referencesTo, resolveFunction, resolveIdentifier, unwrap, walk } from './ast.js';
import { TELEMETRY_CALLS } from './session.js';
import { kinds } from './nodes.js';
import { ts } from './typescript.js';

/** What reads who the client is (the handshake's results). */
const CLIENT_GETTERS = /^(getClientVersion|getClientCapabilities)$/;
/** Calls that record for product analytics or metrics; logs and traces are TELEMETRY_CALLS' (session.ts). */
const ANALYTICS_CALLS = /^(identify|track|capture|page|group|alias|setUser|increment|record)([A-Z]\w*)?$/;
const RECORDER = /analytics|telemetry|metrics|tracker|posthog|segment|mixpanel|amplitude|sentry|span/i;

/** A test that decides whether to record (`shouldSendStartedEvent()`, `isTelemetryEnabled()`): no work of its own. */
const PREDICATE = /^(should|is|has|can)[A-Z]/;

/** Calls named for who the client is (`detectClientApplication`, `trackClientCapabilities`, `setClientInfo`), not any client (`createApiClient()` is set-up). */
const ABOUT_CLIENT = /Client(Info|Application|App|Capabilities|Version|Name)/;
/** Calls that only read (`sessions.get(id)`, `JSON.stringify(info)`) or measure (`reportInit()`; `trackServerInit()` is ANALYTICS_CALLS'): no work a tool waits for. */
const READS_OR_MEASURES = /^(get|has|find|includes|some|every|map|filter|stringify|parse|now|toISOString|toString)$|^(report|count|measure|emit|observe)(?![a-z])/;

/** A call that only records: a log's own calls aside, who the client is read, telemetry, analytics, a recorder's method, a predicate on whether to record. */
function recordsOnly(name: string, receiver: string): boolean {
  return CLIENT_GETTERS.test(name) || TELEMETRY_CALLS.test(name) || ANALYTICS_CALLS.test(name) || RECORDER.test(receiver) || PREDICATE.test(name);
}

/** Calls that put a value into a collection. */
const KEEPS = /^(push|unshift|set|add)$/;

/** The node kinds an `oninitialized` hook is written as (see initializedHook), for a NodeIndex visit. */
export const INITIALIZED_HOOK_KINDS = kinds(ts.SyntaxKind.BinaryExpression, ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.MethodDeclaration);

/**
 * The function a function-valued expression runs, seen through `.bind(...)` and to a method of the
 * class around it: `fn`, `this.onInit.bind(this)`, `this.handle` (a method, or a field holding an
 * arrow). Class-based servers hand their methods over bound (review 86 point 5: the hook and the
 * tool of `oninitialized = this.onInit.bind(this)` were missed, only arrow wrappers followed).
 */
export function boundFunction(node: TS.Expression | undefined): TS.FunctionLikeDeclaration | undefined {
  if (!node) return undefined;
  let e = unwrap(node);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(unwrap(e.expression)) && (unwrap(e.expression) as TS.PropertyAccessExpression).name.text === 'bind') {
    e = unwrap((unwrap(e.expression) as TS.PropertyAccessExpression).expression);
  }
  const fn = resolveFunction(e);
  if (fn || !ts.isPropertyAccessExpression(e) || unwrap(e.expression).kind !== ts.SyntaxKind.ThisKeyword) return fn;
  const name = e.name.text;
  const member = enclosingClass(e)?.members.find((m) => propertyNameText(m.name) === name);
  if (member && ts.isMethodDeclaration(member)) return member;
  return member && ts.isPropertyDeclaration(member) ? resolveFunction(member.initializer) : undefined;
}

/** The function an `oninitialized` hook runs: `x.oninitialized = fn`, `{ oninitialized: fn }`, a method `oninitialized() {}`, a bound method (boundFunction). */
export function initializedHook(node: TS.Node): TS.FunctionLikeDeclaration | undefined {
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = unwrap(node.left);
    return ts.isPropertyAccessExpression(left) && left.name.text === 'oninitialized' ? boundFunction(node.right) : undefined;
  }
  if (ts.isPropertyAssignment(node) && propertyNameText(node.name) === 'oninitialized') return boundFunction(node.initializer);
  if (ts.isMethodDeclaration(node) && propertyNameText(node.name) === 'oninitialized') return node;
  return undefined;
}

/**
 * Whether a hook's function only records who the client is (reads the client's name or
 * capabilities, logs them or sends them to analytics, keeps them in a local): no tool registered,
 * nothing set up that later requests need.
 */
export function recordsClientOnly(fn: TS.FunctionLikeDeclaration): boolean {
  if (!fn.body) return false;
  let calls = 0;
  let other = false;
  walk(fn.body, (n) => {
    if (other) return false;
    // Kept for later (`clientSupportsSampling = ...`): tools may branch on it, so it is set-up.
    // (Not a variable every other use of which is a log line's: `clientName`, for a disconnect log.)
    if (isAssignment(n) && !declaredIn(n.left, fn) && !onlyLogged(n.left)) {
      other = true;
      return false;
    }
    if (ts.isCallExpression(n)) {
      calls++;
      const name = calleeName(n) ?? '';
      const callee = unwrap(n.expression);
      const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression.getText() : '';
      if (!(isLogCall(n) || recordsOnly(name, receiver))) other = true;
    }
    return undefined;
  });
  return !other && calls > 0;
}

/**
 * The first call in a hook's function that does work of the application's (`ctx.loadProfile()`,
 * `connectDatabase()`, a ready promise's resolver): not a log line, a read of who the client is,
 * telemetry or analytics. What waits for that work waits for a handshake 2026-07-28 clients never
 * make. Undefined when there is none.
 */
export function setUpCall(fn: TS.FunctionLikeDeclaration): TS.CallExpression | undefined {
  if (!fn.body) return undefined;
  let found: TS.CallExpression | undefined;
  walk(fn.body, (n) => {
    if (found) return false;
    if (!ts.isCallExpression(n)) return undefined;
    if (isLogCall(n)) return false;
    const name = calleeName(n) ?? '';
    const callee = unwrap(n.expression);
    const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression.getText() : '';
    // What it keeps (`greeted.push(name)`, `clients.set(id, info)`) is judged as state, not work;
    // and work on who the client is (`detectClientApplication(clientName)`, `trackClientCapabilities(...)`)
    // is what the hook remembers of the client, which each request's envelope now carries.
    if (recordsOnly(name, receiver) || KEEPS.test(name) || ABOUT_CLIENT.test(name) || READS_OR_MEASURES.test(name)) return undefined;
    found = n;
    return false;
  });
  return found;
}

/** Whether what an assignment writes is a local (of a function around the hook) that is otherwise only written or read inside log calls (`console.log(`${clientName} left`)`). */
function onlyLogged(target: TS.Expression): boolean {
  const t = unwrap(target);
  const decl = ts.isIdentifier(t) ? resolveIdentifier(t) : undefined;
  // A local of the function around the hook (a module-level one is state the module keeps for its tools).
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || ts.isSourceFile(decl.parent.parent.parent)) return false;
  const uses = referencesTo(decl.getSourceFile(), decl as TS.VariableDeclaration & { name: TS.Identifier }).filter((r) => !isAssignmentTarget(r));
  return uses.length > 0 && uses.every(inLogCall);
}

/** Whether what an assignment writes is a local of `fn` (a variable it declares), not state kept beyond it. */
function declaredIn(target: TS.Expression, fn: TS.Node): boolean {
  const t = unwrap(target);
  if (!ts.isIdentifier(t)) return false;
  const decl = resolveIdentifier(t);
  return !!decl && decl.pos >= fn.pos && decl.end <= fn.end;
}
