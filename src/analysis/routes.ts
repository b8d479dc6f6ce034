/**
 * HTTP routes as code registers them (`app.post('/mcp', handler)`, `router.delete(config.path, ...)`):
 * their paths, and the route a piece of code runs in. Shared by the rules that tell an MCP endpoint's
 * routes from the application's others.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from './typescript.js';
import { calleeName, constantString, enclosingFunction, functionDeclarationOf, importOf, isExported, isFunctionLike, listenerLabel, referencesTo, resolveFunction, unwrap, walk } from './ast.js';

/**
 * A route call's path, as a key to compare routes by: a literal path (`'/mcp'`), also one a const
 * of the file holds (`ROUTES.attach.path`), or the text of a path held elsewhere
 * (`path:config.mcpHttpEndpointPath`) when a handler function follows it (a map's `get(key)` has none).
 */
export function routePath(call: TS.CallExpression): string | undefined {
  const first = call.arguments[0];
  if (!first) return undefined;
  if (ts.isStringLiteralLike(first)) return first.text.startsWith('/') ? first.text : undefined;
  const path = unwrap(first);
  const handled = call.arguments.slice(1).some((a) => isFunctionLike(unwrap(a)) || !!resolveFunction(a));
  if (!handled || !(ts.isIdentifier(path) || ts.isPropertyAccessExpression(path))) return undefined;
  const known = constantString(path);
  return known?.startsWith('/') ? known : `path:${path.getText()}`;
}

/** The methods a route is registered with (`app.get`, `router.all`, `app.use` for middleware). */
export const ROUTE_METHOD = /^(get|post|put|patch|delete|all|use|options|head)$/;

/** Middleware factories whose result hands every request on (`cors()`, `express.json()`, `helmet()`). */
const MIDDLEWARE_FACTORY = /^(cors|helmet|compression|morgan|json|urlencoded|raw|text|cookieParser|bodyParser|rateLimit|session)$/;

/**
 * Whether a route handler hands the request on rather than answering it: a middleware factory's
 * result (`.all(cors())`), or a function that calls its third parameter (`(req, res, next) => {
 * ...; next(); }`). An `all` route of such handlers alone answers no method (review 86 point 9:
 * `app.route('/mcp').all(cors()).post(h)` counted as routing GET and DELETE, which still got 404).
 */
export function passesOn(handler: TS.Expression): boolean {
  const h = unwrap(handler);
  if (ts.isCallExpression(h) && MIDDLEWARE_FACTORY.test(calleeName(h) ?? '')) return true;
  const fn = resolveFunction(h);
  const next = fn?.parameters[2]?.name;
  if (!fn?.body || !next || !ts.isIdentifier(next)) return false;
  let calls = false;
  walk(fn.body, (n) => {
    if (calls) return false;
    if (ts.isCallExpression(n) && ts.isIdentifier(unwrap(n.expression)) && (unwrap(n.expression) as TS.Identifier).text === next.text) calls = true;
    return undefined;
  });
  return calls;
}

/** The methods a Hono `app.on(['GET', 'DELETE'], path, ...)` routes, lower-cased. */
export function onMethods(call: TS.CallExpression): string[] {
  const list = call.arguments[0] && unwrap(call.arguments[0]);
  const methods = list && ts.isArrayLiteralExpression(list) ? list.elements.map((e) => constantString(e)) : list ? [constantString(list)] : [];
  return methods.filter((m): m is string => !!m).map((m) => m.toLowerCase());
}

/** A function handed to a route registration: `app.post('/mcp', fn)`, `router.all(path, fn)`, `app.use(fn)`. */
export function isRouteHandler(fn: TS.Node): boolean {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(fn as TS.Expression)) return false;
  // Also node:http's `createServer((req, res) => ...)`, which every request reaches.
  return ROUTE_METHOD.test(calleeName(call) ?? '') || (createsNodeServer(call) && isFunctionLike(fn) && fn.parameters.length >= 2);
}

/** `createServer(...)`, `http.createServer(...)`, or node:http's createServer imported under another name (`createServer as createHttpServer`, trial 32A). */
export function createsNodeServer(call: TS.CallExpression): boolean {
  if (calleeName(call) === 'createServer') return true;
  const callee = unwrap(call.expression);
  const imported = ts.isIdentifier(callee) ? importOf(callee) : undefined;
  return imported?.exported === 'createServer' && /^(node:)?https?$/.test(imported.module);
}

/**
 * The route whose handler a node runs in: the innermost function handed to a route call with a
 * path, its method and that path (as routePath keys it).
 */
export function enclosingRoute(node: TS.Node): { handler: TS.FunctionLikeDeclaration; method: string; path: string } | undefined {
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
    if (!isFunctionLike(n) || !isRouteHandler(n)) continue;
    const call = n.parent as TS.CallExpression;
    // A node:http callback has no path of its own (`https.createServer(options, cb)`: no path `options`).
    if (createsNodeServer(call)) continue;
    const path = routePath(call);
    if (path) return { handler: n, method: calleeName(call)!, path };
  }
  return undefined;
}

/** Code that hands requests to an MCP transport, handler or event store. */
export const MCP_WORK = /handleRequest|handlePostMessage|Transport\b|createMcpHandler|mcp-handler|eventStore|replayEventsAfter/;

/** Paths that name an MCP endpoint (`/mcp`, `/sse`, `/messages`). */
export const MCP_ROUTE_PATH = /mcp|sse|message/i;

/**
 * Whether a file registers routes with literal paths, none of them an MCP endpoint's
 * (`app.get('/.well-known/oauth-protected-resource', ...)`), and hands nothing to an MCP
 * transport: what its CORS settings govern is the application's own routes.
 */
export function servesOtherRoutesOnly(sf: TS.SourceFile): boolean {
  if (MCP_WORK.test(sf.text)) return false;
  let routes = 0;
  let mcp = false;
  walk(sf, (node) => {
    if (mcp) return false;
    if (!ts.isCallExpression(node) || !ROUTE_METHOD.test(calleeName(node) ?? '') || node.arguments.length < 2) return undefined;
    const path = routePath(node);
    if (path === undefined) return undefined;
    routes++;
    if (path.startsWith('path:') || MCP_ROUTE_PATH.test(path)) mcp = true;
    return undefined;
  });
  return routes > 0 && !mcp;
}

/**
 * The constants a condition compares with `==`/`===` (either side) where the other side passes
 * `isSubject` (the request's method, its path).
 */
function comparedStrings(expr: TS.Expression, isSubject: (other: TS.Expression) => boolean): string[] {
  const found: string[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || node.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken)) {
      const right = constantString(node.right);
      const value = right ?? constantString(node.left);
      if (value && isSubject(right !== undefined ? node.left : node.right)) found.push(value);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(expr);
  return found;
}

/** `req.method === 'GET'` style comparisons: the method compared with, if any. */
export function comparedMethod(expr: TS.Expression): string[] {
  return comparedStrings(expr, (other) => /method$/i.test(other.getText())).map((m) => m.toUpperCase());
}

/**
 * The paths a condition compares the request's path with (`url.pathname === '/token'`, `req.url
 * == TOKEN`, either side), as constants: a hand-written router's branches.
 */
export function comparedPath(expr: TS.Expression): string[] {
  return comparedStrings(expr, (other) => {
    const o = unwrap(other);
    return ts.isPropertyAccessExpression(o) && /^(url|pathname|path)$/.test(o.name.text);
  });
}

/** A route call as a message names it: `POST /admin/enable/:name route`, or `POST route` where its path is not written out. */
export function routeLabel(route: TS.CallExpression): string {
  const path = constantString(route.arguments[0]);
  return `${(calleeName(route) ?? 'the').toUpperCase()} ${path ? `${path} ` : ''}route`;
}

/** The route call a function is handed to (`app.get('/mcp', handler)`), inline or by the name of the const or function holding it. */
export function routeCallOf(fn: TS.FunctionLikeDeclaration): TS.CallExpression | undefined {
  return handedToCall(fn, (call) => ROUTE_METHOD.test(calleeName(call) ?? ''));
}

/** The call of those `takes` picks that a function is handed to as an argument, inline or by the name of the const or function holding it. */
export function handedToCall(fn: TS.FunctionLikeDeclaration, takes: (call: TS.CallExpression) => boolean): TS.CallExpression | undefined {
  const handedTo = (n: TS.Node) => (ts.isCallExpression(n.parent) && n.parent.arguments.includes(n as TS.Expression) && takes(n.parent) ? n.parent : undefined);
  const inline = handedTo(fn);
  if (inline) return inline;
  const named = functionDeclarationOf(fn);
  return named ? referencesTo(fn.getSourceFile(), named).map(handedTo).find((c) => c !== undefined) : undefined;
}

/** Subscriptions a callback is handed to: an emitter's (`on`, `once`, ...), an observable's `subscribe`, a watcher, VS Code's `onDid...`/`onWill...` events. */
const SUBSCRIBES = /^(on|once|addListener|addEventListener|subscribe|watch)$|^onDid|^onWill/;

/**
 * What runs `node` outside a tool's call, the nearest going out: a route whose handler holds it,
 * a listener or a timer whose callback does; with how a message names it (`the POST /admin route`,
 * `the listener editor.on('change')`, `a timer`).
 */
export function runBy(node: TS.Node): { kind: 'route' | 'listener' | 'timer'; label: string } | undefined {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const route = routeCallOf(fn);
    if (route) return { kind: 'route', label: `the ${routeLabel(route)}` };
    const holder = fn.parent;
    if (!ts.isCallExpression(holder) || !holder.arguments.includes(fn as TS.Expression)) continue;
    const name = calleeName(holder) ?? '';
    if (/^(setInterval|setTimeout)$/.test(name)) return { kind: 'timer', label: 'a timer' };
    if (SUBSCRIBES.test(name)) return { kind: 'listener', label: `the listener ${listenerLabel(holder)}` };
  }
  return undefined;
}

/**
 * The route path of a Next.js App Router route file (`app/api/oauth/token/route.ts` is
 * `/api/oauth/token`, under `src/` or not; route groups `(auth)` name no segment), or undefined
 * for another file.
 */
export function appRoutePath(path: string): string | undefined {
  const folder = /(?:^|\/)app((?:\/[^/]+)*)\/route\.[cm]?[jt]sx?$/.exec(path)?.[1];
  return folder === undefined ? undefined : folder.replace(/\/\([^/]*\)/g, '') || '/';
}

/**
 * The handler an App Router route file exports for an HTTP method `methods` names (`export async
 * function POST`, `export const POST = ...`), when `node` is its declaration; undefined otherwise.
 */
export function exportedRouteHandler(node: TS.Node, methods: RegExp): { method: string; handler: TS.FunctionLikeDeclaration } | undefined {
  if (ts.isFunctionDeclaration(node) && node.name && methods.test(node.name.text) && isExported(node)) return { method: node.name.text, handler: node };
  if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && methods.test(node.name.text) && isExported(node.parent.parent)) {
    const handler = resolveFunction(node.initializer);
    if (handler) return { method: node.name.text, handler };
  }
  return undefined;
}
