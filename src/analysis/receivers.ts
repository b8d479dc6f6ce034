/**
 * What kind of MCP object a method is called on, syntactically.
 *
 * Method names such as `ping`, `createMessage`, `listRoots` or `sendRequest` are also methods of
 * Redis clients, database pools, chat APIs and language-server connections that MCP servers
 * commonly wrap. A call only counts as the MCP one when its receiver is an MCP server or client,
 * or a handler's `extra` / `ctx`. The receiver is judged by how it was declared in this file
 * (`new McpServer(...)`, a parameter typed `Client`, `mcp.server`), and, when the declaration says
 * nothing, by a short list of conventional names.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from './typescript.js';
import { calleeName, calleeReceiver, destructuredFrom, enclosingClass, extendsClause, importOf, propertyNameText, resolveIdentifier, unwrap } from './ast.js';

export type McpReceiverKind = 'server' | 'client' | 'context';

/** SDK classes (v1 and v2, plus FastMCP) and the kind of object they make; mcp-lite's and xmcp's handler context types. */
const SDK_CLASSES: Record<string, McpReceiverKind> = {
  McpServer: 'server',
  Server: 'server',
  FastMCP: 'server',
  Client: 'client',
  MCPServerContext: 'context',
  // xmcp's tool context (`extra: ToolExtraArguments`; trial 22A).
  ToolExtraArguments: 'context',
};

/** Names that conventionally hold an MCP object when the declaration gives no type. */
const CONVENTIONAL_NAMES: Record<string, McpReceiverKind> = {
  server: 'server',
  mcpServer: 'server',
  mcp: 'server',
  lowLevelServer: 'server',
  client: 'client',
  mcpClient: 'client',
  extra: 'context',
  _extra: 'context',
  ctx: 'context',
  context: 'context',
  mcpReq: 'context',
};

/** Of CONVENTIONAL_NAMES, those of a server (`server`, `mcp`, ...). */
export const CONVENTIONAL_SERVER_NAMES: readonly string[] = Object.keys(CONVENTIONAL_NAMES).filter((name) => CONVENTIONAL_NAMES[name] === 'server');

/**
 * The kind of SDK object a class reference names: `McpServer`, `ns.McpServer`, or a plain
 * identifier imported under another name (`McpServer as OfficialMcpServer`).
 */
export function sdkClassKind(at: TS.Node, depth = 0): McpReceiverKind | undefined {
  const name = ts.isIdentifier(at) ? at.text : ts.isQualifiedName(at) || ts.isPropertyAccessExpression(at) ? (ts.isQualifiedName(at) ? at.right.text : at.name.text) : undefined;
  if (name === undefined) return undefined;
  if (Object.hasOwn(SDK_CLASSES, name)) return SDK_CLASSES[name];
  // mcp-use's server class, known by its module (other packages' MCPServer is often a client's handle on one).
  const imported = ts.isIdentifier(at) ? importOf(at) : undefined;
  if (imported?.exported === 'MCPServer' && imported.module === 'mcp-use/server') return 'server';
  const exported = imported?.exported;
  if (exported !== undefined && Object.hasOwn(SDK_CLASSES, exported)) return SDK_CLASSES[exported];
  // A class of this file that extends one (`class Toolkit extends McpServer`): its instances are that kind.
  const decl = ts.isIdentifier(at) && depth < 3 ? resolveIdentifier(at) : undefined;
  const base = decl && ts.isClassDeclaration(decl) ? extendsClause(decl)?.expression : undefined;
  return base ? sdkClassKind(unwrap(base), depth + 1) : undefined;
}

/**
 * The kind named by a type annotation of a value called `name`, `false` when the type is known and
 * not an MCP class. A type that says nothing of the value (saysNothing) leaves a context's name to
 * decide (`extra: any`; trial 52B, a helper that elicits), and no other (`client: any`, a Redis
 * client's ping(); review 67), for a name, a parameter or a field alike.
 */
function kindOfType(type: TS.TypeNode | undefined, name?: string): McpReceiverKind | false | undefined {
  if (!type) return undefined;
  if (saysNothing(type)) return name !== undefined && Object.hasOwn(CONVENTIONAL_NAMES, name) && CONVENTIONAL_NAMES[name] === 'context' ? undefined : false;
  const t = ts.isUnionTypeNode(type) ? type.types.find((member) => ts.isTypeReferenceNode(member) || ts.isIndexedAccessTypeNode(member)) : type;
  // `McpServer['server']`: the low-level Server inside an McpServer.
  if (t && ts.isIndexedAccessTypeNode(t)) {
    const index = t.indexType;
    const server = ts.isLiteralTypeNode(index) && ts.isStringLiteral(index.literal) && index.literal.text === 'server';
    return server && ts.isTypeReferenceNode(t.objectType) && sdkClassKind(t.objectType.typeName) === 'server' ? 'server' : false;
  }
  return t && ts.isTypeReferenceNode(t) ? (sdkClassKind(t.typeName) ?? false) : false;
}

/** Types that say nothing of what a value is. */
const SAYS_NOTHING = new Set<TS.SyntaxKind>([ts.SyntaxKind.AnyKeyword, ts.SyntaxKind.UnknownKeyword, ts.SyntaxKind.ObjectKeyword]);

/** `any`, `unknown`, `object`, or a shape written inline (`{ sendRequest: Function }`): nothing of which class a value is. */
function saysNothing(type: TS.TypeNode | undefined): boolean {
  return !!type && (SAYS_NOTHING.has(type.kind) || ts.isTypeLiteralNode(type));
}

/** A method that hands out a server by name (`getServer()`, `handler.getServerForSession(id)`, `serverFor(id)`). */
const SERVER_GETTER = /^(get(Mcp)?Server\w*|(mcp)?[sS]erverFor\w*)$/;

/**
 * The kind of the values a collection variable holds, by its declared type (`Map<string, Server>`,
 * `Record<string, McpServer>`) or the type arguments it is made with (`new Map<string, Server>()`).
 */
function entryKind(collection: TS.Expression): McpReceiverKind | undefined {
  const c = unwrap(collection);
  const decl = ts.isIdentifier(c) ? resolveIdentifier(c) : undefined;
  if (!decl || !(ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl))) return undefined;
  const init = decl.initializer && unwrap(decl.initializer);
  const args = decl.type && ts.isTypeReferenceNode(decl.type) ? decl.type.typeArguments : init && ts.isNewExpression(init) ? init.typeArguments : undefined;
  const value = args?.[args.length - 1];
  return value && args!.length === 2 ? kindOfType(value) || undefined : undefined;
}

/** The kind an initializer makes, `false` when it plainly builds something else. */
function kindOfInitializer(init: TS.Expression | undefined, isContext: (p: TS.ParameterDeclaration) => boolean, depth: number): McpReceiverKind | false | undefined {
  if (!init || depth > 4) return undefined;
  let n = unwrap(init);
  if (ts.isAwaitExpression(n)) n = unwrap(n.expression);
  if (ts.isNewExpression(n)) return sdkClassKind(unwrap(n.expression)) ?? false;
  // An entry of a collection of servers (`servers.get(sessionId)`, `servers[sessionId]`), or a server a getter hands out (trial 27B).
  if (ts.isCallExpression(n)) {
    const name = calleeName(n) ?? '';
    if (name === 'get' && calleeReceiver(n)) return entryKind(calleeReceiver(n)!);
    if (SERVER_GETTER.test(name)) return 'server';
  }
  if (ts.isElementAccessExpression(n)) return entryKind(n.expression);
  if (ts.isPropertyAccessExpression(n) || ts.isIdentifier(n)) return kindOf(n, isContext, depth + 1);
  if (ts.isObjectLiteralExpression(n) || ts.isArrayLiteralExpression(n) || ts.isLiteralExpression(n)) return false;
  return undefined;
}

/** A class member `this.<name>` refers to: its declared type or initializer. */
function memberKind(cls: TS.ClassLikeDeclaration, name: string, isContext: (p: TS.ParameterDeclaration) => boolean, depth: number): McpReceiverKind | false | undefined {
  for (const member of cls.members) {
    if (ts.isPropertyDeclaration(member) && propertyNameText(member.name) === name) {
      return kindOfType(member.type, name) ?? kindOfInitializer(member.initializer, isContext, depth);
    }
    if (ts.isConstructorDeclaration(member)) {
      const param = member.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === name);
      if (param) return kindOfType(param.type, name);
    }
  }
  return undefined;
}

/**
 * Whether `expr` is known to be no MCP server (review 94 point 12): an MCP client or context
 * (mcpReceiverKind); declared as, or built as, another class's object or a plain value (`grid: Grid`,
 * `new Grid()`, a field so declared); what a call named for a client made (`analytics.client()`);
 * a package's export that is no MCP package's (`posthog` of `posthog-js`); or a global the file
 * does not declare (`window`). Not an untyped value of unknown make (`getSdk().makeServer()`, a
 * parameter with no type, an import of the project's own module), nor one typed `any`.
 */
export function knownNotServer(expr: TS.Node, isContext: (p: TS.ParameterDeclaration) => boolean): boolean {
  const kind = kindOf(expr, isContext, 0);
  if (kind) return kind !== 'server';
  const n = unwrap(expr);
  const typed = (type: TS.TypeNode | undefined) => (saysNothing(type) ? undefined : kindOfType(type));
  const made = (init: TS.Expression | undefined): boolean => {
    const value = init && unwrap(init);
    if (value && ts.isCallExpression(value) && /client$/i.test(calleeName(value) ?? '')) return true;
    return kindOfInitializer(init, isContext, 0) === false;
  };
  if (ts.isIdentifier(n)) {
    const decl = resolveIdentifier(n);
    if (!decl) return true;
    if (ts.isVariableDeclaration(decl)) return typed(decl.type) === false || (!decl.type && made(decl.initializer));
    if (ts.isParameter(decl)) return typed(decl.type) === false;
    const from = importOf(n)?.module;
    return from !== undefined && !from.startsWith('.') && !/mcp|modelcontextprotocol/i.test(from);
  }
  if (ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const field = enclosingClass(n)?.members.find((m): m is TS.PropertyDeclaration => ts.isPropertyDeclaration(m) && propertyNameText(m.name) === n.name.text);
    return !!field && (typed(field.type) === false || (!field.type && made(field.initializer)));
  }
  return false;
}

/**
 * Whether `expr` is an MCP server, client or handler context, and which. `isContext` tells
 * whether a parameter is a registered handler's `extra` / `ctx` (see `SessionFacts`).
 */
export function mcpReceiverKind(expr: TS.Node, isContext: (p: TS.ParameterDeclaration) => boolean): McpReceiverKind | undefined {
  return kindOf(expr, isContext, 0);
}

function kindOf(expr: TS.Node, isContext: (p: TS.ParameterDeclaration) => boolean, depth: number): McpReceiverKind | undefined {
  const n = unwrap(expr);
  if (ts.isIdentifier(n)) {
    const decl = resolveIdentifier(n);
    let known: McpReceiverKind | false | undefined;
    if (decl && ts.isVariableDeclaration(decl)) known = kindOfType(decl.type, n.text) ?? kindOfInitializer(decl.initializer, isContext, depth);
    else if (decl && ts.isParameter(decl)) known = isContext(decl) ? 'context' : kindOfType(decl.type, n.text);
    else if (decl && (ts.isClassDeclaration(decl) || ts.isFunctionDeclaration(decl))) known = false;
    // `const { server: inner } = mcp`: the low-level Server an MCP server holds (trial 21A).
    else if (decl && depth < 3) {
      const taken = destructuredFrom(decl);
      if (taken?.key === 'server' && kindOf(taken.from, isContext, depth + 1) === 'server') known = 'server';
    }
    // Imports and undeclared globals say nothing about what they hold: fall back to the name.
    if (known !== undefined) return known || undefined;
    return Object.hasOwn(CONVENTIONAL_NAMES, n.text) ? CONVENTIONAL_NAMES[n.text] : undefined;
  }
  if (ts.isPropertyAccessExpression(n)) {
    const name = n.name.text;
    if (n.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = enclosingClass(n);
      const known = cls ? memberKind(cls, name, isContext, depth) : undefined;
      if (known !== undefined) return known || undefined;
    }
    // `mcp.server` (the low-level Server inside an McpServer), `ctx.mcpReq` (v2 request context).
    if (name === 'server' || name === 'mcpReq') return name === 'server' ? 'server' : 'context';
    return Object.hasOwn(CONVENTIONAL_NAMES, name) ? CONVENTIONAL_NAMES[name] : undefined;
  }
  return undefined;
}

