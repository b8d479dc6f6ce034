import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { calleeName, calleeReceiver, constantString, enclosingClass, enclosingFunction, functionNameNode, isConstDeclaration, isFunctionLike, isModuleVariable, isValueReference, iterated, outermost, LISTENS, listenerLabel, propertyNameText, referencesTo, resolveFunction, resolveIdentifier, returnedExpressions, TIMERS, unwrap, walk, importOf } from '../analysis/ast.js';
import { kinds } from '../analysis/nodes.js';
import { typeTextOf } from '../analysis/module-state.js';
import { comparedMethod, comparedPath, handedToCall, MCP_ROUTE_PATH, MCP_WORK, ROUTE_METHOD, routeCallOf, routeLabel, routePath, runBy } from '../analysis/routes.js';
import type { SessionFacts } from '../analysis/session.js';
import { pushesOutsideRequest } from './stateful-tool.js';
import { SPEC, type CodeRule } from './types.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.CallExpression);

/** Calls that push a message through a transport or server: `t.send(msg)`, `s.notification(msg)`, `s.sendNotification(msg)`. */
const PUSHES = /^(send|notification|sendNotification)$/;

/** What a kept collection holds, by its declared type or what it is filled with. */
const HELD = /\b\w*(ServerTransport|Transport)\b|\bMcpServer\b/;

/** The declaration of a collection kept beyond one request: a module-level variable, or a field of a class (`this.transports`). */
function keptDeclaration(collection: TS.Expression): TS.VariableDeclaration | TS.PropertyDeclaration | undefined {
  const c = unwrap(collection);
  if (ts.isIdentifier(c)) {
    const decl = resolveIdentifier(c);
    return isModuleVariable(decl) ? decl : undefined;
  }
  if (ts.isPropertyAccessExpression(c) && c.expression.kind === ts.SyntaxKind.ThisKeyword) {
    return enclosingClass(c)?.members.find((m): m is TS.PropertyDeclaration => ts.isPropertyDeclaration(m) && propertyNameText(m.name) === c.name.text);
  }
  return undefined;
}

/**
 * Whether a kept collection holds transports or servers, by its declared type or its initializer's
 * type arguments, or records of a type the file declares with one in it (`Map<string, Session>`).
 * Where the push goes through a field of such a record (`session.server`), that field must be the
 * one: by its declared type, or by its name where the record's type does not say
 * (`session.ws.send(...)` on a record that also holds a transport is some other socket).
 */
function holdsTransports(decl: TS.VariableDeclaration | TS.PropertyDeclaration, facts: SessionFacts, field?: string): boolean {
  const typed = `${typeTextOf(decl)} ${decl.initializer && ts.isAsExpression(decl.initializer) ? decl.initializer.type.getText() : ''}`;
  const records = (typed.match(/\b[A-Z]\w*/g) ?? []).map((name) => facts.localTypes.get(name) ?? '');
  if (field === undefined) return HELD.test(typed) || records.some((body) => HELD.test(body));
  const declared = [typed, ...records].map((text) => new RegExp(`\\b${field}\\??\\s*:\\s*([^;,}\\n]+)`).exec(text)?.[1]).find((type) => type !== undefined);
  return declared !== undefined ? HELD.test(declared) : /server|transport/i.test(field) && (HELD.test(typed) || records.some((body) => HELD.test(body)));
}

/** The loop `for (const x of X)` that declares a variable, if it is one. */
function forOfOf(decl: TS.VariableDeclaration): TS.ForOfStatement | undefined {
  const list = decl.parent;
  return ts.isVariableDeclarationList(list) && ts.isForOfStatement(list.parent) && list.parent.initializer === list ? list.parent : undefined;
}

/** A kept collection a receiver comes from, and the field of its element the push goes through (`session.server`), if any. */
interface KeptElement {
  collection: TS.Expression;
  field?: string;
}

/**
 * The kept collection a receiver is an element of: the variable of a `for (const t of X)` loop, the
 * parameter of `X.forEach((t) => ...)`, `X.get(id)` or `X[id]` (directly, or the const holding it),
 * a map's value in `for (const [id, t] of X)`; or a field of such an element (`session.server`,
 * `for (const { server } of X)`).
 */
function keptElementOf(receiver: TS.Expression): KeptElement | undefined {
  const r = unwrap(receiver);
  if (ts.isCallExpression(r) && calleeName(r) === 'get' && ts.isPropertyAccessExpression(unwrap(r.expression))) return { collection: (unwrap(r.expression) as TS.PropertyAccessExpression).expression };
  if (ts.isElementAccessExpression(r)) return { collection: r.expression };
  // A field of a kept record (`session.server`, `session.server.server`): the first field after the element.
  if (ts.isPropertyAccessExpression(r) && r.expression.kind !== ts.SyntaxKind.ThisKeyword) {
    const element = keptElementOf(r.expression);
    return element && { collection: element.collection, field: element.field ?? r.name.text };
  }
  if (!ts.isIdentifier(r)) return undefined;
  const decl = resolveIdentifier(r);
  if (!decl) return undefined;
  if (ts.isVariableDeclaration(decl)) {
    const loop = forOfOf(decl);
    if (loop) return { collection: iterated(loop.expression) };
    return decl.initializer ? keptElementOf(decl.initializer) : undefined;
  }
  // `for (const [id, t] of X)`: the value of a map's entry; `for (const { server } of X)`: a record's field.
  if (ts.isBindingElement(decl) && ts.isVariableDeclaration(decl.parent.parent)) {
    const loop = forOfOf(decl.parent.parent);
    if (loop && ts.isObjectBindingPattern(decl.parent)) return { collection: iterated(loop.expression), field: propertyNameText(decl.propertyName) ?? (decl.name as TS.Identifier).text };
    if (loop && decl.parent.elements.indexOf(decl) === 1) return { collection: iterated(loop.expression) };
  }
  if (ts.isParameter(decl) && decl.parent.parameters[0] === decl && isFunctionLike(decl.parent)) {
    const call = decl.parent.parent;
    if (ts.isCallExpression(call) && call.arguments[0] === decl.parent && calleeName(call) === 'forEach') return { collection: iterated(calleeReceiver(call)!) };
  }
  return undefined;
}

/**
 * The calls of the file's function a push's receiver is a parameter of (`notify(t, ...)` whose body
 * does `t.send(...)`), with what each hands it (SessionFacts.callSitesOf: found once per file).
 */
function handedTo(receiver: TS.Expression, facts: SessionFacts): { call: TS.CallExpression; argument: TS.Expression }[] {
  const r = unwrap(receiver);
  const decl = ts.isIdentifier(r) ? resolveIdentifier(r) : undefined;
  if (!decl || !ts.isParameter(decl) || !ts.isIdentifier(decl.name) || !isFunctionLike(decl.parent)) return [];
  const fn = decl.parent;
  const index = fn.parameters.indexOf(decl);
  return facts.callSitesOf(fn).flatMap((call) => (call.arguments[index] ? [{ call, argument: call.arguments[index] }] : []));
}

/**
 * `await t.handleRequest(...)` earlier in the block of `t.send(message)`, where `t` is a transport
 * the same function builds (`new ...Transport(...)`), and the send names no request it relates to
 * (no `relatedRequestId` option): the text of that handleRequest call's head, else undefined.
 */
function answeredBefore(send: TS.CallExpression, receiver: TS.Expression): string | undefined {
  const r = unwrap(receiver);
  const decl = ts.isIdentifier(r) ? resolveIdentifier(r) : undefined;
  const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
  if (!init || !ts.isNewExpression(init) || !/Transport$/.test(calleeName(init) ?? '') || enclosingFunction(decl!) !== enclosingFunction(send)) return undefined;
  const options = send.arguments[1] && unwrap(send.arguments[1]);
  if (options && (!ts.isObjectLiteralExpression(options) || options.properties.some((p) => !p.name || propertyNameText(p.name as TS.PropertyName) === 'relatedRequestId'))) return undefined;
  let statement: TS.Node = send;
  while (statement.parent && !ts.isBlock(statement.parent)) statement = statement.parent;
  const block = statement.parent;
  if (!block || !ts.isBlock(block)) return undefined;
  const index = block.statements.indexOf(statement as TS.Statement);
  for (const earlier of block.statements.slice(0, index)) {
    const expr = ts.isExpressionStatement(earlier) ? unwrap(earlier.expression) : undefined;
    const call = expr && ts.isAwaitExpression(expr) ? unwrap(expr.expression) : expr;
    if (call && ts.isCallExpression(call) && calleeName(call) === 'handleRequest' && calleeReceiver(call) && ts.isIdentifier(unwrap(calleeReceiver(call)!)) && resolveIdentifier(unwrap(calleeReceiver(call)!) as TS.Identifier) === decl) {
      return `${unwrap(call.expression).getText()}()`;
    }
  }
  return undefined;
}

/** Whether stateful-tool reports this push already: it sits in a callback handed to a listener, setInterval or a file watcher that pushes (pushesOutsideRequest). */
function reportedByStatefulTool(at: TS.Node, facts: SessionFacts): boolean {
  for (let fn: TS.FunctionLikeDeclaration | undefined = enclosingFunction(at); fn; fn = enclosingFunction(fn)) {
    const holder = fn.parent;
    if (ts.isCallExpression(holder) && holder.arguments.includes(fn as TS.Expression) && pushesOutsideRequest(facts, holder)) return true;
  }
  return false;
}

/** The method of the message a push sends, when written out (`{ method: 'ide/contextUpdate', ... }`). */
function pushedMethod(call: TS.CallExpression): string | undefined {
  const first = call.arguments[0] && unwrap(call.arguments[0]);
  let object: TS.Node | undefined = first;
  if (object && ts.isIdentifier(object)) {
    const decl = resolveIdentifier(object);
    object = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
  }
  // Checked on its way (`NotificationSchema.parse({ method: ... })`).
  if (object && ts.isCallExpression(object) && object.arguments.length === 1) object = unwrap(object.arguments[0]);
  if (!object || !ts.isObjectLiteralExpression(object)) return undefined;
  const method = object.properties.find((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'method');
  return method ? constantString(method.initializer) : undefined;
}

/** Calls that write to a response or an SSE stream by hand: `res.write(...)`, Hono's `stream.writeSSE({ data })`. */
const WRITES = /^(write|writeSSE)$/;

/** `{ jsonrpc: '2.0', method: 'notifications/...' }` with no `id`: a JSON-RPC notification's method, else undefined. */
function notificationMethod(object: TS.ObjectLiteralExpression): string | undefined {
  let jsonrpc = false;
  let method: string | undefined;
  for (const p of object.properties) {
    if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
    const name = propertyNameText(p.name);
    if (name === 'id') return undefined;
    const value = ts.isPropertyAssignment(p) ? p.initializer : p.name;
    if (name === 'jsonrpc') jsonrpc = constantString(value) === '2.0';
    if (name === 'method') method = constantString(value);
  }
  return jsonrpc && method?.startsWith('notifications/') ? method : undefined;
}

/**
 * The method of the JSON-RPC notification a write's payload carries: an object literal in it
 * (`JSON.stringify({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' })`), in the const
 * it names, or in what reaches the parameter it names: the value an rxjs pipe's last `map` returns
 * to `subscribe((notification) => ...)` (trial 59B B1, a NestJS gateway's controller), or what
 * the file emits to a listener (`bus.emit('changed', message)` for `bus.on('changed', (m) => ...)`).
 */
function writtenNotification(payload: TS.Node, facts: SessionFacts, depth = 0): string | undefined {
  let found: string | undefined;
  walk(payload, (n) => {
    if (found !== undefined) return false;
    if (ts.isObjectLiteralExpression(n)) found = notificationMethod(n);
    else if (ts.isIdentifier(n) && depth < 3 && isValueReference(n)) found = notificationReaching(n, facts, depth + 1);
    return undefined;
  });
  return found;
}

/**
 * writtenNotification of what an identifier holds: a const's initializer, what a callback's
 * parameter is handed, or what the file's calls hand a function's parameter (`broadcast({ jsonrpc:
 * '2.0', method: 'notifications/tools/list_changed' })` for `broadcast(msg)`, trial 61B B2).
 */
function notificationReaching(identifier: TS.Identifier, facts: SessionFacts, depth: number): string | undefined {
  const decl = resolveIdentifier(identifier);
  if (decl && ts.isVariableDeclaration(decl)) return decl.initializer ? writtenNotification(decl.initializer, facts, depth) : undefined;
  if (!decl || !ts.isParameter(decl) || !isFunctionLike(decl.parent)) return undefined;
  const callback = decl.parent;
  const index = callback.parameters.indexOf(decl);
  // Handed over inline or by name (`catalog.on('changed', relay)`).
  const holder = handedToCall(callback, (call) => calleeName(call) === 'subscribe' || LISTENS.test(calleeName(call) ?? ''));
  const name = holder && calleeName(holder);
  const source = holder && calleeReceiver(holder) && unwrap(calleeReceiver(holder)!);
  if (!holder) return facts.callSitesOf(callback).map((call) => call.arguments[index] && writtenNotification(call.arguments[index], facts, depth)).find((m) => !!m) || undefined;
  if (!source) return undefined;
  const handed = (argument: TS.Expression | undefined) => !!argument && (unwrap(argument) === callback || resolveFunction(argument) === callback);
  // `source$.pipe(..., map(() => ({ jsonrpc: '2.0', method }))).subscribe((notification) => ...)`.
  if (name === 'subscribe' && index === 0 && handed(holder.arguments[0]) && ts.isCallExpression(source) && calleeName(source) === 'pipe') {
    const last = source.arguments[source.arguments.length - 1];
    const mapper = last && ts.isCallExpression(unwrap(last)) && calleeName(unwrap(last) as TS.CallExpression) === 'map' ? (unwrap(last) as TS.CallExpression).arguments[0] : undefined;
    const fn = mapper && unwrap(mapper);
    return fn && isFunctionLike(fn) ? returnedExpressions(fn).map((e) => writtenNotification(e, facts, depth)).find((m) => m !== undefined) : undefined;
  }
  // `bus.on('changed', (message) => ...)` and the file's `bus.emit('changed', message)`, `subject.subscribe((m) => ...)` and its `subject.next(m)`.
  const listens = name !== undefined && LISTENS.test(name) && handed(holder.arguments[1]);
  if (!listens && !(name === 'subscribe' && handed(holder.arguments[0]))) return undefined;
  const event = listens ? constantString(holder.arguments[0]) : undefined;
  if (listens && event === undefined) return undefined;
  const emitter = source.getText();
  let found: string | undefined;
  walk(holder.getSourceFile(), (n) => {
    if (found !== undefined) return false;
    if (!ts.isCallExpression(n) || calleeName(n) !== (listens ? 'emit' : 'next') || calleeReceiver(n)?.getText() !== emitter) return undefined;
    if (listens && constantString(n.arguments[0]) !== event) return undefined;
    const handed = n.arguments[listens ? index + 1 : index];
    if (handed) found = writtenNotification(handed, facts, depth);
    return undefined;
  });
  return found;
}

/** `'text/event-stream'`, also with parameters (`; charset=utf-8`). */
const EVENT_STREAM = /^text\/event-stream\b/i;

/**
 * Whether code answers with an event stream by hand: sets the Content-Type to text/event-stream
 * (`res.setHeader('Content-Type', ...)`, `c.header(...)`, `res.type(...)`, Koa's `ctx.type = ...`, or in an object of
 * headers: `res.writeHead(200, { 'Content-Type': ... })`, `new Response(body, { headers })`), or
 * opens one with Hono's `streamSSE(c, ...)`. An `Accept: text/event-stream` is a request's, not this.
 */
function answersEventStream(scope: TS.Node): boolean {
  let found = false;
  walk(scope, (n) => {
    if (found) return false;
    if (ts.isPropertyAssignment(n)) found = /^content-type$/i.test(propertyNameText(n.name) ?? '') && EVENT_STREAM.test(constantString(n.initializer) ?? '');
    else if (ts.isCallExpression(n)) {
      const [first, second] = n.arguments;
      found =
        calleeName(n) === 'streamSSE' ||
        (second !== undefined && /^content-type$/i.test(constantString(first) ?? '') && EVENT_STREAM.test(constantString(second) ?? '')) ||
        (n.arguments.length === 1 && /^(type|contentType)$/.test(calleeName(n) ?? '') && EVENT_STREAM.test(constantString(first) ?? ''));
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left)) {
      // Koa's `ctx.type = 'text/event-stream'` (review 77).
      found = /^(type|contentType)$/.test(n.left.name.text) && EVENT_STREAM.test(constantString(n.right) ?? '');
    }
    return undefined;
  });
  return found;
}

/** A NestJS handler's `@Get(...)` decorator, if the method has one. */
function getDecorator(fn: TS.FunctionLikeDeclaration): TS.Decorator | undefined {
  if (!ts.isMethodDeclaration(fn)) return undefined;
  return (ts.getDecorators(fn) ?? []).find((d) => (ts.isCallExpression(d.expression) ? calleeName(d.expression) : d.expression.getText()) === 'Get');
}

/** Members of a handler's parameter that are its response itself: Fastify's `reply.raw`, Koa's `ctx.res`, Express's `req.res`. */
const RAW_RESPONSE = /^(raw|res)$/;

/** The parameter a write goes to: the stream itself, or the raw response of it (`reply.raw`). */
interface WrittenParameter {
  parameter: TS.ParameterDeclaration;
  raw: boolean;
}

/**
 * The parameter a write's receiver is (`res`, `stream`), or whose raw response it is (`reply.raw`,
 * `ctx.res`), also through a const bound to one (`const out = reply.raw`). Undefined for anything
 * else: a child process's stdin or a socket is no stream a handler answers (review 76 point 3, a
 * stdio bridge finishing its child's handshake from its GET handler).
 */
function writtenParameter(receiver: TS.Expression, depth = 0): WrittenParameter | undefined {
  let r = unwrap(receiver);
  const raw = ts.isPropertyAccessExpression(r) && RAW_RESPONSE.test(r.name.text);
  if (raw) r = unwrap((r as TS.PropertyAccessExpression).expression);
  if (!ts.isIdentifier(r)) return undefined;
  const decl = resolveIdentifier(r);
  if (decl && ts.isParameter(decl) && isFunctionLike(decl.parent)) return { parameter: decl, raw };
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !isConstDeclaration(decl) || depth >= 3) return undefined;
  const bound = writtenParameter(decl.initializer, depth + 1);
  if (bound) return { parameter: bound.parameter, raw: raw || bound.raw };
  // A stream the handler makes and answers with (Koa's `const stream = new PassThrough(); ctx.body =
  // stream`, review 77): the parameter whose body it becomes, as its raw response.
  const answered = decl.name && ts.isIdentifier(decl.name) ? referencesTo(decl.getSourceFile(), decl as TS.VariableDeclaration & { name: TS.Identifier }).find((ref) => {
    const set = outermost(ref).parent;
    return ts.isBinaryExpression(set) && set.operatorToken.kind === ts.SyntaxKind.EqualsToken && set.right === outermost(ref) && ts.isPropertyAccessExpression(unwrap(set.left)) && (unwrap(set.left) as TS.PropertyAccessExpression).name.text === 'body';
  }) : undefined;
  const body = answered && (unwrap((outermost(answered).parent as TS.BinaryExpression).left) as TS.PropertyAccessExpression).expression;
  const owner = body && ts.isIdentifier(unwrap(body)) ? resolveIdentifier(unwrap(body) as TS.Identifier) : undefined;
  return owner && ts.isParameter(owner) && isFunctionLike(owner.parent) ? { parameter: owner, raw: true } : undefined;
}

/** NestJS's decorators of the response parameter (`@Res() res`). */
const RESPONSE_DECORATOR = /^(Res|Response)$/;

/**
 * Whether the written parameter is the response a handler answers with: a NestJS method's `@Res()`
 * parameter (or, where none is decorated, the one named as a response); another handler's
 * parameter after the request (`(req, res)`, Fastify's `(request, reply)` with `reply.raw`), or
 * the raw response of its only one (Koa's `ctx.res`).
 */
function answersWith(written: WrittenParameter, handler: TS.FunctionLikeDeclaration): boolean {
  const index = handler.parameters.indexOf(written.parameter);
  if (index < 0) return false;
  if (ts.isMethodDeclaration(handler) && getDecorator(handler)) {
    const decorated = handler.parameters.filter((p) => (ts.getDecorators(p) ?? []).some((d) => RESPONSE_DECORATOR.test(ts.isCallExpression(d.expression) ? calleeName(d.expression) ?? '' : d.expression.getText())));
    return decorated.length > 0 ? decorated.includes(written.parameter) : ts.isIdentifier(written.parameter.name) && /^(res|response|reply)$/.test(written.parameter.name.text);
  }
  // (Koa's `(ctx, next)` too: the raw response of the first, whatever follows it; review 77.)
  return index >= 1 || (written.raw && index === 0);
}

/** Where a GET stream is kept: its route's call, the `if` of its branch, or its NestJS method. */
interface GetStream {
  label: string;
  at: TS.CallExpression | TS.IfStatement | TS.MethodDeclaration;
}

/**
 * The GET stream a write goes to, as a message names it: a GET route's handler (`app.get('/mcp',
 * ...)`, a NestJS `@Get()` method), a branch on `req.method === 'GET'`, or a function of the file
 * one of them calls (a controller's `this.streamEvents(req, res)`); where that handler, branch or
 * function answers with an event stream by hand. The write's receiver must be the stream it
 * answers with: the handler's response (`res`, `reply.raw`), what it hands the function it calls,
 * or the `stream` of Hono's `streamSSE(c, async (stream) => ...)`; `child.stdin.write(...)` in such
 * a handler writes no event stream (review 76 point 3). `through`: the functions called on the way.
 */
function getStreamOf(node: TS.Node, receiver: TS.Expression, facts: SessionFacts, through: TS.Node[] = [], depth = 0): GetStream | undefined {
  const written = writtenParameter(receiver);
  if (!written) return undefined;
  const served = (scope: TS.Node, stream: GetStream) => ([scope, ...through].some(answersEventStream) ? stream : undefined);
  let inStreamSSE = false;
  for (let n: TS.Node = node; n.parent; n = n.parent) {
    const parent = n.parent;
    if (ts.isIfStatement(parent) && parent.thenStatement === n && comparedMethod(parent.expression).includes('GET')) {
      const handler = enclosingFunction(parent);
      return handler && answersWith(written, handler) ? served(n, { label: 'the GET branch of the request handler', at: parent }) : undefined;
    }
    if (!isFunctionLike(parent)) continue;
    // Hono's `streamSSE(c, async (stream) => ...)`: its callback's stream is the one the route answers with.
    if (parent.parameters[0] === written.parameter && handedToCall(parent, (call) => calleeName(call) === 'streamSSE')) inStreamSSE = true;
    const route = routeCallOf(parent);
    if (route) {
      if (calleeName(route) === 'get' && routePath(route) !== undefined) return inStreamSSE || answersWith(written, parent) ? served(parent, { label: `the ${routeLabel(route)}`, at: route }) : undefined;
      continue;
    }
    const decorator = getDecorator(parent);
    if (decorator) return answersWith(written, parent) ? served(parent, { label: `the @${decorator.expression.getText()} handler ${propertyNameText((parent as TS.MethodDeclaration).name)}()`, at: parent as TS.MethodDeclaration }) : undefined;
    if (depth < 2) {
      // A parameter of this function is what each of its calls hands it (`openUpdates(res)`).
      const index = parent.parameters.indexOf(written.parameter);
      for (const call of facts.callSitesOf(parent)) {
        const handed = index < 0 ? receiver : call.arguments[index];
        const stream = handed && getStreamOf(call, handed, facts, [...through, parent], depth + 1);
        if (stream) return stream;
      }
    }
  }
  return undefined;
}


/**
 * The GET stream whose responses a kept collection holds, where a write goes to one of them (`for
 * (const c of clients) c.write(...)` over a module-level `clients` the GET route fills with
 * `clients.add(res)`, trial 61B B2): the stream each filling call adds, and the collection's name.
 */
function keptStreamOf(receiver: TS.Expression, facts: SessionFacts): { stream: GetStream; collection: string } | undefined {
  const kept = keptElementOf(receiver);
  const decl = kept && kept.field === undefined ? keptDeclaration(kept.collection) : undefined;
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return undefined;
  for (const ref of referencesTo(decl.getSourceFile(), decl as TS.VariableDeclaration & { name: TS.Identifier })) {
    const member = ref.parent;
    if (!ts.isPropertyAccessExpression(member) || member.expression !== ref || !/^(add|push|set)$/.test(member.name.text)) continue;
    const call = member.parent;
    if (!ts.isCallExpression(call) || call.expression !== member) continue;
    const added = call.arguments[member.name.text === 'set' ? 1 : 0];
    const stream = added && getStreamOf(call, added, facts);
    if (stream) return { stream, collection: decl.name.text };
  }
  return undefined;
}

/** Whether code hands requests to an MCP transport or handler: an identifier or string MCP_WORK names (`transport.handleRequest`, `createMcpHandler`). */
function doesMcpWork(code: TS.Node): boolean {
  let found = false;
  walk(code, (n) => {
    if (found) return false;
    if (ts.isIdentifier(n) || ts.isStringLiteral(n)) found = MCP_WORK.test(n.text);
    return undefined;
  });
  return found;
}

/** Whether a route's handlers hand requests to an MCP transport or handler: inline, or the function or const they name. */
function routesToMcp(route: TS.CallExpression): boolean {
  return route.arguments.slice(1).some((argument) => {
    if (doesMcpWork(argument)) return true;
    const fn = resolveFunction(argument);
    if (fn) return doesMcpWork(fn);
    const a = unwrap(argument);
    const decl = ts.isIdentifier(a) ? resolveIdentifier(a) : undefined;
    return !!decl && ts.isVariableDeclaration(decl) && !!decl.initializer && doesMcpWork(decl.initializer);
  });
}

/** The paths the branches around an `if` compare the request's path with (`url.pathname === '/mcp'`), its own condition's too. */
function branchPaths(branch: TS.IfStatement): string[] {
  const paths: string[] = [];
  for (let n: TS.Node = branch; n.parent && !isFunctionLike(n); n = n.parent) {
    if (ts.isIfStatement(n)) paths.push(...comparedPath(n.expression));
    else if (ts.isIfStatement(n.parent) && n.parent.thenStatement === n) paths.push(...comparedPath(n.parent.expression));
  }
  return paths;
}

/**
 * Whether a GET stream is an MCP endpoint's: the file serves MCP (it names a server module or
 * class), or the same path is routed to an MCP transport or handler here: a route of the file
 * with that path, another branch of the handler (none of another path), or, for NestJS, a
 * `@Post` of the controller with that path. An MCP host's UI relaying list_changed to its
 * browser on `GET /ui/events`, in a file that imports only express, keeps no MCP stream (review
 * 76 point 3).
 */
function mcpEndpoint(stream: GetStream, facts: SessionFacts): boolean {
  const at = stream.at;
  /** Whether some route of the file passing `test` on its path hands its requests to `judge`'s liking. */
  const someRoute = (test: (path: string | undefined) => boolean, judge: (route: TS.CallExpression) => boolean) => {
    let found = false;
    facts.nodes.visit(VISITED, (n) => {
      if (found) return false;
      if (ts.isCallExpression(n) && ROUTE_METHOD.test(calleeName(n) ?? '') && test(routePath(n))) found = judge(n);
      return undefined;
    });
    return found;
  };
  const routedToMcp = (path: string | undefined) => someRoute((p) => p === path, routesToMcp);
  // (In a file that serves MCP, a route of a path that names no MCP endpoint, `GET /admin/events`,
  // is the application's own where another path of the file is shown to be MCP's and nothing of
  // this path goes to code not read here, an imported handler: review 80 point 5, review 81 point
  // 1. A router's `/` may be mounted anywhere.)
  if (!facts.servesNothing) {
    const path = ts.isCallExpression(at) ? routePath(at) : undefined;
    if (path === undefined || path === '/' || MCP_ROUTE_PATH.test(path) || routedToMcp(path)) return true;
    // (Another route of the path whose handler, its last argument, is imported or made by a call:
    // not the stream's own route, nor middleware before a handler, `requireAdmin`; review 82 point 1.)
    const unread = someRoute((p) => p === path, (route) => {
      if (route === at || route.arguments.length < 2) return false;
      // (A wrapper of a handler written here, `asyncHandler(async (req, res) => ...)`, is read: review 83 point 5.)
      const u = unwrap(route.arguments[route.arguments.length - 1]);
      return (ts.isIdentifier(u) && !!importOf(u)) || (ts.isCallExpression(u) && !u.arguments.some((a) => isFunctionLike(unwrap(a))));
    });
    return unread || !someRoute((p) => p !== path, routesToMcp);
  }
  if (ts.isCallExpression(at)) return routedToMcp(routePath(at));
  if (ts.isMethodDeclaration(at)) {
    // (The path as Nest reads it: `'/mcp'`, `"mcp"` and `'mcp/'` are one; review 77.)
    const pathOf = (decorator: TS.Decorator) => {
      const arg = ts.isCallExpression(decorator.expression) ? decorator.expression.arguments[0] : undefined;
      const text = arg ? (constantString(arg) ?? arg.getText()) : '';
      return text.replace(/^\/+|\/+$/g, '');
    };
    const path = pathOf(getDecorator(at)!);
    return !!enclosingClass(at)?.members.some((m) => ts.isMethodDeclaration(m) && (ts.getDecorators(m) ?? []).some((d) => ts.isCallExpression(d.expression) && /^(Post|All)$/.test(calleeName(d.expression) ?? '') && pathOf(d) === path));
  }
  const handler = enclosingFunction(at);
  if (!handler) return false;
  const route = routeCallOf(handler);
  if (route && routePath(route) !== undefined && routesToMcp(route)) return true;
  const paths = branchPaths(at);
  let found = false;
  const visit = (n: TS.Node): boolean | undefined => {
    if (found || n === at.thenStatement) return false;
    // Another path's branch (`if (url.pathname === '/mcp')` beside `/ui/events`) serves another endpoint: only its else may serve this one.
    const other = ts.isIfStatement(n) && paths.length > 0 ? comparedPath(n.expression) : [];
    if (other.length > 0 && !other.some((p) => paths.includes(p))) {
      if ((n as TS.IfStatement).elseStatement) walk((n as TS.IfStatement).elseStatement!, visit);
      return false;
    }
    if (ts.isIdentifier(n) || ts.isStringLiteral(n)) found = MCP_WORK.test(n.text);
    return undefined;
  };
  walk(handler, visit);
  return found;
}

/** Calls that run a callback later: a listener (`bus.on('changed', push)`), an rxjs `subscribe`, a timer. */
const RUNS_CALLBACK = new RegExp(`${LISTENS.source}|^subscribe$|${TIMERS.source}`);

/** The listener or timer a write runs from, inline or handed by name (`bus.on('changed', push)`), as a message names it. */
function pushedFrom(write: TS.Node): string | undefined {
  for (let fn = enclosingFunction(write); fn; fn = enclosingFunction(fn)) {
    const holder = handedToCall(fn, (call) => RUNS_CALLBACK.test(calleeName(call) ?? ''));
    if (holder) return TIMERS.test(calleeName(holder) ?? '') ? 'a timer' : `the listener ${listenerLabel(holder)}`;
  }
  return undefined;
}

/**
 * Pushes through transports or servers kept across requests (a set of the GET streams clients
 * opened, a session map) from outside a tool's call: a listener forwarding editor changes to every
 * client (trial 20A, gemini-cli's IDE companion), a timer's broadcast. 2026-07-28 has no standalone
 * GET stream: such pushes reach no 2026-07-28 client. (In a tool's handler, stateful-tool reports it.)
 * Also the GET stream a server keeps by hand: a GET route or branch that answers text/event-stream
 * itself and writes JSON-RPC notifications to it (trial 59B B1, a gateway's NestJS controller
 * pushing notifications/tools/list_changed).
 */
export const streamPush: CodeRule = {
  target: 'code',
  id: 'stream-push',
  category: 'removed-feature',
  severity: 'error',
  title: 'Unsolicited push on kept streams',
  why:
    'A 2025 server could push any notification on the standalone GET stream each session kept open. 2026-07-28 removed that stream: ' +
    'GET is answered 405, no instance keeps a client\'s stream, and a server sends unsolicited messages only as list_changed and ' +
    'resource-update notifications on a subscriptions/listen stream the client opened with a filter asking for them.',
  fix: { manual: 'Announce list changes and resource updates through the subscriptions/listen support of your SDK; turn other pushes into results of a tool the client calls (or keep them on 2025 connections).' },
  docs: `${SPEC}/basic/transports/streamable-http`,
  // A GET stream written by hand names its content type or Hono's streamSSE (trial 59B B1).
  keywords: ['.send(', 'notification(', 'text/event-stream', 'streamsse'],
  check(file, report) {
    if (file.facts.clientOnly) return;
    const tools = file.facts.registrations.flatMap((r) => (r.handler ? [r.handler] : []));
    const inTool = (node: TS.Node) => tools.some((h) => node.pos >= h.pos && node.end <= h.end);
    const reported = new Set<TS.Node>();
    // A JSON-RPC notification written by hand on a GET event stream the server keeps open (trial 59B B1).
    const checkWrite = (write: TS.CallExpression) => {
      if (inTool(write)) return;
      const receiver = calleeReceiver(write);
      const method = receiver && write.arguments.map((a) => writtenNotification(a, file.facts)).find((m) => m !== undefined);
      const own = method ? getStreamOf(write, receiver, file.facts) : undefined;
      const kept = method && !own ? keptStreamOf(receiver, file.facts) : undefined;
      const stream = own ?? kept?.stream;
      if (!stream || !mcpEndpoint(stream, file.facts)) return;
      // (Else the function of the file it sits in, `broadcast()`, for a kept stream.)
      const around = kept ? enclosingFunction(write) : undefined;
      const named = around && functionNameNode(around);
      const from = pushedFrom(write) ?? (named ? `${named.getText()}()` : undefined);
      report({
        node: write,
        manual: true,
        message: `writes ${method} to the event ${kept ? `streams ${stream.label} keeps open by hand (held in ${kept.collection})` : `stream ${stream.label} keeps open by hand`}${from ? `, from ${from}` : ''}: 2026-07-28 removed the standalone GET stream (a 2026-07-28 client never opens it), so it reaches no 2026-07-28 client; answer GET with 405, and push only list_changed and resource updates, on a subscriptions/listen stream the client opened${/list_changed|resources\/updated/.test(method!) ? '' : `, and ${method} is neither: make it the result of a tool the client calls`}`,
      });
    };
    file.facts.nodes.visit(VISITED, (node) => {
      if (!ts.isCallExpression(node) || node.arguments.length === 0) return;
      if (WRITES.test(calleeName(node) ?? '')) {
        checkWrite(node);
        return;
      }
      if (!PUSHES.test(calleeName(node) ?? '')) return;
      const receiver = calleeReceiver(node);
      if (!receiver || inTool(node)) return;
      // The request's own transport, pushed through once its request was answered (trial 30A).
      const answered = calleeName(node) === 'send' ? answeredBefore(node, receiver) : undefined;
      if (answered) {
        const method = pushedMethod(node);
        report({
          node,
          manual: true,
          severity: 'warning',
          message: `sends ${method ? `${method} ` : 'a message '}through ${receiver.getText()} after ${answered} answered its request, relating it to no request: the transport puts it on the standalone GET stream, which no 2026-07-28 client opens (and a stateless transport has none), so it is lost; send it while the request is served, related to it (a handler's notification), or drop it`,
        });
        return;
      }
      // The element itself, or handed to a helper of the file that pushes through it (`notify(t, update)`).
      const sites = [{ at: node as TS.Node, element: receiver }, ...handedTo(receiver, file.facts).map((h) => ({ at: h.call as TS.Node, element: h.argument }))];
      for (const { at, element } of sites) {
        const kept = keptElementOf(element);
        const collection = kept?.collection;
        const decl = collection && keptDeclaration(collection);
        if (!decl || !holdsTransports(decl, file.facts, kept.field) || reported.has(at) || inTool(at)) continue;
        reported.add(at);
        // A listener's or a timer's push that stateful-tool reports at the listener or the timer.
        if (reportedByStatefulTool(at, file.facts)) continue;
        const from = runBy(at)?.label ?? 'code outside a request';
        const method = pushedMethod(node);
        report({
          node: at,
          manual: true,
          message: `pushes ${method ? `${method} ` : 'a message '}to the clients whose transport or server ${collection.getText()} keeps, from ${from}: 2026-07-28 has no standalone GET stream (GET is answered 405, and no instance keeps a client's stream), so it reaches no 2026-07-28 client; a server pushes only list_changed and resource updates, on a subscriptions/listen stream the client opened${method && !/list_changed|resources\/updated/.test(method) ? `, and ${method} is neither: make it the result of a tool the client calls` : ''}`,
        });
      }
    });
  },
};
