import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { calleeName, importOf, resolveIdentifier, stringValue, unwrap } from '../analysis/ast.js';
import { importedClass } from '../analysis/module-state.js';
import type { SessionFacts } from '../analysis/session.js';
import { isMcpAgentClass, sessionRoutes } from '../analysis/agents.js';
import { SPEC, type CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.CallExpression);

const SERVE_METHODS = new Set(['serve', 'serveSSE', 'mount']);

/**
 * `MyMcp.serve('/mcp')` / `serveSSE` / `mount`: McpAgent routes each session to its own Durable
 * Object; so does code that names a Durable Object by the session id itself (`getAgentByName(env.X, sessionId)`).
 */
export const mcpAgentServe: CodeRule = {
  target: 'code',
  id: 'mcp-agent-serve',
  category: 'sticky-lb-config',
  severity: 'error',
  title: 'McpAgent routing pins each session to one Durable Object',
  why:
    '`McpAgent.serve()` (and `serveSSE`/`mount`) routes requests by Mcp-Session-Id to the Durable Object that holds that session: ' +
    'it is sticky routing built into the platform. Code that names a Durable Object by the session id itself (`getAgentByName(env.X, sessionId)`, ' +
    '`idFromName(sessionId)`) does the same by hand. 2026-07-28 requests carry no session id, so this routing has nothing to pin on.',
  fix: { manual: 'Serve with a stateless handler (for example `createMcpHandler` in a Worker) and address state by explicit handles.' },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['mcpagent', 'agents/mcp', 'servesse', '.serve(', '.mount(', 'getagentbyname', 'getserverbyname', 'idfromname', 'getbyname'],
  check(file, report) {
    for (const route of sessionRoutes(file.facts)) {
      const callee = calleeName(route.call);
      report({ node: route.call, message: `${callee}() names a Durable Object by the MCP session id: each session is routed to its own object${route.className ? ` (${route.className})` : ''}, sticky by session id` });
    }
    const importsAgent = file.lower.includes('agents/mcp');
    file.facts.nodes.visit(VISITED, (node) => {
      if (!ts.isCallExpression(node)) return;
      const receiver = agentServeReceiver(node, importsAgent, file.facts.modules);
      if (receiver) report({ node, message: `${receiver}.${calleeName(node)}() routes each MCP session to its own Durable Object (sticky by session id)` });
    });
  },
};

/**
 * The McpAgent class a `serve` / `serveSSE` / `mount` call is made on (`MyMcp.mount('/sse')`), by
 * its name in this file; undefined for any other call of those names (Hono's `app.mount()`).
 * `importsAgent`: the file imports agents/mcp.
 */
export function agentServeReceiver(node: TS.CallExpression, importsAgent: boolean, modules?: SessionFacts['modules']): string | undefined {
  const name = calleeName(node);
  if (!name || !SERVE_METHODS.has(name) || !ts.isPropertyAccessExpression(unwrap(node.expression))) return undefined;
  const receiver = unwrap((unwrap(node.expression) as TS.PropertyAccessExpression).expression);
  if (!ts.isIdentifier(receiver)) return undefined;
  const decl = resolveIdentifier(receiver);
  const imported = importOf(receiver);
  // agents' own McpAgent, also handed a path it was given (`static serve(path) { const handler =
  // McpAgent.serve(path); ... }`, a subclass wrapping the routing; trial 30B).
  if (imported && imported.exported === 'McpAgent' && /^agents(\/|$)/.test(imported.module)) return receiver.text;
  if (node.arguments.length > 0 && stringValue(node.arguments[0]) === undefined) return undefined;
  let isAgent: boolean;
  if (decl && ts.isClassDeclaration(decl)) isAgent = isMcpAgentClass(decl);
  else if (imported) {
    // A class from another module of the run: what it extends (trial 26B: `NotesMCP.mount('/sse')`
    // with the class in ./agent). Otherwise serveSSE is McpAgent's alone; serve('/path'), or
    // mount('/path') with no handler after it (Hono's mount takes one), when the name (as
    // exported, or as renamed) says MCP or agent.
    const cls = modules && importedClass(receiver, modules.path, modules.source);
    const path = /^\//.test(stringValue(node.arguments[0]) ?? '');
    const mountsAlone = name === 'mount' && (node.arguments.length === 1 || ts.isObjectLiteralExpression(unwrap(node.arguments[1])));
    isAgent = cls ? isMcpAgentClass(cls) : name === 'serveSSE' || ((name === 'serve' || mountsAlone) && path && /mcp|agent/i.test(`${imported.exported} ${receiver.text}`));
  } else isAgent = importsAgent && /mcp|agent/i.test(receiver.text);
  return isAgent ? receiver.text : undefined;
}
