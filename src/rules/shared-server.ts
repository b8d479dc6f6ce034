import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { calleeName, enclosingFunction, resolveIdentifier, unwrap, walk } from '../analysis/ast.js';
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
      const receiver = unwrap(callee.expression);
      if (!ts.isIdentifier(receiver) || !moduleLevelServer(receiver)) return;
      const fn = enclosingFunction(node);
      if (!fn || !servesRequest(fn, transport.text)) return;
      report({ node, message: `${receiver.text} is one server for the whole process, connected to a new transport in every request: concurrent requests collide; build a server per request` });
    });
  },
};
