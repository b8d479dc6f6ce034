import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { DISK_ADVICE, DISK_FIX, DISK_LOSS, diskPaths, localDiskPaths } from '../analysis/disk-state.js';
import { MCP_LITE_MODULE, servesBothEras } from '../analysis/mcp.js';
import { isRouteHandler, runBy } from '../analysis/routes.js';
import { servesStdioOnly } from '../analysis/transports.js';
import { accessChain, accessChainTop, accessRoot, awaited, isPrimitiveLiteral, TIMERS, baseClassOf, calleeName, destructuredFrom, typeNamed, calleeReceiver, codeSnippet, constantString, constantStrings, declaringVariable, enclosingClass, enclosingFunction, findAncestor, functionDeclarationOf, functionNameNode, globalsProperty, heritageNames, importOf, isAssignment, isAssignmentTarget, isConstDeclaration, isEqualityTest, isStep, isExported, isFallback, isFunctionLike, isLogCall, isModuleVariable, isNullish, isPropertyName, isStaticMember, iterated, iteratedList, joinNames, listenerLabel, literalMember, LISTENS, moduleExportOf, moduleVariableOf, MUTATING_METHODS, outermost, parameterOfMember, propertyNameText, referencesTo, resolveFunction, resolveIdentifier, resolveInitializer, returnedExpressions, someNode, unwrap, walk, wholeCollectionUse } from '../analysis/ast.js';
import { isRegistrationCall, REQUEST_SCHEMA_METHODS, toolAt, type Registration } from '../analysis/registrations.js';
import type { LoadedModule, ModuleSource } from '../analysis/modules.js';
import { buildsServer, buildsServerItself, callsAnywhere, registeredOn, exportingStatement, isCollectionInitializer, runsOncePerProcess, isTelemetryUse, lookupResultMembers, MINTS_ID, moduleFacts, refusesCall, requestScopedKey, SessionFacts, testsLimit, setOfSessionIds, stateName, type ContextHanded } from '../analysis/session.js';
import { objectLiteralOf } from '../analysis/capabilities.js';
import { agentFields, agentStateMembers, isAgentState, isMcpAgentClass, perSessionClass } from '../analysis/agents.js';
import { SPEC, type CodeRule, type Report } from './types.js';
import type { Finding, ReasonId } from '../model.js';
import { everyOnLegacyPath, guardText, legacyTest, modernYes } from '../analysis/eras.js';
import { kinds } from '../analysis/nodes.js';
import { changesIn, collectionKind, fromParameters, holdsEmptyCollection, membersOfThis, namedOwnState, namedRecord, restoredToCopy, savedCopy, undoneAfter, startsAfresh, storedValue, type Change } from '../analysis/changes.js';
import { BROWSER_PACKAGES, BROWSER_TYPES, clientField, countsOnly, fieldStart, importedFunctionAt, importedClassAt, importedInstanceCall, importedMethodAt, importedState, instanceCall, instanceFieldRead, liveObjects, PROCESS_TYPE, typesOf, typeTextOf, moduleCall, ownClassTouches, ownFactoryCall, ownModuleCall, importsRunModule, relativeImportNames, type LiveObjects, type ModuleCall, type ModuleState, type StateNoun, type StateTouch } from '../analysis/module-state.js';
import { INITIALIZED_HOOK_KINDS, initializedHook } from '../analysis/hooks.js';
import { IDENTITY_FIELD, namesCredential, STATE_KIND_ADVICE, stateKind, takesHandle } from '../analysis/state-kind.js';
import { agentStateIsCache, agentStateIsConstant } from './mcp-agent-state.js';

/** Server→client requests that need the caller's open stream on this instance (`sample`: mcp-lite's `ctx.sample`). */
export const SERVER_TO_CLIENT = new Set(['elicitInput', 'createMessage', 'listRoots', 'sendRequest', 'requestSampling', 'elicit', 'sample']);
/** Of those, names other APIs share (an LSP connection's `sendRequest`, a chat SDK's `createMessage`). */
const SHARED_NAMES = new Set(['createMessage', 'listRoots', 'sendRequest', 'elicit', 'sample']);
/** Of those, names only a handler's context has (`ctx.sample(...)`; `_.sample(list)` is lodash's). */
const CONTEXT_ONLY = new Set(['sample']);

/**
 * What mcp-lite's `ctx.elicit()` and `ctx.sample()` do, for a finding to say: mcp-lite writes the
 * request on the call's stream (or the session's) only for a client with a session, and waits for
 * the answer, a POST of its own, in this instance's clientRequestAdapter. Undefined for other calls.
 */
function mcpLiteRequest(facts: SessionFacts, call: TS.CallExpression): string | undefined {
  const name = calleeName(call);
  if ((name !== 'elicit' && name !== 'sample') || !MCP_LITE_MODULE.test(facts.sourceFile.text)) return undefined;
  const receiver = calleeReceiver(call);
  if (!receiver || facts.receiverKind(receiver) !== 'context') return undefined;
  const method = name === 'elicit' ? 'elicitation/create' : 'sampling/createMessage';
  return `ctx.${name}(): mcp-lite sends ${method} only within a session and waits on this instance for the answer, which the client POSTs separately: a 2026-07-28 request has no session, so the call fails${name === 'sample' ? ', and Sampling itself is deprecated in 2026-07-28' : ''}`;
}

/** The SDK's list-change notifications (what a computed `send${kind}ListChanged` may be). */
const SDK_LIST_CHANGES = ['sendToolListChanged', 'sendPromptListChanged', 'sendResourceListChanged'];
/** (mcp-use spells them in the plural, and its resource update notifyResourceUpdated; trial 22A.) */
const LIST_CHANGES = new Set([...SDK_LIST_CHANGES, 'sendToolsListChanged', 'sendPromptsListChanged', 'sendResourcesListChanged']);
const RESOURCE_UPDATES = new Set(['sendResourceUpdated', 'notifyResourceUpdated']);
/** Notifications a handler sends through the server rather than on its own call's stream (`extra.sendNotification`). */
const SERVER_PUSHES = new Set(['sendResourceUpdated', 'notifyResourceUpdated', 'sendLoggingMessage', 'sendNotificationToSession']);
const TOOL_HANDLE_METHODS = new Set(['enable', 'disable', 'remove', 'update']);
/** Every push through the server: a notification by hand, a list change, or one of SERVER_PUSHES. */
const PUSHES = new Set(['sendNotification', 'notification', 'notify', ...LIST_CHANGES, ...SERVER_PUSHES]);

export interface ToolReason {
  kind: Exclude<ReasonId, 'listener-push' | 'list-handler' | 'read-handler'>;
  text: string;
  /** Where in the handler (or a helper it calls) the reason shows. */
  node: TS.Node;
  /** The per-session collection a `session-state` reason is about. */
  state?: string;
  /** For a request made in a helper: the request calls themselves. */
  via?: TS.CallExpression[];
  /** What else the state is (running processes, browser pages). */
  also?: 'process-state' | 'browser-state' | 'connection-state' | 'disk-state';
  /** State made with the server (a local of the function that builds it): it lasts one request once servers are built per request. */
  madeWithServer?: true;
  /** The module-level collection whose entry the state is, reached through a local of the function that builds the server (moduleEntry). */
  entryOf?: string;
  /** State of a register function every caller of which hands it a server in a file that serves stdio alone (handedServerLifetime). */
  overStdio?: true;
  /** Entries kept under a handle whose argument the tools mark `x-mcp-header` (routedHeader): the header it travels in. */
  routed?: string;
  /** For a `session-id` reason: the call or access that keeps something by the id (keyedBy, keyedInCallee), as its text names it. */
  keptBy?: TS.Node;
  /** State that lasts as long as the server the tools are registered on, as its text says (the `lasts-with-server` reason the finding gets). */
  lastsWithServer?: true;
}

/** Push names other libraries use too (a desktop notifier's `notify`): these need an MCP receiver. */
const GENERIC_PUSHES = new Set(['notification', 'notify']);

/**
 * The names a call's member may be: `server.sendToolListChanged()`, or one computed whose values
 * are all knowable (`server[KINDS.tools.notificationMethod]()`, a lookup table's, a template of
 * constants). `server[`send${kind}ListChanged`]()` is a list_changed push whatever `kind` is.
 * Undefined for a name only run time knows.
 */
function calledNames(call: TS.CallExpression): string[] | undefined {
  const name = calleeName(call);
  if (name !== undefined) return [name];
  const callee = unwrap(call.expression);
  if (!ts.isElementAccessExpression(callee)) return undefined;
  const key = unwrap(callee.argumentExpression);
  const known = constantStrings(key);
  if (known) return known;
  const sendListChanged = ts.isTemplateExpression(key) && key.head.text === 'send' && key.templateSpans.length === 1 && key.templateSpans[0].literal.text === 'ListChanged';
  return sendListChanged ? [...SDK_LIST_CHANGES] : undefined;
}

/** The names of a call that is one of `names` whatever its member turns out to be (see calledNames). */
function callsOneOf(call: TS.CallExpression, names: ReadonlySet<string>): string[] | undefined {
  const called = calledNames(call);
  return called && called.length > 0 && called.every((n) => names.has(n)) ? called : undefined;
}

/** A call as a message names it: `sendToolListChanged()`, or a computed one with what it may be. */
function callLabel(call: TS.CallExpression, names: readonly string[]): string {
  return calleeName(call) !== undefined ? `${names[0]}()` : `${codeSnippet(unwrap(call.expression), 50)}() (${names.join(', ')})`;
}

/**
 * Whether the handler itself stops a timer it started (`const timer = setInterval(...)`, then
 * `clearInterval(timer)` in a finally block, or as a statement of its body before every return):
 * the timer pushes only while the call runs (progress kept alive on the call's own stream, trial
 * 35B), not after.
 */
function stoppedByHandler(timer: TS.CallExpression, handler: TS.Node): boolean {
  const holder = timer.parent;
  if (!ts.isVariableDeclaration(holder) || holder.initializer !== timer || !ts.isIdentifier(holder.name)) return false;
  const name = holder.name.text;
  const body = (handler as TS.FunctionLikeDeclaration).body;
  const clears: TS.CallExpression[] = [];
  const returns: TS.ReturnStatement[] = [];
  walk(handler, (n) => {
    if (isFunctionLike(n) && n !== handler) return false;
    if (ts.isReturnStatement(n)) returns.push(n);
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && /^clear(Interval|Timeout)$/.test(n.expression.text) && n.arguments.length === 1) {
      const arg = unwrap(n.arguments[0]);
      if (ts.isIdentifier(arg) && arg.text === name && resolveIdentifier(arg) === holder) clears.push(n);
    }
    return undefined;
  });
  // In a finally block, or a statement of the body itself that every return comes after (not in a catch or one branch).
  return clears.some((clear) => {
    const statement = clear.parent;
    const finallyBlock = findAncestor(clear, (a): a is TS.Block => ts.isBlock(a) && ts.isTryStatement(a.parent) && a.parent.finallyBlock === a);
    if (finallyBlock && finallyBlock.pos >= handler.pos) return true;
    return ts.isExpressionStatement(statement) && !!body && ts.isBlock(body) && statement.parent === body && returns.every((r) => r.getStart() >= statement.end);
  });
}

/** A push to the session: an unambiguous name, or a generic one on an MCP receiver. */
function containsPush(facts: SessionFacts, fn: TS.Node): boolean {
  return someNode(fn, (node) => {
    const names = ts.isCallExpression(node) ? callsOneOf(node, PUSHES) : undefined;
    if (!names) return false;
    const receiver = calleeReceiver(node as TS.CallExpression);
    return !names.some((n) => GENERIC_PUSHES.has(n)) || (!!receiver && facts.receiverKind(receiver) !== undefined);
  });
}

const rememberedMemo = new WeakMap<TS.VariableDeclaration, boolean>();

/**
 * The module-level collection of servers an element comes from (`for (const s of servers)`,
 * `Array.from(servers).map((s) => ...)`, `servers.forEach(...)`, `Object.values(servers)`): a Set,
 * array, Map or object declared of
 * servers (`new Set<Server>()`) or filled with them (`servers.add(server)`). Code that keeps every
 * server it built, to push to them later, assumes the instance that built one still holds its client.
 */
function rememberedServers(facts: SessionFacts, element: TS.Node): TS.VariableDeclaration | undefined {
  const e = unwrap(element);
  let list = ts.isIdentifier(e) ? iteratedList(resolveIdentifier(e)) : undefined;
  if (!list) return undefined;
  // Array.from(servers), [...servers], servers.values(), Object.values(servers) (an object of servers by session, trial 31A).
  list = iterated(list);
  const decl = list && ts.isIdentifier(list) ? moduleVariableOf(list) : undefined;
  if (!decl || !ts.isIdentifier(decl.name)) return undefined;
  let known = rememberedMemo.get(decl);
  if (known === undefined) {
    const declared = typeTextOf(decl);
    known =
      /\b(Mcp)?Server\b/.test(declared) ||
      referencesTo(facts.sourceFile, decl as TS.VariableDeclaration & { name: TS.Identifier }).some((ref) => {
        const access = ref.parent;
        const call = access.parent;
        if (!ts.isPropertyAccessExpression(access) || access.expression !== ref || !/^(add|push|set)$/.test(access.name.text) || !ts.isCallExpression(call)) return false;
        const added = call.arguments[call.arguments.length - 1];
        return !!added && facts.receiverKind(added) === 'server';
      });
    rememberedMemo.set(decl, known);
  }
  return known ? decl : undefined;
}

/**
 * Where what an access gives is sent through (`transports.get(sid)?.send`, `servers[sid].notification`),
 * also from a local it is kept in first (`const t = sid ? transports.get(sid) : undefined; t?.send(...)`), if it is.
 */
function sendsThrough(access: TS.Node): TS.PropertyAccessExpression | undefined {
  let entry = outermost(access);
  // The collection itself (`transports`): its entry is what `.get(sid)` gives.
  const get = entry.parent;
  if (ts.isPropertyAccessExpression(get) && get.expression === entry && get.name.text === 'get' && ts.isCallExpression(get.parent) && get.parent.expression === get) entry = outermost(get.parent);
  else if (ts.isElementAccessExpression(get) && get.expression === entry) entry = outermost(get);
  // What the entry gives, also through a choice, a fallback or a local it is kept in first (trial 47A).
  return lookupResultMembers(entry)
    .map((m) => m.node)
    .find((m): m is TS.PropertyAccessExpression => ts.isPropertyAccessExpression(m) && SENDS.test(m.name.text) && ts.isCallExpression(m.parent) && m.parent.expression === m);
}

/** What sends to the client through a transport or a server. */
const SENDS = /^(send|notification|sendNotification|sendResourceUpdated|sendLoggingMessage)$/;

/** Whether a call's receiver is an MCP server of the file (`server.sendResourceUpdated(...)`, `this.server.sendLoggingMessage(...)`). */
function serverReceiver(facts: SessionFacts, call: TS.CallExpression): boolean {
  const receiver = calleeReceiver(call);
  return !!receiver && (facts.receiverKind(receiver) === 'server' || !!rememberedServers(facts, receiver));
}

/**
 * The pushes a function makes through the server itself (`server.notification(...)`,
 * `server.sendResourceUpdated(...)`), or through a helper of the file it calls, two levels down
 * (`setInterval(() => sendUpdate(server), 5000)`); not through a request's context
 * (`extra.sendNotification` keeps a progress heartbeat on that request's own stream, which
 * 2026-07-28 keeps).
 */
function serverPushes(facts: SessionFacts, fn: TS.Node, depth = 2): readonly TS.CallExpression[] {
  const known = pushMemo.get(fn);
  if (known !== undefined && (known.length > 0 || depth === 2)) return known;
  const found: TS.CallExpression[] = [];
  walk(fn, (node) => {
    if (!ts.isCallExpression(node)) return undefined;
    if ((callsOneOf(node, PUSHES) && serverReceiver(facts, node)) || sendsNotificationByHand(node)) found.push(node);
    else if (depth > 0) {
      const helper = facts.callTarget(node);
      if (helper?.body && helper !== fn) found.push(...serverPushes(facts, helper.body, depth - 1));
    }
    return undefined;
  });
  // None found short of the full depth may be some at it: only those at full depth are kept.
  if (found.length > 0 || depth === 2) pushMemo.set(fn, found);
  return found;
}

/** Whether a function pushes through the server itself (serverPushes). */
function pushesFromServer(facts: SessionFacts, fn: TS.Node): boolean {
  return serverPushes(facts, fn).length > 0;
}

/**
 * A JSON-RPC notification written out and sent on a transport or connection:
 * `transport.send({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' })`, not one about
 * a request in flight.
 */
function sendsNotificationByHand(call: TS.CallExpression): boolean {
  if (calleeName(call) !== 'send' || !ts.isPropertyAccessExpression(unwrap(call.expression))) return false;
  // A request's own progress or cancellation (an abort listener cancelling a request it sent) is no push.
  if (!/^notifications\/(?!progress$|cancelled$)/.test(requestedMethod(call) ?? '')) return false;
  return (unwrap(call.arguments[0]) as TS.ObjectLiteralExpression).properties.some((p) => propertyNameText(p.name) === 'jsonrpc');
}

/** Per function body: its pushes through the server (serverPushes), asked for each timer and listener. */
const pushMemo = new WeakMap<TS.Node, readonly TS.CallExpression[]>();

/**
 * Whether every push a listener or timer makes (serverPushes) is a log message
 * (`sendLoggingMessage`, `notifications/message`). 2026-07-28 sends a log message only on the
 * stream of the request it logs for, never on a subscriptions/listen stream: the advice differs
 * from a change notification's (trial 34B).
 */
function pushesLogsOnly(facts: SessionFacts, fn: TS.Node): boolean {
  const pushes = serverPushes(facts, fn);
  return pushes.length > 0 && pushes.every((call) => calleeName(call) === 'sendLoggingMessage' || requestedMethod(call) === 'notifications/message');
}

/** Server→client requests sent by method name: `server.request({ method: 'roots/list' }, ...)`. */
const REQUEST_METHODS = new Set(['roots/list', 'sampling/createMessage', 'elicitation/create']);

/**
 * A call that sends the client a request by its method (`extra.sendRequest({ method:
 * 'sampling/createMessage', ... }, schema)`, or a `sendRequest` destructured from the context, v2's `ctx.mcpReq.send({ method: 'elicitation/create',
 * ... })`, `server.request(...)`): one of REQUEST_METHODS, written there. By its syntax alone (the
 * codemods ask it too).
 */
export function sendsClientRequestMethod(node: TS.CallExpression): boolean {
  const name = calleeName(node) ?? '';
  const callee = unwrap(node.expression);
  // Also `sendRequest` taken out of the handler's context (`async (args, { sendRequest }) =>`, trial 37B).
  const sender = ts.isPropertyAccessExpression(callee) ? /^(sendRequest|send|request)$/.test(name) : ts.isIdentifier(callee) && (name === 'sendRequest' || destructuredName(callee) === 'sendRequest');
  return sender && REQUEST_METHODS.has(requestedMethod(node) ?? '');
}

/** The property a destructured local was taken from (`ask` in `{ sendRequest: ask }`), if it is one. */
function destructuredName(local: TS.Identifier): string | undefined {
  const decl = resolveIdentifier(local);
  const property = decl && ts.isBindingElement(decl) ? decl.propertyName : undefined;
  return property && ts.isIdentifier(property) ? property.text : undefined;
}

/** The method a `request({ method: '...' })` (or `send({ ... })`) call names, when it is written there. */
function requestedMethod(node: TS.CallExpression): string | undefined {
  return methodOf(node.arguments);
}

/** The method a request's arguments name (`{ method: '...' }` first), when it is written there. */
function methodOf(args: readonly TS.Expression[]): string | undefined {
  const first = args[0] && unwrap(args[0]);
  if (!first || !ts.isObjectLiteralExpression(first)) return undefined;
  const method = first.properties.find((p) => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'method');
  return method && ts.isPropertyAssignment(method) ? constantString(method.initializer) : undefined;
}

/**
 * mcp-framework's MCPTool helpers that send a server→client request from inside a tool's
 * execute(): `this.elicit(...)`, `this.samplingRequest(...)`, `this.getRoots()`.
 */
const TOOL_CLASS_REQUESTS: Record<string, true> = { elicit: true, samplingRequest: true, samplingRequestWithTools: true, getRoots: true };

/** Inside a class built on mcp-framework's MCPTool. */
function inToolClass(node: TS.Node): boolean {
  const cls = enclosingClass(node);
  return !!cls && heritageNames(cls).some((n) => n === 'MCPTool');
}

/** What a server→client request call is called in a message: its name, or the method it sends (`elicitInput as ask` through a method reference). */
function requestName(node: TS.CallExpression): string {
  const taken = ts.isIdentifier(unwrap(node.expression)) || /^(call|apply)$/.test(calleeName(node) ?? '') ? takenMethod(node) : undefined;
  if (taken) {
    const method = /^(send|request|sendRequest)$/.test(taken.name) ? methodOf(taken.args) : undefined;
    const what = method ? `${taken.name} ${method}` : taken.name;
    return taken.local === taken.name ? what : `${what} as ${taken.local}`;
  }
  const name = calleeName(node) ?? '';
  return name === 'request' || name === 'send' ? `${name} ${requestedMethod(node)}` : name;
}

/** A server→client request call: an unambiguous name, or a shared one on an MCP receiver; also through a method reference (referencedRequest). */
function isServerRequest(facts: SessionFacts, node: TS.CallExpression): boolean {
  return directServerRequest(facts, node) || referencedRequest(facts, node);
}

/**
 * A call of a server→client request method taken out as a value first (trial 56B B1): `const ask
 * = s.server.elicitInput.bind(s.server); ask(...)`, `const fn = ctx.server.elicitInput;
 * fn.call(ctx.server, ...)`, `const send = extra.sendRequest; send({ method: 'elicitation/create' })`:
 * judged as the call it stands for, on the receiver it was taken from.
 */
function referencedRequest(facts: SessionFacts, node: TS.CallExpression): boolean {
  const taken = takenMethod(node);
  if (!taken) return false;
  const { name, receiver, args } = taken;
  // (v2's `const send = ctx.mcpReq.send`: the context's sendRequest, review 72.)
  const v2Send = name === 'send' && isMcpReq(receiver);
  if (name === 'sendRequest' || name === 'request' || v2Send) {
    if (!REQUEST_METHODS.has(methodOf(args) ?? '')) return false;
  } else if (!SERVER_TO_CLIENT.has(name)) return false;
  return sentOn(facts, name, receiver);
}

/** v2's request context, `ctx.mcpReq`: what sends its requests (`send`). */
function isMcpReq(receiver: TS.Expression): boolean {
  const r = unwrap(receiver);
  return ts.isPropertyAccessExpression(r) && r.name.text === 'mcpReq';
}

/**
 * Whether a server→client request method called on `receiver` goes to the client: not an MCP
 * client's (its requests go the other way); a name other APIs share (or `request`, `send`) only on
 * a server or a handler's context.
 */
function sentOn(facts: SessionFacts, name: string, receiver: TS.Expression | undefined): boolean {
  const kind = receiver !== undefined ? facts.receiverKind(receiver) : undefined;
  if (kind === 'client') return false;
  if (CONTEXT_ONLY.has(name)) return kind === 'context';
  return (!SHARED_NAMES.has(name) && name !== 'request' && name !== 'send') || kind === 'server' || kind === 'context';
}

/**
 * The method a call reaches through a value it was taken out as (`ask` of `const ask =
 * s.elicitInput.bind(s)`, `fn` of `fn.call(owner, ...)`): its name, the receiver it was taken
 * from, the arguments the method gets, and the local's name.
 */
function takenMethod(node: TS.CallExpression): { name: string; receiver: TS.Expression; args: readonly TS.Expression[]; local: string } | undefined {
  let callee = unwrap(node.expression);
  let args: readonly TS.Expression[] = node.arguments;
  // `fn.call(owner, ...args)`, `fn.apply(owner, [args])`.
  if (ts.isPropertyAccessExpression(callee) && /^(call|apply)$/.test(callee.name.text) && ts.isIdentifier(unwrap(callee.expression))) {
    args = callee.name.text === 'call' ? node.arguments.slice(1) : [];
    callee = unwrap(callee.expression);
  }
  if (!ts.isIdentifier(callee)) return undefined;
  const method = methodValue(callee);
  return method && { ...method, args, local: callee.text };
}

/**
 * The method a value stands for, with the receiver it was taken from: `extra.sendRequest`,
 * `s.server.elicitInput.bind(s.server)`, or a name holding one (`const ask = ...bind(...)`,
 * destructured `const { send } = ctx.mcpReq` (review 73), destructured then renamed `const send =
 * sendRequest` (review 72)).
 */
function methodValue(value: TS.Expression): { name: string; receiver: TS.Expression } | undefined {
  let taken: TS.Expression | undefined = unwrap(value) as TS.Expression;
  if (ts.isIdentifier(taken)) {
    const own = destructuredFrom(resolveIdentifier(taken));
    if (own) return { name: own.key, receiver: own.from };
    taken = resolveInitializer(taken);
  }
  if (taken && ts.isCallExpression(taken) && calleeName(taken) === 'bind' && ts.isPropertyAccessExpression(unwrap(taken.expression))) taken = unwrap((unwrap(taken.expression) as TS.PropertyAccessExpression).expression) as TS.Expression;
  if (taken && ts.isPropertyAccessExpression(taken)) return { name: taken.name.text, receiver: taken.expression };
  const bound = taken && ts.isIdentifier(taken) ? destructuredFrom(resolveIdentifier(taken)) : undefined;
  return bound && { name: bound.key, receiver: bound.from };
}

/**
 * A server→client request method a call hands a helper as a value, which the helper calls
 * (trial 62B B1: `withConfirm(extra.sendRequest, question)`, `ask(server.server.request.bind(
 * server.server))`, `const send = extra.sendRequest; ask(send)`): the request the caller makes
 * through it, named as the method. `helperFacts`: the facts of the helper's module.
 */
function handedRequestMethod(facts: SessionFacts, call: TS.CallExpression, helper: TS.FunctionLikeDeclaration | undefined): string | undefined {
  if (!helper?.body) return undefined;
  for (const [i, arg] of call.arguments.entries()) {
    const method = ts.isSpreadElement(arg) ? undefined : methodValue(arg);
    const param = method && helper.parameters[i];
    if (!method || !param || !ts.isIdentifier(param.name)) continue;
    const byMethod = method.name === 'sendRequest' || method.name === 'request' || (method.name === 'send' && isMcpReq(method.receiver));
    if (!(byMethod || SERVER_TO_CLIENT.has(method.name)) || !sentOn(facts, method.name, method.receiver)) continue;
    const asked = someNode(helper.body, (n) => {
      if (!ts.isCallExpression(n)) return false;
      let callee = unwrap(n.expression);
      let args: readonly TS.Expression[] = n.arguments;
      if (ts.isPropertyAccessExpression(callee) && /^(call|apply)$/.test(callee.name.text)) {
        args = callee.name.text === 'call' ? n.arguments.slice(1) : [];
        callee = unwrap(callee.expression);
      }
      return ts.isIdentifier(callee) && resolveIdentifier(callee) === param && (!byMethod || REQUEST_METHODS.has(methodOf(args) ?? ''));
    });
    if (asked) return method.name;
  }
  return undefined;
}

function directServerRequest(facts: SessionFacts, node: TS.CallExpression): boolean {
  const name = calleeName(node) ?? '';
  const callee = unwrap(node.expression);
  const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
  if (receiver?.kind === ts.SyntaxKind.ThisKeyword && Object.hasOwn(TOOL_CLASS_REQUESTS, name)) return inToolClass(node);
  // `sendRequest` taken from the handler's context, sending a client request by its method (trial 37B).
  if (!receiver && sendsClientRequestMethod(node)) return true;
  if (name === 'request') return receiver !== undefined && facts.receiverKind(receiver) === 'server' && REQUEST_METHODS.has(requestedMethod(node) ?? '');
  // v2's `ctx.mcpReq.send({ method: 'elicitation/create', ... })`: what the official codemod makes of
  // v1's `extra.sendRequest(...)` (trial 34B: the finding was gone after the move).
  if (name === 'send') return receiver !== undefined && isMcpReq(receiver) && sendsClientRequestMethod(node);
  return SERVER_TO_CLIENT.has(name) && sentOn(facts, name, receiver);
}

/** Per kind of call and function: the calls of that kind it makes, itself or through helpers (found once per file). */
const callsMemo = new WeakMap<CallTest, WeakMap<TS.Node, TS.CallExpression[]>>();

type CallTest = (facts: SessionFacts, call: TS.CallExpression) => boolean;

/**
 * The calls passing `test` that a function makes, itself or through functions of this file it
 * calls (a few levels deep): a tool that asks for confirmation, or turns a tool on, through a
 * helper needs the same instance as one that does it itself. Functions a helper only defines
 * (callbacks it hands out) run when someone calls them, and are not followed; those an array's
 * own iteration runs (`forEach`, `map`) are.
 */
function callsIn(facts: SessionFacts, fn: TS.Node, test: CallTest, depth = 3, seen = new Set<TS.Node>()): TS.CallExpression[] {
  let memo = callsMemo.get(test);
  if (!memo) callsMemo.set(test, (memo = new WeakMap()));
  const known = memo.get(fn);
  if (known) return known;
  if (depth === 0 || seen.has(fn)) return [];
  seen.add(fn);
  const found: TS.CallExpression[] = [];
  walk(fn, (node) => {
    // A callback an array's own iteration runs then and there (`tools.forEach((t) => t.disable())`) is followed.
    if (node !== fn && isFunctionLike(node) && !(ts.isCallExpression(node.parent) && node.parent.arguments.includes(node as TS.Expression) && /^(forEach|map|filter|some|every|flatMap)$/.test(calleeName(node.parent) ?? ''))) return false;
    if (!ts.isCallExpression(node)) return undefined;
    if (test(facts, node)) found.push(node);
    else {
      const helper = facts.callTarget(node);
      if (helper?.body && helper.body !== fn) found.push(...callsIn(facts, helper.body, test, depth - 1, seen));
    }
    return undefined;
  });
  if (depth === 3) memo.set(fn, found);
  return found;
}

/**
 * `t.enable()` / `t.disable()` / `t.remove()` on a registered tool's handle: kept in a variable
 * (`const t = server.registerTool(...)`) or in a collection the file puts handles into
 * (`handles.set(name, t)`, then `handles.get(name)?.enable()`).
 */
function isHandleToggle(facts: SessionFacts, call: TS.CallExpression): boolean {
  const name = calleeName(call) ?? '';
  const callee = unwrap(call.expression);
  if (!TOOL_HANDLE_METHODS.has(name) || call.arguments.length !== 0 || !ts.isPropertyAccessExpression(callee)) return false;
  const receiver = unwrap(callee.expression);
  if (ts.isIdentifier(receiver) && isRegistrationVariable(receiver)) return true;
  const decl = ts.isIdentifier(receiver) ? resolveIdentifier(receiver) : undefined;
  // A parameter typed as the SDK's handle (`guess: RegisteredTool`), handed from the helper that registered it (trial 50A).
  if (decl && ts.isParameter(decl) && typedAsHandle(decl.type)) return true;
  const nameOf = (collection: TS.Node | undefined) => collection && (ts.isPropertyAccessExpression(collection) ? collection.name.text : ts.isIdentifier(collection) ? collection.text : undefined);
  // An element of such a collection: `for (const t of this.loggedIn) t.enable()`, `for (const [, t] of
  // this.tools)`, `Object.values(tools).forEach((t) => t.disable())` (trial 28B).
  const declaration = decl && ts.isBindingElement(decl) && ts.isArrayBindingPattern(decl.parent) && decl.parent.elements.indexOf(decl) === 1 ? decl.parent.parent : decl;
  const loop = declaration && ts.isVariableDeclaration(declaration) && ts.isVariableDeclarationList(declaration.parent) && ts.isForOfStatement(declaration.parent.parent) ? declaration.parent.parent : undefined;
  const each = decl && ts.isParameter(decl) && isFunctionLike(decl.parent) && ts.isCallExpression(decl.parent.parent) && calleeName(decl.parent.parent) === 'forEach' ? calleeReceiver(decl.parent.parent) : undefined;
  const collection = loop ? iterated(loop.expression) : each && iterated(each);
  if (collection) {
    // A parameter typed as a list of handles (trial 55B B2: `enableAll(tools: RegisteredTool[])`), by
    // its own declaration: its name says nothing elsewhere in the file (review 71).
    const param = ts.isIdentifier(unwrap(collection)) ? resolveIdentifier(unwrap(collection) as TS.Identifier) : undefined;
    if (param && ts.isParameter(param)) return holdsHandles(param);
    const named = nameOf(collection);
    return !!named && handleCollections(facts).has(named);
  }
  if (!ts.isCallExpression(receiver) || calleeName(receiver) !== 'get') return false;
  const holder = unwrap(receiver.expression);
  const named = nameOf(ts.isPropertyAccessExpression(holder) ? unwrap(holder.expression) : undefined);
  return !!named && handleCollections(facts).has(named);
}

/** The SDK's handles of a registration (`RegisteredTool`, `RegisteredPrompt`, `RegisteredResource`...), also in a union (`RegisteredTool | undefined`). */
function typedAsHandle(type: TS.TypeNode | undefined): boolean {
  return typeNamed(type, (name) => /^Registered(Tool|Prompt|Resource|ResourceTemplate)$/.test(name));
}

/** Whether a declaration's type (or what it is made with) names the SDK's handles: `RegisteredTool[]`, `Map<string, RegisteredTool>`. */
function holdsHandles(decl: TS.VariableDeclaration | TS.PropertyDeclaration | TS.ParameterDeclaration): boolean {
  return typesOf(decl).some((t) => /\bRegistered(Tool|Prompt|Resource|ResourceTemplate)\b/.test(t.getText()));
}

const handleCollectionsMemo = new WeakMap<SessionFacts, Set<string>>();

/**
 * Names of the collections this file puts registered tools' handles into (`x.handles.set(k, t)`,
 * or a list's `st.unlocked.push(server.registerTool(...))`, trial 77A B8).
 */
function handleCollections(facts: SessionFacts): Set<string> {
  let names = handleCollectionsMemo.get(facts);
  if (names) return names;
  names = new Set();
  facts.nodes.visit(CALLS, (node) => {
    // `x.set(k, v)`, `x.push(v)`: a method call (a function of the file called `set` is something else).
    const callee = ts.isCallExpression(node) ? unwrap(node.expression) : undefined;
    const args = (node as TS.CallExpression).arguments;
    const put = callee && ts.isPropertyAccessExpression(callee) ? (callee.name.text === 'set' && args.length === 2 ? args[1] : /^(push|unshift|add)$/.test(callee.name.text) && args.length === 1 ? args[0] : undefined) : undefined;
    if (!callee || !ts.isPropertyAccessExpression(callee) || !put) return;
    const value = unwrap(put);
    if (!(ts.isIdentifier(value) && isRegistrationVariable(value)) && !(ts.isCallExpression(value) && registers(facts, value))) return;
    const target = unwrap(callee.expression);
    const name = ts.isPropertyAccessExpression(target) ? target.name.text : ts.isIdentifier(target) ? target.text : undefined;
    if (name) names!.add(name);
  });
  // Typed as holding them (`private tools = new Map<string, RegisteredTool>()`): a manager class that is handed the handles.
  if (/\bRegistered(Tool|Prompt|Resource)/.test(facts.sourceFile.text)) {
    facts.nodes.visit(HANDLE_HOLDERS, (decl) => {
      if (!ts.isVariableDeclaration(decl) && !ts.isPropertyDeclaration(decl)) return;
      const name = ts.isIdentifier(decl.name) ? decl.name.text : undefined;
      if (name && holdsHandles(decl)) names!.add(name);
    });
  }
  handleCollectionsMemo.set(facts, names);
  return names;
}


/** Declarations whose type may say they hold registered tools' handles (handleCollections). */
const HANDLE_HOLDERS = kinds(ts.SyntaxKind.VariableDeclaration, ts.SyntaxKind.PropertyDeclaration);

const browserHoldersMemo = new WeakMap<SessionFacts, Set<TS.Node>>();
/** Per file, per class: its fields that hold a browser (see browserHolders), by name: the field's declaration, or its first assignment in plain JavaScript. */
const browserFieldsMemo = new WeakMap<SessionFacts, Map<TS.ClassLikeDeclaration, Map<string, TS.Node>>>();

/** Whether a type names one of the browser package's types (`Page | null`, `Map<string, BrowserContext>`). */
function namesBrowserType(type: TS.Node, fromBrowserPackage: (id: TS.Identifier) => boolean): boolean {
  let typed = false;
  walk(type, (n) => {
    if (ts.isTypeReferenceNode(n) && ts.isIdentifier(n.typeName) && BROWSER_TYPES.has(importOf(n.typeName)?.exported ?? '') && fromBrowserPackage(n.typeName)) typed = true;
    return undefined;
  });
  return typed;
}

/**
 * Classes of this file one instance of which outlives a call, and for how long: the process's
 * ('process': made at module level, `const session = new BrowserSession()`, or by a static member
 * of its own, a singleton's `getInstance()`), or the server's ('server': a class registering its
 * tools itself, a subclass of McpServer made with each session's server, trial 36A). What their
 * fields hold, the calls that reach that object share. Or one request's ('request': every object
 * of a class registering its tools is made in a function that also builds a stateless transport,
 * `app.post('/mcp', ...)` with `sessionIdGenerator: undefined`, so one object serves one request
 * already and the migration changes nothing of its lifetime; trial 89 point 4). Once per file.
 */
function classLifetimes(facts: SessionFacts): Map<TS.ClassLikeDeclaration, ClassLifetime> {
  let lifetimes = lifetimesMemo.get(facts);
  if (lifetimes) return lifetimes;
  lifetimesMemo.set(facts, (lifetimes = new Map()));
  const classes = lifetimes;
  /** Per class, whether every object of it made in a function is made beside a stateless transport. */
  const perRequest = new Map<TS.ClassLikeDeclaration, boolean>();
  facts.nodes.visit(NEW_EXPRESSIONS, (node) => {
    if (!ts.isNewExpression(node) || !ts.isIdentifier(node.expression)) return;
    const cls = resolveIdentifier(node.expression);
    if (!cls || !ts.isClassDeclaration(cls)) return;
    const fn = enclosingFunction(node);
    const ownStatic = !!fn && enclosingClass(fn) === cls && isStaticMember(fn);
    if (!fn || ownStatic) classes.set(cls, 'process');
    else perRequest.set(cls, perRequest.get(cls) !== false && buildsStatelessTransport(fn) && !keptBeyond(node, fn));
  });
  for (const registration of facts.registrations) {
    const cls = registration.handler && enclosingClass(registration.handler);
    if (cls && ts.isClassDeclaration(cls) && !classes.has(cls)) classes.set(cls, perRequest.get(cls) ? 'request' : 'server');
  }
  return classes;
}

/** How long one object of a class of the file lasts (classLifetimes). */
type ClassLifetime = 'process' | 'server' | 'request';

const lifetimesMemo = new WeakMap<SessionFacts, Map<TS.ClassLikeDeclaration, ClassLifetime>>();

/**
 * Whether a function builds a Streamable HTTP transport that mints no session id
 * (`new StreamableHTTPServerTransport({ sessionIdGenerator: undefined })`) and no other: the SDK's
 * stateless example, where what the function makes serves one request.
 */
function buildsStatelessTransport(fn: TS.Node): boolean {
  let stateless = false;
  let sessionful = false;
  walk(fn, (n) => {
    if (!ts.isNewExpression(n) || !/^StreamableHTTPServerTransport$/.test(calleeName(n) ?? '')) return undefined;
    const options = n.arguments?.[0] && unwrap(n.arguments[0]);
    const generator = options && ts.isObjectLiteralExpression(options) ? options.properties.find((p) => p.name !== undefined && propertyNameText(p.name) === 'sessionIdGenerator') : undefined;
    if (generator && ts.isPropertyAssignment(generator) && isNullish(generator.initializer)) stateless = true;
    else sessionful = true;
    return undefined;
  });
  return stateless && !sessionful;
}

/**
 * Whether an object made in `fn` is kept beyond its call: assigned to a variable declared outside
 * it (`shared ??= new Poll()`, `cache = new Poll()`), or to a field or an entry of something (review
 * 90 point 3: such a class made beside a stateless transport lasts the process, not one request).
 */
function keptBeyond(made: TS.Node, fn: TS.Node): boolean {
  let at: TS.Node = made;
  while (ts.isParenthesizedExpression(at.parent) || ts.isAsExpression(at.parent) || ts.isNonNullExpression(at.parent) || (ts.isBinaryExpression(at.parent) && at.parent.right === at && isFallback(at.parent))) at = at.parent;
  const parent = at.parent;
  if (!isAssignment(parent) || parent.right !== at) return false;
  // (A field or entry of something of the request, `res.locals.echo = ...`, lasts the request: review 91 point 5.)
  const target = accessRoot(unwrap(parent.left));
  if (target.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (!ts.isIdentifier(target)) return false;
  const decl = resolveIdentifier(target);
  return !decl || decl.pos < fn.pos || decl.end > fn.end;
}

/** Whether a holder is a field of a class whose one object lasts as long as the server it registers its tools on (classLifetimes). */
function onServerObject(facts: SessionFacts, holder: TS.Node): boolean {
  const cls = ts.isVariableDeclaration(holder) ? undefined : enclosingClass(holder);
  return !!cls && classLifetimes(facts).get(cls) === 'server';
}

/**
 * How messages say state lasts as long as the server (or the object the tools run on) rather than
 * the process: made in the server's factory, in a field of the object the tools run on, or of the
 * object they are registered on. Once servers are built per request it lasts one request.
 */
const MADE_WITH_SERVER = 'made with the server in';
/** How long what is made with a server lasts. */
const SERVER_LIFETIME = 'a session, or the process where one server serves every client; one request once servers are built per request';
const FIELD_OF_TOOLS_OBJECT = 'in a field of the object the tools run on';
const FIELD_OF_SERVER_OBJECT = 'a field of the object its tools are registered on';
const SERVER_MADE_IT = 'a session whose server made it';
const HANDED_TO_BUILDER = 'the object handed to';
/** State kept under the server object itself, in a module-level map keyed by it or a member of it (serverKeyedState). */
const KEYED_BY_SERVER = 'under the server it is registered on';
/** State a function handed the server keeps for the tools it registers on it (registersOnHandedServer). */
const MADE_FOR_HANDED_SERVER = 'made for each server handed to';

/** A function that builds the server (or makes an object its tools use), as messages name it: `buildServer()`. */
function factoryLabel(fn: TS.FunctionLikeDeclaration): string {
  const name = functionNameNode(fn)?.getText();
  return name ? `${name}()` : 'the function that builds the server';
}

/**
 * Whether a stateful-tool finding's message says its state lasts as long as the server, not the
 * process: what its `lasts-with-server` reason says (the fix runner reads the reason; a test holds the two together).
 */
export function lastsWithServer(message: string): boolean {
  return [MADE_WITH_SERVER, MADE_FOR_HANDED_SERVER, KEYED_BY_SERVER, FIELD_OF_TOOLS_OBJECT, FIELD_OF_SERVER_OBJECT, SERVER_MADE_IT, HANDED_TO_BUILDER].some((phrase) => message.includes(phrase));
}

/** What a tool that keeps or finds something by the MCP session id is told, naming the call that does (`cartFor(extra.sessionId!)`): the finding's `kept-by-id` reason. */
const KEPT_BY_ID = 'whatever the handler keeps or names by it (here';

/**
 * The call or element access a session id read keys (`cartFor(extra.sessionId!)`, `notes[sid]`,
 * `` fs.writeFile(`games/${sid}.json`) ``), through `!`, templates and concatenation: what the
 * handler keeps or finds by the id. Not a log line's, nor a value it only shows (`text: sid`), nor
 * one a call is handed after its first argument (`audit('echo', sid)`; review 61).
 */
function keyedBy(read: TS.Node): TS.Node | undefined {
  let n = outermost(read);
  for (;;) {
    const parent = n.parent;
    if (!parent) return undefined;
    // (Through `!`, casts and parentheses: outermost.)
    if (ts.isTemplateSpan(parent)) n = outermost(parent.parent);
    else if (ts.isBinaryExpression(parent) && (parent.operatorToken.kind === ts.SyntaxKind.PlusToken || parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken)) n = outermost(parent);
    else if (ts.isElementAccessExpression(parent) && parent.argumentExpression === n) return parent;
    // The first argument, where a key goes (`store.get(id)`, `cartFor(id)`); not a later one (`audit('echo', id)`).
    else if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.[0] === n) return ts.isCallExpression(parent) && isLogCall(parent) ? undefined : parent;
    else return undefined;
  }
}

/**
 * A call that hands the session id on after its first argument to a function of the file or of
 * another module of the run that keys something by that parameter (`bump(by, extra.sessionId)`
 * with `tallies.set(sessionId ?? 'default', v)` inside, trial 56A B2): the call keeps by the id as
 * surely as one handed it first. Not a function that only logs or shows it (keyedBy says).
 */
function keyedInCallee(facts: SessionFacts, read: TS.Node): TS.Node | undefined {
  let n = outermost(read);
  while (isFallback(n.parent)) n = outermost(n.parent);
  const call = n.parent;
  if (!ts.isCallExpression(call) || isLogCall(call)) return undefined;
  const index = call.arguments.indexOf(n as TS.Expression);
  if (index < 1) return undefined;
  const fn = facts.callTarget(call) ?? (facts.modules ? importedFunctionAt(call.expression, facts.modules.path, facts.modules.source)?.fn : undefined);
  const param = fn?.parameters[index];
  if (!fn?.body || !param || !ts.isIdentifier(param.name) || param.dotDotDotToken) return undefined;
  const body = fn.body;
  return referencesTo(body, param as TS.ParameterDeclaration & { name: TS.Identifier }).some((ref) => keysBy(body, ref, 2)) ? call : undefined;
}

/**
 * Whether a value read in a function's body (`body`) keys something there (storeKey of keyedBy),
 * also through a local made from it, `depth` deep (`const owner = sessionId ?? 'default';
 * nb.add(owner, ...)`).
 */
function keysBy(body: TS.Node, ref: TS.Node, depth: number): boolean {
  if (storeKey(keyedBy(ref))) return true;
  let v = outermost(ref);
  // (Also a key built with it in a template: `const key = \`pin:${sessionId}\``.)
  for (;;) {
    if (ts.isBinaryExpression(v.parent) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.PlusToken].includes(v.parent.operatorToken.kind)) v = outermost(v.parent);
    else if (ts.isTemplateSpan(v.parent)) v = outermost(v.parent.parent);
    else break;
  }
  const local = v.parent;
  return depth > 0 && ts.isVariableDeclaration(local) && local.initializer === v && ts.isIdentifier(local.name) && referencesTo(body, local as TS.VariableDeclaration & { name: TS.Identifier }).some((r) => keysBy(body, r, depth - 1));
}

/** keyedByContext's answers, per function, by the parameters the context is handed as. */
const keyedByContextMemo = new WeakMap<TS.FunctionLikeDeclaration, Map<string, TS.Node | null>>();

/**
 * The session-id read of its context a function of another module of the run keys something by,
 * where a tool hands it its context (trial 78A B2: `getSession(ctx)`, whose
 * `chatSessions.get(ctx.sessionId)` finds the caller's chat): `ctx.sessionId` of a parameter it
 * takes the context as, a `sessionId` destructured from one, or a local made from either. Not one
 * that only logs or shows the id, nor one that reads other members of the context (`ctx.authInfo`).
 */
function keyedByContext({ fn, params }: ContextHanded): TS.Node | undefined {
  const body = fn.body;
  if (!body) return undefined;
  let memo = keyedByContextMemo.get(fn);
  if (!memo) keyedByContextMemo.set(fn, (memo = new Map()));
  const key = params.map((p) => fn.parameters.indexOf(p)).join(',');
  const known = memo.get(key);
  if (known !== undefined) return known ?? undefined;
  let found: TS.Node | undefined;
  walk(body, (n) => {
    if (found) return false;
    // `ctx.sessionId`, or `sessionId` destructured in the parameter (`({ sessionId }: Ctx)`).
    let read: TS.Node | undefined;
    if (ts.isPropertyAccessExpression(n) || (ts.isIdentifier(n) && !isPropertyName(n) && !ts.isBindingElement(n.parent))) {
      const param = parameterOfMember(n, 'sessionId');
      if (param && params.includes(param)) read = n;
    }
    // `const { sessionId } = ctx`: its uses.
    if (ts.isBindingElement(n) && ts.isIdentifier(n.name) && propertyNameText(n.propertyName ?? n.name) === 'sessionId' && ts.isVariableDeclaration(n.parent.parent)) {
      const from = n.parent.parent.initializer && unwrap(n.parent.parent.initializer);
      const decl = from && ts.isIdentifier(from) ? resolveIdentifier(from) : undefined;
      if (decl && ts.isParameter(decl) && params.includes(decl)) found = referencesTo(body, n as TS.BindingElement & { name: TS.Identifier }).find((ref) => keysBy(body, ref, 2));
    }
    if (read && keysBy(body, read, 2)) found = read;
    return undefined;
  });
  memo.set(key, found ?? null);
  return found;
}

/**
 * Whether what keyedBy found keeps something: an element of an object (`tallies[id]`), a store's
 * method (`m.set(id, v)`, `redis.hset(id, ...)`, `nb.add(id, ...)`), a file's path, or a function
 * of the code's own handed it first (`cartFor(id)`); not a conversion or a hash on the way to a
 * log line (`String(id)`, `createHash(...).update(id)`, `encodeURIComponent(id)`; review 72).
 */
function storeKey(keyed: TS.Node | undefined): boolean {
  if (!keyed) return false;
  if (ts.isElementAccessExpression(keyed)) return true;
  if (!ts.isCallExpression(keyed) && !ts.isNewExpression(keyed)) return false;
  const callee = unwrap(keyed.expression);
  const name = calleeName(keyed as TS.CallExpression) ?? '';
  if (ts.isIdentifier(callee)) return !CONVERSIONS.has(name);
  // (Any method but one that only turns the value into another or reports it: node-redis's
  // `hIncrBy` keeps by it as ioredis's `hincrby` does; review 73.)
  return !NOT_KEEPING.test(name);
}

/** Global functions that turn a value into another (no store). */
const CONVERSIONS = new Set(['String', 'Number', 'Boolean', 'BigInt', 'Symbol', 'encodeURIComponent', 'encodeURI', 'escape', 'parseInt', 'parseFloat', 'Date', 'Error', 'URL', 'URLSearchParams']);
/** Methods that turn a value into another (a hash's `update`, a string's) or report it (telemetry): nothing kept by it. */
const NOT_KEEPING = /^(update|digest|toString|slice|substring|substr|replace|replaceAll|split|concat|trim|padStart|padEnd|toLowerCase|toUpperCase|stringify|parse|encode|decode|format|includes|startsWith|endsWith|test|match|exec|push|track|capture|identify|trace|span|startSpan|setAttribute|setTag|emit|send|write|end|log|info|warn|error|debug)$/i;

/**
 * Whether a stateful-tool finding is a tool that keeps, finds or checks what it does by the MCP
 * session id (in a store of another module, say), which every caller shares once requests carry
 * none: the fix runner does not make a transport stateless while one remains (trial 49A B2: one
 * user's cart shown to another). A tool that refuses to run without the id fails instead.
 */
export function sharesBySessionId(finding: Pick<Finding, 'ruleId' | 'severity' | 'reasons'>): boolean {
  if (finding.ruleId !== 'stateful-tool' || finding.severity !== 'error') return false;
  return (finding.reasons ?? []).some((r) => r === 'session-identity' || r === 'session-owner' || r === 'kept-by-id');
}

/** What a browser holder is called: its variable, or its class and field (`BrowserSession.page`). */
function holderName(holder: TS.Node): string {
  if (ts.isVariableDeclaration(holder)) return (holder.name as TS.Identifier).text;
  const field = ts.isPropertyDeclaration(holder) ? propertyNameText(holder.name) : ts.isBinaryExpression(holder) && ts.isPropertyAccessExpression(holder.left) ? holder.left.name.text : undefined;
  return `${enclosingClass(holder)?.name?.text ?? 'this'}.${field ?? '?'}`;
}

/** The node a finding about a holder points at: its name. */
function holderNode(holder: TS.Node): TS.Node {
  if (ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder)) return holder.name;
  return ts.isBinaryExpression(holder) ? holder.left : holder;
}

/**
 * Module-level variables that hold a browser, a context or a page across calls: typed with one of
 * the browser package's types (`let page: Page | null`, `new Map<string, BrowserContext>()`), or
 * assigned what its `launch()` returns. Pages kept by a handle the caller passes back are held
 * here too: the next call with that handle may reach another instance.
 */
function browserHolders(facts: SessionFacts): Set<TS.Node> {
  let holders = browserHoldersMemo.get(facts);
  if (holders) return holders;
  holders = new Set();
  browserHoldersMemo.set(facts, holders);
  if (!/puppeteer|playwright/.test(facts.sourceFile.text)) return holders;
  const fromBrowserPackage = (id: TS.Identifier) => BROWSER_PACKAGES.test(importOf(id)?.module ?? '');
  for (const statement of facts.sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name)) continue;
      if (typesOf(decl).some((type) => namesBrowserType(type, fromBrowserPackage))) holders.add(decl);
    }
  }
  // Fields of a class whose one instance outlives a call: typed with a browser type, or assigned a page below.
  const fields = new Map<TS.ClassLikeDeclaration, Map<string, TS.Node>>();
  browserFieldsMemo.set(facts, fields);
  const longLived = classLifetimes(facts);
  const fieldsOf = (cls: TS.ClassLikeDeclaration) => fields.get(cls) ?? fields.set(cls, new Map()).get(cls)!;
  for (const cls of longLived.keys()) {
    for (const member of cls.members) {
      const name = ts.isPropertyDeclaration(member) ? propertyNameText(member.name) : undefined;
      if (name === undefined || !ts.isPropertyDeclaration(member)) continue;
      fieldsOf(cls).set(name, member);
      if (typesOf(member).some((type) => namesBrowserType(type, fromBrowserPackage))) holders.add(member);
    }
  }
  // Untyped: `page = await browser.newPage()`, `context = await browser.newContext()`, or a
  // persistent context straight from the package (`chromium.launchPersistentContext(dir)`).
  facts.nodes.visit(ASSIGNMENTS, (node) => {
    if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
    // `this.page = await browser.newPage()` in a class above: its field (declared, or this first assignment).
    const field = ts.isPropertyAccessExpression(node.left) && node.left.expression.kind === ts.SyntaxKind.ThisKeyword ? node.left.name.text : undefined;
    const cls = field === undefined ? undefined : enclosingClass(node);
    if (field !== undefined && !(cls && longLived.has(cls))) return;
    if (field === undefined && !ts.isIdentifier(node.left)) return;
    const value = unwrap(node.right);
    const call = ts.isAwaitExpression(value) ? unwrap(value.expression) : value;
    if (!ts.isCallExpression(call)) return;
    const name = calleeName(call) ?? '';
    const callee = unwrap(call.expression);
    const receiver = ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : undefined;
    const fromPackage = name === 'launchPersistentContext' && !!receiver && ts.isIdentifier(receiver) && fromBrowserPackage(receiver);
    if (!fromPackage && !/^(newPage|newContext)$/.test(name)) return;
    if (cls && field !== undefined) {
      const own = fieldsOf(cls);
      if (!own.has(field)) own.set(field, node);
      holders!.add(own.get(field)!);
      return;
    }
    const decl = moduleVariableOf(node.left as TS.Identifier);
    if (decl) holders!.add(decl);
  });
  return holders;
}

/**
 * The method a call on a singleton of this file reaches (`Tabs.get().open(url)`): a static method
 * of a class returning its instance, then a method of that class.
 */
function singletonMethod(call: TS.CallExpression): TS.MethodDeclaration | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const base = unwrap(callee.expression);
  const getter = ts.isCallExpression(base) ? unwrap(base.expression) : undefined;
  const owner = getter && ts.isPropertyAccessExpression(getter) && ts.isIdentifier(getter.expression) ? resolveIdentifier(getter.expression) : undefined;
  if (!owner || !ts.isClassDeclaration(owner)) return undefined;
  const getterName = (getter as TS.PropertyAccessExpression).name.text;
  if (!owner.members.some((m) => ts.isMethodDeclaration(m) && isStaticMember(m) && propertyNameText(m.name) === getterName)) return undefined;
  const method = owner.members.find((m) => ts.isMethodDeclaration(m) && !isStaticMember(m) && propertyNameText(m.name) === callee.name.text);
  return method && ts.isMethodDeclaration(method) ? method : undefined;
}

/** The browser holder `this.page` names: a field of a class that browserHolders found holding one. */
function fieldHolder(facts: SessionFacts, access: TS.PropertyAccessExpression): TS.Node | undefined {
  if (access.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const cls = enclosingClass(access);
  return cls ? browserFieldsMemo.get(facts)?.get(cls)?.get(access.name.text) : undefined;
}

/**
 * Where a function reaches browser holders, in document order: its own use of one, or the call of
 * a local helper that does (two levels deep). One entry per holder, at its first site.
 */
function browserUses(facts: SessionFacts, fn: TS.Node, holders: Set<TS.Node>, depth = 2, seen = new Set<TS.Node>()): Array<{ node: TS.Node; name: string; holder: TS.Node }> {
  const found: Array<{ node: TS.Node; name: string; holder: TS.Node }> = [];
  if (seen.has(fn)) return found;
  seen.add(fn);
  const add = (use: { node: TS.Node; name: string; holder: TS.Node }) => {
    if (!found.some((f) => f.holder === use.holder)) found.push(use);
  };
  walk(fn, (node) => {
    // `args.page` names a property, not the module's page.
    const decl = ts.isIdentifier(node) && !isPropertyName(node) ? (resolveIdentifier(node) as TS.Node | undefined) : ts.isPropertyAccessExpression(node) ? fieldHolder(facts, node) : undefined;
    if (decl && holders.has(decl)) add({ node, name: holderName(decl), holder: decl });
    else if (depth > 0 && ts.isCallExpression(node)) {
      const helper = facts.callTarget(node) ?? singletonMethod(node);
      if (helper?.body) for (const inner of browserUses(facts, helper.body, holders, depth - 1, seen)) add({ ...inner, node });
    }
    return undefined;
  });
  return found;
}

/** A value that holds state one call can leave for the next: a collection, an object, a number or a string, or nothing yet (`null` too). */
function mutableStart(init: TS.Expression | undefined): boolean {
  if (!init || isNullish(init)) return true;
  const v = unwrap(init);
  if (ts.isArrayLiteralExpression(v) || ts.isObjectLiteralExpression(v) || ts.isNumericLiteral(v) || ts.isStringLiteral(v)) return true;
  return ts.isNewExpression(v) && /^(Map|Set|WeakMap|Array)$/.test(calleeName(v) ?? '');
}

/**
 * State a handler keeps (or, `read`, reads where another handler keeps it) in the function that
 * builds its server (`factory`, as the message names it): a variable of that function (`decl`), or
 * with `handed`, its parameter whose object each server is handed (handedObject). `entry`: the
 * variable is an entry of a module-level collection (moduleEntry), not state of its own;
 * `byLists`: only list handlers change it; `onHandedServer`: `factory` does not build the server
 * but is handed it, and registers the tools on it (registersOnHandedServer); `overStdio`: every
 * caller that hands it the server is in a file that serves stdio alone (handedServerLifetime).
 */
type ScopedState = { name: string; node: TS.Node; factory: string; decl: TS.VariableDeclaration | TS.ParameterDeclaration; read?: boolean; byLists?: boolean; entry?: ModuleEntry; handed?: true; onHandedServer?: true; overStdio?: true };

/** Per file's facts, per object handed to a server's builder (handedObject): the members its handlers change. */
const changedMembers = new WeakMap<SessionFacts, Map<TS.ParameterDeclaration, Set<string>>>();

/** The member of an object an access starts with (`notes` of `session.notes.push`), if it names one. */
function firstMember(root: TS.Identifier): string | undefined {
  const access = root.parent;
  return access && ts.isPropertyAccessExpression(access) && access.expression === root ? access.name.text : undefined;
}

/** Whether an identifier is the object of a method call (`notes.push(n)`, `notes.find(...)`): a use of the object itself, not of a member it holds. */
function ownMethodCall(root: TS.Identifier): boolean {
  const access = root.parent;
  return ts.isPropertyAccessExpression(access) && access.expression === root && ts.isCallExpression(access.parent) && access.parent.expression === access;
}

/** An entry of a module-level collection a variable is set to: the collection, and how the variable gets it (`getBoard(key)`). */
type ModuleEntry = { collection: string; via: TS.Expression; key?: TS.Expression };

/**
 * An entry of a module-level Map or object that an initializer takes (`moves.get(sessionId) ??
 * []`, `boards[key]`), itself or through a function of the file that returns one (`getBoard(key)`,
 * whose body keeps `boards.get(key)`): what a handler changes through it is the collection's, which
 * lasts as long as the process (trial 38A: one chess board per instance, whatever the caller).
 */
const moduleEntries = new WeakMap<TS.VariableDeclaration, ModuleEntry | null>();

/** moduleEntry of a variable's initializer, once per variable (asked for every reference a handler makes). */
function moduleEntryOf(decl: TS.VariableDeclaration): ModuleEntry | undefined {
  let known = moduleEntries.get(decl);
  if (known === undefined) moduleEntries.set(decl, (known = moduleEntry(decl.initializer) ?? null));
  return known ?? undefined;
}

function moduleEntry(init: TS.Expression | undefined, depth = 1): ModuleEntry | undefined {
  if (!init) return undefined;
  let v = unwrap(init);
  if (isFallback(v)) v = unwrap(v.left);
  let target: TS.Node | undefined;
  let key: TS.Expression | undefined;
  if (ts.isCallExpression(v) && ts.isPropertyAccessExpression(v.expression) && v.expression.name.text === 'get' && v.arguments.length === 1) [target, key] = [unwrap(v.expression.expression), v.arguments[0]];
  else if (ts.isElementAccessExpression(v)) [target, key] = [unwrap(v.expression), v.argumentExpression];
  if (target) {
    const decl = ts.isIdentifier(target) ? resolveIdentifier(target) : undefined;
    return isModuleVariable(decl) && ts.isIdentifier(decl.name) && isCollectionInitializer(decl.initializer) ? { collection: decl.name.text, via: init, key } : undefined;
  }
  // A local set to such an entry (`let pad = pads.get(id); if (!pad) pads.set(id, (pad = new Map())); return pad;`).
  if (ts.isIdentifier(v)) {
    const local = resolveIdentifier(v);
    const made = local && ts.isVariableDeclaration(local) && enclosingFunction(local) ? local.initializer : undefined;
    // Only a lookup or a call: a local set to another local (`var a = b, b = a`) is followed no further.
    const entry = made && !ts.isIdentifier(unwrap(made)) ? moduleEntry(made, 0) : undefined;
    return entry && { ...entry, via: init };
  }
  if (depth === 0 || !ts.isCallExpression(v)) return undefined;
  const fn = resolveFunction(v.expression);
  if (!fn || fn === enclosingFunction(v)) return undefined;
  for (const returned of returnedExpressions(fn)) {
    const entry = moduleEntry(returned, depth - 1);
    if (entry) return { collection: entry.collection, via: init, key: v.arguments[0] };
  }
  return undefined;
}

/**
 * The variable a change (`history.push(record)`, `count++`, `cart[id] = item`) or a read in a
 * handler is about, when the function which builds the server declares it (`const build = () => {
 * const history = []; const server = new McpServer(...); ... }`), or one that is handed the server
 * and registers the tools on it (registersOnHandedServer): state that lives as long as that
 * server instance.
 */
function scopedVariable(target: TS.Expression, at: TS.Node, handler: TS.FunctionLikeDeclaration, registration: Registration, facts: SessionFacts, change?: Change): ScopedState | undefined {
  const root = accessRoot(target);
  if (!ts.isIdentifier(root)) return undefined;
  const decl = resolveIdentifier(root);
  if (decl && ts.isParameter(decl)) return handedObject(decl, root, at, change, handler, registration, facts);
  // A cache (`tokenCache`) only saves work: losing it costs a recomputation, not the user's state.
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || namedOwnState(decl.name.text)) return undefined;
  const own = mutableStart(decl.initializer) || !!statefulInstance(decl) || !!importedClassOf(decl);
  const factory = enclosingFunction(decl);
  // Declared outside the handler, in a function around the registration that builds the server (or is handed it).
  if (!factory?.body || (decl.pos >= handler.pos && decl.end <= handler.end) || !(registration.call.pos >= factory.pos && registration.call.end <= factory.end)) return undefined;
  const builds = buildsServer(factory);
  const handedServer = builds ? undefined : registersOnHandedServer(factory, registration);
  if (!builds && !handedServer) return undefined;
  // Its own state, or an entry of a module-level collection (read last: most variables are neither).
  const entry = own ? undefined : moduleEntryOf(decl);
  if (!own && !entry) return undefined;
  // A plain value every call sets before it reads it keeps nothing for the next call (review 76 point 6).
  if (own && setAfreshEachCall(decl as TS.VariableDeclaration & { name: TS.Identifier }, factory)) return undefined;
  // Handed a server made once per process, its locals are too: judged as module-level state is, not here (review 76 point 4).
  const lifetime = handedServer ? handedServerLifetime(handedServer, facts) : undefined;
  if (lifetime === 'process') return undefined;
  const instance = statefulInstance(decl);
  const imported = instance ? undefined : importedClassOf(decl);
  const kind = instance ? ` (a ${instance.name?.text ?? 'class'} object)` : imported ? ` (a ${imported} object of another module)` : '';
  return { name: `${decl.name.text}${kind}`, node: at, factory: factoryLabel(factory), decl, ...(entry ? { entry } : {}), ...(handedServer ? { onHandedServer: true as const } : {}), ...(lifetime === 'stdio' ? { overStdio: true as const } : {}) };
}

/** Per variable: setAfreshEachCall's answer (asked for each change and read of it a handler makes). */
const afreshMemo = new WeakMap<TS.VariableDeclaration, boolean>();

/**
 * Whether a plain value of the function that builds or is handed the server (`let current = ''`,
 * no collection, nor an object changed in place) is set anew by every call that uses it before it
 * reads it: each function of `factory` that names it (a handler, or a helper a handler calls) does
 * `current = ...` as a statement of its own body, first thing it does with it, and the value is not
 * made of the old one. Nothing one call leaves is found by the next (review 76 point 6: an echo
 * tool's `current = text.trim()` called server state, made with or handed the server alike).
 * What `factory` itself does with it runs once, when the server is built.
 */
function setAfreshEachCall(decl: TS.VariableDeclaration & { name: TS.Identifier }, factory: TS.FunctionLikeDeclaration): boolean {
  let known = afreshMemo.get(decl);
  if (known !== undefined) return known;
  known = plainStart(decl.initializer);
  const firstUse = new Map<TS.FunctionLikeDeclaration, TS.Identifier>();
  for (const ref of known ? referencesTo(factory, decl) : []) {
    const use = outermost(ref);
    const access = use.parent;
    // Changed in place (`current.items.push(x)`, `current.name = x`): an object, not a plain value.
    if ((ts.isPropertyAccessExpression(access) || ts.isElementAccessExpression(access)) && access.expression === use) {
      const whole = outermost(accessChainTop(access));
      const method = ts.isCallExpression(whole.parent) && whole.parent.expression === whole ? calleeName(whole.parent) : undefined;
      if (isAssignment(whole.parent) && whole.parent.left === whole) known = false;
      if (ts.isPropertyAccessExpression(access) && method !== undefined && MUTATING_METHODS.has(method)) known = false;
    }
    let fn = enclosingFunction(ref);
    if (!fn || fn === factory) continue;
    for (let outer = enclosingFunction(fn); outer && outer !== factory; outer = enclosingFunction(outer)) fn = outer;
    const first = firstUse.get(fn);
    if (!first || ref.pos < first.pos) firstUse.set(fn, ref);
  }
  known &&= firstUse.size > 0 && [...firstUse].every(([fn, ref]) => {
    const set = outermost(ref).parent;
    return isAssignmentTarget(outermost(ref)) && !!fn.body && ts.isBlock(fn.body) && ts.isExpressionStatement(set.parent) && set.parent.parent === fn.body && !someNode((set as TS.BinaryExpression).right, (n) => ts.isIdentifier(n) && n.text === decl.name.text && resolveIdentifier(n) === decl);
  });
  afreshMemo.set(decl, known);
  return known;
}

/** A start no call can change in place: none, null or undefined, a string, a number, a boolean. */
function plainStart(init: TS.Expression | undefined): boolean {
  return !init || isPrimitiveLiteral(init);
}

/**
 * Whether a function is handed the server a registration registers on: the registration's
 * receiver is its parameter (`export function registerBasket(server: McpServer) { const basket =
 * []; server.registerTool(...) }`), also through the low-level server (`server.server.setRequestHandler`),
 * or it hands that parameter to a registering helper (`define(server, 'add', ...)`). The function
 * that builds each session's server calls it, in this module or another, so its locals are made
 * once per server, as that function's are: a session's in a 2025 server, one request's once
 * servers are built per request (trial 59B B2: a basket of two items empty at checkout after fix,
 * which called its per-request rewrite safe).
 */
function registersOnHandedServer(fn: TS.FunctionLikeDeclaration, registration: Registration): TS.ParameterDeclaration | undefined {
  const receiver = calleeReceiver(registration.call);
  const handed = receiver ? [accessRoot(receiver)] : registration.viaWrapper ? registration.call.arguments.map((a) => unwrap(a)) : [];
  for (const h of handed) {
    const param = ts.isIdentifier(h) ? resolveIdentifier(h) : undefined;
    if (param && ts.isParameter(param) && param.parent === fn) return param;
  }
  return undefined;
}

/**
 * How long the servers a register function is handed live, by its calls in its file and in the
 * modules of the run that import it (callsAnywhere): `process` where every call hands it a server
 * made once per process (a module-level `const server = new McpServer()`, or run-once main()'s
 * local, handed straight or through a slot: boundVariable), whose locals are as long-lived as
 * module-level state and judged as that is; `stdio` where the others are in files that serve stdio
 * alone (one process per client: the stdio demotion, STDIO_NOTE); `server` where a call builds it
 * per session or request, or none is found (an exported function a scan of its file alone cannot
 * follow), as before. Review 76 point 4: a stdio server's `registerCounter(server)` of another
 * module failed as per-session state, where the same `let count` at module level was clean.
 */
function handedServerLifetime(param: TS.ParameterDeclaration, facts: SessionFacts): 'process' | 'stdio' | 'server' {
  let known = handedLifetimeMemo.get(param);
  if (known) return known;
  const fn = param.parent as TS.FunctionLikeDeclaration;
  const index = fn.parameters.indexOf(param);
  const each = (param.dotDotDotToken ? [] : callsAnywhere(fn, facts)).map(({ call, facts: theirs }) => {
    const arg = call.arguments[index];
    const decl = handedVariable(arg, '');
    const outer = decl ? undefined : handedOn(arg, '');
    // (Through a helper, `setUp(server)`: what it is handed, made once per process too; review 77.)
    const bound = outer ? boundVariable(outer, theirs, 1) : undefined;
    if (decl ? madeOncePerProcess(decl, call) : !!bound && madeOncePerProcess(bound.decl, call)) return 'process';
    return stdioEntry(theirs.sourceFile) ? 'stdio' : 'server';
  });
  // (Handed on as a value, `[registerCounter]` run over by a per-session factory, it has calls the
  // run does not see: those found do not decide, review 77.)
  known = each.length === 0 || each.includes('server') || usedAsValue(fn, facts) ? 'server' : each.includes('stdio') ? 'stdio' : 'process';
  handedLifetimeMemo.set(param, known);
  return known;
}

/**
 * Whether a function is used otherwise than called: in its file a reference that is no call's
 * callee (an array element, an argument, a property's value), or, read from the texts of the
 * modules that import its module, its exported name so written (`[registerCounter]`). Imports and
 * re-exports are not uses.
 */
function usedAsValue(fn: TS.FunctionLikeDeclaration, facts: SessionFacts): boolean {
  const named = functionDeclarationOf(fn);
  if (!named) return false;
  const called = (ref: TS.Identifier) => {
    const parent = outermost(ref).parent;
    return ts.isCallExpression(parent) && outermost(parent.expression) === outermost(ref);
  };
  const apart = (ref: TS.Identifier) => !!findAncestor(ref, (n) => ts.isExportDeclaration(n) || ts.isExportAssignment(n) || ts.isImportDeclaration(n));
  if (referencesTo(named.getSourceFile(), named).some((ref) => !called(ref) && !apart(ref))) return true;
  const modules = facts.modules;
  if (!modules || !(exportingStatement(fn) || isExported(named))) return false;
  const name = named.name.text;
  const asValue = new RegExp(`(?<![\\w$.])${name}(?![\\w$])(?!\\s*\\()`);
  return (modules.source.users(modules.path) ?? []).some((user) => {
    // (Its text, not its tree: a test of words needs no parse.)
    const text = user.text ?? user.sourceFile.text;
    if (!text.includes(name)) return false;
    return text.split('\n').some((line) => !/^\s*(import|export)\b/.test(line) && asValue.test(line));
  });
}

/** Per parameter a register function is handed the server by: handedServerLifetime's answer (asked for each use of each local). */
const handedLifetimeMemo = new WeakMap<TS.ParameterDeclaration, 'process' | 'stdio' | 'server'>();

/**
 * Whether a call hands on a server made once per process: a module-level variable never set
 * again (not `let server` a route sets anew for each request), the call at the top level or in
 * a function that runs once, or a local of such a function (startupLocal).
 */
function madeOncePerProcess(decl: TS.VariableDeclaration, call: TS.CallExpression): boolean {
  if (!isModuleVariable(decl)) return startupLocal(decl, call);
  const around = enclosingFunction(call);
  if (around && !runsOncePerProcess(around)) return false;
  return ts.isIdentifier(decl.name) && (!!(decl.parent.flags & ts.NodeFlags.Const) || !referencesTo(decl.getSourceFile(), decl as TS.VariableDeclaration & { name: TS.Identifier }).some((ref) => isAssignmentTarget(outermost(ref))));
}

/** What a list's own methods change in place (a Map's or a client's `set` may write elsewhere: `deps.redis.set(k, v)`). */
const DATA_LIST_METHODS = /^(push|pop|shift|unshift|splice|sort|reverse|fill)$/;

/**
 * An object the function that builds the server is handed (`buildServer(session)` with each
 * session's `{ notes: [] }`) whose members a handler changes as data (`change`:
 * `session.notes.push(text)`, `session.notes = ...`, `session.count++`), or reads where another
 * handler changes them (no `change`: `session.notes`, not the `session.label` the session started
 * with): it lasts as long as that object, the one a session's server was built with; once servers
 * are built per request, one request (trial 49A B1: every note lost after fix, which said nothing
 * was left). Not the parameter itself set anew, nor a call on a client it holds (`deps.db.set(k,
 * v)`), which writes elsewhere.
 */
function handedObject(param: TS.ParameterDeclaration, root: TS.Identifier, at: TS.Node, change: Change | undefined, handler: TS.FunctionLikeDeclaration, registration: Registration, facts: SessionFacts): ScopedState | undefined {
  // ('': the object itself, a list handed whole, changed or read through its own methods: `notes.push(n)`, `notes.find(...)`, trial 78A B7.)
  const member = ownMethodCall(root) ? '' : firstMember(root);
  if (change?.how === 'mutate' && !DATA_LIST_METHODS.test(calleeName(change.at as TS.CallExpression) ?? '')) return undefined;
  if (!change) {
    // A read: of a member the handlers change (changedInFile, memoised, asks this with each change),
    // or any read of a list they change itself (`notes.map(...)`, `for (const n of notes)`).
    changedInFile(facts);
    const changed = changedMembers.get(facts)?.get(param);
    if (!changed || !(changed.has('') || (member !== undefined && changed.has(member)))) return undefined;
  } else if (member === undefined) return undefined;
  const factory = param.parent;
  if (!ts.isIdentifier(param.name) || param.dotDotDotToken || namedOwnState(param.name.text)) return undefined;
  if (!isFunctionLike(factory) || factory === handler || !factory.body || !(registration.call.pos >= factory.pos && registration.call.end <= factory.end) || !buildsServer(factory)) return undefined;
  if (handedShared(root, param, factory, facts)) return undefined;
  if (change) {
    let byParam = changedMembers.get(facts);
    if (!byParam) changedMembers.set(facts, (byParam = new Map()));
    byParam.set(param, (byParam.get(param) ?? new Set<string>()).add(member!));
  }
  return { name: param.name.text, node: at, factory: factoryLabel(factory), decl: param, handed: true };
}

const handedImportMemo = new WeakMap<TS.ParameterDeclaration, boolean>();

/**
 * Whether the object a builder's parameter holds is the process's, not one server's: the one
 * module-level object (or run-once main()'s local) every call hands it (boundAt; `buildServer(store)`
 * with one `store` for every server), or an import a call hands it. Module-level rules judge that
 * (review 61, read-through 62).
 */
function handedShared(root: TS.Identifier, param: TS.ParameterDeclaration, factory: TS.FunctionLikeDeclaration, facts: SessionFacts): boolean {
  if (boundAt(root, facts)) return true;
  let imported = handedImportMemo.get(param);
  if (imported === undefined) {
    const index = factory.parameters.indexOf(param);
    const calls = callsAnywhere(factory, facts).map((c) => c.call);
    imported = calls.some((call) => {
      const arg = call.arguments[index] && unwrap(call.arguments[index]);
      return !!arg && ts.isIdentifier(arg) && !!importOf(arg);
    });
    handedImportMemo.set(param, imported);
  }
  return imported;
}

/**
 * The class an object is made of (`const settings = new Settings(dir)`) when that class comes from
 * another module: its methods cannot be read here, so what changes it is told by the call
 * (importedInstanceChange).
 */
function importedClassOf(decl: TS.VariableDeclaration): string | undefined {
  const init = decl.initializer ? unwrap(decl.initializer) : undefined;
  if (!init || !ts.isNewExpression(init) || !ts.isIdentifier(init.expression)) return undefined;
  const cls = resolveIdentifier(init.expression);
  const imported = !!cls && (ts.isImportSpecifier(cls) || ts.isImportClause(cls) || ts.isNamespaceImport(cls) || (ts.isBindingElement(cls) && /\brequire\s*\(/.test(cls.parent.parent.getText())));
  return imported ? init.expression.text : undefined;
}

/**
 * A method whose name says it changes a setting of its object (`setDir`, `selectProject`,
 * `useWorkspace`), called with what the caller passed: on an object of a class of another module,
 * the change the code shows (trial 18C: a settings tool of js-notes-mcp, whose next call found the
 * old folder). Not the verbs of a store (`set`, `add`, `save`), whose object may be a shared one
 * (a Redis client's).
 */
const CHANGING_METHOD = /^(set|select|use|switch|change)[A-Z]\w*$/;

function importedInstanceChange(call: TS.CallExpression, decl: TS.VariableDeclaration, handler: TS.Node | undefined): boolean {
  const method = calleeName(call) ?? '';
  return CHANGING_METHOD.test(method) && !!handler && isFunctionLike(handler) && !!importedClassOf(decl) && call.arguments.some((a) => fromArguments(a, handler as TS.FunctionLikeDeclaration));
}

const statefulInstanceMemo = new WeakMap<TS.VariableDeclaration, TS.ClassDeclaration | null>();

/**
 * The class of the object's own file an object is made of (`const pool = new BrowserPool()`)
 * when its methods change its own fields outside the constructor (`this.browsers.set(...)`,
 * `this.active = id`): what one call leaves in it, the next finds on the same object only. (One
 * of another module is read there by module-state, field by field: boundInstanceCall.)
 */
function statefulInstance(decl: TS.VariableDeclaration): TS.ClassDeclaration | undefined {
  const known = statefulInstanceMemo.get(decl);
  if (known !== undefined) return known ?? undefined;
  const init = decl.initializer ? unwrap(decl.initializer) : undefined;
  const cls = init && ts.isNewExpression(init) && ts.isIdentifier(init.expression) ? resolveIdentifier(init.expression) : undefined;
  const found = cls && ts.isClassDeclaration(cls) && cls.members.some((m) => ts.isMethodDeclaration(m) && !!m.body && !isStaticMember(m) && changesOwnFields(m)) ? cls : undefined;
  statefulInstanceMemo.set(decl, found ?? null);
  return found;
}

/** Whether a module exports anything (ESM `export`, or CommonJS `module.exports` / `exports.x`). */
function exportsAnything(sf: TS.SourceFile): boolean {
  return sf.statements.some((s) => ts.isExportDeclaration(s) || ts.isExportAssignment(s) || isExported(s)) || /\b(module\.)?exports\b\s*(\.|=|\[)/.test(sf.text);
}

/**
 * Whether a file that serves stdio only is a program's entry: it exports nothing, or only functions
 * that serve stdio themselves (`export async function runServer() { ... connect(new
 * StdioServerTransport()) }`, which an index.ts calls: its server goes nowhere else; a public
 * puppeteer server's tools were errors for it).
 */
function stdioEntry(sf: TS.SourceFile): boolean {
  if (!servesStdioOnly(sf.text)) return false;
  if (!exportsAnything(sf)) return true;
  if (/\b(module\.)?exports\b\s*(\.|=|\[)/.test(sf.text)) return false;
  // What each export names: a declaration exported in place, or a function of the file named by
  // `export { runServer }` / `export default runServer` (review 86: those stayed errors).
  const named = (e: TS.Expression | TS.Identifier): TS.Node | undefined => (ts.isIdentifier(e) ? resolveIdentifier(e) : undefined);
  const exported = sf.statements.flatMap((s): Array<TS.Node | undefined> => {
    if (ts.isExportDeclaration(s)) return !s.moduleSpecifier && s.exportClause && ts.isNamedExports(s.exportClause) ? s.exportClause.elements.map((e) => named(e.propertyName ?? e.name)) : [undefined];
    if (ts.isExportAssignment(s)) return [named(s.expression)];
    return isExported(s) ? [s] : [];
  });
  // A runner that serves stdio itself: it takes nothing (not a transport another module hands it,
  // review 86: `runServer(httpTransport)` from http.ts) and hands nothing back (not the server).
  return exported.every((fn) => !!fn && ts.isFunctionDeclaration(fn) && !!fn.body && fn.parameters.length === 0 && returnedExpressions(fn).length === 0 && /\bnew StdioServerTransport\b|\bserveStdio\(/.test(fn.body.getText()));
}

/** Whether a class keeps running processes in a field (one typed, or holding a type that names, ChildProcess or Worker). */
function holdsProcessFields(cls: TS.ClassDeclaration | undefined): boolean {
  return !!cls && cls.members.some((m) => ts.isPropertyDeclaration(m) && PROCESS_TYPE.test(`${m.type?.getText() ?? ''} ${m.initializer?.getText() ?? ''}`));
}

/** Whether a method changes a field of its object (`this.x = v`, `this.items.push(v)`, `this.count++`). */
function changesOwnFields(method: TS.MethodDeclaration): boolean {
  const cls = enclosingClass(method);
  return changesIn(method.body!).some((c) => {
    const [field] = membersOfThis(c.target) ?? [];
    // (Not a call of a package's client it holds: `this.redis.set(key, value)` writes elsewhere.)
    return field !== undefined && !(cls && ts.isClassDeclaration(cls) && clientField(cls, field));
  });
}

/**
 * The calls of a body on an object made with the server (statefulInstance) whose method changes
 * the object's fields (`pool.open()`), as changes of that object.
 */
function instanceChanges(body: TS.Node, facts?: SessionFacts): Change[] {
  const found: Change[] = [];
  walk(body, (node) => {
    if (!ts.isCallExpression(node)) return undefined;
    const callee = unwrap(node.expression);
    const receiver = ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : undefined;
    const named = receiver && ts.isIdentifier(receiver) ? resolveIdentifier(receiver) : undefined;
    // With `facts`: also an object the tools' factory is handed (boundVariable), from this module or another.
    const bound = facts && receiver && (!named || !ts.isVariableDeclaration(named)) ? boundThrough(receiver, facts) : undefined;
    const decl = bound?.decl ?? named;
    const cls = decl && ts.isVariableDeclaration(decl) ? statefulInstance(decl) : undefined;
    const method = cls?.members.find((m) => ts.isMethodDeclaration(m) && propertyNameText(m.name) === (callee as TS.PropertyAccessExpression).name.text);
    if (method && ts.isMethodDeclaration(method) && method.body && changesOwnFields(method)) found.push({ target: receiver as TS.Expression, at: node, how: 'mutate' });
    else if (!cls && decl && ts.isVariableDeclaration(decl) && importedInstanceChange(node, decl, body.parent)) found.push({ target: receiver as TS.Expression, at: node, how: 'mutate' });
    return undefined;
  });
  return found;
}

/**
 * A value made the first time a call needs it and kept (`db ??= await connect()`, `if (!client)
 * client = new Client()`): losing it costs making it again, not a caller's state. Not one made
 * from what the caller passed (`if (!account) account = { user, token }`: the first caller's login).
 */
function lazilyMade({ target, at, how }: Change, handler: TS.FunctionLikeDeclaration): boolean {
  if (!ts.isBinaryExpression(at) || !ts.isIdentifier(unwrap(target)) || fromArguments(at.right, handler)) return false;
  const op = at.operatorToken.kind;
  if (op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken) return true;
  if (how !== 'set') return false;
  const name = (unwrap(target) as TS.Identifier).text;
  // `if (!x) x = ...`, `if (x == null) { x = ... }`, `if (x === undefined) ...`
  const branch = findAncestor(at, ts.isIfStatement);
  if (!branch || !(at.pos >= branch.thenStatement.pos && at.end <= branch.thenStatement.end)) return false;
  const t = unwrap(branch.expression);
  const names = (side: TS.Expression) => ts.isIdentifier(unwrap(side)) && (unwrap(side) as TS.Identifier).text === name;
  if (ts.isPrefixUnaryExpression(t) && t.operator === ts.SyntaxKind.ExclamationToken) return names(t.operand);
  const equals = ts.isBinaryExpression(t) && (t.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || t.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken);
  return equals && [t.left, t.right].some(names) && [t.left, t.right].some(isNullish);
}

/** Per declaration: the answer below, worked out once. */
const readCache = new WeakMap<TS.VariableDeclaration | TS.ParameterDeclaration, boolean>();

/**
 * Whether anything reads a variable, beyond writing it (`count = n`, `count++;`): one only ever
 * written (a count kept "for logging" that nothing logs) leaves no call anything to find.
 */
function readSomewhere(decl: TS.VariableDeclaration | TS.ParameterDeclaration): boolean {
  let read = readCache.get(decl);
  if (read !== undefined) return read;
  const scope = enclosingFunction(decl) ?? decl.getSourceFile();
  read = referencesTo(scope, decl as TS.VariableDeclaration & { name: TS.Identifier }).some((ref) => {
    const use = outermost(ref);
    const parent = use.parent;
    if (isAssignmentTarget(use)) return false;
    const stepped = isStep(parent);
    const compound = ts.isBinaryExpression(parent) && parent.left === use && parent.operatorToken.kind > ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
    // A step or compound assignment as a statement of its own only writes.
    if ((stepped || compound) && ts.isExpressionStatement(parent.parent)) return false;
    // A collection a call only adds its own entry to and takes it out of again (`live.push(child)`,
    // `live.splice(live.indexOf(child), 1)`): no call finds what another left (mobile-mcp's logins).
    if (ownEntryUse(use)) return false;
    return true;
  });
  readCache.set(decl, read);
  return read;
}

/** Calls on a collection that add or take out entries: as a statement of their own, they read nothing. */
const WRITE_ONLY_CALLS = /^(push|unshift|add|splice|delete|clear)$/;
/** Calls that look for one given entry: about the call's own entry when handed a value it made. */
const OWN_ENTRY_LOOKUPS = /^(indexOf|lastIndexOf|includes|has|delete)$/;

/**
 * A use of a collection that reads nothing another call left: a call that adds or takes out
 * entries, as a statement of its own (`live.push(child);`, `live.splice(i, 1);`), or one that looks
 * for a value this call made (`live.indexOf(child)`, `child` a local of the function around the
 * use or of one it is nested in; not a parameter, a caller's key).
 */
function ownEntryUse(use: TS.Node): boolean {
  const access = use.parent;
  if (!ts.isPropertyAccessExpression(access) || access.expression !== use || !ts.isCallExpression(access.parent) || access.parent.expression !== access) return false;
  const call = access.parent;
  const name = access.name.text;
  if (WRITE_ONLY_CALLS.test(name) && ts.isExpressionStatement(call.parent)) return true;
  return OWN_ENTRY_LOOKUPS.test(name) && call.arguments.length === 1 && ownValue(call.arguments[0], call);
}

/** A local variable (not a parameter) of a function that `at` is inside: a value the call at hand made. */
function ownValue(arg: TS.Node, at: TS.Node): boolean {
  const v = unwrap(arg);
  const decl = ts.isIdentifier(v) ? resolveIdentifier(v) : undefined;
  const fn = decl && ts.isVariableDeclaration(decl) ? enclosingFunction(decl) : undefined;
  return !!fn && at.pos >= fn.pos && at.end <= fn.end;
}

/**
 * The server-scoped variables a handler changes, each at its first change (not one nothing reads,
 * nor a value made once when first needed, unless another handler reads it without making it).
 */
function changedScopedState(facts: SessionFacts, handler: TS.FunctionLikeDeclaration, registration: Registration): ScopedState[] {
  const found: ScopedState[] = [];
  for (const change of [...changesIn(handler.body!), ...instanceChanges(handler.body!)]) {
    const { target, at } = change;
    const state = scopedVariable(target, at, handler, registration, facts, change);
    if (!state || found.some((f) => f.decl === state.decl) || !readSomewhere(state.decl)) continue;
    // (The maker itself is never among them: it assigns the variable.)
    if (lazilyMade(change, handler) && !readWithoutMaking(facts, state.decl)) continue;
    if (readThroughCache(facts, state.decl)) continue;
    found.push(state);
  }
  return found;
}

/**
 * Whether every registered handler that names a variable made with the server stores in it only
 * what it fetched itself, by what the key is made of (`text = await fetchUser(login);
 * users.set(login, text)`, fetchesByKey): a read-through cache, which a call that reaches another
 * instance (or a server built anew) fills again, not state a caller needs to find.
 */
function readThroughCache(facts: SessionFacts, decl: TS.VariableDeclaration | TS.ParameterDeclaration): boolean {
  if (!ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return false;
  let memo = readThroughMemo.get(facts);
  if (!memo) readThroughMemo.set(facts, (memo = new Map()));
  let answer = memo.get(decl);
  if (answer === undefined) memo.set(decl, (answer = onlyFetchedInto(facts, decl as TS.VariableDeclaration & { name: TS.Identifier })));
  return answer;
}

/** Per file's facts (its registrations decide), per variable: readThroughCache's answer (asked for each handler's change of it). */
const readThroughMemo = new WeakMap<SessionFacts, Map<TS.VariableDeclaration, boolean>>();

function onlyFetchedInto(facts: SessionFacts, named: TS.VariableDeclaration & { name: TS.Identifier }): boolean {
  let naming = 0;
  for (const body of new Set(facts.registrations.map((r) => r.handler?.body))) {
    if (!body || referencesTo(body, named).length === 0) continue;
    naming++;
    // Each change of it in the handler a `set` of what it fetched by that key (not the caller's own text, review 67).
    const changes = changesIn(body).filter(({ target }) => {
      const root = unwrap(target);
      return ts.isIdentifier(root) && resolveIdentifier(root) === named;
    });
    const fills = (change: (typeof changes)[number]) => {
      const args = change.how === 'mutate' && calleeName(change.at as TS.CallExpression) === 'set' ? (change.at as TS.CallExpression).arguments : undefined;
      return args?.length === 2 && fetchedValue(facts, args[1], args[0], body, named);
    };
    if (changes.length === 0 || !changes.every(fills)) return false;
  }
  return naming > 0;
}

/** Per file's facts (its registrations decide), per variable: readWithoutMaking's answer. */
const readWithoutMakingMemo = new WeakMap<SessionFacts, Map<TS.VariableDeclaration, boolean>>();

/**
 * Whether a registered handler reads a variable another handler makes when first needed, and never
 * makes it itself (trial 40A: `page ??= await launchPage()` in open_url, `if (!page) return
 * 'open_url first'` in page_title): what the first call made is what the next one needs, not a
 * client any call could make again. Not a fallback (`page ?? await launchPage()`), nor a handler
 * that calls a function of the file that makes it (`await ensureDb()`).
 */
function readWithoutMaking(facts: SessionFacts, decl: TS.VariableDeclaration | TS.ParameterDeclaration): boolean {
  // (A parameter is handed in, never made when first needed.)
  if (!ts.isVariableDeclaration(decl)) return false;
  let memo = readWithoutMakingMemo.get(facts);
  if (!memo) readWithoutMakingMemo.set(facts, (memo = new Map()));
  let answer = memo.get(decl);
  if (answer === undefined) memo.set(decl, (answer = ts.isIdentifier(decl.name) && unmadeReader(facts, decl as TS.VariableDeclaration & { name: TS.Identifier })));
  return answer;
}

function unmadeReader(facts: SessionFacts, named: TS.VariableDeclaration & { name: TS.Identifier }): boolean {
  // (`page ??= ...`, `page = ...`: it makes one itself.)
  const assigned = (use: TS.Node) => isAssignment(use.parent) && use.parent.left === use;
  // Whether a function of the file a handler calls makes it (`await ensureDb()`), up to two calls
  // deep; whether a helper makes it itself is asked once (what it calls, at the depth it is met).
  const makesItself = new Map<TS.Node, boolean>();
  const helperMakes = (body: TS.Node, depth: number): boolean =>
    someNode(body, (n) => {
      const helper = ts.isCallExpression(n) ? facts.callTarget(n)?.body : undefined;
      if (!helper || helper === body) return false;
      if (!makesItself.has(helper)) makesItself.set(helper, referencesTo(helper, named).some((ref) => assigned(outermost(ref))));
      return makesItself.get(helper)! || (depth > 1 && helperMakes(helper, depth - 1));
    });
  return facts.registrations.some((r) => {
    const body = r.handler?.body;
    if (!body) return false;
    const uses = referencesTo(body, named).map(outermost);
    const reads = uses.some((use) => !assigned(use) && !(isFallback(use.parent) && use.parent.left === use));
    return reads && !uses.some(assigned) && !helperMakes(body, 2);
  });
}

/** A use of a list that empties it (`todos.length = 0`): a write, though no method call changes it. */
function emptiesList(use: TS.Node): boolean {
  const access = outermost(use).parent;
  return !!access && ts.isPropertyAccessExpression(access) && access.name.text === 'length' && isAssignmentTarget(access);
}

/**
 * The first change a function makes to the lists, itself or through the file's functions it calls
 * (a tool's handle toggled, a registration), and which list, unless already reported (`covered`,
 * which it joins): for a listener, a timer or an McpAgent's onStateUpdate hook.
 */
function listChangeIn(facts: SessionFacts, fn: TS.FunctionLikeDeclaration, covered: Set<TS.Node>): { change: TS.CallExpression; list: string } | undefined {
  if (!fn.body) return undefined;
  const change = callsIn(facts, fn.body, isHandleToggle)[0] ?? callsIn(facts, fn.body, registers)[0];
  if (!change || covered.has(change)) return undefined;
  covered.add(change);
  return { change, list: isHandleToggle(facts, change) ? 'tool list' : listNamed(calleeName(change) ?? '') };
}

/** A call that changes a list, as a message shows it: `tool.disable()`, `server.registerTool()`, or a bare `registerTool()`. */
function changeLabel(change: TS.CallExpression): string {
  const callee = unwrap(change.expression);
  return `${ts.isPropertyAccessExpression(callee) ? `${codeSnippet(callee.expression, 40)}.` : ''}${calleeName(change)}()`;
}

/** The yes a guard gives 2026-07-28 clients in place of the question it keeps on the 2025 path (modernYes), at a node asking it. */
function guardedYes(asked: TS.Node | undefined): TS.Expression | undefined {
  const guard = asked && legacyTest(asked);
  return guard && modernYes(guard, asked);
}

/** What a question kept from 2026-07-28 clients does when its guard answers yes for them. */
function unaskedText(yes: TS.Expression): string {
  return `2026-07-28 clients are never asked and get \`${codeSnippet(yes, 40)}\` in its place, as if they had agreed: ask them too, with an input_required result the client answers`;
}

/**
 * The handle arguments a tool's handler takes already (`processId` of `async ({ processId, input })`,
 * `session_id` of a game): names of its first parameter's bindings that end in id.
 */
function handleArguments(handler: TS.FunctionLikeDeclaration): string[] {
  const first = handler.parameters[0]?.name;
  if (!first || !ts.isObjectBindingPattern(first)) return [];
  return first.elements.flatMap((e) => {
    const name = propertyNameText(e.propertyName as TS.PropertyName | undefined) ?? (ts.isIdentifier(e.name) ? e.name.text : undefined);
    return name && /(^id$|[a-z]Id$|_id$)/.test(name) ? [name] : [];
  });
}

/**
 * What to key by instead of the session id: a handle argument the tool takes already and uses
 * beside the session id in one key (`terminals.of(extra.sessionId, processId)`, `` `${sid}:${processId}` ``;
 * trial 30C: mcp-pty), the URI a read names, else a handle to return. (An argument named like an
 * id but used apart from the session, a product's, is no handle of this state.)
 */
function keyAdvice(registration: Registration, handler: TS.FunctionLikeDeclaration, site: TS.Node): string {
  if (readsByUri(registration)) return 'key it by the URI or name the request carries instead';
  // The key the id goes into, within the handler: where it is read, or where the local it is
  // kept in is used (`const sid = extra.sessionId; carts.of(sid, basketId)`).
  const keyOf = (at: TS.Node) => {
    for (let n = at.parent; n && n !== handler; n = n.parent) if (ts.isCallExpression(n) || ts.isTemplateExpression(n) || ts.isElementAccessExpression(n)) return n;
    return undefined;
  };
  const holder = outermost(site).parent;
  const uses = ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? referencesTo(handler, holder as TS.VariableDeclaration & { name: TS.Identifier }) : [site];
  const besides = new Set<string>();
  for (const key of uses.map(keyOf)) if (key) walk(key, (n) => void (ts.isIdentifier(n) && !isPropertyName(n) && besides.add(n.text)));
  const taken = registration.kind === 'tool' ? handleArguments(handler).filter((name) => besides.has(name)) : [];
  return taken.length > 0 ? `it takes ${joinNames(taken.map((t) => `\`${t}\``))} already: key what it keeps by that alone, not by the session` : 'key it by a handle the tool returns instead';
}


/**
 * `const ctx = resolve(extra.sessionId); ... ctx.userId`: the session id handed to a call whose
 * result is read for who the caller is and nothing else (IDENTITY_FIELD, or a credential; its
 * members as lookupResultMembers finds them): the call and those members. A record read for
 * anything more (a cart's `items` beside its `user`) is state of the session's. A handle in its
 * place would be a bearer credential (trial 33A, monize: 24 tools told to key by a handle).
 */
function identityLookup(site: TS.Node): { call: TS.CallExpression; fields: string[] } | undefined {
  let call: TS.Node | undefined = outermost(site).parent;
  while (call && (ts.isConditionalExpression(call) || ts.isBinaryExpression(call) || ts.isParenthesizedExpression(call) || ts.isAsExpression(call))) call = call.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.some((a) => a.pos <= site.pos && site.end <= a.end)) return undefined;
  const members = lookupResultMembers(call);
  const fields = [...new Set(members.map((m) => m.field))];
  const identity = (field: string) => IDENTITY_FIELD.test(field) || namesCredential(field);
  return fields.length > 0 && fields.every(identity) ? { call, fields } : undefined;
}

/**
 * `listProjects({ sessionId })`, `listProjects(extra.sessionId)`: the session id handed to a helper
 * (of this file or another module of the run) that looks the caller up by it and reads the result
 * for who the caller is and a credential only (`const { apiKey } = await getSession(id)`,
 * `sessions[id]?.apiKey`). Told as identityLookup tells it: a handle minted in its place would
 * unlock the stored credential for whoever learns it (trial 37A, octomind-mcp).
 */
function identityThroughHelper(facts: SessionFacts, site: TS.Node): { call: TS.CallExpression; fields: string[] } | undefined {
  let up: TS.Node = outermost(site);
  while (up.parent && (ts.isShorthandPropertyAssignment(up.parent) || ts.isPropertyAssignment(up.parent) || ts.isObjectLiteralExpression(up.parent) || ts.isConditionalExpression(up.parent) || ts.isBinaryExpression(up.parent) || ts.isParenthesizedExpression(up.parent) || ts.isAsExpression(up.parent) || ts.isNonNullExpression(up.parent))) up = up.parent;
  const call = up.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(up as TS.Expression)) return undefined;
  const modules = facts.modules;
  const target = (modules && moduleCall(call, modules.path, modules.source)?.fn) ?? facts.callTarget(call);
  const read = target && credentialRead(target, call.arguments.indexOf(up as TS.Expression), modules?.source, 0);
  return read && !read.other && read.fields.some(namesCredential) ? { call, fields: read.fields } : undefined;
}

/** What a tool that looks its caller up by the MCP session id is told (identityLookup, identityThroughHelper, identityThroughContext). */
function identityText(identity: { call: TS.CallExpression; fields: string[] }): string {
  return `looks the caller up by the MCP session id (${codeSnippet(identity.call, 50)}, read for ${joinNames(identity.fields.map((f) => `\`${f}\``))}): 2026-07-28 requests carry none, so no caller is found (or every caller is the same one); read who the caller is from each request instead (extra.authInfo, which the SDK's bearer-token middleware sets), not from a handle the tool returns, which would let whoever learns it act as that caller`;
}

/**
 * identityThroughHelper for a helper of another module handed the whole context (keyedByContext):
 * what it looks up by the context is read for who the caller is and a credential only, in the
 * helper (`return keys.get(ctx.sessionId)?.apiKey`) or by the tool (`getAccount(ctx).apiKey`).
 */
function identityThroughContext(call: TS.CallExpression, { fn, params }: ContextHanded, source: ModuleSource | undefined): { call: TS.CallExpression; fields: string[] } | undefined {
  const fields = [...new Set(lookupResultMembers(call).map((m) => m.field))];
  if (fields.length > 0) return fields.every((f) => IDENTITY_FIELD.test(f) || namesCredential(f)) && fields.some(namesCredential) ? { call, fields } : undefined;
  const read = credentialRead(fn, fn.parameters.indexOf(params[0]), source, 0);
  return read && !read.other && read.fields.some(namesCredential) ? { call, fields: read.fields } : undefined;
}

const credentialReads = new WeakMap<TS.FunctionLikeDeclaration, Map<number, { fields: string[]; other: boolean }>>();

/** A call named for the credential it returns: `getApiKey(id)`, `resolveToken(id)`; the credential's name (`apiKey`). */
function credentialCall(call: TS.CallExpression): string | undefined {
  const noun = calleeName(call)?.replace(/^(?:get|load|fetch|resolve|read|find|lookup|lookUp)(?=[A-Z_])_?/, '');
  const name = noun && noun[0].toLowerCase() + noun.slice(1);
  return name && namesCredential(name) ? name : undefined;
}

/**
 * What a helper handed an id reads by it (identityThroughHelper): the members of what it looks up
 * by what it was given (an entry of a module-level collection, a call's result), a call named for
 * a credential, and the same of the helpers it hands the id on to, three deep (octomind-mcp:
 * listTestTargets, apiCall, getApiKey, getSession(id).apiKey). The id is its parameter `index`.
 * `other`: something else is read by the id.
 */
function credentialRead(target: TS.FunctionLikeDeclaration, index: number, source: ModuleSource | undefined, depth: number): { fields: string[]; other: boolean } | undefined {
  const param = target.parameters[index];
  // A helper of many statements is not a lookup helper, and each lookup in it walks it again.
  if (!target.body || !param || param.dotDotDotToken || target.body.end - target.body.pos > 12_000) return undefined;
  let memo = credentialReads.get(target);
  if (!memo) credentialReads.set(target, (memo = new Map()));
  const known = memo.get(index);
  if (known) return known;
  const result = { fields: [] as string[], other: false };
  memo.set(index, result); // a cycle reads nothing more
  // The parameter the id is, and the locals made from it without a call (`const id = typeof opts
  // === 'string' ? opts : opts?.sessionId`; not `const apiKey = await getApiKey(id)`, what it looked up).
  const given = new Set<string>();
  walk(param.name, (n) => void (ts.isIdentifier(n) && given.add(n.text)));
  const mentionsGiven = (e: TS.Node) => {
    let found = false;
    walk(e, (x) => {
      if (found || isFunctionLike(x)) return false;
      if (ts.isIdentifier(x) && !isPropertyName(x) && given.has(x.text)) found = true;
      return undefined;
    });
    return found;
  };
  const withoutCall = (e: TS.Node) => {
    let call = false;
    walk(e, (x) => {
      if (call || isFunctionLike(x)) return false;
      if (ts.isCallExpression(x) || ts.isNewExpression(x) || ts.isAwaitExpression(x)) call = true;
      return undefined;
    });
    return !call;
  };
  walk(target.body, (n) => void (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && mentionsGiven(n.initializer) && withoutCall(n.initializer) && given.add(n.name.text)));
  const fields = new Set<string>();
  const from = target.getSourceFile().fileName;
  walk(target.body, (n) => {
    if (result.other || (n !== target.body && isFunctionLike(n))) return false;
    // A lookup by what it was given: an entry of a module-level collection, or what a call returns.
    const byGiven = ts.isCallExpression(n) && n.arguments.some((a) => !isFunctionLike(unwrap(a)) && mentionsGiven(a));
    const lookup = ts.isElementAccessExpression(n) && mentionsGiven(n.argumentExpression) && ts.isIdentifier(unwrap(n.expression)) && isModuleVariable(resolveIdentifier(unwrap(n.expression) as TS.Identifier)) ? n : byGiven ? n : undefined;
    if (!lookup) return undefined;
    const credential = ts.isCallExpression(lookup) ? credentialCall(lookup) : undefined;
    if (credential) {
      fields.add(credential);
      return undefined;
    }
    const members = lookupResultMembers(lookup).filter((m) => m.read);
    if (members.length > 0) {
      if (members.every((m) => IDENTITY_FIELD.test(m.field) || namesCredential(m.field))) for (const m of members) fields.add(m.field);
      else result.other = true;
      return undefined;
    }
    // Handed on to another helper (of its module or one it imports): what that one reads.
    if (ts.isCallExpression(lookup) && depth < 3) {
      const inner = (source && moduleCall(lookup, from, source)?.fn) ?? resolveFunction(lookup.expression);
      const at = lookup.arguments.findIndex((a) => mentionsGiven(a));
      const read = inner && inner !== target ? credentialRead(inner, at, source, depth + 1) : undefined;
      if (read?.other) result.other = true;
      else for (const f of read?.fields ?? []) fields.add(f);
    }
    return undefined;
  });
  result.fields = [...fields];
  return result;
}

/**
 * The way out for what lives in one process, where moving it is not wanted: the gateway routes each
 * call that names the handle to the instance that holds it (2026-07-28's `x-mcp-header`).
 */
const ROUTE_BY_HANDLE = "; or route every call that names the handle to the instance that minted it (mark the handle argument x-mcp-header in the tool's JSON Schema, so calls carry it as an Mcp-Param header, and have the load balancer send each call to the instance that minted that handle)";

/**
 * The `x-mcp-header` name a tool's input schema gives argument `name`, where the revision lets
 * clients mirror it as `Mcp-Param-{Name}` (trial 70B B1): on a property of the schema's own
 * `properties` whose type is a string, an integer or a boolean, named by an HTTP token (reference
 * §1.4; an annotation elsewhere makes clients drop the tool). The schema is the one the call that
 * registers `handler` gives: its config's `inputSchema` (or a `.tool()` shape), written there or in
 * a const of the file (a member of one: `schemas.kill`), as JSON Schema (`fromJsonSchema(...)`) or
 * as zod (`terminal_id: z.string().meta({ 'x-mcp-header': 'Terminal-Id' })`, which the v2 packages
 * publish as such). Review 88 points 3, 4 and 8.
 */
function headerOfArgument(facts: SessionFacts, handler: TS.Node, name: string): string | undefined {
  if (!facts.sourceFile.text.includes(X_MCP_HEADER)) return undefined;
  const argument = argumentSchema(facts, handler, name);
  const header = argument && (argument.json ? jsonSchemaHeader(argument.value) : zodHeader(argument.value));
  return header !== undefined && HTTP_TOKEN.test(header) ? header : undefined;
}

/**
 * What the input schema of the tool `handler` serves gives argument `name`, as written: a zod
 * schema (`z.string().describe(...)`) or, `json`, a JSON Schema property (`{ type: 'string' }`).
 * The schema is the registering call's (its config's `inputSchema`, or a `.tool()` shape), there or
 * in a const of the file. Undefined where this file does not show it.
 */
export function argumentSchema(facts: SessionFacts, handler: TS.Node, name: string): { value: TS.Expression; json: boolean } | undefined {
  const call = facts.registrations.find((r) => r.handler === handler && !r.fromList)?.call;
  if (!call) return undefined;
  const config = calleeName(call) === 'registerTool' ? objectOf(call.arguments[1]) : undefined;
  const input = config ? literalMember(config, 'inputSchema') : call.arguments.slice(1, -1).find((a) => objectOf(a) !== undefined);
  const schema = input && schemaOf(input);
  if (!schema) return undefined;
  const property = literalMember(schema.object, schema.json ? 'properties' : name);
  const value = schema.json ? literalMember(property && objectOf(property), name) : property;
  return value && { value, json: schema.json };
}

/** An RFC 9110 token: what an `x-mcp-header` name must be. */
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** The object literal an expression is, or holds through a variable of the file (objectLiteralOf), also a member of one (`schemas.kill`). */
function objectOf(node: TS.Node | undefined, depth = 0): TS.ObjectLiteralExpression | undefined {
  const n = node && unwrap(node);
  if (!n || depth > 3) return undefined;
  return ts.isPropertyAccessExpression(n) ? objectOf(literalMember(objectOf(n.expression, depth + 1), n.name.text), depth + 1) : objectLiteralOf(n);
}

/** A tool's input schema as an object: JSON Schema (`fromJsonSchema(obj)`, `{ type: 'object', properties }`) or a zod shape (`z.object(shape)`, a raw shape). */
function schemaOf(input: TS.Expression, depth = 0): { object: TS.ObjectLiteralExpression; json: boolean } | undefined {
  const n = unwrap(input);
  if (depth > 3) return undefined;
  // (Held in a const of the file, or a member of one: `runSchema`, `schemas.kill`.)
  const held = ts.isIdentifier(n) ? resolveInitializer(n) : ts.isPropertyAccessExpression(n) ? literalMember(objectOf(n.expression), n.name.text) : undefined;
  if (held) return schemaOf(held, depth + 1);
  if (ts.isCallExpression(n)) {
    const name = calleeName(n);
    if (name === 'fromJsonSchema') {
      const object = objectOf(n.arguments[0]);
      return object && { object, json: true };
    }
    return name === 'object' || name === 'strictObject' || name === 'looseObject' ? schemaOf(n.arguments[0] ?? n, depth + 1) : undefined;
  }
  const object = objectOf(n);
  if (!object) return undefined;
  // (JSON Schema names its `type` and its `properties`; a zod shape names the arguments.)
  const json = literalMember(object, 'properties') !== undefined && constantString(literalMember(object, 'type')) === 'object';
  return { object, json };
}

/** `{ type: 'string', 'x-mcp-header': 'Terminal-Id' }`: the header of a primitive property of JSON Schema. */
function jsonSchemaHeader(value: TS.Expression): string | undefined {
  const property = objectOf(value);
  const type = constantString(literalMember(property, 'type'));
  return type === 'string' || type === 'integer' || type === 'boolean' ? constantString(literalMember(property, X_MCP_HEADER)) : undefined;
}

/** `z.string().meta({ 'x-mcp-header': 'Terminal-Id' })`: the header a zod chain of a primitive gives in its `.meta(...)`. */
function zodHeader(value: TS.Expression): string | undefined {
  let header: string | undefined;
  let at: TS.Node = unwrap(value);
  while (ts.isCallExpression(at) && ts.isPropertyAccessExpression(unwrap(at.expression))) {
    if (calleeName(at) === 'meta') header ??= constantString(literalMember(objectOf(at.arguments[0]), X_MCP_HEADER));
    const receiver = unwrap((unwrap(at.expression) as TS.PropertyAccessExpression).expression);
    if (!ts.isCallExpression(receiver)) break;
    at = receiver;
  }
  // (`at`: the chain's first call, `z.string()`.)
  return ts.isCallExpression(at) && /^(string|number|int|boolean)$/.test(calleeName(at) ?? '') ? header : undefined;
}

const X_MCP_HEADER = 'x-mcp-header';

/** The argument a handle is read from (`terminal_id`, `args.terminal_id`, `{ terminal_id: id }`'s `id`). */
function argumentName(key: TS.Expression): string | undefined {
  const k = unwrap(key);
  if (ts.isPropertyAccessExpression(k)) return k.name.text;
  if (ts.isElementAccessExpression(k)) return constantString(k.argumentExpression);
  if (!ts.isIdentifier(k)) return undefined;
  const decl = resolveIdentifier(k);
  return decl && ts.isBindingElement(decl) && decl.propertyName ? propertyNameText(decl.propertyName) : k.text;
}

/**
 * The header the handle of a store travels in, where every tool that looks entries up by it marks
 * its handle argument `x-mcp-header` (for a tool that looks up: its own): a gateway may route each
 * call to the instance that holds the entry, which the finding then says is what remains to do.
 */
function routedHeader(facts: SessionFacts, e: HandleStoreUse, handler: TS.Node): string | undefined {
  const keys = e.lookedKeys;
  if (!keys || keys.size === 0) return undefined;
  // (A tool that mints as well as looks up needs every looking tool's marking: review 88 point 10.)
  const own = e.minted.has(handler) ? undefined : keys.get(handler);
  const headers = (own ? [[handler, own] as const] : [...keys]).map(([h, key]) => {
    const arg = argumentName(key);
    return arg === undefined ? undefined : headerOfArgument(facts, h, arg);
  });
  return headers.every((h) => h !== undefined) ? headers[0] : undefined;
}

/** What a handle-store finding says where the handle travels in a header (routedHeader): what the load balancer must do. */
function routedText(header: string, minters: readonly string[]): string {
  return `; its handle argument is marked x-mcp-header (${header}), so calls carry it as Mcp-Param-${header}: that finds the entry only where the load balancer sends each call to the instance that minted its handle (one that learns which instance answered ${minters.length > 0 ? minters.join(' or ') : 'the minting call'}, or reads an instance id the handle carries), not where it hashes the header or takes turns`;
}

/** What a finding all of whose reasons are routed (routedText) ends with. */
const ROUTED_SUPPRESS = '. Once yours does, suppress this finding with that reason (mcp-migrate-ignore stateful-tool -- ...)';

/** What to do with browser pages kept across calls. */
const BROWSER_ADVICE = `a browser page cannot be kept in a shared store: finish the work within one call (open, act, close), or run the browser where every instance reaches it (a remote browser service) and keep its session id in a shared store under a handle the tools take${ROUTE_BY_HANDLE}`;

/**
 * Whether the registering file serves stdio alone and is a program's entry (stdioEntry), asked
 * where a finding needs it; `overHttp`, where such a file is served over HTTP by a gateway of the
 * deployment (SessionFacts.servedOverHttp), says so and the call answers false (trial 72B B6).
 */
type StdioEntry = (() => boolean) & { readonly overHttp?: string };

/** What a finding about a process's state adds where its file serves stdio alone. */
const STDIO_NOTE = ' (this file serves stdio only: one process serves one client, so this holds until the server is served over HTTP by more than one instance)';
/** STDIO_NOTE for a register function of another file, whose callers serve stdio alone (handedServerLifetime). */
const STDIO_CALLERS_NOTE = STDIO_NOTE.replace('this file serves', 'every file that hands it the server serves');

/** What to do with a process one call starts and another stops: no shared store can hold it. */
const PROCESS_ADVICE = `a running process cannot be kept in a shared store: finish it within one call (start, wait with a time limit, stop), or run it where every instance reaches it (a job service) and keep its job id in a shared store under a handle the tools take${ROUTE_BY_HANDLE}`;

/** What to do with a network connection (a socket) one call opens and another writes to. */
const SOCKET_ADVICE = `an open socket cannot be kept in a shared store: finish the exchange within one call (connect, send, read the answer, close), or hold the connections in one service every instance reaches and keep its connection id in a shared store under a handle the tools take${ROUTE_BY_HANDLE}`;

/** What to do with a database connection or transaction one call opens and another uses. */
const CONNECTION_ADVICE = `an open database connection (or a transaction on it) cannot be kept in a shared store: finish the transaction within one call (begin, run the statements the call names, commit or roll back), or keep what the later calls need as data (rows, a draft in a shared store under a handle the tools take) and have each call check out its own connection${ROUTE_BY_HANDLE}`;

/** Advice written to follow a message's semicolon, as a sentence of its own (How to fix). */
function sentence(advice: string): string {
  return `${advice[0].toUpperCase()}${advice.slice(1)}.`;
}

/** Per kind of object that lives in this process only: what to do, and the finding's reason. */
const LIVE: Record<LiveObjects, { advice: string; reason: 'process-state' | 'browser-state' | 'connection-state' }> = {
  'running processes': { advice: PROCESS_ADVICE, reason: 'process-state' },
  'browser pages': { advice: BROWSER_ADVICE, reason: 'browser-state' },
  'database connections': { advice: CONNECTION_ADVICE, reason: 'connection-state' },
  'open sockets': { advice: SOCKET_ADVICE, reason: 'connection-state' },
};

/**
 * The advice of the live objects (LIVE: browser pages, connections, sockets) a message gave, by its
 * reason: the same advice How to fix repeats. (Running processes have advice of their own there.)
 */
function liveAdvice(reasons: readonly ReasonId[], message: string): string | undefined {
  return Object.values(LIVE).find((l) => l.reason !== 'process-state' && reasons.includes(l.reason) && message.includes(l.advice))?.advice;
}

/** What to do with a caller's credential one tool keeps for the calls after it. */
const CREDENTIAL_ADVICE = "take the credential with each request instead: over HTTP, the request's Authorization header, which the SDK's bearer-token middleware hands every handler as extra.authInfo (or an argument of each call), never a value one call leaves for the next";

/**
 * Of a module-level variable's changes (per handler), one that sets a caller's credential from the
 * call's arguments: by the variable's name (`authToken = args.token`), the method called
 * (`api.setToken(token)`) or the field assigned (`client.apiKey = key`). A tool that keeps it
 * leaves it to every later call, whoever makes it. Not the server's own credential
 * (`api.login(process.env.USER, ...)`), nor a number or a flag named so (a game's `secretNumber`).
 */
function credentialChange(decl: TS.VariableDeclaration, changes: Iterable<[TS.Node, TS.Node]>): TS.Node | undefined {
  const typed = decl.type ? decl.type.kind : decl.initializer ? unwrap(decl.initializer).kind : undefined;
  if (typed !== undefined && [ts.SyntaxKind.NumberKeyword, ts.SyntaxKind.BooleanKeyword, ts.SyntaxKind.NumericLiteral, ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword].includes(typed)) return undefined;
  for (const [handler, at] of changes) {
    if (!isFunctionLike(handler)) continue;
    const given = (values: readonly TS.Node[]) => values.some((v) => fromArguments(v, handler));
    if (ts.isCallExpression(at) && namesCredential(calleeName(at) ?? '') && given(at.arguments)) return at;
    if (!ts.isBinaryExpression(at) || !given([at.right])) continue;
    if (ts.isIdentifier(decl.name) && namesCredential(decl.name.text)) return at;
    if (ts.isPropertyAccessExpression(unwrap(at.left)) && namesCredential((unwrap(at.left) as TS.PropertyAccessExpression).name.text)) return at;
  }
  return undefined;
}

/** Calls that start a process or a worker (`spawn`, `fork`, `execFile`, a CLI wrapper's `spawnCommand`). */
const STARTS_PROCESS = /^(spawn|fork|exec|execFile|execa|spawnCommand|spawnProcess|startProcess)$/;

/**
 * Whether a collection holds running processes: its declared type names ChildProcess (or a Worker),
 * or what is put in it (`recordings.set(device, { process: child })`) comes from `spawn(...)`.
 */
function holdsProcesses(decl: StoreDecl): boolean {
  // Asked at each keyed store access of every handler: judged once.
  let known = processesMemo.get(decl);
  if (known === undefined) processesMemo.set(decl, (known = startsProcesses(decl)));
  return known;
}

const processesMemo = new WeakMap<StoreDecl, boolean>();

function startsProcesses(decl: StoreDecl): boolean {
  if (PROCESS_TYPE.test(typeTextOf(decl))) return true;
  const started = (value: TS.Expression | undefined, depth = 3): boolean => {
    if (!value || depth < 0) return false;
    const v = unwrap(value);
    if (ts.isObjectLiteralExpression(v)) return v.properties.some((p) => (ts.isPropertyAssignment(p) ? started(p.initializer, depth - 1) : ts.isShorthandPropertyAssignment(p) ? started(p.name, depth - 1) : false));
    if (ts.isIdentifier(v)) {
      const d = resolveIdentifier(v);
      return !!d && ts.isVariableDeclaration(d) && started(d.initializer, depth - 1);
    }
    const call = ts.isAwaitExpression(v) ? unwrap(v.expression) : v;
    return (ts.isCallExpression(call) && STARTS_PROCESS.test(calleeName(call) ?? '')) || (ts.isNewExpression(call) && calleeName(call) === 'Worker');
  };
  // (A local of a function is looked for there; a module-level store, or a member of a module-level object, in the file: storeReferences.)
  const scope = ts.isPropertyAssignment(decl) ? undefined : enclosingFunction(decl);
  const refs = scope && ts.isIdentifier(decl.name) ? referencesTo(scope, decl as TS.VariableDeclaration & { name: TS.Identifier }) : storeReferences(decl);
  return refs.some((r) => {
    const member = r.parent;
    if (!ts.isPropertyAccessExpression(member) || member.expression !== r || !ts.isCallExpression(member.parent) || member.parent.expression !== member) return false;
    const call = member.parent;
    return member.name.text === 'set' ? started(call.arguments[1]) : member.name.text === 'push' ? call.arguments.some((a) => started(a)) : false;
  });
}

/**
 * Whether a value kept in `decl` (`jobs.set(id, job)`) is changed afterwards by a timer the same
 * function set (`setInterval(() => { job.progress += 25 })`): work that goes on in this process.
 * The timer and the first change it makes, as code.
 */
function advancedByTimer(decl: StoreDecl): { timer: string; change: string } | undefined {
  // Asked for every tool that keeps or looks up entries of the store: judged once.
  if (advancedMemo.has(decl)) return advancedMemo.get(decl);
  const found = findTimerChange(decl);
  advancedMemo.set(decl, found);
  return found;
}

const advancedMemo = new WeakMap<StoreDecl, { timer: string; change: string } | undefined>();

function findTimerChange(decl: StoreDecl): { timer: string; change: string } | undefined {
  for (const r of storeReferences(decl)) {
    const member = r.parent;
    if (!ts.isPropertyAccessExpression(member) || member.name.text !== 'set' || !ts.isCallExpression(member.parent)) continue;
    const value = member.parent.arguments[1] && unwrap(member.parent.arguments[1]);
    const fn = enclosingFunction(member.parent);
    if (!value || !ts.isIdentifier(value) || !fn?.body) continue;
    let found: { timer: string; change: string } | undefined;
    walk(fn.body, (n) => {
      if (found) return false;
      if (!ts.isCallExpression(n) || !TIMERS.test(calleeName(n) ?? '')) return undefined;
      const callback = n.arguments[0] && unwrap(n.arguments[0]);
      if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return undefined;
      walk(callback.body, (m) => {
        if (found) return false;
        const target = ts.isBinaryExpression(m) && m.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && m.operatorToken.kind <= ts.SyntaxKind.LastAssignment ? m.left : (ts.isPostfixUnaryExpression(m) || ts.isPrefixUnaryExpression(m)) ? m.operand : undefined;
        const t = target && unwrap(target);
        if (t && ts.isPropertyAccessExpression(t) && ts.isIdentifier(t.expression) && t.expression.text === value.text) found = { timer: calleeName(n)!, change: codeSnippet(m, 40) };
        return undefined;
      });
      return undefined;
    });
    if (found) return found;
  }
  return undefined;
}

/**
 * Per file: the server-scoped variables some handler changes (what a handler that only reads them
 * depends on), each with whether only list handlers change it (a proxy's name-to-client map).
 */
const changedByFile = new WeakMap<SessionFacts, Map<ScopedState['decl'], boolean>>();

function changedInFile(facts: SessionFacts): Map<ScopedState['decl'], boolean> {
  let changed = changedByFile.get(facts);
  if (!changed) {
    changed = new Map();
    for (const r of facts.registrations) {
      if (!r.handler?.body) continue;
      const lists = !!r.method?.endsWith('/list');
      for (const s of changedScopedState(facts, r.handler, r)) changed.set(s.decl, (changed.get(s.decl) ?? true) && lists);
    }
    changedByFile.set(facts, changed);
  }
  return changed;
}

/**
 * State a tool keeps under the server it is registered on (trial 74B B10): an entry of a
 * module-level Map or WeakMap keyed by that server object (`stateByServer.get(s)!.turns.push(text)`,
 * or by the low-level Server inside it, `s.server`; also through a local the entry is taken into,
 * or a function of the file handed the server, `stateOf(s)`), or a member set on the server itself
 * (`(s as any).turns = []`, also through an alias of it, `const a = s as any`). Each session's
 * server has its own, so the state lasts as long as that server, as a local of its factory does;
 * built per request, every call starts empty. Only where some tool writes it and some tool reads
 * it back, the same one included (`counts.set(s, n); return n`): not a map the factory alone fills
 * (the same on every server), nor per-server metrics only written (review 93 point 2). In a
 * low-level tools/call handler, each case that uses it is a tool of its own.
 */
function serverKeyedState(facts: SessionFacts, registration: Registration): Array<{ name: string; node: TS.Node; factory: string; read?: true; handed?: true; overStdio?: true }> {
  const server = registeredServer(facts, registration);
  if (!server) return [];
  const uses = serverKeyedUses(facts).get(server.decl) ?? [];
  const mine = uses.filter((u) => u.handler === registration.handler);
  // (Written by a tool and read by one: what one call leaves, a later one needs.)
  const kept = (name: string) => uses.some((u) => u.name === name && u.writes) && uses.some((u) => u.name === name && !u.writes);
  const handler = registration.handler as TS.FunctionLikeDeclaration;
  // (A low-level tools/call handler: one per case of its switch on the tool's name.)
  const byTool = new Map<TS.Node | undefined, typeof mine>();
  for (const u of mine) {
    if (!kept(u.name)) continue;
    const clause = registration.method === 'tools/call' ? dispatchCaseOf(u.node, handler) : undefined;
    byTool.set(clause, [...(byTool.get(clause) ?? []), u]);
  }
  return [...byTool.values()].map((own) => {
    const use = own.find((u) => u.writes) ?? own[0];
    return { name: use.name, node: use.node, factory: factoryLabel(server.factory), ...(use.writes ? {} : { read: true as const }), ...(server.handed ? { handed: true as const } : {}), ...(server.overStdio ? { overStdio: true as const } : {}) };
  });
}

/** What serverKeyedState keys its state by: a server of the file a tool is registered on, and the function that builds it or is handed it. */
type KeyedServer = { decl: TS.VariableDeclaration | TS.ParameterDeclaration; factory: TS.FunctionLikeDeclaration; handed?: true; overStdio?: true };

/**
 * The server a registration registers on, where it is made per call of a function: a local
 * `const s = new McpServer(...)`, or one a function of the file builds (`const s = makeServer()`);
 * or a parameter of a function that registers the tools on the server it is handed
 * (`registerTools(s)`: registersOnHandedServer), unless every caller hands it a server made once
 * per process (handedServerLifetime), as a server made at module level is.
 */
function registeredServer(facts: SessionFacts, registration: Registration): KeyedServer | undefined {
  // (Asked per registration by statefulReasons and again by serverKeyedUses: review 94 point 11.)
  if (registeredMemo.has(registration)) return registeredMemo.get(registration);
  const found = findRegisteredServer(facts, registration);
  registeredMemo.set(registration, found);
  return found;
}

const registeredMemo = new WeakMap<Registration, KeyedServer | undefined>();

function findRegisteredServer(facts: SessionFacts, registration: Registration): KeyedServer | undefined {
  if (registration.viaWrapper || registration.shape || !registration.handler?.body) return undefined;
  const decl = registeredOn(registration);
  if (decl && ts.isParameter(decl)) {
    const fn = decl.parent as TS.FunctionLikeDeclaration;
    if (registersOnHandedServer(fn, registration) !== decl) return undefined;
    const lifetime = handedServerLifetime(decl, facts);
    return lifetime === 'process' ? undefined : { decl, factory: fn, handed: true, ...(lifetime === 'stdio' ? { overStdio: true as const } : {}) };
  }
  const factory = decl && ts.isVariableDeclaration(decl) && decl.initializer ? enclosingFunction(decl) : undefined;
  if (!factory || !decl || !ts.isVariableDeclaration(decl)) return undefined;
  const init = awaited(decl.initializer!);
  const builder = ts.isCallExpression(init) ? facts.callTarget(init) : undefined;
  const built = ts.isNewExpression(init) ? /^(McpServer|Server)$/.test(calleeName(init) ?? '') : !!builder && buildsServerItself(builder);
  return built ? { decl, factory } : undefined;
}

type KeyedUse = { handler: TS.Node; name: string; node: TS.Node; writes: boolean };

const serverKeyedMemo = new WeakMap<SessionFacts, Map<KeyedServer['decl'], KeyedUse[]>>();

/**
 * Per server (registeredServer), every use the handlers registered on it make of state keyed by
 * it (keyedUses), each with the state's name and whether it writes it.
 */
function serverKeyedUses(facts: SessionFacts): Map<KeyedServer['decl'], KeyedUse[]> {
  let found = serverKeyedMemo.get(facts);
  if (found) return found;
  found = new Map();
  serverKeyedMemo.set(facts, found);
  for (const r of facts.registrations) {
    const server = registeredServer(facts, r);
    if (!server) continue;
    const list = found.get(server.decl) ?? found.set(server.decl, []).get(server.decl)!;
    for (const use of keyedUses(facts, r.handler!.body!, server.decl, (server.decl.name as TS.Identifier).text, true)) list.push({ handler: r.handler!, ...use });
  }
  return found;
}

/**
 * The uses a body makes of state kept under `server` (a variable or parameter), in order: an
 * entry of a module-level Map or WeakMap keyed by it or by its `.server` (a `set` or `delete`, an
 * entry changed in place, also through a local it is taken into, or read back only to be set
 * again, `m.set(s, [...(m.get(s) ?? []), x])`, is a write; any other use a read), a member of it
 * or of an alias of it (`const a = s as any`: `a.turns.push(t)` a write, `(s as any).turns` a
 * read), and with `helpers`, a function of the file handed it (`stateOf(s)`), one use at the
 * call, a write where the function writes or the call's result is changed. What only makes the
 * entry or member on first use (`if (!m.has(s)) m.set(s, {...})`, `a.turns ??= []`) is neither.
 */
function keyedUses(facts: SessionFacts, body: TS.Node, server: KeyedServer['decl'], label: string, helpers: boolean): Array<Omit<KeyedUse, 'handler'>> {
  const isServer = (e: TS.Node): boolean => {
    const x = unwrap(e);
    const decl = ts.isIdentifier(x) ? resolveIdentifier(x) : undefined;
    if (decl === server) return true;
    // An alias of it (`const a = s as any`).
    const alias = decl && ts.isVariableDeclaration(decl) && decl.initializer && enclosingFunction(decl) ? unwrap(decl.initializer) : undefined;
    return !!alias && ts.isIdentifier(alias) && resolveIdentifier(alias) === server;
  };
  // The server, or the low-level Server inside it (`s.server`).
  const isKey = (e: TS.Node) => {
    const x = unwrap(e);
    return isServer(x) || (ts.isPropertyAccessExpression(x) && x.name.text === 'server' && isServer(x.expression));
  };
  // A call of a module-level Map or WeakMap keyed by the server: the map's name.
  const mapCall = (n: TS.Node, methods: RegExp): string | undefined => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(unwrap(n.expression))) return undefined;
    const callee = unwrap(n.expression) as TS.PropertyAccessExpression;
    if (!methods.test(callee.name.text) || !n.arguments[0] || !isKey(n.arguments[0])) return undefined;
    const map = unwrap(callee.expression);
    const decl = ts.isIdentifier(map) ? resolveIdentifier(map) : undefined;
    const init = decl && isModuleVariable(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
    return init && ts.isNewExpression(init) && /^(Map|WeakMap)$/.test(calleeName(init) ?? '') ? (map as TS.Identifier).text : undefined;
  };
  const inside = (node: TS.Node, around: TS.Node) => node.pos >= around.pos && node.end <= around.end;
  // A local set to the map's entry (`const st = m.get(s)`, `let st = m.get(s)`).
  const entryLocal = (x: TS.Node, name: string) => {
    const decl = ts.isIdentifier(x) ? resolveIdentifier(x) : undefined;
    return !!decl && ts.isVariableDeclaration(decl) && !!decl.initializer && someNode(decl.initializer, (g) => mapCall(g, /^get$/) === name);
  };
  // The first fill of the entry: an `if` around the use that tests it is not there yet, and sets
  // it to nothing the call was handed (`if (!m.has(s)) m.set(s, { turns: [] })`, or the local the
  // entry was taken into, made anew: not `[text]`).
  const fn = body.parent as TS.FunctionLikeDeclaration;
  const handed = (value: TS.Expression | undefined, name: string) => !!value && !entryLocal(unwrap(value), name) && fromParameters(value, fn, helpers);
  const firstFill = (n: TS.CallExpression, name: string, set: boolean) =>
    !!findAncestor(n, (a): a is TS.IfStatement => {
      if (!ts.isIfStatement(a) || !inside(a, body)) return false;
      if (set) return inside(n, a.thenStatement) && !handed(n.arguments[1], name) && someNode(a.expression, (x) => mapCall(x, /^(has|get)$/) === name || entryLocal(x, name));
      return inside(n, a.expression) && someNode(a.thenStatement, (x) => mapCall(x, /^set$/) === name);
    });
  // Read only to be set again: inside the value of a set of the same map, itself or through a local set only there.
  const setsBack = (n: TS.Node, name: string) => {
    const inSet = (x: TS.Node) => !!findAncestor(x, (a): a is TS.CallExpression => mapCall(a, /^set$/) === name && !!(a as TS.CallExpression).arguments[1] && inside(x, (a as TS.CallExpression).arguments[1]));
    if (inSet(n)) return true;
    const local = findAncestor(n, (a): a is TS.VariableDeclaration => ts.isVariableDeclaration(a) || ts.isStatement(a));
    const scope = local && ts.isVariableDeclaration(local) && ts.isIdentifier(local.name) ? enclosingFunction(local) : undefined;
    const refs = scope ? referencesTo(scope, local as TS.VariableDeclaration & { name: TS.Identifier }) : [];
    return refs.length > 0 && refs.every(inSet);
  };
  const found: Array<Omit<KeyedUse, 'handler'>> = [];
  walk(body, (n) => {
    const name = mapCall(n, /^(get|set|has|delete)$/);
    if (name) {
      const call = n as TS.CallExpression;
      const method = (unwrap(call.expression) as TS.PropertyAccessExpression).name.text;
      if (!firstFill(call, name, method === 'set')) found.push({ name, node: n, writes: method === 'set' || method === 'delete' || changedWhereUsed(call) || (method === 'get' && setsBack(call, name)) });
      return undefined;
    }
    // A member of the server (`(s as any).turns`, `a.turns` of an alias); not its own API (a method
    // called, `onclose`, the low-level `server`).
    if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && isServer(n.expression)) {
      const member = ts.isPropertyAccessExpression(n) ? n.name.text : constantString(n.argumentExpression);
      const whole = outermost(n);
      const parent = whole.parent;
      if (member === undefined || /^(on\w+|server)$/.test(member) || (ts.isCallExpression(parent) && parent.expression === whole)) return undefined;
      const set = isAssignment(parent) && parent.left === whole;
      // (A member made on first use, `a.turns ??= []`, is neither.)
      if (set && /^(\?\?|\|\|)=$/.test(parent.operatorToken.getText())) return undefined;
      const writes = set || ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) && /\+\+|--/.test(parent.getText())) || someChangeOf(n);
      found.push({ name: `${label}.${member}`, node: n, writes });
      return undefined;
    }
    // A function of the file handed the server (`stateOf(s)`).
    if (helpers && ts.isCallExpression(n)) {
      const index = n.arguments.findIndex((a) => isKey(a));
      const helper = index >= 0 ? calledHelper(facts, n) : undefined;
      const param = helper?.body ? helper.parameters[index] : undefined;
      if (param && ts.isIdentifier(param.name)) {
        const inner = keyedUses(facts, helper!.body!, param, label, false);
        if (inner.length > 0) found.push({ name: inner[0].name, node: n, writes: inner.some((u) => u.writes) || changedWhereUsed(n) });
      }
    }
    return undefined;
  });
  return found;
}

/** Whether what a call returns is changed in place where it is used (someChangeOf), also through a local it is kept in (`const st = m.get(s)!; st.turns.push(t)`). */
function changedWhereUsed(call: TS.CallExpression): boolean {
  if (someChangeOf(call)) return true;
  const held = outermost(call).parent;
  if (!ts.isVariableDeclaration(held) || held.initializer !== outermost(call) || !ts.isIdentifier(held.name)) return false;
  const scope = enclosingFunction(held);
  return !!scope && referencesTo(scope, held as TS.VariableDeclaration & { name: TS.Identifier }).some((ref) => someChangeOf(ref));
}

/** Whether what a call returns is changed in place where it is used (`f(x).turns.push(t)`, `m.get(k)!.n += 1`). */
function someChangeOf(call: TS.Node): boolean {
  let at: TS.Node = call;
  while ((ts.isNonNullExpression(at.parent) || ts.isParenthesizedExpression(at.parent) || ts.isPropertyAccessExpression(at.parent) || ts.isElementAccessExpression(at.parent)) && (at.parent as TS.Expression & { expression: TS.Node }).expression === at) at = at.parent;
  if (at === call) return false;
  const parent = at.parent;
  if (isAssignment(parent) && parent.left === at) return true;
  if ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) && /\+\+|--/.test(parent.getText())) return true;
  // (A list or set filled in place, `.turns.push(x)`; not a method of a client the entry holds,
  // `.db.set(id, v)` on a shared store, review 93 point 1.)
  return ts.isPropertyAccessExpression(at) && ts.isCallExpression(parent) && parent.expression === at && (/^(push|unshift|splice|add)$/.test(at.name.text) || (at.name.text === 'set' && unwrap(at.expression) === call));
}

/**
 * What a handler's state that is an entry of a module-level collection (ScopedState.entry) lasts:
 * as long as the process, found under the key the server was built with; by the MCP session id,
 * none a 2026-07-28 request carries.
 */
function entryLasts(scoped: ScopedState, facts: SessionFacts): string {
  const { collection, via, key } = scoped.entry!;
  const bySession = !!key && facts.isSessionId(key);
  const found = bySession ? ', under the MCP session id, which 2026-07-28 requests do not carry' : key && ts.isStringLiteralLike(unwrap(key)) ? ', under one key every caller shares' : '';
  return `an entry of the module-level ${collection} (${codeSnippet(via, 40)} in ${scoped.factory})${found}: it lasts as long as this process, so a call that reaches another instance finds another or none`;
}

/**
 * What to do with state made with the server that a handler keeps or reads: a tool's call takes a
 * handle; a prompt's or resource's handler, or a list handler (a proxy's tools/list filling the
 * map its tools/call reads), has no handle to take, only the name or URI its request carries.
 */
function scopedAdvice(registration: Registration, state: ScopedState): string {
  if (registration.kind === 'tool' && !registration.method?.endsWith('/list') && !state.byLists) return 'keep it in a shared store under a handle the tool takes';
  const family = registration.method?.split('/')[0];
  const named = registration.kind === 'prompt' || family === 'prompts' ? "the prompt's name" : registration.kind === 'resource' || family === 'resources' ? "the resource's URI" : "the tool's name";
  return `work it out again in each request from what that request names (${named}: list again, or look it up in a shared store under it)`;
}

/**
 * The server-scoped variables a handler changes, each at its first change, then those it reads
 * where another handler changes them (`history_summary` reading what `calculate` pushed), each at
 * its first read: every one, so that one finding names them all (trial 78A B7: `counter` alone,
 * then `notes` once the counter was gone).
 */
function serverScopedStates(facts: SessionFacts, handler: TS.FunctionLikeDeclaration, registration: Registration): ScopedState[] {
  const found = changedScopedState(facts, handler, registration);
  const changedElsewhere = changedInFile(facts);
  if (changedElsewhere.size === 0) return found;
  walk(handler.body!, (node) => {
    if (ts.isIdentifier(node) && !isPropertyName(node)) {
      const state = scopedVariable(node, node, handler, registration, facts);
      if (state && changedElsewhere.has(state.decl) && !found.some((f) => f.decl === state.decl)) found.push({ ...state, read: true, byLists: changedElsewhere.get(state.decl) });
    }
    return undefined;
  });
  return found;
}

/**
 * Whether a module-level variable is a setting one call can change for the next (`let
 * currentContext = 'default'`): a `let` that starts as a plain value, an object, null or unset. A
 * collection as a whole is none: one keyed by a handle the tools take is what 2026-07-28 asks for
 * (terminal sessions by terminal id), and what a tool finds in it by that handle is the store's to
 * share; an entry under a key no handle names is a setting all the same (see keptEntry). A `let`
 * with no value (`let db`) is one too: moduleUses leaves out the lazily made client (`db ??= ...`).
 */
function isSetting(decl: TS.VariableDeclaration): boolean {
  if (!ts.isIdentifier(decl.name)) return false;
  if (!(decl.parent.flags & ts.NodeFlags.Let) || namedOwnState(decl.name.text)) return false;
  // Unset until a tool sets it (`let currentPage: { url: string } | undefined;`, `= null`), or a
  // plain value or object to start with: a setting. Only what a tool sets from its caller's
  // arguments counts (moduleUses), so a client made lazily (`client ??= connect()`) is none.
  if (!decl.initializer) return true;
  const init = unwrap(decl.initializer);
  return ts.isStringLiteralLike(init) || ts.isNumericLiteral(init) || init.kind === ts.SyntaxKind.TrueKeyword || init.kind === ts.SyntaxKind.FalseKeyword || isNullish(init) || ts.isObjectLiteralExpression(init);
}

/**
 * Where a body first reads each of some module-level variables, in document order (the first
 * entry is its first read of any of them): identifiers named like one (only those are resolved),
 * or like a slot of the tools' factory `handed` one, not a property's name nor one of `skip`
 * (what the body writes). `firstOnly` stops at the first.
 */
function firstReads(
  body: TS.Node,
  decls: ReadonlySet<TS.VariableDeclaration> | ReadonlyMap<TS.VariableDeclaration, unknown>,
  skip?: ReadonlySet<TS.Node>,
  firstOnly = false,
  handed?: { names: ReadonlySet<string>; facts: SessionFacts },
): Map<TS.VariableDeclaration, TS.Identifier> {
  const found = new Map<TS.VariableDeclaration, TS.Identifier>();
  if (decls.size === 0) return found;
  const names = new Set([...[...decls.keys()].map((d) => (d.name as TS.Identifier).text), ...(handed?.names ?? [])]);
  walk(body, (node) => {
    if (firstOnly && found.size > 0) return false;
    if (!ts.isIdentifier(node) || !names.has(node.text) || isPropertyName(node) || skip?.has(node)) return undefined;
    const named = resolveIdentifier(node);
    const decl = (named && !ts.isVariableDeclaration(named) ? handed && boundAt(node, handed.facts)?.decl : named) as TS.VariableDeclaration | undefined;
    if (decl && decls.has(decl) && !found.has(decl)) found.set(decl, node);
    return undefined;
  });
  return found;
}

/** Whether a value is taken from the handler's own arguments: its first parameter or names bound from its parameters, not the context after them. */
const fromArguments = (value: TS.Node, handler: TS.FunctionLikeDeclaration): boolean => fromParameters(value, handler, true);

/**
 * Where a key is who the caller is, the expression that says so: the authenticated principal the SDK
 * hands each handler (`extra.authInfo.clientId`, v2's `ctx.http.authInfo`, `{ authInfo }` taken from
 * the context), or a header of the request other than the session's
 * (`extra.requestInfo.headers['x-client-id']`), also through a local of the handler made from it
 * (`const user = extra.authInfo?.clientId ?? 'anon'`). Each user's entries are as much this
 * process's as a caller-named key's: the user's next call may reach another instance (trial 72B B1).
 */
export function identityKey(key: TS.Node, fn: TS.FunctionLikeDeclaration, depth = 2): TS.Node | undefined {
  let found: TS.Node | undefined;
  const inFn = (decl: TS.Node) => decl.pos >= fn.pos && decl.end <= fn.end;
  walk(key, (n) => {
    if (found) return false;
    if (ts.isIdentifier(n) && !isPropertyName(n)) {
      const decl = resolveIdentifier(n);
      if (!decl || !inFn(decl)) return undefined;
      // `{ authInfo }` taken from the handler's context, or a local made from the principal.
      if (n.text === 'authInfo' && (ts.isParameter(decl) || ts.isBindingElement(decl))) {
        let top: TS.Node = n;
        while ((ts.isPropertyAccessExpression(top.parent) || ts.isElementAccessExpression(top.parent) || ts.isNonNullExpression(top.parent)) && top.parent.expression === top) top = top.parent;
        found = top;
      }
      else if (depth > 0 && ts.isVariableDeclaration(decl) && decl.initializer && !ts.isParameter(decl.parent)) {
        const via = identityKey(decl.initializer, fn, depth - 1);
        if (via) found = via;
      }
      return undefined;
    }
    if (!ts.isPropertyAccessExpression(n) || accessChainTop(n) !== n) return undefined;
    // The outermost access of a chain from a parameter or local of the handler.
    const root = accessRoot(n);
    const rootDecl = ts.isIdentifier(root) ? resolveIdentifier(root) : undefined;
    if (!rootDecl || !inFn(rootDecl)) return undefined;
    const names: string[] = [];
    for (let a: TS.Node = n; ts.isPropertyAccessExpression(a) || ts.isElementAccessExpression(a) || ts.isNonNullExpression(a); a = a.expression) if (ts.isPropertyAccessExpression(a)) names.push(a.name.text);
    if (names.includes('authInfo')) found = n;
    return undefined;
  });
  if (found) return found;
  // Through a function of the file handed the context (`keyFor(extra)` returning
  // `extra.authInfo?.clientId ?? 'anon'`, trial 74B B3): the call stands for the key.
  if (depth > 0) {
    walk(key, (n) => {
      if (found) return false;
      if (!ts.isCallExpression(n) || n.arguments.length === 0) return undefined;
      // (A function by name or a module-level object's method, `who.of(extra)`; async ones too,
      // `await ownerOf(extra)`; its own locals followed a step: review 93 point 10.)
      const helper = resolveFunction(n.expression) ?? moduleObjectMethod(n);
      if (!helper || helper === fn || helper.getSourceFile() !== fn.getSourceFile()) return undefined;
      const handsContext = n.arguments.some((a) => {
        const x = unwrap(a);
        const d = ts.isIdentifier(x) ? resolveIdentifier(x) : undefined;
        return !!d && inFn(d);
      });
      if (handsContext && returnedExpressions(helper).some((e) => identityKey(e, helper, 1) !== undefined)) found = n;
      return undefined;
    });
    if (found) return found;
  }
  // A header other than the session's: `extra.requestInfo?.headers['x-client-id']`, `.headers.get('x-user')`.
  walk(key, (n) => {
    if (found) return false;
    const header = ts.isElementAccessExpression(n) ? n.argumentExpression : ts.isCallExpression(n) && calleeName(n) === 'get' && n.arguments.length === 1 ? n.arguments[0] : undefined;
    const name = header && constantString(header);
    const headers = ts.isElementAccessExpression(n) ? n.expression : ts.isCallExpression(n) ? calleeReceiver(n) : undefined;
    const chain = headers && accessChain(headers);
    if (name && !/^mcp-session-id$/i.test(name) && chain && /\.requestInfo\.headers$/.test(chain)) {
      const root = accessRoot(headers);
      const rootDecl = ts.isIdentifier(root) ? resolveIdentifier(root) : undefined;
      if (rootDecl && inFn(rootDecl)) found = n;
    }
    return undefined;
  });
  return found;
}

/**
 * A logical assignment (`pool ??= v`, `url ||= v`, `x &&= v`): a set whose value is `v`, whenever it
 * runs. Made from what the caller passed (`pool ??= new pg.Pool({ connectionString: url })`), it is
 * the first caller's setting, as `if (!pool) pool = ...` is (trial 72B B8); made from constants or
 * the environment (`db ??= connect()`), it is a lazy set-up, which fromArguments leaves out.
 */
function logicalAssignment(at: TS.Node): boolean {
  if (!ts.isBinaryExpression(at)) return false;
  const op = at.operatorToken.kind;
  return op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken || op === ts.SyntaxKind.AmpersandAmpersandEqualsToken;
}

/**
 * Per module-level variable, the handlers that change it and those that read it (each at its first
 * place), and what the variable is to a message: a setting, or a Map, Set or object whose entries
 * serve as settings.
 */
type ModuleUses = Map<TS.VariableDeclaration, { changed: Map<TS.Node, TS.Node>; read: Map<TS.Node, TS.Node>; noun?: string }>;

const moduleUseByFile = new WeakMap<SessionFacts, ModuleUses>();

/**
 * Whether a key names the same entry on every call of a handler: made of constants and of names
 * declared outside the handler (`'workingDir'`, `` `workingDir:${tenantId}` `` with the tenant the
 * server was built for), not of the call's arguments (`basket_id`), its locals or a call
 * (`randomUUID()`): an entry no handle the caller sends picks.
 */
function fixedKey(key: TS.Expression, handler: TS.FunctionLikeDeclaration, depth = 1): boolean {
  if (constantString(key) !== undefined) return true;
  let fixed = true;
  walk(key, (n) => {
    if (!fixed) return false;
    // A function of the file handed nothing that answers such a key (`tenantOf()` returning
    // `process.env.TENANT ?? 'default'`, trial 74B B3), as the same key written in place is.
    if (ts.isCallExpression(n) && n.arguments.length === 0 && depth > 0) {
      // (A function of the module's top level, which changes nothing to answer: not one inside the
      // handler closing over its arguments, nor a counter's `++seq`, review 93 points 8 and 9.)
      // (Also a module-level object's method, `keys.shard()`: review 93 point 10.)
      const fn = resolveFunction(n.expression) ?? moduleObjectMethod(n);
      const topLevel = !!fn && fn !== handler && fn.getSourceFile() === handler.getSourceFile() && !enclosingFunction(fn) && !someNode(fn, (x) => isStep(x) || isAssignment(x));
      const returned = topLevel ? returnedExpressions(fn!) : [];
      if (returned.length > 0 && returned.every((e) => fixedKey(e, fn!, depth - 1))) return false;
      fixed = false;
    } else if (ts.isAwaitExpression(n) && depth > 0 && ts.isCallExpression(unwrap(n.expression))) {
      // `await zoneOf()`: the call is judged (review 93 point 10).
      return undefined;
    } else if (ts.isCallExpression(n) || ts.isNewExpression(n) || ts.isAwaitExpression(n) || isFunctionLike(n)) fixed = false;
    else if (ts.isIdentifier(n) && !isPropertyName(n)) {
      const decl = resolveIdentifier(n);
      // A const of the helper judged (`fn` here), computed in it (`const region = process.env.REGION
      // ?? 'eu'; return region`): its value is the key; a local of the handler may hold an argument.
      const helperConst = depth === 0 && !!decl && ts.isVariableDeclaration(decl) && isConstDeclaration(decl) && !!decl.initializer && enclosingFunction(decl) === handler;
      if (helperConst) fixed = fixedKey((decl as TS.VariableDeclaration).initializer!, handler, 0);
      else if (decl && decl.pos >= handler.pos && decl.end <= handler.end) fixed = false;
    }
    return undefined;
  });
  return fixed;
}

/**
 * An entry a handler changes in a module-level Map, Set or object (`settings.set(key, path)`,
 * `enabled.add(name)`, `state.dir = path`, `state[key] = v`): the collection's identifier there,
 * whether the key is the same on every call (fixedKey; a Set's element is no key), and the value
 * stored (none for a removal or a step).
 */
function keptEntry({ target, at, how }: Change, handler: TS.FunctionLikeDeclaration): { root: TS.Identifier; fixed: boolean; value?: TS.Expression } | undefined {
  let t = unwrap(target);
  if (how === 'mutate') {
    // A Map or Set that is a member of the module-level object (`ctx.pages.set('current', [url])`,
    // trial 43A: a context object handed to the tools): an entry of the object's.
    // (Only an object that holds collections alone: a read of another member, a constant, meets no write.)
    if (ts.isPropertyAccessExpression(t) && ts.isIdentifier(unwrap(t.expression)) && /^(set|add|delete|clear)$/.test(calleeName(at as TS.CallExpression) ?? '') && holdsCollectionsOnly(unwrap(t.expression) as TS.Identifier)) t = unwrap(t.expression);
    if (!ts.isIdentifier(t)) return undefined;
    const call = at as TS.CallExpression;
    const name = calleeName(call);
    // `Object.assign(state, { url })` (objectAssigns): entries under the names the sources give, the
    // same on every call, and what they hold comes from the sources (the call's other arguments).
    if (isObjectAssign(call)) return { root: t, fixed: true, value: call };
    if (name === 'set' && call.arguments.length === 2) return { root: t, fixed: fixedKey(call.arguments[0], handler), value: call.arguments[1] };
    if (name === 'add' && call.arguments.length === 1) return { root: t, fixed: true, value: call.arguments[0] };
    return { root: t, fixed: false };
  }
  if (!(ts.isPropertyAccessExpression(t) || ts.isElementAccessExpression(t)) || !ts.isIdentifier(unwrap(t.expression))) return undefined;
  const fixed = ts.isPropertyAccessExpression(t) || fixedKey(t.argumentExpression, handler);
  return { root: unwrap(t.expression) as TS.Identifier, fixed, value: how === 'set' || logicalAssignment(at) ? (at as TS.BinaryExpression).right : undefined };
}

/** A call of `Object.assign(target, ...sources)` with at least one source. */
function isObjectAssign(call: TS.CallExpression): boolean {
  const callee = unwrap(call.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'assign' && ts.isIdentifier(unwrap(callee.expression)) && (unwrap(callee.expression) as TS.Identifier).text === 'Object' && call.arguments.length >= 2;
}

/**
 * The `Object.assign(state, { url })` calls of a body, as changes of their target in place:
 * changesIn knows only a collection's own methods, and this sets a module-level object's entries
 * as `state.url = url` does (trial 72B B8).
 */
function objectAssigns(body: TS.Node): Change[] {
  const found: Change[] = [];
  walk(body, (node) => {
    if (ts.isCallExpression(node) && isObjectAssign(node)) found.push({ target: node.arguments[0], at: node, how: 'mutate' });
    return undefined;
  });
  return found;
}

/** Whether a module-level object holds only collections, made empty (`{ pages: new Map() }`, holdsEmptyCollection). */
function holdsCollectionsOnly(name: TS.Identifier): boolean {
  const decl = moduleVariableOf(name);
  const init = decl?.initializer ? unwrap(decl.initializer) : undefined;
  return !!init && ts.isObjectLiteralExpression(init) && init.properties.length > 0 && init.properties.every(holdsEmptyCollection);
}

/**
 * The uses in a body of the named collections that pick an entry by a key the call chooses
 * (`baskets.get(basket_id)`, `cache.has(url)`, `notes[id]`): a handle's lookup, no read of a setting.
 */
function keyedLookups(body: TS.Node, names: ReadonlySet<string>, handler: TS.FunctionLikeDeclaration): Set<TS.Node> {
  const found = new Set<TS.Node>();
  walk(body, (n) => {
    if (!ts.isIdentifier(n) || !names.has(n.text) || isPropertyName(n)) return undefined;
    const access = n.parent;
    let key: TS.Expression | undefined;
    if (ts.isElementAccessExpression(access) && access.expression === n) key = access.argumentExpression;
    else if (ts.isPropertyAccessExpression(access) && access.expression === n && /^(get|has)$/.test(access.name.text) && ts.isCallExpression(access.parent) && access.parent.expression === access) key = access.parent.arguments[0];
    if (key && !fixedKey(key, handler)) found.add(n);
    return undefined;
  });
  return found;
}

/**
 * An instance of a store class of this file kept in a Map field of its own (`const storage = new
 * InMemoryStorage()`, whose `set(key, value)` does `this.data.set(key, value)`): its get and set are
 * the Map's, in this process. What it is to a message (`InMemoryStorage (a Map in this process)`).
 * A store class of another module may be anything behind its get and set (a Redis client).
 */
function mapStoreOf(decl: TS.VariableDeclaration): string | undefined {
  const init = decl.initializer && unwrap(decl.initializer);
  const made = init && ts.isNewExpression(init) && ts.isIdentifier(init.expression) ? resolveIdentifier(init.expression) : undefined;
  if (!made || !ts.isClassDeclaration(made) || !made.name) return undefined;
  const maps = new Set(made.members.flatMap((m) => (ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.initializer && ts.isNewExpression(unwrap(m.initializer)) && calleeName(unwrap(m.initializer) as TS.NewExpression) === 'Map' ? [m.name.text] : [])));
  const set = made.members.find((m): m is TS.MethodDeclaration => ts.isMethodDeclaration(m) && propertyNameText(m.name) === 'set' && m.parameters.length >= 2);
  if (maps.size === 0 || !set?.body) return undefined;
  const [key, value] = set.parameters.map((p) => p.name.getText());
  let writes = false;
  walk(set.body, (n) => {
    if (writes || !ts.isCallExpression(n) || calleeName(n) !== 'set' || n.arguments.length !== 2) return undefined;
    const field = calleeReceiver(n);
    const own = !!field && ts.isPropertyAccessExpression(field) && field.expression.kind === ts.SyntaxKind.ThisKeyword && maps.has(field.name.text);
    writes = own && n.arguments[0].getText() === key && n.arguments[1].getText() === value;
    return undefined;
  });
  return writes ? `${made.name.text} (a Map in this process)` : undefined;
}

const keptByFile = new WeakMap<SessionFacts, Map<TS.VariableDeclaration, string>>();

/**
 * The file's module-level Maps, Sets and objects and its Map-backed stores (mapStoreOf), each with
 * what it is to a message: not a cache, nor one keyed by the session id (session-state's).
 */
function keptCollections(facts: SessionFacts): Map<TS.VariableDeclaration, string> {
  let kept = keptByFile.get(facts);
  if (!kept) keptByFile.set(facts, (kept = new Map([...collectionsOf(facts)].filter(([d]) => !namedOwnState((d.name as TS.Identifier).text)))));
  return kept;
}

const collectionsByFile = new WeakMap<SessionFacts, Map<TS.VariableDeclaration, string>>();

/** keptCollections, caches and memos too (by their names: handleStoreUses asks what their keys are). */
function collectionsOf(facts: SessionFacts): Map<TS.VariableDeclaration, string> {
  let kept = collectionsByFile.get(facts);
  if (kept) return kept;
  kept = new Map();
  collectionsByFile.set(facts, kept);
  const sessionKeyed = new Set(facts.collections.filter((c) => c.sessionKeyed).map((c) => c.decl));
  for (const statement of facts.sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      const kind = collectionKind(d) ?? mapStoreOf(d);
      if (kind && kind !== 'array' && ts.isIdentifier(d.name) && !sessionKeyed.has(d)) kept.set(d, kind);
    }
  }
  return kept;
}

function moduleUses(facts: SessionFacts): ModuleUses {
  let uses = moduleUseByFile.get(facts);
  if (uses) return uses;
  uses = new Map();
  moduleUseByFile.set(facts, uses);
  // The file's module-level settings, and its Maps, Sets and objects (keptCollections): only
  // identifiers named like one are resolved below.
  const settings = new Set<TS.VariableDeclaration>();
  for (const statement of facts.sourceFile.statements) {
    if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) if (isSetting(d)) settings.add(d);
  }
  const kept = keptCollections(facts);
  const all = new Set([...settings, ...kept.keys()]);
  if (all.size === 0) return uses;
  const names = new Set([...all].map((d) => (d.name as TS.Identifier).text));
  const keptNames = new Set([...kept.keys()].map((d) => (d.name as TS.Identifier).text));
  const candidate = (n: TS.Node) => ts.isIdentifier(unwrap(n)) && names.has((unwrap(n) as TS.Identifier).text);
  const entry = (decl: TS.VariableDeclaration) => {
    let e = uses!.get(decl);
    if (!e) uses!.set(decl, (e = { changed: new Map(), read: new Map(), ...(settings.has(decl) ? {} : { noun: kept.get(decl) }) }));
    return e;
  };
  for (const r of facts.registrations) {
    const handler = r.handler;
    if (!handler?.body) continue;
    // A setting is set to what the caller chose (`currentContext = name`, `name` an argument of the
    // tool). A token fetched lazily (`apiToken = await login()`), a lock (`busy = true`) and a
    // counter's `+= 1` are the instance's own, not the caller's choice: not judged here, and what
    // a handler writes so is no read of a setting either. So is an entry of a Map, Set or object
    // set under a key every call names alike (`settings.set('workingDir', path)`): one under a
    // handle the caller sends (`baskets.set(basket_id, items)`) is a store's, and a write all the same.
    const changes = keptNames.size > 0 ? keyedLookups(handler.body, keptNames, handler) : new Set<TS.Node>();
    // What a protocol handler sets from its request (initialize's clientInfo) is no tool's setting: the handshake's own findings say it.
    for (const change of r.kind === 'request' ? [] : [...changesIn(handler.body), ...objectAssigns(handler.body)]) {
      const { target, at, how } = change;
      const root = accessRoot(target);
      if (!candidate(root)) continue;
      const decl = moduleVariableOf(root);
      if (!decl || !all.has(decl)) continue;
      let value: TS.Expression | undefined;
      // What the tool itself starts afresh (`board = []` in new_game, `phase = 'playing'`, trial
      // 39A: startsAfresh, which leaves out a lock and a lazy set-up) is the caller's game as much
      // as what it chose.
      let started = false;
      if (ts.isIdentifier(unwrap(target)) && how !== 'mutate') {
        // (Nor one the call sets back to what it was when it began, whatever it set: no later call finds it changed.)
        if (!settings.has(decl) || restoredToCopy(handler.body, decl)) continue;
        changes.add(unwrap(target));
        if (how === 'set' || logicalAssignment(at)) value = (at as TS.BinaryExpression).right;
        started = how === 'set' && !!value && startsAfresh(value, decl, at, handler.body);
      } else if (settings.has(decl) && !kept.has(decl)) {
        // What a setting holds, changed with what the caller passed (`board.push(cell)`, `board[i] = cell`).
        changes.add(unwrap(root));
        value = storedValue(at, how);
      } else {
        const item = kept.has(decl) ? keptEntry(change, handler) : undefined;
        if (!item) continue;
        changes.add(item.root);
        if (item.fixed) value = item.value;
      }
      if (!started && (!value || !fromArguments(value, handler))) continue;
      const e = entry(decl);
      if (!e.changed.has(handler)) e.changed.set(handler, at);
    }
    for (const [decl, node] of firstReads(handler.body, all, changes)) {
      const e = entry(decl);
      if (!e.read.has(handler)) e.read.set(handler, node);
    }
  }
  return uses;
}

/**
 * A process-wide slot an access names, with what it is to a message: an environment variable of
 * the process (`process.env.TARGET_URL`, `process.env['TARGET_URL']`) or a property of its globals
 * (`globalThis.targetUrl`, `(globalThis as any).targetUrl`). Either lasts as long as the process,
 * as a module-level `let` does (trial 72B B8).
 */
function processWideSlot(node: TS.Node): { name: string; noun: string } | undefined {
  const n = unwrap(node);
  if (!ts.isPropertyAccessExpression(n) && !ts.isElementAccessExpression(n)) return undefined;
  const key = ts.isPropertyAccessExpression(n) ? n.name.text : constantString(n.argumentExpression);
  if (key === undefined) return undefined;
  if (isProcessEnv(n.expression)) return { name: `process.env.${key}`, noun: 'environment variable of this process' };
  const global = globalsProperty(n);
  return global === undefined ? undefined : { name: `globalThis.${global}`, noun: 'global of this process' };
}

/** `process.env` of Node (not a `process` of the file's own). */
function isProcessEnv(node: TS.Node): boolean {
  const n = unwrap(node);
  if (!ts.isPropertyAccessExpression(n) || n.name.text !== 'env') return false;
  const base = unwrap(n.expression);
  return ts.isIdentifier(base) && base.text === 'process' && !resolveIdentifier(base);
}

/**
 * Per process-wide slot (processWideSlot, by its name), what moduleUses tells of a module-level
 * setting: the handlers that set it to what their caller passed (`process.env.TARGET_URL = url`,
 * `globalThis.apiKey ??= key`), each at its first such set, and those that read it (also as
 * `const { TARGET_URL } = process.env`). What the server sets from constants or its own
 * environment, and a tool that only reads the environment, leave no call anything to find.
 */
type ProcessWideUses = Map<string, { noun: string; changed: Map<TS.Node, TS.Node>; read: Map<TS.Node, TS.Node> }>;

const processWideByFile = new WeakMap<SessionFacts, ProcessWideUses>();

function processWideUses(facts: SessionFacts): ProcessWideUses {
  let uses = processWideByFile.get(facts);
  if (uses) return uses;
  uses = new Map();
  processWideByFile.set(facts, uses);
  // (A cheap test first: `const g = globalThis as any` at the top, `g.stationId = id` in a tool.)
  if (!/process\.env|global/.test(facts.sourceFile.text)) return uses;
  const entry = (slot: { name: string; noun: string }) => {
    let e = uses!.get(slot.name);
    if (!e) uses!.set(slot.name, (e = { noun: slot.noun, changed: new Map(), read: new Map() }));
    return e;
  };
  for (const r of facts.registrations) {
    const handler = r.handler;
    if (!handler?.body) continue;
    const written = new Set<TS.Node>();
    walk(handler.body, (node) => {
      if (!isAssignment(node)) return undefined;
      const slot = processWideSlot(node.left);
      if (!slot) return undefined;
      written.add(unwrap(node.left));
      const set = node.operatorToken.kind === ts.SyntaxKind.EqualsToken || logicalAssignment(node);
      const e = set && r.kind !== 'request' && fromArguments(node.right, handler) ? entry(slot) : undefined;
      if (e && !e.changed.has(handler)) e.changed.set(handler, node);
      return undefined;
    });
    walk(handler.body, (node) => {
      const n = unwrap(node);
      if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && !written.has(n)) {
        const slot = processWideSlot(n);
        const e = slot && entry(slot);
        if (e && !e.read.has(handler)) e.read.set(handler, n);
      } else if (ts.isVariableDeclaration(n) && ts.isObjectBindingPattern(n.name) && n.initializer && isProcessEnv(n.initializer)) {
        for (const element of n.name.elements) {
          const key = element.propertyName ? propertyNameText(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
          const e = key === undefined ? undefined : entry({ name: `process.env.${key}`, noun: 'environment variable of this process' });
          if (e && !e.read.has(handler)) e.read.set(handler, element);
        }
      }
      return undefined;
    });
  }
  return uses;
}

/**
 * Of the process-wide slots, the first this handler sets from its caller's arguments where another
 * handler reads it (or sets it too), or reads where another sets it: sharedUse for processWideUses.
 * In a low-level tools/call handler (`lowLevel`), also one case that sets it where another case
 * reads it, as caseSharedUse says of a module-level setting.
 */
function sharedProcessWide(facts: SessionFacts, handler: TS.FunctionLikeDeclaration, lowLevel: boolean): { name: string; noun: string; node: TS.Node; read?: boolean; credential?: TS.Node } | undefined {
  for (const [name, use] of processWideUses(facts)) {
    const others = (map: Map<TS.Node, TS.Node>) => [...map.keys()].some((h) => h !== handler);
    // Readers that need what another call left: not a tool that sets the slot itself before it
    // reads it (each tool setting KUBECONFIG for the kubectl it runs, review 92 point 1).
    const needing = [...use.read].filter(([h, readAt]) => !(use.changed.has(h) && use.changed.get(h)!.pos < readAt.pos)).map(([h]) => h);
    // A caller's credential (`process.env.WEATHER_API_KEY = key`): said as keeping one in a module `let` is.
    const credential = namesCredential(name.slice(name.lastIndexOf('.') + 1)) ? use.changed.values().next().value : undefined;
    const at = use.changed.get(handler);
    if (at && needing.some((h) => h !== handler)) return { name, noun: use.noun, node: at, credential };
    const read = use.read.get(handler);
    if (read && needing.includes(handler) && others(use.changed)) return { name, noun: use.noun, node: read, read: true, credential };
    const clause = lowLevel && at ? dispatchCaseOf(at, handler) : undefined;
    const readElsewhere = (n: TS.Node) => {
      if (processWideSlot(n)?.name !== name || (isAssignment(n.parent) && n.parent.left === n)) return false;
      const other = dispatchCaseOf(n, handler);
      return !!other && other !== clause && other.parent === clause!.parent;
    };
    if (clause && someNode(handler.body!, readElsewhere)) return { name, noun: use.noun, node: at!, credential };
  }
  return undefined;
}

/**
 * Whether a key was minted in the handler (`randomUUID()`, a local made from one, `` `note-${counter++}` ``,
 * what a function of the file returns that mints one: `newId()`, trial 27C's `generateSessionId()`):
 * a handle this call makes and hands the client, not one the client chose.
 */
function mintedKey(key: TS.Expression, handler: TS.FunctionLikeDeclaration, depth = 0): boolean {
  let minted = false;
  walk(key, (n) => {
    if (minted || isFunctionLike(n)) return false;
    if (ts.isCallExpression(n) && MINTS_ID.test(calleeName(n) ?? '')) minted = true;
    else if (ts.isCallExpression(n) && depth < 2) {
      const fn = resolveFunction(n.expression);
      if (fn?.body && fn.getSourceFile() === n.getSourceFile() && fn !== handler) minted = returnedExpressions(fn).some((e) => mintedKey(e, fn, depth + 1));
    } else if ((ts.isPostfixUnaryExpression(n) || ts.isPrefixUnaryExpression(n)) && n.operator === ts.SyntaxKind.PlusPlusToken) minted = true;
    else if (ts.isIdentifier(n) && !isPropertyName(n) && depth < 2) {
      const decl = resolveIdentifier(n);
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer && decl.pos >= handler.pos && decl.end <= handler.end) minted = mintedKey(decl.initializer, handler, depth + 1);
    }
    return undefined;
  });
  return minted;
}

/**
 * Whether a key is an id another service minted for this call: read from what the handler awaited
 * (`const session = await res.json()` then `games.set(session.id, ...)`, `const { id } = await
 * api.createRoom()`, trial 37A). The entry is made under it here, as under a minted one: a handle
 * the client gets back and sends again, which only this instance's store knows.
 */
function upstreamKey(key: TS.Expression, handler: TS.FunctionLikeDeclaration, depth = 0): boolean {
  let k = unwrap(key);
  while (ts.isPropertyAccessExpression(k)) k = unwrap(k.expression);
  const holder = declaringVariable(k);
  if (!holder?.initializer || holder.pos < handler.pos || holder.end > handler.end) return false;
  const init = unwrap(holder.initializer);
  if (ts.isAwaitExpression(init)) return true;
  // `const session = data.session` or `const session = data as Session`, where `const data = await res.json()`.
  return depth < 3 && (ts.isPropertyAccessExpression(init) || ts.isIdentifier(init)) && upstreamKey(init, handler, depth + 1);
}

/** Where a module-level store's entries are made (`minted`, per handler) and looked up by a handle (`looked`); `filled`: a route of the file that stores them instead. */
interface HandleStoreUse {
  minted: Map<TS.Node, TS.Node>;
  /** The handlers of `minted` whose key is an id another service answered with (upstreamKey). */
  upstream?: Set<TS.Node>;
  looked: Map<TS.Node, TS.Node>;
  /** Handlers that read every entry (`[...notes.values()]`, `notes.size`, a loop) or empty the store (`notes.clear()`; `clears`). */
  listed: Map<TS.Node, { node: TS.Node; clears: boolean }>;
  /** Handlers that store an entry under a key from their arguments (`notes.set(name, text)`), where the key is no handle. */
  named?: Map<TS.Node, TS.Node>;
  /**
   * For a low-level tools/call handler (one function, a tool per `case`): every place it mints a
   * handle and looks one up, so each tool of it is reported, not the first (trial 46A).
   */
  sites?: Map<TS.Node, Array<{ node: TS.Node; minted: boolean; named?: true }>>;
  /** Per handler of `looked`, the key of its first lookup (namedEntries asks what else the handler does with it). */
  lookedKeys?: Map<TS.Node, TS.Expression>;
  /** Per handler of `named`, the key it stores under (a message names the caller's identity where the key is one: identityKey). */
  namedKeys?: Map<TS.Node, TS.Expression>;
  /** No tool mints the keys: its callers name them, and another tool looks the entries up by the name (namedEntries). */
  callerNamed?: true;
  /** `connection`: what the route stores is a connection open to this process (its own response, kept as an event stream). */
  filled?: { label: string; node: TS.Node; connection?: true };
  /** HTTP routes of the file that read the whole store the tools mint into (a board page, `GET /api/notes`), by label. */
  shown?: string[];
}

/**
 * A store whose entries handlers keep and look up: a module-level Map or object (`notes`), or a
 * Map or object held as a member of a module-level object literal (`store.notes`, puppeteer's
 * `state.screenshots`; trial 63B B1): the member lasts as long as the process just the same.
 */
type StoreDecl = TS.VariableDeclaration | TS.PropertyAssignment;

/** The module-level variable a store is, or the object it is a member of. */
function storeHolder(store: StoreDecl): TS.VariableDeclaration {
  // (Through what the literal is wrapped in: `{ shots: new Map() } as State`.)
  return ts.isPropertyAssignment(store) ? (findAncestor(store, ts.isVariableDeclaration) as TS.VariableDeclaration) : store;
}

/** A store as a message names it: `notes`, or `store.notes` for a member. */
function storeName(store: StoreDecl): string {
  const holder = (storeHolder(store).name as TS.Identifier).text;
  return ts.isPropertyAssignment(store) ? `${holder}.${propertyNameText(store.name)}` : holder;
}

/** The expressions of the file that name a store: its identifier, or for a member `store.notes` (the access). */
function storeReferences(store: StoreDecl): TS.Expression[] {
  const holder = storeHolder(store);
  if (!ts.isIdentifier(holder.name)) return [];
  const refs = referencesTo(holder.getSourceFile(), holder as TS.VariableDeclaration & { name: TS.Identifier });
  if (!ts.isPropertyAssignment(store)) return refs;
  const member = propertyNameText(store.name);
  return refs.flatMap((r) => (ts.isPropertyAccessExpression(r.parent) && r.parent.expression === r && r.parent.name.text === member ? [r.parent] : []));
}

/**
 * The members of a module-level object literal that are Maps or objects of entries (`{ notes: new
 * Map(), docs: {} as Record<string, Doc> }`), by name: stores of their own (StoreDecl). A Set
 * has no entries under a key, and a member of another kind (a constant, a function) is no store.
 */
function memberStores(decl: TS.VariableDeclaration): Map<string, TS.PropertyAssignment> {
  let found = memberStoresMemo.get(decl);
  if (found) return found;
  found = new Map();
  memberStoresMemo.set(decl, found);
  const init = isModuleVariable(decl) && ts.isIdentifier(decl.name) && decl.initializer ? unwrap(decl.initializer) : undefined;
  if (!init || !ts.isObjectLiteralExpression(init)) return found;
  for (const p of init.properties) {
    const name = ts.isPropertyAssignment(p) ? propertyNameText(p.name) : undefined;
    const value = name !== undefined ? unwrap((p as TS.PropertyAssignment).initializer) : undefined;
    if (value && (ts.isObjectLiteralExpression(value) || (ts.isNewExpression(value) && calleeName(value) === 'Map'))) found.set(name!, p as TS.PropertyAssignment);
  }
  return found;
}

const memberStoresMemo = new WeakMap<TS.VariableDeclaration, Map<string, TS.PropertyAssignment>>();

/**
 * The member store `this.items` names in a method of the module-level object literal that holds it
 * (`const store = { items: new Map(), put(k, v) { this.items.set(k, v) } }`, trial 72B B8): the
 * same store as `store.items`, which the methods may as well write. A method, or a function
 * expression a property holds; through the arrows inside it, whose `this` is the method's. The
 * expression that names it is the access (`this.items`).
 */
function thisMemberStore(self: TS.Node, holders: ReadonlySet<TS.VariableDeclaration>): { decl: StoreDecl; ref: TS.Expression } | undefined {
  const access = self.parent;
  if (!ts.isPropertyAccessExpression(access) || access.expression !== self) return undefined;
  let fn = enclosingFunction(self);
  while (fn && ts.isArrowFunction(fn)) fn = enclosingFunction(fn);
  const member = fn && (ts.isMethodDeclaration(fn) ? fn : ts.isFunctionExpression(fn) && ts.isPropertyAssignment(fn.parent) && fn.parent.initializer === fn ? fn.parent : undefined);
  const literal = member?.parent;
  const holder = literal && ts.isObjectLiteralExpression(literal) ? findAncestor(literal, ts.isVariableDeclaration) : undefined;
  if (!holder?.initializer || unwrap(holder.initializer) !== literal || !holders.has(holder)) return undefined;
  const store = memberStores(holder).get(access.name.text);
  return store && { decl: store, ref: access };
}

/** The HTTP routes of the file that read a whole module-level store (`res.json([...notes.values()])`), labelled as runBy labels them. */
function routesListing(decl: StoreDecl): string[] {
  const labels: string[] = [];
  for (const ref of storeReferences(decl)) {
    const whole = wholeCollectionUse(ref);
    const by = whole && !whole.counts ? runBy(ref) : undefined;
    if (by?.kind === 'route' && !labels.includes(by.label)) labels.push(by.label);
  }
  return labels;
}

/**
 * Per module-level Map or object of the file (not a cache, not keyed by the session id): the
 * handlers that store an entry under a handle they mint (`notes.set(randomUUID(), text)`) and
 * those that look one up by a handle from their arguments (`notes.get(id)`). Such a handle names
 * an entry in this process only: the call that brings it back may reach another instance. Also
 * where no tool makes the entries but an HTTP route of the file stores them (an upload `PUT
 * /uploads/:id` a tool redeems by its id, trial 28A, or reads them all: trial 40B's event streams):
 * the upload and the call may reach different instances just the same. And where the keys are
 * named by the callers, not minted (`named`, `callerNamed`: namedEntries).
 */
function handleStoreUses(facts: SessionFacts): Map<StoreDecl, HandleStoreUse> {
  let uses = handleStoreByFile.get(facts);
  if (uses) return uses;
  uses = new Map();
  handleStoreByFile.set(facts, uses);
  // Of them, those an entry is set in by a key (not a Set). Also one named a cache: a store whose
  // keys a tool mints is no cache, whatever its name (trial 54B B3: `cache.set(randomUUID(), body)`
  // for a download tool), as nothing fills a miss again; it counts only so (below).
  const stores = new Map([...collectionsOf(facts)].filter(([, kind]) => kind !== 'Set').map(([d]) => [(d.name as TS.Identifier).text, d]));
  if (stores.size === 0) return uses;
  // The objects of them that hold stores as members (`const store = { notes: new Map() }`, trial
  // 63B B1): `store.notes` is a store of its own, apart from the object's other members.
  const holders = new Set([...stores.values()].filter((d) => memberStores(d).size > 0));
  /**
   * The store an identifier of `fn`'s body names, and the expression that names it: a module-level
   * store (`notes`), or a member store of a holder (`store.notes`), also where a helper of the file
   * is handed the holder as a parameter (`saveShot(state, name)` doing `st.shots.set(name, shot)`).
   */
  const storeAt = (n: TS.Identifier, handed: ReadonlyMap<TS.Node, TS.VariableDeclaration>): { decl: StoreDecl; ref: TS.Expression } | undefined => {
    if (!stores.has(n.text) && handed.size === 0) return undefined;
    const named = resolveIdentifier(n);
    const holder = named && (handed.get(named) ?? (isModuleVariable(named) ? named : undefined));
    if (!holder) return undefined;
    const member = holders.has(holder) && ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n ? memberStores(holder).get(n.parent.name.text) : undefined;
    if (member) return { decl: member, ref: n.parent as TS.PropertyAccessExpression };
    return holder === named && stores.get(n.text) === holder ? { decl: holder, ref: n } : undefined;
  };
  const listHandlers = new Set(facts.registrations.filter(isListHandler).map((r) => r.handler));
  for (const r of facts.registrations) {
    const handler = r.handler;
    if (!handler?.body) continue;
    /**
     * The store accesses of `fn`'s body: the handler's own, then those of the file's helpers it calls
     * (`add(listId, item)`, `store.create()`), reported at the handler's call (`site`). `fromCaller`:
     * whether a key comes from the handler's arguments (in a helper: through its parameters).
     */
    const visit = (body: TS.Node, fn: TS.FunctionLikeDeclaration, fromCaller: (key: TS.Expression) => boolean, site: TS.Node | undefined, depth: number, handed: ReadonlyMap<TS.Node, TS.VariableDeclaration>): void => {
      walk(body, (n) => {
        if (ts.isCallExpression(n) && depth < 2) {
          const helper = calledHelper(facts, n);
          if (helper?.body && helper !== fn && !(helper.pos >= handler.pos && helper.end <= handler.end)) {
            const args = n.arguments;
            const throughParameter = (key: TS.Expression): boolean => {
              const k = unwrap(key);
              const decl = ts.isIdentifier(k) ? resolveIdentifier(k) : undefined;
              const at = decl && ts.isParameter(decl) && decl.parent === helper ? helper.parameters.indexOf(decl) : -1;
              return at >= 0 && at < args.length && fromCaller(args[at]);
            };
            // A holder of member stores handed to the helper (`saveShot(state, name)`): its parameter is that object.
            const handedOn = new Map<TS.Node, TS.VariableDeclaration>();
            helper.parameters.forEach((p, at) => {
              const arg = at < args.length ? unwrap(args[at]) : undefined;
              const named = arg && ts.isIdentifier(arg) ? resolveIdentifier(arg) : undefined;
              const holder = named && (handed.get(named) ?? (isModuleVariable(named) ? named : undefined));
              if (holder && holders.has(holder)) handedOn.set(p, holder);
            });
            visit(helper.body, helper, throughParameter, site ?? n, depth + 1, handedOn);
          }
        }
        // (`this.items` in a method of the holder's literal is `store.items`: thisMemberStore.)
        const found = n.kind === ts.SyntaxKind.ThisKeyword ? thisMemberStore(n, holders) : ts.isIdentifier(n) && !isPropertyName(n) ? storeAt(n, handed) : undefined;
        if (!found) return undefined;
        const { decl, ref } = found;
        // (Its size alone, a count of what is there, is no listing: trial 30C review.)
        const whole = wholeCollectionUse(ref);
        if (whole && !whole.counts) {
          const e = uses!.get(decl) ?? newHandleStoreUse();
          if (!e.listed.has(handler)) e.listed.set(handler, { node: site ?? ref, clears: whole.clears });
          uses!.set(decl, e);
          return undefined;
        }
        const access = ref.parent;
        let key: TS.Expression | undefined;
        let store = false;
        let value: TS.Expression | undefined;
        if (ts.isPropertyAccessExpression(access) && access.expression === ref && ts.isCallExpression(access.parent) && access.parent.expression === access) {
          const method = access.name.text;
          key = access.parent.arguments[0];
          store = method === 'set';
          if (store) value = access.parent.arguments[1];
          if (!/^(get|has|delete|set)$/.test(method)) key = undefined;
        } else if (ts.isElementAccessExpression(access) && access.expression === ref) {
          key = access.argumentExpression;
          store = isAssignment(access.parent) && access.parent.left === access;
          if (store && (access.parent as TS.BinaryExpression).operatorToken.kind === ts.SyntaxKind.EqualsToken) value = (access.parent as TS.BinaryExpression).right;
        }
        // An entry filled in place (trial 73B B3): `notes.get(user)!.push(text)`, `(notes[user] ??=
        // []).push(text)`, `notes[user].at = when`: stored under the key as much as a set is.
        // A get-or-create (`??=`) is a store of that value; a read filled so is a lookup too.
        // (What the caller passed only: a timestamp a rate limiter pushes, or what a call fetched for
        // a memo's inner key, is no data of the caller's, review 92 points 2 and 11.)
        // (Also deeper in the entry, `projects[id].tasks.push(title)`, `Object.assign(projects[id], patch)`,
        // through a local it is held in, `const p = projects[id]; p.tasks.push(title)`, or a count
        // stepped there, `projects[id].done++`, unless the call tests it against a limit: a rate limit; trial 77B B1.)
        const inPlace = key && !value ? filledInPlace(ts.isPropertyAccessExpression(access) ? access.parent : access) : undefined;
        const filled = inPlace && (callerData(inPlace, fn, fromCaller, keyBindings(key!)) || unlimitedStep(inPlace, fn)) ? inPlace : undefined;
        if (store && filled) value = filled;
        if (!key) return undefined;
        const e = uses!.get(decl) ?? newHandleStoreUse();
        const addSite = (minted: boolean, named?: true) => {
          const sites = (e.sites ??= new Map()).get(handler) ?? e.sites.set(handler, []).get(handler)!;
          sites.push({ node: site ?? access, minted, ...(named ? { named } : {}) });
        };
        if (r.method === 'tools/call' && ((store && mintedKey(key, fn)) || (!store && fromCaller(key)))) addSite(store);
        if (store && (mintedKey(key, fn) || upstreamKey(key, fn))) {
          if (!e.minted.has(handler)) e.minted.set(handler, site ?? access);
          if (!mintedKey(key, fn)) (e.upstream ??= new Set()).add(handler);
        } else if (store && fromCaller(key) && ((value && (value === filled || storesCallers(value, key, fn, fromCaller))) || holdsProcesses(decl) || liveObjects(decl))) {
          if (!e.named?.has(handler)) {
            (e.named ??= new Map()).set(handler, site ?? access);
            (e.namedKeys ??= new Map()).set(handler, key);
          }
          if (r.method === 'tools/call') addSite(false, true);
        } else if (!store && fromCaller(key)) {
          if (!e.looked.has(handler)) {
            e.looked.set(handler, site ?? access);
            (e.lookedKeys ??= new Map()).set(handler, key);
          }
          if (filled && !e.named?.has(handler)) {
            (e.named ??= new Map()).set(handler, site ?? access);
            (e.namedKeys ??= new Map()).set(handler, key);
          }
        }
        uses!.set(decl, e);
        return undefined;
      });
    };
    visit(handler.body, handler, (key) => fromArguments(key, handler) || identityKey(key, handler) !== undefined, undefined, 0, new Map());
  }
  for (const [decl, e] of uses) {
    // A handler that looks the caller's key up first and stores what it fetched under the id the
    // service answers with: a read-through cache (a miss elsewhere fetches again), not a handle.
    for (const h of e.upstream ?? []) {
      if (!e.looked.has(h)) continue;
      e.minted.delete(h);
      e.looked.delete(h);
    }
    // (Or reads them all: the browser pages a `GET /events` route keeps, trial 40B's webcam. A
    // list handler's list filled by a route is reported at the route, as a list that changes.)
    if (e.minted.size === 0) for (const h of e.listed.keys()) if (listHandlers.has(h as TS.FunctionLikeDeclaration)) e.listed.delete(h);
    // (Not a store only the caller's identity looks up, a route filling it: an OAuth callback's, which auth-store judges.)
    const byIdentity = (h: TS.Node) => !!e.lookedKeys?.get(h) && identityKey(e.lookedKeys.get(h)!, h as TS.FunctionLikeDeclaration) !== undefined;
    if ((e.looked.size > 0 || e.listed.size > 0) && e.minted.size === 0 && !(e.listed.size === 0 && [...e.looked.keys()].every(byIdentity))) e.filled = filledByRoute(decl);
    if (e.minted.size === 0 && !e.filled && namedEntries(e, decl, (h) => facts.registrations.find((r) => r.handler === h))) e.callerNamed = true;
    // Entries one call mints and another lists or clears are as much this process's (trial 30C:
    // list_notes and clear_notes over the notes add_note made); a listing alone is no handle use.
    for (const h of e.listed.keys()) if (e.minted.has(h) || e.looked.has(h)) e.listed.delete(h);
    if (e.minted.size === 0 && !e.filled) e.listed.clear();
    // A page of the application's own listing what the tools keep (trial 30C: each instance showed its own board).
    if (e.minted.size > 0) e.shown = routesListing(decl);
    if ((e.minted.size === 0 && !e.filled && !e.callerNamed) || (e.looked.size === 0 && e.listed.size === 0 && !e.shown?.length)) uses.delete(decl);
    // A cache by its name counts only where a tool mints its keys (and not from another service's answer).
    // (A member store by its own name, or a holder named for caches itself, `caches.notes`; not any member of a holder whose name holds the word.)
    // Nor where tools keep their callers' data under their callers' keys for another tool that
    // needs it (callerNamed): what the data says wins over the name (trial 72B B8: a `cartCache`
    // that gathers each cart's SKUs for checkout is no memo; one filled from the key is never named).
    else if (!e.callerNamed && (namedOwnState(ts.isPropertyAssignment(decl) ? propertyNameText(decl.name) ?? '' : storeName(decl)) || (ts.isPropertyAssignment(decl) && /^(caches?|memos?)$/i.test((storeHolder(decl).name as TS.Identifier).text))) && (e.minted.size === 0 || [...e.minted.keys()].every((h) => e.upstream?.has(h)))) uses.delete(decl);
  }
  return uses;
}

/**
 * Whether a store's entries are made by one tool under a key its caller names and looked up by
 * another by the same kind of key (`create_note` does `notes.set(name, text)`, `update_note` throws
 * "not found" unless `notes.has(name)`, trial 40C): a name the client sends again, which only this
 * instance's store knows, as a minted handle would be. `e.looked` is left with the readers taken to
 * need the entry: those that store nothing themselves, or that throw or answer a tool error
 * somewhere (a tool that looks its own key up and stores what it made on a miss keeps a cache), and
 * that do not fetch the value themselves from what the key is made of (a read-through cache).
 */
function namedEntries(e: HandleStoreUse, store: StoreDecl, registrationOf: (handler: TS.Node) => Registration | undefined): boolean {
  if (!e.named) return false;
  for (const [reader] of e.looked) {
    // A low-level tools/call handler is the tools it dispatches: a `case` that stores and another
    // that only looks up are two tools (trial 48A: screenshot and get_shot).
    const split = splitTools(e, reader, registrationOf(reader));
    // (Nor one that fetches or computes the value itself from the key on a miss: a read-through cache.)
    const key = e.lookedKeys?.get(reader);
    const needs = (split || !e.named.has(reader) || failsOnMiss(reader as TS.FunctionLikeDeclaration)) && !(key && fetchesByKey(reader, key, store));
    if (!needs || (!split && [...e.named.keys()].every((writer) => writer === reader))) e.looked.delete(reader);
  }
  return e.looked.size > 0;
}

/**
 * Whether a low-level tools/call handler stores entries under its callers' keys in tools of its
 * own (`case`s) and looks them up in another tool that stores none.
 */
function splitTools(e: HandleStoreUse, handler: TS.Node, registration: Registration | undefined): boolean {
  const sites = e.sites?.get(handler) ?? [];
  if (!registration || registration.name !== undefined || sites.length === 0) return false;
  const named = sites.map((s) => ({ ...s, tool: toolAt(s.node, registration)?.name }));
  const storing = named.filter((s) => s.named).map((s) => s.tool);
  if (storing.length === 0 || storing.includes(undefined)) return false;
  return named.some((s) => !s.minted && !s.named && s.tool !== undefined && !storing.includes(s.tool));
}

/**
 * Whether a stored value is what the caller passed (`content`, `{ content, at: Date.now() }`,
 * `[...(notes.get(name) ?? []), item]`), as opposed to what the instance computed from it
 * (`await download(url)`: a memo any instance computes again). `fromCaller` judges `fn`'s parameters.
 */
function callerData(value: TS.Expression, fn: TS.FunctionLikeDeclaration, fromCaller: (e: TS.Expression) => boolean, keyed: ReadonlySet<TS.Node> = new Set(), depth = 2): boolean {
  const v = unwrap(value);
  const recur = (e: TS.Expression) => callerData(e, fn, fromCaller, keyed, depth);
  if (ts.isIdentifier(v)) {
    const decl = resolveIdentifier(v);
    // The key itself kept beside a computed value (`{ city, data }`) is no data of the caller's.
    if (decl && keyed.has(decl)) return false;
    if (decl && (ts.isParameter(decl) || findAncestor(decl, ts.isParameter))) return fromCaller(v);
    const local = declaringVariable(v);
    if (!local?.initializer || depth === 0 || local.pos < fn.pos || local.end > fn.end) return false;
    if (callerData(local.initializer, fn, fromCaller, keyed, depth - 1)) return true;
    // A local filled with the caller's data before it is stored (trial 73B B3: `const items =
    // carts.get(customer) ?? []; items.push(sku); carts.set(customer, items)`).
    return ts.isIdentifier(local.name) && referencesTo(fn, local as TS.VariableDeclaration & { name: TS.Identifier }).some((ref) => {
      const put = filledInPlace(ref);
      return !!put && callerData(put, fn, fromCaller, keyed, depth - 1);
    });
  }
  if (ts.isPropertyAccessExpression(v)) return recur(v.expression);
  // What the caller passed, converted (`String(args.text)`).
  if (ts.isCallExpression(v) && ts.isIdentifier(v.expression) && /^(String|Number|Boolean)$/.test(v.expression.text) && v.arguments.length === 1) return recur(v.arguments[0]);
  if (ts.isObjectLiteralExpression(v)) {
    return v.properties.some((p) => (ts.isPropertyAssignment(p) ? recur(p.initializer) : ts.isShorthandPropertyAssignment(p) ? recur(p.name) : ts.isSpreadAssignment(p) && recur(p.expression)));
  }
  if (ts.isArrayLiteralExpression(v)) return v.elements.some((el) => recur(ts.isSpreadElement(el) ? el.expression : el));
  if (ts.isTemplateExpression(v)) return v.templateSpans.some((span) => recur(span.expression));
  if (ts.isConditionalExpression(v)) return recur(v.whenTrue) || recur(v.whenFalse);
  if (isFallback(v)) return recur(v.left) || recur(v.right);
  return false;
}

/**
 * The value an entry read from a store is filled with in place, where it is: the last argument of
 * a mutating call on it or on a member of it (`notes.get(user)!.push(text)`, `(notes[user] ??=
 * []).push(text)`, `tags.get(id)?.add(tag)`, `projects[id].tasks.push(title)`), what a member of it
 * is set to (`notes[user].title = title`, `projects[id].meta.owner = owner`), what `Object.assign`
 * copies into it, or a member of it stepped (`projects[id].done++`, `+= n`: the step itself). Also
 * through a local the entry is held in (`const p = projects[id]; p.tasks.push(title)`), the first
 * such place. Undefined for a read that leaves the entry as it is.
 */
function filledInPlace(read: TS.Node, local = true): TS.Expression | undefined {
  let at: TS.Node = read;
  // Through `!`, parentheses, `as`, and a get-or-create `??=`/`||=` of which it is the target.
  for (;;) {
    const parent = at.parent;
    if (ts.isNonNullExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent)) at = parent;
    else if (ts.isBinaryExpression(parent) && parent.left === at && (parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken)) at = parent;
    else break;
  }
  const holder = at.parent;
  if (local && ts.isVariableDeclaration(holder) && holder.initializer === at && ts.isIdentifier(holder.name)) {
    const fn = enclosingFunction(holder);
    if (!fn) return undefined;
    for (const ref of referencesTo(fn, holder as TS.VariableDeclaration & { name: TS.Identifier })) {
      const put = ref !== holder.name ? filledInPlace(ref, false) : undefined;
      if (put) return put;
    }
    return undefined;
  }
  const assigned = assignedInto(at);
  if (assigned) return assigned;
  if (!(ts.isPropertyAccessExpression(holder) || ts.isElementAccessExpression(holder)) || holder.expression !== at) return undefined;
  // Down the entry's members (`.tasks`, `!`) to the one changed.
  let member: TS.Expression = holder;
  while ((ts.isPropertyAccessExpression(member.parent) || ts.isElementAccessExpression(member.parent) || ts.isNonNullExpression(member.parent)) && member.parent.expression === member) member = member.parent;
  const call = member.parent;
  if (ts.isPropertyAccessExpression(member) && ts.isCallExpression(call) && call.expression === member && /^(push|unshift|add|set|splice)$/.test(member.name.text)) return call.arguments[call.arguments.length - 1];
  if (isStep(call)) return call;
  if (isAssignment(call) && call.left === member) {
    const op = call.operatorToken.kind;
    return op === ts.SyntaxKind.EqualsToken ? call.right : op === ts.SyntaxKind.PlusEqualsToken || op === ts.SyntaxKind.MinusEqualsToken ? call : undefined;
  }
  return assignedInto(member);
}

/** What `Object.assign(target, ...)` copies into `target` (its last argument), where `node` is that target. */
function assignedInto(node: TS.Node): TS.Expression | undefined {
  const call = node.parent;
  return ts.isCallExpression(call) && call.arguments[0] === node && call.arguments.length > 1 && call.expression.getText() === 'Object.assign' ? call.arguments[call.arguments.length - 1] : undefined;
}

/**
 * Whether what filledInPlace found is a member of an entry stepped (`projects[id].done++`,
 * `hits[user].n += 1`) that the function does not test against a limit (testsLimit: `if
 * (hits[user].n > 10) throw ...`, or the step itself, `if (++hits[user].n > 10)`: a rate limit, no
 * state of the caller's for a handle; kept in memory under who the caller is, it is
 * session-state's instance-limit warning).
 */
export function unlimitedStep(put: TS.Expression, fn: TS.FunctionLikeDeclaration): boolean {
  const stepped = isStep(put) ? put.operand : isAssignment(put) && put.operatorToken.kind !== ts.SyntaxKind.EqualsToken ? put.left : undefined;
  if (!stepped || !fn.body) return false;
  const text = stepped.getText();
  const readsCount = (side: TS.Expression) => someNode(side, (n) => n === put || (n !== stepped && (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && n.getText() === text));
  // (A count stepped down, a token bucket's `b.tokens -= 1`, is tested against its floor: `if (b.tokens < 1) return false` is its limit.)
  const down = (isStep(put) && put.operator === ts.SyntaxKind.MinusMinusToken) || (isAssignment(put) && put.operatorToken.kind === ts.SyntaxKind.MinusEqualsToken);
  return !someNode(fn.body, (n) => testsLimit(n, readsCount, undefined, down ? () => true : undefined));
}

/** Whether a value stored under a caller's key is the caller's data (callerData) or what a call made apart from the key (madeApartFromKey). */
function storesCallers(value: TS.Expression, key: TS.Expression, fn: TS.FunctionLikeDeclaration, fromCaller: (e: TS.Expression) => boolean): boolean {
  const keyed = keyBindings(key);
  return callerData(value, fn, fromCaller, keyed) || madeApartFromKey(value, key, keyed);
}

/**
 * Whether a stored value is what a call made apart from the key it is stored under (`await
 * page.screenshot()` under the caller's `name`, trial 48A): another instance cannot make it again
 * from the key, as it would a memo (`await download(url)` under `url`), so the name works as a handle.
 */
function madeApartFromKey(value: TS.Expression, key: TS.Expression, keyed: ReadonlySet<TS.Node>): boolean {
  let v = unwrap(value);
  if (ts.isAwaitExpression(v)) v = unwrap(v.expression);
  // (An empty container, `new Map()` made on a miss, holds nothing yet: what is filled into it says, review 92 point 11.)
  if (ts.isNewExpression(v) && /^(Map|Set|Array|WeakMap)$/.test(calleeName(v) ?? '') && (v.arguments?.length ?? 0) === 0) return false;
  return (ts.isCallExpression(v) || ts.isNewExpression(v)) && !sharesKey(v, key, keyed);
}

/**
 * Whether an expression is made from a key: one of its names resolves into the key's bindings
 * (`keyed`, keyBindings of the key), or it reads the key's own access chain (`args.url` of a key
 * `args.url`, which keyBindings leaves out: the arguments are no key).
 */
function sharesKey(expr: TS.Expression, key: TS.Expression, keyed: ReadonlySet<TS.Node>): boolean {
  if ([...keyBindings(expr)].some((d) => keyed.has(d))) return true;
  const chain = accessChain(key);
  if (chain === undefined || !chain.includes('.')) return false;
  return someNode(expr, (n) => ts.isPropertyAccessExpression(n) && accessChain(n) === chain);
}

/**
 * The declarations the identifiers of a key resolve to (`city` of `weather.set(city, ...)`, `lang`
 * and `text` of `` `${lang}:${text}` ``), and those of a local's initializer it is made from (`const
 * key = text`). Not the object a key is read from (`args` of `args.name`: the arguments are no key).
 */
function keyBindings(key: TS.Expression, depth = 1): Set<TS.Node> {
  const found = new Set<TS.Node>();
  walk(key, (n) => {
    if (!ts.isIdentifier(n) || isPropertyName(n) || (ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n)) return undefined;
    const decl = resolveIdentifier(n);
    if (!decl) return undefined;
    found.add(decl);
    if (depth > 0 && ts.isVariableDeclaration(decl) && decl.initializer) for (const d of keyBindings(decl.initializer, depth - 1)) found.add(d);
    return undefined;
  });
  return found;
}

/**
 * Whether a value stored under a key is what the handler fetched by it: an awaited call handed what
 * the key is made of (`await fetchProfile(login)`), itself or in a local of the handler every
 * value of which is that or the store's own entry (`let text = profiles.get(login); ... text =
 * await fetchProfile(login)`), none of it taken from the handler's arguments.
 */
function fetchedValue(facts: SessionFacts, value: TS.Expression, key: TS.Expression, body: TS.Node, store: TS.VariableDeclaration): boolean {
  const keyed = keyBindings(key);
  const onStore = (call: TS.CallExpression) => {
    const root = accessRoot(call.expression);
    return !!root && ts.isIdentifier(root) && resolveIdentifier(root) === store;
  };
  const awaited = (e: TS.Expression) => ts.isAwaitExpression(unwrap(e));
  // (Fetched here, or looked up first: `profiles.get(login) ?? (await fetchProfile(login))`.)
  const fetches = (e: TS.Expression) => awaited(e) || (isFallback(unwrap(e)) && awaited((unwrap(e) as TS.BinaryExpression).right));
  const fetched = (e: TS.Expression): boolean => {
    const v = unwrap(e);
    if (isFallback(v)) return fetched(v.left) && fetched(v.right);
    // An awaited call handed the key, not the store's own (`await dirs.get(id)` of a store with an
    // async API), also through what its answer gives: `(await fetch(url(login))).text()`.
    if (ts.isAwaitExpression(v)) return someNode(v.expression, (n) => ts.isCallExpression(n) && !onStore(n) && n.arguments.some((a) => sharesKey(a, key, keyed)));
    // The store's own entry (`profiles.get(login)`): what an earlier fetch put there.
    return ts.isCallExpression(v) && onStore(v);
  };
  const v = unwrap(value);
  if (!ts.isIdentifier(v)) return fetches(value) && fetched(value);
  const local = resolveIdentifier(v);
  if (!local || !ts.isVariableDeclaration(local) || local.pos < body.pos || local.end > body.end) return false;
  const values = [...(local.initializer ? [local.initializer] : []), ...facts.assignedValues(local)];
  return values.length > 0 && values.every(fetched) && values.some(fetches);
}

/**
 * Whether a handler awaits a call of its own handed what its lookup key is made of (`await
 * fetchWeather(city)`, `await db.get(name)`): on a miss it gets the value elsewhere, so what the
 * store holds is a cache of it.
 */
function fetchesByKey(handler: TS.Node, key: TS.Expression, store: StoreDecl): boolean {
  const keyed = keyBindings(key);
  return someNode(handler, (n) => {
    if (!ts.isAwaitExpression(n)) return false;
    const call = unwrap(n.expression);
    // (Not the store's own get: `await dirs.get(id)` of a store with an async API.)
    const root = ts.isCallExpression(call) ? accessRoot(call.expression) : undefined;
    return ts.isCallExpression(call) && !(root && ts.isIdentifier(root) && resolveIdentifier(root) === storeHolder(store)) && call.arguments.some((a) => sharesKey(a, key, keyed));
  });
}

/** Whether a handler throws or answers a tool error (`isError: true`) anywhere in its body. */
function failsOnMiss(handler: TS.FunctionLikeDeclaration): boolean {
  return someNode(handler, refusesCall);
}


function newHandleStoreUse(): HandleStoreUse {
  return { minted: new Map(), looked: new Map(), listed: new Map() };
}

/** An HTTP route of the file that stores entries in a module-level Map or object (`uploads.set(req.params.id, body)`, `files[id] = body`), with how a message names it. */
function filledByRoute(decl: StoreDecl): HandleStoreUse['filled'] {
  for (const ref of storeReferences(decl)) {
    const access = ref.parent;
    const stores =
      (ts.isPropertyAccessExpression(access) && access.expression === ref && access.name.text === 'set' && ts.isCallExpression(access.parent) && access.parent.expression === access) ||
      (ts.isElementAccessExpression(access) && access.expression === ref && isAssignment(access.parent) && access.parent.left === access);
    const by = stores ? runBy(ref) : undefined;
    if (by?.kind !== 'route') continue;
    const call = access.parent as TS.CallExpression | TS.BinaryExpression;
    const value = ts.isCallExpression(call) ? call.arguments[1] : call.right;
    return { label: by.label, node: call, ...((value && holdsResponse(value)) || CONNECTION_TYPE.test(typeTextOf(decl)) ? { connection: true } : {}) };
  }
  return undefined;
}

/**
 * Whether a stored value is, or holds, the response of the request handler it is stored in (`res`
 * of `app.get('/events', (req, res) => ...)`, or `{ res, since }`): an open stream to whoever
 * made that request. Not another function's second parameter (`forEach((name, position) => ...)`).
 */
function holdsResponse(value: TS.Expression): boolean {
  const v = unwrap(value);
  if (ts.isObjectLiteralExpression(v)) return v.properties.some((p) => (ts.isShorthandPropertyAssignment(p) ? holdsResponse(p.name) : ts.isPropertyAssignment(p) && holdsResponse(p.initializer)));
  const param = ts.isIdentifier(v) ? resolveIdentifier(v) : undefined;
  return !!param && ts.isParameter(param) && isFunctionLike(param.parent) && param.parent.parameters.indexOf(param) === 1 && isRouteHandler(param.parent);
}

/** Values that are connections open to this process: a response kept open (an event stream), a socket. */
const CONNECTION_TYPE = /\b(Response|ServerResponse|Writable\w*|WebSocket|Socket|SSEStreamingApi|ReadableStreamDefaultController)\b/;


/**
 * The function of this file a call runs: what SessionFacts.callTarget resolves (one by name, a
 * method of the class or of a local class's instance), or a method of a module-level object
 * literal (`store.add(id)`).
 */
function calledHelper(facts: SessionFacts, call: TS.CallExpression): TS.FunctionLikeDeclaration | undefined {
  return facts.callTarget(call) ?? moduleObjectMethod(call);
}

/** The method a call runs of a module-level object literal (`keys.shard()` of `const keys = { shard() {...} }`). */
function moduleObjectMethod(call: TS.CallExpression): TS.FunctionLikeDeclaration | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(unwrap(callee.expression))) return undefined;
  const decl = resolveIdentifier(unwrap(callee.expression) as TS.Identifier);
  const init = decl && ts.isVariableDeclaration(decl) && isModuleVariable(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
  if (!init || !ts.isObjectLiteralExpression(init)) return undefined;
  const member = init.properties.find((p) => p.name !== undefined && propertyNameText(p.name) === callee.name.text);
  if (member && ts.isMethodDeclaration(member)) return member;
  return member && ts.isPropertyAssignment(member) ? resolveFunction(member.initializer) : undefined;
}

const handleStoreByFile = new WeakMap<SessionFacts, ReturnType<typeof handleStoreUses>>();

/**
 * Of a file's module-level uses, the first this handler changes where another reads it (or, for a
 * setting, changes it too), or reads where another changes it. A list only ever added to is read
 * by nobody: `changedByOthers` is for settings.
 */
function sharedUse(uses: ModuleUses, handler: TS.FunctionLikeDeclaration, changedByOthers = true): { decl: TS.VariableDeclaration; name: string; node: TS.Node; read?: boolean; noun?: string } | undefined {
  for (const [decl, use] of uses) {
    const others = (map: Map<TS.Node, TS.Node>) => [...map.keys()].some((h) => h !== handler);
    const name = (decl.name as TS.Identifier).text;
    const at = use.changed.get(handler);
    // Entries two tools only set (a Map nothing reads) leave no call anything to find, like a list.
    if (at && (others(use.read) || (changedByOthers && !use.noun && others(use.changed)))) return { decl, name, node: at, noun: use.noun };
    const read = use.read.get(handler);
    if (read && others(use.changed)) return { decl, name, node: read, read: true, noun: use.noun };
  }
  return undefined;
}

/**
 * The case of a low-level handler's switch on the tool's name (`switch (req.params.name)`) a node
 * sits in. Also a switch on a parameter of the handler itself: the dispatcher of another module a
 * tools/call handler hands the name to (`switch (tool)` of `runTool(tool, args)`, trial 66D), the
 * SDK's own handlers taking nothing one switches on (the request, its context).
 */
function dispatchCaseOf(node: TS.Node, handler: TS.FunctionLikeDeclaration): TS.CaseClause | undefined {
  const onParameter = (e: TS.Expression) => {
    const u = unwrap(e);
    const decl = ts.isIdentifier(u) ? resolveIdentifier(u) : undefined;
    return !!decl && ts.isParameter(decl) && decl.parent === handler;
  };
  for (let n: TS.Node | undefined = node.parent; n && n !== handler; n = n.parent) if (ts.isCaseClause(n) && (/\bname$/.test(n.parent.parent.expression.getText()) || onParameter(n.parent.parent.expression))) return n;
  return undefined;
}

/** The field of `decl` an access names first (`authToken` in `(server as any).authToken`, `cart` in `server.cart.items`). */
function fieldOf(target: TS.Node, decl: TS.VariableDeclaration): string | undefined {
  for (let n = unwrap(target); ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n); n = unwrap(n.expression)) {
    const base = unwrap(n.expression);
    if (ts.isIdentifier(base) && resolveIdentifier(base) === decl) return ts.isPropertyAccessExpression(n) ? n.name.text : undefined;
  }
  return undefined;
}

/**
 * In a low-level tools/call handler, the fields of server-scoped state (`decl`, made with the
 * server) its cases set: per case other than the first to change one, where it changes one of
 * them, else where it first reads one (`(server as any).cart` that login sets and get_cart reads:
 * each tool is named; trial 30C).
 */
function caseScopedUses(handler: TS.FunctionLikeDeclaration, decl: TS.VariableDeclaration, covered: TS.Node): { uses: Array<{ node: TS.Node; field: string; changes: boolean }>; coveredFields: string[] } {
  const changed = new Map<string, TS.Node>();
  const coveredFields: string[] = [];
  const byCase = new Map<TS.CaseClause, { node: TS.Node; field: string; changes: boolean }>();
  const coveredCase = dispatchCaseOf(covered, handler);
  for (const { target, at } of changesIn(handler.body!)) {
    const field = fieldOf(target, decl);
    const clause = field ? dispatchCaseOf(at, handler) : undefined;
    if (!field || !clause) continue;
    if (!changed.has(field)) changed.set(field, at);
    if (clause === coveredCase) coveredFields.push(field);
    if (clause !== coveredCase && !byCase.get(clause)?.changes) byCase.set(clause, { node: at, field, changes: true });
  }
  if (changed.size === 0) return { uses: [], coveredFields };
  walk(handler.body!, (n) => {
    if (!ts.isPropertyAccessExpression(n) || !changed.has(n.name.text) || fieldOf(n, decl) !== n.name.text || isAssignmentTarget(n)) return undefined;
    const clause = dispatchCaseOf(n, handler);
    if (clause && clause !== coveredCase && !byCase.has(clause)) byCase.set(clause, { node: n, field: n.name.text, changes: false });
    return undefined;
  });
  return { uses: [...byCase.values()].sort((a, b) => a.node.pos - b.node.pos), coveredFields };
}

/**
 * In a low-level tools/call handler, the tools are the cases of its switch on the tool's name: a
 * module-level setting one case changes (`case 'use_project': currentProject = ...`) and another
 * case reads is one tool's state another tool finds, as between two registered tools (trial 18C).
 */
function caseSharedUse(uses: ModuleUses, handler: TS.FunctionLikeDeclaration, facts?: SessionFacts): ReturnType<typeof sharedUse> {
  const caseOf = (node: TS.Node) => dispatchCaseOf(node, handler);
  for (const [decl, use] of uses) {
    const at = use.changed.get(handler);
    const clause = at && caseOf(at);
    if (!clause || !ts.isIdentifier(decl.name)) continue;
    // (With `facts`, also through a slot of the tools' factory every call hands it: boundVariable.)
    const refs = facts ? boundReferences(handler, decl, facts) : referencesTo(handler, decl as TS.VariableDeclaration & { name: TS.Identifier });
    const readElsewhere = refs.some((ref) => {
      const other = caseOf(ref);
      return !!other && other !== clause && other.parent === clause.parent && !isAssignmentTarget(outermost(ref));
    });
    if (readElsewhere) return { decl, name: decl.name.text, node: at, noun: use.noun };
  }
  return undefined;
}

/** The identifiers in `body` that name a module-level variable: itself, or a slot of the tools' factory every call hands it (boundVariable; `options` of `options.store`). */
function boundReferences(body: TS.Node, decl: TS.VariableDeclaration, facts: SessionFacts): TS.Identifier[] {
  const refs: TS.Identifier[] = [];
  walk(body, (n) => {
    if (!ts.isIdentifier(n) || isPropertyName(n)) return undefined;
    const named = resolveIdentifier(n);
    if (named === decl || (named && !ts.isVariableDeclaration(named) && boundAt(n, facts)?.decl === decl)) refs.push(n);
    return undefined;
  });
  return refs;
}

/** A state noun with its article: `a Map`, `an object`. */
function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** The list a call changes, by its name (`sendResourceListChanged`, `registerPrompt`): the tool list unless it names another. */
function listNamed(name: string): string {
  return /prompt/i.test(name) ? 'prompt list' : /resource/i.test(name) ? 'resource list' : 'tool list';
}

/**
 * The module-level collection an access names (`queue`, `shots.set`, `list[0]`), with whether it
 * is an array (a list with no key, unlike a map a handle could index).
 */
function moduleCollection(n: TS.Node): { decl: TS.VariableDeclaration; array: boolean } | undefined {
  const decl = moduleVariableOf(n);
  const kind = decl && collectionKind(decl);
  return kind ? { decl: decl!, array: kind === 'array' } : undefined;
}

/** A change a handler makes to a module-level collection: in place (`queue.push(x)`), or through a key (`cart[id] = item`). */
type CollectionChange = Change & { decl: TS.VariableDeclaration; array: boolean };

const collectionChangesMemo = new WeakMap<SessionFacts, Map<TS.FunctionLikeDeclaration, CollectionChange[]>>();

/** Per file: for each registered handler, the changes it makes to module-level collections, in document order. */
function collectionChanges(facts: SessionFacts): Map<TS.FunctionLikeDeclaration, CollectionChange[]> {
  let byHandler = collectionChangesMemo.get(facts);
  if (byHandler) return byHandler;
  byHandler = new Map();
  collectionChangesMemo.set(facts, byHandler);
  for (const r of facts.registrations) {
    if (!r.handler?.body || byHandler.has(r.handler)) continue;
    const found: CollectionChange[] = [];
    // Its own body, and the functions of this file it calls (`handleToolCall(name)` filling the map).
    const fns = [r.handler, ...calledHelpers(facts, r.handler)];
    const handed = handedObjects(facts, fns);
    for (const fn of fns) {
      for (const change of changesIn(fn.body!)) {
        const collection = change.how === 'mutate' || ts.isElementAccessExpression(unwrap(change.target)) ? (moduleCollection(change.target) ?? handedCollection(change.target, handed)) : undefined;
        if (collection) found.push({ ...change, ...collection });
      }
    }
    byHandler.set(r.handler, found);
  }
  return byHandler;
}

/**
 * The parameters of `fns` (a handler and the helpers it calls) that their calls among `fns` hand a
 * module-level object of entries (`saveShot(state, name)` with `const state = { shots: new Map() }`,
 * trial 63B B1), with that object: what the helper changes through its parameter
 * (`st.shots.set(name, shot)`), it changes in the module-level object.
 */
function handedObjects(facts: SessionFacts, fns: readonly TS.FunctionLikeDeclaration[]): Map<TS.Node, TS.VariableDeclaration> {
  const handed = new Map<TS.Node, TS.VariableDeclaration>();
  const helpers = new Set<TS.Node>(fns.slice(1));
  for (const fn of fns) {
    walk(fn.body!, (n) => {
      const target = ts.isCallExpression(n) ? facts.callTarget(n) : undefined;
      if (!target || !helpers.has(target)) return undefined;
      target.parameters.forEach((p, at) => {
        const arg = at < (n as TS.CallExpression).arguments.length ? unwrap((n as TS.CallExpression).arguments[at]) : undefined;
        const named = arg && ts.isIdentifier(arg) ? resolveIdentifier(arg) : undefined;
        const object = named && (handed.get(named) ?? (isModuleVariable(named) && collectionKind(named) === 'object' ? named : undefined));
        if (object && !handed.has(p)) handed.set(p, object);
      });
      return undefined;
    });
  }
  return handed;
}

/** The module-level object (handedObjects) a change through a helper's parameter reaches (`st.shots.set(...)`, `st[key] = v`). */
function handedCollection(target: TS.Node, handed: ReadonlyMap<TS.Node, TS.VariableDeclaration>): { decl: TS.VariableDeclaration; array: boolean } | undefined {
  const root = accessRoot(target);
  const named = ts.isIdentifier(root) ? resolveIdentifier(root) : undefined;
  const decl = named && handed.get(named);
  return decl ? { decl, array: false } : undefined;
}

/** The member of its root object a change reaches (`shots` of `state.shots` or of `st.shots[name]`), if named. */
function changedMember(target: TS.Node): string | undefined {
  let t = unwrap(target);
  let member: string | undefined;
  while (ts.isPropertyAccessExpression(t) || ts.isElementAccessExpression(t)) {
    member = ts.isPropertyAccessExpression(t) ? t.name.text : constantString(t.argumentExpression);
    t = unwrap(t.expression);
  }
  return member;
}

/** The functions of this file a handler calls, and those they call (two levels down). */
function calledHelpers(facts: SessionFacts, handler: TS.FunctionLikeDeclaration): TS.FunctionLikeDeclaration[] {
  const found = new Set<TS.Node>([handler]);
  const helpers: TS.FunctionLikeDeclaration[] = [];
  callsDown(facts, [handler], found, 2, (fn) => helpers.push(fn));
  return helpers;
}

/**
 * Follows the calls of `frontier`'s bodies to functions of this file, `depth` levels down, adding
 * each one reached to `seen` (and handing it to `reached`) once.
 */
function callsDown(facts: SessionFacts, frontier: TS.FunctionLikeDeclaration[], seen: Set<TS.Node>, depth: number, reached?: (fn: TS.FunctionLikeDeclaration) => void): void {
  for (let level = 0; level < depth && frontier.length > 0; level++) {
    const next: TS.FunctionLikeDeclaration[] = [];
    for (const fn of frontier) {
      walk(fn.body!, (n) => {
        const target = ts.isCallExpression(n) ? facts.callTarget(n) : undefined;
        if (target?.body && !seen.has(target)) {
          seen.add(target);
          next.push(target);
          reached?.(target);
        }
        return undefined;
      });
    }
    frontier = next;
  }
}

/**
 * A call of a handler into another module of the run (analysis/module-state.ts), at the handler's
 * own call: that one, or its call of a helper of this file that makes it. `own`: the state it reads
 * by what an earlier call of the handler made there (`const id = track(...)`, then `complete(id)`):
 * the handler's own entry, nothing another call left.
 */
type ModuleTouch = {
  call: ModuleCall;
  site: TS.Node;
  own?: Set<string>;
  made?: TS.VariableDeclaration & { name: TS.Identifier };
  /** On an object a field of the tools' class holds (`this.pool.open(host)`): that field, as written (`this.pool`); it lasts as long as the tools' object. */
  field?: string;
  /** A read of such an object's field itself (`this.settings.folder`, fieldInstanceRead). */
  readOnly?: true;
};

const moduleCallsMemo = new WeakMap<SessionFacts, Map<TS.FunctionLikeDeclaration, ModuleTouch[]>>();

/**
 * Per registered handler of the file, its calls (and those of the helpers of this file it calls,
 * two levels down) into the run's other modules that change or read their state. Only where the
 * run can read them (SessionFacts.modules) and two handlers could meet there: two of the file, or
 * one of it and one of another file of the package (a file per tool, otherFileMeeting).
 */
function moduleCalls(facts: SessionFacts): Map<TS.FunctionLikeDeclaration, ModuleTouch[]> {
  let byHandler = moduleCallsMemo.get(facts);
  if (byHandler) return byHandler;
  moduleCallsMemo.set(facts, (byHandler = new Map()));
  const handlers = [...new Set(facts.registrations.map((r) => r.handler).filter((h): h is TS.FunctionLikeDeclaration => !!h?.body))];
  const modules = facts.modules && importsRunModule(facts.sourceFile.text, facts.modules.source) ? facts.modules : undefined;
  // One handler meets no other, unless it dispatches every tool itself (a low-level tools/call handler).
  if (handlers.length === 0 || (handlers.length < 2 && !modules && !facts.registrations.some((r) => r.method === 'tools/call'))) return byHandler;
  for (const handler of handlers) {
    const found: ModuleTouch[] = [];
    const fieldReads = new Set<string>();
    const seen = new Set<TS.Node>([handler]);
    // The handler's calls of the file's own module-level functions (their state is the file's),
    // and the calls of other modules it makes, also through those functions.
    const visit = (body: TS.Node, site: TS.Node | undefined, depth: number): void =>
      walk(body, (n) => {
        if (ts.isPropertyAccessExpression(n) || ts.isVariableDeclaration(n)) {
          // (One read of each state of each object per handler: the first.)
          const read = ts.isPropertyAccessExpression(n) ? fieldInstanceRead(n, facts, modules, handler) : fieldInstanceDestructured(n, facts, modules, handler);
          const key = read && `${read.call.touches[0]?.state.key}@${read.call.object?.pos}`;
          if (read && read.call.touches.length > 0 && !fieldReads.has(key!)) {
            fieldReads.add(key!);
            found.push({ call: read.call, site: site ?? n, field: read.holder, readOnly: true });
          }
          return undefined;
        }
        if (!ts.isCallExpression(n)) return undefined;
        // (Also a call on an object a factory of this file made at its top level: ownFactoryCall, trial 72B B8.)
        const call = (modules && moduleCall(n, modules.path, modules.source)) || boundInstanceCall(n, facts) || ownFactoryCall(n, facts.ownModule);
        const held = call ? undefined : fieldInstanceCall(n, facts, modules, handler);
        const local = call || held ? undefined : localInstanceCall(n, handler, modules);
        if (call || held || local) {
          const touches = call ?? held?.call ?? local!.call;
          if (touches.touches.length > 0) found.push({ call: touches, site: site ?? n, ...(local ? { made: local.decl } : {}), ...(held ? { field: held.holder } : {}) });
          return undefined;
        }
        const helper = calledHelper(facts, n);
        if (!helper?.body || seen.has(helper) || (helper.pos >= handler.pos && helper.end <= handler.end)) return undefined;
        seen.add(helper);
        const own = site ? undefined : ownModuleCall(n, helper, facts.ownModule);
        if (own && own.touches.length > 0) found.push({ call: own, site: n });
        if (depth < 2) visit(helper.body, site ?? n, depth + 1);
        return undefined;
      });
    visit(handler.body!, undefined, 0);
    const direct = modules && importedStateUses(facts, handler, modules);
    if (direct) found.push(direct);
    const fields = classFieldUses(facts, handler);
    if (fields) found.push(fields);
    for (const touch of found) touch.own = madeByHandler(touch, found);
    byHandler.set(handler, withoutRestored(found, handler.body!));
  }
  // A field's state read straight (`this.config.apiUrl`) counts only where a tool of the file
  // changes it: a read meets nothing else (review 69: every config read of a monorepo's tools
  // classes, met against every other file, made a scan take minutes).
  const changed = new Set([...byHandler.values()].flat().flatMap((t) => t.call.touches.filter((x) => x.changes).map((x) => x.state.key)));
  for (const [handler, touches] of byHandler) byHandler.set(handler, touches.filter((t) => !t.readOnly || t.call.touches.some((x) => changed.has(x.state.key))));
  return byHandler;
}

/**
 * A call of a method of an object the tools' factory is handed (boundVariable) whose class is
 * written in another module (`options.store.append(...)`, the store made in main() of a class of
 * store.ts, trial 44B): what it does to the object's collections, as moduleCall tells it for an
 * object the file names itself.
 */
function boundInstanceCall(call: TS.CallExpression, facts: SessionFacts): ModuleCall | undefined {
  const callee = unwrap(call.expression);
  if (!facts.modules || !ts.isPropertyAccessExpression(callee)) return undefined;
  const bound = boundThrough(callee.expression, facts);
  const theirs = bound?.facts.modules;
  const init = bound?.decl.initializer && unwrap(bound.decl.initializer);
  if (!theirs || !init || !ts.isNewExpression(init) || !ts.isIdentifier(init.expression)) return undefined;
  // (A class of the object's own file is statefulInstance's.)
  const local = resolveIdentifier(init.expression);
  const found = local && ts.isClassDeclaration(local) ? undefined : importedInstanceCall(call, init, theirs.path, theirs.source);
  // A plain field counts where a method sets it to what its caller handed it (`load(rom) { this.rom
  // = rom }`, an emulator's ROM, trial 57A B2), as a module-level object's does: what one tool's
  // caller left, another's finds. One the object refreshes for itself (an API client's token) is
  // only read here, as collectionTouches says.
  return found && { ...found, touches: found.touches.flatMap((t) => (COLLECTION_NOUNS.has(t.state.noun) || (t.changes && setFromCaller(t)) ? [t] : t.reads ? [{ ...t, changes: false, sets: false }] : [])) };
}

/** Whether a function that changes an object's field sets it to a value made from its own parameters (`this.rom = rom`). */
function setFromCaller(touch: StateTouch): boolean {
  const field = touch.state.name.slice(touch.state.name.lastIndexOf('.') + 1);
  return [...(touch.by ?? [])].some((fn) => !!fn.body && changesIn(fn.body).some((c) => {
    const [first, ...rest] = membersOfThis(c.target) ?? [];
    return first === field && rest.length === 0 && c.how === 'set' && ts.isBinaryExpression(c.at) && fromParameters(c.at.right, fn);
  }));
}

/**
 * What a call does to an object's collections only: a plain field or an object of them is as often
 * what the object keeps for itself (an API client's token, refreshed from its own configuration:
 * 67 false errors on the mirror run) as what a caller left.
 */
const COLLECTION_NOUNS: ReadonlySet<StateNoun> = new Set(['Map', 'Set', 'list']);

function collectionTouches(found: ModuleCall | undefined): ModuleCall | undefined {
  return found && { ...found, touches: found.touches.filter((t) => COLLECTION_NOUNS.has(t.state.noun)) };
}

/**
 * A call of a method of an object a field of the tools' class holds (`this.pool.open(host)` of
 * `private pool = new ConnPool()`, a class of the file or of another module; trial 47A: telnet
 * sockets a tool opens and the next one writes to): what it does to that object's state, as for a
 * module-level object (fieldTouches). The object lasts as long as the tools' object. `modules`:
 * the run's other modules where the file imports any (moduleCalls), where another module's class is read.
 */
function fieldInstanceCall(call: TS.CallExpression, facts: SessionFacts, modules: SessionFacts['modules'], handler: TS.FunctionLikeDeclaration): HeldCall | undefined {
  const callee = unwrap(call.expression);
  const held = ts.isPropertyAccessExpression(callee) ? fieldClass(callee.expression) : undefined;
  if (!held) return undefined;
  const found = held.local ? instanceCall(call, held.cls, facts.ownModule) : modules && importedInstanceCall(call, held.made, modules.path, modules.source);
  const touched = fieldTouches(found && { ...found, object: held.made }, call, handler);
  return touched && { call: touched, holder: held.holder };
}

/** What a call on (or a read of) an object a field of the tools' class holds does, and that field as written (`this.settings`). */
interface HeldCall {
  call: ModuleCall;
  holder: string;
}

/**
 * A read of a field of an object a field of the tools' class holds (`this.settings.folder`, not a
 * method's call nor a write): a read of that object's state (trial 53A B1: a tool that sets the
 * folder through `this.settings.setFolder(folder)`, another that reads it).
 */
function fieldInstanceRead(access: TS.PropertyAccessExpression, facts: SessionFacts, modules: SessionFacts['modules'], handler: TS.FunctionLikeDeclaration): HeldCall | undefined {
  // (The cheap test first: most accesses are not `this.x.y`.)
  const holder = unwrap(access.expression);
  if (!ts.isPropertyAccessExpression(holder) || holder.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  if ((ts.isCallExpression(access.parent) && access.parent.expression === access) || isAssignmentTarget(outermost(access))) return undefined;
  return heldFieldRead(access.expression, access.name.text, facts, modules, handler);
}

/**
 * The same read destructured (`const { folder } = this.settings`, review 69): a read of each
 * field it names, the first that is state.
 */
function fieldInstanceDestructured(decl: TS.VariableDeclaration, facts: SessionFacts, modules: SessionFacts['modules'], handler: TS.FunctionLikeDeclaration): HeldCall | undefined {
  if (!ts.isObjectBindingPattern(decl.name) || !decl.initializer) return undefined;
  for (const element of decl.name.elements) {
    const field = element.propertyName ? propertyNameText(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
    const found = field ? heldFieldRead(decl.initializer, field, facts, modules, handler) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** A read of `field` of the object a field of the tools' class holds (`holder`: `this.settings`). */
function heldFieldRead(holder: TS.Expression, field: string, facts: SessionFacts, modules: SessionFacts['modules'], handler: TS.FunctionLikeDeclaration): HeldCall | undefined {
  const held = fieldClass(holder);
  const cls = held && (held.local ? { cls: held.cls, module: facts.ownModule } : modules && importedClassAt(held.made.expression, modules.path, modules.source));
  const found = cls && instanceFieldRead(field, `${held!.holder}.${field}`, cls.cls, cls.module, handler);
  return found && { call: { ...found, object: held!.made }, holder: held!.holder };
}

/** The class of the object a field of the enclosing class holds (`this.pool`, made `new ConnPool()`): one of the file (`local`), or the `new` of one of another module. */
function fieldClass(expression: TS.Expression): ({ cls: TS.ClassDeclaration; local: true } | { local: false }) & { made: TS.NewExpression & { expression: TS.Identifier }; holder: string } | undefined {
  const holder = unwrap(expression);
  if (!ts.isPropertyAccessExpression(holder) || holder.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const cls = enclosingClass(holder);
  const start = cls && fieldStart(cls, holder.name.text).start;
  const made = start && unwrap(start);
  if (!made || !ts.isNewExpression(made) || !ts.isIdentifier(made.expression)) return undefined;
  const local = resolveIdentifier(made.expression);
  const typed = made as TS.NewExpression & { expression: TS.Identifier };
  const text = `this.${holder.name.text}`;
  return local && ts.isClassDeclaration(local) ? { made: typed, cls: local, local: true, holder: text } : { made: typed, local: false, holder: text };
}

/**
 * What a call on a field's object does to it that a caller could find again: its collections
 * (collectionTouches), and a plain field (a setting) where the call reads it, or changes it with a
 * value from the handler's arguments (`this.settings.setFolder(folder)`): an API client that
 * refreshes its own token changes its field from its own configuration, which no caller left.
 */
function fieldTouches(found: ModuleCall | undefined, call: TS.CallExpression, handler: TS.FunctionLikeDeclaration): ModuleCall | undefined {
  if (!found) return undefined;
  const callers = call.arguments.some((a) => fromArguments(a, handler));
  const touches = found.touches.flatMap((t): StateTouch[] => {
    if (COLLECTION_NOUNS.has(t.state.noun)) return [t];
    const changes = t.changes && callers;
    return changes || t.reads ? [{ ...t, changes }] : [];
  });
  return { ...found, touches };
}

/**
 * A call of a method of an object that a function around the handler makes of a class another
 * module writes (`const context = new Context()` in buildServer(), trial 50B: browserbase's
 * browser sessions): what it does to that object's collections, which last as long as the object,
 * not one call. Not an object a called helper makes for itself, which lasts one call. (A class of
 * the file is statefulInstance's; a module-level object is moduleCall's.)
 */
function localInstanceCall(call: TS.CallExpression, handler: TS.FunctionLikeDeclaration, modules: SessionFacts['modules']): { call: ModuleCall; decl: TS.VariableDeclaration & { name: TS.Identifier } } | undefined {
  const callee = unwrap(call.expression);
  const receiver = modules && ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : undefined;
  const decl = receiver && ts.isIdentifier(receiver) ? resolveIdentifier(receiver) : undefined;
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || (decl.pos >= handler.pos && decl.end <= handler.end)) return undefined;
  const around = enclosingFunction(decl);
  if (!around || !(handler.pos >= around.pos && handler.end <= around.end)) return undefined;
  const made = decl.initializer && unwrap(decl.initializer);
  if (!made || !ts.isNewExpression(made) || !ts.isIdentifier(made.expression)) return undefined;
  const local = resolveIdentifier(made.expression);
  const found = local && ts.isClassDeclaration(local) ? undefined : collectionTouches(importedInstanceCall(call, made, modules!.path, modules!.source));
  return found && { call: found, decl: decl as TS.VariableDeclaration & { name: TS.Identifier } };
}

/**
 * A handler's touches less the changes it undoes before it returns: state set back to what a
 * getter of it gave earlier in the call (`const before = logger.getLogLevel(); try { ...
 * logger.setLogLevel(0) } finally { logger.setLogLevel(before) }`, trial 44B), which no later
 * call finds changed. (New touches: a module's calls are shared by every handler that makes them.)
 */
function withoutRestored(found: ModuleTouch[], body: TS.Node): ModuleTouch[] {
  const restored = new Set<string>();
  for (const touch of found) {
    // From a copy nothing changes (not a read-modify-write), whenever a change ran (not a rollback in a catch): review 47.
    if (!ts.isCallExpression(touch.site)) continue;
    for (const arg of touch.site.arguments) {
      const local = savedCopy(arg, body);
      const getter = local && makerOf(arg, found);
      if (!getter) continue;
      // (A copy taken before any other change of the state.)
      const changedBefore = (key: string) => found.some((t) => t !== touch && t.site.pos < local!.pos && t.call.touches.some((x) => x.changes && x.state.key === key));
      // (Each change of the state undone by it.)
      const undone = (key: string) => found.every((t) => !t.call.touches.some((x) => x.changes && x.state.key === key) || undoneAfter(t.site, touch.site, body));
      for (const t of touch.call.touches) {
        if (t.changes && getter.call.touches.some((r) => r.reads && r.state.key === t.state.key) && !changedBefore(t.state.key) && undone(t.state.key)) restored.add(t.state.key);
      }
    }
  }
  if (restored.size === 0) return found;
  return found.map((touch) => ({ ...touch, call: { ...touch.call, touches: touch.call.touches.map((t) => (restored.has(t.state.key) ? { ...t, changes: false, sets: false } : t)) } }));
}

/**
 * A handler's own uses of another module's state imported as such (`todos.push(todo)` with `todos`
 * imported from './store.js', `store.todos` of a namespace): one call-less touch per handler, at
 * the first use. A change counts as in moduleUses: what a handler made itself after reading the
 * state (a budget entry made when missing) is none.
 */
function importedStateUses(facts: SessionFacts, handler: TS.FunctionLikeDeclaration, modules: NonNullable<SessionFacts['modules']>): ModuleTouch | undefined {
  const names = relativeImportNames(facts.sourceFile, modules.source);
  if (names.size === 0) return undefined;
  const changes = changesIn(handler.body!).filter((c) => c.how !== 'step');
  const targets = new Map(changes.map((c) => [unwrap(c.target), c]));
  const touches = new Map<string, StateTouch>();
  let site: TS.Node | undefined;
  walk(handler.body!, (n) => {
    if (!ts.isIdentifier(n) || !names.has(n.text) || isPropertyName(n)) return undefined;
    const found = importedState(n, modules.path, modules.source);
    if (!found) return undefined;
    const { state, reference } = found;
    let touch = touches.get(state.key);
    if (!touch) touches.set(state.key, (touch = { state, changes: false, reads: false }));
    site ??= reference;
    // The change whose target starts from this reference (`todos.push(x)`, `todos[i].done = true`).
    let change: Change | undefined;
    for (let up: TS.Node = reference; !change; up = up.parent) {
      change = targets.get(up);
      const parent = up.parent;
      if (!(ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) || parent.expression !== up) break;
    }
    const value = change && storedValue(change.at, change.how);
    if (change && !(value && !fromArguments(value, handler) && touch.reads)) touch.changes = true;
    else if (!change && !countsOnly(reference)) touch.reads = true;
    return undefined;
  });
  return site && { call: { label: '', fn: handler, touches: [...touches.values()] }, site };
}

/**
 * A handler written in a class of the file (an arrow in its method, or a method itself) and what it
 * does to the fields of the object it runs on (ownClassTouches): one touch, at its first use of
 * `this` (the call, for `this.add(text)`).
 */
function classFieldUses(facts: SessionFacts, handler: TS.FunctionLikeDeclaration): ModuleTouch | undefined {
  const cls = ts.isMethodDeclaration(handler) ? handler.parent : ts.isArrowFunction(handler) ? enclosingClass(handler) : undefined;
  if (!cls || !ts.isClassDeclaration(cls) || !handler.body) return undefined;
  // (Made with each session's server, its counters and the counts of its lists are what one call
  // leaves for the next: `this.acc += n`, `this.n++`, `this.tasks.length`, trial 71A B1.)
  const touches = ownClassTouches(handler, cls, facts.ownModule, classLifetimes(facts).get(cls) === 'server');
  if (touches.length === 0) return undefined;
  let site: TS.Node | undefined;
  walk(handler.body, (n) => {
    if (site) return false;
    if (ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword) site = ts.isCallExpression(n.parent) && n.parent.expression === n ? n.parent : n;
    return undefined;
  });
  return { call: { label: '', fn: handler, touches }, site: site ?? handler };
}

/** The state a handler's call reads by an argument an earlier call of it made in that state (ModuleTouch.own). */
function madeByHandler(touch: ModuleTouch, all: readonly ModuleTouch[]): Set<string> | undefined {
  if (!ts.isCallExpression(touch.site)) return undefined;
  let own: Set<string> | undefined;
  for (const arg of touch.site.arguments) for (const t of makerOf(arg, all)?.call.touches ?? []) if (t.changes) (own ??= new Set()).add(t.state.key);
  return own;
}

/** The handler's touch whose call made what an argument names (`const item = await store.create(); store.get(item)`). */
function makerOf(arg: TS.Expression, all: readonly ModuleTouch[]): ModuleTouch | undefined {
  const init = ts.isIdentifier(unwrap(arg)) ? resolveInitializer(unwrap(arg)) : undefined;
  const made = init && unwrap(ts.isAwaitExpression(init) ? init.expression : init);
  return made ? all.find((t) => t.site === made) : undefined;
}

/**
 * State of another module of the run this handler changes (through a call) where another
 * registered handler reads it through another function (`addTodo()` and `listTodos()` over one
 * module-level list), or reads where another changes it: the two meet in that module's memory.
 * One function both tools call (a memo) makes no such meeting.
 */
function sharedModuleState(facts: SessionFacts, handler: TS.FunctionLikeDeclaration): SharedState | undefined {
  const all = moduleCalls(facts);
  for (const mine of all.get(handler) ?? []) {
    for (const touch of mine.call.touches) {
      const met = meeting(mine, touch, all.get(handler)!, facts.registrations, all, handler);
      if (met) return met;
    }
  }
  return otherFileMeeting(facts, handler, all.get(handler) ?? []);
}

/** Where two tools meet in a state (`file`, `facts`: the other tool's file and facts, where it is another file's). */
type SharedState = { mine: ModuleTouch; state: ModuleState; other: Registration; theirs: ModuleTouch; read: boolean; file?: string; facts?: SessionFacts; cases?: Array<{ node: TS.Node; name: string }> };

/** Whether a function returns the state named `name` (`return page`, `return this.page`, `return pages.get(id)`). */
function handsOut(fn: TS.FunctionLikeDeclaration, name: string): boolean {
  const field = name.slice(name.lastIndexOf('.') + 1);
  return returnedExpressions(fn).some((r) => {
    let v = unwrap(r);
    if (ts.isAwaitExpression(v)) v = unwrap(v.expression);
    if (ts.isCallExpression(v) && ts.isPropertyAccessExpression(unwrap(v.expression))) v = unwrap((unwrap(v.expression) as TS.PropertyAccessExpression).expression);
    return (ts.isIdentifier(v) && v.text === field) || (ts.isPropertyAccessExpression(v) && v.name.text === field);
  });
}

/**
 * A browser page kept in another module and handed out by the function this handler calls
 * (`ensureBrowser()`, which launches once and returns its page), which another handler reaches
 * too, through the same function or another: unlike a pool made on first use, what one tool does
 * to the page (goto) the next one finds (screenshot). A helper that only tracks the pages it opens
 * and closes within the call (`open.add(page)` ... `open.delete(page)`) hands none out.
 */
function pageThroughModule(facts: SessionFacts, handler: TS.FunctionLikeDeclaration): SharedState | undefined {
  const all = moduleCalls(facts);
  for (const mine of all.get(handler) ?? []) {
    if (mine.call.fn.getSourceFile() === facts.sourceFile) continue;
    for (const touch of mine.call.touches) {
      if (touch.state.live !== 'browser pages' || !handsOut(mine.call.fn, touch.state.name)) continue;
      for (const other of facts.registrations) {
        if (!other.handler || other.handler === handler) continue;
        const theirs = all.get(other.handler)?.find((t) => sameObject(mine, t, touch.state) && t.call.touches.some((x) => x.state.key === touch.state.key));
        if (theirs) return { mine, state: touch.state, other, theirs, read: touch.reads };
      }
      // One low-level tools/call handler whose cases both use the page (trial 66D).
      const cases = facts.registrations.some((r) => r.handler === handler && r.method === 'tools/call') ? pageCases(mine, handler) : [];
      if (cases.length > 1) return { mine, state: touch.state, other: facts.registrations.find((r) => r.handler === handler)!, theirs: mine, read: touch.reads, cases };
    }
  }
  return undefined;
}

/**
 * What a handler says of a page another module hands out (pageThroughModule): one reason, or one
 * per case of a tools/call handler's switch that uses it, at its first use there, naming another.
 */
function pageReasons({ mine, state, other, cases }: SharedState): ToolReason[] {
  const sites = cases ? cases.map((c, i) => ({ node: c.node, other: { kind: 'tool', name: cases[i === 0 ? 1 : 0].name } })) : [{ node: mine.site, other }];
  return sites.map(({ node, other: theirs }) => ({
    kind: 'browser-state' as const,
    text: `keeps a browser page in the memory of ${state.module} across calls (${state.name}${mine.call.label ? `, through ${mine.call.label}` : ''}), which ${theirs.name === undefined ? `another ${theirs.kind}` : `${theirs.kind} "${theirs.name}"`} uses too: the next call may reach an instance with another page or none; ${BROWSER_ADVICE}`,
    node,
  }));
}

/**
 * In a low-level tools/call handler, the cases of its switch on the tool's name that use the page
 * `mine` hands out, in it or through the local it is kept in (`const page = await ensureBrowser()`
 * before `switch (name)`, which `navigate` and `screenshot` both use: trial 66D): where each first
 * uses it, and its tool.
 */
function pageCases(mine: ModuleTouch, handler: TS.FunctionLikeDeclaration): Array<{ node: TS.Node; name: string }> {
  let at = mine.site;
  while (ts.isAwaitExpression(at.parent) || ts.isParenthesizedExpression(at.parent)) at = at.parent;
  const local = ts.isVariableDeclaration(at.parent) && at.parent.initializer === at && ts.isIdentifier(at.parent.name) ? (at.parent as TS.VariableDeclaration & { name: TS.Identifier }) : undefined;
  const byCase = new Map<TS.CaseClause, { node: TS.Node; name: string }>();
  for (const use of [mine.site, ...(local ? referencesTo(handler, local) : [])]) {
    const clause = dispatchCaseOf(use, handler);
    const name = clause && constantString(clause.expression);
    if (clause && name !== undefined && !byCase.has(clause)) byCase.set(clause, { node: use, name });
  }
  return [...byCase.values()];
}

/** A registration of `registrations` (not `handler`'s) whose handler reads what `touch` (one of `ours`, the handler's) changes, or changes what it reads. */
function meeting(mine: ModuleTouch, touch: StateTouch, ours: readonly ModuleTouch[], registrations: readonly Registration[], all: Map<TS.FunctionLikeDeclaration, ModuleTouch[]>, handler: TS.FunctionLikeDeclaration): SharedState | undefined {
  for (const other of registrations) {
    if (!other.handler || other.handler === handler) continue;
    const their = all.get(other.handler) ?? [];
    for (const theirs of their) {
      if (functionId(theirs.call.fn) === functionId(mine.call.fn) || !sameObject(mine, theirs, touch.state)) continue;
      const t = theirs.call.touches.find((x) => x.state.key === touch.state.key);
      // Or one memo of the module the two reach the state through, however each calls it (a
      // warm-up helper that fills it through the getter, trial 49B).
      if (t && oneToucher(touch, t)) continue;
      if (t && touch.changes && t.reads && !theirs.own?.has(t.state.key) && !setBefore(their, t.state, theirs)) return { mine, state: touch.state, other, theirs, read: false };
      if (t && touch.reads && t.changes && !mine.own?.has(t.state.key) && !setBefore(ours, t.state, mine)) return { mine, state: touch.state, other, theirs, read: true };
    }
  }
  return undefined;
}

/**
 * Whether two calls may reach one state: touches key state by class and field, so a field of two
 * objects a function around the tools makes (localInstanceCall), or of two the file makes at its
 * top level or in fields (`users` and `repos`, each `new Lru()`), is two states; an object the file
 * does not make may be either.
 */
function sameObject(a: ModuleTouch, b: ModuleTouch, state: ModuleState): boolean {
  // (Only an object's own fields: a Map of the module its methods share is one state for every object, review 67.)
  if (!state.field) return true;
  // An object a field of a tools class holds is reached through that field's `new` alone, from
  // either side (otherFileMeeting skips it as a cheap filter, read-through 71).
  if (a.field || b.field) return a.call.object === b.call.object;
  return a.made === b.made && (!a.call.object || !b.call.object || a.call.object === b.call.object);
}

/**
 * Whether the same one function of the module does all the changing and reading of the state both
 * touches name, and changes it only to fill it past a lookup that returns what it found (a
 * get-or-create, StateTouch.memo): a memo, however each call reaches it. Not a dispatcher every
 * store function goes through (`apply('add', text)`, `apply('list')`, review 63).
 */
function oneToucher(a: StateTouch, b: StateTouch): boolean {
  const [fn] = a.by ?? [];
  const [theirs] = b.by ?? [];
  return a.by?.size === 1 && b.by?.size === 1 && functionId(theirs) === functionId(fn) && [a, b].every((t) => !t.changes || t.memo === true);
}

/**
 * Whether a handler sets a setting itself before, or in, the call that reads it (`downloader.setup(o)`,
 * then `downloader.checkLocalAndDownload()`): it reads what its own call set, not what another
 * call left (f2c-ai/f2c-mcp). A collection is not settled so: a list reads other calls' entries too.
 */
function setBefore(touches: readonly ModuleTouch[], state: ModuleState, reading: ModuleTouch): boolean {
  // (The reading call itself may set it first: `setup(o) { this.op = o; if (this.op.localPath) ... }`.)
  return state.noun === 'setting' && touches.some((x) => (x === reading || (x.site.pos < reading.site.pos && x.site.getSourceFile() === reading.site.getSourceFile())) && x.call.touches.some((t) => t.state.key === state.key && t.sets));
}

/**
 * The same meeting where the other tool is registered in another file of the package (a file per
 * tool: `tools/add.ts` and `tools/list.ts` over `store.ts`): the package's files that import the
 * store module (ModuleSource.users), their tools' calls into it (trial 26A).
 */
function otherFileMeeting(facts: SessionFacts, handler: TS.FunctionLikeDeclaration, touches: readonly ModuleTouch[]): SharedState | undefined {
  const source = facts.modules?.source;
  if (!source) return undefined;
  // (The facts of the modules whose handlers this file registers, by path: no parse to find one.)
  const siblings = new Map([...(facts.siblings?.values() ?? [])].map((f) => [f.modules?.path, f]));
  for (const mine of touches) {
    const mineId = functionId(mine.call.fn);
    for (const touch of mine.call.touches) {
      // (The own fields of an object a field of the tools' class makes are no other file's
      // object's; a module-level Map its class's module keeps is every object's, review 70. A
      // filter ahead of sameObject, which says the same from either side.)
      if (touch.state.module === facts.modules!.path || (mine.field && touch.state.field)) continue;
      // (The users whose tools reach this state at all, once per run and state: a store module
      // many files import is not asked of each of them for every tool that reaches it. Siblings
      // are asked anyway, below.)
      const reaching = source.derivedOf?.(touch.state.module, `stateful-tool:users-reaching:${touch.state.key}`, () => usersReaching(source, touch.state));
      // (Those users alone, in the users' order, unless a sibling is a user outside them: a store
      // module of a monorepo's shared package has hundreds of users, few of whose tools reach it.)
      // And, where no function of theirs but this one reads what it changes or changes what it
      // reads (a fan-in: every tool of a hundred files counts through one `increment()`), the
      // siblings alone.
      const met = !reaching?.fns || (touch.changes && othersThan(reaching.fns.reads, mineId)) || (touch.reads && othersThan(reaching.fns.changes, mineId));
      const users = !met
        ? siblings.size === 0 ? [] : (source.users(touch.state.module) ?? []).filter((user) => siblings.has(user.path))
        : reaching && ![...siblings.keys()].some((p) => p !== undefined && !reaching.paths.has(p)) ? reaching.users : source.users(touch.state.module) ?? [];
      for (const user of users) {
        if (user.path === facts.modules!.path || (reaching && !reaching.paths.has(user.path) && !siblings.has(user.path))) continue;
        // (What the file's tools do to each state, kept per run: a file whose tools only read
        // what this call reads is not parsed again for every tool of every file, review 70.)
        // (The same function of the store on both sides makes no meeting either: `touch(id)` in every tool.)
        // Kept for the run's shared facts of the file only: a module whose tools this file registers
        // (a sibling) counts those registrations, which its shared facts lack (review 71).
        const sibling = siblings.get(user.path);
        const uses = sibling ? undefined : user.derived?.('stateful-tool:module-state-uses', () => moduleStateUses(moduleFacts(user, source)));
        if (uses && ![...(uses.get(touch.state.key) ?? [])].some(([fn, use]) => fn !== mineId && ((touch.changes && use.reads) || (touch.reads && use.changes)))) continue;
        const theirs = sibling ?? moduleFacts(user, source);
        const met = meeting(mine, touch, touches, theirs.registrations, moduleCalls(theirs), handler);
        if (met) return { ...met, file: user.path, facts: theirs };
      }
    }
  }
  return undefined;
}

/**
 * A state module's users (ModuleSource.users) whose registered tools reach `state`
 * (moduleStateUses), in the users' order, and their paths; and the functions (functionId) through
 * which those tools read it and change it (undefined where a user's uses are not known).
 */
function usersReaching(source: ModuleSource, state: ModuleState): { users: LoadedModule[]; paths: Set<string>; fns?: { reads: Set<string>; changes: Set<string> } } {
  let fns: { reads: Set<string>; changes: Set<string> } | undefined = { reads: new Set(), changes: new Set() };
  const users = (source.users(state.module) ?? []).filter((user) => {
    const uses = user.derived?.('stateful-tool:module-state-uses', () => moduleStateUses(moduleFacts(user, source)));
    if (!uses) fns = undefined;
    for (const [fn, use] of uses?.get(state.key) ?? []) {
      if (use.reads) fns?.reads.add(fn);
      if (use.changes) fns?.changes.add(fn);
    }
    return !uses || uses.has(state.key);
  });
  return { users, paths: new Set(users.map((user) => user.path)), fns };
}

/** Whether a set of function ids holds one other than `fn`. */
function othersThan(fns: ReadonlySet<string>, fn: string): boolean {
  return fns.size > 1 || (fns.size === 1 && !fns.has(fn));
}

/**
 * Per state of another module a file's registered tools reach (by ModuleState.key), per function
 * they reach it through (functionId): whether any changes it, and any reads it. What meeting()
 * can find in that file at most.
 */
function moduleStateUses(facts: SessionFacts): Map<string, Map<string, { changes: boolean; reads: boolean }>> {
  const uses = new Map<string, Map<string, { changes: boolean; reads: boolean }>>();
  for (const touches of moduleCalls(facts).values()) {
    for (const { call } of touches) {
      const fn = functionId(call.fn);
      for (const { state, changes, reads } of call.touches) {
        let byFunction = uses.get(state.key);
        if (!byFunction) uses.set(state.key, (byFunction = new Map()));
        const use = byFunction.get(fn) ?? { changes: false, reads: false };
        byFunction.set(fn, { changes: use.changes || changes, reads: use.reads || reads });
      }
    }
  }
  return uses;
}

/** A function's identity across parses of its module: a module the run dropped and parsed again is a new tree (ModuleFiles). */
function functionId(fn: TS.Node): string {
  return `${fn.getSourceFile().fileName}:${fn.pos}`;
}

/** Per file: the module-level arrays handlers add to (an in-memory queue), and the handlers that read them. */
const moduleArrayUseByFile = new WeakMap<SessionFacts, ModuleUses>();

function moduleArrayUses(facts: SessionFacts): ModuleUses {
  let uses = moduleArrayUseByFile.get(facts);
  if (uses) return uses;
  moduleArrayUseByFile.set(facts, (uses = new Map()));
  const targets = new Set<TS.Node>();
  const handlers = collectionChanges(facts);
  for (const [handler, changes] of handlers) {
    for (const { target, at, how, decl, array } of changes) {
      if (how !== 'mutate' || !array || namedRecord((decl.name as TS.Identifier).text)) continue;
      targets.add(unwrap(target));
      const e = uses.get(decl) ?? { changed: new Map(), read: new Map() };
      if (!e.changed.has(handler)) e.changed.set(handler, at);
      uses.set(decl, e);
    }
  }
  // Read in the handler, or in a function of this file it calls (`search(q)` returning
  // `notes.filter(...)`, trial 54B B1), as the changes are found.
  // (In a helper, only what it hands back: a helper that trims the list or logs its length reads
  // nothing a caller gets, review 70.)
  for (const handler of handlers.keys()) {
    const read = (body: TS.Node) => {
      for (const [decl, node] of firstReads(body, uses, targets)) if (!uses.get(decl)!.read.has(handler)) uses.get(decl)!.read.set(handler, node);
    };
    read(handler.body!);
    // (A returned local: `const hits = notes.filter(...); return hits`.)
    for (const fn of calledHelpers(facts, handler)) {
      for (const returned of returnedExpressions(fn)) {
        read(returned);
        const local = ts.isIdentifier(unwrap(returned)) ? resolveInitializer(unwrap(returned) as TS.Identifier) : undefined;
        if (local) read(local);
      }
    }
  }
  return uses;
}

const moduleInstanceUseByFile = new WeakMap<SessionFacts, ModuleUses>();

/**
 * Module-level objects of a class of the file whose methods change their own fields (`const
 * forwarder = new Forwarder()`, statefulInstance): per handler, where it calls a method that
 * changes them (`forwarder.track(...)`), and where it first uses the object otherwise.
 */
function moduleInstanceUses(facts: SessionFacts): ModuleUses {
  let uses = moduleInstanceUseByFile.get(facts);
  if (uses) return uses;
  moduleInstanceUseByFile.set(facts, (uses = new Map()));
  const handlers = facts.registrations.map((r) => r.handler).filter((h): h is TS.FunctionLikeDeclaration => !!h?.body);
  // A store class around a Map of its own (`store.set(key, v)`) is judged by its keys, as the Map is (moduleUses).
  const stores = moduleUses(facts);
  // The names of the slots of the tools' factory handed such an object at every call (boundVariable).
  const handed = new Set<string>();
  for (const handler of handlers) {
    for (const change of instanceChanges(handler.body!, facts)) {
      const target = unwrap(change.target);
      const named = ts.isIdentifier(target) ? resolveIdentifier(target) : undefined;
      const bound = named && ts.isVariableDeclaration(named) ? undefined : boundThrough(target, facts);
      const decl = bound?.decl ?? named;
      if (!decl || !ts.isVariableDeclaration(decl) || !(bound || isModuleVariable(decl)) || stores.has(decl) || mapStoreOf(decl)) continue;
      if (bound) handed.add(handedSlot(target)!.id.text);
      // (No noun: two tools that both change it share it, as a setting's.)
      const e = uses.get(decl) ?? { changed: new Map(), read: new Map() };
      if (!e.changed.has(handler)) e.changed.set(handler, change.at);
      uses.set(decl, e);
    }
  }
  for (const handler of handlers) {
    for (const [decl, node] of firstReads(handler.body!, uses, undefined, false, { names: handed, facts })) if (!uses.get(decl)!.changed.has(handler)) uses.get(decl)!.read.set(handler, node);
  }
  return uses;
}

/**
 * Where a function is handed a value: its parameter, or a property of it (`options.store`, or
 * `{ store }` destructured in the parameter list), and the identifier the code names it by.
 */
interface HandedSlot {
  param: TS.ParameterDeclaration;
  member?: string;
  id: TS.Identifier;
}

/** The slot an expression of a function names (`machine`, `options.store`, a destructured `store`), if any. */
function handedSlot(expression: TS.Node): HandedSlot | undefined {
  const e = unwrap(expression);
  if (ts.isPropertyAccessExpression(e)) {
    const base = unwrap(e.expression);
    const named = ts.isIdentifier(base) ? resolveIdentifier(base) : undefined;
    return named && ts.isParameter(named) && ts.isIdentifier(named.name) ? { param: named, member: e.name.text, id: base as TS.Identifier } : undefined;
  }
  if (!ts.isIdentifier(e)) return undefined;
  const named = resolveIdentifier(e);
  if (named && ts.isParameter(named)) return { param: named, id: e };
  const pattern = named && ts.isBindingElement(named) && !named.dotDotDotToken ? named.parent : undefined;
  const key = pattern && ts.isObjectBindingPattern(pattern) && ts.isParameter(pattern.parent) ? ((named as TS.BindingElement).propertyName ?? (named as TS.BindingElement).name) : undefined;
  return key && ts.isIdentifier(key) ? { param: pattern!.parent as TS.ParameterDeclaration, member: key.text, id: e } : undefined;
}

/** A variable a slot is handed at every call, and the facts of the file that declares it (another module's, for a caller there). */
interface Bound {
  decl: TS.VariableDeclaration;
  facts: SessionFacts;
}

const boundMemo = new WeakMap<TS.ParameterDeclaration, Map<string, Bound | null>>();

/**
 * The one object of the process a function's parameter (or a property of it) is handed at every
 * call of it, in the file or in the modules of the run that import it (`buildServer(machine)` for
 * `function buildServer(m: Machine)`, `buildServer({ store })` for `options.store`): the tools the
 * factory registers reach, through the parameter, the one object of the process (trial 32C, an
 * emulator made once and handed to the server's factory; trial 44B, a conversation store made in
 * main() and handed to the factory of another module). A module-level variable, or a local of a
 * function that runs once per process (startupLocal). None where a call hands something else, or
 * there is none.
 */
function boundVariable(slot: HandedSlot, facts: SessionFacts, depth = 0): Bound | undefined {
  const { param, member = '' } = slot;
  let memo = boundMemo.get(param);
  if (!memo) boundMemo.set(param, (memo = new Map()));
  const known = memo.get(member);
  if (known !== undefined) return known ?? undefined;
  memo.set(member, null);
  const fn = param.parent;
  const index = isFunctionLike(fn) ? fn.parameters.indexOf(param) : -1;
  const calls =
    index >= 0 && !param.dotDotDotToken
      ? callsAnywhere(fn as TS.FunctionLikeDeclaration, facts)
      : [];
  let bound: Bound | undefined;
  for (const { call, facts: theirs } of calls) {
    const decl = handedVariable(call.arguments[index], member);
    // Handed on from a slot of the caller's own (`registerTools(server, options)` in `buildServer(options)`): what that slot is handed.
    const outer = decl ? undefined : handedOn(call.arguments[index], member);
    const found = decl ? (isModuleVariable(decl) || startupLocal(decl, call) ? { decl, facts: theirs } : undefined) : outer && depth < 3 ? boundVariable(outer, theirs, depth + 1) : undefined;
    if (!found || (bound && bound.decl !== found.decl)) {
      bound = undefined;
      break;
    }
    bound = found;
  }
  memo.set(member, bound ?? null);
  return bound;
}

/** The variable an argument names (`store`), or, for a property, the one its object literal gives that property (`{ store }`, `{ store: notes }`). */
function handedVariable(arg: TS.Expression | undefined, member: string): TS.VariableDeclaration | undefined {
  let value = arg && unwrap(arg);
  if (value && member) value = literalMember(value, member);
  const decl = value && ts.isIdentifier(unwrap(value)) ? resolveIdentifier(unwrap(value) as TS.Identifier) : undefined;
  return decl && ts.isVariableDeclaration(decl) ? decl : undefined;
}

/** The caller's slot an argument hands on: the caller's parameter whole (the same property of it, for a property), or the slot a value names (`options.store`, `{ store: options.store }`). */
function handedOn(arg: TS.Expression | undefined, member: string): HandedSlot | undefined {
  const value = arg && unwrap(arg);
  if (!value) return undefined;
  if (member && ts.isObjectLiteralExpression(value)) {
    const given = literalMember(value, member);
    return given && handedOn(given, '');
  }
  const slot = handedSlot(value);
  if (!slot || !member) return slot;
  return slot.member === undefined ? { ...slot, member } : undefined;
}

/**
 * Whether a local is made once per process where `call` hands it on: declared in a function the
 * call sits in (`const store = new Store()` in main(), handed to the factory there or in a
 * request's callback inside it), outside any loop of it, that runs once per process.
 */
function startupLocal(decl: TS.VariableDeclaration, call: TS.CallExpression): boolean {
  const fn = enclosingFunction(decl);
  if (!fn || !(call.pos >= fn.pos && call.end <= fn.end) || !runsOncePerProcess(fn)) return false;
  for (let n: TS.Node = decl; n !== fn; n = n.parent) if (ts.isIterationStatement(n, false)) return false;
  return true;
}

/** The variable an expression of a handler reaches through a slot of the tools' factory (boundVariable). */
function boundThrough(expression: TS.Node, facts: SessionFacts): Bound | undefined {
  const slot = handedSlot(expression);
  return slot && boundVariable(slot, facts);
}

/** What an identifier of a handler reaches through a slot: its whole slot's (`machine`, a destructured `store`), else the property's it is the object of (`options` of `options.store`). */
function boundAt(id: TS.Identifier, facts: SessionFacts): Bound | undefined {
  const parent = id.parent;
  return boundThrough(id, facts) ?? (ts.isPropertyAccessExpression(parent) && parent.expression === id ? boundThrough(parent, facts) : undefined);
}

/**
 * A module-level collection (`const screenshots = new Map()`) a list handler reads and another
 * registered handler adds to or removes from: where the handler reads it first.
 */
function filledCollection(facts: SessionFacts, handler: TS.FunctionLikeDeclaration): { name: string; node: TS.Node; decl: TS.VariableDeclaration } | undefined {
  const filled = new Set<TS.VariableDeclaration>();
  for (const [other, changes] of collectionChanges(facts)) if (other !== handler) for (const { decl } of changes) filled.add(decl);
  for (const [decl, first] of firstReads(handler.body!, filled)) {
    const changesTo = (which: (changed: string | undefined) => boolean) => [...collectionChanges(facts)].some(([other, changes]) => other !== handler && changes.some((c) => c.decl === decl && which(changedMember(c.target))));
    // A member store of an object another call fills (`state.shots`, trial 63B B1) is named as
    // such; one no other call changes, `library.docs` fixed at start-up beside a `library.calls` a
    // tool counts in, is read as it was made (review 81 point 4), whichever of the object's
    // members the handler reads first (review 82 point 4). A change to the whole object counts.
    const stores = memberStores(decl);
    const reads = stores.size > 0 && ts.isIdentifier(decl.name) ? [first, ...referencesTo(handler.body!, decl as TS.VariableDeclaration & { name: TS.Identifier }).filter((r) => r !== first)] : [first];
    for (const id of reads) {
      const member = ts.isPropertyAccessExpression(id.parent) && id.parent.expression === id ? id.parent.name.text : undefined;
      const memberStore = member !== undefined && stores.has(member);
      // (A member that is no store, `library.title`, is no list of what others add: review 83 point 3.)
      if (stores.size > 0 && member !== undefined && !memberStore) continue;
      if (memberStore && !changesTo((changed) => changed === member || changed === undefined)) continue;
      return { name: memberStore ? `${id.text}.${member}` : id.text, node: id, decl };
    }
  }
  return undefined;
}

/**
 * The test that keeps a handler's dependence on the session id on the 2025 path: the one its read
 * sits behind, or, where it calls a helper that reads it (`buildContext(server, era)`), the one
 * every read of the helper sits behind (`era === 'modern' ? undefined : transport.sessionId`).
 */
function sessionIdGuard(facts: SessionFacts, site: TS.Node): ReturnType<typeof legacyTest> {
  const here = legacyTest(site);
  if (here) return here;
  const helper = ts.isCallExpression(site) ? facts.callTarget(site) : undefined;
  return helper ? everyOnLegacyPath(facts.usesOf(helper).sessionIdReads) : undefined;
}

/**
 * Where server-scoped state is kept and how long it lasts, as messages say it (`made with the
 * server in build(): it lasts as long as that server instance (...), so the next call may not find
 * it`): `then`, what follows from that (not for an entry of a module-level collection, entryLasts).
 */
function scopedLasts(scoped: ScopedState, facts: SessionFacts, then = 'so the next call may not find it'): string {
  if (scoped.entry) return entryLasts(scoped, facts);
  return scoped.handed
    ? `${HANDED_TO_BUILDER} ${scoped.factory} with each server: it lasts as long as that object (a session's, where each session's server gets its own; one request once servers are built per request), ${then}`
    : `${scoped.onHandedServer ? MADE_FOR_HANDED_SERVER : MADE_WITH_SERVER} ${scoped.factory}: it lasts as long as that server instance (${SERVER_LIFETIME}), ${then}`;
}

/**
 * The server-state reasons of the server-scoped state a handler keeps or reads (serverScopedStates),
 * all of it in one finding (trial 78A B7): states that last alike and ask for the same are named
 * together (`keeps state in history and total, made with the server in build(): ...`), and advice
 * the next reason of the same tool repeats is said once, after it.
 */
function scopedReasons(facts: SessionFacts, handler: TS.FunctionLikeDeclaration, registration: Registration, states: readonly ScopedState[]): ToolReason[] {
  type Said = { names: string[]; read: boolean; tail: string; advice: string; plain: boolean; tool: string | undefined; reason: Omit<ToolReason, 'text'> };
  const said: Said[] = [];
  const caseReasons: ToolReason[] = [];
  for (const scoped of states) {
    const made = ts.isVariableDeclaration(scoped.decl) ? scoped.decl : undefined;
    const processes = !!made && holdsProcesses(made);
    // A browser page made with the server (`let page: Page | undefined` in its factory, trial 40A).
    const browserPage = !processes && !!made && liveObjects(made) === 'browser pages';
    // In a low-level tools/call handler: the other tools that change or read the same fields, and
    // whether the case reported sets a caller's credential (login's authToken).
    const cases = !scoped.read && made && registration.method === 'tools/call' ? caseScopedUses(handler, made, scoped.node) : undefined;
    const credential = cases?.coveredFields.find(namesCredential);
    const lasts = scopedLasts(scoped, facts);
    const flags = {
      ...(scoped.entry ? { entryOf: scoped.entry.collection } : { madeWithServer: true as const, lastsWithServer: true as const }),
      ...(scoped.overStdio ? { overStdio: true as const } : {}),
    };
    const advice = processes && registration.kind === 'tool' ? PROCESS_ADVICE : browserPage ? BROWSER_ADVICE : credential ? CREDENTIAL_ADVICE : scopedAdvice(registration, scoped);
    const item: Said = {
      names: [`${scoped.name}${processes ? ' (running processes)' : ''}`],
      read: !!scoped.read,
      tail: `, ${lasts}${credential ? `, and every later call on it runs with the credential it keeps (${credential}), whoever makes it` : ''}`,
      advice,
      plain: !processes && !browserPage && !credential,
      tool: toolAt(scoped.node, registration)?.name,
      reason: { kind: 'server-state', node: scoped.node, ...flags, ...(processes ? { also: 'process-state' as const } : browserPage ? { also: 'browser-state' as const } : {}) },
    };
    // (Named with an earlier state of the same tool that lasts alike and asks for the same.)
    const like = item.plain ? said.find((o) => o.plain && o.read === item.read && o.tail === item.tail && o.advice === item.advice && o.tool === item.tool && o.reason.overStdio === item.reason.overStdio) : undefined;
    if (like) like.names.push(...item.names);
    else said.push(item);
    // The other tools of a low-level tools/call handler that change or read the same fields.
    if (cases) {
      const held = (scoped.decl.name as TS.Identifier).text;
      for (const use of cases.uses) {
        const credential = namesCredential(use.field);
        caseReasons.push({
          kind: 'server-state',
          text: `${use.changes ? `changes ${held}.${use.field}` : `reads ${held}.${use.field}, state another tool leaves there`}, ${lasts}${credential ? ', and every later call on it runs with the credential, whoever makes it' : ''}; ${credential ? CREDENTIAL_ADVICE : scopedAdvice(registration, scoped)}`,
          node: use.node,
          ...flags,
        });
      }
    }
  }
  // Advice said once for the states of one tool that share it, after the last of them ("keep them
  // ..."): per tool, how many states the advice still to be said covers.
  const covered = new Map<string | undefined, number>();
  return [
    ...said.map((item, i) => {
      const text = `${item.read ? 'reads' : 'keeps state in'} ${joinNames(item.names)}${item.read ? ', state another handler leaves there' : ''}${item.tail}`;
      const covers = (covered.get(item.tool) ?? 0) + item.names.length;
      const shared = said.slice(i + 1).find((o) => o.tool === item.tool)?.advice === item.advice;
      covered.set(item.tool, shared ? covers : 0);
      return { ...item.reason, text: shared ? text : `${text}; ${covers > 1 ? item.advice.replace(/^(keep|work) it\b/, '$1 them') : item.advice}` };
    }),
    ...caseReasons,
  ];
}

/**
 * What a callback of a resource template (its `list`, a `complete` one) reads of the state made
 * with the server that the handlers change (serverScopedStates, as the resource registered with
 * the template would), as a message names it given what follows from it (`notes, state another
 * handler leaves there, the object handed to build() with each server: it lasts ..., ${then}`);
 * undefined where it reads none, or the template is not written in a registration of the file.
 * (Not an entry of a module-level collection: lasting as long as the process, it says nothing of `then`.)
 */
function templateCallbackStates(facts: SessionFacts, template: TS.NewExpression, callback: TS.FunctionLikeDeclaration): ((then: string) => string) | undefined {
  const registration = facts.registrations.find((r) => r.kind === 'resource' && template.pos >= r.call.pos && template.end <= r.call.end);
  const states = registration ? serverScopedStates(facts, callback, { ...registration, handler: callback }).filter((s) => s.read && !s.entry && !legacyTest(s.node)) : [];
  if (states.length === 0) return undefined;
  return (then) => {
    // (States that last alike named together.)
    const byLasts = new Map<string, string[]>();
    for (const s of states) {
      const lasts = scopedLasts(s, facts, then);
      byLasts.set(lasts, [...(byLasts.get(lasts) ?? []), s.name]);
    }
    return [...byLasts].map(([lasts, names]) => `${joinNames(names)}, state another handler leaves there, ${lasts}`).join('; ');
  };
}

/** Why a registered handler needs the same instance across calls; empty when it does not. */
export function statefulReasons(facts: SessionFacts, registration: Registration): ToolReason[] {
  const handler = registration.handler;
  if (!handler?.body) return [];
  const reasons: ToolReason[] = [];
  // What the wrapper's function does around the handler (`withGame(logic)` loading the game under the session id).
  const outer = registration.wrapper;
  if (outer?.fn.body) reasons.push(...statefulReasons(facts, { ...registration, handler: outer.fn, contextParam: outer.contextParam, wrapper: undefined }));
  // @nuxtjs/mcp-toolkit's session store (`useMcpSession()`, kept under the Mcp-Session-Id header):
  // it throws where a request carries no session id, as every 2026-07-28 request (trial 48A).
  const nuxtSession = registration.shape === 'config-first' ? callsIn(facts, handler.body, usesNuxtSession)[0] : undefined;
  if (nuxtSession) reasons.push({ kind: 'session-state', text: `keeps state in the MCP session through useMcpSession() (@nuxtjs/mcp-toolkit's store under the Mcp-Session-Id header): 2026-07-28 requests carry no session id, so it fails on every call`, node: nuxtSession, state: 'useMcpSession()' });
  const uses = facts.usesOf(handler);
  // One reason per place the handler reaches the state, so a low-level handler can attribute each
  // to the tool whose `case` it sits in; the rule merges identical reasons per tool.
  let sent: TS.PropertyAccessExpression | undefined;
  for (const c of uses.collections) {
    // Entries of one call under the session id and the request id: no handle to mint (see session-state).
    const scoped = requestScopedKey(c);
    for (const site of uses.sites.get(c) ?? [c.reportNode]) {
      if (scoped) reasons.push({ kind: 'request-state', text: `keeps entries for one call in ${c.name} under the MCP session id with its request id: key them by an id unique to the call`, node: site });
      else if ((c.valueKind === 'transport' || c.valueKind === 'server') && (sent = sendsThrough(site))) {
        // `transports.get(sid)?.send(...)` for each subscriber: a push to other sessions, not state of the caller's.
        reasons.push({ kind: 'server-push', text: `pushes a notification to other sessions through the ${c.valueKind}s kept in ${c.name} (${codeSnippet(sent, 40)}): 2026-07-28 has no sessions to push to, so it reaches no client (a change notification only on a subscriptions/listen stream the client opened)`, node: site });
      } else {
        // A set of session ids taken out of another collection (`watchersByUri.get(uri)`) is named by that one.
        const name = (c.origin === 'declared' && setOfSessionIds(c)?.holder) || stateName(c);
        // Paths of files the server makes on this instance's disk (trial 77A B1): a store of the paths shares no file.
        const disk = name === c.name ? localDiskPaths(c) : undefined;
        if (disk) reasons.push({ kind: 'session-state', text: `reads or writes per-session state ${name}, ${diskPaths(disk)}, so ${DISK_ADVICE} (${DISK_LOSS})`, node: site, state: name, also: 'disk-state' });
        else reasons.push({ kind: 'session-state', text: `reads or writes per-session state ${name}`, node: site, state: name });
      }
    }
  }
  // Session-id reads are a reason of their own only where no per-session state explains them
  // (the rule drops them for tools that already have a session-state reason).
  // The context handed whole to a function of another module that keys something by its session
  // id (trial 78A B2: `getSession(ctx)`): the call keeps by the id as `cartFor(extra.sessionId!)` does.
  const keyedThroughContext = new Map<TS.Node, { call: TS.CallExpression; read: TS.Node; handed: ContextHanded }>();
  for (const { site, call, handed } of uses.contextHandedOn) {
    const read = keyedThroughContext.has(site) ? undefined : keyedByContext(handed);
    if (read) keyedThroughContext.set(site, { call, read, handed });
  }
  const first = uses.sessionIdReads[0];
  let identity: ReturnType<typeof identityLookup>;
  /** Where the handler refuses a call without the id: past it, the id is there. */
  let refusedAt: number | undefined;
  for (const site of [...uses.sessionIdSites, ...[...keyedThroughContext.keys()].filter((s) => !uses.sessionIdSites.includes(s))]) {
    const throughContext = keyedThroughContext.get(site);
    if (throughContext) {
      if (refusedAt !== undefined && site.pos >= refusedAt) continue;
      // A caller's credential found by the id (`apiKeyOf(ctx)`, `getAccount(ctx).apiKey`): who the caller is, not state for a handle.
      const who = identityThroughContext(throughContext.call, throughContext.handed, facts.modules?.source);
      if (who) {
        reasons.push({ kind: 'session-identity', text: identityText(who), node: site });
        continue;
      }
      // (What the function of the other module reads, and the call that hands it the context.)
      const keyed = throughContext.call;
      const read = `${codeSnippet(throughContext.read)} in ${codeSnippet(keyed.expression, 40)}()`;
      const undefinedThere = sessionIdGuard(facts, site) ? '' : `: 2026-07-28 requests carry none, so it is undefined there, and ${KEPT_BY_ID} \`${codeSnippet(keyed, 50)}\`: a store's entry, a file) is one every caller shares, or none; ${keyAdvice(registration, handler, site)}`;
      reasons.push({ kind: 'session-id', text: `depends on the MCP session id (${read})${undefinedThere}`, node: site, ...(undefinedThere ? { keptBy: keyed } : {}) });
      continue;
    }
    // A read in the handler itself (a helper's call is a site too): what the handler does with it.
    const use = uses.sessionIdReads.includes(site) ? sessionIdUse(site) : undefined;
    // Shown where there is one, left out where not: nothing depends on it.
    if (use?.how === 'optional') continue;
    if (use?.how === 'refuses') {
      // Only a refusal every call passes (a statement of the handler's own body): one in a branch
      // (`if (strict) { if (!extra.sessionId) throw ... }`) leaves the id unset past it (review 61).
      if (use.at.parent === handler.body) refusedAt ??= use.at.end;
      reasons.push({
        kind: 'session-id',
        text: `refuses to run without an MCP session id (${codeSnippet(first)}): 2026-07-28 requests carry none, so every call from a 2026-07-28 client fails; take what it keeps per session under a handle argument (or key it by the caller's authenticated principal)`,
        node: site,
      });
    } else if (use?.how === 'compares') {
      reasons.push({
        kind: 'session-owner',
        text: `checks the MCP session id against ${use.other} (${use.at.getText().slice(0, 60)}): 2026-07-28 requests carry none, so it compares undefined, which matches every record a 2026-07-28 request made: whoever asks passes; compare the caller's authenticated principal (extra.authInfo) instead`,
        node: site,
      });
    } else if ((identity = identityLookup(site) ?? identityThroughHelper(facts, site))) {
      reasons.push({ kind: 'session-identity', text: identityText(identity), node: site });
    } else if (use) {
      reasons.push({ kind: 'session-record', text: `records the MCP session id as ${use.other} (${use.at.getText().slice(0, 60)}): 2026-07-28 requests carry none, so every caller's record holds the same undefined; record the caller's authenticated principal (extra.authInfo) or a handle the tool returns`, node: site });
    } else if (refusedAt === undefined || site.pos < refusedAt) {
      // What that means where it is not kept on the 2025 path (trial 28C: a game saved as games/undefined.json by every caller).
      const keyed = keyedBy(site) ?? keyedInCallee(facts, site);
      const undefinedThere = sessionIdGuard(facts, site)
        ? ''
        : `: 2026-07-28 requests carry none, so it is undefined there, and ${keyed ? `${KEPT_BY_ID} \`${codeSnippet(keyed, 50)}\`: a store's entry, a file)` : "whatever the handler keeps or names by it (a store's entry, a file)"} is one every caller shares, or none; ${keyAdvice(registration, handler, site)}`;
      reasons.push({ kind: 'session-id', text: `depends on the MCP session id (${codeSnippet(first)})${undefinedThere}`, node: site, ...(keyed && undefinedThere ? { keptBy: keyed } : {}) });
    }
  }
  // A browser (page) one call opens and the next one uses.
  const holders = browserHolders(facts);
  const browser = holders.size > 0 ? browserUses(facts, handler.body, holders)[0] : undefined;
  if (browser) {
    // In a field of the object the tools are registered on, made with their server (a subclass of
    // McpServer): it lasts as long as that server, which fix may build per request (runner.ts).
    const onServer = onServerObject(facts, browser.holder);
    const where = onServer ? FIELD_OF_SERVER_OBJECT : "this instance's memory";
    reasons.push({ kind: 'browser-state', text: `keeps a browser page in ${where} across calls (${browser.name}): the next call may reach an instance with another page or none; ${BROWSER_ADVICE}`, node: browser.node, ...(onServer ? { lastsWithServer: true as const } : {}) });
  }
  // State made with the server (a local of the function that builds it) the handler changes.
  // Read only on the 2025 path of code that speaks both eras (`era === 'modern' || subscribed.has(uri)`):
  // state only 2025 clients' requests fill, which 2026-07-28 requests never read.
  const states = serverScopedStates(facts, handler, registration).filter((state) => !(state.read && legacyTest(state.node)));
  const scoped = states[0];
  // Or kept under the server object itself, in a module-level (Weak)Map or on a member of it (trial 74B B10).
  const keyedByServer = scoped ? [] : serverKeyedState(facts, registration);
  for (const keyed of keyedByServer) {
    reasons.push({
      kind: 'server-state',
      // (A tool that only reads it is told so: review 93 point 11.)
      text: `${keyed.read ? `reads state another tool keeps in ${keyed.name}` : `keeps state in ${keyed.name}`} ${KEYED_BY_SERVER} (${codeSnippet(keyed.node, 40)}), ${keyed.handed ? MADE_FOR_HANDED_SERVER : 'made with'} ${keyed.factory}: it lasts as long as that server instance (${SERVER_LIFETIME}), so the next call may not find it; keep it in a shared store under a handle the tool takes`,
      node: keyed.node,
      madeWithServer: true as const,
      lastsWithServer: true as const,
      ...(keyed.overStdio ? { overStdio: true as const } : {}),
    });
  }
  reasons.push(...scopedReasons(facts, handler, registration, states));
  // A module-level setting one tool changes and another reads (kubectl's current context): it
  // lasts as long as this process.
  const shared = scoped ? undefined : (sharedUse(moduleUses(facts), handler) ?? (registration.method === 'tools/call' ? caseSharedUse(moduleUses(facts), handler) : undefined));
  // (Not a map keyed by the server, which serverKeyedState said lasts as long as that server.)
  const moduleLevel = shared && keyedByServer.some((k) => k.name === shared.name) ? undefined : shared;
  let instance: ReturnType<typeof sharedUse>;
  let processWide: ReturnType<typeof sharedProcessWide>;
  let handleStore: [StoreDecl, HandleStoreUse] | undefined;
  // A caller's credential one tool keeps where the next calls find it (`api.setToken(token)`): every later call on this instance runs with it.
  const credential = (use: ReturnType<typeof sharedUse> & object, uses: ModuleUses) => credentialChange(use.decl, uses.get(use.decl)?.changed.entries() ?? []);
  let kept: TS.Node | undefined;
  if (moduleLevel && (kept = credential(moduleLevel, moduleUses(facts)))) {
    reasons.push({
      kind: 'server-state',
      text: `${moduleLevel.read ? `reads ${moduleLevel.name}, a caller's credential another tool keeps at module level (${codeSnippet(kept, 40)})` : `keeps a caller's credential in ${moduleLevel.name} at module level for the tools after it`}: every later call on this instance runs with it, whoever makes it, and a call that reaches another instance runs without it; ${CREDENTIAL_ADVICE}`,
      node: moduleLevel.node,
    });
  } else if (moduleLevel) {
    reasons.push({
      kind: 'server-state',
      text: `${moduleLevel.read ? `reads ${moduleLevel.name}, a module-level ${moduleLevel.noun ?? 'setting'} another tool changes` : `changes ${moduleLevel.name}, a module-level ${moduleLevel.noun ?? 'setting'} another tool reads`}: it lasts as long as this process, so a call that reaches another instance finds another value; take it as an argument of each call (or keep it in a shared store under a handle the tools take)`,
      node: moduleLevel.node,
    });
  } else if (!scoped && (processWide = sharedProcessWide(facts, handler, registration.method === 'tools/call'))) {
    // An environment variable or a global of the process that one tool sets from its caller's
    // arguments and another reads (trial 72B B8): a module-level setting by another name, said so.
    const { name, noun, node, read, credential: keptAt } = processWide;
    reasons.push({
      kind: 'server-state',
      text: keptAt
        ? `${read ? `reads ${name}, a caller's credential another tool keeps in ${withArticle(noun)} (${codeSnippet(keptAt, 40)})` : `keeps a caller's credential in ${name}, ${withArticle(noun)}, for the tools after it`}: every later call on this instance runs with it, whoever makes it, and a call that reaches another instance runs without it; ${CREDENTIAL_ADVICE}`
        : `${read ? `reads ${name}, ${withArticle(noun)} another tool changes` : `changes ${name}, ${withArticle(noun)} another tool reads`}: it lasts as long as this process, so a call that reaches another instance finds another value; take it as an argument of each call (or keep it in a shared store under a handle the tools take)`,
      node,
    });
  } else if (!scoped && (instance = sharedUse(moduleInstanceUses(facts), handler) ?? (registration.method === 'tools/call' ? caseSharedUse(moduleInstanceUses(facts), handler, facts) : undefined))) {
    // A module-level object of a class one tool changes through its methods and another uses (a port forwarder's processes).
    const cls = statefulInstance(instance.decl);
    const processes = holdsProcessFields(cls);
    const imported = cls ? undefined : importedClassOf(instance.decl);
    const made = `${imported ? `${imported} object of another module` : `${cls?.name?.text ?? 'class'} object`}`;
    // A local of a function that runs once per process (startupLocal), or a module-level one.
    const noun = isModuleVariable(instance.decl) ? `module-level ${made}` : `${made} made once per process (in ${functionName(instance.decl) ?? 'a startup function'}())`;
    // Reached through a slot of the tools' factory (boundVariable): named as the call hands it, and where, when in another module.
    const named = ts.isCallExpression(instance.node) ? calleeReceiver(instance.node) : instance.node;
    const slot = named && handedSlot(named);
    const factory = slot && isFunctionLike(slot.param.parent) ? functionName(slot.param) : undefined;
    const from = slot && boundVariable(slot, facts)?.facts.modules?.path;
    if (factory) instance.name = `${instance.name} (${from && from !== facts.modules?.path ? `made in ${from}, ` : ''}handed to ${factory}())`;
    kept = processes ? undefined : credential(instance, moduleInstanceUses(facts));
    reasons.push({
      kind: 'server-state',
      text: kept
        ? `${instance.read ? `uses ${instance.name}, a ${noun} another tool keeps a caller's credential on (${codeSnippet(kept, 40)})` : `keeps a caller's credential on ${instance.name}, a ${noun} that the other tools use`}: every later call on this instance runs with it, whoever makes it, and a call that reaches another instance runs without it; ${CREDENTIAL_ADVICE}`
        : `${instance.read ? `uses ${instance.name}, a ${noun} whose state another tool changes` : `changes the state of ${instance.name}, a ${noun} that another tool uses`}${processes ? ' (running processes)' : ''}: it lasts as long as this process, so a call that reaches another instance finds another object; ${processes ? PROCESS_ADVICE : 'keep its state in a shared store under a handle the tools take'}`,
      node: instance.node,
      ...(processes ? { also: 'process-state' as const } : {}),
    });
  } else if (!scoped && (handleStore = [...handleStoreUses(facts)].find(([, e]) => e.minted.has(handler) || e.looked.has(handler) || e.listed.has(handler) || (e.callerNamed && e.named!.has(handler))))) {
    // Entries a tool keeps under a handle it mints and others look up by that handle: the handle is right, the store is this process.
    const [decl, e] = handleStore;
    const name = storeName(decl);
    const minted = e.minted.get(handler);
    const listed = e.listed.get(handler);
    const live = holdsProcesses(decl) ? 'running processes' : liveObjects(decl);
    // Entries a timer of this process goes on changing after the call returned (a job's progress).
    const advanced = live === 'running processes' ? undefined : advancedByTimer(decl);
    const advice = live
      ? LIVE[live].advice
      : advanced
        ? `a ${advanced.timer} of this process also goes on changing them (${advanced.change}), so the work runs here and a shared store alone does not help: run it where every instance sees its progress (a job queue whose worker writes it to a shared store under that handle), or make the tool a task of the Tasks extension`
        : 'keep the entries in a shared store (Redis, a database) under that handle';
    const looked = e.looked.get(handler);
    const stores = e.callerNamed && !looked ? e.named!.get(handler) : undefined;
    // The handle travels in a header the tools declare (x-mcp-header): the advice to do so is done.
    const routed = !e.callerNamed && !listed && !e.filled && (minted || looked) ? routedHeader(facts, e, handler) : undefined;
    const minters = routed ? facts.registrations.flatMap((r) => (r.handler && e.minted.has(r.handler) && r.name !== undefined ? [`"${r.name}"`] : [])) : [];
    const handleAdvice = routed ? `${advice.replace(ROUTE_BY_HANDLE, '')}${routedText(routed, minters)}` : advice;
    // A tool that stores entries under its caller's key, or one that looks them up by such a key.
    const namedText = (keeps: boolean) => {
      const key = keeps ? e.namedKeys?.get(handler) : e.lookedKeys?.get(handler);
      // Keyed by who the caller is (trial 72B B1): each user's entries are on the instance their call reached.
      const identity = key && identityKey(key, handler as TS.FunctionLikeDeclaration);
      if (identity) return `${keeps ? `keeps entries in ${name}${live ? ` (${live})` : ''} under the caller's identity (${codeSnippet(identity, 50)}), which another call looks up by it` : `looks up entries of ${name}${live ? ` (${live})` : ''} by the caller's identity (${codeSnippet(identity, 50)}), under which another call stores them`}: ${name} is in this process's memory, so the same caller's next call may reach another instance, which has no such entry (a sticky load balancer only hid this); ${live ? LIVE[live].advice : advanced ? advice : "keep the entries in a shared store (Redis, a database) under the caller's identity"}`;
      return `${keeps ? `keeps entries in ${name}${live ? ` (${live})` : ''} under a key its caller names, which another call looks up by that key` : `looks up entries of ${name}${live ? ` (${live})` : ''} by a key from its arguments, under which another call stores them`}: ${name} is in this process's memory, so the call that names the key again may reach another instance, which has no such entry; ${live ? LIVE[live].advice : advanced ? advice : 'keep the entries in a shared store (Redis, a database) under that key'}`;
    };
    // A tool that mints the handles, or one that looks entries up by one.
    const handleText = (mints: boolean) =>
      `${mints ? `keeps entries in ${name}${live ? ` (${live})` : ''} under a handle it mints, which ${e.looked.size > 0 ? 'other calls look up' : e.listed.size > 0 ? `other calls ${[...e.listed.values()].every((l) => l.clears) ? 'clear' : 'list'}` : `${e.shown!.join(' and ')} list${e.shown!.length === 1 ? 's' : ''}`}${e.shown?.length && (e.looked.size > 0 || e.listed.size > 0) ? ` (and ${e.shown.join(' and ')} list${e.shown.length === 1 ? 's' : ''} them)` : ''}` : `looks up entries of ${name}${live ? ` (${live})` : ''} by the handle another call minted`}: ${name} is in this process's memory, so ${mints && e.looked.size === 0 ? `${e.listed.size > 0 ? 'a call that lists or clears them' : 'a request that lists them'} may reach another instance, which holds other entries` : 'the call that brings the handle back may reach another instance, which has no such entry'}; ${handleAdvice}`;
    reasons.push({
      kind: 'server-state',
      text: listed && e.filled
        ? `${listed.clears ? 'empties' : 'reads every entry of'} ${name}${live ? ` (${live})` : ''}, which ${e.filled.label} stores (${codeSnippet(e.filled.node, 40)}): ${name} is in this process's memory, so the request that stored an entry and this call may reach different instances, and ${listed.clears ? 'this call empties another store' : 'this call sees other entries or none'}; ${live ? LIVE[live].advice : e.filled.connection ? "each entry is a connection open to this instance, which no shared store can hold: relay the call to the instance that holds it (through Redis pub/sub, for one), and the answer back to the call's" : 'keep the entries in a shared store (Redis, a database) both reach'}`
        : e.callerNamed
        ? namedText(!!stores)
        : listed
        ? `${listed.clears ? 'empties' : 'reads every entry of'} ${name}, whose entries another call keeps under handles it mints: ${name} is in this process's memory, so a call that reaches another instance ${listed.clears ? 'empties another store, and the entries here stay' : 'sees other entries'}; ${advice}`
        : e.filled
        ? `looks up entries of ${name} by an id from its arguments, which ${e.filled.label} stores (${codeSnippet(e.filled.node, 40)}): ${name} is in this process's memory, so the request that stored an entry and the call that names it may reach different instances; keep the entries in a shared store (Redis, object storage) under that id`
        : handleText(!!minted),
      node: minted ?? listed?.node ?? looked ?? stores!,
      ...(routed ? { routed } : {}),
      ...(live ? { also: LIVE[live].reason } : advanced ? { also: 'process-state' as const } : {}),
    });
    // The other tools of a low-level tools/call handler that mint or look up, or store under their
    // callers' keys and look up by them: a reason each, at their `case`.
    if (!listed && (e.callerNamed || (minted && !e.filled))) {
      const first = reasons[reasons.length - 1];
      const tool = (n: TS.Node) => toolAt(n, registration)?.name;
      const reported = new Set([tool(first.node)]);
      for (const other of e.sites?.get(handler) ?? []) {
        const name = tool(other.node);
        if (name === undefined || reported.has(name) || (e.callerNamed && other.minted)) continue;
        reported.add(name);
        reasons.push({ ...first, node: other.node, text: e.callerNamed ? namedText(!!other.named) : handleText(other.minted) });
      }
    }
  } else if (!scoped) {
    // A module-level list one tool adds to and another reads (a task queue): no key a handle could
    // name, it lasts as long as this process and another instance holds another. In a low-level
    // tools/call handler, one case adding to it and another reading it (trial 66D: the URLs
    // `navigate` adds to the list `history` shows), as with a setting (caseSharedUse).
    const found = sharedUse(moduleArrayUses(facts), handler, false) ?? (registration.method === 'tools/call' ? caseSharedUse(moduleArrayUses(facts), handler) : undefined);
    // Reached in a helper of the file (`addTodo()`): said with the helpers' names where
    // sharedModuleState tells the same list through them.
    const inHelper = !!found && !(found.node.pos >= handler.pos && found.node.end <= handler.end);
    const throughHelpers = inHelper ? sharedModuleState(facts, handler) : undefined;
    const queue = throughHelpers ? undefined : found;
    let stored: ReturnType<typeof sharedModuleState>;
    if (queue) {
      reasons.push({
        kind: 'server-state',
        text: `${queue.read ? `${emptiesList(queue.node) ? 'empties' : 'reads'} ${queue.name}, a module-level list another tool adds to` : `adds to ${queue.name}, a module-level list another tool reads`}: it lasts as long as this process, so a call that reaches another instance finds another list; keep it in a shared store (under a handle the tools take, where callers must not share it)`,
        node: queue.node,
      });
      // The cases of a low-level switch are tools of their own: a page two of them share is said too (trial 66D).
      const pages = dispatchCaseOf(queue.node, handler) ? pageThroughModule(facts, handler) : undefined;
      if (pages?.cases) reasons.push(...pageReasons(pages));
    } else if ((stored = throughHelpers ?? sharedModuleState(facts, handler)) && !reasons.some((r) => r.kind === 'session-state' && r.state === stored!.state.name)) {
      // The same kept in a module of the package the tools call (a store module).
      const { mine, state, other, theirs, read } = stored;
      const through = (t: ModuleTouch) => (t.call.label ? ` (through ${t.call.label})` : '');
      // (A field that starts as a number is a counter to a reader, not a setting: trial 89 point 4.)
      const noun = state.counter ? 'counter' : state.noun;
      // A field of an object a function around the tools makes (localInstanceCall): it lasts as long as that object.
      const made = state.field ? mine.made : undefined;
      const around = made && enclosingFunction(made);
      const withServer = !!around && buildsServer(around);
      // On an object a field of the tools' class holds (`this.settings`): it lasts as long as the tools' object.
      const holder = state.field ? mine.field : undefined;
      const kept = made
        ? `${withArticle(noun)} of ${made.name.text}, an object of a class of ${state.module} ${withServer ? MADE_WITH_SERVER : 'made in'} ${factoryLabel(around!)}`
        : holder
          ? `${withArticle(noun)} of ${holder}, an object ${FIELD_OF_TOOLS_OBJECT}`
        : state.module !== facts.ownModule.path
          ? `${withArticle(noun)} kept in the memory of ${state.module}`
          : state.field
            ? `${withArticle(noun)} ${FIELD_OF_TOOLS_OBJECT}`
            : `a module-level ${noun}`;
      // (Of the tools' object, or one made with the server: it lasts as long as the server, the finding's lasts-with-server.)
      const ofTools = !made && (!!holder || (!!state.field && state.module === facts.ownModule.path));
      const lasts = made
        ? `that object${withServer ? ` (${SERVER_LIFETIME})` : ''}`
        : ofTools
          ? `that object (this process, or ${SERVER_MADE_IT})`
          : 'this process';
      const whose = `${other.name === undefined ? `another ${other.kind}` : `${other.kind} "${other.name}"`}${stored.file ? ` of ${stored.file}` : ''}`;
      // A store the reading tool looks up by what its caller passes (a handle it takes already) needs the store moved, not a handle.
      // Not by the MCP session id its context carries (`async (_args, { sessionId }) => cartFor(sessionId!)`,
      // trial 75A B3: a tool with no arguments was said to take a handle), judged with the facts of the reader's file.
      const [reader, readBy, readerFacts] = read ? [mine, handler, facts] : [theirs, other.handler!, stored.facts ?? facts];
      const keyed = ts.isCallExpression(reader.site) && reader.site.arguments.some((a) => fromArguments(a, readBy) && !readerFacts.isSessionId(a));
      const advice = state.live
        ? LIVE[state.live].advice
        : noun === 'setting'
          ? 'take it as an argument of each call (or keep it in a shared store under a handle the tools take)'
          : keyed
            ? `keep it in a shared store (Redis, a database) under the handle ${read ? 'this tool' : whose} already takes`
            : 'keep it in a shared store (Redis, a database), under a handle the tools take where callers must not share it';
      reasons.push({
        kind: 'server-state',
        text: `${read ? 'reads' : 'changes'} ${state.name}${state.live ? ` (${state.live})` : ''}, ${kept}${through(mine)}, which ${whose} ${read ? 'changes' : 'reads'}${through(theirs)}: it lasts as long as ${lasts}, so a call that reaches another instance finds another ${noun}; ${advice}`,
        node: mine.site,
        ...(state.live ? { also: LIVE[state.live].reason } : {}),
        ...((made && withServer) || ofTools ? { lastsWithServer: true as const } : {}),
      });
    } else if ((stored = pageThroughModule(facts, handler))) {
      // A browser page another module keeps and hands out (`ensureBrowser()` in connection.ts), which two tools use.
      reasons.push(...pageReasons(stored));
    } else if (registration.method === 'tools/call') {
      // One low-level tools/call handler for every tool (an if-chain or a switch on the name) that
      // both changes a field of the object it runs on and reads it: the tools it dispatches meet in
      // that object (a job one call starts and another reads back, trial 29C). Counters aside.
      const meets = (s: StateTouch) => !!s.state.field && s.changes && s.reads && stateKind(s.state.name) !== 'counter';
      const own = (moduleCalls(facts).get(handler) ?? []).find((touch) => !touch.call.label && touch.call.touches.some(meets));
      // What lives in this process (running processes, pages) first: a record of them is not the point (trial 32C).
      const meeting = own?.call.touches.filter(meets) ?? [];
      const state = (meeting.find((s) => s.state.live) ?? meeting[0])?.state;
      if (own && state) {
        const advice = state.live ? LIVE[state.live].advice : 'keep it in a shared store (Redis, a database), under a handle the tools take where callers must not share it';
        reasons.push({
          kind: 'server-state',
          text: `changes and reads ${state.name}${state.live ? ` (${state.live})` : ''}, ${withArticle(state.noun)} in a field of the object it runs on, for the tools it dispatches: it lasts as long as that object (this process, or ${SERVER_MADE_IT}), so a call that reaches another instance, or a server built for another request, finds another ${state.noun}; ${advice}`,
          node: own.site,
          ...(state.live ? { also: LIVE[state.live].reason } : {}),
          lastsWithServer: true,
        });
      }
    }
  }
  // A list handler over a module-level collection other handlers add to (steel's screenshots as
  // resources): the list varies with those calls, and another instance lists other entries.
  if (isListHandler(registration)) {
    const filled = filledCollection(facts, handler);
    if (filled) reasons.push({ kind: 'dynamic-list', text: `lists what other calls add to ${filled.name}: the list varies as a side effect of those calls, and another instance lists other entries`, node: filled.node });
    // A list that turns on what the handshake remembered (DesktopCommander's currentClient).
    const remembered = handshakeSettingRead(facts, handler);
    if (remembered) reasons.push({ kind: 'dynamic-list', text: `decides the list by ${remembered.name}, which the initialize handshake set (${remembered.hook}): 2026-07-28 clients never make it, so they get the list for its first value, and a list must not vary per connection; decide from the request itself (its _meta) or not at all`, node: remembered.node });
  } else if (!scoped && !moduleLevel && readsByUri(registration)) {
    // What a list names, the read of a resource or prompt returns (the archived puppeteer server's
    // screenshots): made by other calls in this instance's memory, another instance has none of it.
    const filled = filledCollection(facts, handler);
    // (Not said again where the route that stores them is named already: the same collection.)
    const said = !!filled && handleStore?.[0] === filled.decl && !!handleStore[1].filled && handleStore[1].listed.has(handler);
    if (filled && !said) reasons.push({ kind: 'server-state', text: `reads what other calls add to ${filled.name}, a module-level collection: it lasts as long as this process, so a read that reaches another instance finds other entries or none`, node: filled.node });
  }
  const agentClass = enclosingClass(registration.call);
  const perSession = agentClass ? perSessionClass(agentClass, facts) : undefined;
  // Whose Durable Object per session: an McpAgent's, or a class the file routes each session to by its id.
  const mcpAgent = !!perSession && 'mcpAgent' in perSession;
  const ownerName = mcpAgent ? 'the McpAgent' : (agentClass?.name?.text ?? 'the class');
  let agentStateNoted = false;
  const agentLocals = perSession ? agentStateLocals(facts) : new Set<string>();
  // (A State that only caches a fetched token is no state of the caller's, met through a method: trial 73A B1.)
  const agentHelpers = !!perSession && !!agentClass && !agentStateIsCache(agentClass, facts);
  // A field of the agent the handler changes (`this.calls++`): the Durable Object per session's memory.
  if (perSession && agentClass) {
    const fields = agentFields(agentClass);
    for (const { target, at } of changesIn(handler.body)) {
      const [field] = membersOfThis(target) ?? [];
      if (field !== undefined && fields.has(field)) {
        agentStateNoted = true;
        reasons.push({ kind: 'agent-state', text: `keeps state in this.${field}, a field of ${ownerName} (its Durable Object per session)`, node: at });
        break;
      }
    }
  }
  walk(handler.body, (node) => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node) ?? '';
      const request = isServerRequest(facts, node);
      // (Or a helper of another module the handler hands its context to, typed as the SDK's there
      // (trial 50B's confirm(extra, question)), judged with that module's own facts.)
      const local = request ? undefined : facts.callTarget(node);
      // (Or a method of another module's class on an object the handler holds, `confirmer.ask()`,
      // `new Confirm(ctx).yes()`, `this.elicit.confirm(context)`: the object carries the server or
      // the context, so no argument need hand it over; trial 71B B1.)
      const imported = request || local || !facts.modules ? undefined : ((node.arguments.length > 0 ? importedFunctionAt(node.expression, facts.modules.path, facts.modules.source) : undefined) ?? importedMethodAt(node.expression, facts.modules.path, facts.modules.source));
      const helper = local ?? imported?.fn;
      const helperFacts = imported ? (facts.siblings?.get(imported.module.sourceFile) ?? moduleFacts(imported.module, facts.modules!.source)) : facts;
      const viaHelper = helper?.body && helper !== handler ? callsIn(helperFacts, helper.body, isServerRequest) : [];
      const toggles = helper?.body && helper !== handler ? callsIn(helperFacts, helper.body, isHandleToggle) : [];
      let changes: string[] | undefined;
      let through: string | undefined;
      let handed: string | undefined;
      let later: ReturnType<typeof outsideCallback>;
      if (request) {
        reasons.push({ kind: 'server-request', text: `sends a server→client request mid-call (${mcpLiteRequest(facts, node) ?? requestName(node)})`, node });
      } else if (viaHelper.length > 0) {
        const lite = mcpLiteRequest(facts, viaHelper[0]);
        const text = lite ? `sends a server→client request mid-call through ${name}() (${lite})` : `sends a server→client request mid-call (${requestName(viaHelper[0])}, through ${name}())`;
        reasons.push({ kind: 'server-request', text, node, via: viaHelper });
      } else if ((handed = handedRequestMethod(facts, node, helper))) {
        reasons.push({ kind: 'server-request', text: `sends a server→client request mid-call (${handed}, handed to ${name}(), which calls it)`, node });
      } else if ((changes = callsOneOf(node, LIST_CHANGES)) || (node !== registration.call && registers(facts, node))) {
        const label = changes && calleeName(node) === undefined ? callLabel(node, changes) : name;
        reasons.push({ kind: 'dynamic-list', text: `changes the ${listNamed(changes?.length === 1 ? changes[0] : name)} at run time (${label})`, node });
      } else if ((through = registersThroughHelper(facts, node, helper) ?? registersThroughHandedFunction(facts, node))) {
        reasons.push({ kind: 'dynamic-list', text: `changes the server's lists at run time (${name}(), ${through})`, node });
      } else if (isHandleToggle(facts, node)) {
        reasons.push({ kind: 'dynamic-list', text: `changes the tool list at run time (${(unwrap(node.expression) as TS.PropertyAccessExpression).expression.getText().slice(0, 40)}.${name}())`, node });
      } else if (toggles.length > 0) {
        reasons.push({ kind: 'dynamic-list', text: `changes the tool list at run time (${calleeName(toggles[0])}(), through ${unwrap(node.expression).getText().slice(0, 40)}())`, node });
      } else if (callsOneOf(node, SERVER_PUSHES) && serverReceiver(facts, node) && !servesBothEras(facts.sourceFile.text)) {
        // Through the v1 server, not the call's own stream (`extra.sendNotification`): a 2025 session's GET stream carried it.
        // (The v2 packages route change events through createMcpHandler's notify and bus.)
        const what = callsOneOf(node, RESOURCE_UPDATES) ? 'a resource update' : name === 'sendNotificationToSession' ? "a notification to another client's session" : 'a log message';
        reasons.push({ kind: 'server-push', text: `pushes ${what} through the server, not on the call's own response (${name}()): it went on the session's GET stream, which 2026-07-28 does not have, so it reaches no client (a change notification only on a subscriptions/listen stream the client opened)`, node });
      } else if ((later = outsideCallback(node))?.callback && containsPush(facts, later.callback)) {
        const { kind, callback } = later;
        if ((kind === 'timer' || kind === 'timeout') && !stoppedByHandler(node, handler)) {
          const progress = /['"`]notifications\/progress['"`]/.test(callback!.getText());
          reasons.push({ kind: 'timer-push', text: `pushes ${progress ? 'progress' : 'to the session'} from a timer after the call returns (${name})`, node });
        } else if (kind === 'listener' || kind === 'watcher') {
          // `watcher.on('change', () => extra.sendNotification(...))`, `fs.watch(dir, ...)`: each event after the call returned.
          reasons.push({ kind: 'timer-push', text: `pushes to the session from a listener after the call returns (${kind === 'watcher' ? `${name}()` : listenerLabel(node)}): a 2026-07-28 request's response ends with the call, so nothing carries them`, node });
        }
      }
    }
    // `sendNotification({ method: 'notifications/tools/list_changed' })`, written out.
    const changed = listChangedMethod(node);
    if (changed) reasons.push({ kind: 'dynamic-list', text: `changes its lists at run time (${changed})`, node });
    if (perSession && !agentStateNoted) {
      const reason = agentStateUse(node, handler, mcpAgent, `${ownerName}'s`, agentLocals, agentHelpers);
      if (reason) {
        agentStateNoted = true;
        reasons.push(reason);
      }
    }
    return undefined;
  });
  return reasons;
}

/**
 * What a handler does with a session id it reads (`extra.sessionId`, or a variable initialised with
 * it): compares it with another value (`job.owner !== extra.sessionId`, a check of ownership), or
 * records it in an object or a property (`{ owner: extra.sessionId }`), for the finding to say what
 * goes wrong once requests carry none. Tests against undefined, logs and traces are neither. A
 * handler that only tests it and shows it where there is one (`...(sessionId ? { sessionId } : {})`,
 * a whoAmI tool's output) is `optional`: without an id it leaves it out and works the same.
 */
function sessionIdUse(read: TS.Node): { how: 'compares' | 'records'; other: string; at: TS.Node } | { how: 'refuses'; at: TS.Node } | { how: 'optional' } | undefined {
  const uses: TS.Node[] = [read];
  const holder = outermost(read);
  const decl = holder.parent;
  let variable: TS.VariableDeclaration | undefined;
  if (decl && ts.isVariableDeclaration(decl) && decl.initializer === holder && ts.isIdentifier(decl.name)) {
    variable = decl;
    const scope = enclosingFunction(decl);
    if (scope) uses.push(...referencesTo(scope, decl as TS.VariableDeclaration & { name: TS.Identifier }));
  }
  let recorded: { how: 'records'; other: string; at: TS.Node } | undefined;
  let refused: { how: 'refuses'; at: TS.Node } | undefined;
  let optional = false;
  let otherUse = false;
  for (const use of uses) {
    if (isTelemetryUse(use)) continue;
    const n = outermost(use);
    const parent = n.parent;
    if (!parent || parent === variable) continue;
    if (isEqualityTest(parent)) {
      const other = unwrap(parent.left === n ? parent.right : parent.left);
      const nothing = isNullish(other) || (ts.isStringLiteral(other) && other.text === '');
      if (!nothing && !ts.isTypeOfExpression(other)) return { how: 'compares', other: codeSnippet(other), at: parent };
      continue;
    }
    if (isTruthinessTest(n)) {
      refused ??= refusalWithout(n);
      continue;
    }
    const record =
      ts.isPropertyAssignment(parent) && parent.initializer === n
        ? { how: 'records' as const, other: propertyNameText(parent.name) ?? parent.name.getText(), at: parent as TS.Node }
        : ts.isShorthandPropertyAssignment(parent)
          ? { how: 'records' as const, other: parent.name.text, at: parent.parent as TS.Node }
          : ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === n && (ts.isPropertyAccessExpression(parent.left) || ts.isElementAccessExpression(parent.left))
            ? { how: 'records' as const, other: codeSnippet(parent.left), at: parent as TS.Node }
            : undefined;
    if (record && guardedBy(record.at, uses)) optional = true;
    else if (record && !handedAsOptions(parent)) recorded ??= record;
    else otherUse = true;
  }
  return refused ?? recorded ?? (optional && !otherUse ? { how: 'optional' } : undefined);
}

/** What a call named so keeps what it is given (`db.insert({ sessionId, ... })`, `store.save(...)`). */
const STORING_CALL = /^(?:set|save|insert|add|push|put|create|store|record|write|upsert|update|append|register|track|log)/i;

/**
 * A property of an object literal handed straight to a call that is not named for keeping it
 * (`listProjects({ sessionId })`): options, an argument like any other, not a record (trial 37A).
 */
function handedAsOptions(property: TS.Node): boolean {
  const literal = property.parent;
  if (!literal || !ts.isObjectLiteralExpression(literal)) return false;
  const at = outermost(literal);
  const call = at.parent;
  if (!call || !(ts.isCallExpression(call) || ts.isNewExpression(call)) || !call.arguments?.includes(at as TS.Expression)) return false;
  const name = ts.isCallExpression(call) ? calleeName(call) : undefined;
  return !!name && !STORING_CALL.test(name);
}

/** `if (!sessionId) return { isError: true, ... }` (or throw): the test that refuses a call without the id, when `n` is its operand. */
function refusalWithout(n: TS.Node): { how: 'refuses'; at: TS.Node } | undefined {
  const not = n.parent;
  if (!ts.isPrefixUnaryExpression(not) || not.operator !== ts.SyntaxKind.ExclamationToken || !ts.isIfStatement(not.parent) || not.parent.expression !== not) return undefined;
  const branch = not.parent.thenStatement;
  let refuses = false;
  walk(branch, (x) => {
    if (refuses || isFunctionLike(x)) return false;
    if (refusesCall(x)) refuses = true;
    return undefined;
  });
  return refuses ? { how: 'refuses', at: not.parent } : undefined;
}

/** A value used only for whether it is there: `if (x)`, `x ? a : b`, `x && y`, `!x`. */
function isTruthinessTest(n: TS.Node): boolean {
  const parent = n.parent;
  if (ts.isIfStatement(parent)) return parent.expression === n;
  if (ts.isConditionalExpression(parent)) return parent.condition === n;
  if (ts.isPrefixUnaryExpression(parent)) return parent.operator === ts.SyntaxKind.ExclamationToken;
  return ts.isBinaryExpression(parent) && parent.left === n && (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken);
}

/**
 * Whether a record only adds the id as a field where there is one, and does nothing else then:
 * a spread of `sessionId ? { sessionId } : {}` or `sessionId && { sessionId }`, or
 * `if (sessionId) out.sid = sessionId` alone in its branch. (A test that decides whether a row
 * is saved at all is no such thing: the tool then does less for a 2026-07-28 caller.)
 */
function guardedBy(at: TS.Node, uses: readonly TS.Node[]): boolean {
  const tested = (test: TS.Node) => uses.some((u) => outermost(u) === unwrap(test));
  const up = (n: TS.Node): TS.Node => (ts.isParenthesizedExpression(n.parent) ? up(n.parent) : n);
  const object = ts.isPropertyAssignment(at) ? at.parent : at;
  if (ts.isObjectLiteralExpression(object)) {
    const branch = up(object);
    const test = branch.parent;
    const guarded = (ts.isConditionalExpression(test) && test.whenTrue === branch && tested(test.condition)) || (ts.isBinaryExpression(test) && test.right === branch && test.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && tested(test.left));
    return guarded && ts.isSpreadAssignment(up(test).parent);
  }
  if (!ts.isBinaryExpression(at) || !ts.isExpressionStatement(at.parent)) return false;
  const statement = ts.isBlock(at.parent.parent) && at.parent.parent.statements.length === 1 ? at.parent.parent : at.parent;
  return ts.isIfStatement(statement.parent) && statement.parent.thenStatement === statement && tested(statement.parent.expression);
}

/**
 * The tool object whose handler holds `node`: `{ name: 'x', handler | call | execute | run: fn }`.
 * Not a registration this file makes with a handler of its own (those are checked above).
 */
function toolObjectOf(node: TS.Node): { name: string; nameNode: TS.Node } | undefined {
  const fn = enclosingFunction(node);
  if (!fn) return undefined;
  // `handler: async () => ...` or `async handler() { ... }`
  const member = ts.isMethodDeclaration(fn) ? fn : ts.isPropertyAssignment(fn.parent) && fn.parent.initializer === fn ? fn.parent : undefined;
  const holder = member?.parent;
  if (!member || !holder || !ts.isObjectLiteralExpression(holder) || !/^(handler|call|execute|run|callback)$/.test(propertyNameText(member.name) ?? '')) return undefined;
  const nameProperty = holder.properties.find((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'name');
  const name = nameProperty && constantString(nameProperty.initializer);
  return name ? { name, nameNode: nameProperty } : undefined;
}

const LIST_CHANGED = /^notifications\/(tools|prompts|resources)\/list_changed$/;

/** The list_changed method a `method: '...'` property names, if it is one. */
function listChangedMethod(node: TS.Node): string | undefined {
  if (!ts.isPropertyAssignment(node) || propertyNameText(node.name) !== 'method') return undefined;
  const method = constantString(node.initializer);
  return method && LIST_CHANGED.test(method) ? method : undefined;
}

const REGISTER_METHODS = /^(registerTool|registerPrompt|registerResource|tool|prompt|resource)$/;

/**
 * A registration: one with a constant name (isRegistrationCall), or one on an MCP server whose
 * name is computed (`server.registerTool(args.name, ...)`), which only a running tool does.
 */
function registers(facts: SessionFacts, call: TS.CallExpression): boolean {
  if (isRegistrationCall(call)) return true;
  const callee = unwrap(call.expression);
  return ts.isPropertyAccessExpression(callee) && REGISTER_METHODS.test(callee.name.text) && call.arguments.length >= 2 && facts.receiverKind(callee.expression) === 'server';
}

/** What a helper of another module that registers on the server it is handed is called (`registerSessionResource`, `addToolsFor`). */
export const REGISTERING_HELPER = /^(register|unregister|add|remove)\w*(Tool|Prompt|Resource)(s|Templates?)?$/;

/**
 * A call handing the MCP server to a helper that registers on it: one of this module whose body
 * registers, or one defined elsewhere whose name says it registers a tool, prompt or resource
 * (the reference "everything" server's `registerSessionResource(server, ...)`).
 */
function registersThroughHelper(facts: SessionFacts, call: TS.CallExpression, helper: TS.FunctionLikeDeclaration | undefined): string | undefined {
  if (!call.arguments.some((argument) => facts.receiverKind(argument) === 'server')) {
    // A helper that closes over the server (`const register = (name) => server.registerResource(...)`
    // in the function that builds it), called from the handler: it registers at run time too.
    return helper?.body && !buildsServer(helper) && callsIn(facts, helper.body, registers).length > 0 ? 'which registers on the server' : undefined;
  }
  if (helper?.body) return callsIn(facts, helper.body, registers).length > 0 ? 'handed the server' : undefined;
  return !helper && REGISTERING_HELPER.test(calleeName(call) ?? '') ? 'handed the server' : undefined;
}

/**
 * A call of a function the handler's enclosing function is handed (`enable(bundle)` in
 * `registerToolkit(server, enable)`, or `api.enable(bundle)` of a handed object) where a function
 * handed there at a call registers on the server (`registerToolkit(server, (b) =>
 * server.registerTool(...))`, trial 57B B2: a toolkit's enable_bundle reached registerTool through
 * dependency injection). Undefined for any other call.
 */
function registersThroughHandedFunction(facts: SessionFacts, call: TS.CallExpression): string | undefined {
  const slot = handedSlot(call.expression);
  const fn = slot?.param.parent;
  const index = fn && isFunctionLike(fn) ? fn.parameters.indexOf(slot!.param) : -1;
  if (!slot || index < 0 || slot.param.dotDotDotToken) return undefined;
  for (const { call: site, facts: theirs } of callsAnywhere(fn as TS.FunctionLikeDeclaration, facts)) {
    const handed = handedFunction(site.arguments[index], slot.member);
    // (On a server the function makes itself, a throw-away child's, the host's list stays: review 74.)
    const onHost = (call: TS.CallExpression) => {
      const receiver = calleeReceiver(call);
      const root = receiver && accessRoot(receiver);
      const decl = root && ts.isIdentifier(root) ? resolveIdentifier(root) : undefined;
      return !decl || !handed || decl.pos < handed.pos || decl.end > handed.end;
    };
    if (handed?.body && callsIn(theirs, handed.body, registers).some(onHost)) return `${slot.member ? `${slot.id.text}.${slot.member}` : slot.id.text} is a function handed to ${functionName(slot.param) ?? 'the function'}() that registers on the server`;
  }
  return undefined;
}

/** The function an argument hands over: itself, or for `member`, that member of the object it is or names (a property, a shorthand, a method). */
function handedFunction(arg: TS.Expression | undefined, member: string | undefined): TS.FunctionLikeDeclaration | undefined {
  let value = arg && unwrap(arg);
  if (!value || !member) return resolveFunction(value);
  if (ts.isIdentifier(value)) value = resolveInitializer(value);
  if (!value || !ts.isObjectLiteralExpression(value)) return undefined;
  const method = value.properties.find((p): p is TS.MethodDeclaration => ts.isMethodDeclaration(p) && propertyNameText(p.name) === member);
  return method ?? resolveFunction(literalMember(value, member));
}

/** `const t = server.tool(...)`: `t.enable()` / `t.disable()` change the list. */
function isRegistrationVariable(id: TS.Identifier): boolean {
  const decl = resolveIdentifier(id);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return false;
  const init = unwrap(decl.initializer);
  return ts.isCallExpression(init) && isRegistrationCall(init);
}

const STATEFUL_REQUESTS = new Set(['tools/call', 'tools/list', 'prompts/list', 'resources/list', 'resources/templates/list', 'resources/read', 'prompts/get']);
/** Of those, the reads of one resource or prompt. */
const READ_METHOD = /^(resources\/read|prompts\/get)$/;
/** Of those, the list methods, whose results must not vary per session. */
const LIST_METHOD = /\/list$/;

/** A low-level handler of a list method (tools/list, resources/templates/list, ...). */
function isListHandler(registration: Registration): boolean {
  return registration.kind === 'request' && LIST_METHOD.test(registration.method ?? '');
}

/** A handler that reads one resource or prompt by the URI or name the request carries. */
function readsByUri(registration: Registration): boolean {
  return registration.kind === 'resource' || registration.kind === 'prompt' || (registration.kind === 'request' && READ_METHOD.test(registration.method ?? ''));
}

const KIND_LABEL = { tool: 'Tool', prompt: 'Prompt', resource: 'Resource', request: 'Handler' } as const;

/** What to do about mcp-lite's ctx.elicit() and ctx.sample(), which 2026-07-28 replaces with a result mcp-lite cannot return. */
const MCP_LITE_REQUEST_ADVICE =
  "mcp-lite implements the 2025 revisions only and cannot return the input_required result that replaces these requests in 2026-07-28: take what the tool asks the user for as an argument of the call, call an LLM provider's API instead of sampling, or serve the tool from a server on the SDK's v2 packages, whose handlers return input_required.";

/**
 * Whether a call hands a listener (`emitter.on(event, cb)`) or setInterval a callback that pushes
 * through the server or a transport: a push outside any request, reported at that call (and left
 * to this rule by stream-push). The process's own events (a signal, an uncaught exception) end or
 * report on the process, not on a session: a log sent there is deprecated-feature's.
 */
export function pushesOutsideRequest(facts: SessionFacts, call: TS.CallExpression, later = outsideCallback(call)): boolean {
  // (A one-off timer's callback is judged for what it does to the lists only.)
  if (!later?.callback || later.kind === 'timeout') return false;
  const callee = unwrap(call.expression);
  const emitter = later.kind === 'listener' && ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : undefined;
  const processEvent = !!emitter && ts.isIdentifier(emitter) && emitter.text === 'process';
  return !processEvent && pushesFromServer(facts, later.callback);
}

/** A file watcher's (`fs.watch(dir, cb)`, `fs.watchFile(path, options, cb)`): its callback is the last argument. */
const WATCHES = /^(watch|watchFile)$/;

/** A callback that runs later, outside the request, with what hands it over: an event listener, setInterval, a one-off setTimeout, or a file watcher. */
function outsideCallback(call: TS.CallExpression): { kind: 'listener' | 'timer' | 'timeout' | 'watcher'; callback: TS.FunctionLikeDeclaration | undefined } | undefined {
  const name = calleeName(call) ?? '';
  const args = call.arguments;
  if (LISTENS.test(name) && args.length >= 2) return { kind: 'listener', callback: resolveFunction(args[1]) };
  if ((name === 'setInterval' || name === 'setTimeout') && ts.isIdentifier(call.expression) && args.length > 0) return { kind: name === 'setInterval' ? 'timer' : 'timeout', callback: resolveFunction(args[0]) };
  if (WATCHES.test(name) && args.length >= 2) return { kind: 'watcher', callback: resolveFunction(args[args.length - 1]) };
  return undefined;
}

/** Registration methods, whatever their name argument (`server.registerTool(name, ...)` in a loop). */
const REGISTERS_BY_NAME = /^(registerTool|tool|registerPrompt|prompt|registerResource|resource)$/;

/** The list methods a low-level server's handler answers (`setRequestHandler(ListToolsRequestSchema, ...)`, v2's `'tools/list'`). */
const LIST_METHODS: ReadonlySet<string> = new Set(['tools/list', 'prompts/list', 'resources/list', 'resources/templates/list']);

/**
 * Module-level values that decide which tools a server registers (`for (const name of enabled)
 * server.registerTool(name, ...)`, `if (flags.beta) server.registerTool(...)`), or that a
 * low-level server's list handler answers from (`setRequestHandler(ListToolsRequestSchema, () =>
 * ({ tools: [...upstreamTools.values()] }))`, a hub's, trial 34C), changed by a route or a
 * listener (`app.post('/admin/enable/:name', ...)` adding to `enabled`): the list then differs from
 * instance to instance and changes as a side effect of another request (trial 21A).
 */
function listsChangedByRequests(facts: SessionFacts): Array<{ node: TS.Node; message: string }> {
  /** Per module variable: what it decides, as the message says it (`decides the tools buildServer() registers`), and the list. */
  const deciding = new Map<TS.VariableDeclaration, { decides: string; list: string; handler?: true }>();
  // Registration calls on a server, their names constant or not (`server.registerTool(name, ...)` in a loop).
  const calls: TS.CallExpression[] = [];
  facts.nodes.visit(CALLS, (node) => {
    if (!ts.isCallExpression(node) || node.arguments.length < 2) return;
    const name = calleeName(node) ?? '';
    if (REGISTERS_BY_NAME.test(name) && facts.receiverKind(calleeReceiver(node) ?? node) === 'server') calls.push(node);
    else if (name === 'setRequestHandler') {
      const schema = unwrap(node.arguments[0]);
      const method = ts.isIdentifier(schema) ? (Object.hasOwn(REQUEST_SCHEMA_METHODS, schema.text) ? REQUEST_SCHEMA_METHODS[schema.text] : undefined) : constantString(schema);
      const handler = method && LIST_METHODS.has(method) ? resolveFunction(node.arguments[1]) : undefined;
      if (!method || !handler?.body) return;
      // What flows into the list it returns (through the handler's own locals), not every value it touches (a counter).
      const seen = new Set<TS.Node>();
      const follow = (expression: TS.Node) =>
        walk(expression, (x) => {
          if (!ts.isIdentifier(x) || isPropertyName(x)) return undefined;
          const decl: TS.Node | undefined = resolveIdentifier(x);
          if (isModuleVariable(decl)) {
            if (!deciding.has(decl)) deciding.set(decl, { decides: `the ${method} handler answers from`, list: method, handler: true });
            return undefined;
          }
          const local = decl && ts.isVariableDeclaration(decl) && decl.initializer && decl.pos >= handler.pos && decl.end <= handler.end ? decl : undefined;
          if (local && !seen.has(local)) {
            seen.add(local);
            follow(local.initializer!);
          }
          return undefined;
        });
      for (const returned of returnedExpressions(handler)) follow(returned);
    }
  });
  for (const call of calls) {
    const builder = enclosingFunction(call);
    if (!builder) continue;
    for (let n: TS.Node = call.parent; n !== builder; n = n.parent) {
      const test = ts.isForOfStatement(n) ? n.expression : ts.isIfStatement(n) ? n.expression : undefined;
      if (!test) continue;
      walk(test, (x) => {
        if (!ts.isIdentifier(x) || isPropertyName(x)) return undefined;
        const decl = resolveIdentifier(x);
        // (A collection of servers or transports the test looks up, `if (!conversations.has(id))`,
        // decides whether a server is built, not which tools it registers: trial 61B B3.)
        if (isModuleVariable(decl) && !deciding.has(decl) && !facts.collections.some((c) => c.decl === decl && (c.valueKind === 'server' || c.valueKind === 'transport'))) {
          const named = functionName(call);
          deciding.set(decl, { decides: `decides the tools ${named ? `${named}()` : 'the code that builds the server'} registers`, list: 'tools/list' });
        }
        return undefined;
      });
    }
  }
  const found: Array<{ node: TS.Node; message: string }> = [];
  for (const [decl, { decides, list, handler }] of deciding) {
    if (!ts.isIdentifier(decl.name)) continue;
    for (const ref of referencesTo(decl.getSourceFile(), decl as TS.VariableDeclaration & { name: TS.Identifier })) {
      // `enabled.add(x)`, `flags.beta = true`, `enabled = new Set(...)`.
      const access = ref.parent;
      const call = ts.isPropertyAccessExpression(access) && access.expression === ref && MUTATING_METHODS.has(access.name.text) && ts.isCallExpression(access.parent) && access.parent.expression === access ? access.parent : undefined;
      const target = ts.isPropertyAccessExpression(access) && access.expression === ref ? access : ref;
      const assignment = ts.isBinaryExpression(target.parent) && target.parent.left === target && isAssignment(target.parent) ? target.parent : undefined;
      const change = call ?? assignment;
      if (!change) continue;
      // Another request's route, or a listener (a timer's change is no request's side effect).
      const by = runBy(change);
      if (!by || by.kind === 'timer') continue;
      found.push({
        node: change,
        message: `${by.label[0].toUpperCase()}${by.label.slice(1)} changes ${decl.name.text}, which ${decides}: ${list} then differs from instance to instance and changes as a side effect of another request, which 2026-07-28 forbids (a list may vary by the request's auth only); ${handler ? 'keep what it lists where every instance reads the same (a shared store, or configuration read at start-up)' : 'register every tool when the server is built, and have a tool answer an error while it is turned off'}`,
      });
    }
  }
  return found;
}

/**
 * The reasons of one finding as one clause each, those saying the same of different calls as one
 * (`changes the tool list at run time (registerTool, sendToolListChanged)`, not the clause twice).
 */
function joinReasons(texts: readonly string[]): string {
  const merged: Array<{ head: string; calls: string[] } | string> = [];
  // The same explanation of the session id for several places it keys (`redis.rPush(...)`, then
  // `redis.lRange(...)`): said once, naming each (trial 65B rough edge: said twice whole).
  const keyedPlace = /\(here (`.*?`): a store's entry, a file\)/;
  const once: Array<{ text: string; places: string[] }> = [];
  for (const text of texts) {
    const place = keyedPlace.exec(text);
    const same = place ? once.find((t) => t.places.length > 0 && t.text.replace(keyedPlace, '') === text.replace(keyedPlace, '')) : undefined;
    if (same) same.places.push(place![1]);
    else once.push({ text, places: place ? [place[1]] : [] });
  }
  // (Three or more as a list: "`a`, `b` and `c`", review 83 point 7.)
  for (const text of once.map((t) => (t.places.length > 1 ? t.text.replace(keyedPlace, `(here ${joinNames(t.places)}: a store's entry, a file)`) : t.text))) {
    const open = text.lastIndexOf(' (');
    const head = open > 0 && text.endsWith(')') ? text.slice(0, open) : undefined;
    const same = head === undefined ? undefined : merged.find((m): m is { head: string; calls: string[] } => typeof m !== 'string' && m.head === head);
    if (same) same.calls.push(text.slice(open + 2, -1));
    else merged.push(head === undefined ? text : { head, calls: [text.slice(open + 2, -1)] });
  }
  return merged.map((m) => (typeof m === 'string' ? m : `${m.head} (${m.calls.join(', ')})`)).join('; ');
}

/**
 * Reports what a registration's handler keeps across calls (statefulReasons), one finding per tool.
 * `facts`: those of the file its handler is written in (another module's, for importedRegistrations);
 * `covered` collects the requests and pushes reported here, `servesStdioEntry` whether the
 * registering file serves stdio alone; `writtenIn`, the other module the handler is written in,
 * and `around`, the reasons of the registering file's function that hands the call on to it.
 */
function reportRegistration(facts: SessionFacts, registration: Registration, report: (r: Report) => void, covered: Set<TS.Node>, servesStdioEntry: StdioEntry, writtenIn?: string, around: readonly ToolReason[] = []): void {
  // Low-level handlers: tools/call, and the list methods, whose results must not vary per
  // connection in 2026-07-28 (a list that depends on the session is per-instance state too).
  if (registration.kind === 'request' && !STATEFUL_REQUESTS.has(registration.method ?? '')) return;
  const reasons = [...around, ...statefulReasons(facts, registration)];
  for (const reason of reasons) if (reason.kind === 'server-request' || reason.kind === 'dynamic-list' || reason.kind === 'timer-push') for (const n of [reason.node, ...(reason.via ?? [])]) covered.add(n);
  if (reasons.length === 0) return;
  // Low-level tools/call handlers: one finding per tool named by the surrounding switch/if,
  // reported at that `case` / condition so the line points at the tool's own code.
  const byTool = new Map<string | undefined, { at: TS.Node; reasons: ToolReason[] }>();
  for (const reason of reasons) {
    // reason.node is where the handler reaches the state or the request (for a helper: the call).
    const site = toolAt(reason.node, registration);
    const entry = byTool.get(site?.name) ?? { at: site?.node ?? registration.nameNode, reasons: [] };
    if (!entry.reasons.some((r) => r.text === reason.text)) entry.reasons.push(reason);
    byTool.set(site?.name, entry);
  }
  for (const [tool, { at, reasons: every }] of byTool) {
    const label = KIND_LABEL[registration.kind];
    // A tool that is a case of another module's dispatch (trial 66D) is reported here, at the registration: its line there says where.
    const caseLine = writtenIn !== undefined && at.getSourceFile() !== registration.nameNode.getSourceFile() ? `, its case at line ${at.getSourceFile().getLineAndCharacterOfPosition(at.getStart()).line + 1}` : '';
    const who = `${tool !== undefined ? `${label} "${tool}"` : `The ${registration.method ?? registration.kind} handler`}${writtenIn !== undefined ? ` (its handler written in ${writtenIn}${caseLine})` : ''}`;
    // A notification sent through the server is lost, nothing more: a warning of its own, at the call (where a marker about it goes).
    for (const push of every.filter((r) => r.kind === 'server-push')) report({ node: push.node, tool, message: `${who} ${push.text}`, severity: 'warning', reasons: ['server-push'] });
    const all = every.filter((r) => r.kind !== 'server-push');
    if (all.length === 0) continue;
    // A session id the per-session state explains (its key, a copy in its entry) says nothing more; a check of ownership does.
    // Nor one handed to a function of another module that keeps something else by it
    // (`limiter.take(info.sessionId)` beside `subscribers`, trial 76A B4: it was said for the tool
    // that keeps nothing else, and dropped for the other).
    const states = all.filter((r) => r.kind === 'session-state' || r.kind === 'request-state');
    const overlaps = (a: TS.Node, b: TS.Node) => a.getSourceFile() === b.getSourceFile() && a.pos < b.end && b.pos < a.end;
    const explained = (r: ToolReason) => !r.keptBy || !ts.isCallExpression(r.keptBy) || !moduleExportOf(r.keptBy.expression) || states.some((s) => overlaps(s.node, r.node));
    const list = states.length > 0 ? all.filter((r) => (r.kind !== 'session-id' || !explained(r)) && r.kind !== 'session-record' && r.kind !== 'session-identity') : all;
    const state = [...new Set(list.flatMap((r) => (r.state ? [r.state] : [])))];
    // What explicit-handles does not rewrite beside what `report` says so of (no state kept by
    // the session): a prompt or resource read, which takes no handle argument, and state that
    // takes no handle (credentials, a counter, the client's identity), which it only marks.
    // Nor a tool registered through a framework's own API (mcp-use, mcp-lite, tmcp): not the SDK's arguments.
    const manual = readsByUri(registration) || (state.length > 0 && state.every((s) => !takesHandle(stateKind(s)))) || !!registration.shape;
    // Asking the client only behind a test that this instance saw a 2025 handshake, or reading
    // the session id only on the 2025 path: skipped for 2026-07-28 clients.
    const guards = list.map((r) => (r.kind === 'server-request' ? (legacyTest(r.node) ?? (r.via?.[0] && legacyTest(r.via[0]))) : r.kind === 'session-id' ? sessionIdGuard(facts, r.node) : undefined));
    const legacyOnly = guards.every((g) => g !== undefined) ? guards[0] : undefined;
    // A question whose guard answers yes for 2026-07-28 clients (`if (!caps?.elicitation) return true`): they go on unasked.
    const yes = legacyOnly && list.every((r) => r.kind === 'server-request') ? list.map((r) => guardedYes(legacyTest(r.node) ? r.node : r.via?.[0])).find(Boolean) : undefined;
    // State of the process the tools meet in, where this file serves stdio alone: one process
    // per client, nothing to reach another instance; info, until it is served over HTTP (trial 32C).
    // (Not where the file exports what another module may serve over HTTP.)
    // (A browser page the process keeps is its state too, trial 44A.) So too state of a register
    // function whose every caller serves stdio alone, wherever it is written (review 76 point 4).
    const overStdio = !legacyOnly && list.every((r) => r.kind === 'server-state' || r.kind === 'browser-state') && (list.every((r) => r.overStdio) || servesStdioEntry());
    // Kept under handles that travel in a header the tools declare (x-mcp-header): what is left is the load balancer's, a warning.
    const routed = !legacyOnly && !overStdio && list.every((r) => r.routed !== undefined);
    // A stdio entry that the deployment serves through a gateway (trial 72B B6): its usual severity, and where it is served.
    const gateway = !legacyOnly && !overStdio && servesStdioEntry.overHttp && list.every((r) => r.kind === 'server-state' || r.kind === 'browser-state') ? ` (this file serves stdio only, but ${servesStdioEntry.overHttp})` : '';
    const text = `${who} ${joinReasons(list.map((r) => r.text))}${overStdio ? (servesStdioEntry() ? STDIO_NOTE : STDIO_CALLERS_NOTE) : gateway}${routed ? ROUTED_SUPPRESS : ''}`;
    // What the reasons' texts say more (DETAIL_REASONS): state that lasts with the server, a session id that keys a store.
    const details: ReasonId[] = [...(list.some((r) => r.lastsWithServer) ? (['lasts-with-server'] as const) : []), ...(list.some((r) => r.kind === 'session-id' && r.keptBy) ? (['kept-by-id'] as const) : [])];
    const kinds: ReasonId[] = [...new Set(list.flatMap((r) => (r.also ? [r.kind, r.also] : [r.kind]))), ...(legacyOnly && yes ? (['unasked'] as const) : []), ...details];
    // The code the session id keys, as the texts name it (`(here \`cartFor(extra.sessionId!)\`: ...)`).
    const keptBy = list.flatMap((r) => (r.kind === 'session-id' && r.keptBy ? [codeSnippet(r.keptBy, 50)] : []));
    report({
      node: at,
      tool,
      reasons: isListHandler(registration) ? ['list-handler', ...kinds] : readsByUri(registration) ? ['read-handler', ...kinds] : kinds,
      message: legacyOnly ? `${text}, only on the 2025 path (${guardText(legacyOnly.test, legacyOnly.earlyReturn)}): ${yes ? unaskedText(yes) : '2026-07-28 clients never reach it'}` : text,
      ...(legacyOnly ? { severity: yes ? ('warning' as const) : ('info' as const) } : overStdio ? { severity: 'info' as const } : routed ? { severity: 'warning' as const } : {}),
      ...(state.length > 0 ? { state } : {}),
      ...(keptBy.length > 0 ? { keptBy } : {}),
      ...(manual || legacyOnly ? { manual: true } : {}),
    });
  }
}

/** Tool, prompt and resource handlers that need the same instance across calls. Each finding names the tool. */
export const statefulTool: CodeRule = {
  target: 'code',
  id: 'stateful-tool',
  category: 'stateful-tool',
  severity: 'error',
  title: 'Handler needs the same instance across calls',
  why:
    'Under 2026-07-28 consecutive calls of one client may reach different instances and carry no session. A handler that reads or ' +
    'writes per-session state, depends on the session id, sends server→client requests in the middle of a call (elicitation, ' +
    'sampling, roots: now multi-round-trip `input_required` results), pushes from timers or listeners, keeps a browser page in ' +
    'memory between calls, or adds and removes tools, prompts or resources (itself or through a helper handed the server: lists ' +
    'must not vary per connection) only works when one instance serves the whole conversation.',
  fix: {
    codemod: 'explicit-handles',
    manual: 'Give the tool an explicit handle argument and keep its state in a shared store. Where it asks the client mid-call (elicitation, sampling, roots), return input_required instead; where it adds or removes tools, keep the tool list the same for every request (one tool that takes the name, say).',
    advice: ({ message, reasons = [], state = [] }) => {
      const live = liveAdvice(reasons, message);
      return (
      reasons.includes('server-request')
        ? // mcp-lite has no input_required to return (it implements the 2025 revisions only).
          /\bmcp-lite sends\b/.test(message)
          ? MCP_LITE_REQUEST_ADVICE
          : // The message may already say to return input_required: then what happens next.
          /input_required/.test(message)
          ? 'The client answers that result and calls the tool again with the answer; requestState carries what the tool needs to resume.'
          : 'Return an input_required result instead of asking the client mid-call; the client retries with the answer.'
        : reasons.includes('dynamic-list')
          ? 'Keep the tool, prompt and resource lists the same for every request (one tool that takes the name, say).'
          : reasons.includes('session-identity') && !reasons.includes('session-id') && !reasons.includes('session-state')
            ? "Read who the caller is from each request (extra.authInfo, which the SDK's bearer-token middleware sets from the Authorization header) instead of looking it up by the session id; no handle: one would let whoever learns it act as the caller."
          : reasons.includes('session-owner') || reasons.includes('session-record')
            ? "Record and compare the caller's authenticated principal (extra.authInfo) instead of the session id, which 2026-07-28 requests never carry; without auth, a handle the tool returns is what proves a record is the caller's."
            : reasons.includes('agent-props')
              ? "Read them from each request (on agents 0.20 and later, getMcpAuthContext() in createMcpHandler's server factory); credentials never become a tool's argument."
              : reasons.includes('timer-push') && /\bpushes progress from a timer\b/.test(message)
                ? 'Stop the timer before the call returns (clearInterval in a finally block): progress goes only on the call\'s own stream while it runs; work that outlives the call belongs in the Tasks extension.'
              : (reasons.includes('timer-push') || reasons.includes('listener-push')) && /\bpushes log messages\b/.test(message)
                ? "Log from the call the line belongs to, on its own response (extra.sendNotification; on the v2 SDK ctx.mcpReq.log()), or write it to stderr or OpenTelemetry; logging is deprecated."
              : reasons.includes('timer-push') || reasons.includes('listener-push')
                ? 'Send them only on a subscriptions/listen stream the client opened, or drop them.'
                : reasons.length > 0 && reasons.every((r) => r === 'server-push')
                ? "Send it on the call's own response (extra.sendNotification, which ties it to the request), or a change notification on a subscriptions/listen stream the client opened; or drop it."
                : // A resource or prompt read takes no argument a handle could be: its URI or name is the key.
                  reasons.includes('disk-state')
                  ? DISK_FIX
                  : live
                  ? sentence(live)
                  : reasons.includes('connection-state')
                  ? sentence(CONNECTION_ADVICE)
                  : reasons.includes('process-state')
                  ? // Work a timer of this process goes on doing (the message names it): no process to keep, the work to move.
                    /of this process also goes on changing them/.test(message)
                    ? 'Run the work where every instance sees its progress (a job queue whose worker writes it to a shared store), or make the tool a task of the Tasks extension.'
                    : sentence(PROCESS_ADVICE)
                  : reasons.includes('read-handler') && reasons.includes('server-state')
                  ? 'Keep those entries in a shared store every instance reaches, under the URI or name the request carries (a read takes no handle argument).'
                  : reasons.includes('read-handler') && reasons.includes('session-state')
                  ? "A prompt or resource read takes no handle argument: answer it the same for every request (what a tool chose for one conversation goes in that tool's own result, or under a handle the tools take), or key what it reads by the prompt's arguments or the resource URI in a shared store."
                : // A caller's credential one tool keeps for the others (`api.setToken(token)`): no handle, the request's own.
                  /a caller's credential/.test(message)
                  ? 'Take credentials with each request (its Authorization header: extra.authInfo in the handler) instead of keeping what one call set for the calls after it.'
                : // Entries a route of the file stores and a tool reads all of (trial 40B): connections stay where they were made.
                  /, which the .* route stores \(.*: .* is in this process's memory, so the request that stored an entry and this call/.test(message)
                  ? /is a connection open to this instance/.test(message)
                    ? 'Relay the call to the instance that holds the connection (through Redis pub/sub, for one), and its answer back.'
                    : 'Keep those entries in a shared store every instance reaches (Redis, a database), for the route to write and the tools to read.'
                : // Keyed by who the caller is (trial 72B B1): every request says so again, only the store is wrong.
                  /under the caller's identity \(|by the caller's identity \(/.test(message)
                  ? "Keep those entries in a shared store every instance reaches (Redis, a database), under the caller's identity, which every request carries."
                : // The callers name the entries already (trial 40C): only the store is wrong.
                  /under a key its caller names|by a key from its arguments, under which another call stores/.test(message)
                  ? 'Keep those entries in a shared store every instance reaches (Redis, a database), under the key the callers already name.'
                : // The tools pass a handle already (one mints it, the others bring it back): only the store is wrong.
                  /under a handle it mints|by the handle another call minted|by an id from its arguments, which the .* route stores/.test(message)
                  ? 'Keep those entries in a shared store every instance reaches (Redis, a database), under the handle the tools already pass.'
                : // State that takes no handle (credentials, a counter, the client's identity): what that kind asks for.
                  (state.length > 0 && state.every((s) => !takesHandle(stateKind(s))) ? STATE_KIND_ADVICE[stateKind(state[0])] : undefined) ??
                  'Give the tool an explicit handle argument and keep its state in a shared store.'
      );
    },
  },
  docs: `${SPEC}/server/tools`,
  keywords: [
    'session', 'elicitinput', 'createmessage', 'listroots', 'sendrequest', 'requestsampling', 'elicit',
    '.sample(', 'sendtoollistchanged', 'sendpromptlistchanged', 'sendresourcelistchanged', 'registertool', 'registerprompt', 'registerresource',
    '.tool', '.prompt', '.resource', 'setrequesthandler', 'list_changed', 'addtool', 'addprompt', 'addresource', '.enable(', '.disable(', '.remove(', '.update(',
    'mcpagent', 'puppeteer', 'playwright', 'setinterval', '.on(', 'roots/list', 'sampling/createmessage', 'elicitation/create', 'mcptool',
    // @nuxtjs/mcp-toolkit's definitions (defineMcpTool, defineMcpPrompt, defineMcpResource).
    'definemcp',
    // @rekog/mcp-nest's decorated methods (@Tool, @Prompt, @Resource, @ResourceTemplate).
    '@tool(', '@prompt(', '@resource(', '@resourcetemplate(',
    // A file watcher's callback that pushes (`watch(dir, () => server.sendResourceUpdated(...))`).
    'watch(', 'watchfile(',
    // A registration helper handed the server and a tool's name (`define(server, 'start_draft', {...})`), maybe of another module.
    "(server, '", '(server, "', '(server, `',
  ],
  check(file, reportAny) {
    // explicit-handles rewrites state kept by the session and nothing else: a finding with no such
    // reason (a list that changes, a request to the client, a browser in memory) names no codemod.
    const report: typeof reportAny = (r) => reportAny(r.reasons && !r.reasons.some((k) => k === 'session-state' || k === 'session-id') ? { ...r, manual: true } : r);
    for (const change of listsChangedByRequests(file.facts)) report({ node: change.node, message: change.message, reasons: ['dynamic-list'] });
    // Server→client requests the handlers make (directly or through helpers): the rest are reported on their own.
    const covered = new Set<TS.Node>();
    // Whether this file serves stdio alone and is a program's entry (asked once, where a finding needs it);
    // not where the deployment serves it over HTTP through a gateway, which its findings then name (trial 72B B6).
    let entry: boolean | undefined;
    // (Asked at once only where a gateway serves the file, which few do.)
    const overHttp = file.facts.servedOverHttp && stdioEntry(file.facts.sourceFile) ? file.facts.servedOverHttp : undefined;
    const servesStdioEntry: StdioEntry = Object.assign(() => (entry ??= !overHttp && stdioEntry(file.facts.sourceFile)), { overHttp });
    for (const registration of file.facts.registrations) reportRegistration(file.facts, registration, report, covered, servesStdioEntry);
    // Tools whose handlers another module holds (a tools module's objects or functions registered
    // here, trial 41A): judged with that module's facts, each module's tools counted among its own
    // (SessionFacts.registeredIn) so that they pair; reported here, at the registration, for a
    // person (fix rewrites the handlers of the file it runs on).
    const imported = file.facts.importedRegistrations;
    const factsOf = imported.length > 0 ? SessionFacts.registeredIn(imported, file.facts.modules!.source) : undefined;
    // What this file's function that hands the call on does around it (a guard on the session id):
    // judged once per function, which every object of a list shares.
    const aroundOf = new Map<TS.FunctionLikeDeclaration, ToolReason[]>();
    for (const registration of imported) {
      const at = (r: Report): Report => ({ ...r, node: registration.nameNode, manual: true });
      const { caller } = registration;
      let around = caller ? aroundOf.get(caller.fn) : [];
      if (!around) aroundOf.set(caller!.fn, (around = statefulReasons(file.facts, { ...registration, handler: caller!.fn, contextParam: caller!.contextParam, module: undefined, caller: undefined })));
      reportRegistration(factsOf!.get(registration.module!.sourceFile)!, registration, (r) => report(at(r)), covered, servesStdioEntry, registration.module!.path, around);
    }
    // A resource template's list callback over a module collection the tools fill: resources/list varies with them.
    // Its list and completion callbacks over state made with the server the handlers change too (trial 78A B7).
    file.facts.nodes.visit(NEW_EXPRESSIONS, (node) => {
      if (!ts.isNewExpression(node) || calleeName(node) !== 'ResourceTemplate') return;
      const options = node.arguments?.[1] && unwrap(node.arguments[1]);
      const property = (object: TS.Node | undefined, key: string) => (object && ts.isObjectLiteralExpression(object) ? object.properties.find((p) => propertyNameText(p.name as TS.PropertyName) === key) : undefined);
      const functionOf = (p: TS.ObjectLiteralElementLike | undefined) => (p && (ts.isPropertyAssignment(p) ? resolveFunction(p.initializer) : ts.isMethodDeclaration(p) ? p : undefined));
      const list = property(options, 'list');
      const fn = functionOf(list);
      const filled = fn?.body ? filledCollection(file.facts, fn) : undefined;
      const uri = constantString(node.arguments?.[0]);
      const template = `the resource template${uri ? ` ${uri}` : ''}`;
      if (list && filled) {
        report({ node: list, message: `The list callback of ${template} lists what other calls add to ${filled.name}: resources/list varies as a side effect of those calls, and another instance lists other entries`, reasons: ['list-handler', 'dynamic-list'] });
      } else if (list && fn?.body) {
        const read = templateCallbackStates(file.facts, node, fn);
        if (read) report({ node: list, message: `The list callback of ${template} lists ${read("so resources/list varies per session and with what earlier calls did, which 2026-07-28 forbids (a list may vary by the request's auth only)")}; keep what it lists in a shared store every instance reads`, reasons: ['list-handler', 'dynamic-list', 'server-state', 'lasts-with-server'] });
      }
      // `complete: { id: (value) => ... }`: completions of a variable of the URI template.
      const complete = property(options, 'complete');
      const completers = complete && ts.isPropertyAssignment(complete) ? unwrap(complete.initializer) : undefined;
      if (!completers || !ts.isObjectLiteralExpression(completers)) return;
      for (const p of completers.properties) {
        const completer = functionOf(p);
        const read = completer?.body ? templateCallbackStates(file.facts, node, completer) : undefined;
        const variable = p.name && propertyNameText(p.name);
        if (read) report({ node: p, message: `The completion callback of ${template}${variable ? ` for {${variable}}` : ''} completes from ${read('so a completion request that reaches another instance, or a server built for it, completes from other entries or none')}; complete from a shared store every instance reads`, reasons: ['read-handler', 'server-state', 'lasts-with-server'] });
      }
    });
    // A browser kept at module level that no handler of this file reaches: the tools using it are
    // registered in another module (a tools/call handler importing this one's functions).
    // (A file that exports nothing is a program of its own: no module registers tools over its
    // browser; a debug harness driving a browser over plain HTTP, trial 23B.)
    const holders = browserHolders(file.facts);
    if (holders.size > 0 && !file.facts.clientOnly && exportsAnything(file.sourceFile)) {
      const reached = new Set<TS.Node>();
      for (const registration of file.facts.registrations) {
        if (registration.handler?.body) for (const use of browserUses(file.facts, registration.handler.body, holders)) reached.add(use.holder);
      }
      for (const holder of holders) {
        if (reached.has(holder)) continue;
        const name = holderName(holder);
        report({ node: holderNode(holder), message: `${name} keeps a browser page in this module's memory across calls: a tool that opens a page and the next one that uses it may reach different instances; ${BROWSER_ADVICE}`, manual: true, reasons: ['browser-state'] });
      }
    }
    // An McpAgent's onStateUpdate hook runs whenever its state changes, a tool's setState among
    // them (epic-me-mcp's login, trial 28B): tools it enables or disables, itself or through the
    // class's methods, make the list vary per session and with what earlier requests did.
    for (const registration of file.facts.registrations) {
      const cls = enclosingClass(registration.call);
      if (!cls || covered.has(cls) || !isMcpAgentClass(cls)) continue;
      covered.add(cls);
      const hook = cls.members.find((m): m is TS.MethodDeclaration => ts.isMethodDeclaration(m) && propertyNameText(m.name) === 'onStateUpdate' && !!m.body);
      const found = hook && listChangeIn(file.facts, hook, covered);
      if (!hook || !found) continue;
      const { change, list } = found;
      report({
        node: hook.name,
        message: `The McpAgent's onStateUpdate hook changes the ${list} whenever the agent's state changes (${changeLabel(change)}): the list then varies per session and with what earlier requests did, and 2026-07-28 lists must be the same for every request; keep every tool listed and have a tool refuse when the caller may not use it yet`,
        reasons: ['dynamic-list'],
      });
    }
    // What the handlers above do not cover, in one pass:
    // - tools written as objects (`{ name: 'add_tool', handler: async () => { server.registerTool(...) } }`)
    //   and registered in a loop elsewhere, that change the server's lists;
    // - a list_changed notification sent outside the handlers (a helper that installs tools);
    // - timers and event listeners set up with the server that push through it;
    // - a server→client request made outside every handler (a confirmation helper, a class that
    //   wraps the server), reached from tools elsewhere: reported where it is made. (Sampling and
    //   roots requests only where a tool's call reaches them or a helper hands their result back;
    //   elsewhere they are deprecated-feature's.)
    file.facts.nodes.visit(UNCOVERED, (node) => {
      if (covered.has(node)) return;
      if (ts.isPropertyAssignment(node)) {
        const changed = listChangedMethod(node);
        if (!changed || !ts.isObjectLiteralExpression(node.parent) || !ts.isCallExpression(node.parent.parent)) return;
        if (!/^(sendNotification|notification)$/.test(calleeName(node.parent.parent) ?? '')) return;
        const fn = functionName(node);
        // A library's own sendToolListChanged() (the SDK, a framework): the calls of it are what count.
        if (fn && /ListChanged$/.test(fn)) return;
        const message = `Sends ${changed}${fn ? ` in ${fn}` : ''}`;
        // Forwarded to 2025 connections only (a proxy relaying its upstream's changes behind a test of the era).
        const guard = legacyTest(node);
        if (guard) report({ node: node.parent.parent, message: `${message} only on the 2025 path (${guardText(guard.test, guard.earlyReturn)}): 2026-07-28 clients get changes on a subscriptions/listen stream they open`, severity: 'info', manual: true, reasons: ['dynamic-list'] });
        else report({ node: node.parent.parent, message: `${message}: the lists change at run time, so instances serve different ones; 2026-07-28 lists must not vary as a side effect of other requests`, reasons: ['dynamic-list'] });
        return;
      }
      if (!ts.isCallExpression(node)) return;
      const name = calleeName(node) ?? '';
      // A callback that runs outside any request and pushes through the server: an event listener
      // (a page's console events forwarded as resource updates), or a timer set up with the server
      // (the "everything" server's subscription and log pushes).
      // A file watcher's callback (`fs.watch(dir, (e, f) => ...)`) runs later too: what it does to
      // the lists (trial 19A) and what it pushes (a resource update, trial 43B) count.
      const outside = outsideCallback(node);
      const listener = outside?.kind === 'listener';
      const timer = outside?.kind === 'timer';
      const watcher = outside?.kind === 'watcher';
      /**
       * A callback that runs outside any request and enables or disables a registered tool
       * (`search.disable()` on a settings event), or registers one (nx-console's wrapper
       * re-evaluating which tools to offer, trial 18A): reported once per change, at `node`.
       */
      const reportedListChange = (callback: TS.FunctionLikeDeclaration | undefined, who: () => string, tail = ''): boolean => {
        const found = callback && listChangeIn(file.facts, callback, covered);
        if (!found) return false;
        const { change, list } = found;
        report({ node, message: `${who()} changes the ${list} outside any request (${changeLabel(change)}): 2026-07-28 lists must not vary as a side effect of other events or requests, and its change notifications reach only a subscriptions/listen stream the client opened${tail}`, reasons: ['dynamic-list'] });
        return true;
      };
      // A one-off timer's (`setTimeout(off, 60_000)`), judged only for what it does to the lists.
      if (outside?.kind === 'timeout') {
        reportedListChange(outside.callback, () => `The ${name}() callback`);
        return;
      }
      if (outside) {
        const { callback } = outside;
        const callee = unwrap(node.expression);
        const emitter = listener && ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : undefined;
        // `The SIGINT listener`, or by its emitter where the event is not written out (`process.on(signal, ...)`): named only when reported.
        const listenerName = () => `The ${constantString(node.arguments[0]) ?? (emitter ? `${codeSnippet(emitter, 40)} event` : 'event')} listener`;
        const callbackName = listener ? listenerName : watcher ? () => `The ${name}() callback` : () => `${name}()`;
        if (reportedListChange(callback, callbackName, timer && enclosingFunction(node) ? '; a server built per request also starts this timer on every request' : '')) return;
        if (pushesOutsideRequest(file.facts, node, outside)) {
          const what = `${callbackName()} pushes`;
          const fn = functionName(node);
          // Only a timer the server's builder starts (a module-level one starts once per process).
          const perRequest = timer && enclosingFunction(node) ? ', and a server built per request starts this timer on every request' : '';
          const logs = pushesLogsOnly(file.facts, callback!);
          report({
            node,
            message: logs
              ? `${what} log messages to the client outside any request${fn && timer ? ` in ${fn}` : ''}: 2026-07-28 sends a log message only on the response stream of the request it belongs to, and only when that request asked for a logLevel (never on a standalone or subscriptions/listen stream)${perRequest}`
              : `${what} notifications to the client outside any request${fn && timer ? ` in ${fn}` : ''}: 2026-07-28 has no standalone stream to carry them (only a subscriptions/listen stream the client opened)${perRequest}`,
            manual: true,
            reasons: [timer ? 'timer-push' : 'listener-push'],
          });
        }
        return;
      }
      // createMessage and listRoots are left to deprecated-feature, except in a helper that hands
      // their result to its caller (`requestSampling(m) { return server.createMessage(m) }`), which
      // tools reach mid-call, or where a tool's call reaches them (reachedFromTool); set-up code and
      // notification handlers are no tool's call.
      // `server.server.request({ method: 'roots/list' })` by hand: only where a tool's call reaches it (see reachedFromTool).
      // (Cheap tests first: most calls are no request to the client, and what a tool reaches is worked out once per file.)
      // (Or on the server an exported helper is handed, for other modules' tools: trial 48B's makeAsk(server).)
      const byHand = name === 'request' && isServerRequest(file.facts, node) && (reachedFromTool(file.facts, node) || askedForCaller(node, file.facts));
      if (byHand || (UNCOVERED_ELSEWHERE.has(name) && isServerRequest(file.facts, node) && (!DEPRECATED_TOO.has(name) || returnedByHelper(node) || askedForCaller(node, file.facts) || reachedFromTool(file.facts, node)))) {
        const fn = functionName(node);
        const lite = byHand ? undefined : mcpLiteRequest(file.facts, node);
        const message = `${byHand ? `request(${requestedMethod(node)})` : `${name}()`} sends a server→client request mid-call${fn ? ` in ${fn}` : ''}${lite ? ` (${lite})` : ''}`;
        const guard = legacyTest(node);
        // Only where this instance saw the client's handshake (a 2025 client): the request does not
        // break a 2026-07-28 call, it is skipped there.
        const yes = guard && modernYes(guard, node);
        if (guard) report({ node, message: `${message} only on the 2025 path (${guardText(guard.test, guard.earlyReturn)}): ${yes ? unaskedText(yes) : '2026-07-28 clients never reach it; where they should get the same, return input_required instead'}`, severity: yes ? 'warning' : 'info', manual: true, reasons: yes ? ['server-request', 'unasked'] : ['server-request'] });
        // The revision removed such requests, over stdio too; the instance holding the stream is HTTP's part of it (trial 28B: a stdio server told of instances).
        else report({ node, message: `${message}: 2026-07-28 removed requests to the client in the middle of a call (over HTTP its answer would also have to reach the instance holding the caller's stream), so every tool that reaches it must return input_required instead`, reasons: ['server-request'] });
        return;
      }
      const changes = callsOneOf(node, LIST_CHANGES);
      const tool = (registers(file.facts, node) || !!changes || isHandleToggle(file.facts, node)) && toolObjectOf(node);
      if (tool) {
        report({ node: tool.nameNode, tool: tool.name, message: `Tool "${tool.name}" changes the server's lists at run time (${changes && calleeName(node) === undefined ? callLabel(node, changes) : name})`, reasons: ['dynamic-list'] });
        return;
      }
      // `server.sendToolListChanged()` in a route or a helper, outside any tool call (CircleCI's
      // push after initialize): unsolicited, where 2026-07-28 has no stream to carry it.
      // (Also through a computed name whose values are known: `server[KINDS.tools.notificationMethod]()`.)
      const pushed = changes ?? callsOneOf(node, RESOURCE_UPDATES);
      const receiver = pushed && calleeReceiver(node);
      // Every server a module keeps (`servers.add(server)` per request), pushed to later.
      const remembered = receiver ? rememberedServers(file.facts, receiver) : undefined;
      const fn = receiver && (remembered || (changes && file.facts.receiverKind(receiver) === 'server')) ? enclosingFunction(node) : undefined;
      const named = fn ? functionName(node) : undefined;
      // (Not a library's own relay: its sendToolListChanged(), a #notify() that fans a change out,
      // unless what it fans out to is every server it ever built.)
      if (fn && pushed && (remembered || !(named && /ListChanged$|(^|\.)#?notify\w*$/i.test(named)))) {
        const guard = legacyTest(node);
        const where = `${named ? ` in ${named}` : ''}${remembered ? `, to every server kept in ${(remembered.name as TS.Identifier).text} (module-level: servers this instance built for earlier requests)` : ''}${guard ? ` only on the 2025 path (${guardText(guard.test, guard.earlyReturn)})` : ''}`;
        const what = changes ? `${callLabel(node, changes)} announces a changed list outside any tool call` : `${callLabel(node, pushed)} pushes a resource update outside any request`;
        report({
          node,
          message: `${what}${where}: 2026-07-28 sends change notifications only on a subscriptions/listen stream the client opened${changes ? ', and a list must not change per connection or request' : ''}`,
          severity: guard ? 'info' : 'warning',
          manual: true,
          reasons: [changes ? 'dynamic-list' : 'listener-push'],
        });
      }
    });
  },
};

const CALLS = kinds(ts.SyntaxKind.CallExpression);
const NEW_EXPRESSIONS = kinds(ts.SyntaxKind.NewExpression);
const ASSIGNMENTS = kinds(ts.SyntaxKind.BinaryExpression);
const VARIABLE_DECLARATIONS = kinds(ts.SyntaxKind.VariableDeclaration);
const UNCOVERED = kinds(ts.SyntaxKind.CallExpression, ts.SyntaxKind.PropertyAssignment);
// createMessage and listRoots are deprecated too (a warning of their own), and fail mid-call on a modern request like the rest.
const UNCOVERED_ELSEWHERE = new Set(['elicitInput', 'elicit', 'sample', 'sendRequest', 'createMessage', 'listRoots', 'samplingRequest', 'samplingRequestWithTools', 'getRoots']);
const DEPRECATED_TOO = new Set(['createMessage', 'listRoots']);

const handshakeSettingsMemo = new WeakMap<SessionFacts, Map<TS.VariableDeclaration, string>>();

/**
 * Per file: the module-level variables the initialize handshake sets (`currentClient = ...` in an
 * `oninitialized` callback or an initialize request handler), with the hook that sets each.
 */
function handshakeSettings(facts: SessionFacts): Map<TS.VariableDeclaration, string> {
  let settings = handshakeSettingsMemo.get(facts);
  if (settings) return settings;
  settings = new Map();
  handshakeSettingsMemo.set(facts, settings);
  if (!/oninitialized|InitializeRequestSchema/.test(facts.sourceFile.text)) return settings;
  const hooks: Array<[TS.FunctionLikeDeclaration, string]> = [];
  facts.nodes.visit(INITIALIZED_HOOK_KINDS, (node) => {
    const fn = initializedHook(node);
    if (fn) hooks.push([fn, 'oninitialized']);
  });
  for (const r of facts.registrations) if (r.kind === 'request' && r.method === 'initialize' && r.handler) hooks.push([r.handler, 'its initialize handler']);
  for (const [fn, hook] of hooks) {
    if (!fn.body) continue;
    for (const { target, how } of changesIn(fn.body)) {
      const decl = how === 'set' ? moduleVariableOf(target) : undefined;
      if (decl && ts.isIdentifier(decl.name) && !settings.has(decl)) settings.set(decl, hook);
    }
  }
  return settings;
}

/** The first read in a handler of a variable the handshake sets: its name, the hook, where it is read. */
function handshakeSettingRead(facts: SessionFacts, handler: TS.FunctionLikeDeclaration): { name: string; hook: string; node: TS.Node } | undefined {
  const settings = handshakeSettings(facts);
  if (!handler.body) return undefined;
  const [first] = firstReads(handler.body, settings, undefined, true);
  return first && { name: first[1].text, hook: settings.get(first[0])!, node: first[1] };
}

const toolReachMemo = new WeakMap<SessionFacts, { methods: Map<TS.ClassLikeDeclaration, Set<string>>; functions: Set<TS.Node> }>();

/**
 * Per file: what the tool registrations reach. `methods`: the methods they call on `this`
 * (`() => this.run()` in a base class's installTo), by the class that registers: a subclass's
 * override is what a call runs. `functions`: their handlers, and the functions of the file those
 * call, three calls deep (a wrapper's `getContext()` that asks the client for its roots). Names
 * computed at run time count (`server.registerTool(tool.name, ...)` in a loop over a list).
 */
function toolReach(facts: SessionFacts): { methods: Map<TS.ClassLikeDeclaration, Set<string>>; functions: Set<TS.Node> } {
  let reach = toolReachMemo.get(facts);
  if (reach) return reach;
  reach = { methods: new Map(), functions: new Set() };
  toolReachMemo.set(facts, reach);
  const { methods, functions } = reach;
  const frontier: TS.FunctionLikeDeclaration[] = [];
  const start = (handler: TS.FunctionLikeDeclaration | undefined, at: TS.Node) => {
    if (!handler?.body || functions.has(handler)) return;
    functions.add(handler);
    frontier.push(handler);
    const cls = enclosingClass(at);
    if (!cls) return;
    walk(handler.body, (n) => {
      const callee = ts.isCallExpression(n) ? unwrap(n.expression) : undefined;
      if (callee && ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const names = methods.get(cls) ?? new Set<string>();
        names.add(callee.name.text);
        methods.set(cls, names);
      }
      return undefined;
    });
  };
  // The file's registrations (their handlers as registrations.ts resolves them: wrapped, handed to
  // a wrapper, FastMCP's addTool), and registering calls whose names only run time knows.
  for (const r of facts.registrations) start(r.handler, r.call);
  facts.nodes.visit(CALLS, (node) => {
    if (ts.isCallExpression(node) && node.arguments.length >= 2 && registers(facts, node)) start(resolveFunction(node.arguments[node.arguments.length - 1]), node);
  });
  callsDown(facts, frontier, functions, 3);
  return reach;
}

/**
 * A call in code a tool's call runs: a function the file's registrations reach (see toolReach),
 * or a method of a tool class a registration runs (`run()` of `class Classify extends BaseTool`).
 * What it asks the client there, it asks mid-call, like the handler's own code; what it registers
 * there changes the list at run time (list-cache's marker).
 */
export function reachedFromTool(facts: SessionFacts, call: TS.CallExpression): boolean {
  const fn = enclosingFunction(call);
  if (!fn) return false;
  const { methods, functions } = toolReach(facts);
  if (functions.has(fn)) return true;
  if (!ts.isMethodDeclaration(fn) || !ts.isIdentifier(fn.name) || methods.size === 0) return false;
  const seen = new Set<TS.Node>();
  for (let cls = enclosingClass(fn); cls && !seen.has(cls); ) {
    seen.add(cls);
    if (methods.get(cls)?.has(fn.name.text)) return true;
    cls = baseClassOf(cls);
  }
  return false;
}

/**
 * A use in a tool handler of what its Durable Object per session keeps (`this.state`,
 * `this.ctx.storage`, `this.sql`, a local of the method around holding one of them), or of the
 * props McpAgent bound when the session started. `this.ctx.waitUntil` or `this.env` keep nothing.
 * `helpers`: whether a method or getter of the class that reaches that state counts as well.
 */
function agentStateUse(node: TS.Node, handler: TS.FunctionLikeDeclaration, mcpAgent: boolean, owner: string, locals: ReadonlySet<string>, helpers: boolean): ToolReason | undefined {
  if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const name = node.name.text;
    // this.props is what McpAgent bound at the session's start; another class's props are its own.
    // Also through a getter or method of the agent that reads them (`get owner() { return this.props.sub }`).
    if (mcpAgent && (name === 'props' || memberReadsProps(node))) {
      const via = name === 'props' ? 'this.props, its auth say' : `this.${name}, which reads this.props: its auth, say`;
      return { kind: 'agent-props', text: `reads the props the McpAgent bound to the session when it started (${via}); read them from each request instead`, node };
    }
    const members = agentStateMembers(node);
    // A State only ever its initialState (no setState): the same defaults on every object.
    const cls = enclosingClass(node);
    if (members && (members[0] === 'state' || members[0] === 'initialState') && cls && agentStateIsConstant(cls)) return undefined;
    if (members) return { kind: 'agent-state', text: `uses ${owner} per-session Durable Object state (this.${members.join('.')})`, node };
    // The same state through a method or getter of the agent (`this.isBanned()`, which reads
    // this.ctx.storage): the tool depends on it all the same (trial 73A B1).
    const helper = helpers && cls && !isAssignmentTarget(node) ? helperAgentState(cls, name) : undefined;
    if (helper) return { kind: 'agent-state', text: `uses ${owner} per-session Durable Object state (this.${helper.members.join('.')}, through ${helper.via.join(', then ')})`, node };
    // A field of the agent's own that its object per session keeps (`this.tenant`, set in onConnect()).
    const kept = mcpAgent && cls && !isAssignmentTarget(node) ? keptAgentField(cls, name) : undefined;
    return kept ? { kind: 'agent-state', text: `reads this.${name}, which ${owner} object for this session keeps${kept === true ? '' : ` (set in ${kept}())`}: a 2026-07-28 request may reach any object, where it is unset or another session's; read it from each request, or keep it under an explicit handle`, node } : undefined;
  }
  // Its storage through a local of the method around (`const storage = this.ctx.storage`): only
  // identifiers named like such a variable are resolved.
  if (!ts.isIdentifier(node) || !locals.has(node.text) || isPropertyName(node)) return undefined;
  const decl = resolveIdentifier(node);
  const init = decl && ts.isVariableDeclaration(decl) && decl.initializer && !(decl.pos >= handler.pos && decl.end <= handler.end) ? unwrap(decl.initializer) : undefined;
  if (init && isAgentState(membersOfThis(init) ?? [])) return { kind: 'agent-state', text: `uses ${owner} per-session Durable Object state (${node.text}, ${codeSnippet(init, 60)})`, node };
  return undefined;
}

/**
 * Whether an agent class's own field keeps something across calls: assigned in one of its methods
 * (the name of the first such method, `onConnect`), or initialised with something mutable (`new
 * Map()`, `[]`, `{}`: true). A field only ever its constant initial value (`baseUrl = '...'`) keeps
 * nothing; nor does its server.
 */
function keptAgentField(cls: TS.ClassLikeDeclaration, name: string): string | true | undefined {
  let kept = keptAgentFields.get(cls);
  if (!kept) keptAgentFields.set(cls, (kept = keptFieldsOf(cls)));
  return kept.get(name);
}

const keptAgentFields = new WeakMap<TS.ClassLikeDeclaration, Map<string, string | true>>();

/** keptAgentField for every field of a class, from one walk of it. */
function keptFieldsOf(cls: TS.ClassLikeDeclaration): Map<string, string | true> {
  const fields = agentFields(cls);
  const kept = new Map<string, string | true>();
  walk(cls, (n) => {
    if (!ts.isPropertyAccessExpression(n) || n.expression.kind !== ts.SyntaxKind.ThisKeyword || !fields.has(n.name.text) || kept.has(n.name.text) || !isAssignmentTarget(n)) return undefined;
    const method = findAncestor(n, (a) => ts.isMethodDeclaration(a) || ts.isConstructorDeclaration(a) || ts.isGetAccessorDeclaration(a) || ts.isSetAccessorDeclaration(a));
    kept.set(n.name.text, method && 'name' in method && method.name ? propertyNameText(method.name as TS.PropertyName) ?? 'a method' : 'a method');
    return undefined;
  });
  for (const m of cls.members) {
    const init = ts.isPropertyDeclaration(m) && m.initializer ? unwrap(m.initializer) : undefined;
    const field = ts.isPropertyDeclaration(m) ? propertyNameText(m.name) : undefined;
    if (field && fields.has(field) && !kept.has(field) && init && (ts.isNewExpression(init) || ts.isArrayLiteralExpression(init) || ts.isObjectLiteralExpression(init))) kept.set(field, true);
  }
  return kept;
}

/** Whether `this.name` is a getter or method of the class around that reads `this.props`. */
function memberReadsProps(access: TS.PropertyAccessExpression): boolean {
  const cls = enclosingClass(access);
  const member = cls?.members.find((m) => (ts.isGetAccessorDeclaration(m) || ts.isMethodDeclaration(m)) && m.name && propertyNameText(m.name) === access.name.text) as TS.GetAccessorDeclaration | TS.MethodDeclaration | undefined;
  if (!member?.body) return false;
  return someNode(member.body, (n) => ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword && n.name.text === 'props');
}

const helperAgentStates = new WeakMap<TS.ClassLikeDeclaration, Map<string, ReturnType<typeof memberUsesAgentState>>>();

/** memberUsesAgentState, asked once per class and name (each tool of the agent may call the same helpers). */
function helperAgentState(cls: TS.ClassLikeDeclaration, name: string): ReturnType<typeof memberUsesAgentState> {
  let known = helperAgentStates.get(cls);
  if (!known) helperAgentStates.set(cls, (known = new Map()));
  if (!known.has(name)) known.set(name, memberUsesAgentState(cls, name));
  return known.get(name);
}

/**
 * The Durable Object state a method or getter of an agent class reaches (`this.ctx.storage`,
 * `this.state.cart`, `this.setState`): in its own body, or in the class's methods and getters it
 * uses, three levels deep (`isBanned()` → `getMode()` → `this.ctx.storage.get('mode')`, trial 73A
 * B1; the workos shop reads its per-session mode that way). `members`: the state it reaches;
 * `via`: the methods it goes through (`this.isBanned()`). A State only ever its initialState
 * counts for nothing here, as in a handler; nor does `this.env` or a constant.
 */
function memberUsesAgentState(cls: TS.ClassLikeDeclaration, name: string, depth = 3, path: ReadonlySet<string> = new Set()): { members: string[]; via: string[] } | undefined {
  if (path.has(name)) return undefined;
  const member = agentMethod(cls, name);
  const fn = member && (ts.isPropertyDeclaration(member) ? unwrap(member.initializer!) : member);
  const body = fn && isFunctionLike(fn) ? fn.body : undefined;
  if (!body) return undefined;
  const label = ts.isGetAccessorDeclaration(member!) ? `this.${name}` : `this.${name}()`;
  const inner = new Set(path).add(name);
  let found: { members: string[]; via: string[] } | undefined;
  walk(body, (n) => {
    if (found) return false;
    if (!ts.isPropertyAccessExpression(n) || n.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
    const members = agentStateMembers(n);
    if (members) {
      const owner = enclosingClass(n);
      if (!((members[0] === 'state' || members[0] === 'initialState') && owner && agentStateIsConstant(owner))) found = { members, via: [label] };
      return undefined;
    }
    const deeper = depth > 1 ? memberUsesAgentState(cls, n.name.text, depth - 1, inner) : undefined;
    if (deeper) found = { members: deeper.members, via: [label, ...deeper.via] };
    return undefined;
  });
  return found;
}

/**
 * The instance method, getter or function-valued field (`check = async () => ...`) of a class, or
 * of a class of the file it extends, that `this.name` runs.
 */
function agentMethod(cls: TS.ClassLikeDeclaration, name: string): TS.MethodDeclaration | TS.GetAccessorDeclaration | TS.PropertyDeclaration | undefined {
  const seen = new Set<TS.Node>();
  for (let c: TS.ClassLikeDeclaration | undefined = cls; c && !seen.has(c); c = baseClassOf(c)) {
    seen.add(c);
    const member = c.members.find((m) => !isStaticMember(m) && m.name !== undefined && propertyNameText(m.name) === name);
    if (!member) continue;
    if (ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member)) return member;
    const init = ts.isPropertyDeclaration(member) && member.initializer ? unwrap(member.initializer) : undefined;
    return init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? (member as TS.PropertyDeclaration) : undefined;
  }
  return undefined;
}

const agentStateLocalsMemo = new WeakMap<SessionFacts, Set<string>>();

/** Per file: the names of the variables set from what a Durable Object keeps (`const storage = this.ctx.storage`). */
function agentStateLocals(facts: SessionFacts): Set<string> {
  let names = agentStateLocalsMemo.get(facts);
  if (names) return names;
  names = new Set();
  agentStateLocalsMemo.set(facts, names);
  facts.nodes.visit(VARIABLE_DECLARATIONS, (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && isAgentState(membersOfThis(node.initializer) ?? [])) names!.add(node.name.text);
  });
  return names;
}

/** @nuxtjs/mcp-toolkit's `useMcpSession()` (auto-imported, so called by that name). */
function usesNuxtSession(_facts: SessionFacts, call: TS.CallExpression): boolean {
  const callee = unwrap(call.expression);
  return ts.isIdentifier(callee) && callee.text === 'useMcpSession';
}

/** `return [await] x.createMessage(...)` as the body's answer of a named function or method. */
function returnedByHelper(call: TS.CallExpression): boolean {
  let n: TS.Node = call.parent;
  while (ts.isAwaitExpression(n) || ts.isParenthesizedExpression(n)) n = n.parent;
  if (!ts.isReturnStatement(n)) return false;
  let fn: TS.Node | undefined = n.parent;
  while (fn && !isFunctionLike(fn)) fn = fn.parent;
  return !!fn && isFunctionLike(fn) && (ts.isMethodDeclaration(fn) || ts.isFunctionDeclaration(fn)) && !!fn.name;
}

/**
 * A request to the client on the server an exported function of the module is handed
 * (`export async function askModel(server: Server, prompt) { const r = await
 * server.createMessage(...) }`, trial 47B): a helper for other modules' code to ask the client
 * with, which a tool's call reaches as much as one of the file's (elicitInput there is reported
 * the same).
 */
function askedForCaller(call: TS.CallExpression, facts: SessionFacts): boolean {
  const receiver = calleeReceiver(call);
  const root = receiver && accessRoot(receiver);
  const param = root && ts.isIdentifier(root) ? resolveIdentifier(root) : undefined;
  const fn = param && ts.isParameter(param) ? param.parent : undefined;
  // (The parameter's function, around the call: also in a callback of it, `retry(() => server.createMessage(...))`.)
  if (!fn || !isFunctionLike(fn) || !exportingStatement(fn)) return false;
  // Not in set-up code or a notification handler the helper installs (`server.oninitialized = ...`,
  // `setNotificationHandler(...)`): no tool's call (review 59).
  for (let at: TS.Node = call.parent; at !== fn; at = at.parent) {
    if (initializedHook(at) !== undefined) return false;
    if (isFunctionLike(at) && ts.isCallExpression(at.parent) && calleeName(at.parent) === 'setNotificationHandler') return false;
    if (isFunctionLike(at) && ts.isBinaryExpression(at.parent) && ts.isPropertyAccessExpression(at.parent.left) && /^on(initialized|close|error)$/.test(at.parent.left.name.text)) return false;
  }
  // Not one the file itself calls only from its oninitialized hook (set-up, no tool's call: review 57).
  const calls = facts.callSitesOf(fn);
  return calls.length === 0 || !calls.every((c) => findAncestor(c, (a): a is TS.Node => initializedHook(a) !== undefined));
}

/** The name of the function or method a node is in (`confirm`, `Elicitation.requestConfirmation`). */
function functionName(node: TS.Node): string | undefined {
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
    if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) && n.name) {
      const cls = ts.isMethodDeclaration(n) ? enclosingClass(n) : undefined;
      return cls?.name ? `${cls.name.text}.${n.name.getText()}` : n.name.getText();
    }
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name)) return n.parent.name.text;
  }
  return undefined;
}
