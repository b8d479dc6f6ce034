/**
 * Cloudflare's McpAgent as code writes it, and the Durable Objects code names by the MCP session
 * id itself (`getAgentByName(env.X, sessionId)`): which classes have one instance per MCP session
 * and what of theirs is state kept across requests. mcp-agent-state reports such classes,
 * mcp-agent-serve their routing, stateful-tool the tools that use their state.
 */
import type { ts as TS } from 'ts-morph';
import { baseClassOf, calleeName, heritageNames, unwrap } from './ast.js';
import { kinds } from './nodes.js';
import type { SessionFacts } from './session.js';
import { ts } from './typescript.js';

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
  const base = baseClassOf(cls);
  return !!base && isMcpAgentClass(base, seen);
}

/** Members whose use keeps state in the agent's Durable Object. */
const STATE_MEMBERS = new Set(['state', 'setState', 'sql', 'storage', 'initialState', 'onStateUpdate']);

/** The agent's server (`server`, `_server: CloudflareMCPServer | undefined` behind a getter): built once, not the session's memory. */
export function holdsServer(name: string, type?: TS.TypeNode): boolean {
  return /^_*server$/i.test(name) || (!!type && /^\w*Server\b/.test(type.getText()));
}

/** The fields an agent class declares for state of its own: not static, not its server. */
export function agentFields(cls: TS.ClassLikeDeclaration): Set<string> {
  const fields = new Set<string>();
  for (const member of cls.members) {
    if (!ts.isPropertyDeclaration(member) || !ts.isIdentifier(member.name) || member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) continue;
    // (Its initialState is the default of its State, read through this.state.) A field holding a
    // function (`withPermissions = (action, fn) => ...`) is a method written as a field (trial 26B);
    // one assigned later is state, which a write to it says.
    const fn = member.initializer && unwrap(member.initializer);
    if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) continue;
    if (!holdsServer(member.name.text, member.type) && member.name.text !== 'initialState') fields.add(member.name.text);
  }
  return fields;
}

/** Whether members read off `this` (`this.ctx.storage`, `this.state`, `this.sql`...) reach the agent's Durable Object state. */
export function isAgentState(members: readonly string[]): boolean {
  const [first, second] = members;
  return (first === 'ctx' && second === 'storage') || (first !== undefined && STATE_MEMBERS.has(first));
}

/** The members `this.name(.next)` reads when they reach the agent's Durable Object state (`['ctx', 'storage']`), else undefined. */
export function agentStateMembers(node: TS.PropertyAccessExpression): string[] | undefined {
  if (node.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const next = ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node ? node.parent.name.text : undefined;
  const members = next === undefined ? [node.name.text] : [node.name.text, next];
  return isAgentState(members) ? members : undefined;
}

/**
 * A Durable Object the code addresses by the MCP session id (`getAgentByName(env.MyAgent,
 * sessionId)`, `env.NS.idFromName(sid)`, `env.NS.getByName(sid)`): each session reaches its own
 * object, as McpAgent.serve() does, so that object is the session's memory. `className`: the
 * class of this file the namespace holds, when the code says which (`env.MyAgent` naming the
 * class, or the Env type's `MyAgent: DurableObjectNamespace<MyAgent>`).
 */
export interface SessionRoute {
  call: TS.CallExpression;
  className?: string;
}

/** The calls that name a Durable Object: by name (the key's argument) with the namespace expression. */
const ROUTE_CALLS: Record<string, { key: number; namespace: 'argument' | 'receiver' }> = {
  getAgentByName: { key: 1, namespace: 'argument' },
  getServerByName: { key: 1, namespace: 'argument' },
  idFromName: { key: 0, namespace: 'receiver' },
  getByName: { key: 0, namespace: 'receiver' },
};

const ROUTE_CALL_NAMES = new RegExp(`\\b(?:${Object.keys(ROUTE_CALLS).join('|')})\\b`);

const routeMemo = new WeakMap<TS.SourceFile, SessionRoute[]>();

/** The calls of a file that route each MCP session to a Durable Object of its own (SessionRoute). */
export function sessionRoutes(facts: SessionFacts): SessionRoute[] {
  const sourceFile = facts.sourceFile;
  const known = routeMemo.get(sourceFile);
  if (known) return known;
  const routes: SessionRoute[] = [];
  if (ROUTE_CALL_NAMES.test(sourceFile.text)) {
    const namespaceTypes = namespaceClasses(sourceFile);
    facts.nodes.visit(ROUTE_KINDS, (node) => {
      if (!ts.isCallExpression(node)) return;
      const name = calleeName(node);
      const shape = name !== undefined && Object.hasOwn(ROUTE_CALLS, name) ? ROUTE_CALLS[name] : undefined;
      if (!shape) return;
      const callee = unwrap(node.expression);
      if (shape.namespace === 'receiver' && !ts.isPropertyAccessExpression(callee)) return;
      const namespaceNode = shape.namespace === 'argument' ? node.arguments[0] : (callee as TS.PropertyAccessExpression).expression;
      const key = node.arguments[shape.key];
      if (!namespaceNode || !key || !facts.isSessionId(key)) return;
      const namespace = unwrap(namespaceNode);
      const member = ts.isPropertyAccessExpression(namespace) ? namespace.name.text : ts.isIdentifier(namespace) ? namespace.text : undefined;
      const className = member === undefined ? undefined : namespaceTypes.get(member) ?? (localClass(sourceFile, member) ? member : undefined);
      routes.push({ call: node, className });
    });
  }
  routeMemo.set(sourceFile, routes);
  return routes;
}

const ROUTE_KINDS = kinds(ts.SyntaxKind.CallExpression);

function localClass(sourceFile: TS.SourceFile, name: string): boolean {
  return sourceFile.statements.some((st) => ts.isClassDeclaration(st) && st.name?.text === name);
}

/** An Env type's Durable Object bindings: `MY_AGENT: DurableObjectNamespace<MyAgent>` (or AgentNamespace) gives MY_AGENT → MyAgent. */
function namespaceClasses(sourceFile: TS.SourceFile): Map<string, string> {
  const map = new Map<string, string>();
  const members = (list: TS.NodeArray<TS.TypeElement>) => {
    for (const member of list) {
      if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeReferenceNode(member.type) || !ts.isIdentifier(member.type.typeName)) continue;
      const arg = member.type.typeArguments?.[0];
      if (!/^(DurableObjectNamespace|AgentNamespace)$/.test(member.type.typeName.text) || !arg || !ts.isTypeReferenceNode(arg) || !ts.isIdentifier(arg.typeName)) continue;
      const key = ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : undefined;
      if (key) map.set(key, arg.typeName.text);
    }
  };
  for (const st of sourceFile.statements) {
    if (ts.isInterfaceDeclaration(st)) members(st.members);
    else if (ts.isTypeAliasDeclaration(st) && ts.isTypeLiteralNode(st.type)) members(st.type.members);
  }
  return map;
}

/**
 * Why a class's one instance serves one MCP session: an McpAgent, or a class this file routes
 * each session to by its id (its first SessionRoute). Undefined for any other class.
 */
export function perSessionClass(cls: TS.ClassLikeDeclaration, facts: SessionFacts): { mcpAgent: true } | { route: SessionRoute } | undefined {
  if (isMcpAgentClass(cls)) return { mcpAgent: true };
  const name = cls.name?.text;
  const route = name === undefined ? undefined : sessionRoutes(facts).find((r) => r.className === name);
  return route ? { route } : undefined;
}
