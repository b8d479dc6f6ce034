import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { calleeName, enclosingClass, enclosingFunction, importOf, resolveIdentifier, unwrap, walk } from '../analysis/ast.js';
import type { SessionFacts } from '../analysis/session.js';
import { kinds } from '../analysis/nodes.js';
import { SPEC, type CodeRule } from './types.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.CallExpression);

/**
 * What the request function does, from one walk: serves the request with `transport`
 * (`transport.handleRequest(...)`), checks the server's connection first (`server.isConnected()`,
 * `server.transport`: a library refusing a shared server), replaces the server (`this.server = ...`).
 */
function inRequest(fn: TS.Node, transport: string, server: string): { serves: boolean; checks: boolean; replaces: boolean } {
  const seen = { serves: false, checks: false, replaces: false };
  walk(fn, (node) => {
    if (ts.isCallExpression(node) && calleeName(node) === 'handleRequest') {
      const callee = unwrap(node.expression);
      if (ts.isPropertyAccessExpression(callee) && unwrap(callee.expression).getText() === transport) seen.serves = true;
    } else if (ts.isPropertyAccessExpression(node) && /^(isConnected|transport)$/.test(node.name.text) && unwrap(node.expression).getText() === server) {
      seen.checks = true;
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && node.left.getText() === server) {
      seen.replaces = true;
    }
    return undefined;
  });
  return seen;
}

/**
 * How the server a request connects outlives the request, if it does: one for the whole process
 * (module level, or imported: a module's exports are evaluated once), one handed to the function
 * that sets up the routes (a parameter, or a local of an enclosing function: every request of
 * those routes gets it), or a field of the object serving the routes (`this.server`).
 */
export function outlivesRequest(receiver: TS.Node, fn: TS.Node, facts: SessionFacts): string | undefined {
  if (ts.isIdentifier(receiver)) {
    if (importOf(receiver)) return 'one server for the whole process';
    let decl: TS.Node | undefined = resolveIdentifier(receiver);
    // `const { server, cleanup } = createServer()`: the declaration the binding belongs to.
    while (decl && ts.isBindingElement(decl)) decl = decl.parent.parent;
    if (!decl || !(ts.isVariableDeclaration(decl) || ts.isParameter(decl)) || (decl.pos >= fn.pos && decl.end <= fn.end)) return undefined;
    if (facts.receiverKind(receiver) !== 'server') return undefined;
    if (ts.isParameter(decl)) return 'one server handed to the code that sets up the routes';
    return enclosingFunction(decl) ? 'one server made outside the request' : 'one server for the whole process';
  }
  if (ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword && facts.receiverKind(receiver) === 'server') {
    return `one server per ${enclosingClass(receiver)?.name?.text ?? 'object'}, a field shared by its requests`;
  }
  return undefined;
}

/** One module-level server connected to a new transport in every request. */
export const sharedServer: CodeRule = {
  target: 'code',
  id: 'shared-server',
  category: 'shared-server',
  severity: 'error',
  title: 'One server instance connected for every request',
  why:
    'Stateless serving builds a transport per request and connects a server to it. An SDK server holds one connected transport at ' +
    'a time: connecting the same module-level server in every request makes concurrent requests fail ("Already connected") or ' +
    'answer on one another\'s streams, which a load test finds and a single-user test does not. Each request needs its own server ' +
    '(createMcpHandler takes a factory for this reason).',
  fix: { manual: 'Build the server in a function that registers the tools, and call it per request (or pass it to createMcpHandler).' },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['handlerequest'],
  check(file, report) {
    file.facts.nodes.visit(VISITED, (node) => {
      if (!ts.isCallExpression(node) || calleeName(node) !== 'connect' || node.arguments.length !== 1) return;
      const callee = unwrap(node.expression);
      const transport = unwrap(node.arguments[0]);
      if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(transport)) return;
      const fn = enclosingFunction(node);
      if (!fn) return;
      const receiver = unwrap(callee.expression);
      const request = inRequest(fn, transport.text, receiver.getText());
      // A library that checks the connection first refuses a shared server; a server replaced in the request is its own.
      if (!request.serves || request.checks || request.replaces) return;
      const shared = outlivesRequest(receiver, fn, file.facts);
      if (shared) report({ node, message: `${receiver.getText()} is ${shared}, connected to a new transport in every request: concurrent requests collide; build a server per request` });
    });
  },
};
