import { ts } from '../analysis/typescript.js';
import type { ts as TS } from 'ts-morph';
import { agentFields, agentStateMembers, holdsServer, perSessionClass } from '../analysis/agents.js';
import { accessChainTop, calleeName, codeSnippet, declaringVariable, extendsClause, findAncestor, importOf, isAssignmentTarget, isFunctionLike, isPropertyName, moduleVariableOf, MUTATING_METHODS, propertyNameText, referencesTo, someNode, unwrap, walk } from '../analysis/ast.js';
import { changesIn, collectionKind, fromParameters, storedKey, storedValue } from '../analysis/changes.js';
import type { SessionFacts } from '../analysis/session.js';
import { SPEC, type CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.ClassDeclaration, ts.SyntaxKind.ClassExpression);

/**
 * A type that holds nothing: `never`, `void`, `undefined`, `{}`, `Record<string, never>`, or a
 * local alias of one; also `unknown`, the place-holder of a State not declared before the Props
 * given after it (`McpAgent<Env, unknown, Props>`, trial 26B).
 */
function emptyType(type: TS.TypeNode, seen = new Set<TS.Node>()): boolean {
  if (seen.has(type)) return false;
  seen.add(type);
  if ([ts.SyntaxKind.NeverKeyword, ts.SyntaxKind.VoidKeyword, ts.SyntaxKind.UndefinedKeyword, ts.SyntaxKind.UnknownKeyword].includes(type.kind)) return true;
  if (ts.isTypeLiteralNode(type)) return type.members.length === 0;
  if (ts.isParenthesizedTypeNode(type)) return emptyType(type.type, seen);
  if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return false;
  if (type.typeName.text === 'Record') return type.typeArguments?.length === 2 && type.typeArguments.some((t) => t.kind === ts.SyntaxKind.NeverKeyword);
  // A type alias of the module (`type State = Record<string, never>`).
  const alias = namedType(type.typeName);
  return !!alias && ts.isTypeAliasDeclaration(alias) && emptyType(alias.type, seen);
}

/**
 * The type alias or interface a type's name stands for: declared in its file, or, given the run's
 * modules, in the module of the run it is imported from (`import type { State } from './types'`).
 */
function namedType(name: TS.Identifier, facts?: SessionFacts): TS.TypeAliasDeclaration | TS.InterfaceDeclaration | undefined {
  const imported = importOf(name);
  const module = imported && facts?.modules ? facts.modules.source.resolve(facts.modules.path, imported.module) : undefined;
  const declared = imported ? imported.exported : name.text;
  const statements: readonly TS.Statement[] = imported ? (module?.sourceFile.statements ?? []) : name.getSourceFile().statements;
  return statements.find((st): st is TS.TypeAliasDeclaration | TS.InterfaceDeclaration => (ts.isTypeAliasDeclaration(st) || ts.isInterfaceDeclaration(st)) && st.name.text === declared);
}

/** The State type an agent class names (`McpAgent<Env, State, Props>`): its second type argument, when it gives one. */
function stateType(cls: TS.ClassLikeDeclaration): TS.TypeNode | undefined {
  return extendsClause(cls)?.typeArguments?.[1];
}

/** A field of a State that caches what any instance can fetch again: an upstream token, its expiry. */
const CACHE_FIELD = /token|expir|cache|fetched|refresh|etag|ttl/i;

/**
 * The fields of an agent's State type when every one of them is such a cache
 * (`{ upstreamToken: string | null; upstreamTokenExpiresAt: number | null }`) and the class keeps
 * nothing else (no fields besides its server): undefined otherwise.
 */
function cacheOnlyState(cls: TS.ClassLikeDeclaration, facts: SessionFacts): string[] | undefined {
  let type = stateType(cls);
  if (type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const named = namedType(type.typeName, facts);
    if (named && ts.isInterfaceDeclaration(named)) return cacheFields(named.members, cls, facts);
    type = named?.type;
  }
  return type && ts.isTypeLiteralNode(type) ? cacheFields(type.members, cls, facts) : undefined;
}

function cacheFields(members: TS.NodeArray<TS.TypeElement>, cls: TS.ClassLikeDeclaration, facts: SessionFacts): string[] | undefined {
  const names = members.map((m) => (ts.isPropertySignature(m) && m.name ? propertyNameText(m.name) : undefined));
  if (names.length === 0 || names.some((n) => !n || !CACHE_FIELD.test(n)) || agentFields(cls).size > 0) return undefined;
  // Storage or SQL of its own is more than the State.
  if (/\bthis\.(sql|ctx\.storage|storage)\b/.test(cls.getText())) return undefined;
  // (Nor a State a tool fills with what its caller gave, whatever the field is called: the
  // caller's data, no fetched token, trial 55B B4.)
  if (storesArguments(cls, facts)) return undefined;
  return names as string[];
}

/**
 * Whether a tool of the class writes what its caller gave into its State: `this.state.cache.set(key,
 * value)`, `this.state.notes = notes`, `this.setState({ cache: value })`.
 */
function storesArguments(cls: TS.ClassLikeDeclaration, facts: SessionFacts): boolean {
  let found = false;
  walk(cls, (node) => {
    if (found) return false;
    if (!ts.isPropertyAccessExpression(node) || node.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
    const members = agentStateMembers(node);
    const setState = node.name.text === 'setState' && ts.isCallExpression(node.parent) && node.parent.expression === node ? node.parent.arguments : undefined;
    const written = setState ?? (members?.[0] === 'state' ? writeThrough(node) : undefined);
    const handler = written && facts.handlerAround(node);
    if (handler && isFunctionLike(handler) && written!.some((value) => fromParameters(value, handler, true))) found = true;
    return undefined;
  });
  return found;
}


/**
 * What an agent class keeps across requests: its Durable Object state (`this.state`, `setState`,
 * `this.sql`, storage, an `initialState`, a State type that holds something) or fields of its own
 * besides its server. `props` says whether it reads the auth bound when its session started.
 */
function agentKeeps(cls: TS.ClassLikeDeclaration): { state: boolean; props: boolean; constant: boolean } {
  const declared = stateType(cls);
  let state = agentFields(cls).size > 0;
  let props = false;
  // Its State read (`this.state`, an `initialState`) but never changed: no setState, no write
  // into it, no SQL or storage.
  let reads = false;
  walk(cls, (node) => {
    // (Not before props is known: a setState above a read of this.props, review of the read-through.)
    if (state && props) return false;
    if ((ts.isPropertyDeclaration(node) || ts.isGetAccessorDeclaration(node)) && propertyNameText(node.name) === 'initialState') reads = true;
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const name = node.name.text;
      const members = agentStateMembers(node);
      if (members && members[0] === 'state' && !writesInto(node)) reads = true;
      else if (members && members[0] === 'initialState') reads = true;
      else if (members) state = true;
      else if (name === 'props') props = true;
      // `this.client = ...`: a field set in a method.
      else if (!holdsServer(name) && isAssignmentTarget(node)) state = true;
    }
    return undefined;
  });
  // A base class of this file's agents: its subclasses may write what it declares.
  const extended = !!cls.name && ts.isClassDeclaration(cls) && /\bextends\s+/.test(cls.getSourceFile().text) && cls.getSourceFile().statements.some((st) => ts.isClassDeclaration(st) && st !== cls && extendsClause(st)?.expression.getText() === cls.name!.text);
  const constant = !state && reads && !extended;
  // A State type that holds something, used nowhere here: kept, as far as this file tells.
  if (!state && !constant && !!declared && !emptyType(declared)) state = true;
  return { state, props, constant };
}

const constantStates = new WeakMap<TS.ClassLikeDeclaration, boolean>();

/** Whether an agent class reads a State it never changes (see agentKeeps): its tools' reads of it keep nothing per session. */
export function agentStateIsConstant(cls: TS.ClassLikeDeclaration): boolean {
  let constant = constantStates.get(cls);
  if (constant === undefined) constantStates.set(cls, (constant = agentKeeps(cls).constant));
  return constant;
}

const cacheStates = new WeakMap<TS.ClassLikeDeclaration, boolean>();

/**
 * Whether an agent class's State only caches what any instance can fetch again (a token, its
 * expiry: the rule's warning, see cacheOnlyState): a tool that reaches it through a method of the
 * class (`await this.token()`) keeps nothing of the caller's (trial 73A B1).
 */
export function agentStateIsCache(cls: TS.ClassLikeDeclaration, facts: SessionFacts): boolean {
  let cache = cacheStates.get(cls);
  if (cache === undefined) {
    const keeps = agentKeeps(cls);
    cacheStates.set(cls, (cache = keeps.state && !keeps.props && cacheOnlyState(cls, facts) !== undefined));
  }
  return cache;
}

/** Whether `this.state` is written through (`this.state.count = 1`, `this.state.items.push(x)`), not only read. */
function writesInto(node: TS.PropertyAccessExpression): boolean {
  return writeThrough(node) !== undefined;
}

/**
 * What a write through `this.state` stores: an assignment's right side (`this.state.count = n`), a
 * changing call's arguments (`this.state.items.push(x)`, `this.state.storage.put(k, v)`); undefined
 * where it only reads.
 */
function writeThrough(node: TS.PropertyAccessExpression): readonly TS.Node[] | undefined {
  const n = accessChainTop(node);
  if (isAssignmentTarget(n)) return [(n.parent as TS.BinaryExpression).right];
  const call = n.parent;
  return ts.isPropertyAccessExpression(n) && n !== node && ts.isCallExpression(call) && call.expression === n && (MUTATING_METHODS.has(n.name.text) || STORAGE_WRITES.has(n.name.text)) ? call.arguments : undefined;
}

/** Writes of a Durable Object's storage (`this.state.storage.put(key, value)`, trial 55B B4), beside MUTATING_METHODS. */
const STORAGE_WRITES: ReadonlySet<string> = new Set(['put', 'deleteAll', 'setAlarm', 'exec']);

/** `this.props`: what the agent was given when its session started (the caller's auth). */
function isThisProps(node: TS.Node): boolean {
  return ts.isPropertyAccessExpression(node) && node.name.text === 'props' && node.expression.kind === ts.SyntaxKind.ThisKeyword;
}

/** Whether a value holds what the props hold: read there, or through a local taken from them (`const { accessToken } = this.props`). */
function fromProps(value: TS.Node): boolean {
  return someNode(value, (n) => {
    if (isThisProps(n)) return true;
    const local = ts.isIdentifier(n) && !isPropertyName(n) ? declaringVariable(n) : undefined;
    return !!local?.initializer && someNode(local.initializer, isThisProps);
  });
}

/** Whether code of the module reads a module-level variable (`tokens.get(id)`, `` `Bearer ${currentToken}` ``), beyond writing it. */
function readElsewhere(decl: TS.VariableDeclaration & { name: TS.Identifier }): boolean {
  return referencesTo(decl.getSourceFile(), decl).some((ref) => {
    if (isAssignmentTarget(accessChainTop(ref))) return false;
    const access = ref.parent;
    return !(ts.isPropertyAccessExpression(access) && access.expression === ref && ts.isCallExpression(access.parent) && access.parent.expression === access && MUTATING_METHODS.has(access.name.text));
  });
}

/**
 * Where a method of an agent class keeps what its props hold (the caller's token, its user id) in
 * a variable of its module (`tokens.set(this.props.userId, this.props.accessToken)` in onConnect,
 * `currentToken = this.props.accessToken` in init, trial 74B B5) that the module reads again, once
 * per variable: the memory of one isolate, which every session it serves shares and no other
 * isolate has. A tool that reads `this.props` itself keeps nothing.
 */
function propsKeptInModule(cls: TS.ClassLikeDeclaration): Array<{ node: TS.Node; store: string; noun: string; method: string }> {
  const found = new Map<TS.Node, { node: TS.Node; store: string; noun: string; method: string }>();
  for (const { target, at, how } of changesIn(cls)) {
    const decl = moduleVariableOf(target);
    if (!decl || found.has(decl) || !ts.isIdentifier(decl.name)) continue;
    const value = ts.isBinaryExpression(at) ? at.right : storedValue(at, how);
    if (!value || !fromProps(value) || !readElsewhere(decl as TS.VariableDeclaration & { name: TS.Identifier })) continue;
    // An entry under the agent object itself (`propsOf.set(this, this.props)`, review 94 point 7):
    // each agent's own, which no other session's agent finds.
    const key = storedKey(at, how);
    if (key && unwrap(key).kind === ts.SyntaxKind.ThisKeyword) continue;
    // (collectionKind leaves a WeakMap or WeakSet out: no store a handle reaches, but one all the same.)
    const made = decl.initializer && ts.isNewExpression(unwrap(decl.initializer)) ? calleeName(unwrap(decl.initializer) as TS.NewExpression) : undefined;
    const kind = collectionKind(decl) ?? (made === 'WeakMap' || made === 'WeakSet' ? made : undefined);
    const member = findAncestor(at, (n): n is TS.ClassElement => n.parent === cls);
    const method = member?.name ? propertyNameText(member.name) : undefined;
    found.set(decl, { node: at, store: decl.name.text, noun: kind === 'array' ? 'list' : (kind ?? 'variable'), method: method ? `${method}()` : 'the class' });
  }
  return [...found.values()];
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
      // The caller's props kept in the module's memory (trial 74B B5): as the in-memory token
      // stores of auth-store, an error; the isolate's memory, not the session's Durable Object.
      const kept = propsKeptInModule(node);
      for (const k of kept) {
        report({
          node: k.node,
          message: `${name}'s ${k.method} keeps what its props hold (the caller's auth: ${codeSnippet(k.node, 60)}) in ${k.store}, a module-level ${k.noun}: that is the memory of one isolate, shared by every session it serves and missing on every other isolate or instance, so a tool that reads it there runs with another caller's token or none; read this.props in the tool that needs it (from each request's auth once served statelessly)`,
        });
      }
      // Not where it reads this.props (the caller's auth): a token got with that is the caller's, not one any instance may share.
      const cache = keeps.state && !keeps.props ? cacheOnlyState(node, file.facts) : undefined;
      if (cache) {
        // A client-credentials token and its expiry (trial 37C, opensky): fetched again by any instance.
        report({
          node: node.name ?? node,
          message: `${what}, and its State (${cache.join(', ')}) only caches what it fetches (a token, its expiry): any instance can fetch it again, so serving it statelessly loses the cache, not the caller's state; keep it per isolate (a module-level variable) or in KV`,
          severity: 'warning',
        });
        return;
      }
      if (keeps.state) {
        report({ node: node.name ?? node, message: `${what}: one Durable Object per MCP session holds its state` });
        return;
      }
      // (What follows says it loses no state: not so for an agent that keeps its props in the module.)
      if (kept.length > 0) return;
      if (keeps.constant) {
        // `initialState = { items_per_page: 10 }` read, never set: a default every object starts from.
        report({
          node: node.name ?? node,
          message: `${what}, and reads a State it never changes (no setState, nothing written into it): every object per session starts from the same initialState, so serving it statelessly loses no state; read those values as constants`,
          severity: 'info',
        });
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
