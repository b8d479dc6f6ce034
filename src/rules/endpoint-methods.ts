import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { calleeName, calleeReceiver, resolveFunction, resolveIdentifier, unwrap, walk } from '../analysis/ast.js';
import { kinds } from '../analysis/nodes.js';
import { ROUTE_METHOD, routePath } from '../analysis/routes.js';
import { withoutComments } from '../analysis/mcp.js';
import { SPEC, type CodeRule } from './types.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.CallExpression);

/** The v2 packages' handler, or what their Node adapter makes of it. */
const V2_HANDLER = /\b(createMcpHandler|toNodeHandler)\s*\(/;

/**
 * Whether a route's handler serves the v2 packages' `createMcpHandler`: written in it
 * (`toNodeHandler(createMcpHandler(...))`), or through a const or function of the file holding one
 * (`const handler = toNodeHandler(createMcpHandler(build)); app.post('/mcp', (req, res) => handler(req, res, req.body))`).
 */
function servesV2Handler(argument: TS.Expression): boolean {
  const seen = new Set<TS.Node>();
  const serves = (node: TS.Node, depth: number): boolean => {
    if (seen.has(node) || depth > 2) return false;
    seen.add(node);
    // (The code, not a comment naming it: a marker's advice says createMcpHandler too.)
    if (V2_HANDLER.test(withoutComments(node.getText()))) return true;
    let found = false;
    walk(node, (n) => {
      if (found || !ts.isIdentifier(n)) return found ? false : undefined;
      const decl = resolveIdentifier(n);
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer && serves(decl.initializer, depth + 1)) found = true;
      const fn = !found ? resolveFunction(n) : undefined;
      if (fn && fn !== node && serves(fn, depth + 1)) found = true;
      return undefined;
    });
    return found;
  };
  return serves(unwrap(argument), 0);
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
    // (Not where routes are also declared in a shape not read here, Fastify's `app.route({ method,
    // url })`, or where a router answers other methods 405 itself, koa-router's allowedMethods().)
    if (/\.route\s*\(\s*\{|\.allowedMethods\s*\(/.test(file.text)) return;
    const routes: Array<{ call: TS.CallExpression; method: string; path?: string; app: string }> = [];
    file.facts.nodes.visit(VISITED, (node) => {
      if (!ts.isCallExpression(node)) return;
      const method = calleeName(node) ?? '';
      const receiver = calleeReceiver(node);
      if (!ROUTE_METHOD.test(method) || !receiver) return;
      routes.push({ call: node, method, path: routePath(node), app: receiver.getText() });
    });
    for (const post of routes) {
      if (post.method !== 'post' || post.path === undefined || post.call.arguments.length < 2) continue;
      if (!servesV2Handler(post.call.arguments[post.call.arguments.length - 1])) continue;
      // (A route of the path for that method, all methods or a mount; middleware without a path answers nothing.)
      const routed = (m: string) => routes.some((r) => r.app === post.app && r.path === post.path && (r.method === m || r.method === 'all' || r.method === 'use'));
      const missing = ['get', 'delete'].filter((m) => !routed(m));
      if (missing.length === 0) continue;
      const names = missing.map((m) => m.toUpperCase()).join(' and ');
      report({
        node: post.call,
        manual: true,
        message: `POST ${post.path} serves createMcpHandler, but ${names} ${post.path} ${missing.length === 1 ? 'is' : 'are'} routed nowhere: the framework answers ${missing.length === 1 ? 'it' : 'them'} 404, where 2026-07-28 answers 405 with Allow: POST; route ${missing.length === 1 ? 'it' : 'them'} to the same handler, which answers so`,
      });
    }
  },
};
