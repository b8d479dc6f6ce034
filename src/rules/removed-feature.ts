import { ts } from '../analysis/typescript.js';
import type { ts as TS } from 'ts-morph';
import { calleeName, calleeReceiver, constantString, dispatchTableMethod, enclosingClass, enclosingFunction, handlerObjectMethod, isServerAnsweredMethod, functionDeclarationOf, importOf, isEqualityTest, isFunctionLike, isValueReference, moduleExportOf, outermost, propertyNameText, referenceName, referencesTo, resolveIdentifier, resolveInitializer, typeNameText, unwrap, walk } from '../analysis/ast.js';
import { SPEC, type CodeRule, adviceByMessage } from './types.js';
import { kinds } from '../analysis/nodes.js';
import { loggedHeader, namesHeader, sessionHeaderUse } from './session-header.js';
import { corsKeptForLegacySessions, guardText, keptOnLegacyPath, legacyTest } from '../analysis/eras.js';
import { servesBothEras, speaksAcpOnly } from '../analysis/mcp.js';
import { enclosingRoute, isRouteHandler, MCP_ROUTE_PATH, MCP_WORK, routePath } from '../analysis/routes.js';
import { exportingStatement, type SessionFacts } from '../analysis/session.js';


/**
 * Whether a node sits in a route handler of the application's own: a literal path that names no MCP
 * endpoint (`/admin/logs/stream`), and a handler that hands nothing to an MCP transport or event
 * store. Its Last-Event-ID resumes the application's own event stream, not an MCP one.
 */
function ownEventRoute(node: TS.Node): boolean {
  const route = enclosingRoute(node);
  if (route) return ownRoute(route.path, route.handler);
  // Or in a function of the file that only such routes run, called there or handed to them by
  // name (`admin.get('/api/logs/stream', (req, res) => streamLogs(req, res))`; trial 52B, 1mcp's log tail).
  const fn = enclosingFunction(node);
  const named = fn && functionDeclarationOf(fn);
  // (Not an exported one: another module's MCP route may run it too; review 67.)
  if (!named || mcpWork(fn!) || exportingStatement(fn!)) return false;
  const uses = referencesTo(named.getSourceFile(), named);
  return (
    uses.length > 0 &&
    uses.every((use) => {
      const path = isRouteHandler(use) ? routePath(use.parent as TS.CallExpression) : undefined;
      if (path !== undefined) return ownRoute(path);
      const around = enclosingRoute(use);
      return !!around && ownRoute(around.path, around.handler);
    })
  );
}

/** Whether a route's path (`/admin/logs/stream`; routePath reads one a const object holds as its literal) names no MCP endpoint, and its handler, if given, does no MCP work. */
function ownRoute(path: string, handler?: TS.FunctionLikeDeclaration): boolean {
  return path.startsWith('/') && !MCP_ROUTE_PATH.test(path) && !(handler && mcpWork(handler));
}

/** Whether a function hands requests to an MCP transport, handler or event store (MCP_WORK). */
function mcpWork(fn: TS.FunctionLikeDeclaration): boolean {
  return MCP_WORK.test(fn.getText());
}

/** Whether a node is inside a case of a switch on the method (`case 'resources/subscribe': if (method === ...)`): that case is the finding. */
function inMethodCase(node: TS.Node): boolean {
  for (let n = node.parent; n && !ts.isFunctionLike(n); n = n.parent) if (ts.isCaseClause(n) && /method$/i.test(n.parent.parent.expression.getText())) return true;
  return false;
}

/** Whether a call name sets a handler (rather than sending). */
function sets(name: string): boolean {
  return name === 'setRequestHandler' || name === 'setNotificationHandler';
}

/**
 * The method an inline zod request schema names (`z.object({ method: z.literal('resources/subscribe')
 * }).passthrough()`, the conformance server's way, trial 37B), if the handler's schema is one.
 */
function schemaLiteralMethod(schema: TS.Expression | undefined): string | undefined {
  let found: string | undefined;
  if (schema)
    walk(schema, (n) => {
      if (found !== undefined || isFunctionLike(n)) return false;
      if (ts.isPropertyAssignment(n) && propertyNameText(n.name) === 'method' && ts.isCallExpression(unwrap(n.initializer)) && calleeName(unwrap(n.initializer) as TS.CallExpression) === 'literal') {
        found = constantString((unwrap(n.initializer) as TS.CallExpression).arguments[0]);
      }
      return undefined;
    });
  return found;
}

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.Identifier, ts.SyntaxKind.CallExpression, ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.PropertyDeclaration, ts.SyntaxKind.MethodDeclaration, ts.SyntaxKind.CaseClause, ts.SyntaxKind.BinaryExpression, ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral);

/** Removed outright by 2026-07-28 (not deprecated): schema names and method strings → what replaces them. */
const REMOVED_SCHEMAS: Record<string, string> = {
  PingRequestSchema: 'ping was removed',
  SetLevelRequestSchema: 'logging/setLevel was removed; requests opt into logs with _meta["io.modelcontextprotocol/logLevel"]',
  SubscribeRequestSchema: 'resources/subscribe was removed; clients open a subscriptions/listen stream',
  UnsubscribeRequestSchema: 'resources/unsubscribe was removed; clients close their subscriptions/listen stream',
  ElicitationCompleteNotificationSchema: 'notifications/elicitation/complete was removed with URL elicitation ids',
  InitializedNotificationSchema: 'notifications/initialized was removed with the handshake',
  RootsListChangedNotificationSchema: 'notifications/roots/list_changed was removed: a 2026-07-28 client never sends it',
  GetTaskPayloadRequestSchema: 'tasks/result was removed: under the Tasks extension, tasks/get carries the result of a completed task',
  ListTasksRequestSchema: 'tasks/list was removed with the 2025 core tasks; the Tasks extension has no listing',
  UrlElicitationRequiredError: 'its error code, -32042 (URL elicitation required), was removed: return an input_required result asking for the URL elicitation instead',
};

const REMOVED_METHODS: Record<string, string> = {
  ping: 'ping was removed',
  'logging/setLevel': 'logging/setLevel was removed; requests opt into logs with _meta["io.modelcontextprotocol/logLevel"]',
  'resources/subscribe': 'resources/subscribe was removed; clients open a subscriptions/listen stream',
  'resources/unsubscribe': 'resources/unsubscribe was removed',
  'notifications/roots/list_changed': 'notifications/roots/list_changed was removed',
  'notifications/elicitation/complete': 'notifications/elicitation/complete was removed',
  'notifications/initialized': 'notifications/initialized was removed with the handshake',
  'tasks/result': 'tasks/result was removed: under the Tasks extension, tasks/get carries the result of a completed task',
  'tasks/list': 'tasks/list was removed with the 2025 core tasks; the Tasks extension has no listing',
};

const REMOVED_CALLS: Record<string, string> = {
  createElicitationCompletionNotifier: 'notifications/elicitation/complete was removed with URL elicitation ids',
  ping: 'ping was removed',
  // mcp-use's handler for the roots a client announces (trial 22A).
  onRootsChanged: 'notifications/roots/list_changed was removed: a 2026-07-28 client never sends it, so this handler never runs',
  closeSSEStream: 'SSE resumability (closeSSEStream / Last-Event-ID) was removed',
  closeStandaloneSSEStream: 'the standalone GET stream was removed; notifications go on subscriptions/listen streams',
  // The v2 packages' names for the same, on a handler's `ctx.http` (trial 67B B4).
  closeSSE: 'SSE resumability (Last-Event-ID) was removed: on a 2026-07-28 request, closing its stream abandons the request, and the client must send it again',
  closeStandaloneSSE: 'the standalone GET stream was removed; notifications go on subscriptions/listen streams',
  subscribeResource: 'resources/subscribe was removed; use subscriptions/listen',
  unsubscribeResource: 'resources/unsubscribe was removed; close the subscriptions/listen stream instead',
  setLoggingLevel: 'it sends logging/setLevel, which was removed; requests opt into logs with _meta["io.modelcontextprotocol/logLevel"]',
};

/** `x.request(...)`, `x.notification(...)`, `x.send(...)`: the `x` that sends a message. */
function senderOf(call: TS.CallExpression): TS.Node | undefined {
  return /^(request|notification|send)$/.test(calleeName(call) ?? '') ? calleeReceiver(call) : undefined;
}

/** A function of the application's that sends an MCP request it is handed (`sendMCPRequest(req, schema)`). */
const SENDING_HELPER = /^send\w*(Request|Notification)$/;

/**
 * `x.request({ method: 'ping' }, ...)`: the `x` a request object (or the const holding it) is sent
 * through; or the helper call itself (`sendMCPRequest({ method: 'resources/subscribe' }, ...)`).
 */
function sentThrough(message: TS.Node): TS.Node | undefined {
  const call = firstArgumentOf(message);
  if (!call) return undefined;
  return senderOf(call) ?? (ts.isIdentifier(unwrap(call.expression)) && SENDING_HELPER.test((unwrap(call.expression) as TS.Identifier).text) ? call : undefined);
}

/** An object literal with a `jsonrpc` member: a JSON-RPC message written out. */
function isJsonRpcMessage(object: TS.Node): boolean {
  return ts.isObjectLiteralExpression(object) && object.properties.some((p) => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'jsonrpc');
}

/** Calls that send the message they are handed first: `x.request(msg)`, `x.notify(msg)`, `sendMCPRequest(msg)`. */
const SENDING_CALL = /^(request|notification|notify|send\w*)$/;

/** A type that names a protocol message: `JSONRPCRequest`, `ClientRequest`, `PingRequest`, `ServerNotification`. */
const MESSAGE_TYPE = /(Request|Notification|Message)$/;

/** The call an expression (through parentheses and assertions) is the first argument of. */
function firstArgumentOf(expr: TS.Node): TS.CallExpression | undefined {
  const at = outermost(expr);
  const call = at.parent;
  return call && ts.isCallExpression(call) && call.arguments[0] === at ? call : undefined;
}

/** Whether an expression is the first argument of a call that sends it. */
function handedToSender(expr: TS.Node): boolean {
  const call = firstArgumentOf(expr);
  return !!call && SENDING_CALL.test(calleeName(call) ?? '');
}

/**
 * The HTTP call a message is posted by, as a body (`fetch(url, { method: 'POST', body:
 * JSON.stringify(msg) })`, `axios.post(url, msg)`): the code is a client of the server it posts to
 * (a health probe's ping, trial 29A), whatever else its file serves.
 */
function postedOverHttp(use: TS.Node): TS.CallExpression | undefined {
  let at: TS.Node = outermost(use);
  if (ts.isCallExpression(at.parent) && /^JSON\.stringify$/.test(at.parent.expression.getText()) && at.parent.arguments[0] === at) at = outermost(at.parent);
  const holder = at.parent;
  const options = ts.isPropertyAssignment(holder) && propertyNameText(holder.name) === 'body' ? holder.parent : undefined;
  // (The message itself as the second argument is axios's `post(url, data)`; fetch's is its options: `fetch(url, { method: 'ping' })` is an HTTP request.)
  const call = options && ts.isObjectLiteralExpression(options) && ts.isCallExpression(options.parent) ? options.parent : ts.isCallExpression(holder) && holder.arguments[1] === at && calleeName(holder) === 'post' ? holder : undefined;
  if (!call || !/^(fetch|post|request|\$fetch|ofetch|ky)$/.test(calleeName(call) ?? '')) return undefined;
  return call;
}

/**
 * Whether an object literal with a removed `method` is a message that goes out, and what sends it:
 * handed to a call that sends it (directly or through the const it initialises), written out as
 * JSON-RPC, or typed as a protocol message (`: ClientRequest`, `as PingRequest`). Undefined for a
 * record that merely names a method (a UI history entry's label), which nothing sends.
 */
function sentMessage(object: TS.ObjectLiteralExpression): { sender?: TS.Node; posted?: true } | undefined {
  let typed = false;
  let at: TS.Node = object;
  for (let up = at.parent; ts.isAsExpression(up) || ts.isSatisfiesExpression(up) || ts.isParenthesizedExpression(up); up = up.parent) {
    if (!ts.isParenthesizedExpression(up) && MESSAGE_TYPE.test(typeNameText(up.type) ?? '')) typed = true;
    at = up;
  }
  const decl = at.parent;
  const uses: TS.Node[] = [object];
  if (ts.isVariableDeclaration(decl) && decl.initializer === at && ts.isIdentifier(decl.name)) {
    if (MESSAGE_TYPE.test(typeNameText(decl.type) ?? '')) typed = true;
    uses.push(...referencesTo(decl.getSourceFile(), decl as TS.VariableDeclaration & { name: TS.Identifier }));
  }
  for (const use of uses) {
    const sender = sentThrough(use);
    if (sender) return { sender };
    // Posted to a server over HTTP: whatever posts one is its client.
    const posted = postedOverHttp(use);
    if (posted) return { sender: posted, posted: true };
  }
  return typed || isJsonRpcMessage(object) || uses.some(handedToSender) ? {} : undefined;
}

/**
 * What a client's handler of a removed method is, given the method: a 2025 server's ping it answers
 * (kept for those servers), or a handler for what only clients send (it never runs).
 */
function clientHandlerMessage(method: string): string {
  return method === 'ping'
    ? 'this client answers the pings 2025 servers send; 2026-07-28 servers send none, so keep it while it talks to 2025 servers'
    : `this client handles ${method}, which only clients send: no server ever sends it, so the handler never runs; drop it`;
}

/** The method a removed schema stands for (`PingRequestSchema` → ping). */
const SCHEMA_METHODS: Record<string, string> = {
  PingRequestSchema: 'ping',
  InitializedNotificationSchema: 'notifications/initialized',
  RootsListChangedNotificationSchema: 'notifications/roots/list_changed',
  SetLevelRequestSchema: 'logging/setLevel',
  SubscribeRequestSchema: 'resources/subscribe',
  UnsubscribeRequestSchema: 'resources/unsubscribe',
};

/**
 * Whether `call` (setRequestHandler / setNotificationHandler) sets a handler on an MCP client: its
 * receiver is one, or the file is client code. A client answers what servers send it.
 */
function onClient(facts: SessionFacts, call: TS.CallExpression): boolean {
  if (!/^set(Request|Notification)Handler$/.test(calleeName(call) ?? '')) return false;
  const receiver = calleeReceiver(call);
  return facts.clientOnly || (!!receiver && facts.receiverKind(receiver) === 'client');
}

/** Requests only a client sends to a server: whatever sends one is a client. */
const CLIENT_REQUESTS = new Set(['logging/setLevel', 'resources/subscribe', 'resources/unsubscribe', 'notifications/roots/list_changed', 'notifications/initialized']);

/** A class named for a client (`McpStdioClient`, `JsonRpcClient`). */
const CLIENT_CLASS = /Client$/;

/**
 * Whether the sender of a message is `this` of a client written by hand: a class named for one, or
 * one that sends, by its own calls (`this.request('tools/call', ...)`, `this.send({ method:
 * 'initialize' })`), requests servers answer. What it sends, a client sends, as `client.ping()` does;
 * a hand-written server that pings its clients names no such class and sends no such request.
 */
function sentByOwnClient(facts: SessionFacts, sender: TS.Node): boolean {
  // (`this`, or the call of its own wrapper: `this.call('ping')`.)
  const self = ts.isCallExpression(sender) ? calleeReceiver(sender) : sender;
  if (!self || unwrap(self).kind !== ts.SyntaxKind.ThisKeyword) return false;
  const cls = enclosingClass(self);
  if (!cls) return false;
  if (cls.name && CLIENT_CLASS.test(cls.name.text)) return true;
  let found = false;
  walk(cls, (n) => {
    if (found) return false;
    if (!ts.isCallExpression(n) || unwrap(calleeReceiver(n) ?? n).kind !== ts.SyntaxKind.ThisKeyword) return undefined;
    const first = n.arguments[0] && unwrap(n.arguments[0]);
    const member = first && ts.isObjectLiteralExpression(first) ? first.properties.find((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'method') : undefined;
    // Sent, not a handler registered by method (`this.on('tools/call', ...)`).
    const method = facts.sentThroughWrapper(n)?.method ?? (SENDING_CALL.test(calleeName(n) ?? '') ? (constantString(first) ?? constantString(member?.initializer)) : undefined);
    found = method !== undefined && method !== 'ping' && (isServerAnsweredMethod(method) || CLIENT_REQUESTS.has(method));
    return undefined;
  });
  return found;
}

/**
 * Whether `x` in `x.ping()` is an MCP client or server. A conventional name as a member of something
 * else (`this.queue.client`, `redis.client`, `cache.client`: a Bull queue's or a wrapper's Redis
 * client) only counts on an MCP object (`mcp.server`, `this.mcp.client`) or on `this`.
 */
function mcpPeer(facts: SessionFacts, receiver: TS.Expression): boolean {
  const kind = facts.receiverKind(receiver);
  if (kind !== 'client' && kind !== 'server') return false;
  // A client another package made (`createClient()` of '@redis/client': Redis's PING), trial 23C.
  const maker = madeByModule(receiver);
  if (maker && !/modelcontextprotocol|mcp/i.test(maker)) return false;
  const r = unwrap(receiver);
  return !ts.isPropertyAccessExpression(r) || r.expression.kind === ts.SyntaxKind.ThisKeyword || facts.receiverKind(r.expression) !== undefined;
}

/**
 * The module whose function or class made a value, when the code says: `createClient()` imported
 * (or taken from `await import(...)`) from '@redis/client', `new Redis()` of 'ioredis'.
 */
function madeByModule(receiver: TS.Expression): string | undefined {
  const r = unwrap(receiver);
  const decl = ts.isIdentifier(r) ? resolveIdentifier(r) : undefined;
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
  let made = unwrap(decl.initializer);
  if (ts.isAwaitExpression(made)) made = unwrap(made.expression);
  if (!ts.isCallExpression(made) && !ts.isNewExpression(made)) return undefined;
  // `createClient()` bound from the module (also from `await import(...)`), or a member of what it
  // imports (`redis.createClient()`, whatever the import's shape).
  const callee = unwrap(made.expression);
  const root = ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : undefined;
  return moduleExportOf(callee)?.module ?? (root && ts.isIdentifier(root) ? importOf(root)?.module : undefined);
}

/** A schema handed to a request whose `method` is itself a removed one (reported there). */
function resultSchemaOfRemoved(schema: TS.Identifier): boolean {
  const call = schema.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] === schema) return false;
  const first = call.arguments[0] && unwrap(call.arguments[0]);
  if (!first || !ts.isObjectLiteralExpression(first)) return false;
  return first.properties.some((p) => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'method' && Object.hasOwn(REMOVED_METHODS, constantString(p.initializer) ?? ''));
}

/** Advice by what a finding says it is (the rule's own wording), the first that fits: a client's call, a CORS entry, resumability, a ping. */
const REMOVED_ADVICE: ReadonlyArray<readonly [RegExp, string]> = [
  [/a client sends it|^Sends |in client code/, 'Send it only on connections to 2025 servers (those whose server/discover fails, or that answered initialize), or drop it.'],
  [/ read only to log it/, 'Nothing depends on it: the log field stays empty for 2026-07-28 clients; drop it once 2025 clients are gone.'],
  [/^Last-Event-ID in a CORS header list/, 'Drop Last-Event-ID from the list: 2026-07-28 browsers do not resume streams.'],
  [/^Last-Event-ID|resumability/, 'Drop the resumption (the event store, the replay after Last-Event-ID): 2026-07-28 clients re-issue an interrupted request instead.'],
  [/-32042|URL elicitation/, 'Return an input_required result that asks for the URL elicitation instead of the error; the client retries with the answer.'],
  [/tasks\/(result|list)/, "Move to the Tasks extension (io.modelcontextprotocol/tasks): tasks/get carries a completed task's result, and there is no listing."],
  [/^(\w+\(\): )?ping\b/, 'Drop the ping: 2026-07-28 peers answer it with -32601. Liveness of an instance is an HTTP health check, and a response stream needs no keep-alive request.'],
];

/** The `http` a handler's context hands out (`ctx.http`, a destructured `http`), or a local holding it (`const h = ctx.http`). */
function contextHttp(receiver: TS.Expression): boolean {
  const r = unwrap(receiver);
  const held = ts.isIdentifier(r) ? resolveInitializer(r) : undefined;
  return [r, held].some((n) => n !== undefined && /\bhttp$/.test(n.getText()));
}

/** Methods and mechanisms removed outright in 2026-07-28. */
export const removedFeature: CodeRule = {
  target: 'code',
  id: 'removed-feature',
  category: 'removed-feature',
  severity: 'error',
  title: 'Removed protocol method or mechanism',
  why:
    '2026-07-28 removed ping, logging/setLevel, resources/subscribe and unsubscribe, roots/list_changed, ' +
    'notifications/elicitation/complete, the standalone GET stream and SSE resumability (Last-Event-ID). A modern server answers ' +
    'removed methods with 404 / -32601, so handlers for them never run and clients that call them fail.',
  fix: {
    manual: 'Delete the handler or call; use subscriptions/listen for change notifications and per-request logLevel for logs (code that speaks both eras keeps it on its 2025 path only).',
    // By what the finding says it is (the rule's own wording): a client's call, a CORS entry, resumability, a ping.
    advice: adviceByMessage(REMOVED_ADVICE),
  },
  docs: `${SPEC}/changelog`,
  // Not plain 'ping': it occurs in mapping, typing, shipping... in most files.
  keywords: ['rootslistchangednotification', 'elicitationcompletionnotifier', 'urlelicitationrequirederror', 'gettaskpayloadrequest', 'listtasksrequest', 'tasks/result', 'tasks/list', '.ping(', '.ping:', "'ping'", '"ping"', '`ping`', 'pingrequest', 'setlevelrequest', 'subscriberequest', 'initializednotification', 'logging/setlevel', 'resources/subscribe', 'resources/unsubscribe', 'roots/list_changed', 'elicitation/complete', 'closessestream', 'closestandalonessestream', 'closesse', 'subscriberesource', 'unsubscriberesource', 'setlogginglevel', 'onrootschanged', 'last-event-id', 'notifications/initialized', 'elicitationcomplete',
    // A dispatch table's own keys (see dispatchTableMethod): one of them has a slash; its `ping:` need not be quoted.
    'tools/list', 'tools/call', 'prompts/list', 'prompts/get', 'resources/list', 'resources/read', 'resources/templates/list', 'server/discover', 'completion/complete'],
  check(file, report) {
    // The Agent Client Protocol's own event stream and its Last-Event-ID: not MCP's (trial 60B B1).
    if (speaksAcpOnly(file.text)) return;
    // JSX files are UI: a switch on a method name there picks what the user asked a client to send.
    const ui = /\.[jt]sx$/i.test(file.path);
    const dualEra = servesBothEras(file.text);
    const refusesLegacy = /\blegacy\s*:\s*['"`]reject['"`]/.test(file.text);
    // A client that probes with server/discover and serves nothing: its hand-written dispatcher
    // answers what 2025 servers send it (their pings; trial 20A, vercel/ai's MCP client).
    const dispatchesForClient = file.facts.sendsDiscover && file.facts.servesNothing;
    const dispatched = (node: TS.Node, method: string) => {
      if (dispatchesForClient && method === 'ping') report({ node, message: `${REMOVED_METHODS[method]}: ${clientHandlerMessage(method)}`, severity: 'info', manual: true });
      else removed(node, REMOVED_METHODS[method]);
    };
    /**
     * A removed method or call, judged by where it is: on the 2025 path of code that speaks both
     * eras (info), sent by a client (a warning: 2025 servers still answer it, 2026-07-28 ones do
     * not), else an error. `sender`: what sends it, when it is sent (a call, a request object);
     * `byClient`: known to be a client's (posted to a server over HTTP).
     */
    const removed = (node: TS.Node, message: string, sender?: TS.Node, method?: string, byClient = false) => {
      const guard = legacyTest(node);
      if (guard) {
        report({ node, message: `${message}; here on the 2025 path of code that speaks both eras (${guardText(guard.test, guard.earlyReturn)}): keep it behind that test`, ...keptOnLegacyPath() });
      } else if (sender && (file.facts.clientOnly || file.facts.receiverKind(sender) === 'client' || byClient || sentByOwnClient(file.facts, sender) || (!!method && CLIENT_REQUESTS.has(method)) || (ts.isCallExpression(sender) && file.facts.servesNothing))) {
        // (The last: a sending helper in code that serves nothing, a client's UI, sends as a client, ping too.)
        report({ node, message: `${message}; a client sends it: only 2025 servers know it (2026-07-28 servers answer -32601 or drop it), so send it on 2025 connections only`, severity: 'warning' });
      } else report({ node, message });
    };
    file.facts.nodes.visit(VISITED, (node) => {
      if (ts.isIdentifier(node) && Object.hasOwn(REMOVED_SCHEMAS, node.text) && isValueReference(node)) {
        // The result schema of `x.request({ method: 'tasks/list' }, ListTasksRequestSchema)`: the method is the finding.
        if (resultSchemaOfRemoved(node)) return;
        // A client's handler (`client.setNotificationHandler(InitializedNotificationSchema, ...)`; trial 20A, langchainjs).
        const method = Object.hasOwn(SCHEMA_METHODS, node.text) ? SCHEMA_METHODS[node.text] : undefined;
        if (method && ts.isCallExpression(node.parent) && node.parent.arguments[0] === node && onClient(file.facts, node.parent)) {
          report({ node, message: `${node.text}: ${clientHandlerMessage(method)}`, severity: 'info', manual: true });
          return;
        }
        removed(node, `${node.text}: ${REMOVED_SCHEMAS[node.text]}`);
        return;
      }
      if (ts.isCallExpression(node)) {
        const name = calleeName(node);
        if (name && Object.hasOwn(REMOVED_CALLS, name) && ts.isPropertyAccessExpression(node.expression)) {
          // Redis clients, database pools and health checkers have ping() too: only an MCP client
          // or server's ping is the removed method.
          if ((name === 'ping' || name === 'onRootsChanged') && !mcpPeer(file.facts, node.expression.expression)) return;
          // (Another library's closeSSE(): only the one a handler's context hands out, `ctx.http?.closeSSE?.()`,
          // also through a local holding it, `const h = ctx.http`: review 86 point 10.)
          if ((name === 'closeSSE' || name === 'closeStandaloneSSE') && !contextHttp(node.expression.expression)) return;
          removed(node, `${name}(): ${REMOVED_CALLS[name]}`, node.expression.expression);
        }
        if (name === 'setRequestHandler' || name === 'setNotificationHandler' || name === 'request' || name === 'notification') {
          const method = constantString(node.arguments[0]) ?? (sets(name) ? schemaLiteralMethod(node.arguments[0]) : undefined);
          const sends = name === 'request' || name === 'notification';
          // A client that probed with server/discover first sends it as part of its 2025 fallback.
          if (sends && method === 'notifications/initialized' && file.facts.fallsBackFromDiscover(node)) return;
          if (method && Object.hasOwn(REMOVED_METHODS, method)) {
            // A handler on the v2 packages answers 2025 clients, whom they still serve beside
            // 2026-07-28 ones (resources/subscribe beside subscriptions/listen): their path.
            // Not where they are refused (`legacy: 'reject'`), nor tasks/*, which v2 answers -32601 itself.
            if (onClient(file.facts, node)) {
              report({ node: node.arguments[0], message: `${REMOVED_METHODS[method]}: ${clientHandlerMessage(method)}`, severity: 'info', manual: true });
            } else if (dualEra && !refusesLegacy && !method.startsWith('tasks/') && (name === 'setRequestHandler' || name === 'setNotificationHandler') && !file.facts.clientOnly) {
              report({ node: node.arguments[0], message: `${REMOVED_METHODS[method]}; this handler answers 2025 clients only, whom the v2 packages still serve (2026-07-28 ones never send it): keep it for them (under createMcpHandler each of their requests gets a new server, so what it records lasts that request; a serveStdio connection keeps it)`, ...keptOnLegacyPath() });
            } else removed(node.arguments[0], REMOVED_METHODS[method], senderOf(node), sends ? method : undefined);
          }
          return;
        }
        // A hand-written client's own wrapper (`this.notify('notifications/initialized')`, whose
        // body writes `{ jsonrpc: '2.0', method }`): what it sends, as if written out (trial 23B).
        const sent = file.facts.sentThroughWrapper(node);
        if (sent && Object.hasOwn(REMOVED_METHODS, sent.method) && !(sent.method === 'notifications/initialized' && file.facts.fallsBackFromDiscover(node))) {
          removed(sent.argument, REMOVED_METHODS[sent.method], node, sent.method);
        }
        return;
      }
      // A hand-written dispatch table: `{ initialize: ..., ping: () => ({}), 'tools/list': ... }`.
      if ((ts.isPropertyAssignment(node) || ts.isMethodDeclaration(node)) && !ui) {
        const method = dispatchTableMethod(node);
        if (method && Object.hasOwn(REMOVED_METHODS, method)) {
          dispatched(node.name, method);
          return;
        }
      }
      if (ts.isPropertyAssignment(node) && propertyNameText(node.name) === 'method') {
        const method = constantString(node.initializer);
        // A client that probed with server/discover first sends it as part of its 2025 fallback.
        if (method === 'notifications/initialized' && file.facts.fallsBackFromDiscover(node)) return;
        // A JSON-RPC message written out with a method only clients send (a smoke test's
        // `notifications/initialized` after its initialize, a bridge initializing the server it
        // spawns): the message is what a client sends, even with no call to say so.
        // A record that only names the method (a UI history entry's label) sends nothing.
        const message = method && Object.hasOwn(REMOVED_METHODS, method) ? sentMessage(node.parent) : undefined;
        if (method && message) {
          const sender = message.sender ?? (CLIENT_REQUESTS.has(method) && isJsonRpcMessage(node.parent) ? node.parent : undefined);
          removed(node, REMOVED_METHODS[method], sender, method, message.posted);
        } else if (method && Object.hasOwn(REMOVED_METHODS, method) && !ui && handlerObjectMethod(node)) {
          // A handler object of a list a router looks up by the request's method: `{ method: 'ping', handle: () => ({}) }`.
          dispatched(node.initializer, method);
        }
        return;
      }
      // A handler class a router registers by its method field: `class PingHandler { readonly method = 'ping'; handle() {...} }`.
      if (ts.isPropertyDeclaration(node)) {
        const method = ui ? undefined : handlerObjectMethod(node);
        if (method && Object.hasOwn(REMOVED_METHODS, method)) dispatched(node.initializer!, method);
        return;
      }
      // A hand-written dispatcher: `switch (msg.method) { case 'ping': ... }`.
      if (ts.isCaseClause(node) && !ui && /method$/i.test(node.parent.parent.expression.getText())) {
        const method = constantString(node.expression);
        if (method && Object.hasOwn(REMOVED_METHODS, method)) dispatched(node.expression, method);
        return;
      }
      // Or an if chain: `if (msg.method === 'ping') ...`. A client's test of a method (a capability
      // check before it sends one) is not where it sends it: that is reported.
      if (isEqualityTest(node)) {
        if (ui || file.facts.clientOnly) return;
        const [literal, other] = Object.hasOwn(REMOVED_METHODS, constantString(node.right) ?? '') ? [node.right, node.left] : Object.hasOwn(REMOVED_METHODS, constantString(node.left) ?? '') ? [node.left, node.right] : [];
        if (literal && other && /^method$/i.test(referenceName(other)) && !inMethodCase(node)) dispatched(literal, constantString(literal)!);
        return;
      }
      // Plain server-sent-event apps use Last-Event-ID too; code rules only see MCP files.
      if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && namesHeader(node.text, 'last-event-id')) {
        // In a CORS header list it only lets browsers send it: cors-headers drops it there.
        const guard = legacyTest(node);
        const logged = loggedHeader(node);
        // A log payload's key names it; a read only logged depends on nothing (an empty field once clients stop sending it).
        if (logged === 'key') return undefined;
        // A server-sent-event route of the application's own (an admin log tail) in a file that also serves MCP.
        if (ownEventRoute(node)) return undefined;
        if (logged === 'read') report({ node, message: 'Last-Event-ID read only to log it: nothing depends on it, but 2026-07-28 clients never send it', severity: 'info' });
        else if (sessionHeaderUse(node)?.kind === 'cors') {
          // The 2025 path of code that speaks both eras still serves sessions whose streams resume
          // (an event store), and this list is not the modern path's own.
          const legacySessions = /\beventStore\b/.test(file.text) ? corsKeptForLegacySessions(node) : undefined;
          if (legacySessions) report({ node, message: `Last-Event-ID in a CORS header list: the 2025 path of this code that speaks both eras still serves sessions (${guardText(legacySessions.test, legacySessions.earlyReturn)}), whose browser clients resume their streams with it (an event store); drop it with that path`, ...keptOnLegacyPath() });
          else report({ node, message: 'Last-Event-ID in a CORS header list: SSE resumability was removed, so browsers need not send it', severity: 'warning', codemod: 'cors-headers' });
        }
        else if (guard) report({ node, message: `Last-Event-ID on the 2025 path of code that speaks both eras (${guardText(guard.test, guard.earlyReturn)}): resumability is gone in 2026-07-28; keep it behind that test`, ...keptOnLegacyPath() });
        // A client (or a proxy's client side forwarding what a 2025 client sent): 2026-07-28 servers ignore it.
        else if (file.facts.clientOnly) report({ node, message: 'Last-Event-ID in client code: 2026-07-28 servers ignore it and keep no resumable streams, so only 2025 servers still use it; interrupted requests are re-issued instead', severity: 'warning', manual: true });
        else report({ node, message: 'Last-Event-ID: SSE stream resumability was removed; clients re-issue interrupted requests' });
      }
      return undefined;
    });
  },
};
