import { ts } from '../analysis/typescript.js';
import type { ts as TS } from 'ts-morph';
import { heritageNames, resolveIdentifier, unwrap } from '../analysis/ast.js';
import { SPEC, type CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.ClassDeclaration, ts.SyntaxKind.ClassExpression);

/** Cloudflare's McpAgent and the frameworks' subclasses of it under their own names (PaidMcpAgent). */
const PER_SESSION_BASE = /^\w*McpAgent$/;

/**
 * Whether a class is an McpAgent: it extends one by name, or extends a class of this file that is
 * one (`abstract class Base extends McpAgent {}`, then `class Shop extends Base {}`).
 */
export function isMcpAgentClass(cls: TS.ClassLikeDeclaration, seen = new Set<TS.Node>()): boolean {
  if (seen.has(cls)) return false;
  seen.add(cls);
  if (heritageNames(cls).some((n) => PER_SESSION_BASE.test(n))) return true;
  for (const clause of cls.heritageClauses ?? []) {
    if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
    for (const type of clause.types) {
      const base = unwrap(type.expression);
      const decl = ts.isIdentifier(base) ? resolveIdentifier(base) : undefined;
      if (decl && ts.isClassDeclaration(decl) && isMcpAgentClass(decl, seen)) return true;
    }
  }
  return false;
}

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
      if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && isMcpAgentClass(node)) {
        const name = node.name?.text ?? 'anonymous class';
        report({ node: node.name ?? node, message: `${name} extends McpAgent: one Durable Object per MCP session holds its state` });
      }
    });
  },
};
