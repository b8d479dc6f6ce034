import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { calleeName, enclosingClass, enclosingFunction, resolveIdentifier, unwrap, walk } from '../analysis/ast.js';
import type { SessionFacts } from '../analysis/session.js';
import { kinds } from '../analysis/nodes.js';
import { SPEC, type CodeRule } from './types.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.CallExpression);

const SERVER_CLASSES = new Set(['McpServer', 'Server']);

/**
 * One server for the whole process: `new McpServer(...)` / `new Server(...)` at the top level of
 * this module, or a binding imported from another (a module's exports are evaluated once).
 */
function moduleLevelServer(receiver: TS.Identifier): boolean {
  const decl = resolveIdentifier(receiver);
  if (decl && (ts.isImportSpecifier(decl) || ts.isImportClause(decl))) return true;
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return false;
  const statement = decl.parent.parent;
  if (!ts.isVariableStatement(statement) || !ts.isSourceFile(statement.parent)) return false;
  const init = unwrap(decl.initializer);
  return ts.isNewExpression(init) && SERVER_CLASSES.has(calleeName(init) ?? '');
}

/**
 * How the server a request connects outlives the request, if it does: one for the whole process
 * (module level, imported), one handed to the function that sets up the routes (a parameter or a
 * local of an enclosing function: every request of those routes gets it), or a field of the
 * object serving the routes (`this.server`, not replaced in the request).
 */
function outlivesRequest(receiver: TS.Node, fn: TS.Node, facts: SessionFacts): string | undefined {
  if (ts.isIdentifier(receiver)) {
    if (moduleLevelServer(receiver)) return 'one server for the whole process';
    const decl = resolveIdentifier(receiver);
    const outside = !!decl && (ts.isVariableDeclaration(decl) || ts.isParameter(decl)) && !(decl.pos >= fn.pos && decl.end <= fn.end);
    if (outside && facts.receiverKind(receiver) === 'server') return ts.isParameter(decl!) ? 'one server handed to the code that sets up the routes' : 'one server made outside the request';
    return undefined;
  }
  if (ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword && facts.receiverKind(receiver) === 'server') {
    let replaced = false;
    walk(fn, (n) => {
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && n.left.getText() === receiver.getText()) replaced = true;
      return replaced ? false : undefined;
    });
    return replaced ? undefined : `one server per ${enclosingClass(receiver)?.name?.text ?? 'object'}, a field shared by its requests`;
  }
  return undefined;
}

/** Whether `fn` serves a request with the transport named `transport` (`transport.handleRequest(...)`). */
function servesRequest(fn: TS.Node, transport: string): boolean {
  let found = false;
  walk(fn, (node) => {
    if (found) return false;
    if (ts.isCallExpression(node) && calleeName(node) === 'handleRequest') {
      const callee = unwrap(node.expression);
      if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(unwrap(callee.expression)) && (unwrap(callee.expression) as TS.Identifier).text === transport) found = true;
    }
    return undefined;
  });
  return found;
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
      if (!fn || !servesRequest(fn, transport.text)) return;
      const receiver = unwrap(callee.expression);
      // A library that checks first (`server.isConnected()`, `server.transport`) and refuses a shared server.
      if (new RegExp(`${receiver.getText().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\.\\s*(isConnected\\s*\\(|transport\\b)`).test(fn.getText())) return;
      const shared = outlivesRequest(receiver, fn, file.facts);
      if (shared) report({ node, message: `${receiver.getText()} is ${shared}, connected to a new transport in every request: concurrent requests collide; build a server per request` });
    });
  },
};
