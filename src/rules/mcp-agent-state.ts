import { ts } from '../analysis/typescript.js';
import { heritageNames } from '../analysis/ast.js';
import { SPEC, type CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.ClassDeclaration, ts.SyntaxKind.ClassExpression);

export const PER_SESSION_BASES = new Set(['McpAgent']);

/** Classes whose one instance per session holds state, such as Cloudflare `McpAgent` Durable Objects. */
export const mcpAgentState: CodeRule = {
  target: 'code',
  id: 'mcp-agent-state',
  category: 'session-state',
  severity: 'error',
  title: 'One stateful instance per MCP session (McpAgent)',
  why:
    '`McpAgent` creates one Durable Object per MCP session and routes every request carrying that session id to it; `this.state`, ' +
    '`setState` and instance fields are the session\'s memory. 2026-07-28 requests carry no session id, so there is nothing to route ' +
    'on: state must be addressed by an explicit handle (a Durable Object id derived from it, or a KV/D1 key) that tools receive as an argument.',
  fix: { manual: 'Serve statelessly and address per-flow state by an explicit handle (for example a Durable Object named by the handle).' },
  docs: `${SPEC}/basic`,
  keywords: ['mcpagent'],
  check(file, report) {
    file.facts.nodes.visit(VISITED, (node) => {
      if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && heritageNames(node).some((n) => PER_SESSION_BASES.has(n))) {
        const name = node.name?.text ?? 'anonymous class';
        report({ node: node.name ?? node, message: `${name} extends McpAgent: one Durable Object per MCP session holds its state` });
      }
    });
  },
};
