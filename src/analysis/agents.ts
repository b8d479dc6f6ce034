/**
 * Cloudflare's McpAgent as code writes it: which classes are agents (one instance per MCP
 * session) and what of theirs is state kept across requests. mcp-agent-state reports such
 * classes, mcp-agent-serve their routing, stateful-tool the tools that use their state.
 */
import type { ts as TS } from 'ts-morph';
import { baseClassOf, heritageNames } from './ast.js';
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
    if (!holdsServer(member.name.text, member.type)) fields.add(member.name.text);
  }
  return fields;
}

/** Whether members read off `this` (`this.ctx.storage`, `this.state`, `this.sql`...) reach the agent's Durable Object state. */
export function isAgentState(members: readonly string[]): boolean {
  const [first, second] = members;
  return (first === 'ctx' && second === 'storage') || (first !== undefined && STATE_MEMBERS.has(first));
}
