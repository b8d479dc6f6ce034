import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { accessRoot, awaited, calleeName, calleeReceiver, functionNameNode, codeSnippet, type Declaration, isAssignment, isConstDeclaration, declaringVariable, enclosingClass, enclosingFunction, heritageNames, importOf, isFunctionLike, isLogCall, isModuleVariable, isNullish, isUndefinedValue, moduleExportOf, referencesTo, propertyNameText, resolveFunction, resolveIdentifier, resolveInitializer, returnedExpressions, unwrap, walk } from '../analysis/ast.js';
import { buildsServerItself, callsAnywhere, callsFromOtherModules, type Collection, exportedNames, exportingStatement, moduleFacts, runsOncePerProcess, SessionFacts } from '../analysis/session.js';
import { moduleValue, type ModuleSource } from '../analysis/modules.js';
import { kinds } from '../analysis/nodes.js';
import { isMcpCode } from '../analysis/mcp.js';
import { isSdkStreamableHttpTransport, isStreamableHttpTransport, ONE_TRANSPORT_AT_A_TIME } from '../analysis/transports.js';
import { isSseTransportClass } from '../analysis/sse.js';
import { SPEC, type CodeRule, type Report } from './types.js';
import { initializedHook, recordsClientOnly } from '../analysis/hooks.js';
import { createsNodeServer, handedToCall, isRouteHandler } from '../analysis/routes.js';
import { importedClass, importedDeclaration, importedFunctionAt, importedVariable } from '../analysis/module-state.js';
import { collectionKind } from '../analysis/changes.js';
import { homeMadeSession, isSessionMap, removedIn } from './session-map.js';
import { escapeRegExp } from '../scan/prefilter.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.CallExpression, ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.ArrowFunction, ts.SyntaxKind.MethodDeclaration);

/**
 * What the request function does, from one walk: serves the request with `transport`
 * (`transport.handleRequest(...)`), checks the server's connection first (`server.isConnected()`,
 * `server.transport`: a library refusing a shared server), replaces the server (`this.server = ...`).
 * Without `server`, only whether it serves.
 */
function inRequest(fn: TS.Node, transport: TS.Identifier, server?: string): { serves: boolean; checks: boolean; replaces: boolean } {
  const seen = { serves: false, checks: false, replaces: false };
  // The same transport, not one of the same name in another route of the function (a stdio branch
  // beside an HTTP route that builds a transport of its own).
  const declared = new Set([resolveIdentifier(transport)]);
  const sameTransport = (node: TS.Node) => ts.isIdentifier(node) && declared.has(resolveIdentifier(node));
  walk(fn, (node) => {
    // Or a variable it is handed to before it is served (`t = nt`, then `t.handleRequest(...)`, trial 25C).
    const alias = ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken ? [node.left, node.right] : ts.isVariableDeclaration(node) && node.initializer ? [node.name, node.initializer] : undefined;
    const [to, from] = alias?.map((n) => unwrap(n)) ?? [];
    if (to && from && ts.isIdentifier(to) && sameTransport(from)) declared.add(ts.isVariableDeclaration(node) ? node : resolveIdentifier(to));
    if (ts.isCallExpression(node) && calleeName(node) === 'handleRequest') {
      const callee = unwrap(node.expression);
      if (ts.isPropertyAccessExpression(callee) && sameTransport(unwrap(callee.expression))) seen.serves = true;
    } else if (server !== undefined && ts.isPropertyAccessExpression(node) && /^(isConnected|transport)$/.test(node.name.text) && unwrap(node.expression).getText() === server) {
      seen.checks = true;
    } else if (server !== undefined && ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && node.left.getText() === server && !localOf(node.left, fn)) {
      // (A local of the request only picks which server it connects: outlivesRequest judges what it may hold.)
      seen.replaces = true;
    }
    return undefined;
  });
  return seen;
}

/** An identifier declared in `fn`. */
function localOf(node: TS.Node, fn: TS.Node): boolean {
  const decl = ts.isIdentifier(node) ? resolveIdentifier(node) : undefined;
  return !!decl && decl.pos >= fn.pos && decl.end <= fn.end;
}

/**
 * Whether a function that connects `transport` returns it, and a caller of this file serves a
 * request with what it returns (`const t = await statelessTransport(server); await
 * t.handleRequest(req, res)`): the request is the caller's, the connect is made for it.
 */
function servedByCaller(fn: TS.FunctionLikeDeclaration, transport: TS.Identifier, facts: SessionFacts): boolean {
  if (!returnedExpressions(fn).some((r) => ts.isIdentifier(unwrap(r)) && (unwrap(r) as TS.Identifier).text === transport.text)) return false;
  // Or, exported and called from other modules only, a caller there (`const t = await connect(sessionId)`
  // in a route module, trial 34C: the second client's connect threw "Already connected").
  const local = facts.callSitesOf(fn);
  const calls = local.length > 0 ? local : callsFromOtherModules(fn, facts).map((c) => c.call);
  return calls.some((call) => {
    let holder: TS.Node = call;
    while (ts.isAwaitExpression(holder.parent) || ts.isParenthesizedExpression(holder.parent)) holder = holder.parent;
    const decl = holder.parent;
    if (!ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return false;
    const caller = enclosingFunction(call);
    return !!caller && inRequest(caller, decl.name).serves;
  });
}

/**
 * `transport` is a transport per client stream the function builds: an HTTP+SSE transport (`new
 * SSEServerTransport('/messages', res)` in the GET route), one per client stream, whose requests
 * arrive at handlePostMessage elsewhere, or a transport class of this file that implements the
 * SDK's Transport (a hand-written SSE transport over a framework's stream: 'own', with its class
 * name). Declared there, or a variable outside it that the function assigns the new transport to
 * (`transport = new SSEServerTransport(...)`, a module-level `let transport` each client overwrites).
 */
function streamTransportBuiltIn(fn: TS.Node, transport: TS.Identifier): { kind: 'sse' } | { kind: 'own'; name: string } | undefined {
  const decl = resolveIdentifier(transport);
  if (!decl || !ts.isVariableDeclaration(decl)) return undefined;
  const kindOf = (value: TS.Node) => {
    const v = unwrap(value);
    if (!ts.isNewExpression(v)) return undefined;
    if (isSseTransportClass(v.expression)) return { kind: 'sse' as const };
    // Built in a callback (a route's, a stream's, a socket's 'connection'): once per connection, not once at start-up.
    return ownTransportClass(v.expression) && inCallback(v) ? { kind: 'own' as const, name: v.expression.getText() } : undefined;
  };
  if (decl.pos >= fn.pos && decl.end <= fn.end) return decl.initializer ? kindOf(decl.initializer) : undefined;
  let assigned: ReturnType<typeof kindOf>;
  walk(fn, (node) => {
    if (assigned || (node !== fn && isFunctionLike(node))) return false;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left) && resolveIdentifier(node.left) === decl) assigned = kindOf(node.right);
    return undefined;
  });
  return assigned;
}

/** Whether a node is inside a function handed to a call (`app.get('/sse', (c) => ...)`, `wss.on('connection', ...)`). */
function inCallback(node: TS.Node): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (ts.isCallExpression(fn.parent) && fn.parent.arguments.some((a) => unwrap(a) === fn)) return true;
  }
  return false;
}

/** A class declared in this file that implements the SDK's `Transport` interface (`class SSETransport implements Transport`). */
function ownTransportClass(ref: TS.Node): boolean {
  const n = unwrap(ref);
  const decl = ts.isIdentifier(n) ? resolveIdentifier(n) : undefined;
  if (!decl || !ts.isClassDeclaration(decl)) return false;
  return (decl.heritageClauses ?? []).some(
    (clause) =>
      clause.token === ts.SyntaxKind.ImplementsKeyword &&
      clause.types.some((t) => {
        const from = moduleExportOf(t.expression);
        return from?.exported === 'Transport' && from.module.startsWith('@modelcontextprotocol/');
      }),
  );
}

/**
 * Whether `transport` is a const of `fn` made there as an SDK Streamable HTTP transport whose
 * onsessioninitialized callback files it away (`(id) => { sessions.set(id, { transport, server }) }`):
 * each call of `fn` makes the transport of one new session.
 */
function filedPerSession(fn: TS.Node, transport: TS.Identifier): boolean {
  const decl = resolveIdentifier(transport);
  const made = decl && ts.isVariableDeclaration(decl) && decl.initializer && enclosingFunction(decl) === fn ? unwrap(decl.initializer) : undefined;
  if (!made || !ts.isNewExpression(made) || !isSdkStreamableHttpTransport(calleeName(made))) return false;
  const options = made.arguments?.[0] && unwrap(made.arguments[0]);
  const hook = options && ts.isObjectLiteralExpression(options) ? options.properties.find((p) => p.name && propertyNameText(p.name) === 'onsessioninitialized') : undefined;
  return !!hook && referencesTo(hook, decl as TS.VariableDeclaration & { name: TS.Identifier }).length > 0;
}

/** `server.close()` in the function's own body (not a callback of it) before `connect`. */
function closedBefore(fn: TS.Node, server: string, connect: TS.Node): boolean {
  let closed = false;
  walk(fn, (node) => {
    if (closed || node.pos >= connect.pos) return false;
    if (node !== fn && isFunctionLike(node)) return false;
    if (ts.isCallExpression(node) && calleeName(node) === 'close' && ts.isPropertyAccessExpression(unwrap(node.expression)) && unwrap((unwrap(node.expression) as TS.PropertyAccessExpression).expression).getText() === server) closed = true;
    return undefined;
  });
  return closed;
}

/**
 * How the server a request connects outlives the request, if it does: one for the whole process
 * (module level, or imported: a module's exports are evaluated once), one handed to the function
 * that sets up the routes (a parameter, or a local of an enclosing function: every request of
 * those routes gets it), or a field of the object serving the routes (`this.server`).
 */
export function outlivesRequest(receiver: TS.Node, fn: TS.Node, facts: SessionFacts, transport?: TS.Node, depth = 0): string | undefined {
  // `getServer().connect(transport)`, where `getServer` keeps the server it built, or returns one built once.
  const getter = ts.isCallExpression(receiver) ? heldByGetter(receiver, facts) : undefined;
  if (getter) return getter.shared;
  if (ts.isIdentifier(receiver)) {
    if (importOf(receiver)) return 'one server for the whole process';
    let decl: TS.Node | undefined = resolveIdentifier(receiver);
    // `const { server, cleanup } = createServer()`: the declaration the binding belongs to.
    while (decl && ts.isBindingElement(decl)) decl = decl.parent.parent;
    // A parameter of the function that serves the request (`handleMcp(server, req, res)`): what its
    // callers pass, when one of them passes a server that outlives its request.
    if (decl && ts.isParameter(decl) && decl.parent === fn && depth < 2) return handedIn(decl, facts, depth);
    // `const server = getMcpServer()` in the request, from a getter of this file that keeps the one it built (Klavis' intercom).
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && decl.pos >= fn.pos && decl.end <= fn.end) {
      const getter = cachedServerSource(decl.initializer);
      if (getter) return `the one server ${getter}() keeps after its first call`;
      // `const server = (cached ??= buildServer())`: the request fills a memo that outlives it, once (trial 66B B1).
      const memo = cachedByExpression(fn, awaited(decl.initializer), facts);
      if (memo) return `the one server kept in ${memo} after the first request`;
    }
    // `let server; if (token) server = await perTenant(token); else server = this.fallback;` (trial
    // 26B): a local of the request that may hold a server that outlives it.
    if (decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && decl.pos >= fn.pos && decl.end <= fn.end && depth < 2) {
      for (const value of valuesOf(decl, facts)) {
        const found = outlivesRequest(value, fn, facts, transport, depth + 1);
        if (found) return `${found} (${codeSnippet(value, 40)}, one of the values it may hold)`;
      }
    }
    if (!decl || !(ts.isVariableDeclaration(decl) || ts.isParameter(decl)) || (decl.pos >= fn.pos && decl.end <= fn.end)) return undefined;
    if (facts.receiverKind(receiver) !== 'server') return undefined;
    // Built beside the transport, in the same call of the same function (the connect sits in a
    // callback there, `context.run(ctx, () => server.connect(transport))`): one per request.
    const transportDecl = transport && ts.isIdentifier(transport) ? resolveIdentifier(transport) : undefined;
    const builtIn = enclosingFunction(decl);
    // (A variable only declared there and filled by a route inside, `let transport; app.get('/sse',
    // () => { transport = new SSEServerTransport(...) })`, is one slot every connection overwrites.)
    if (builtIn && transportDecl && ts.isVariableDeclaration(transportDecl) && transportDecl.initializer && enclosingFunction(transportDecl) === builtIn) return undefined;
    if (ts.isParameter(decl)) return 'one server handed to the code that sets up the routes';
    return enclosingFunction(decl) ? 'one server made outside the request' : 'one server for the whole process';
  }
  // `registry.main`, `servers[0]`: a server made in a member of an object or array literal made
  // outside the request, one for every request as a variable's would be (trial 61B B1).
  const member = heldInLiteral(receiver, fn) ?? keptByKey(receiver, fn, facts);
  if (member) return member;
  if (ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword && facts.receiverKind(receiver) === 'server') {
    return `one server per ${enclosingClass(receiver)?.name?.text ?? 'object'}, a field shared by its requests`;
  }
  // `container.mcpServer`: a server held by an object imported from another module (a container
  // of the application's services), evaluated once for the whole process.
  if (ts.isPropertyAccessExpression(receiver) && ts.isIdentifier(receiver.expression) && importOf(receiver.expression) && facts.receiverKind(receiver) === 'server') {
    return `${IMPORTED_HOLDER} ${receiver.expression.text})`;
  }
  return undefined;
}

/**
 * A server a collection made outside `fn` keeps by a key (`tenants.get(tenant)`, `cache[key]`), one
 * for every request with that key: a cache of servers per tenant or API key, each connected per
 * request (or handed out by createMcpHandler's factory). Not a session map (session-map's), nor
 * servers kept under an id the code mints and hands out (session-map's too, trial 61B B3).
 */
function keptByKey(receiver: TS.Node, fn: TS.Node, facts: SessionFacts): string | undefined {
  const r = unwrap(receiver);
  const held = ts.isCallExpression(r) && calleeName(r) === 'get' && r.arguments.length === 1 ? calleeReceiver(r) : ts.isElementAccessExpression(r) ? r.expression : undefined;
  const key = ts.isCallExpression(r) ? r.arguments[0] : ts.isElementAccessExpression(r) ? r.argumentExpression : undefined;
  const holder = held && unwrap(held);
  const decl = holder && ts.isIdentifier(holder) ? resolveIdentifier(holder) : undefined;
  if (!key || !decl || decl.pos >= fn.pos && decl.end <= fn.end) return undefined;
  const c = facts.collections.find((x) => x.decl === decl);
  // An untyped collection filled from a builder (`servers.set(key, buildServer())`) holds servers
  // too, though its facts call it data (trial 66B B1); one keyed by the MCP session id is a pool
  // per session, session-map's, whatever its facts call it.
  const servers = c && (c.valueKind === 'server' || (c.valueKind === 'data' && !c.sessionKeyed && !c.typeEvidence && filledWithServers(c, facts)));
  // (Not a pool of servers made per request under a fresh key and removed when it ends: review 80 point 2.)
  if (!c || !servers || isSessionMap(c) || homeMadeSession(c) || removedIn(c, fn)) return undefined;
  return `one server per ${codeSnippet(key, 30)} kept in ${c.name} across requests`;
}

/**
 * Whether code stores a server made there in a collection (newServer): `servers.set(key,
 * buildServer())`, `servers[key] ??= buildServer()`, or a local holding one (`s = buildServer();
 * servers.set(key, s)`).
 */
function filledWithServers(c: Collection, facts: SessionFacts): boolean {
  const made = (value: TS.Node | undefined): boolean => {
    if (!value) return false;
    if (newServer(value)) return true;
    const v = unwrap(value);
    const decl = ts.isIdentifier(v) ? resolveIdentifier(v) : undefined;
    return !!decl && ts.isVariableDeclaration(decl) && [...(decl.initializer ? [decl.initializer] : []), ...facts.assignedValues(decl)].some((x) => newServer(x));
  };
  return c.accesses.some((access) => {
    if (ts.isCallExpression(access)) return calleeName(access) === 'set' && made(access.arguments[1]);
    const assignment = access.parent;
    return ts.isElementAccessExpression(access) && isAssignment(assignment) && assignment.left === access && made(assignment.right);
  });
}

/** heldInLiteral's answer: a member of an object or array literal held by a variable made outside `fn` whose value is `new McpServer(...)`. */
function heldInLiteral(receiver: TS.Node, fn: TS.Node): string | undefined {
  const r = unwrap(receiver);
  if (!ts.isPropertyAccessExpression(r) && !ts.isElementAccessExpression(r)) return undefined;
  const holder = unwrap(r.expression);
  const decl = ts.isIdentifier(holder) ? resolveIdentifier(holder) : undefined;
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || (decl.pos >= fn.pos && decl.end <= fn.end)) return undefined;
  const literal = unwrap(decl.initializer);
  let value: TS.Node | undefined;
  if (ts.isPropertyAccessExpression(r) && ts.isObjectLiteralExpression(literal)) {
    const property = literal.properties.find((p) => p.name && propertyNameText(p.name) === r.name.text);
    value = property && ts.isPropertyAssignment(property) ? property.initializer : undefined;
  } else if (ts.isElementAccessExpression(r) && ts.isArrayLiteralExpression(literal) && ts.isNumericLiteral(unwrap(r.argumentExpression))) {
    value = literal.elements[Number((unwrap(r.argumentExpression) as TS.NumericLiteral).text)];
  }
  const made = value && unwrap(value);
  if (!made || !ts.isNewExpression(made) || !SERVER_CLASS.test(calleeName(made) ?? '')) return undefined;
  return isModuleVariable(decl) ? 'one server for the whole process' : 'one server made outside the request';
}

/**
 * What a local may hold that names a server made elsewhere (`this.fallback`, `shared`): its
 * initializer and what it is assigned (SessionFacts.assignedValues), awaits unwrapped. Not calls:
 * a getter's result is cachedServerSource's to judge.
 */
function valuesOf(decl: TS.VariableDeclaration, facts: SessionFacts): TS.Node[] {
  return [...(decl.initializer ? [decl.initializer] : []), ...facts.assignedValues(decl)]
    .map((v) => {
      const u = unwrap(v);
      return ts.isAwaitExpression(u) ? unwrap(u.expression) : u;
    })
    // (And a collection's entry, `tenants.get(tenant)!`, for keptByKey.)
    .filter((v) => ts.isIdentifier(v) || ts.isPropertyAccessExpression(v) || ts.isElementAccessExpression(v) || (ts.isCallExpression(v) && calleeName(v) === 'get'));
}

/**
 * A call that hands out the same server every time: of a local function (`getServer()`) that
 * keeps the server it built (cachedServer) or returns one built outside it (`() => shared`), or of
 * a method that returns one its object keeps (heldByMethod). Its name, and what the server is for
 * the message.
 */
function heldByGetter(call: TS.CallExpression, facts: SessionFacts): { getter: string; shared: string } | undefined {
  const plain = plainCall(call);
  if (!plain) return heldByMethod(call, facts);
  const getter = plain.expression.text;
  // (Said of the call: `getServer() is the one server it keeps ...`.)
  if (cachedServerSource(plain)) return { getter, shared: 'the one server it keeps after its first call' };
  const kept = returnedFromOutside(plain, facts);
  return kept ? { getter, shared: `${kept.shared} (${kept.server.getText()}, which it returns on every call)` } : undefined;
}

/**
 * `this.wrapper.getSDKServer()` or `wrapper.getSDKServer()`, taking nothing, where the method of the
 * object's class returns a server the object keeps in a field (`private sdk = new McpServer(...)`;
 * `getSDKServer() { return this.sdk; }`), and the object is one the class around the call is given
 * (a constructor parameter property or field) or one made outside the request: every request gets
 * that one server (trial 39B, mcp-framework's HTTP transport).
 */
function heldByMethod(call: TS.CallExpression, facts: SessionFacts): { getter: string; shared: string } | undefined {
  const callee = unwrap(call.expression);
  if (call.arguments.length > 0 || !ts.isPropertyAccessExpression(callee)) return undefined;
  const holder = unwrap(callee.expression);
  let cls: TS.ClassLikeDeclaration | undefined;
  if (isThisMember(holder)) {
    const owner = enclosingClass(call);
    cls = classNamed(owner && dependencyType(owner, (holder as TS.PropertyAccessExpression).name.text), facts);
  } else if (ts.isIdentifier(holder)) {
    const decl = resolveIdentifier(holder);
    const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
    const fn = enclosingFunction(call);
    if (init && ts.isNewExpression(init) && ts.isIdentifier(init.expression) && !(fn && decl!.pos >= fn.pos && decl!.end <= fn.end)) cls = classNamed(init.expression, facts);
  }
  const method = cls?.members.find((m): m is TS.MethodDeclaration => ts.isMethodDeclaration(m) && !!m.body && !!m.name && propertyNameText(m.name) === callee.name.text);
  if (!cls || !method) return undefined;
  const returned = returnedExpressions(method).map(unwrap);
  const field = returned[0];
  if (!field || !isThisMember(field) || !returned.every((r) => r.getText() === field.getText())) return undefined;
  const fieldName = (field as TS.PropertyAccessExpression).name.text;
  if (!fieldBuilt(cls, fieldName, (name) => SERVER_CLASS.test(name ?? ''))) return undefined;
  // A method that fills the field itself on every call (`this.server = new McpServer(...); return
  // this.server`) hands out a new server each time; one that fills it only while it is empty
  // (`this.server ??= ...`, `if (!this.server) ...`) keeps the first.
  let rebuilds = false;
  walk(method.body!, (n) => {
    if (rebuilds || (n !== method && isFunctionLike(n))) return false;
    if (!isAssignment(n) || n.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !isThisMember(unwrap(n.left)) || (unwrap(n.left) as TS.PropertyAccessExpression).name.text !== fieldName) return undefined;
    rebuilds = !insideTestOf(n, `this.${fieldName}`, method.body!);
    return undefined;
  });
  if (rebuilds) return undefined;
  return { getter: callee.getText(), shared: `the one server each ${cls.name?.text ?? 'object'} keeps (${field.getText()}), which ${callee.name.text}() returns on every call` };
}

/** `getServer()`, taking nothing, where the getter returns a server built outside it (keptByFactory). */
function returnedFromOutside(plain: TS.CallExpression & { expression: TS.Identifier }, facts: SessionFacts): ReturnType<typeof keptByFactory> {
  return plain.arguments.length === 0 ? keptByFactory(plain.expression, facts) : undefined;
}

/** The name of a local getter, called here, that returns one server built outside it (`const getServer = () => shared`). */
export function sameServerGetter(call: TS.CallExpression, facts: SessionFacts): string | undefined {
  const plain = plainCall(call);
  return plain && returnedFromOutside(plain, facts) ? plain.expression.text : undefined;
}

/** The v2 SDK's server package, whose createMcpHandler takes a factory (agents' takes a server). */
const V2_SERVER = /^@modelcontextprotocol\/server(\/|$)/;

/**
 * A server that outlives the factory handed to createMcpHandler and that the factory returns
 * (`createMcpHandler(() => server)`, `() => { return this.server; }`): one instance for every
 * request. Or one it keeps after its first call (cachedServer: `() => (cached ??= buildServer())`),
 * or one per key of a collection made outside it (keptByKey: `servers.get(key)` after
 * `servers.set(key, buildServer())`): two overlapping requests still meet on it (trial 66B B1).
 */
function keptByFactory(argument: TS.Expression | undefined, facts: SessionFacts): { server: TS.Node; shared: string } | undefined {
  const factory = argument && resolveFunction(unwrap(argument));
  if (!factory) return undefined;
  for (const returned of returnedExpressions(factory)) {
    const value = unwrap(returned);
    // (`() => (servers[key] ??= buildServer())` returns what it keeps.)
    const server = isAssignment(value) ? unwrap(value.left) : value;
    // (A local is judged by the values it may hold: `let s = servers.get(key); if (!s) ...; return s`.)
    const shared = facts.receiverKind(server) === 'server' || localOf(server, factory) ? outlivesRequest(server, factory, facts) : keptByKey(server, factory, facts);
    if (shared) return { server, shared };
  }
  const kept = cachedServer(factory, facts);
  const server = kept ? returnedExpressions(factory).map((r) => unwrap(r)).map((r) => (isAssignment(r) ? unwrap(r.left) : r))[0] : undefined;
  return server ? { server, shared: 'the one server the factory keeps after its first call' } : undefined;
}

/**
 * Whether a call runs one request at a time: in a callback chained onto a promise kept across
 * requests (`queue = queue.then(async () => { ... })`, `.catch()` after it too), or handed to a
 * mutex's runExclusive().
 */
function serialised(node: TS.Node): boolean {
  for (let n: TS.Node | undefined = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (!isFunctionLike(n) || !ts.isCallExpression(n.parent) || !n.parent.arguments.includes(n as TS.Expression)) continue;
    const call = n.parent;
    const name = calleeName(call);
    if (name === 'runExclusive') return true;
    if ((name !== 'then' && name !== 'finally') || !ts.isPropertyAccessExpression(call.expression)) continue;
    const chained = unwrap(call.expression.expression);
    // Up the chain to its end (`queue.then(...).catch(...)`), then the assignment back to where it started.
    let end: TS.Node = call;
    while ((ts.isPropertyAccessExpression(end.parent) || ts.isCallExpression(end.parent)) && end.parent.expression === end) end = end.parent;
    const assigned = end.parent;
    if (ts.isBinaryExpression(assigned) && assigned.operatorToken.kind === ts.SyntaxKind.EqualsToken && assigned.right === end && unwrap(assigned.left).getText() === chained.getText()) return true;
  }
  return false;
}

/** How a server held by an imported object is described: likely one for the whole process (a getter could build one per call). */
const IMPORTED_HOLDER = 'likely one server for the whole process (held by the imported';
/** How a server handed in by callers in other modules is described (unseen here, like IMPORTED_HOLDER). */
const HANDED_BY_OTHERS = 'the server handed to';


/** Assignments (the node kind assignedInFunction visits). */
const ASSIGNMENTS = kinds(ts.SyntaxKind.BinaryExpression);

/** Express/Hono/router methods that take a route's handler. */
const ROUTE_METHODS = /^(get|post|put|patch|delete|all|use|route|on)$/;

/**
 * Whether a function on the way from `call` up to `outer` is a route's handler: a callback passed
 * to `app.post(...)`, or one named and passed by its name (`const mcpHandler = async (req, res) =>
 * {...}; app.post('/mcp', mcpHandler)`, pluggedin-mcp-proxy, trial 49B).
 */
function routeBetween(call: TS.Node, outer: TS.Node): boolean {
  for (let n: TS.Node | undefined = call.parent; n && n !== outer; n = n.parent) {
    if (isFunctionLike(n) && handedToCall(n, isRouteCall)) return true;
  }
  return false;
}

/**
 * A call of a route method that takes a handler (`app.post('/mcp', handler)`): not a process's
 * listener (`process.on('SIGHUP', reconnect)`), nor a collection's one-argument `get`/`delete`
 * (`listeners.delete(onMessage)`).
 */
function isRouteCall(call: TS.CallExpression): boolean {
  const method = calleeName(call) ?? '';
  const receiver = calleeReceiver(call);
  return ROUTE_METHODS.test(method) && !(receiver && ts.isIdentifier(unwrap(receiver)) && (unwrap(receiver) as TS.Identifier).text === 'process') && !(/^(get|delete)$/.test(method) && call.arguments.length < 2);
}

/** Whether a variable is assigned anywhere inside a function (`server = new McpServer()` in a route: one per request). */
function assignedInFunction(decl: TS.VariableDeclaration, facts: SessionFacts): boolean {
  const name = decl.name.getText();
  let found = false;
  facts.nodes.visit(ASSIGNMENTS, (node) => {
    if (found) return false;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left) && node.left.text === name && enclosingFunction(node) && resolveIdentifier(node.left) === decl) found = true;
    return undefined;
  });
  return found;
}

/**
 * How the server a request handler is handed outlives the request, at one of its calls (in this
 * file, else in the package's other files: handedByOtherModules). What a call passes is shared when it is imported, declared at module level
 * and never reassigned in a function, a field, a parameter handed in the same way, or a local of
 * the code that sets up the routes (a route's handler stands between it and the call); a server
 * the route builds itself (and hands on through a callback, `context.run(ctx, () => handle(server))`)
 * is one per request.
 */
function handedIn(param: TS.ParameterDeclaration, facts: SessionFacts, depth: number): string | undefined {
  const fn = param.parent as TS.FunctionLikeDeclaration;
  const index = fn.parameters.indexOf(param);
  const calls = facts.callSitesOf(fn);
  if (calls.length === 0) return depth === 0 && ts.isIdentifier(param.name) && facts.receiverKind(param.name) === 'server' ? handedByOtherModules(fn, index, facts) : undefined;
  return sharedByACaller(calls.map((call) => ({ call, facts })), index, depth);
}

/**
 * How the server one of a request handler's calls hands it (argument `index`) outlives the
 * request, at the first call that is known to (passedAtCall); `where` names the caller's file
 * when it is another module. One such call is enough, whatever the others pass: that caller's
 * requests share the server.
 */
function sharedByACaller(calls: ReadonlyArray<{ call: TS.CallExpression; facts: SessionFacts }>, index: number, depth: number, where?: (facts: SessionFacts) => string): string | undefined {
  for (const { call, facts } of calls) {
    const outer = passedAtCall(call, index, facts, depth);
    if (outer) return where ? `${outer} (${where(facts)})` : outer;
  }
  return undefined;
}

/**
 * How the server one call hands a request handler (argument `index`) outlives the request, in
 * the caller's file (`facts`): undefined where the call builds it or its caller does, per request.
 */
function passedAtCall(call: TS.CallExpression, index: number, facts: SessionFacts, depth: number): string | undefined {
  const arg = call.arguments[index] && unwrap(call.arguments[index]);
  if (!arg) return undefined;
  if (ts.isIdentifier(arg) && !importOf(arg)) {
    const decl = resolveIdentifier(arg);
    if (decl && ts.isParameter(decl) && isFunctionLike(decl.parent) && depth < 2) return routeBetween(call, decl.parent) ? 'one server handed to the code that sets up the routes' : handedIn(decl, facts, depth + 1);
    if (decl && ts.isVariableDeclaration(decl) && facts.receiverKind(arg) === 'server') {
      const declaredIn = enclosingFunction(decl);
      if (!declaredIn) return assignedInFunction(decl, facts) ? undefined : 'one server for the whole process';
      return routeBetween(call, declaredIn) ? 'one server made outside the request' : undefined;
    }
    return undefined;
  }
  const caller = enclosingFunction(call);
  return caller ? outlivesRequest(arg, caller, facts, undefined, depth + 1) : undefined;
}

/**
 * A request handler exported to other modules, which it is only called from
 * (`handleMcpRequest(server, req, res)`): what the package's files that import it hand it at
 * each call (ModuleSource.users), judged there as a call of this file is. A server built per
 * call by every caller (`const server = createServer(ctx); await handleMcpRequest(server, req,
 * res)` in the route, langfuse) is not shared; one caller handing it one server for the
 * process is enough for a finding, naming that caller's file; where no call is
 * seen (callers outside the run, or through something this cannot follow), it may be one for
 * the whole process (HANDED_BY_OTHERS, a warning).
 */
function handedByOtherModules(fn: TS.FunctionLikeDeclaration, index: number, facts: SessionFacts): string | undefined {
  if (exportedNames(fn).length === 0) return undefined;
  const unseen = `${HANDED_BY_OTHERS} ${functionNameNode(fn)?.getText() ?? 'this function'}() by code in other modules (one for the whole process, unless every call builds a new one)`;
  const calls = callsFromOtherModules(fn, facts);
  return calls.length > 0 ? sharedByACaller(calls, index, 1, (theirs) => `handed to it in ${theirs.modules!.path}`) : unseen;
}

/**
 * Classes of a file that wrap an SDK server: they build one and have a connect() of their own,
 * and extend neither McpServer nor Server (n8n-mcp's N8NDocumentationMCPServer).
 */
export function serverWrapperClasses(sourceFile: TS.SourceFile): string[] {
  const names: string[] = [];
  walk(sourceFile, (node) => {
    if (!ts.isClassDeclaration(node) || !node.name) return undefined;
    if (heritageNames(node).some((h) => SERVER_CLASS.test(h))) return false;
    const connects = node.members.some((m) => ts.isMethodDeclaration(m) && propertyNameText(m.name) === 'connect');
    if (connects && BUILDS_SERVER.test(node.getText(sourceFile))) names.push(node.name.text);
    return false;
  });
  return names;
}

/** The SDK's server classes, as constructed: `new McpServer(...)`, `new Server(...)`. */
export const SERVER_CLASS = /^(McpServer|Server)$/;

/**
 * Whether a value is a server made where it is written: `new McpServer(...)`, `new Server(...)`,
 * or a call (awaited or not) of a function of this file that builds one (`buildServer()`,
 * session.ts buildsServerItself). A memo filled from such a call keeps the server just as one filled
 * from the construction does (trial 66B B1: `() => (cached ??= buildServer())`).
 */
function newServer(value: TS.Node): boolean {
  const v = awaited(value);
  if (ts.isNewExpression(v)) return SERVER_CLASS.test(calleeName(v) ?? '');
  const call = plainCall(v);
  const builder = call && resolveFunction(call.expression);
  // (One that builds it in its own body: a memo of an app whose routes build servers keeps no server.)
  return !!builder && buildsServerItself(builder);
}

/**
 * A function that hands out one server it keeps: it builds the server into a module-level
 * variable (or a field) only while that is unset, and returns it (`if (server) return server;
 * server = new Server(...); return server`, or `server ??= new McpServer(...)`), built there or
 * by a function of the file that builds one (newServer: `cached ??= buildServer()`). Every caller
 * gets the same server. Returns the kept variable's text. Not a server kept per session, in a
 * pool keyed by the MCP session id (`this.servers[sessionId] ??= ...`): `facts` (this file's, made
 * when not given) say which pools are.
 */
export function cachedServer(fn: TS.FunctionLikeDeclaration, facts?: SessionFacts): string | undefined {
  const body = fn.body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return cachedByExpression(fn, unwrap(body), facts);
  const returned = new Set<string>();
  let assigned: { kept: string; conditional: boolean; target: TS.Expression } | undefined;
  const guards: string[] = [];
  walk(body, (node) => {
    if (node !== body && isFunctionLike(node)) return false;
    if (ts.isReturnStatement(node) && node.expression) {
      // (`return (server ??= buildServer())` returns what it keeps.)
      const value = unwrap(node.expression);
      returned.add((isAssignment(value) ? value.left : value).getText());
    }
    if (ts.isBinaryExpression(node) && newServer(node.right)) {
      const op = node.operatorToken.kind;
      const kept = node.left.getText();
      if (op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken) assigned = { kept, conditional: true, target: node.left };
      else if (op === ts.SyntaxKind.EqualsToken) assigned = { kept, conditional: insideTestOf(node, kept, body), target: node.left };
    }
    // `if (server) return server;` before the assignment.
    if (ts.isIfStatement(node) && !node.elseStatement && !assigned && /^(\{\s*)?return\b/.test(node.thenStatement.getText())) guards.push(node.expression.getText());
    return undefined;
  });
  if (!assigned) return undefined;
  const { kept, conditional, target } = assigned;
  if (!returned.has(kept) || [...returned].some((r) => r !== kept)) return undefined;
  // Kept beyond the call: a field, or a variable declared outside the function.
  const outside = kept.startsWith('this.') || declaredOutside(body, kept);
  if (!outside || !(conditional || guards.some((g) => g.includes(kept)))) return undefined;
  // One server per session, in a pool keyed by the session id, is no server every caller shares: session-map reports the pool.
  const element = unwrap(target);
  return ts.isElementAccessExpression(element) && keptPerSession(element, facts ?? new SessionFacts(fn.getSourceFile())) ? undefined : kept;
}

/**
 * An arrow's whole body that keeps the server it builds (`() => (server ??= new McpServer(...))`,
 * or `buildServer()`), or such an expression in the function `fn` (a request's `const server =
 * (cached ??= buildServer())`): the kept variable's text.
 */
function cachedByExpression(fn: TS.Node, body: TS.Node, facts?: SessionFacts): string | undefined {
  if (!ts.isBinaryExpression(body)) return undefined;
  const op = body.operatorToken.kind;
  if ((op !== ts.SyntaxKind.QuestionQuestionEqualsToken && op !== ts.SyntaxKind.BarBarEqualsToken) || !newServer(body.right)) return undefined;
  const target = unwrap(body.left);
  // Kept beyond the call: a field, or a variable declared outside the function (not one of the
  // arrow's parameters, nor a local of the request).
  const decl = ts.isIdentifier(target) ? resolveIdentifier(target) : undefined;
  const outside = ts.isPropertyAccessExpression(target) ? target.expression.kind === ts.SyntaxKind.ThisKeyword : !!decl && !(decl.pos >= fn.pos && decl.end <= fn.end);
  if (!outside) return undefined;
  return ts.isElementAccessExpression(target) && keptPerSession(target, facts ?? new SessionFacts(fn.getSourceFile())) ? undefined : target.getText();
}

/** Whether a kept server is an element of a collection keyed by the MCP session id (`this.activeServers[sessionId]`). */
function keptPerSession(element: TS.ElementAccessExpression, facts: SessionFacts): boolean {
  const keyed = facts.collections.filter((c) => c.sessionKeyed);
  const collection = keyed.length > 0 ? facts.collectionOf(element.expression) : undefined;
  return !!collection && keyed.includes(collection);
}

/**
 * The call a server expression comes from, through `await`, a variable initialised with it, or a
 * name destructured from what it returns (`const { server, cleanup } = createServer()`), when its
 * callee is a plain name: `getServer()`.
 */
function factoryCall(expr: TS.Node): (TS.CallExpression & { expression: TS.Identifier }) | undefined {
  const made = madeBy(expr);
  return made && 'assigned' in made ? assignedFactoryCall(made.assigned) : made && plainCall(made);
}

/**
 * What a server expression is made by, through `await`, a variable initialised with it, or a name
 * destructured from it: that expression, or the variable declared empty and assigned later.
 */
function madeBy(expr: TS.Node): TS.Node | { assigned: TS.VariableDeclaration & { name: TS.Identifier } } | undefined {
  const e = awaited(expr);
  if (!ts.isIdentifier(e)) return e;
  let decl: TS.Node | undefined = resolveIdentifier(e);
  while (decl && (ts.isBindingElement(decl) || ts.isObjectBindingPattern(decl) || ts.isArrayBindingPattern(decl))) decl = decl.parent;
  if (!decl || !ts.isVariableDeclaration(decl)) return undefined;
  if (!decl.initializer || isNullish(decl.initializer)) return ts.isIdentifier(decl.name) ? { assigned: decl as TS.VariableDeclaration & { name: TS.Identifier } } : undefined;
  return awaited(decl.initializer);
}

function plainCall(e: TS.Node): (TS.CallExpression & { expression: TS.Identifier }) | undefined {
  return ts.isCallExpression(e) && ts.isIdentifier(unwrap(e.expression)) ? (e as TS.CallExpression & { expression: TS.Identifier }) : undefined;
}

/**
 * The factory call a variable declared empty (`let server: McpServer | null = null`) is filled
 * from, when every assignment to it takes what one plain function returns: `server = await
 * startServer()`, or the value a `.then` on that call hands on (`startServer().then((s) => {
 * server = s })`).
 */
function assignedFactoryCall(decl: TS.VariableDeclaration & { name: TS.Identifier }): (TS.CallExpression & { expression: TS.Identifier }) | undefined {
  const calls = referencesTo(decl.getSourceFile(), decl as Declaration & { name: TS.Identifier }).flatMap((ref) => {
    const assignment = ref.parent;
    if (!ts.isBinaryExpression(assignment) || assignment.left !== ref || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return [];
    const value = awaited(assignment.right);
    if (ts.isCallExpression(value)) return [plainCall(value)];
    // The parameter of a callback handed to `.then` on the factory's call.
    const param = ts.isIdentifier(value) ? resolveIdentifier(value) : undefined;
    const callback = param && ts.isParameter(param) && param.parent.parameters[0] === param ? param.parent : undefined;
    const then = callback?.parent;
    if (!then || !ts.isCallExpression(then) || calleeName(then) !== 'then' || then.arguments[0] !== callback) return [undefined];
    const receiver = calleeReceiver(then);
    return [receiver ? plainCall(unwrap(receiver)) : undefined];
  });
  if (calls.length === 0 || calls.some((c) => !c || c.expression.text !== calls[0]!.expression.text)) return undefined;
  return calls[0];
}

/**
 * A close hook that ends the process (`server.server.onclose = () => process.exit(0)`, a stdio
 * server's habit), assigned anywhere in `root` (not inside a nested function): on a server built
 * per connection or request, it runs when each one closes, and the first to end ends the process.
 */
export function closeHookEndingProcess(root: TS.Node): TS.BinaryExpression | undefined {
  let found: TS.BinaryExpression | undefined;
  walk(root, (n) => {
    if (found || (n !== root && isFunctionLike(n))) return false;
    const e = unwrap(n as TS.Expression);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(e.left) && e.left.name.text === 'onclose' && /\bprocess\s*\.\s*(exit|kill|abort)\s*\(/.test(e.right.getText())) found = e;
    return undefined;
  });
  return found;
}

/**
 * The factory a connected server comes from (factoryCall: `createServer().connect(t)`, `await
 * createServer()`, a local initialised or filled with either) when that function of this file sets a close hook that ends
 * the process (closeHookEndingProcess): its name.
 */
function factoryEndingProcess(receiver: TS.Node): string | undefined {
  const callee = factoryCall(receiver)?.expression;
  const factory = callee && resolveFunction(callee);
  return factory?.body && closeHookEndingProcess(factory.body) ? (unwrap(callee!) as TS.Identifier).text : undefined;
}

/**
 * Packages whose MCP server launches a browser of its own and keeps its pages from one call to the
 * next (`createConnection()` of @playwright/mcp): built per request, every call starts from a
 * blank page in a browser launched for it (trial 44A).
 */
const BROWSER_SERVER_PACKAGES = /^(@playwright\/mcp|@executeautomation\/playwright-mcp-server|chrome-devtools-mcp|@browsermcp\/mcp)(\/|$)/;

/** The factory a connected server comes from (factoryCall) when a package of BROWSER_SERVER_PACKAGES exports it: `createConnection() of @playwright/mcp`. */
function browserServerFactory(receiver: TS.Node): string | undefined {
  // (Also what the server is a member of: `connection.server` of @playwright/mcp's Connection, and
  // the package's namespace, `pw.createConnection()`, review 47.)
  const made = madeBy(accessRoot(receiver));
  const where = made && !('assigned' in made) && ts.isCallExpression(made) ? moduleExportOf(made.expression) : undefined;
  return where && BROWSER_SERVER_PACKAGES.test(where.module) ? `${where.exported}() of ${where.module}` : undefined;
}

/** What a marker says of a server that keeps a browser for its session (browserServerFactory), which a rewrite would build per request. */
function browserServerMessage(factory: string): string {
  return `the server ${factory} builds launches a browser of its own and keeps its pages from one call to the next: built per request, every call would start from a blank page in a browser launched for it. 2026-07-28 has no session to keep it for, so this was left as it was: keep one browser for the process where one client uses it, or drive a browser the tools name by a handle (a remote browser under its id), then move the endpoint by hand`;
}

/**
 * Why a server cannot be one per request, when it cannot: its factory's close hook ends the
 * process (closeHookEndingProcess), or its package keeps a browser for the session
 * (browserServerFactory). What a marker says of it; every rewrite that would build it per request asks.
 */
export function perRequestRefusal(receiver: TS.Node): string | undefined {
  const ends = factoryEndingProcess(receiver);
  if (ends) return endsProcessMessage(ends);
  const browser = browserServerFactory(receiver);
  return browser ? browserServerMessage(browser) : undefined;
}

/** What a marker says of a server that ends the process when it closes, made per request by `factory`. */
function endsProcessMessage(factory: string): string {
  return `the server ${factory}() builds ends the process when it closes (its onclose calls process.exit): with a transport and a server per request, each closes when its response ends, and the first request to end would end the process. Move the shutdown out of the server's close hook (to the process's own signals, \`process.on('SIGTERM', ...)\`), then run fix again`;
}

/** What to do about a server built once by a factory (`const { server } = await createServer()`): call the factory per request. */
export function factoryPerRequest(factory: string): string {
  return `call ${factory}() per request instead of once, moving what it sets up once for the process out of it`;
}

/**
 * The function a server comes from (`server` of `const { server, cleanup } = await createServer()`):
 * its name, when it is a plain function call. Called once, outside the request, it already is the
 * factory a server per request needs; what it sets up once for the process is what keeps it there.
 */
export function serverFactoryName(expr: TS.Node): string | undefined {
  return factoryCall(expr)?.expression.text;
}

/**
 * The name of the function a server expression comes from when that function hands out one kept
 * server: `getServer()`, or a variable initialised with it, where `getServer` is a local function
 * that caches (cachedServer) or one named in `elsewhere` (found so in another file of the run).
 */
export function cachedServerSource(expr: TS.Node, elsewhere: ReadonlySet<string> = new Set()): string | undefined {
  const call = factoryCall(expr);
  if (!call) return undefined;
  const callee = (unwrap(call.expression) as TS.Identifier).text;
  if (elsewhere.has(callee)) return callee;
  const fn = resolveFunction(call.expression);
  return fn && cachedServer(fn) ? callee : undefined;
}

/** A text that may set a server up when the handshake ends (a cheap test before parsing). */
export const SETS_ONINITIALIZED = /\boninitialized\b/;

/**
 * An `oninitialized` hook (`server.server.oninitialized = () => { registerConditionalTools(server) }`)
 * whose function does more than log: setup that runs once the initialize handshake is over
 * (tools registered for the capabilities the client declared, timers started). A server built per
 * request gets it only on the request that carries initialize, and a 2026-07-28 client never
 * sends one: every later request finds a server without it.
 */
export function isSetupHook(node: TS.Node): boolean {
  const hook = initializedHook(node);
  // Recording who the client is (a log line, analytics) sets nothing up for later requests.
  if (hook && recordsClientOnly(hook)) return false;
  const body = hook?.body;
  let works = false;
  if (body) {
    walk(body, (n) => {
      if (works) return false;
      if (ts.isCallExpression(n) && !isLogCall(n)) works = true;
      return undefined;
    });
  }
  return works;
}

/** The first setup hook (isSetupHook) in `scope`. */
export function setupAfterHandshake(scope: TS.Node): TS.Node | undefined {
  let found: TS.Node | undefined;
  walk(scope, (node) => {
    if (found) return false;
    if (isSetupHook(node)) found = node;
    return undefined;
  });
  return found;
}

/** The names of the functions of a file that set the server they build up after the handshake (setupAfterHandshake). */
export function handshakeSetupFunctions(sourceFile: TS.SourceFile): string[] {
  const found: string[] = [];
  walk(sourceFile, (node) => {
    if (!isFunctionLike(node) || !node.body) return undefined;
    const name = setupAfterHandshake(node.body) && functionNameNode(node);
    if (!name) return undefined;
    found.push(name.getText());
    return false;
  });
  return found;
}

/**
 * Where the server an expression comes from is set up after the handshake: its factory is a
 * local function that does it ('this file'), or one `elsewhere` names (found so in another file
 * of the run: that file); or the code around it, `scope`, does it to that server. With the
 * factory's name, when there is one. No line: the run may move it, and a marker must read the
 * same on the next run.
 */
export function handshakeSetupSource(expr: TS.Node | undefined, scope: TS.Node | undefined, elsewhere: ReadonlyMap<string, string> = new Map()): { factory?: string; where: string } | undefined {
  const call = expr && factoryCall(expr);
  const callee = call && (unwrap(call.expression) as TS.Identifier).text;
  const fn = call && resolveFunction(call.expression);
  const local = fn?.body && setupAfterHandshake(fn.body);
  if (local) return { factory: callee, where: 'this file' };
  if (callee && elsewhere.has(callee)) return { factory: callee, where: elsewhere.get(callee)! };
  return scope && setupAfterHandshake(scope) ? { where: 'this file' } : undefined;
}

/**
 * A text that may hold a cached server getter: it builds an SDK server (a cheap test before
 * parsing), written as the rule's keywords have it (`new McpServer(`): a rule never reads more than
 * its keywords let through.
 */
export const BUILDS_SERVER = /\bnew (Mcp)?Server\(/;

/** The names of the functions in a file that hand out one kept server (cachedServer). */
export function cachedServerGetters(sourceFile: TS.SourceFile): string[] {
  const names: string[] = [];
  walk(sourceFile, (node) => {
    if (isFunctionLike(node) && cachedServer(node)) {
      const name = functionNameNode(node);
      if (name) names.push(name.getText());
    }
    return undefined;
  });
  return names;
}

/** Whether `node` sits in an `if` whose condition tests `kept` (`if (!server) { server = ... }`). */
function insideTestOf(node: TS.Node, kept: string, stop: TS.Node): boolean {
  // As a whole name (`this.server`, not `this.serverReady`).
  const named = new RegExp(`(?<![\\w$])${escapeRegExp(kept)}(?![\\w$])`);
  for (let n = node.parent; n && n !== stop; n = n.parent) if (ts.isIfStatement(n) && named.test(n.expression.getText())) return true;
  return false;
}

/** Whether a plain name is declared outside this function body (not as one of its locals). */
function declaredOutside(body: TS.Block, name: string): boolean {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return false;
  let local = false;
  walk(body, (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name) local = true;
    return local ? false : undefined;
  });
  return !local;
}

/**
 * `t.handleRequest(...)` in a request handler where `t` is one transport built outside it (at
 * module level, or once by the code that sets up the routes): every request goes through it.
 * Returns the construction, whether it is stateless, and whether the call reaches the method
 * other than as `t.handleRequest(...)` (`indirect`: stateless-transport does not follow that).
 * For a transport a factory made (`const transport = createTransport()`): the variable or
 * parameter holding it (`source`), the factory's name (or the function that sets up the routes
 * and is handed it, `handedTo`), and the variable (`declaration`) built-once moves.
 */
export function sharedTransport(
  call: TS.CallExpression,
  facts?: SessionFacts,
  target = handleRequestTarget(call),
): { construction: TS.NewExpression; name: string; stateless: boolean; sdk: boolean; indirect: boolean; at?: TS.Node; unseen?: true; source?: TS.Node; factory?: string; handedTo?: string; declaration?: TS.VariableDeclaration; reassigned?: true } | undefined {
  if (!target) return undefined;
  const found = isThisMember(target.receiver) ? sharedFieldTransport(call, target.receiver as TS.PropertyAccessExpression) : (sharedLocalTransport(call, target.receiver, facts) ?? lazyTransport(call, target.receiver) ?? objectFieldTransport(call, target.receiver, facts) ?? importedTransport(call, target.receiver, facts));
  // Reached through an object that holds it (`mcp.transport.handleRequest(...)`): not followed by stateless-transport either.
  return found && { ...found, indirect: target.indirect || !!heldTransport(target.receiver) || ('held' in found && !!found.held) || ('through' in found && !!found.through) };
}

/**
 * `provider.transport.handleRequest(...)` where `provider` is one object of a class of the file
 * made outside the request (`const provider = new McpProvider()`), or `this.provider.transport`
 * in a route method of a class given that object once (a NestJS controller's injected provider,
 * whose class may be in another module of the run), and the class builds that transport once (a
 * field's initializer, its constructor): every request goes through it (trial 26C). Reported at
 * the call when the class is in another module.
 */
function objectFieldTransport(call: TS.CallExpression, reached: TS.Node, facts: SessionFacts | undefined): { construction: TS.NewExpression; name: string; stateless: boolean; sdk: boolean; held: true; at?: TS.Node } | undefined {
  const field = unwrap(reached);
  if (!ts.isPropertyAccessExpression(field)) return undefined;
  const holder = unwrap(field.expression);
  const handler = enclosingFunction(call);
  if (!handler) return undefined;
  let cls: TS.ClassLikeDeclaration | undefined;
  if (ts.isIdentifier(holder)) {
    // One object made outside the request.
    const decl = resolveIdentifier(holder);
    const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
    if (!init || !ts.isNewExpression(init) || !ts.isIdentifier(init.expression) || (decl!.pos >= handler.pos && decl!.end <= handler.end)) return undefined;
    const made = resolveIdentifier(init.expression);
    cls = made && ts.isClassDeclaration(made) ? made : undefined;
  } else if (isThisMember(holder) && (isRouteHandler(handler) || routeDecorated(handler))) {
    // A dependency the class around the route is given (`constructor(private readonly mcp: McpProvider)`).
    const owner = enclosingClass(call);
    cls = classNamed(owner && dependencyType(owner, holder.name.text), facts);
  }
  const construction = cls && fieldTransport(cls, field.name.text);
  if (!construction) return undefined;
  const name = `${holder.getText()}.${field.name.text}`;
  const elsewhere = construction.getSourceFile() !== call.getSourceFile();
  return { construction, name, stateless: builtStateless(construction), sdk: isSdkStreamableHttpTransport(calleeName(construction)), held: true, ...(elsewhere ? { at: call } : {}) };
}

/** A method routed by a decorator (NestJS's `@Post('mcp')`, `@All()`). */
function routeDecorated(fn: TS.FunctionLikeDeclaration): boolean {
  return ts.isMethodDeclaration(fn) && (ts.getDecorators(fn) ?? []).some((d) => /^(Get|Post|Put|Patch|Delete|All)$/.test(ts.isCallExpression(d.expression) ? (calleeName(d.expression) ?? '') : d.expression.getText()));
}

/** The class a type name names: one of this file, or one another module of the run exports. */
function classNamed(type: TS.Identifier | undefined, facts: SessionFacts | undefined): TS.ClassLikeDeclaration | undefined {
  const local = type && resolveIdentifier(type);
  return local && ts.isClassDeclaration(local) ? local : type && facts?.modules ? importedClass(type, facts.modules.path, facts.modules.source) : undefined;
}

/** The class a dependency of a class is typed with: a constructor parameter property or a field (`private readonly mcp: McpProvider`). */
function dependencyType(owner: TS.ClassLikeDeclaration, name: string): TS.Identifier | undefined {
  for (const member of owner.members) {
    const candidates: Array<TS.ParameterDeclaration | TS.PropertyDeclaration> = ts.isConstructorDeclaration(member) ? member.parameters.filter((p) => (ts.getModifiers(p) ?? []).length > 0) : ts.isPropertyDeclaration(member) ? [member] : [];
    for (const c of candidates) {
      if (!ts.isIdentifier(c.name) || c.name.text !== name || !c.type || !ts.isTypeReferenceNode(c.type) || !ts.isIdentifier(c.type.typeName)) continue;
      return c.type.typeName;
    }
  }
  return undefined;
}

/**
 * `transport.handleRequest(...)` in a request handler where `transport` is one transport another
 * module of the run builds once and exports (`export const transport = new
 * StreamableHTTPServerTransport(...)`, trial 31A): every request goes through it. Reported at the
 * call, the construction being in the other module.
 */
function importedTransport(call: TS.CallExpression, reached: TS.Node, facts: SessionFacts | undefined): { construction: TS.NewExpression; name: string; stateless: boolean; sdk: boolean; at: TS.Node } | undefined {
  const receiver = unwrap(reached);
  if (!ts.isIdentifier(receiver) || !facts?.modules || !enclosingFunction(call)) return undefined;
  const decl = importedVariable(receiver, facts.modules.path, facts.modules.source);
  const init = decl?.initializer && unwrap(decl.initializer);
  if (!init || !ts.isNewExpression(init) || !isStreamableHttpTransport(calleeName(init))) return undefined;
  return { construction: init, name: receiver.text, stateless: builtStateless(init), sdk: isSdkStreamableHttpTransport(calleeName(init)), at: call };
}

/**
 * A transport declared in `fn` whose requests are served only by route handlers nested in `fn`
 * (`app.all('/mcp', (req, res) => transport.handleRequest(...))`): `fn` sets the routes up, and
 * what it connects, it connects once.
 */
function servedByNestedRoutes(fn: TS.Node, transport: TS.Identifier): boolean {
  const decl = resolveIdentifier(transport);
  if (!decl || !ts.isVariableDeclaration(decl) || enclosingFunction(decl) !== fn) return false;
  const serving: TS.CallExpression[] = [];
  walk(fn, (n) => {
    if (ts.isCallExpression(n) && calleeName(n) === 'handleRequest' && ts.isIdentifier(unwrap(calleeReceiver(n) ?? n)) && resolveIdentifier(unwrap(calleeReceiver(n)!) as TS.Identifier) === decl) serving.push(n);
  });
  return serving.length > 0 && serving.every((call) => {
    const handler = enclosingFunction(call);
    return !!handler && handler !== fn && isRouteHandler(handler);
  });
}

/** Whether a statement of `handler`'s own body before `call` assigns `variable` anew, from a value that does not read it. */
function reassignedBefore(handler: TS.FunctionLikeDeclaration, variable: TS.VariableDeclaration, call: TS.Node): boolean {
  if (!handler.body || !ts.isBlock(handler.body) || !ts.isIdentifier(variable.name)) return false;
  return handler.body.statements.some((s) => {
    if (s.end > call.pos || !ts.isExpressionStatement(s)) return false;
    const e = unwrap(s.expression);
    if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
    const target = unwrap(e.left);
    return ts.isIdentifier(target) && resolveIdentifier(target) === variable && referencesTo(e.right, variable as TS.VariableDeclaration & { name: TS.Identifier }).length === 0;
  });
}

/**
 * One transport every request served in `call` goes through, from where the handler gets it: a
 * variable built outside the request (a `new` there, or a call of a factory that returns one), a
 * parameter of a helper the handler hands it to, or a parameter of the code that sets up the
 * routes (routeSetupTransport). `source`, for a transport a factory made: the variable or
 * parameter that holds it, what the finding is about (the factory may build others, per request).
 */
function sharedLocalTransport(call: TS.CallExpression, reached: TS.Node, facts?: SessionFacts, depth = 2): { construction: TS.NewExpression; name: string; stateless: boolean; sdk: boolean; unseen?: true; through?: true; at?: TS.Node; source?: TS.Node; factory?: string; handedTo?: string; declaration?: TS.VariableDeclaration; reassigned?: true } | undefined {
  const receiver = heldTransport(reached) ?? reached;
  if (!ts.isIdentifier(receiver)) return undefined;
  const decl = resolveIdentifier(receiver);
  const handler = enclosingFunction(call);
  const setUp = decl && handler && facts ? routeSetupTransport(decl, handler, facts) : undefined;
  if (setUp) {
    const { construction, param } = setUp;
    const setUpName = functionNameNode(param.parent as TS.FunctionLikeDeclaration)?.getText();
    return { construction, name: receiver.text, stateless: builtStateless(construction), sdk: isSdkStreamableHttpTransport(calleeName(construction)), through: true, at: call, source: param, ...(setUpName ? { handedTo: setUpName } : {}) };
  }
  // A parameter of a helper of the file the request handler hands its transport to (`handle(req,
  // res, transport)`, trial 44B): what its calls hand it.
  if (decl && ts.isParameter(decl) && facts && depth > 0 && isFunctionLike(decl.parent)) {
    const helper = decl.parent as TS.FunctionLikeDeclaration;
    const index = helper.parameters.indexOf(decl);
    for (const site of facts.callSitesOf(helper)) {
      const arg = site.arguments[index];
      const found = arg && !ts.isSpreadElement(arg) ? sharedLocalTransport(site, unwrap(arg), facts, depth - 1) : undefined;
      if (found) return { ...found, through: true };
    }
    return undefined;
  }
  const held = heldIn(decl);
  if (!held?.variable.initializer) return undefined;
  const variable = held.variable;
  const init = unwrap(variable.initializer!);
  const direct = !held.member && ts.isNewExpression(init) && isStreamableHttpTransport(calleeName(init)) ? init : undefined;
  // Or what a factory returns (`const transport = createTransport()`, the factory in this file or
  // another module of the run; `const { transport } = await createMcpServer()`): called once, it
  // made one transport, as a `new` written here would (trial 57C B1).
  const made = direct ? undefined : transportValue(init, held.member, whereOf(facts), 0);
  const construction = direct ?? made?.construction;
  // (A factory that passes on options it is handed, `new StreamableHTTPServerTransport(options)`: whether
  // its transport keeps sessions is its caller's to say, and this does not follow that far.)
  if (!construction || (made && !knownOptions(construction))) return undefined;
  // Built in the function that serves the request (or one it is nested in, per call of which it runs once).
  if (!handler || (variable.pos >= handler.pos && variable.end <= handler.end)) return undefined;
  // Or built afresh by the handler before it serves (`transport = createTransport()` as a statement
  // of its own body): one per request, but held where concurrent requests overwrite it while one
  // awaits (review 74, review 77), said so. Not a lazy `transport ??= ...` or an assignment under a
  // test (`if (!transport) transport = ...`), which builds one once.
  const reassigned = !held.member && reassignedBefore(handler, variable, call);
  // Built in a function: shared when that function sets up the routes (the handler is a route
  // callback registered there) or builds the handler and returns it (a handler builder,
  // `makeHandler()`, trial 38C); a callback nested in a request's own function runs within it.
  const built = enclosingFunction(variable);
  if (built && !(handler.pos >= built.pos && handler.end <= built.end)) return undefined;
  const returned = built && !isRouteHandler(handler) ? returnedHandler(handler, built, facts) : 'once';
  if (!returned) return undefined;
  const found = { construction, name: receiver.text, stateless: builtStateless(construction), sdk: isSdkStreamableHttpTransport(calleeName(construction)), ...(returned === 'unseen' ? { unseen: true as const } : {}), ...(reassigned ? { reassigned: true as const } : {}) };
  if (!made) return found;
  // Reported where it is held: the factory's `new` may be another module's, or serve others per request.
  // Built-once moves a plain variable filled by a local factory that builds a new transport per
  // call (the call moves with it); what else it cannot follow (stateless-transport's codemods get no other module).
  const movable = !held.member && !made.imported && !made.kept;
  return { ...found, at: variable.initializer!, source: variable, factory: made.factory, declaration: variable, ...(movable ? {} : { through: true as const }) };
}

/** Whether a transport's construction shows its options (none, or an object literal): builtStateless can tell then. */
function knownOptions(construction: TS.NewExpression): boolean {
  const options = construction.arguments?.[0];
  return !options || ts.isObjectLiteralExpression(unwrap(options));
}

/** Where a file is, for following its imports into the run's other modules: none without module facts. */
interface Where {
  path?: string;
  source?: ModuleSource;
}

function whereOf(facts: SessionFacts | undefined): Where {
  return facts?.modules ? { path: facts.modules.path, source: facts.modules.source } : {};
}

/**
 * The variable a declaration holds a value in, with the member of that value it names when it is
 * destructured (`transport` of `const { transport } = await createMcpServer()`); undefined for
 * other declarations (a parameter, an import, a nested pattern).
 */
function heldIn(decl: TS.Node | undefined): { variable: TS.VariableDeclaration; member?: string } | undefined {
  if (!decl) return undefined;
  if (ts.isVariableDeclaration(decl)) return ts.isIdentifier(decl.name) ? { variable: decl } : undefined;
  const member = boundMember(decl);
  const variable = member !== undefined ? decl.parent.parent : undefined;
  return variable && ts.isVariableDeclaration(variable) ? { variable, member } : undefined;
}

/** `{ transport }` or `{ transport: t }` of an object pattern, one level deep: the member it takes. */
function boundMember(decl: TS.Node): string | undefined {
  if (!ts.isBindingElement(decl) || decl.dotDotDotToken || !ts.isObjectBindingPattern(decl.parent) || !ts.isIdentifier(decl.name)) return undefined;
  return decl.propertyName ? propertyNameText(decl.propertyName) : decl.name.text;
}

/**
 * The Streamable HTTP transport a value is, traced back (`member`: the member of it that is): a
 * `new` of one; a variable (or a name destructured from one) holding it; an object literal's
 * member; an import of another module of the run holding it; or what a function returns, of this
 * file or an imported one (createTransport() of transport.js), every return giving one.
 * `imported`: followed into another module; `kept`: a function returned a transport it did not
 * build itself (one kept outside it); `factory`: the first function followed.
 */
function transportValue(expr: TS.Node, member: string | undefined, where: Where, depth: number): { construction: TS.NewExpression; imported?: true; kept?: true; factory?: string } | undefined {
  // (The real repository's chain is seven steps: an argument's member, a destructured name, the
  // call it comes from, the returned object's member, a variable, a factory's call, its `new`.)
  if (depth > 8) return undefined;
  const e = awaited(expr);
  if (ts.isNewExpression(e)) return member === undefined && isStreamableHttpTransport(calleeName(e)) ? { construction: e } : undefined;
  if (ts.isObjectLiteralExpression(e)) {
    const property = member === undefined ? undefined : e.properties.find((p) => (ts.isShorthandPropertyAssignment(p) || ts.isPropertyAssignment(p)) && propertyNameText(p.name) === member);
    const value = property && (ts.isShorthandPropertyAssignment(property) ? property.name : (property as TS.PropertyAssignment).initializer);
    return value ? transportValue(value, undefined, where, depth + 1) : undefined;
  }
  if (ts.isIdentifier(e)) {
    const decl = resolveIdentifier(e);
    const held = heldIn(decl);
    if (held) return held.variable.initializer && !(held.member !== undefined && member !== undefined) ? transportValue(held.variable.initializer, held.member ?? member, where, depth + 1) : undefined;
    const imported = importOf(e) && where.path && where.source ? importedDeclaration(e, where.path, where.source) : undefined;
    const found = imported?.decl.initializer ? transportValue(imported.decl.initializer, member, { path: imported.module.path, source: where.source }, depth + 1) : undefined;
    return found && { ...found, imported: true };
  }
  if (!ts.isCallExpression(e)) return undefined;
  let fn = ts.isIdentifier(unwrap(e.expression)) ? resolveFunction(e.expression) : undefined;
  let at = where;
  let imported = false;
  if (!fn && where.path && where.source) {
    const theirs = importedFunctionAt(e.expression, where.path, where.source);
    if (theirs) {
      fn = theirs.fn;
      at = { path: theirs.module.path, source: where.source };
      imported = true;
    }
  }
  const returned = fn ? returnedExpressions(fn) : [];
  if (!fn || returned.length === 0) return undefined;
  let first: ReturnType<typeof transportValue>;
  let kept = false;
  for (const r of returned) {
    const found = transportValue(r, member, at, depth + 1);
    if (!found) return undefined;
    // Built in the function itself (not a transport it keeps outside and hands out on every call).
    kept ||= !!found.kept || found.construction.getSourceFile() !== fn.getSourceFile() || found.construction.pos < fn.pos || found.construction.end > fn.end;
    first ??= found;
  }
  const name = ts.isIdentifier(unwrap(e.expression)) ? (unwrap(e.expression) as TS.Identifier).text : undefined;
  return { ...first!, ...(imported || first!.imported ? { imported: true as const } : {}), ...(kept ? { kept: true as const } : {}), ...(name ? { factory: name } : {}) };
}

/**
 * The transport a route handler serves through when it is a parameter of the code that sets up
 * the routes, or a member destructured from one (`createApp({ mcpTransport })` registering
 * `app.post('/mcp', ...)`): every request of those routes gets what that code was handed once.
 * Followed to what its callers hand it, in this file or the run's modules that import it
 * (`createApp({ mcpTransport: transport })`, `transport` from `createMcpServer()` there: the real
 * repository of trial 57C B1). Not a caller inside a request's own handler (routes set up per request).
 */
function routeSetupTransport(decl: TS.Node, handler: TS.FunctionLikeDeclaration, facts: SessionFacts): { construction: TS.NewExpression; param: TS.ParameterDeclaration } | undefined {
  const member = boundMember(decl);
  const param = member !== undefined ? decl.parent.parent : decl;
  if (!ts.isParameter(param) || (member === undefined && !ts.isIdentifier(param.name))) return undefined;
  const setUp = param.parent;
  if (!isFunctionLike(setUp) || setUp === handler || handler.pos < setUp.pos || handler.end > setUp.end || !isRouteHandler(handler) || isRouteHandler(setUp)) return undefined;
  const index = setUp.parameters.indexOf(param);
  const local = facts.callSitesOf(setUp).map((call) => ({ call, facts }));
  const calls = local.length > 0 ? local : callsFromOtherModules(setUp, facts);
  for (const { call, facts: theirs } of calls) {
    const arg = call.arguments[index];
    const caller = enclosingFunction(call);
    if (!arg || ts.isSpreadElement(arg) || (caller && isRouteHandler(caller))) continue;
    const found = transportValue(arg, member, whereOf(theirs), 0);
    if (found && knownOptions(found.construction)) return { construction: found.construction, param };
  }
  return undefined;
}

/**
 * Whether `handler` is the request handler `built` returns (`return async (req, res) => ...`, or a
 * local holding it) and `built` is called once for the routes: its result kept at module level
 * (`export const handler = makeHandler()`) or handed to a route or a server where they are set up
 * (`app.post('/mcp', makeHandler())`), in this file or, for an exported builder, in a module of the
 * run that imports it. That handler serves every request that reaches it, so what `built` made
 * beside it is made once, not per request ('once'). A builder called in a request's own code is
 * not; an exported one called nowhere the run sees (a library's, its callers the users' route
 * modules) is 'unseen': likely shared, said as a warning.
 */
function returnedHandler(handler: TS.FunctionLikeDeclaration, built: TS.FunctionLikeDeclaration, facts?: SessionFacts): 'once' | 'unseen' | false {
  if (handler.parameters.length === 0) return false;
  const returned = returnedExpressions(built).some((r) => {
    const value = unwrap(r);
    return value === handler || resolveInitializer(value) === handler;
  });
  if (!returned) return false;
  return builderReach(built, facts, 0);
}

type Reach = 'once' | 'unseen' | false;
/** Per facts (WITHOUT_FACTS for none): each builder's reach, as asked from the top (builderReach). */
const builderReachMemo = new WeakMap<object, WeakMap<TS.FunctionLikeDeclaration, Reach>>();
const WITHOUT_FACTS = {};

/** How a handler builder's result is used by its callers (see returnedHandler). */
function builderReach(built: TS.FunctionLikeDeclaration, facts: SessionFacts | undefined, depth: number): Reach {
  // Per facts (or none, the codemods' own parse): the callers looked at differ.
  const key = facts ?? WITHOUT_FACTS;
  let memo = builderReachMemo.get(key);
  if (!memo) builderReachMemo.set(key, (memo = new WeakMap()));
  let reach = memo.get(built);
  if (reach !== undefined) return reach;
  // (false meanwhile: a builder reached again through its own callers.)
  memo.set(built, false);
  const calls = facts ? callsAnywhere(built, facts).map((c) => c.call) : callsInFile(built);
  const reaches = calls.map((call) => callReach(call, facts, depth));
  reach = reaches.includes('once') ? 'once' : reaches.includes('unseen') || (calls.length === 0 && exportingStatement(built) !== undefined) ? 'unseen' : false;
  // Kept only when asked from the top: deeper down, callReach stops following wrappers early.
  if (depth === 0) memo.set(built, reach);
  else memo.delete(built);
  return reach;
}

/** The calls of a function of the file by its name (where no SessionFacts are at hand: a codemod's). */
function callsInFile(fn: TS.FunctionLikeDeclaration): TS.CallExpression[] {
  const name = functionNameNode(fn);
  if (!name || !ts.isIdentifier(name)) return [];
  const calls: TS.CallExpression[] = [];
  walk(fn.getSourceFile(), (node) => {
    const callee = ts.isCallExpression(node) ? unwrap(node.expression) : undefined;
    if (callee && ts.isIdentifier(callee) && callee.text === name.text && resolveFunction(callee) === fn) calls.push(node as TS.CallExpression);
    return undefined;
  });
  return calls;
}

/**
 * A call whose result is kept at module level, or handed to a route or a server outside any
 * request's code ('once'); or kept in a local of a function that itself returns a handler (a
 * builder wrapping the builder, `createMcpRouteHandler()` around `initializeMcpApiHandler()`), as
 * that function's callers use it.
 */
function callReach(call: TS.CallExpression, facts: SessionFacts | undefined, depth: number): Reach {
  let at: TS.Node = call;
  while (ts.isAwaitExpression(at.parent) || ts.isParenthesizedExpression(at.parent)) at = at.parent;
  const parent = at.parent;
  if (ts.isVariableDeclaration(parent) && parent.initializer === at) {
    if (isModuleVariable(parent)) return 'once';
    const outer = enclosingFunction(parent);
    const wraps = outer && depth < 2 && returnedExpressions(outer).some((r) => isFunctionLike(unwrap(r)));
    return wraps ? builderReach(outer, facts, depth + 1) : false;
  }
  if (ts.isExportAssignment(parent)) return 'once';
  if (!ts.isCallExpression(parent) || !parent.arguments.includes(at as TS.Expression)) return false;
  if (!(isRouteCall(parent) || createsNodeServer(parent))) return false;
  return routeBetween(parent, parent.getSourceFile()) ? false : 'once';
}

/**
 * `t.handleRequest(...)` in a request handler where `t` comes out of a module-level Map the file
 * fills with stateless transports per key (`perUser.get(user)`, `const { transport } = await
 * getOrCreate(user)` whose body looks the Map up and fills it): every request with that key goes
 * through one transport (trial 39C, a transport cached per OAuth user), typed or not (session-map
 * reports a Map typed to hold transports too, as a map of them). A transport that keeps sessions is
 * session-map's alone.
 */
function keptPerKey(call: TS.CallExpression, facts: SessionFacts, target = handleRequestTarget(call)): { construction: TS.NewExpression; name: string; map: string; key: string; sdk: boolean } | undefined {
  const handler = enclosingFunction(call);
  if (!target || !handler) return undefined;
  const receiver = unwrap(target.receiver);
  const name = receiver.getText();
  // Back from the receiver to where it came from: a local (or a member of one, destructured or not), to its initializer.
  let from: TS.Node = receiver;
  for (let step = 0; step < 4; step++) {
    from = unwrap(from);
    if (ts.isAwaitExpression(from)) from = unwrap(from.expression);
    if (ts.isPropertyAccessExpression(from)) {
      from = from.expression;
      continue;
    }
    if (!ts.isIdentifier(from)) break;
    const variable = declaringVariable(from);
    if (!variable || !variable.initializer || variable.pos < handler.pos || variable.end > handler.end) return undefined;
    from = variable.initializer;
  }
  if (!ts.isCallExpression(from)) return undefined;
  // `map.get(key)` here, or in the function of the file called here.
  const lookup = (c: TS.CallExpression) => (calleeName(c) === 'get' && c.arguments.length === 1 ? keptMap(calleeReceiver(c)) : undefined);
  let map = lookup(from);
  if (!map) {
    const fn = resolveFunction(from.expression);
    if (!fn?.body || fn.getSourceFile() !== call.getSourceFile()) return undefined;
    walk(fn.body, (n) => {
      if (!map && ts.isCallExpression(n)) map = lookup(n);
      return map ? false : undefined;
    });
  }
  if (!map) return undefined;
  const found = transportPutIn(map, facts);
  if (!found || !builtStateless(found.construction)) return undefined;
  const { construction, key } = found;
  return { construction, name, map: (map.name as TS.Identifier).text, key: codeSnippet(key, 40), sdk: isSdkStreamableHttpTransport(calleeName(construction)) };
}

/** Per module-level Map: where the file puts a transport into it (transportPutIn), looked for once. */
const putInMemo = new WeakMap<TS.VariableDeclaration, { construction: TS.NewExpression; key: TS.Expression } | null>();

/** Where the file puts a Streamable HTTP transport into a module-level Map: `map.set(key, transport)`, or an object holding it. */
function transportPutIn(map: TS.VariableDeclaration, facts: SessionFacts): { construction: TS.NewExpression; key: TS.Expression } | undefined {
  let found = putInMemo.get(map);
  if (found !== undefined) return found ?? undefined;
  found = null;
  walk(map.getSourceFile(), (n) => {
    if (found) return false;
    if (!ts.isCallExpression(n) || calleeName(n) !== 'set' || n.arguments.length !== 2 || keptMap(calleeReceiver(n)) !== map) return undefined;
    const construction = transportIn(n.arguments[1], facts, 0);
    if (construction) found = { construction, key: n.arguments[0] };
    return undefined;
  });
  putInMemo.set(map, found);
  return found ?? undefined;
}

/** The module-level Map a receiver names (`perUser` of `perUser.get(k)`). */
function keptMap(receiver: TS.Node | undefined): TS.VariableDeclaration | undefined {
  const decl = receiver && declaringVariable(receiver);
  return isModuleVariable(decl) && collectionKind(decl) === 'Map' ? decl : undefined;
}

/** The Streamable HTTP transport a value built: itself, a local holding it, or a member of an object it is (`{ transport, server }`). */
function transportIn(value: TS.Node, facts: SessionFacts, depth: number): TS.NewExpression | undefined {
  const v = unwrap(value);
  if (ts.isNewExpression(v)) return isStreamableHttpTransport(calleeName(v)) ? v : undefined;
  if (depth > 3) return undefined;
  if (ts.isIdentifier(v)) {
    const decl = resolveIdentifier(v);
    if (!decl || !ts.isVariableDeclaration(decl)) return undefined;
    // Its initializer, or what it is assigned later (`let entry = map.get(k); if (!entry) { entry = { transport }; ... }`).
    for (const value of [...(decl.initializer ? [decl.initializer] : []), ...facts.assignedValues(decl)]) {
      const found = transportIn(value, facts, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (ts.isObjectLiteralExpression(v)) {
    for (const p of v.properties) {
      const member = ts.isShorthandPropertyAssignment(p) ? transportIn(p.name, facts, depth + 1) : ts.isPropertyAssignment(p) ? transportIn(p.initializer, facts, depth + 1) : undefined;
      if (member) return member;
    }
  }
  return undefined;
}

/**
 * Whether a function that assigns a transport runs once for the requests `handler` serves: it sets
 * up the route `handler` is the callback of (`createApp()` assigning the module's `let transport`
 * and registering `app.post('/mcp', ...)` inside it, trial 45B), or it is called only at the
 * file's top level (`await start()`: runsOncePerProcess).
 */
function setUpOnce(fn: TS.FunctionLikeDeclaration, handler: TS.FunctionLikeDeclaration): boolean {
  return (handler !== fn && handler.pos >= fn.pos && handler.end <= fn.end && isRouteHandler(handler)) || runsOncePerProcess(fn);
}

/**
 * A module-level `let transport` built the first time a request needs it and kept for the rest
 * (`if (!transport) { transport = new StreamableHTTPServerTransport(...) }`, or inside a memoised
 * set-up, `ready ??= (async () => { transport = new ... })()`), reached directly or through the
 * getter that hands it out (`const t = await getTransport()`, `(await getTransport()).handleRequest(...)`),
 * built in the handler itself or elsewhere; or built plainly where the routes are set up, or in a
 * function run once at start-up (setUpOnce): every request after the first goes
 * through it, as through one built at module level (trial 36C, a Vercel function). Indirect: the
 * stateless-transport codemod does not rewrite this shape.
 */
function lazyTransport(call: TS.CallExpression, reached: TS.Node): { construction: TS.NewExpression; name: string; stateless: boolean; sdk: boolean; held: true } | undefined {
  const reachedNode = unwrap(reached);
  const handler = enclosingFunction(call);
  if (!handler) return undefined;
  // `(await getTransport()).handleRequest(...)`: the getter called in place.
  const inPlace = ts.isIdentifier(reachedNode) ? undefined : reachedNode;
  if (!ts.isIdentifier(reachedNode) && !(ts.isAwaitExpression(reachedNode) || ts.isCallExpression(reachedNode))) return undefined;
  let receiver: TS.Identifier | undefined = ts.isIdentifier(reachedNode) ? reachedNode : undefined;
  let decl: TS.Node | undefined = receiver && resolveIdentifier(receiver);
  // `const t = await getTransport()`: the module-level variable the getter returns.
  const local = inPlace ?? (decl && ts.isVariableDeclaration(decl) && !ts.isSourceFile(decl.parent.parent.parent) ? decl.initializer : undefined);
  if (local) {
    const init = unwrap(local);
    const got = ts.isAwaitExpression(init) ? unwrap(init.expression) : init;
    const getter = ts.isCallExpression(got) && got.arguments.length === 0 ? resolveFunction(got.expression) : undefined;
    const returned = getter ? returnedExpressions(getter).map(unwrap) : [];
    const first = returned[0];
    if (!first || !ts.isIdentifier(first) || !returned.every((r) => ts.isIdentifier(r) && r.text === first.text)) return undefined;
    receiver = first;
    decl = resolveIdentifier(receiver);
  }
  if (!receiver || !isModuleVariable(decl) || (decl.initializer && !isNullish(unwrap(decl.initializer)))) return undefined;
  const name = receiver.text;
  const sf = decl.getSourceFile();
  // Its assignments of a new transport: built once where behind a test of what it keeps (in the
  // handler itself too), or in a memoised set-up another function runs; a plain assignment in
  // the handler builds one per request.
  let construction: TS.NewExpression | undefined;
  for (const ref of referencesTo(sf, decl as TS.VariableDeclaration & { name: TS.Identifier })) {
    const n = ref.parent;
    if (!ts.isBinaryExpression(n) || n.left !== ref || !(n.operatorToken.kind === ts.SyntaxKind.EqualsToken || FALLBACK_ASSIGNMENTS.has(n.operatorToken.kind))) continue;
    const value = unwrap(n.right);
    if (!ts.isNewExpression(value) || !isStreamableHttpTransport(calleeName(value)) || !enclosingFunction(n)) continue;
    const guarded = FALLBACK_ASSIGNMENTS.has(n.operatorToken.kind) || insideTestOf(n, name, sf);
    if (guarded || (!(n.pos >= handler.pos && n.end <= handler.end) && (memoised(n) || setUpOnce(enclosingFunction(n)!, handler)))) {
      construction = value;
      break;
    }
  }
  return construction && { construction, name, stateless: builtStateless(construction), sdk: isSdkStreamableHttpTransport(calleeName(construction)), held: true };
}

/** Assignments that keep a value already there (`x ??= ...`, `x ||= ...`). */
const FALLBACK_ASSIGNMENTS: ReadonlySet<TS.SyntaxKind> = new Set([ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken]);

/** Whether `node` runs inside a function whose promise a module-level variable keeps (`ready ??= (async () => { ... })()`). */
function memoised(node: TS.Node): boolean {
  for (let n: TS.Node | undefined = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (!ts.isBinaryExpression(n) || !FALLBACK_ASSIGNMENTS.has(n.operatorToken.kind)) continue;
    const kept = unwrap(n.left);
    if (ts.isIdentifier(kept) && isModuleVariable(resolveIdentifier(kept))) return true;
  }
  return false;
}

/**
 * `holder.transport` where `holder` is a const of the file initialised with an object literal
 * (`const mcp = { transport }`): the identifier its property holds (trial 21A).
 */
function heldTransport(node: TS.Node): TS.Identifier | undefined {
  const n = unwrap(node);
  if (!ts.isPropertyAccessExpression(n) || !ts.isIdentifier(unwrap(n.expression))) return undefined;
  const decl = resolveIdentifier(unwrap(n.expression) as TS.Identifier);
  const init = decl && ts.isVariableDeclaration(decl) && isConstDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
  if (!init || !ts.isObjectLiteralExpression(init)) return undefined;
  const property = init.properties.find((p) => propertyNameText(p.name as TS.PropertyName) === n.name.text);
  if (property && ts.isShorthandPropertyAssignment(property)) return property.name;
  const value = property && ts.isPropertyAssignment(property) ? unwrap(property.initializer) : undefined;
  return value && ts.isIdentifier(value) ? value : undefined;
}

/**
 * The transport `t` whose handleRequest a call reaches: `t.handleRequest(...)`, or indirectly
 * through `.call` (`t.handleRequest.call(t, req, res)`), a const bound to it (`const handle =
 * t.handleRequest.bind(t); handle(req, res)`) (trial 19A), or a const destructured from it (`const
 * { handleRequest } = t; handleRequest.call(t, req, res)`).
 */
function handleRequestTarget(call: TS.CallExpression): { receiver: TS.Node; indirect: boolean } | undefined {
  let callee = unwrap(call.expression);
  let indirect = false;
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'call') {
    callee = unwrap(callee.expression);
    indirect = true;
  }
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text === 'handleRequest' ? { receiver: unwrap(callee.expression), indirect } : undefined;
  if (!ts.isIdentifier(callee)) return undefined;
  const decl = resolveIdentifier(callee);
  if (!decl) return undefined;
  if (ts.isVariableDeclaration(decl)) {
    if (!isConstDeclaration(decl) || !decl.initializer) return undefined;
    const bound = handleRequestOf(decl.initializer);
    if (bound) return { receiver: unwrap(bound.expression), indirect: true };
    // `const serve = handleRequest.bind(t)`, handleRequest destructured from t.
    const method = unbound(decl.initializer);
    return method !== unwrap(decl.initializer) && ts.isIdentifier(method) ? destructuredHandleRequest(method) : undefined;
  }
  return destructuredHandleRequest(callee);
}

/** `const { handleRequest } = t` (or `{ handleRequest: handle }`): the `t` the identifier's method came from. */
function destructuredHandleRequest(id: TS.Identifier): { receiver: TS.Node; indirect: boolean } | undefined {
  const decl = resolveIdentifier(id);
  if (!decl) return undefined;
  const holder = ts.isBindingElement(decl) && ts.isObjectBindingPattern(decl.parent) ? decl.parent.parent : undefined;
  const property = ts.isBindingElement(decl) ? (decl.propertyName ? propertyNameText(decl.propertyName) : ts.isIdentifier(decl.name) ? decl.name.text : undefined) : undefined;
  if (property !== 'handleRequest' || !holder || !ts.isVariableDeclaration(holder) || !isConstDeclaration(holder) || !holder.initializer) return undefined;
  return { receiver: unwrap(holder.initializer), indirect: true };
}

/** `t.handleRequest`, bound or not (`t.handleRequest.bind(t)`): that access, or undefined. */
function handleRequestOf(expression: TS.Expression): TS.PropertyAccessExpression | undefined {
  let e = unbound(expression);
  // Kept in a const first (`const handle = t.handleRequest.bind(t); createServer(handle)`, trial 49C B1).
  if (ts.isIdentifier(e)) {
    const decl = resolveIdentifier(e);
    if (decl && ts.isVariableDeclaration(decl) && isConstDeclaration(decl) && decl.initializer) e = unbound(decl.initializer);
  }
  return ts.isPropertyAccessExpression(e) && e.name.text === 'handleRequest' ? e : undefined;
}

/** `f.bind(x)`: the `f` bound; anything else (a plain `bind(x)` call too) as it is. */
function unbound(expression: TS.Expression): TS.Node {
  const e = unwrap(expression);
  const callee = ts.isCallExpression(e) ? unwrap(e.expression) : undefined;
  return callee && ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind' ? unwrap(callee.expression) : e;
}

/** Calls a request handler is handed to: node:http's createServer, and route registrations. */
const TAKES_HANDLER = /^(createServer|get|post|put|patch|delete|all|use|route)$/;

/**
 * A transport's own `handleRequest` handed as a request handler (`createServer(t.handleRequest.bind(t))`,
 * `app.post('/mcp', t.handleRequest.bind(t))`, also bound into a const first), where `t` is one
 * transport the file builds (reported where it is built, `at`), or one another module of the run
 * makes at its top level (reported at the argument): it is read once, when the handler is
 * registered, so every request goes through that transport.
 */
function handedHandleRequest(call: TS.CallExpression, facts: SessionFacts): { construction: TS.NewExpression; name: string; to: string; at: TS.Node } | undefined {
  const to = calleeName(call);
  if (!to || !TAKES_HANDLER.test(to)) return undefined;
  // Registered once (at module level, or by the code that sets up the routes), not per request.
  const registeredIn = enclosingFunction(call);
  if (registeredIn && isRouteHandler(registeredIn)) return undefined;
  for (const argument of call.arguments) {
    const handler = handleRequestOf(argument);
    if (!handler || !ts.isIdentifier(unwrap(handler.expression))) continue;
    const receiver = unwrap(handler.expression) as TS.Identifier;
    const decl = resolveIdentifier(receiver);
    const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
    if (init && ts.isNewExpression(init) && isStreamableHttpTransport(calleeName(init)) && enclosingFunction(decl!) === registeredIn) return { construction: init, name: receiver.text, to: `${to}()`, at: init };
    // One a module of the run makes at its top level (`export const transport = new ...` in
    // transport.ts; trial 49C B1, media-library-management-mcp): reported where it is handed on.
    const imported = importedConstruction(receiver, facts);
    if (imported) return { construction: imported, name: receiver.text, to: `${to}()`, at: argument };
  }
  return undefined;
}

/**
 * The transports this module makes at its top level and exports whose `handleRequest` a module of
 * its package that imports them hands to createServer or a route, once, as the request handler
 * (trial 49C B1, media-library-management-mcp: that module names no MCP and is not read for itself),
 * or calls in a handler (`createServer((req, res) => transport.handleRequest(req, res))`, review 61):
 * one transport, made once, for every request.
 */
function handedByImporters(facts: SessionFacts): Array<{ construction: TS.NewExpression; name: string; to: string; inHandler?: true }> {
  const source = facts.modules?.source;
  if (!source) return [];
  // This module's transports made at its top level, by where they stand (the importer's loader
  // parses this file anew: its declarations are matched by position).
  const made = new Map<number, { construction: TS.NewExpression; name: string }>();
  for (const statement of facts.sourceFile.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const d of statement.declarationList.declarations) {
      const init = d.initializer && unwrap(d.initializer);
      if (ts.isIdentifier(d.name) && init && ts.isNewExpression(init) && isStreamableHttpTransport(calleeName(init))) made.set(d.pos, { construction: init, name: d.name.text });
    }
  }
  // (A module that exports nothing has no importer to read.)
  if (made.size === 0 || !/\bexport\b|\bexports\b/.test(facts.sourceFile.text)) return [];
  const found: Array<{ construction: TS.NewExpression; name: string; to: string; inHandler?: true }> = [];
  for (const user of source.users(facts.modules!.path) ?? []) {
    // MCP code is read for itself, and reports it where it hands it on (handedHandleRequest).
    if (isMcpCode(user.sourceFile.text)) continue;
    // What an importer's name is, followed through `export { t }` and re-exporting barrels (read-through 62).
    const exportedHere = (receiver: TS.Node | undefined) => {
      const name = receiver && unwrap(receiver);
      const declared = name && ts.isIdentifier(name) && importOf(name) ? importedDeclaration(name, user.path, source) : undefined;
      return declared && declared.module.path === facts.modules!.path ? made.get(declared.decl.pos) : undefined;
    };
    moduleFacts(user, source).nodes.visit(HANDED_CALLS, (node) => {
      const callee = ts.isCallExpression(node) ? unwrap(node.expression) : undefined;
      if (callee && ts.isPropertyAccessExpression(callee) && callee.name.text === 'handleRequest') {
        const called = exportedHere(callee.expression);
        if (called) found.push({ ...called, to: user.path, inHandler: true });
        return;
      }
      const to = ts.isCallExpression(node) ? calleeName(node) : undefined;
      const registeredIn = to && TAKES_HANDLER.test(to) ? enclosingFunction(node) : undefined;
      if (!to || !TAKES_HANDLER.test(to) || (registeredIn && isRouteHandler(registeredIn))) return;
      for (const argument of (node as TS.CallExpression).arguments) {
        const handed = exportedHere(handleRequestOf(argument)?.expression);
        if (handed) found.push({ ...handed, to: `${to}() in ${user.path}` });
      }
    });
  }
  return found;
}

const HANDED_CALLS = kinds(ts.SyntaxKind.CallExpression);

/**
 * What a module that makes an HTTP server transport names, lower-cased (the SDK's, node's and
 * web-standard ones, @hono/mcp's): handedByImporters reads such a module's importers; the fix
 * runner's v1 hold asks the same of a module.
 */
export const TRANSPORT_KEYWORDS = ['httpservertransport', 'streamablehttptransport'];

/** The finding for a transport whose `handleRequest` is handed on as the request handler (handedHandleRequest, handedByImporters), at `node`. */
function handedReport(handed: { construction: TS.NewExpression; name: string; to: string; inHandler?: true }, node: TS.Node): Report {
  const stateless = builtStateless(handed.construction);
  const how = handed.inHandler ? `${handed.name}.handleRequest in a handler in ${handed.to}` : `${handed.name}.handleRequest handed to ${handed.to} as the request handler`;
  return {
    node,
    manual: true,
    ...(stateless ? { reasons: ['reused-transport' as const] } : {}),
    // state: the transport's name, which fix names when it holds the package back.
    state: [handed.name],
    message: builtOnceMessage(handed.name, how, stateless, { sdk: true, inHandler: handed.inHandler }),
  };
}

/** What a finding says of a transport each request assigns anew to a variable kept outside the request (reassignedBefore). */
function reassignedMessage(name: string): string {
  return `${name} gets a new transport on each request, but is held outside the request: concurrent requests overwrite it while one awaits, so a request may be served, or closed, on another's transport (under 2026-07-28 every call is a request of its own); make it a const of the handler`;
}

/**
 * What a finding says of one transport built once that every request goes through (`how`: where
 * they do). `sdk`: an SDK transport, which recent SDKs refuse to reuse; `inHandler`: served from a
 * handler of the code's own (build the transport there), not handed as the handler itself;
 * `perHandler`: a builder's, one per handler it returns.
 */
function builtOnceMessage(name: string, how: string, stateless: boolean, { sdk = false, inHandler = false, perHandler = false }: { sdk?: boolean; inHandler?: boolean; perHandler?: boolean }): string {
  if (!stateless) return `${name} is one transport built once, and every request goes through it (${how}): it holds a single session, so a second client is refused; ${inHandler ? 'build a stateless transport (and a server) per request' : 'serve each request from a handler that builds a stateless transport (and a server) per request'}`;
  const per = perHandler ? ' per handler its exported builder returns (callers that build the handler once, as a route module does, share it)' : '';
  const refused = sdk ? `recent SDKs refuse to reuse a stateless transport across requests${inHandler ? ' (older ones let it run)' : ''}, and ` : '';
  return `${name} is one stateless transport built once${per}, and every request goes through it (${how}): ${refused}concurrent requests that use the same JSON-RPC id get each other's answers; ${inHandler ? 'build the transport (and a server) in the handler, per request' : 'serve each request from a handler that builds the transport (and a server) per request'}`;
}

/** The `new ...Transport(...)` an imported name is another module's module-level const of. */
function importedConstruction(name: TS.Identifier, facts: SessionFacts): TS.NewExpression | undefined {
  const modules = facts.modules;
  if (!modules || !importOf(name)) return undefined;
  const value = moduleValue(name, facts.ownModule, modules.source);
  const made = value && unwrap(value.expression);
  return made && ts.isNewExpression(made) && isStreamableHttpTransport(calleeName(made)) ? made : undefined;
}

/**
 * `instance.start(transport)` in a request that serves with that transport, where `instance` is one
 * object of a class of this file made outside the request, and `start` connects the object's own
 * server to the transport it is handed (`await this.server.connect(transport)`): the same shared
 * server, behind a method (twilio's OpenAPI server). The message, when it is so.
 */
function connectsThroughMethod(call: TS.CallExpression, facts: SessionFacts): string | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(unwrap(callee.expression))) return undefined;
  if (!call.arguments.some((a) => ts.isIdentifier(unwrap(a)))) return undefined;
  const method = facts.callTarget(call);
  const index = method ? connectedParameter(method) : -1;
  const transport = index >= 0 && call.arguments[index] ? unwrap(call.arguments[index]) : undefined;
  if (!method || !transport || !ts.isIdentifier(transport)) return undefined;
  const fn = enclosingFunction(call);
  if (!fn || !inRequest(fn, transport).serves) return undefined;
  const instance = unwrap(callee.expression) as TS.Identifier;
  const decl = resolveIdentifier(instance);
  // Made outside the request (at module level, or by the code that sets up the routes).
  if (!decl || !ts.isVariableDeclaration(decl) || (decl.pos >= fn.pos && decl.end <= fn.end)) return undefined;
  const cls = enclosingClass(method)?.name?.text ?? 'object';
  return `${instance.text}.${callee.name.text}() connects the server of ${instance.text}, one ${cls} made outside the request, to a new transport in every request: ${ONE_TRANSPORT_AT_A_TIME}; build a new ${cls} per request`;
}

/** Per method: the index of the parameter it connects its own server to (`this.server.connect(transport)`), or -1. */
const connectedParameterMemo = new WeakMap<TS.Node, number>();

function connectedParameter(method: TS.FunctionLikeDeclaration): number {
  let index = connectedParameterMemo.get(method);
  if (index !== undefined) return index;
  index = -1;
  if (method.body) {
    walk(method.body, (n) => {
      if (index! >= 0) return false;
      if (!ts.isCallExpression(n) || calleeName(n) !== 'connect' || n.arguments.length !== 1 || !ts.isIdentifier(unwrap(n.arguments[0]))) return undefined;
      const target = unwrap(n.expression);
      const owner = ts.isPropertyAccessExpression(target) ? unwrap(target.expression) : undefined;
      if (!owner || !(owner.kind === ts.SyntaxKind.ThisKeyword || isThisMember(owner))) return undefined;
      const name = (unwrap(n.arguments[0]) as TS.Identifier).text;
      index = method.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === name);
      return undefined;
    });
  }
  connectedParameterMemo.set(method, index);
  return index;
}

/** A transport built with no options, or options with no session id generator (or `sessionIdGenerator: undefined`). */
function builtStateless(construction: TS.NewExpression): boolean {
  return statelessOptions(construction.arguments?.[0]);
}

/** Transport options that mint no session id: none, or an object literal whose generator is undefined or absent. */
function statelessOptions(argument: TS.Expression | undefined): boolean {
  const options = argument ? unwrap(argument) : undefined;
  if (!options) return true;
  if (!ts.isObjectLiteralExpression(options)) return false;
  const generator = options.properties.find((p) => propertyNameText(p.name as TS.PropertyName) === 'sessionIdGenerator');
  if (generator) return ts.isPropertyAssignment(generator) && isUndefinedValue(generator.initializer);
  // Options spread from elsewhere (`{ ...transportOptions }`) may hold a generator: stateless only
  // where each is an object literal of the file that holds none (trial 71B B5: a sessionful
  // transport built from another module's options was called stateless).
  return options.properties.every((p) => !ts.isSpreadAssignment(p) || statelessOptions(resolveInitializer(p.expression) ?? p.expression));
}

/** `this.transport` (also `this.transport!`). */
function isThisMember(node: TS.Node): node is TS.PropertyAccessExpression {
  return ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword;
}

/**
 * `this.transport.handleRequest(...)` in a route callback, where the field holds one transport
 * built outside any request: initialised with it, or assigned it in a method (`start()`, the
 * constructor) rather than in the route. Every request goes through that one transport.
 */
function sharedFieldTransport(call: TS.CallExpression, field: TS.PropertyAccessExpression): ReturnType<typeof sharedLocalTransport> {
  const handler = enclosingFunction(call);
  const cls = enclosingClass(call);
  if (!handler || !cls || !isRouteHandler(handler)) return undefined;
  const name = field.name.text;
  const construction = fieldTransport(cls, name);
  if (!construction) return undefined;
  return { construction, name: `this.${name}`, stateless: builtStateless(construction), sdk: isSdkStreamableHttpTransport(calleeName(construction)) };
}

/**
 * The HTTP transport a field of a class holds when it is built outside any request: the field's
 * initializer, or an assignment in a method (`start()`, the constructor). Undefined when a route
 * callback assigns it (one per request).
 */
function fieldTransport(cls: TS.ClassLikeDeclaration, name: string): TS.NewExpression | undefined {
  return fieldBuilt(cls, name, (built) => isStreamableHttpTransport(built));
}

/** The construction a field of a class holds (its initializer, or `this.name = new X()` outside a route's callback) of a class `built` accepts. */
function fieldBuilt(cls: TS.ClassLikeDeclaration, name: string, built: (className: string | undefined) => boolean): TS.NewExpression | undefined {
  let construction: TS.NewExpression | undefined;
  let perRequest = false;
  walk(cls, (n) => {
    if (perRequest) return false;
    let value: TS.Node | undefined;
    if (ts.isPropertyDeclaration(n) && propertyNameText(n.name) === name && n.initializer) value = n.initializer;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && isThisMember(unwrap(n.left)) && (unwrap(n.left) as TS.PropertyAccessExpression).name.text === name) {
      value = n.right;
      // Assigned in a route's callback: one per request.
      const at = enclosingFunction(n);
      if (at && isRouteHandler(at)) perRequest = true;
    }
    const v = value && unwrap(value);
    if (v && ts.isNewExpression(v) && built(calleeName(v))) construction ??= v;
    return undefined;
  });
  return perRequest ? undefined : construction;
}

/** HTTP transports of other packages that run their own server and serve all requests through one instance. */
const SELF_SERVING_TRANSPORTS: Record<string, RegExp> = { RestServerTransport: /^@chatmcp\/sdk(\/|$)/ };

/** The construction of such a transport a `connect()` argument is (or names). */
function selfServingTransport(arg: TS.Node): TS.NewExpression | undefined {
  const value = resolveInitializer(arg) ?? unwrap(arg);
  if (!ts.isNewExpression(value)) return undefined;
  const bound = moduleExportOf(unwrap(value.expression));
  return bound && Object.hasOwn(SELF_SERVING_TRANSPORTS, bound.exported) && SELF_SERVING_TRANSPORTS[bound.exported].test(bound.module) ? value : undefined;
}

/**
 * Whether every use of a function, in its file and in the run's modules that import it, calls it to
 * connect what it returns to a StdioServerTransport (`getServer().connect(new StdioServerTransport())`,
 * or through a const). A getter that keeps one server is right there: a stdio process serves one
 * client (review 85 point 3: `if (!cached) cached = buildServer(); return cached` was warned
 * about). Not one used nowhere the run sees, handed on as a value (`createMcpHandler(getServer)`),
 * or whose server is connected to another transport or handed to a function.
 */
function connectsStdioOnly(fn: TS.FunctionLikeDeclaration, facts: SessionFacts): boolean {
  const decl = ts.isFunctionDeclaration(fn) ? fn : ts.isVariableDeclaration(fn.parent) && fn.parent.initializer === fn ? fn.parent : undefined;
  if (!decl?.name || !ts.isIdentifier(decl.name)) return false;
  const uses: TS.Node[] = [...referencesTo(fn.getSourceFile(), decl as Declaration & { name: TS.Identifier }), ...callsFromOtherModules(fn, facts).map(({ call }) => call.expression)];
  return uses.length > 0 && uses.every((use) => ts.isCallExpression(use.parent) && use.parent.expression === use && connectedOverStdio(use.parent));
}

/** Whether a server expression is connected to a StdioServerTransport and nothing else: `<it>.connect(new StdioServerTransport())`, or a const it initialises whose every use is a member of it. */
function connectedOverStdio(server: TS.Expression): boolean {
  let at: TS.Node = server;
  while (ts.isAwaitExpression(at.parent) || ts.isParenthesizedExpression(at.parent) || ts.isNonNullExpression(at.parent) || ts.isAsExpression(at.parent)) at = at.parent;
  const parent = at.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === at) return stdioConnect(parent) === true;
  if (!ts.isVariableDeclaration(parent) || parent.initializer !== at || !ts.isIdentifier(parent.name) || !isConstDeclaration(parent)) return false;
  const members = referencesTo(parent.getSourceFile(), parent as Declaration & { name: TS.Identifier }).map((ref) => (ts.isPropertyAccessExpression(ref.parent) && ref.parent.expression === ref ? stdioConnect(ref.parent) : false));
  return members.includes(true) && !members.includes(false);
}

/** For `x.connect(...)`: whether its transport is a StdioServerTransport (built there or held in a const); undefined for another member of `x`. */
function stdioConnect(access: TS.PropertyAccessExpression): boolean | undefined {
  if (access.name.text !== 'connect') return undefined;
  const call = access.parent;
  const arg = ts.isCallExpression(call) && call.expression === access ? call.arguments[0] : undefined;
  const transport = arg && (ts.isIdentifier(unwrap(arg)) ? resolveInitializer(arg) : unwrap(arg));
  return !!transport && ts.isNewExpression(transport) && calleeName(transport) === 'StdioServerTransport';
}

/** One module-level server connected to a new transport in every request. */
export const sharedServer: CodeRule = {
  target: 'code',
  id: 'shared-server',
  category: 'shared-server',
  severity: 'error',
  title: 'One server or transport instance used for every request',
  why:
    'Stateless serving builds a transport per request and connects a server to it. An SDK server holds one connected transport at ' +
    'a time: connecting the same module-level server in every request makes concurrent requests fail ("Already connected") or ' +
    'answer on one another\'s streams, which a load test finds and a single-user test does not. Each request needs its own server ' +
    '(createMcpHandler takes a factory for this reason). The same holds for one transport built once and used by every request: ' +
    'recent SDKs refuse to reuse a stateless transport (older ones mix concurrent answers up), and a sessionful one serves a single session.',
  fix: { codemod: 'server-factory', manual: 'Build the server in a function that registers the tools, and call it per request with a new transport (or pass it to createMcpHandler).' },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['handlerequest', ...TRANSPORT_KEYWORDS, 'new server(', 'new mcpserver(', 'new sseservertransport(', 'restservertransport', 'implements transport'],
  check(file, report) {
    const reportedTransports = new Set<TS.Node>();
    // Only a file that builds SDK servers can cache one: in the function that builds it, or in one
    // that calls a function of the file that does (`cached ??= buildServer()`, trial 66B B1).
    const buildsServers = BUILDS_SERVER.test(file.text);
    file.facts.nodes.visit(VISITED, (node) => {
      if (isFunctionLike(node)) {
        const kept = buildsServers && node.body ? cachedServer(node, file.facts) : undefined;
        // (Not one every use of which connects it over stdio: one process, one client, review 85.)
        const name = kept && !connectsStdioOnly(node, file.facts) ? functionNameNode(node) : undefined;
        if (kept && name) {
          // state: the getter's name, which fix looks for in the files that call it.
          report({
            node: name,
            message: `${name.getText()}() hands out one server, kept in ${kept} after the first call: if each request or session connects it to a transport of its own, ${ONE_TRANSPORT_AT_A_TIME}; build a new server on every call`,
            severity: 'warning',
            manual: true,
            state: [name.getText()],
          });
        }
        return;
      }
      // `createServer(transport.handleRequest.bind(transport))`: the method itself is every request's handler (trial 18B).
      const handed = ts.isCallExpression(node) ? handedHandleRequest(node, file.facts) : undefined;
      if (handed && !reportedTransports.has(handed.construction)) {
        reportedTransports.add(handed.construction);
        report(handedReport(handed, handed.at));
        return;
      }
      // (What a call serves through, found once for both tests below.)
      const target = ts.isCallExpression(node) ? handleRequestTarget(node) : undefined;
      const throughOne = target ? sharedTransport(node as TS.CallExpression, file.facts, target) : undefined;
      if (throughOne) {
        // (One finding per variable a factory's transport is held in: the factory's `new` may make others.)
        const key = throughOne.source ?? throughOne.construction;
        if (!reportedTransports.has(key)) {
          reportedTransports.add(key);
          if ('reassigned' in throughOne && throughOne.reassigned) {
            report({ node: throughOne.at ?? throughOne.construction, manual: true, state: [throughOne.name], message: reassignedMessage(throughOne.name) });
            return;
          }
          report({
            node: throughOne.at ?? throughOne.construction,
            // One stateless SDK transport built once: stateless-transport builds it (and its server) per request
            // (called directly: not through `.call`, a bound const or a destructured one, which it does not follow).
            ...(throughOne.stateless && throughOne.sdk && !throughOne.indirect ? { codemod: 'stateless-transport' } : { manual: true }),
            ...(throughOne.stateless ? { reasons: ['reused-transport' as const] } : {}),
            state: [throughOne.name],
            // (A builder's transport whose callers the run does not see: shared if they build the handler once, as a route module does.)
            ...(throughOne.unseen ? { severity: 'warning' as const } : {}),
            message: builtOnceMessage(throughOne.name, `${throughOne.name}.handleRequest in a handler${throughOne.factory ? `, ${throughOne.name} made by one call of ${throughOne.factory}()` : throughOne.handedTo ? ` that ${throughOne.handedTo}() registers, handed ${throughOne.name} once` : ''}`, throughOne.stateless, { sdk: throughOne.sdk, inHandler: true, perHandler: throughOne.unseen }),
          });
        }
        return;
      }
      // One stateless transport per key of a map (per user, per tenant), reused by that key's requests.
      const perKey = target ? keptPerKey(node as TS.CallExpression, file.facts, target) : undefined;
      if (perKey && !reportedTransports.has(perKey.construction)) {
        reportedTransports.add(perKey.construction);
        report({
          node: perKey.construction,
          manual: true,
          reasons: ['reused-transport'],
          state: [perKey.name],
          message: `${perKey.name} is a stateless transport kept in ${perKey.map} per key (${perKey.key}), and every request with that key goes through it (${perKey.name}.handleRequest in a handler): ${perKey.sdk ? 'recent SDKs refuse to reuse a stateless transport across requests (the v2 packages fail every request after the first), and ' : ''}concurrent requests with one key that use the same JSON-RPC id get each other's answers; build the transport (and a server) in the handler, per request, and drop ${perKey.map}`,
        });
        return;
      }
      // The v2 SDK's createMcpHandler(factory) calls the factory once per HTTP request, and needs a new
      // server from every call: one it returned before and that is still serving makes the request fail.
      if (ts.isCallExpression(node) && calleeName(node) === 'createMcpHandler' && ts.isIdentifier(node.expression) && V2_SERVER.test(importOf(node.expression)?.module ?? '')) {
        const kept = keptByFactory(node.arguments[0], file.facts);
        if (kept) {
          report({
            node,
            manual: true,
            message: `${kept.server.getText()} is ${kept.shared}, returned by the factory handed to createMcpHandler(): the handler calls the factory once per HTTP request and needs a new server from each call, so a request that arrives while another is being served fails ("still serving another request"); build the server in the factory (\`createMcpHandler(() => buildServer())\`)`,
          });
        }
        return;
      }
      // `createMcpHandler(server)(request, env, ctx)` in every request, handed one server (agents'
      // legacy overload): it connects the server on each call, and a server holds one connection.
      if (ts.isCallExpression(node) && calleeName(node) === 'createMcpHandler' && node.arguments.length > 0 && ts.isIdentifier(unwrap(node.arguments[0]))) {
        const server = unwrap(node.arguments[0]);
        const fn = enclosingFunction(node);
        // agents' createMcpHandler takes a server instance (no factory) and connects it on every request its handler serves.
        const agents = /^agents(\/|$)/.test(importOf(node.expression as TS.Identifier)?.module ?? '');
        const advice = agents
          ? "build the server and its handler in the request (`createMcpHandler(buildServer(), options)(request, env, ctx)`): agents' createMcpHandler takes a server instance, not a function that builds one"
          : 'hand createMcpHandler a function that builds the server, or build one per request';
        if (!fn && agents && file.facts.receiverKind(server) === 'server' && isModuleVariable(resolveIdentifier(server as TS.Identifier))) {
          // `const handler = createMcpHandler(server)` once for the isolate: its handler connects that one server on every request.
          report({ node, manual: true, message: `${server.getText()} is one server for the whole isolate, handed to createMcpHandler() once: agents' handler connects it on every request it serves, and a server holds one connection ("Server is already connected" from the second request on); ${advice}` });
          return;
        }
        const shared = fn && file.facts.receiverKind(server) === 'server' ? outlivesRequest(server, fn, file.facts) : undefined;
        if (shared) report({ node, manual: true, message: `${server.getText()} is ${shared}, handed to createMcpHandler() in every request: the handler connects it each time, and a server holds one connection ("Server is already connected" from the second request on); ${advice}` });
        return;
      }
      // A transport of another package that runs an HTTP server of its own and serves every request
      // through its one instance (@chatmcp/sdk's RestServerTransport), connected to one server.
      if (ts.isCallExpression(node) && calleeName(node) === 'connect' && node.arguments.length === 1) {
        const construction = selfServingTransport(node.arguments[0]);
        if (construction && !reportedTransports.has(construction)) {
          reportedTransports.add(construction);
          report({
            node: construction,
            manual: true,
            message: `${calleeName(construction)} (@chatmcp/sdk) runs its own HTTP server and answers every request of every client through this one transport and the one server connected to it: it matches answers to waiting requests by JSON-RPC id alone, so two clients sending the same id get each other's answers, and the server keeps the handshake of whichever client initialized last; serve Streamable HTTP with a stateless transport and a server built per request`,
          });
        }
      }
      if (ts.isCallExpression(node) && calleeName(node) !== 'connect') {
        const wrapper = connectsThroughMethod(node, file.facts);
        if (wrapper) report({ node, message: wrapper, manual: true });
        return;
      }
      if (!ts.isCallExpression(node) || calleeName(node) !== 'connect' || node.arguments.length !== 1) return;
      const callee = unwrap(node.expression);
      const transport = unwrap(node.arguments[0]);
      if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(transport)) return;
      const fn = enclosingFunction(node);
      if (!fn) return;
      const receiver = unwrap(callee.expression);
      const request = inRequest(fn, transport, receiver.getText());
      // A helper that connects and hands the transport back to the request that serves it (`const t = await connected(server); t.handleRequest(...)`).
      if (!request.serves && servedByCaller(fn as TS.FunctionLikeDeclaration, transport, file.facts)) request.serves = true;
      // An SSE client's stream is served by the transport connected here; its messages reach handlePostMessage in another route.
      const stream = request.serves ? undefined : streamTransportBuiltIn(fn, transport);
      // A transport the function builds for a new session and files under its id (onsessioninitialized),
      // handed back to the code that serves it (a session manager's createSession(), trial 68B B3).
      const session = request.serves || stream ? false : filedPerSession(fn, transport);
      // A library that checks the connection first refuses a shared server; a server replaced in the request is its own.
      if (!(request.serves || stream || session) || request.checks || request.replaces) return;
      // One stream at a time on purpose: the route closes the server's last connection before this one.
      if (stream && closedBefore(fn, receiver.getText(), node)) return;
      // One request at a time on purpose: a promise chain or a mutex serialises them.
      if (serialised(node)) return;
      // Connected to one transport built outside the request (`if (!connected) { await
      // server.connect(transport); connected = true }`, or one another module exports): no new
      // transport per request; what every request shares is that transport, which its own finding
      // reports (trials 29B, 31A).
      if (request.serves && (sharedLocalTransport(node, transport, file.facts) ?? importedTransport(node, transport, file.facts))) return;
      // Connected once where the routes are set up (main() building one transport that the route
      // handlers it registers serve, trial 32A): the same, said of that transport.
      if (request.serves && servedByNestedRoutes(fn, transport)) return;
      const shared = outlivesRequest(receiver, fn, file.facts, transport);
      // A server declared at module level is what server-factory turns into a factory; the other shapes (a field, a parameter, an import) are manual.
      const declared = ts.isIdentifier(receiver) ? resolveIdentifier(receiver) : undefined;
      const moduleLevel = isModuleVariable(declared);
      // An instance of the application's own subclass (`new Toolkit()`, its tools registered in its
      // constructor): building one per request is the fix, and server-factory moves only SDK servers' setup.
      const built = declared && ts.isVariableDeclaration(declared) && declared.initializer ? unwrap(declared.initializer) : undefined;
      const subclass = built && ts.isNewExpression(built) && !SERVER_CLASS.test(calleeName(built) ?? '') ? calleeName(built) : undefined;
      // Through an object of another module this file cannot see (a getter may build a server per call): a warning.
      const seen = shared && !shared.startsWith(IMPORTED_HOLDER) && !shared.startsWith(HANDED_BY_OTHERS);
      const getter = ts.isCallExpression(receiver) ? heldByGetter(receiver, file.facts)?.getter : undefined;
      const factory = subclass || getter ? undefined : serverFactoryName(receiver);
      const perRequest = subclass
        ? `build a new ${subclass} per request (its constructor registers the tools)`
        : getter
          ? `make ${getter}() build a new server on every call (it hands out the same one each time)`
          : factory
          ? factoryPerRequest(factory)
          : shared?.startsWith(HANDED_BY_OTHERS)
            ? 'take the function that builds the server (its factory) in its place, and call it per request'
            : 'build a server per request';
      const message = stream
        ? `${receiver.getText()} is ${shared}, connected to the new ${stream.kind === 'sse' ? 'SSE transport' : `${stream.name} (a transport of this file)`} of every client stream: the SDK refuses a second connect() ("Already connected"), and older SDKs answered one client's requests on another's stream; ${perRequest} (per stream until then)`
        : session
          ? `${receiver.getText()} is ${shared}, connected to the new transport of every session ${functionNameNode(fn as TS.FunctionLikeDeclaration)?.getText() ?? 'this function'}() makes (its onsessioninitialized files each one under its session id): the SDK refuses a second connect() ("Already connected"), and older SDKs answered one session's requests on another's transport; ${perRequest} (per session until then)`
          : `${receiver.getText()} is ${shared}, connected to a new transport in every request: ${ONE_TRANSPORT_AT_A_TIME}; ${perRequest}`;
      if (shared) report({ node, message, state: [receiver.getText()], reasons: [stream ? 'connect-per-stream' : 'connect-per-request'], ...(moduleLevel && !subclass ? { codemod: 'server-factory' } : { manual: true }), ...(seen ? {} : { severity: 'warning' as const }) });
    });
    // A transport made here that an importing module hands on as its request handler.
    for (const handed of handedByImporters(file.facts)) {
      if (reportedTransports.has(handed.construction)) continue;
      reportedTransports.add(handed.construction);
      report(handedReport(handed, handed.construction));
    }
  },
};
