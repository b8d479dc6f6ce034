/**
 * HTTP-framework knowledge shared by the transport codemods: recognising route registrations and
 * handler styles (express, fastify, hono, koa, node:http), and writing the 405 answer that 2026-07-28
 * requires for GET and DELETE on the MCP endpoint.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from '../../src/analysis/typescript.js';
import { calleeName, calleeReceiver, constantString, enclosingFunction, propertyNameText, functionDeclarationOf, inLogCall, isFunctionLike, referencesTo, resolveFunction, resolveIdentifier, unwrap, walk } from '../../src/analysis/ast.js';
import type { TextEdit } from '../types.js';
import { inQuotes } from './edits.js';
import { createsNodeServer, handedToCall } from '../../src/analysis/routes.js';

/** How a handler answers; 'web': by returning a web-standard Response (returnsWebResponse), which handlerStyle does not tell. */
export type HandlerStyle = 'express' | 'fastify' | 'hono' | 'koa' | 'node' | 'web';

export interface Route {
  call: TS.CallExpression;
  method: 'get' | 'post' | 'delete' | 'all' | 'put';
  path: string;
  /** The handler argument (last argument). */
  handlerArg: TS.Expression;
  /**
   * The function that handles the request: the handler argument's own, or, where that is an
   * inline wrapper that only hands its request on (delegateOf), the function it hands it to.
   */
  handler: TS.FunctionLikeDeclaration | undefined;
}

const METHODS = new Set(['get', 'post', 'delete', 'all', 'put']);

/** `Routes.MCP`, `MCP_PATH`, `config.paths.mcp`: a path named, not written (its text stands for it). */
function namedPath(node: TS.Expression): string | undefined {
  const n = unwrap(node);
  const named = (e: TS.Node): boolean => ts.isIdentifier(e) || (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.name) && named(e.expression));
  return named(n) ? n.getText() : undefined;
}

/**
 * `app.get('/mcp', handler)`, `router.delete(...)`, `fastify.post(...)`. `namedPaths`: also a route
 * whose path is a name (`app.delete(Routes.MCP, handler)`, with a function for handler), its
 * `path` then the name's text: routes on the same name match; it is never written into code.
 */
export function routeOf(node: TS.Node, namedPaths = false): Route | undefined {
  if (!ts.isCallExpression(node) || node.arguments.length < 2) return undefined;
  const method = calleeName(node);
  if (!method || !METHODS.has(method) || !ts.isPropertyAccessExpression(unwrap(node.expression))) return undefined;
  const handlerArg = node.arguments[node.arguments.length - 1];
  const own = resolveFunction(handlerArg);
  const handler = own && own === unwrap(handlerArg) ? (delegateOf(own) ?? own) : own;
  const literal = constantString(node.arguments[0]);
  const path = literal === undefined ? (namedPaths && handler ? namedPath(node.arguments[0]) : undefined) : literal.startsWith('/') ? literal : undefined;
  if (path === undefined) return undefined;
  return { call: node, method: method as Route['method'], path, handlerArg, handler };
}

/**
 * The function an inline route handler only hands its request on to, with its own parameters in
 * order (trial 26C): `(req, res) => { handle(req, res).catch(next) }`, `=> void handle(req, res)`,
 * `async (req, res) => { try { await handle(req, res) } catch (e) { ... } }`. Whatever the
 * handler does to the request is that function's doing. A promise the wrapper goes on to use
 * (`.catch`, `.then`) only from an async function, whose body may then be replaced and still
 * return one.
 */
function delegateOf(wrapper: TS.FunctionLikeDeclaration): TS.FunctionLikeDeclaration | undefined {
  const body = wrapper.body;
  if (!body) return undefined;
  let expression: TS.Expression | undefined;
  if (!ts.isBlock(body)) expression = body;
  else if (body.statements.length === 1) {
    let only: TS.Statement = body.statements[0];
    if (ts.isTryStatement(only) && !only.finallyBlock && only.tryBlock.statements.length === 1) only = only.tryBlock.statements[0];
    if (ts.isExpressionStatement(only)) expression = only.expression;
    else if (ts.isReturnStatement(only)) expression = only.expression;
  }
  if (!expression) return undefined;
  let e = unwrap(expression);
  if (ts.isVoidExpression(e) || ts.isAwaitExpression(e)) e = unwrap(e.expression);
  let promiseUsed = false;
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && /^(catch|then|finally)$/.test(e.expression.name.text)) {
    promiseUsed = true;
    e = unwrap(e.expression.expression);
  }
  if (!ts.isCallExpression(e) || !ts.isIdentifier(e.expression) || e.arguments.length === 0) return undefined;
  const params = wrapper.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : undefined));
  if (!e.arguments.every((a, i) => ts.isIdentifier(a) && a.text === params[i])) return undefined;
  const target = resolveFunction(e.expression);
  if (!target?.body || target === wrapper) return undefined;
  if (promiseUsed && !ts.getModifiers(target as TS.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return undefined;
  return target;
}

/** Every route registration of the file, in document order (`namedPaths`: as for routeOf). */
export function allRoutes(sf: TS.SourceFile, namedPaths = false): Route[] {
  const routes: Route[] = [];
  walk(sf, (node) => {
    const route = routeOf(node, namedPaths);
    if (route) routes.push(route);
  });
  return routes;
}

export function paramName(fn: TS.FunctionLikeDeclaration, index: number): string | undefined {
  const p = fn.parameters[index];
  return p && ts.isIdentifier(p.name) ? p.name.text : undefined;
}

/** A module of Hono's. */
const HONO_MODULE = /(?:\bfrom\s*|\brequire\s*\(\s*)['"](?:hono|@hono\/[\w-]+)(?:\/[\w-]+)*['"]/;

/** A module of Koa's: the application or one of its routers. */
const KOA_MODULE = /(?:\bfrom\s*|\brequire\s*\(\s*)['"](?:koa|@koa\/router|koa-router)['"]/;

/** How a route handler answers: decided from its parameters and how it uses them. */
export function handlerStyle(fn: TS.FunctionLikeDeclaration): HandlerStyle {
  const body = fn.body?.getText() ?? '';
  const first = paramName(fn, 0);
  const second = paramName(fn, 1);
  // Koa's context (`async (ctx, next) => ...`): answered by assigning ctx.status and ctx.body, not
  // by returning Hono's c.json() (trial 34C: every GET answered 500 "ctx.json is not a function").
  // (A route module handed the router imports nothing from Koa: its other handlers' use of the
  // context, or the Node request and response read from it, tell, where Hono is not imported.)
  if (first && (fn.parameters.length === 1 || /^_?next$/.test(second ?? ''))) {
    const file = fn.getSourceFile().text;
    const koaUse = new RegExp(`\\b${first}\\.(request|response|respond)\\b|\\b${first}\\.(status|body)\\s*=(?!=)`);
    if (KOA_MODULE.test(file) || koaUse.test(body) || (!HONO_MODULE.test(file) && (koaUse.test(file) || new RegExp(`\\b${first}\\.res\\b`).test(body)))) return 'koa';
  }
  if (fn.parameters.length === 1 && first && new RegExp(`\\b${first}\\.req\\b`).test(body)) return 'hono';
  if (second && (/^reply$/.test(second) || new RegExp(`\\b${second}\\.(raw|code)\\b`).test(body))) return 'fastify';
  // node:http responses have writeHead/end but no status()/json()/send().
  if (second && new RegExp(`\\b${second}\\.(writeHead|end)\\(`).test(body) && !new RegExp(`\\b${second}\\.(status|json|send)\\(`).test(body)) return 'node';
  return 'express';
}

const ERROR_BODY = "{ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null }";

/**
 * The statement that closes what a request built (its transport, and the server connected to it)
 * when its response closes, as lines at `indent`; `closes` are the calls (`transport.close()`):
 *   res.on('close', () => {
 *     void transport.close();
 *     void server.close();
 *   });
 */
export function closeOnResponse(response: string, closes: readonly string[], indent: string, unit: string, quote: "'" | '"'): string[] {
  return [`${indent}${response}.on(${quote}close${quote}, () => {`, ...closes.map((c) => `${indent}${unit}void ${c};`), `${indent}});`];
}

/** The parameter a handler answers through: Hono's and Koa's context (the first), else the response (the second). */
export function responseParam(fn: TS.FunctionLikeDeclaration, style: HandlerStyle = handlerStyle(fn)): string | undefined {
  return takesContext(style) ? paramName(fn, 0) : paramName(fn, 1);
}

/** Whether a handler's first parameter is a context it answers through (Hono, Koa), not a request it may leave unread. */
export function takesContext(style: HandlerStyle): boolean {
  return style === 'hono' || style === 'koa';
}

/**
 * The statement answering 405 with `Allow: POST`, in the handler's own idiom and the file's quotes;
 * Koa's takes three, each on its own line at `indent` where it is given (else on one line).
 */
export function methodNotAllowed(style: HandlerStyle, responseName: string, quote: "'" | '"', indent?: string): string {
  return inQuotes(methodNotAllowedStatement(style, responseName).join(indent === undefined ? ' ' : `\n${indent}`), quote);
}

/**
 * Whether a handler answers by returning a web-standard Response (a Worker's fetch, a Next.js
 * route) and not through a node:http or Express response it is given: it returns `new
 * Response(...)` or `Response.json(...)` somewhere (a declared `Promise<Response>` is no sign:
 * Express's response type is called Response too).
 */
export function returnsWebResponse(fn: TS.FunctionLikeDeclaration): boolean {
  const second = paramName(fn, 1);
  if (!fn.body || (second && usedAsNodeResponse(second, fn.body))) return false;
  // A Next.js handler declared to return NextResponse: a plain Response would not compile there.
  if (fn.type && /\bNextResponse\b/.test(fn.type.getText())) return false;
  let found = false;
  walk(fn.body, (n) => {
    if (found || (n !== fn.body && isFunctionLike(n))) return false;
    if (ts.isReturnStatement(n) && n.expression) found = /^(?:await\s+)?(?:new\s+Response\b|Response\.\w+\()/.test(n.expression.getText());
    return undefined;
  });
  return found;
}

/** Whether `name` is used as a node:http response in `body` (`res.writeHead`, `res.end()`, `res.statusCode`). */
export function usedAsNodeResponse(name: string, body: TS.Node): boolean {
  const text = body.getText();
  return new RegExp(`\\b${name}\\s*\\??\\.\\s*(?:writeHead|end|setHeader|statusCode|write|status|json|send|sendStatus|sendFile|header|set|type|redirect|on|once|cookie|render|locals|headersSent|writableEnded|flushHeaders|code)\\b`).test(text) || new RegExp(`\\.handleRequest\\s*\\([^,()]*,\\s*${name}\\b`).test(text);
}

/** Hono's 405 answer as an expression, for an arrow function's body: `(c) => c.json(...)`. */
export function honoMethodNotAllowed(responseName: string, quote: "'" | '"'): string {
  return inQuotes(honoAnswer(responseName), quote);
}

function honoAnswer(responseName: string): string {
  return `${responseName}.json(${ERROR_BODY}, 405, { Allow: 'POST' })`;
}

function methodNotAllowedStatement(style: HandlerStyle, responseName: string): string[] {
  switch (style) {
    case 'hono':
      return [`return ${honoAnswer(responseName)};`];
    case 'koa':
      return [`${responseName}.set('Allow', 'POST');`, `${responseName}.status = 405;`, `${responseName}.body = ${ERROR_BODY};`];
    case 'fastify':
      return [`return ${responseName}.code(405).header('Allow', 'POST').send(${ERROR_BODY});`];
    case 'node':
      return [`${responseName}.writeHead(405, { 'Content-Type': 'application/json', Allow: 'POST' }).end(JSON.stringify(${ERROR_BODY}));`];
    case 'web':
      return [`return new Response(JSON.stringify(${ERROR_BODY}), { status: 405, headers: { 'Content-Type': 'application/json', Allow: 'POST' } });`];
    default:
      return [`${responseName}.status(405).set('Allow', 'POST').json(${ERROR_BODY});`];
  }
}

/**
 * Whether a function already answers 405 (so a second run leaves it alone); `removed`: ranges
 * this run deletes or replaces, where a 405 answers nothing once the run is done (the else branch
 * of a session dispatch that answered GET with 405).
 */
export function answers405(fn: TS.Node, removed: ReadonlyArray<{ start: number; end: number }> = []): boolean {
  // The status in code (`res.status(405)`, `{ status: 405 }`), not a comment that mentions it.
  if (!/\b405\b/.test(fn.getText())) return false;
  let found = false;
  walk(fn, (n) => {
    if (found) return false;
    if ((ts.isNumericLiteral(n) || ts.isStringLiteral(n)) && n.text === '405' && !removed.some((r) => r.start <= n.getStart() && n.getEnd() <= r.end)) found = true;
    return undefined;
  });
  return found;
}

/**
 * The request parameter (or another, `index`: Koa's `next`) of a handler whose body became one answer (405, 410) is no longer read:
 * renamed `_req`, as `noUnusedParameters` wants (actors-mcp-server's build failed with TS6133 on it).
 */
export function unusedRequest(fn: TS.FunctionLikeDeclaration, sf: TS.SourceFile, edits: TextEdit[], index = 0): void {
  const name = fn.parameters[index]?.name;
  if (!name || !ts.isIdentifier(name) || name.text.startsWith('_')) return;
  const start = name.getStart(sf);
  if (edits.some((e) => e.start <= start && start < e.end)) return;
  edits.push({ start, end: name.getEnd(), text: `_${name.text}` });
  // Its JSDoc `@param {http.IncomingMessage} req` (a JavaScript file's types) follows the name.
  let holder: TS.Node = fn;
  while (holder.parent && !ts.isSourceFile(holder.parent) && !ts.isBlock(holder.parent) && !ts.isCallExpression(holder.parent)) holder = holder.parent;
  for (const range of ts.getLeadingCommentRanges(sf.text, holder.getFullStart()) ?? []) {
    const comment = sf.text.slice(range.pos, range.end);
    const tag = new RegExp(`(@param\\s+(?:\\{[^}]*\\}\\s+)?)${name.text}\\b`).exec(comment);
    if (tag) edits.push({ start: range.pos + tag.index + tag[1].length, end: range.pos + tag.index + tag[0].length, text: `_${name.text}` });
  }
}

/**
 * The first v1 SDK whose Streamable HTTP transport serves stateless mode: 1.10.0 and 1.10.1 check
 * that the transport saw initialize before they check for stateless mode, so a transport per
 * request answers every other request 400 "Server not initialized" (s-hiraoku's server, pinned at
 * 1.10.1). A rewrite to per-request transports raises a lower SDK range to this.
 */
export const V1_STATELESS_HTTP = '^1.10.2';

/**
 * `if (req.method !== 'POST') { <405>; return; }` for a handler every method reaches, in its own
 * idiom (a Hono or Fastify handler returns its answer); none where its parameters are not plain names.
 */
export function postOnlyCheck(fn: TS.FunctionLikeDeclaration, quote: "'" | '"', style: HandlerStyle = handlerStyle(fn)): string | undefined {
  const response = responseParam(fn, style);
  const request = style === 'hono' ? `${response}.req` : style === 'koa' ? response : paramName(fn, 0);
  if (!response || !request) return undefined;
  const returns = style === 'hono' || style === 'fastify';
  return `if (${request}.method !== ${quote}POST${quote}) ${returns ? '' : '{ '}${methodNotAllowed(style, response, quote)}${returns ? '' : ' return; }'}`;
}

/**
 * Whether a body routes by the method itself (`if (req.method === 'GET') ...`, `if (req.method !==
 * 'POST') return ...`), by the syntax tree, whatever the request's name (`$req`): not a test made
 * together with a path's (`req.url === '/health' && req.method === 'GET'`, another route's), not a
 * list that lets GET or DELETE through (streamMethodList), and not code this run removes (`edits`).
 */
export function testsMethodOf(body: TS.Node, request: string, edits: readonly TextEdit[] = []): boolean {
  let found = false;
  const sf = body.getSourceFile();
  walk(body, (n) => {
    if (found || edits.some((e) => e.start <= n.getStart(sf) && n.getEnd() <= e.end && e.end > e.start)) return false;
    // (A log line that records the method routes nothing, trial 35C.)
    if (!isMethodRead(n, request) || streamMethodList(n) || inLogCall(n)) return undefined;
    const test = methodTestOf(n);
    found = !test || !PATH_TEST.test(test.getText(sf));
    return found ? false : undefined;
  });
  return found;
}

/** A request's path named in a test (`req.url === '/health'`, `pathname.startsWith(...)`): the test is a route's of its own. */
export const PATH_TEST = /\b(url|pathname|path)\b/;

/** `req.method` of the request named. */
function isMethodRead(n: TS.Node, request: string): n is TS.PropertyAccessExpression {
  return ts.isPropertyAccessExpression(n) && n.name.text === 'method' && ts.isIdentifier(n.expression) && n.expression.text === request;
}

/** The condition (of an if, a conditional) a method read sits in, if any. */
function methodTestOf(read: TS.Node): TS.Expression | undefined {
  for (let n: TS.Node = read; n.parent && !isFunctionLike(n.parent); n = n.parent) {
    const p = n.parent;
    if ((ts.isIfStatement(p) && p.expression === n) || (ts.isConditionalExpression(p) && p.condition === n)) return n as TS.Expression;
    if (ts.isStatement(p)) return undefined;
  }
  return undefined;
}

/**
 * `['GET', 'POST', 'DELETE'].includes(req.method)` (also through a const holding the list, with
 * `req.method!`, `?? ''`, `|| ''` or `.toUpperCase()` around the method): a list of the methods a
 * callback takes, with POST, that lets GET or DELETE through to the transport (trial 32A, airgen).
 * It tests the method, but keeps no request from the stream and the session end 2026-07-28 no
 * longer has. The list, and its GET and DELETE elements.
 */
export function streamMethodList(method: TS.PropertyAccessExpression): { list: TS.ArrayLiteralExpression; streams: TS.Expression[]; shared: boolean } | undefined {
  let use: TS.Node = method;
  for (;;) {
    const p = use.parent;
    if (ts.isBinaryExpression(p) && p.left === use && (p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || p.operatorToken.kind === ts.SyntaxKind.BarBarToken)) use = p;
    else if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p)) use = p;
    else if (ts.isPropertyAccessExpression(p) && p.expression === use && /^to(Upper|Lower)Case$/.test(p.name.text) && ts.isCallExpression(p.parent) && p.parent.expression === p) use = p.parent;
    else break;
  }
  const call = use.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(use as TS.Expression) || calleeName(call) !== 'includes') return undefined;
  let list = calleeReceiver(call) && unwrap(calleeReceiver(call)!);
  // A const holding the list: `shared` where something else uses it too (not to be narrowed here).
  let shared = false;
  if (list && ts.isIdentifier(list)) {
    const decl = resolveIdentifier(list);
    const held = decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) ? decl : undefined;
    shared = !held || referencesTo(list.getSourceFile(), held as TS.VariableDeclaration & { name: TS.Identifier }).length !== 1;
    list = held?.initializer && unwrap(held.initializer);
  }
  const named = (e: TS.Expression) => constantString(e)?.toUpperCase();
  if (!list || !ts.isArrayLiteralExpression(list) || !list.elements.some((e) => named(e) === 'POST')) return undefined;
  const streams = list.elements.filter((e) => named(e) === 'GET' || named(e) === 'DELETE');
  return streams.length > 0 ? { list, streams, shared } : undefined;
}

/** `createServer((req, res) => ...)`, `http.createServer(handler)`: a function node:http hands every request. */
export function isNodeServerCallback(fn: TS.FunctionLikeDeclaration): boolean {
  return handedToCall(fn, createsNodeServer) !== undefined || handedEveryRequest(fn);
}

/** Whether a test that reads the request's method (whatever else it tests) decides whether `node`, in `fn`, runs. */
function underMethodTest(node: TS.Node, fn: TS.Node, request: string): boolean {
  const readsMethod = (test: TS.Node) => {
    let found = false;
    walk(test, (n) => {
      if (found) return false;
      if (isMethodRead(n, request)) found = true;
      return undefined;
    });
    return found;
  };
  for (let at: TS.Node = node; at.parent && at !== fn; at = at.parent) {
    const p = at.parent;
    if ((ts.isIfStatement(p) && p.expression !== at && readsMethod(p.expression)) || (ts.isConditionalExpression(p) && p.condition !== at && readsMethod(p.condition))) return true;
    if (ts.isBinaryExpression(p) && p.right === at && (p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || p.operatorToken.kind === ts.SyntaxKind.BarBarToken) && readsMethod(p.left)) return true;
  }
  return false;
}

/**
 * A function of the file that a node:http callback hands its request and response to, as they
 * are (`createServer((req, res) => { void handle(req, res); })`, trial 70C B1): it is handed every
 * request the callback is, whatever the method (unless the callback tests the method itself).
 */
function handedEveryRequest(fn: TS.FunctionLikeDeclaration): boolean {
  const named = functionDeclarationOf(fn);
  if (!named || fn.parameters.length < 2) return false;
  return referencesTo(fn.getSourceFile(), named).some((ref) => {
    const call = ref.parent;
    if (!ts.isCallExpression(call) || call.expression !== ref || call.arguments.length < 2) return false;
    const caller = enclosingFunction(call);
    if (!caller || handedToCall(caller, createsNodeServer) === undefined) return false;
    const request = paramName(caller, 0);
    const response = paramName(caller, 1);
    const [first, second] = call.arguments.map(unwrap);
    // (Not where the callback tests the method first, or around the call together with the path,
    // `req.url === '/mcp' && req.method === 'POST'`: the function is handed only what it lets through, review 88 point 6.)
    return !!request && !!response && ts.isIdentifier(first) && first.text === request && ts.isIdentifier(second) && second.text === response && !testsMethodOf(caller.body!, request) && !underMethodTest(call, caller, request);
  });
}

/**
 * The statement that parses the request body for the transport only (`const body = await
 * req.json()` handed on as `{ parsedBody: body }`, once the initialize gate that also read it is
 * gone): kept ahead of createMcpHandler, it throws on a GET or DELETE, whose empty body is no JSON,
 * and the route answers 500 where the handler (or the stateless transport) answers itself (trial
 * 72C B2). Undefined where the body is also read elsewhere (a log line, a check of its own) but in
 * what the rewrite removes (`gone`), or the option object says more.
 */
export function bodyParsedOnlyFor(call: TS.CallExpression, gone: (node: TS.Node) => boolean = () => false): TS.VariableStatement | undefined {
  const fn = enclosingFunction(call);
  if (!fn) return undefined;
  const options = call.arguments.length === 2 ? unwrap(call.arguments[1]) : undefined;
  if (!options || !ts.isObjectLiteralExpression(options) || options.properties.length !== 1) return undefined;
  const prop = options.properties[0];
  const value = ts.isPropertyAssignment(prop) && propertyNameText(prop.name) === 'parsedBody' ? unwrap(prop.initializer) : ts.isShorthandPropertyAssignment(prop) && prop.name.text === 'parsedBody' ? prop.name : undefined;
  const decl = value && ts.isIdentifier(value) ? resolveIdentifier(value) : undefined;
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || !decl.initializer || decl.pos < fn.pos || decl.end > fn.end) return undefined;
  const list = decl.parent;
  const statement = list.parent;
  if (!ts.isVariableDeclarationList(list) || list.declarations.length !== 1 || !ts.isVariableStatement(statement)) return undefined;
  // `await req.json()` (or `await request.json()`): the request's own body, nothing else done with it.
  const init = unwrap(decl.initializer);
  const parse = ts.isAwaitExpression(init) ? unwrap(init.expression) : undefined;
  if (!parse || !ts.isCallExpression(parse) || calleeName(parse) !== 'json' || parse.arguments.length > 0) return undefined;
  const request = call.arguments[0] && unwrap(call.arguments[0]);
  const receiver = calleeReceiver(parse);
  if (!request || !receiver || receiver.getText() !== request.getText()) return undefined;
  // (Not where only a POST gets there: a function named or exported POST, a `.post(...)` route's, or
  // one that tested the method first (a Worker's fetch answering GET above): the body is there.)
  const named = ts.isFunctionDeclaration(fn) ? fn.name?.text : ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name.text : undefined;
  if (named === 'POST' || (ts.isCallExpression(fn.parent) && calleeName(fn.parent) === 'post')) return undefined;
  let methodTested = false;
  walk(fn, (n) => {
    if (methodTested || n.pos >= statement.pos) return false;
    if (ts.isPropertyAccessExpression(n) && n.name.text === 'method') methodTested = true;
    return undefined;
  });
  if (methodTested) return undefined;
  const uses = referencesTo(fn.getSourceFile(), decl as TS.VariableDeclaration & { name: TS.Identifier });
  return uses.every((u) => u === value || gone(u)) ? statement : undefined;
}
