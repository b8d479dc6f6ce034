import { ts } from '../analysis/typescript.js';
import type { ts as TS } from 'ts-morph';
import { agentFields, agentStateMembers, holdsServer, perSessionClass } from '../analysis/agents.js';
import { codeSnippet, extendsClause, isAssignmentTarget, walk } from '../analysis/ast.js';
import { SPEC, type CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.ClassDeclaration, ts.SyntaxKind.ClassExpression);

/** A type that holds nothing: `never`, `void`, `undefined`, `{}`, `Record<string, never>`, or a local alias of one. */
function emptyType(type: TS.TypeNode, seen = new Set<TS.Node>()): boolean {
  if (seen.has(type)) return false;
  seen.add(type);
  if ([ts.SyntaxKind.NeverKeyword, ts.SyntaxKind.VoidKeyword, ts.SyntaxKind.UndefinedKeyword].includes(type.kind)) return true;
  if (ts.isTypeLiteralNode(type)) return type.members.length === 0;
  if (ts.isParenthesizedTypeNode(type)) return emptyType(type.type, seen);
  if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return false;
  if (type.typeName.text === 'Record') return type.typeArguments?.length === 2 && type.typeArguments.some((t) => t.kind === ts.SyntaxKind.NeverKeyword);
  // A type alias of the module (`type State = Record<string, never>`).
  const name = type.typeName.text;
  const alias = type.getSourceFile().statements.find((st): st is TS.TypeAliasDeclaration => ts.isTypeAliasDeclaration(st) && st.name.text === name);
  return !!alias && emptyType(alias.type, seen);
}

/** The State type an agent class names (`McpAgent<Env, State, Props>`): its second type argument, when it gives one. */
function stateType(cls: TS.ClassLikeDeclaration): TS.TypeNode | undefined {
  return extendsClause(cls)?.typeArguments?.[1];
}

/**
 * What an agent class keeps across requests: its Durable Object state (`this.state`, `setState`,
 * `this.sql`, storage, an `initialState`, a State type that holds something) or fields of its own
 * besides its server. `props` says whether it reads the auth bound when its session started.
 */
function agentKeeps(cls: TS.ClassLikeDeclaration): { state: boolean; props: boolean } {
  const declared = stateType(cls);
  let state = (!!declared && !emptyType(declared)) || agentFields(cls).size > 0;
  let props = false;
  walk(cls, (node) => {
    if (state) return false;
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const name = node.name.text;
      if (agentStateMembers(node)) state = true;
      else if (name === 'props') props = true;
      // `this.client = ...`: a field set in a method.
      else if (!holdsServer(name) && isAssignmentTarget(node)) state = true;
    }
    return undefined;
  });
  return { state, props };
}

/** Classes whose one instance per session holds state, such as Cloudflare `McpAgent` Durable Objects. */
export const mcpAgentState: CodeRule = {
  target: 'code',
  id: 'mcp-agent-state',
  category: 'session-state',
  severity: 'error',
  title: 'One stateful instance per MCP session (McpAgent)',
  why:
    '`McpAgent` creates one Durable Object per MCP session and routes every request carrying that session id to it (as does code that ' +
    'names a Durable Object by the session id itself, `getAgentByName(env.X, sessionId)`); `this.state`, ' +
    '`setState` and instance fields are the session\'s memory. 2026-07-28 requests carry no session id, so there is nothing to route ' +
    'on: state must be addressed by an explicit handle (a Durable Object id derived from it, or a KV/D1 key) that tools receive as an argument.',
  fix: { manual: 'Serve statelessly and address per-flow state by an explicit handle (for example a Durable Object named by the handle).' },
  docs: `${SPEC}/basic`,
  keywords: ['mcpagent', 'getagentbyname', 'getserverbyname', 'idfromname', 'getbyname'],
  check(file, report) {
    file.facts.nodes.visit(VISITED, (node) => {
      if (!ts.isClassDeclaration(node) && !ts.isClassExpression(node)) return;
      const perSession = perSessionClass(node, file.facts);
      if (!perSession) return;
      const name = node.name?.text ?? 'anonymous class';
      const what = 'mcpAgent' in perSession ? `${name} extends McpAgent` : `${name} is the Durable Object that ${codeSnippet(perSession.route.call, 70)} names by the MCP session id`;
      const keeps = agentKeeps(node);
      if (keeps.state) {
        report({ node: node.name ?? node, message: `${what}: one Durable Object per MCP session holds its state` });
        return;
      }
      // No state of its own (cloudflare's API servers: State is Record<string, never>): the
      // object per session only routes, which mcp-agent-serve reports where it is served.
      const props = keeps.props ? "; the props it reads (this.props: its auth, say) are bound from the session's first request, so read them from each request once it is served statelessly" : '';
      report({
        node: node.name ?? node,
        message: `${what} but keeps no state of its own (no state, storage or fields besides its server): its Durable Object per session only routes, so serving it statelessly loses no state${props}`,
        severity: 'info',
      });
    });
  },
};
