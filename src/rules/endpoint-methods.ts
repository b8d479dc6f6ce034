import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { calleeName, calleeReceiver, constantString, importedBindings, isFunctionLike, resolveIdentifier, someNode, unwrap } from '../analysis/ast.js';
import { kinds } from '../analysis/nodes.js';
import { onMethods, passesOn, ROUTE_METHOD } from '../analysis/routes.js';
import { SPEC, type CodeRule } from './types.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.CallExpression);

/** The v2 packages' handler and their Node adapter, by the names they are imported under from the packages. */
function v2HandlerNames(sf: TS.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of sf.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !/^@modelcontextprotocol\/(server|node|express|hono)(\/|$)/.test(statement.moduleSpecifier.text)) continue;
    for (const { local, exported } of importedBindings(statement)) if (/^(createMcpHandler|toNodeHandler)$/.test(exported)) names.add(local);
  }
  return names;
}

/**
 * Whether a route's handler serves the v2 packages' handler: one written in it
 * (`toNodeHandler(createMcpHandler(...))`), or a const of the file holding one that it calls
 * (`const handler = toNodeHandler(createMcpHandler(build)); app.post('/mcp', (req, res) => handler(req, res, req.body))`),
 * by the names imported from the packages (review 84: not another library's `toNodeHandler`).
 * A route that only calls a function building one (`/admin/reload`) serves none.
 */
function servesV2Handler(argument: TS.Expression, names: ReadonlySet<string>): boolean {
  const makes = (node: TS.Node) => someNode(node, (n) => ts.isCallExpression(n) && ts.isIdentifier(n.expression) && names.has(n.expression.text));
  const a = unwrap(argument);
  if (makes(a)) return true;
  const held = (n: TS.Node) => {
    const decl = ts.isIdentifier(n) ? resolveIdentifier(n) : undefined;
    return !!decl && ts.isVariableDeclaration(decl) && !!decl.initializer && makes(decl.initializer);
  };
  if (held(a)) return true;
  // A handler written here that calls such a const (`(req, res) => handler(req, res, req.body)`).
  return isFunctionLike(a) && someNode(a, (n) => ts.isCallExpression(n) && held(unwrap(n.expression)));
}

/**
 * A route's path (its argument `written`) as routes of the file are matched by: a literal as Express
 * matches it (no trailing slash, any case), or the expression (`MCP_PATH`, `config.path`) as written.
 */
function pathOf(written: TS.Expression | undefined): string | undefined {
  const first = written && unwrap(written);
  if (!first) return undefined;
  const known = constantString(first);
  if (known !== undefined) return known.startsWith('/') ? known.replace(/\/+$/, '').toLowerCase() || '/' : undefined;
  return ts.isIdentifier(first) || ts.isPropertyAccessExpression(first) ? first.getText() : undefined;
}

/** Whether a `route(...)` call heads an Express route chain: one path, and a method called on its result (`app.route('/mcp').post(...)`). */
function chainHead(call: TS.CallExpression): boolean {
  const access = call.parent;
  return call.arguments.length === 1 && pathOf(call.arguments[0]) !== undefined && ts.isPropertyAccessExpression(access) && access.expression === call && ROUTE_METHOD.test(access.name.text) && ts.isCallExpression(access.parent) && access.parent.expression === access;
}

/** The head of the Express route chain a method call is a link of (`app.route('/mcp')` of `app.route('/mcp').post(h).get(g)`'s `get`). */
function chainOf(link: TS.CallExpression): TS.CallExpression | undefined {
  for (let e = calleeReceiver(link); e && ts.isCallExpression(e); e = calleeReceiver(e)) {
    const name = calleeName(e) ?? '';
    if (name === 'route') return chainHead(e) ? e : undefined;
    if (!ROUTE_METHOD.test(name)) return undefined;
  }
  return undefined;
}

/**
 * An Express-style POST route of a server already on the v2 packages that routes GET and DELETE
 * on its path nowhere (trial 63C B2): the framework answers them 404, where 2026-07-28 answers 405
 * with `Allow: POST` (createMcpHandler does so itself when they reach it). `fix` writes those
 * routes where it moves a v1 route; code already on v2 is left to a person.
 */
export const endpointMethods: CodeRule = {
  target: 'code',
  id: 'endpoint-methods',
  category: 'removed-feature',
  severity: 'info',
  title: 'GET and DELETE on a v2 endpoint answer the framework\'s 404, not 405',
  why:
    '2026-07-28 serves POST only on the MCP endpoint; GET (the standalone stream) and DELETE (the end of a session) answer 405 ' +
    'Method Not Allowed with Allow: POST. createMcpHandler answers them so when they reach it; a route for POST alone leaves them ' +
    'to the framework, which answers 404. Clients cope, but a 2025 client logs an error on each connect and a conformance check fails.',
  fix: { manual: 'Route GET and DELETE on the same path to the same handler (it answers 405 with Allow: POST), or route the path with all().' },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['createmcphandler', 'tonodehandler'],
  check(file, report) {
    if (!/@modelcontextprotocol\/(server|node|express|hono)\b/.test(file.text)) return;
    // (Not where a router answers other methods 405 itself, koa-router's allowedMethods(), nor code
    // that still serves 2025 sessions, whose GET and DELETE belong to that path: review 84.)
    if (/\.allowedMethods\s*\(|\bisLegacyRequest\b/.test(file.text)) return;
    const names = v2HandlerNames(file.sourceFile);
    if (names.size === 0) return;
    const routes: Array<{ call: TS.CallExpression; methods: string[]; path?: string; app: string; written: TS.Expression; handler?: TS.Expression }> = [];
    // Routes declared in a shape not read here: Fastify's `app.route({ method, url })`, Hono's
    // mount `app.route('/api', sub)`, a route() whose result is not chained on.
    let unread = false;
    file.facts.nodes.visit(VISITED, (node) => {
      if (!ts.isCallExpression(node)) return;
      const method = calleeName(node) ?? '';
      const receiver = calleeReceiver(node);
      if (!receiver) return;
      if (method === 'route') {
        if (!chainHead(node)) unread = true;
        return;
      }
      // Hono's `app.on(methods, path, handler)`: its path is its second argument.
      if (method === 'on' && node.arguments.length >= 3) {
        routes.push({ call: node, methods: onMethods(node), path: pathOf(node.arguments[1]), app: receiver.getText(), written: node.arguments[1], handler: node.arguments[node.arguments.length - 1] });
        return;
      }
      if (!ROUTE_METHOD.test(method)) return;
      // A link of Express's route chain, `app.route('/mcp').post(handler).get(...)`: its path is
      // the head's, and its arguments are all handlers (trial 67C B1: the chain was not read, and
      // a POST-only chain went unreported).
      const head = chainOf(node);
      if (head) {
        routes.push({ call: node, methods: [method], path: pathOf(head.arguments[0]), app: calleeReceiver(head)!.getText(), written: head.arguments[0], handler: node.arguments[node.arguments.length - 1] });
        return;
      }
      // A mount counts only where it serves the v2 handler itself (not `app.use('/mcp', requireAuth(...))`, middleware).
      if (method === 'use' && !(node.arguments.length >= 2 && servesV2Handler(node.arguments[node.arguments.length - 1], names))) return;
      routes.push({ call: node, methods: [method], path: pathOf(node.arguments[0]), app: receiver.getText(), written: node.arguments[0], handler: node.arguments.length >= 2 ? node.arguments[node.arguments.length - 1] : undefined });
    });
    if (unread) return;
    for (const post of routes) {
      const written = post.written;
      // (A router's `/` is mounted somewhere this file may not show.)
      if (!post.methods.includes('post') || post.methods.length !== 1 || post.path === undefined || post.path === '/' || !post.handler) continue;
      if (!servesV2Handler(post.handler, names)) continue;
      // (An `all` of middleware alone, `.all(cors())`, answers no method: passesOn.)
      const routed = (m: string) => routes.some((r) => r.app === post.app && r.path === post.path && r.methods.some((x) => x === m || (x === 'all' && !(r.handler && passesOn(r.handler))) || x === 'use'));
      const missing = ['get', 'delete'].filter((m) => !routed(m));
      if (missing.length === 0) continue;
      const shown = ts.isStringLiteralLike(written) ? written.text : written.getText();
      const verbs = missing.map((m) => m.toUpperCase()).join(' and ');
      report({
        node: post.call,
        manual: true,
        message: `POST ${shown} serves createMcpHandler, but ${verbs} ${shown} ${missing.length === 1 ? 'is' : 'are'} routed nowhere: the framework answers ${missing.length === 1 ? 'it' : 'them'} 404, where 2026-07-28 answers 405 with Allow: POST; route ${missing.length === 1 ? 'it' : 'them'} to the same handler, which answers so`,
      });
    }
  },
};
