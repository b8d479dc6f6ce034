/**
 * Per-file data-flow facts about the MCP session id.
 *
 * The word "session" proves nothing: a browser session, a CDP session or an OAuth session is not
 * an MCP session. What makes a value the MCP session id is where it comes from:
 *   - `extra.sessionId` / `ctx.sessionId` in a handler, `transport.sessionId`;
 *   - the `Mcp-Session-Id` header (`req.headers[...]`, `headers.get()`, `c.req.header()`, ...);
 *   - the `sessionId` query parameter of the legacy SSE message endpoint (only in files that serve
 *     the SSE transport: elsewhere `?sessionId=` is some other session);
 *   - the argument of `onsessioninitialized` / `onsessionclosed`;
 *   - a local variable, destructuring, `??`/ternary or template built from one of those;
 *   - a parameter of a local function that is called with one of those.
 * A collection is session-keyed when such a value is used as its key (or its declared type says
 * it holds server transports keyed by string). Uses through a helper's parameter count for the
 * collection the callers pass, and uses of an inner value (`m.get(uri).add(sid)`, also through a
 * local variable) count for the outer collection.
 */
import { exportedDeclaration, isRunSpecifier, type LoadedModule, type ModuleSource } from './modules.js';
import type { ts as TS } from 'ts-morph';
import { isBuiltin } from 'node:module';
import { ts } from './typescript.js';
import { isMcpCode, mayServe, namesClient, SERVER_MODULE_SPECIFIER, SERVER_NAME } from './mcp.js';
import { afterFailedDiscover, endsByLeaving, isDiscoverRequest, testsEra } from './eras.js';
import {
  accessChain,
  accessName,
  accessRoot,
  calleeName,
  constantString,
  enclosingClass,
  enclosingFunction,
  findAncestor,
  functionDeclarationOf,
  functionNameNode,
  importOf,
  moduleExportOf,
  inLogCall,
  isAssignment,
  isAssignmentTarget,
  isConstDeclaration,
  isEqualityTest,
  globalsValue,
  isFallback,
  isExported,
  isFunctionLike,
  isLogCall,
  isNullish,
  isUndefinedValue,
  stringValue,
  isModuleVariable,
  isModuleSpecifier,
  isThisOrSuper,
  outermost,
  parameterOfMember,
  propertyNameText,
  referenceName,
  referencesTo,
  madeFunction,
  resolveFunction,
  resolveIdentifier,
  resolveInitializer,
  returnedExpressions,
  typeNameText,
  someNode,
  typeNamed,
  typeReferences,
  importedBindings,
  unwrap,
  walk,
  type Declaration,
  jsDocValueType,
  isPropertyName,
  isStaticMember,
  readImportedMembers,
} from './ast.js';
import { findRegistrations, handingOnContexts, importedRegistrations, type Registration } from './registrations.js';
import { NodeIndex, kinds } from './nodes.js';
import { mcpReceiverKind, type McpReceiverKind } from './receivers.js';
import { HAND_WRITTEN_ENDPOINT_EVENT } from './sse.js';
import { CALLER_TALLY, IDENTITY_FIELD, LIMIT_COUNT, mayNameCredential, namesCredential, NOT_CREDENTIALS, RESET_COUNT, stateKind, stateWords } from './state-kind.js';
import { commonJsExports, fieldStart, importedClassAt, importedDeclaration as importedVariableAt, importedFunctionAt, importedMethodAt, sharedStateStore } from './module-state.js';
import { fromParameters } from './changes.js';

/** Calls that mint an id (`randomUUID()`, `nanoid()`, `uuidv4()`, `crypto.randomBytes(8).toString('hex')`, `Date.now()`, `Math.random()`). */
export const MINTS_ID = /^(randomUUID|uuid(v[1-7])?|v[1-7]|nanoid|customAlphabet|cuid2?|createId|ulid|generateId|randomId|randomBytes|now|random)$/;

export const SESSION_HEADER = 'mcp-session-id';

/** Names a handler's context parameter goes by in the wild. */
const CONTEXT_NAMES = new Set(['extra', '_extra', 'ctx', '_ctx', 'context', 'requestExtra', 'handlerExtra', 'mcpExtra', 'extras', 'reqExtra']);

/**
 * A parameter typed as the SDK's (v1) handler context, whatever it is called (`x:
 * RequestHandlerExtra<ServerRequest, ServerNotification>`, also in a union), or as a type alias of
 * it (trial 55B B3: `type Extra = RequestHandlerExtra<...>` in a helper module): one of the file's
 * (`aliases`, contextAliases), or one a module of the run exports where the type or the parameter
 * is named for a context (only those are followed: most imported types are the app's own data).
 */
function typedAsContext(param: TS.ParameterDeclaration, aliases: ReadonlySet<string>, modules?: { path: string; source: ModuleSource }): boolean {
  const type = param.type;
  if (namesContextType(type, aliases)) return true;
  if (!type || !modules) return false;
  // (The names first, cheap: most parameters' types are the app's own data.)
  const named = (ref: TS.TypeReferenceNode) => ts.isIdentifier(ref.typeName) && (CONTEXT_TYPE_NAME.test(ref.typeName.text) || (ts.isIdentifier(param.name) && CONTEXT_NAMES.has(param.name.text)));
  return typeReferences(type).some((ref) => {
    const imported = named(ref) ? importOf(ref.typeName as TS.Identifier) : undefined;
    return !!imported && isRunSpecifier(imported.module) && importedContextType(modules, imported.module, imported.exported);
  });
}

const importedContextMemo = new WeakMap<ModuleSource, Map<string, boolean>>();

/**
 * Whether a module of the run that a file imports `exported` from declares it as an alias of the
 * SDK's context, or re-exports the SDK's type under that name (`export type { RequestHandlerExtra
 * as ToolCtx } from '...'`, review 71): once per run, module and name.
 */
function importedContextType(modules: { path: string; source: ModuleSource }, specifier: string, exported: string): boolean {
  const module = modules.source.resolve(modules.path, specifier);
  if (!module) return false;
  let known = importedContextMemo.get(modules.source);
  if (!known) importedContextMemo.set(modules.source, (known = new Map()));
  const key = `${module.path}#${exported}`;
  let answer = known.get(key);
  if (answer === undefined) {
    const alias = exportedDeclaration(module, exported, modules.source, ts.isTypeAliasDeclaration);
    answer = alias
      ? namesContextType(alias.type, contextAliases(alias.getSourceFile()))
      : module.sourceFile.statements.some((st) => ts.isExportDeclaration(st) && !!st.exportClause && ts.isNamedExports(st.exportClause) && st.exportClause.elements.some((e) => e.name.text === exported && (e.propertyName ?? e.name).text === 'RequestHandlerExtra'));
    known.set(key, answer);
  }
  return answer;
}

/** Whether a type names the SDK's handler context, or one of `aliases`, itself or as a member of a union or an intersection. */
function namesContextType(type: TS.TypeNode | undefined, aliases: ReadonlySet<string>): boolean {
  return typeNamed(type, (name) => name === 'RequestHandlerExtra' || aliases.has(name));
}

/** The methods a web framework's app or router takes routes and middleware by (Koa, koa-router, Express, Hono, Fastify). */
const WEB_ROUTE_METHODS = /^(use|get|post|put|patch|delete|del|all|head|options)$/;

/** h3's (Nitro's, Nuxt's) handler factories: what they are handed takes the request's event. */
const H3_HANDLER_FACTORIES = /^(define(Cached|Lazy)?EventHandler|eventHandler|cachedEventHandler|lazyEventHandler|defineWebSocketHandler)$/;

/** The web frameworks whose request context a type of theirs names (`Koa.Context`, `RouterContext`, `H3Event`). */
const WEB_FRAMEWORK_MODULE = /^(koa|@koa\/[\w.-]+|koa-[\w.-]+|h3|hono|express|fastify|@hapi\/hapi|elysia)$/;

/** Whether a parameter's type is a type of a web framework's package (`ctx: Koa.Context`, `ctx: ParameterizedContext`), also in a union. */
function webFrameworkType(type: TS.TypeNode | undefined): boolean {
  return !!type && typeReferences(type).some((ref) => {
    let root: TS.EntityName = ref.typeName;
    while (ts.isQualifiedName(root)) root = root.left;
    const imported = importOf(root);
    return !!imported && WEB_FRAMEWORK_MODULE.test(imported.module);
  });
}

/**
 * The property path from a function's parameter to an expression (`''` for `ctx`, `'context'` for
 * `event.context`), or undefined where the expression is not read off a parameter.
 */
function pathFromParameter(expr: TS.Node): string | undefined {
  const names: string[] = [];
  let n = unwrap(expr);
  while (ts.isPropertyAccessExpression(n)) {
    names.unshift(n.name.text);
    n = unwrap(n.expression);
  }
  const decl = ts.isIdentifier(n) ? resolveIdentifier(n) : undefined;
  return decl && ts.isParameter(decl) ? names.join('.') : undefined;
}

/** A type named for a handler's context (`Extra`, `ToolCtx`, `HandlerContext`). */
const CONTEXT_TYPE_NAME = /extra|context|ctx/i;

const contextAliasMemo = new WeakMap<TS.SourceFile, ReadonlySet<string>>();

/** The type aliases a file declares at its top level for the SDK's handler context (`type Extra = RequestHandlerExtra<...>`), also of one another. */
function contextAliases(sf: TS.SourceFile): ReadonlySet<string> {
  let names = contextAliasMemo.get(sf);
  if (names) return names;
  const found = new Set<string>();
  if (sf.text.includes('RequestHandlerExtra')) {
    // Imported under another name (`import type { RequestHandlerExtra as Extra }`, review 71).
    for (const st of sf.statements) if (ts.isImportDeclaration(st)) for (const b of importedBindings(st)) if (b.exported === 'RequestHandlerExtra') found.add(b.local);
    const aliases = sf.statements.filter(ts.isTypeAliasDeclaration);
    for (let added = true; added; ) {
      added = false;
      for (const alias of aliases) {
        if (found.has(alias.name.text) || !namesContextType(alias.type, found)) continue;
        found.add(alias.name.text);
        added = true;
      }
    }
  }
  contextAliasMemo.set(sf, (names = found));
  return names;
}

/** A `throw`, or a tool error answered (`isError: true`): where a handler refuses the call. */
export function refusesCall(n: TS.Node): boolean {
  return ts.isThrowStatement(n) || (ts.isPropertyAssignment(n) && propertyNameText(n.name) === 'isError' && unwrap(n.initializer).kind === ts.SyntaxKind.TrueKeyword);
}

/** Binary expressions (the comparisons comparedToLimit looks at). */
const BINARY_EXPRESSIONS = kinds(ts.SyntaxKind.BinaryExpression);

/** Parameters (the node kind typedAsContext looks at). */
const PARAMETERS = kinds(ts.SyntaxKind.Parameter);

const HEADER_READERS = new Set(['get', 'header', 'getHeader', 'headers', 'getHeaders']);

/** A field named for the MCP session id: `mcpSessionId`, `mcp_session_id`. */
const MCP_SESSION_ID_FIELD = /^mcp_?session_?id$/i;

/** A constant named for the session header (`SESSION_ID_HEADER`, `MCP_SESSION_HEADER`, `HEADERS.sessionId`): it says session, and MCP or header. */
export const SESSION_HEADER_CONSTANT = /^(?=.*session)(?=.*(?:mcp|header))/i;

/**
 * Whether a header name is the MCP session header: the literal (or a const of this file holding
 * it, also cased by `.toLowerCase()`), or a constant imported from a module of the application's own and named for it
 * (`req.headers[SESSION_ID_HEADER]` with `import { SESSION_ID_HEADER } from './constants.js'`):
 * another module's value is not read, its name is.
 */
export function namesSessionHeader(node: TS.Node | undefined): boolean {
  if (!node) return false;
  if (constantString(node)?.toLowerCase() === SESSION_HEADER) return true;
  const n = unwrap(node);
  // `HEADER.toLowerCase()` (trial 53B B4: `req.headers[HEADER.toLowerCase()]`, `HEADER = 'Mcp-Session-Id'`).
  if (ts.isCallExpression(n) && n.arguments.length === 0 && ts.isPropertyAccessExpression(n.expression) && /^to(Lower|Upper)Case$/.test(n.expression.name.text)) return namesSessionHeader(n.expression.expression);
  if (!ts.isIdentifier(n) && !ts.isPropertyAccessExpression(n)) return false;
  const root = accessRoot(n);
  return ts.isIdentifier(root) && SESSION_HEADER_CONSTANT.test(n.getText()) && (importOf(root)?.module.startsWith('.') ?? false);
}

/** A session store's own methods, handed the session id first: `sessions.getSession(id)`, `createSessionWithToken(id, ...)`. */
const SESSION_STORE_VERBS = 'get|set|has|delete|remove|create|update|save|load|touch|clear|destroy';
const SESSION_STORE_METHOD = new RegExp(`^(${SESSION_STORE_VERBS}|end)Session(s)?([A-Z]\\w*)?$`);
/**
 * The same as an imported function's name, and a test of what is kept (`isSessionOwnedBy`): not a
 * helper that makes a logger or a span for the session (`getSessionLogger`), telemetry, not state.
 */
const SESSION_STORE_FUNCTION = new RegExp(`^(${SESSION_STORE_VERBS}|is|store|record)Session(s)?(?!(Logger|Log|Span|Tracer|Metrics?)$)([A-Z]\\w*)?$`);

/** A session store by its name (`sessionStore.getOrCreate(id)`, `this.sessionManager.isValid(id)`): any method handed the id first is keyed by it. */
const SESSION_STORE_NAME = /^sessions?(Store|Manager|Registry|Cache|Map|Table)$/i;

/** Methods whose first argument is the key of a map-like store (in-memory or external). */
const KEYED_METHODS = new Set([
  'get', 'set', 'has', 'delete', 'add', 'del', 'getItem', 'setItem', 'removeItem', 'put',
  'hget', 'hset', 'hgetall', 'hdel', 'hincrby', 'incr', 'incrby', 'decr', 'expire',
  'sadd', 'srem', 'smembers', 'lpush', 'rpush', 'lrange', 'json.get', 'json.set',
]);

const SEARCH_METHODS = new Set(['find', 'findIndex', 'filter', 'some', 'findLast']);

const TRANSPORT_TYPE = /(ServerTransport|^Transport$|HTTPTransport$)/;
const SERVER_TRANSPORT_TYPE = /(Streamable\w*ServerTransport|SSEServerTransport)$/;
const SERVER_TYPE = /^(McpServer|Server|FastMCP)$/;

/** Whether an expression makes a transport (`new StreamableHTTPServerTransport(...)`), whose `sessionId` is the MCP session id. */
function newTransport(value: TS.Expression): boolean {
  const made = unwrap(value);
  return ts.isNewExpression(made) && TRANSPORT_TYPE.test(calleeName(made) ?? '');
}

const TYPE_DECLARATIONS = kinds(ts.SyntaxKind.InterfaceDeclaration, ts.SyntaxKind.TypeAliasDeclaration);
const LOCAL_NAME_NODES = kinds(ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.ClassDeclaration, ts.SyntaxKind.VariableDeclaration);
const CALLS = kinds(ts.SyntaxKind.CallExpression);
const VARIABLES = kinds(ts.SyntaxKind.VariableDeclaration);
const PROPERTY_ASSIGNMENTS = kinds(ts.SyntaxKind.PropertyAssignment);
const CONDITIONS = kinds(ts.SyntaxKind.IfStatement, ts.SyntaxKind.ConditionalExpression);
const COLLECTION_DECLARATIONS = kinds(ts.SyntaxKind.VariableDeclaration, ts.SyntaxKind.PropertyDeclaration, ts.SyntaxKind.Parameter, ts.SyntaxKind.BinaryExpression);
/** What names a server module or class in code (see namesServerInCode); import declarations to skip the type-only ones. */
const SERVER_NAMING = kinds(ts.SyntaxKind.ImportDeclaration, ts.SyntaxKind.Identifier, ts.SyntaxKind.StringLiteral);
const COLLECTION_USES = kinds(ts.SyntaxKind.CallExpression, ts.SyntaxKind.ElementAccessExpression, ts.SyntaxKind.Identifier, ts.SyntaxKind.PropertyAccessExpression);

export type ValueKind = 'transport' | 'server' | 'session-object' | 'data';

/**
 * A function called from elsewhere (no call in this file) that takes an MCP server and an
 * optional `sessionId` (`(server: McpServer, sessionId?: string)`): the optional id that comes
 * with a server is the MCP session id (`extra.sessionId` is `string | undefined`); a browser's or
 * a terminal's is required.
 */
function handedServerAndSessionId(fn: TS.FunctionLikeDeclaration, param: TS.ParameterDeclaration): boolean {
  if (!ts.isIdentifier(param.name) || !/^(mcp)?sessionId$/i.test(param.name.text)) return false;
  const optional = !!param.questionToken || (!!param.type && ts.isUnionTypeNode(param.type) && param.type.types.some((t) => t.kind === ts.SyntaxKind.UndefinedKeyword));
  if (!optional) return false;
  return fn.parameters.some((p) => p !== param && !!p.type && ts.isTypeReferenceNode(p.type) && /^(McpServer|Server)$/.test(p.type.typeName.getText()));
}

/**
 * A parameter `{ sessionId }` of a function that builds an MCP server: a framework's factory
 * called once per session with its id (smithery's `createStatefulServer(({ sessionId, config }) =>
 * new McpServer(...))`), so the server and what its tools key by that id belong to one session.
 */
function buildsServerPerSession(param: TS.ParameterDeclaration): boolean {
  return isFunctionLike(param.parent) && buildsServer(param.parent);
}

const buildsServerMemo = new WeakMap<TS.Node, boolean>();

/** Whether a function's body builds an SDK server (`new McpServer(...)`, `new Server(...)`, `new sdk.McpServer(...)`). */
export function buildsServer(fn: TS.FunctionLikeDeclaration): boolean {
  if (!fn.body) return false;
  let builds = buildsServerMemo.get(fn);
  if (builds === undefined) {
    builds = false;
    walk(fn.body, (n) => {
      if (builds) return false;
      if (ts.isNewExpression(n) && /^(Mcp)?Server$/.test(calleeName(n) ?? '')) builds = true;
      return undefined;
    });
    buildsServerMemo.set(fn, builds);
  }
  return builds;
}

/**
 * Whether a function builds a server in its own body, not only in a callback it sets up: a call of
 * it is a new server (`buildServer()`), where one whose routes build a server per request
 * (`createApp()`) hands out an app (trial 66B B1).
 */
export function buildsServerItself(fn: TS.FunctionLikeDeclaration): boolean {
  if (!buildsServer(fn)) return false;
  // (Asked of every call shared-server's memo check meets: once per function, as buildsServer is.)
  let built = buildsServerItselfMemo.get(fn);
  if (built !== undefined) return built;
  built = false;
  walk(fn.body!, (n) => {
    if (built || (n !== fn.body && isFunctionLike(n))) return false;
    if (ts.isNewExpression(n) && /^(Mcp)?Server$/.test(calleeName(n) ?? '')) built = true;
    return undefined;
  });
  buildsServerItselfMemo.set(fn, built);
  return built;
}

const buildsServerItselfMemo = new WeakMap<TS.Node, boolean>();

export interface Collection {
  /** The node a finding points at: the declaration's name, or the first keyed use. */
  reportNode: TS.Node;
  /** The declaration node (variable, property, constructor assignment), or the use for external stores. */
  decl: TS.Node;
  name: string;
  /** 'external' when the store is declared elsewhere (another module, a Redis client...). */
  origin: 'declared' | 'external';
  /** For external stores: whether the code reaches it through a function parameter. */
  viaParameter?: boolean;
  /** An external collection held by a variable this file declares (`let store: Store` assigned later), not an import. */
  declaredHere?: boolean;
  /** An imported function the session id is handed to (`setSessionOwner()`): what it keeps is behind it. */
  helper?: boolean;
  valueKind: ValueKind;
  /** Declared value type text, when there is one. */
  valueType?: string;
  /**
   * The class of the project its declared values are instances of (`DraftSession` of
   * `Map<string, DraftSession>`), where one was found that holds no server transport or server
   * (projectClassKind): its name and the module it is written in (as findings name files).
   */
  valueClass?: { name: string; path: string };
  sessionKeyed: boolean;
  /**
   * Keyed by the session's transport object instead of its id (`carts.get(transport)` in a tool of
   * the server built for that transport, trial 78B B1): it lives on one instance and, once
   * transports are made per request, is a new one on every request. (State keyed by the server a
   * tool is registered on is stateful-tool's serverKeyedState.)
   */
  keyedByTransport?: true;
  keyEvidence?: TS.Node;
  /** The key expression that made it session-keyed (`sid`, `` `${sid}_${requestId}` ``), when a keyed use showed one. */
  keyExpression?: TS.Node;
  typeEvidence: boolean;
  accesses: TS.Node[];
  /**
   * For a store of another module named for sessions (`sessionManager.getSession(sid)`): the
   * credentials its entries are read for (`accessToken`), which make it auth bound to the session,
   * not a map of sessions to run.
   */
  credentials?: string[];
  /** Its values are counts the code raises and tests against a limit (`set(sid, used + 1)` after `if (used >= 3)`): a rate limit, whatever its name. */
  limits?: boolean;
  /**
   * Its values are counts a tool other than the one that raises them sets back (`attempts.set(sid,
   * 0)` in new_game): a count that belongs to what that tool starts (a game), not a rate limit.
   */
  resets?: boolean;
  /** Its values are counts a tool raises by an amount from its arguments (`(counts.get(sid) ?? 0) + by`): the caller's own tally (CALLER_TALLY). */
  tallies?: boolean;
  /**
   * Its entries are sets the session id is added to under keys of its own (`subscribers.get(uri).add(sessionId)`):
   * it holds session ids per key, it is not keyed by them (trial 76A B5; setOfSessionIds). The name
   * of the key where the code shows one (`uri`).
   */
  sessionIdSets?: { key?: string };
}

export interface FunctionUse {
  /** Session-keyed collections the function reads or writes, directly or through local helpers. */
  collections: Set<Collection>;
  /** Per collection, the nodes in this function's body that reach it (an access, or a helper call). */
  sites: Map<Collection, TS.Node[]>;
  /** Session-id reads (not merely logged), also those inside called helpers. */
  sessionIdReads: TS.Node[];
  /** Nodes in this function's body that lead to those reads. */
  sessionIdSites: TS.Node[];
  /**
   * Calls of a function of another module of the run handed the handler's context
   * (contextHandedElsewhere: `getSession(ctx)`), also inside a local helper, whose call is then the
   * site: what that function does with the context's session id is for the rule to judge.
   */
  contextHandedOn: Array<{ site: TS.Node; call: TS.CallExpression; handed: ContextHanded }>;
}

/** A function of another module of the run a call hands the handler's context to, and the parameters it takes it as (SessionFacts.contextHandedElsewhere). */
export interface ContextHanded {
  fn: TS.FunctionLikeDeclaration;
  params: TS.ParameterDeclaration[];
}

/**
 * The collection an initializer makes: itself, or the fallback of `supplied ?? new Map()` (a
 * caller's collection when it gives one, a new one otherwise: smithery's `options?.sessionStore ??
 * createLRUStore()` written with a Map).
 */
export function madeCollection(init: TS.Expression | undefined): TS.Expression | undefined {
  if (!init) return undefined;
  const n = unwrap(init);
  return isFallback(n) && !isFallback(unwrap(n.right)) && isCollectionInitializer(n.right) ? n.right : init;
}

export function isCollectionInitializer(init: TS.Expression | undefined): boolean {
  if (!init) return false;
  const n = unwrap(init);
  if (isFallback(n)) return madeCollection(n) !== n;
  const kept = globalsValue(n);
  if (kept) return isCollectionInitializer(kept);
  if (ts.isNewExpression(n)) {
    const name = calleeName(n);
    return !!name && /^(Map|Set|WeakMap|LRUCache|LRU|NodeCache|TTLCache|QuickLRU)$/.test(name);
  }
  if (ts.isObjectLiteralExpression(n)) return n.properties.length === 0;
  if (ts.isArrayLiteralExpression(n)) return n.elements.length === 0;
  if (ts.isCallExpression(n)) return /^Object\.create$/.test(n.expression.getText()) && n.arguments.length === 1 && n.arguments[0].kind === ts.SyntaxKind.NullKeyword;
  return false;
}

interface TypeShape {
  collection: boolean;
  keyIsString: boolean;
  keyName?: string;
  valueType?: string;
}

function typeShape(type: TS.TypeNode | undefined): TypeShape {
  if (!type) return { collection: false, keyIsString: false };
  if (ts.isTypeReferenceNode(type)) {
    const name = typeNameText(type) ?? '';
    const args = type.typeArguments ?? [];
    if (/^(Map|ReadonlyMap|WeakMap|Record|LRUCache)$/.test(name)) {
      return { collection: true, keyIsString: args.length > 0 && /^(string|String)$/.test(args[0].getText()), valueType: args[1]?.getText() };
    }
    if (/^(Set|ReadonlySet|Array|ReadonlyArray)$/.test(name)) return { collection: true, keyIsString: false, valueType: args[0]?.getText() };
  }
  if (ts.isArrayTypeNode(type)) return { collection: true, keyIsString: false, valueType: type.elementType.getText() };
  if (ts.isTypeLiteralNode(type)) {
    const index = type.members.find(ts.isIndexSignatureDeclaration);
    if (index) {
      const param = index.parameters[0];
      return {
        collection: true,
        keyIsString: param?.type?.getText() === 'string',
        keyName: param && ts.isIdentifier(param.name) ? param.name.text : undefined,
        valueType: index.type.getText(),
      };
    }
  }
  return { collection: false, keyIsString: false };
}

function newExpressionShape(init: TS.Expression | undefined): TypeShape {
  const made = madeCollection(init);
  if (!made) return { collection: false, keyIsString: false };
  const n = unwrap(made);
  if (ts.isNewExpression(n) && n.typeArguments && n.typeArguments.length > 0) {
    const name = calleeName(n) ?? '';
    if (/^(Map|WeakMap|LRUCache)$/.test(name)) {
      return { collection: true, keyIsString: /^string$/.test(n.typeArguments[0].getText()), valueType: n.typeArguments[1]?.getText() };
    }
    if (name === 'Set') return { collection: true, keyIsString: false, valueType: n.typeArguments[0].getText() };
  }
  return { collection: false, keyIsString: false };
}

/**
 * What a collection written as a member of an object literal holds: X's text in
 * `sse: {} as Record<string, X>`, `{} as { [id: string]: X }` or `new Map<string, X>()`.
 */
export function memberValueType(value: TS.Expression): string | undefined {
  const asserted = ts.isAsExpression(value) || ts.isSatisfiesExpression(value) ? typeShape(value.type) : undefined;
  return asserted?.collection ? asserted.valueType : newExpressionShape(value).valueType;
}

/** A member a record of the session itself has: its id, what the handshake said, when it was last used by the protocol. */
const SESSION_RECORD_MEMBER = /(?:^|[{;,\s])(id|sessionId|sid|mcpSessionId|protocolVersion|clientInfo|clientCapabilities|capabilities|initialized|lastActivity|lastSeen|expiresAt|transport\w*|server\w*)\s*[?]?\s*:/;

/** An object type whose members hold a transport or a server: what a per-session record looks like. */
const HOLDS_TRANSPORT_OR_SERVER = /\b(transport|server|mcpServer)\s*[?]?:/;

/**
 * The kind of value a declared type holds. `localTypes` maps interfaces and type aliases declared
 * in this file to their body text, so `Map<string, Entry>` with `interface Entry { transport: ... }`
 * is recognised as holding session objects.
 */
function valueKindOfType(text: string | undefined, localTypes?: ReadonlyMap<string, string>): ValueKind | undefined {
  if (!text) return undefined;
  const base = text.replace(/\s*\|\s*undefined$/, '').replace(/<.*$/, '').replace(/\[\]$/, '').trim();
  if (/ClientTransport/.test(base)) return 'data';
  if (TRANSPORT_TYPE.test(base)) return 'transport';
  if (SERVER_TYPE.test(base)) return 'server';
  if (/^\{/.test(text) && HOLDS_TRANSPORT_OR_SERVER.test(text)) return 'session-object';
  const local = localTypes?.get(base);
  if (local !== undefined && HOLDS_TRANSPORT_OR_SERVER.test(local) && !/ClientTransport|\bClient\b/.test(local)) return 'session-object';
  // A type of this file named for sessions whose members are the application's data alone
  // (`interface SessionData { todos: Todo[]; nextId: number }`): per-session state, not a record
  // of the session itself, which carries its id or what the handshake said (`id`, `sessionId`,
  // `protocolVersion`, `clientInfo`) or a server or transport (trial 77, the state.ts layout:
  // read as a map of sessions, it was left to stateless-transport and never moved).
  if (local !== undefined && /Session/.test(base) && !SESSION_RECORD_MEMBER.test(local) && !/ServerTransport|\b(McpServer|Server|FastMCP)\b/.test(local)) return undefined;
  if (/Session/.test(base)) return 'session-object';
  return undefined;
}

/**
 * Whether a declared value type, on its own, says the collection holds MCP sessions: an SDK server
 * transport, an McpServer, or a record holding one. A type merely named `...Session` does not
 * (CDPSession, TerminalSession, BrowserSession are other kinds of session); such collections need
 * a session-id key to count.
 */
function typeHoldsMcpSession(valueType: string | undefined, localTypes: ReadonlyMap<string, string>): boolean {
  if (!valueType) return false;
  const base = valueType.replace(/\s*\|\s*undefined$/, '').replace(/<.*$/, '').replace(/\[\]$/, '').trim();
  const text = localTypes.get(base) ?? valueType;
  if (/ClientTransport|\bClient\b/.test(text)) return false;
  return SERVER_TRANSPORT_TYPE.test(base) || SERVER_TYPE.test(base) || /\b(Streamable\w*ServerTransport|SSEServerTransport|McpServer)\b/.test(text) || /^Mcp\w*Session$/.test(base);
}

/** A type or constructor name of a server transport or a server (not a client's transport). */
function serverOrTransportName(name: string): boolean {
  return !/ClientTransport/.test(name) && (TRANSPORT_TYPE.test(name) || SERVER_TYPE.test(name));
}

/** Where a class or a type of the project is written, to follow its imports into the run's modules (projectClassKind). */
type HoldSite = { path: string; source: ModuleSource } | undefined;

/** How many types, classes and functions classHoldsSession follows from a class. */
const HOLD_DEPTH = 3;

/** What parts hold together: a session where one holds it, unknown where none does and one is not seen into. */
function anyHolds(parts: Iterable<boolean | undefined>): boolean | undefined {
  let unknown = false;
  for (const part of parts) {
    if (part === true) return true;
    if (part === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

/**
 * What an export of a package (a type, a base class, a function) holds: a server transport or a
 * server by its name; nothing for node's own modules (`EventEmitter` of node:events) and other
 * packages' plain exports; unknown where the name or the package says MCP (`McpAgent`, a factory of
 * an MCP kit), or an SDK class that is neither (`Protocol`).
 */
function packageExportHolds(name: string, specifier: string): boolean | undefined {
  if (serverOrTransportName(name)) return true;
  if (isBuiltin(specifier)) return false;
  return /Protocol|Mcp|Server|Transport|Agent|Session/i.test(name) ? undefined : false;
}

/** The run's module a relative import of the file at `site` names (undefined: not seen), or a package's specifier. */
function importSite(identifier: TS.Identifier, site: HoldSite): { package: string; exported: string } | { module: LoadedModule | undefined; exported: string } | undefined {
  const imported = importOf(identifier);
  if (!imported) return undefined;
  if (!isRunSpecifier(imported.module)) return { package: imported.module, exported: imported.exported };
  return { module: site?.source.resolve(site.path, imported.module), exported: imported.exported };
}

/** The site of a module of the run. */
function siteOf(module: LoadedModule, site: HoldSite): HoldSite {
  return site && { path: module.path, source: site.source };
}

/**
 * What a type (a field's, a parameter's, an accessor's) holds: a server transport or a server
 * named in it, or held by an interface, alias or class of the file or of a module of the run it
 * imports (`parts: SessionParts`, `interface SessionParts { server: McpServer }`), `depth` hops
 * deep. Unknown where a type of the project is not seen (review 95).
 */
function typeHolds(type: TS.Node, site: HoldSite, depth: number): boolean | undefined {
  const parts: Array<boolean | undefined> = [];
  walk(type, (n) => {
    if (parts.includes(true)) return false;
    // What a function takes is not what its holder holds.
    if (ts.isParameter(n) || ts.isTypeParameterDeclaration(n)) return false;
    if (ts.isTypeReferenceNode(n)) parts.push(typeNameHolds(n.typeName, site, depth));
    else if (ts.isExpressionWithTypeArguments(n) && (ts.isIdentifier(n.expression) || ts.isPropertyAccessExpression(n.expression))) parts.push(typeNameHolds(n.expression, site, depth));
    else if (ts.isTypeQueryNode(n)) parts.push(undefined);
    return undefined;
  });
  return anyHolds(parts);
}

/** What a type name holds (typeHolds). */
function typeNameHolds(typeName: TS.EntityName | TS.PropertyAccessExpression, site: HoldSite, depth: number): boolean | undefined {
  const name = ts.isIdentifier(typeName) ? typeName.text : (ts.isQualifiedName(typeName) ? typeName.right : typeName.name).text;
  if (/ClientTransport/.test(name)) return false;
  if (serverOrTransportName(name)) return true;
  if (!ts.isIdentifier(typeName)) {
    // `express.Request`, `NodeJS.Timeout`: the namespace's package says; one of the run is not followed.
    let root: TS.Node = typeName;
    while (ts.isQualifiedName(root) || ts.isPropertyAccessExpression(root)) root = ts.isQualifiedName(root) ? root.left : root.expression;
    const from = ts.isIdentifier(root) ? importSite(root, site) : undefined;
    return !from ? false : 'package' in from ? packageExportHolds(name, from.package) : undefined;
  }
  for (let p: TS.Node | undefined = typeName.parent; p; p = p.parent) {
    const params = (p as TS.Node & { typeParameters?: TS.NodeArray<TS.TypeParameterDeclaration> }).typeParameters;
    if (params?.some((t) => t.name.text === name)) return false;
  }
  if (depth <= 0) return undefined;
  const local = typeName.getSourceFile().statements.find((st) => (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name?.text === name);
  if (local) return declaredTypeHolds(local, site, depth - 1);
  const from = importSite(typeName, site);
  if (!from) return false;
  if ('package' in from) return packageExportHolds(from.exported, from.package);
  if (!from.module) return undefined;
  const cls = site && importedClassAt(typeName, site.path, site.source);
  if (cls) return classHoldsSession(cls.cls, siteOf(cls.module, site), depth - 1);
  // An alias through re-exports; an interface where the module declares it (one a barrel hands on is not seen).
  const declared: TS.TypeAliasDeclaration | TS.InterfaceDeclaration | undefined =
    exportedDeclaration(from.module, from.exported, site!.source, ts.isTypeAliasDeclaration) ??
    from.module.sourceFile.statements.find((st): st is TS.InterfaceDeclaration => ts.isInterfaceDeclaration(st) && st.name.text === from.exported);
  // Re-exported from another module: its own imports are not followed.
  return declared ? declaredTypeHolds(declared, declared.getSourceFile() === from.module.sourceFile ? siteOf(from.module, site) : undefined, depth - 1) : undefined;
}

/** What an interface, alias, class or enum declaration holds. */
function declaredTypeHolds(decl: TS.Node, site: HoldSite, depth: number): boolean | undefined {
  if (ts.isEnumDeclaration(decl)) return false;
  if (ts.isClassDeclaration(decl)) return classHoldsSession(decl, site, depth);
  if (ts.isTypeAliasDeclaration(decl)) return typeHolds(decl.type, site, depth);
  return ts.isInterfaceDeclaration(decl) ? anyHolds([...(decl.heritageClauses ?? []).map((h) => typeHolds(h, site, depth)), ...decl.members.map((m) => typeHolds(m, site, depth))]) : undefined;
}

/**
 * What a value a class keeps holds (a field's initializer, `this.x = ...` in its constructor): a
 * server transport or a server it makes, or a class of the project it makes that holds one; unknown
 * where it comes from a call this cannot see into (`server = buildServer()`, a factory without a
 * declared return type that makes neither; a method of the object).
 */
function valueHolds(value: TS.Expression, site: HoldSite, depth: number): boolean | undefined {
  const e = unwrap(value);
  if (ts.isAwaitExpression(e)) return valueHolds(e.expression, site, depth);
  if (ts.isObjectLiteralExpression(e)) return anyHolds(e.properties.map((p) => (ts.isPropertyAssignment(p) ? valueHolds(p.initializer, site, depth) : false)));
  if (ts.isArrayLiteralExpression(e)) return anyHolds(e.elements.map((el) => valueHolds(el, site, depth)));
  if (ts.isConditionalExpression(e)) return anyHolds([valueHolds(e.whenTrue, site, depth), valueHolds(e.whenFalse, site, depth)]);
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(e.operatorToken.kind)) return anyHolds([valueHolds(e.left, site, depth), valueHolds(e.right, site, depth)]);
  if (!ts.isNewExpression(e) && !ts.isCallExpression(e)) return false;
  const name = calleeName(e) ?? '';
  if (ts.isNewExpression(e) && serverOrTransportName(name)) return true;
  const callee = unwrap(e.expression);
  if (depth <= 0) return undefined;
  if (ts.isIdentifier(callee)) {
    const decl = resolveIdentifier(callee);
    if (decl && ts.isClassDeclaration(decl)) return classHoldsSession(decl, site, depth - 1);
    const fn = ts.isCallExpression(e) ? resolveFunction(callee) : undefined;
    if (fn) return functionHolds(fn, site, depth - 1);
    const from = importSite(callee, site);
    // A global (`new Map()`, `structuredClone(x)`), or a value of the file this does not follow.
    if (!from) return decl ? undefined : false;
    if ('package' in from) return packageExportHolds(from.exported, from.package);
    if (!from.module || !site) return undefined;
    if (ts.isNewExpression(e)) {
      const cls = importedClassAt(callee, site.path, site.source);
      return cls ? classHoldsSession(cls.cls, siteOf(cls.module, site), depth - 1) : undefined;
    }
    const imported = importedFunctionAt(callee, site.path, site.source);
    return imported ? functionHolds(imported.fn, siteOf(imported.module, site), depth - 1) : undefined;
  }
  // A method: of a global or of node's own modules (`Date.now()`, `crypto.randomUUID()`), else not seen into.
  const root = accessRoot(callee);
  if (!ts.isIdentifier(root)) return undefined;
  const from = resolveIdentifier(root) ? importSite(root, site) : { package: '', exported: '' };
  return from && 'package' in from && (from.package === '' || isBuiltin(from.package)) ? false : undefined;
}

/** What a function a class's value comes from returns: its declared return type, else a server transport or a server it makes; else unknown. */
function functionHolds(fn: TS.FunctionLikeDeclaration, site: HoldSite, depth: number): boolean | undefined {
  if (fn.type) return typeHolds(fn.type, site, depth);
  return fn.body && someNode(fn.body, (n) => ts.isNewExpression(n) && serverOrTransportName(calleeName(n) ?? '')) ? true : undefined;
}

/**
 * What the class a class extends holds: a server transport or a server; the base's own members
 * where it is a class of the project; nothing where it is node's or another package's plain class
 * (`EventEmitter`), whose members the class's own add to (review 95). Unknown where not seen.
 */
function baseClassHolds(base: TS.Expression, site: HoldSite, depth: number): boolean | undefined {
  const name = base.getText().split('.').pop() ?? '';
  if (serverOrTransportName(name)) return true;
  const root = accessRoot(base);
  if (!ts.isIdentifier(root)) return undefined;
  if (root === unwrap(base)) {
    const decl = resolveIdentifier(root);
    if (decl && ts.isClassDeclaration(decl)) return depth > 0 ? classHoldsSession(decl, site, depth - 1) : undefined;
    if (decl && !ts.isImportSpecifier(decl) && !ts.isImportClause(decl)) return undefined;
  }
  const from = importSite(root, site);
  if (!from) return resolveIdentifier(root) ? undefined : /^(Error|EventTarget|Map|Set|Array|Object)$/.test(name) ? false : undefined;
  if ('package' in from) return packageExportHolds(root === unwrap(base) && !/^(default|\*)$/.test(from.exported) ? from.exported : name, from.package);
  const cls = from.module && site && depth > 0 ? importedClassAt(base, site.path, site.source) : undefined;
  return cls ? classHoldsSession(cls.cls, siteOf(cls.module, site), depth - 1) : undefined;
}

/**
 * Whether a class holds a server transport or a server: a field, accessor or constructor parameter
 * typed so (through interfaces, aliases and classes of the project: typeHolds), one made in a
 * field's initializer or its constructor (`this.transport = new StreamableHTTPServerTransport(...)`,
 * valueHolds), or a base class that is one (baseClassHolds). Undefined where a part of it cannot be
 * seen into (a base class or a type of the project not found, a factory's result): what it holds
 * is unknown, and its name decides. `site` is where it is written, to follow its imports.
 */
function classHoldsSession(cls: TS.ClassDeclaration, site: HoldSite, depth = HOLD_DEPTH): boolean | undefined {
  const heritage = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
  const parts: Array<boolean | undefined> = [];
  for (const member of cls.members) {
    if (isStaticMember(member)) continue;
    if (ts.isPropertyDeclaration(member)) parts.push(member.type ? typeHolds(member.type, site, depth) : member.initializer ? valueHolds(member.initializer, site, depth) : false);
    else if (ts.isGetAccessorDeclaration(member)) {
      // An accessor reading the object's own fields (`return this.parts.transport`) holds what they hold.
      parts.push(member.type ? typeHolds(member.type, site, depth) : anyHolds(returnedExpressions(member).map((r) => (isThisOrSuper(accessRoot(r)) && !ts.isCallExpression(unwrap(r)) ? false : valueHolds(r, site, depth)))));
    } else if (ts.isConstructorDeclaration(member)) {
      for (const param of member.parameters) parts.push(param.type ? typeHolds(param.type, site, depth) : false);
      if (member.body) {
        walk(member.body, (n) => {
          if (ts.isNewExpression(n) && serverOrTransportName(calleeName(n) ?? '')) parts.push(true);
          else if (isAssignment(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && isThisOrSuper(n.left.expression)) parts.push(valueHolds(n.right, site, depth));
          return undefined;
        });
      }
    }
  }
  if (heritage) parts.push(baseClassHolds(heritage.expression, site, depth));
  return anyHolds(parts);
}

/**
 * A record member's type that holds a transport: a server transport class or the SDK's
 * `Transport`, or a type parameter (`T`, `TTransport`); not a local alias of string literals
 * (`type TransportKind = 'stdio' | 'http'`) nor a client transport.
 */
function transportTypeName(name: string, localTypes: ReadonlyMap<string, string>): boolean {
  const local = localTypes.get(name);
  if (local !== undefined && /^\s*['"`]/.test(local)) return false;
  if (/ClientTransport$/.test(name)) return false;
  return /Transport$/.test(name) || /^T([A-Z]\w*)?$/.test(name);
}

/**
 * Which parameter of a function is written as the `method` of a JSON-RPC message it builds (one
 * with a `jsonrpc` member, or an object it hands to a call other than a log line): -1 when none.
 */
function methodParameterIndex(fn: TS.FunctionLikeDeclaration): number {
  if (fn.parameters.length === 0 || !fn.body) return -1;
  let found = -1;
  walk(fn.body, (node) => {
    if (found >= 0) return false;
    if (!ts.isObjectLiteralExpression(node)) return;
    const member = node.properties.find((p) => p.name !== undefined && propertyNameText(p.name) === 'method');
    const value = member && ts.isShorthandPropertyAssignment(member) ? member.name : member && ts.isPropertyAssignment(member) ? unwrap(member.initializer) : undefined;
    const param = value && ts.isIdentifier(value) ? resolveIdentifier(value) : undefined;
    if (!param || !ts.isParameter(param) || param.parent !== fn) return;
    const at = outermost(node);
    const handed = at.parent && ts.isCallExpression(at.parent) && at.parent.arguments.includes(at as TS.Expression) && !isLogCall(at.parent);
    const jsonRpc = node.properties.some((p) => p.name !== undefined && propertyNameText(p.name) === 'jsonrpc');
    if (jsonRpc || handed) found = fn.parameters.indexOf(param);
  });
  return found;
}

/** The facts made for each parsed file (the scanner's, with its node index), for analyses handed a node only. */
export class SessionFacts {
  readonly sourceFile: TS.SourceFile;
  /** Whether the file mentions MCP at all; gates rules that match generic words. */
  readonly mcpFile: boolean;
  private nodeIndex: NodeIndex | undefined;
  private legacySseCache: boolean | undefined;
  private clientOnlyCache: boolean | undefined;
  private servesNothingCache: boolean | undefined;
  private readonly taintMemo = new Map<TS.Node, boolean>();
  private readonly inProgress = new Set<TS.Node>();
  private registrationsCache: Registration[] | undefined;
  private contextParams: Set<TS.ParameterDeclaration> | undefined;
  private callSites: Map<TS.Node, TS.CallExpression[]> | undefined;
  private collectionsCache: Collection[] | undefined;
  private localTypesCache: Map<string, string> | undefined;
  private readonly byDecl = new Map<TS.Node, Collection>();
  private readonly byMember = new Map<string, Collection>();
  /** Names of the class members in byMember: a cheap test before looking for the enclosing class. */
  private readonly memberNames = new Set<string>();
  private readonly functionUses = new Map<TS.Node, FunctionUse>();

  /**
   * The other modules of the run and this file's name among them, where the caller can read them
   * (scan and fix): stateful-tool follows a tool's calls into the package's store modules.
   */
  get modules(): { path: string; source: ModuleSource } | undefined {
    return this.runModules;
  }

  set modules(modules: { path: string; source: ModuleSource } | undefined) {
    this.runModules = modules;
    // constantString reads the enums the file imports from them too.
    if (modules) readImportedMembers(this.sourceFile, (specifier, exported) => importedDeclaration(modules, specifier, exported, ts.isEnumDeclaration));
  }

  private runModules?: { path: string; source: ModuleSource };

  /**
   * Where and how the project's deployment config serves this file over HTTP through a stdio
   * gateway (`Dockerfile line 6 (supergateway) serves it over ...`), set by the scanner, which
   * reads the run's deployment configs (trial 72B B6): a file that serves stdio alone then does
   * not serve the one client of its process.
   */
  servedOverHttp?: string;

  /** This file as a module (named as `modules` names it): what module-state reads the file's own functions in. */
  get ownModule(): LoadedModule {
    return { path: this.modules?.path ?? this.sourceFile.fileName, sourceFile: this.sourceFile };
  }

  /** `mcpFile` and `nodes` when the caller already has them (the scanner does). */
  constructor(sourceFile: TS.SourceFile, mcpFile = isMcpCode(sourceFile.text), nodes?: NodeIndex) {
    this.sourceFile = sourceFile;
    this.mcpFile = mcpFile;
    this.nodeIndex = nodes;
  }

  /**
   * Whether the file serves the legacy HTTP+SSE transport, whose message endpoint routes by the
   * `sessionId` query parameter (elsewhere a `?sessionId=` query, an OAuth or chat session, is not
   * the MCP session): the transport itself, its message routing, or a hand-written one (its
   * 'endpoint' event, or an event stream and a message endpoint in one file). The word "SSE" alone (a comment, hono's streamSSE)
   * is not enough.
   */
  get legacySseFile(): boolean {
    if (this.legacySseCache === undefined) {
      const text = this.sourceFile.text;
      this.legacySseCache = this.mcpFile && (/sseservertransport|handlepostmessage/i.test(text) || HAND_WRITTEN_ENDPOINT_EVENT.test(text) || (/text\/event-stream/i.test(text) && /\/messages?\b/i.test(text)));
    }
    return this.legacySseCache;
  }

  /**
   * Code that names no MCP server module or class (see mcp.ts mayServe): a client, a client's UI,
   * a helper library. What it sends, it sends as a client.
   */
  get servesNothing(): boolean {
    this.servesNothingCache ??= !mayServe(this.sourceFile.text) || !this.namesServerInCode();
    return this.servesNothingCache;
  }

  /**
   * What mayServe found in the text, found in code: a module specifier of a server module, or an
   * identifier naming a server class, outside type-only imports. Not words in a comment, a
   * string or JSX text (a client's page titled "MCP Server (createMcpHandler)", a code sample).
   */
  private namesServerInCode(): boolean {
    // Most files that serve import a server module at their top: settled without a walk.
    for (const statement of this.sourceFile.statements) {
      if (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly && ts.isStringLiteral(statement.moduleSpecifier) && SERVER_MODULE_SPECIFIER.test(statement.moduleSpecifier.text)) return true;
    }
    let found = false;
    this.nodes.visit(SERVER_NAMING, (node) => {
      if (found) return false;
      if (ts.isImportDeclaration(node) && node.importClause?.isTypeOnly) return false;
      if (ts.isIdentifier(node)) found = SERVER_NAME.test(node.text) && !ts.isImportTypeNode(node.parent) && !(ts.isImportSpecifier(node.parent) && node.parent.isTypeOnly);
      else if (ts.isStringLiteral(node) && SERVER_MODULE_SPECIFIER.test(node.text)) found = isModuleSpecifier(node);
      return undefined;
    });
    return found;
  }

  /** Of that, MCP client code (it names a client module or transport): the server codemods do not apply to it. */
  get clientOnly(): boolean {
    // The text test first: servesNothing may visit every identifier of the file.
    this.clientOnlyCache ??= namesClient(this.sourceFile.text) && this.servesNothing;
    return this.clientOnlyCache;
  }

  private discoverRequestsCache: TS.Node[] | undefined;

  /** The server/discover requests this file builds (`{ method: 'server/discover' }`, eras.ts). */
  private get discoverRequests(): TS.Node[] {
    if (!this.discoverRequestsCache) {
      const found: TS.Node[] = [];
      if (this.sourceFile.text.includes('server/discover')) {
        this.nodes.visit(PROPERTY_ASSIGNMENTS, (node) => {
          if (isDiscoverRequest(node)) found.push(node);
        });
        // Or by method name through a request helper (`this.wire.request('server/discover')`).
        this.nodes.visit(CALLS, (node) => {
          if (!ts.isCallExpression(node)) return;
          if ((/^(request|send\w*)$/.test(calleeName(node) ?? '') && node.arguments.length > 0 && constantString(node.arguments[0]) === 'server/discover') || this.sentThroughWrapper(node)?.method === 'server/discover') found.push(node);
        });
      }
      this.discoverRequestsCache = found;
    }
    return this.discoverRequestsCache;
  }

  /** A client here probes with server/discover first (eras.ts): its initialize is the 2025 fallback. */
  get sendsDiscover(): boolean {
    return this.discoverRequests.length > 0;
  }

  private speaksBothErasCache: boolean | undefined;

  /**
   * Code here speaks both eras: it probes with server/discover, or it tests which era it serves
   * (`if (this.isModernProtocol())`) somewhere (eras.ts).
   */
  get speaksBothEras(): boolean {
    if (this.speaksBothErasCache === undefined) {
      let found = this.sendsDiscover;
      if (!found && /modern|legacy|2026/i.test(this.sourceFile.text)) {
        this.nodes.visit(CONDITIONS, (node) => {
          if (ts.isIfStatement(node)) found ||= testsEra(node.expression);
          else if (ts.isConditionalExpression(node)) found ||= testsEra(node.condition);
        });
      }
      this.speaksBothErasCache = found;
    }
    return this.speaksBothErasCache;
  }

  /**
   * Whether `node` (a client's initialize request) runs only after a server/discover probe failed
   * (eras.ts afterFailedDiscover), following calls to local functions that send the probe.
   */
  fallsBackFromDiscover(node: TS.Node): boolean {
    if (!this.sendsDiscover) return false;
    // A call of a local function whose body holds one of the file's discover requests sends the probe.
    return afterFailedDiscover(node, (call) => {
      if (this.discoverRequests.includes(call)) return true;
      const body = this.callTarget(call)?.body;
      return !!body && this.discoverRequests.some((r) => r.pos >= body.pos && r.end <= body.end);
    });
  }

  /** The file's nodes, walked once and shared by every rule (see nodes.ts). */
  get nodes(): NodeIndex {
    this.nodeIndex ??= new NodeIndex(this.sourceFile);
    return this.nodeIndex;
  }

  get registrations(): Registration[] {
    this.registrationsCache ??= findRegistrations(this.nodes, this.modules && { ...this.modules, sourceFile: this.sourceFile });
    return this.registrationsCache;
  }

  private importedCache: Registration[] | undefined;

  /** The registrations of this file whose handlers another module of the run holds (see importedRegistrations). */
  get importedRegistrations(): Registration[] {
    this.importedCache ??= this.modules ? importedRegistrations(this.nodes, { ...this.modules, sourceFile: this.sourceFile }) : [];
    return this.importedCache;
  }

  /**
   * For the facts registeredIn made: the facts of the other modules the same file registers tools
   * from, where this module's tools meet theirs (in a store module both call).
   */
  siblings?: ReadonlyMap<TS.SourceFile, SessionFacts>;

  /**
   * Facts of the modules whose handlers a file registers (its importedRegistrations: the tools of a
   * tools module, registered by the server's), each counting those registrations among its own from
   * the start. Made for that one file's judgment, never the run's shared facts (moduleFacts): what a
   * module's tools do must not depend on which registering file came first.
   */
  static registeredIn(imported: readonly Registration[], source: ModuleSource): ReadonlyMap<TS.SourceFile, SessionFacts> {
    const all = new Map<TS.SourceFile, SessionFacts>();
    for (const r of imported) {
      const module = r.module!;
      let facts = all.get(module.sourceFile);
      if (!facts) {
        // (The module's nodes as the run's shared facts indexed them: the tree is walked once.)
        facts = new SessionFacts(module.sourceFile, undefined, moduleFacts(module, source).nodes);
        facts.modules = { path: module.path, source };
        facts.siblings = all;
        all.set(module.sourceFile, facts);
      }
      const own = facts.registrations;
      if (!own.some((o) => o.handler === r.handler && o.name === r.name)) own.push(r);
    }
    return all;
  }

  /** Interfaces and type aliases declared in this file, name → body text. */
  get localTypes(): ReadonlyMap<string, string> {
    if (!this.localTypesCache) {
      const types = new Map<string, string>();
      const visit = (node: TS.Node): void => {
        if (ts.isInterfaceDeclaration(node)) types.set(node.name.text, `{${node.members.map((m) => m.getText()).join(';')}}`);
        else if (ts.isTypeAliasDeclaration(node)) types.set(node.name.text, node.type.getText());
      };
      this.nodes.visit(TYPE_DECLARATIONS, visit);
      this.localTypesCache = types;
    }
    return this.localTypesCache;
  }

  /** Whether an expression is an MCP server, client or handler context (see receivers.ts). */
  receiverKind(expr: TS.Node): McpReceiverKind | undefined {
    return mcpReceiverKind(expr, (p) => this.isContextParam(p));
  }

  /**
   * Whether a parameter is the context (`extra`, `ctx`) of a handler the file registers, or holds
   * it under another name: a function of the file such a handler hands it to (addContextsHandedOn).
   */
  isContextParam(param: TS.ParameterDeclaration): boolean {
    if (!this.contextParams) {
      this.contextParams = new Set();
      for (const r of this.registrations) {
        if (r.contextParam) this.contextParams.add(r.contextParam);
        // The context of the function a wrapper returns (`return async (args, mcpContext) => ...`).
        if (r.wrapper?.contextParam) this.contextParams.add(r.wrapper.contextParam);
      }
      // The context of a function of the file that hands the call on to a tool object's handler.
      for (const param of handingOnContexts(this.nodes)) this.contextParams.add(param);
      // Or typed as the SDK's, whatever it is called: a helper a tool of another module hands its
      // context to (trial 50B: `confirm(extra, question)` in ask.ts), and so what it hands on.
      const aliases = contextAliases(this.sourceFile);
      this.nodes.visit(PARAMETERS, (node) => {
        if (ts.isParameter(node) && typedAsContext(node, aliases, this.modules)) this.contextParams!.add(node);
      });
      this.addContextsHandedOn(this.contextParams);
    }
    return this.contextParams.has(param);
  }

  /**
   * The parameters of the file's own functions that a handler hands its context to, a few
   * calls deep (`confirm(extra, 'Drop it?')`, whose `extra.sendRequest(...)` asks the client
   * mid-call; trial 49B B1): the context under another name.
   */
  private addContextsHandedOn(contexts: Set<TS.ParameterDeclaration>): void {
    if (contexts.size === 0) return;
    this.handedToParameters(
      3,
      (arg) => {
        const given = ts.isIdentifier(arg) ? resolveIdentifier(arg) : undefined;
        return !!given && ts.isParameter(given) && contexts.has(given);
      },
      (param) => !param.dotDotDotToken && !contexts.has(param) && !!contexts.add(param),
    );
  }

  /**
   * Hands on along the file's own calls: each parameter of a function of the file that a call
   * hands something `passes` says of goes to `add` (which says whether it was new), `rounds` calls
   * deep, as what a parameter was handed then passes in the next round.
   */
  private handedToParameters(rounds: number, passes: (arg: TS.Expression) => boolean, add: (param: TS.ParameterDeclaration) => boolean): void {
    this.callSitesOf(undefined);
    for (let round = 0; round < rounds; round++) {
      let added = false;
      for (const [fn, calls] of this.callSites!) {
        if (!isFunctionLike(fn)) continue;
        for (const call of calls) {
          call.arguments.forEach((arg, i) => {
            const param = fn.parameters[i];
            if (param && passes(unwrap(arg) as TS.Expression) && add(param)) added = true;
          });
        }
      }
      if (!added) return;
    }
  }

  /** The handler of a registration of this file that `node` sits in (its function), if any. */
  handlerAround(node: TS.Node): TS.Node | undefined {
    return this.registrations.find((r) => r.handler && r.handler.pos <= node.pos && node.end <= r.handler.end)?.handler;
  }

  /**
   * The `session` of a registered handler's context: `ctx.session`, or `{ session }` destructured
   * from the context parameter. mcp-use's holds the MCP session id as `sessionId`, mcp-lite's as
   * `id` (`ctx.session?.id`); a `session` of anything else (express-session's `req.session`, a
   * browser's) is the application's own.
   */
  private isContextSession(expr: TS.Node): boolean {
    const n = unwrap(expr);
    // Cheap name tests before resolving: most `x.id` reads are of something else.
    if (ts.isIdentifier(n) ? n.text !== 'session' : !ts.isPropertyAccessExpression(n) || n.name.text !== 'session') return false;
    const param = parameterOfMember(n, 'session');
    return !!param && this.isContextParam(param);
  }

  /** Whether an identifier or access base is something that carries the MCP session id. */
  private isSessionCarrier(expr: TS.Node): boolean {
    const n = unwrap(expr);
    if (ts.isIdentifier(n)) {
      if (/transport/i.test(n.text)) return true;
      // mcp-use's `{ session }` of a handler's context: `session.sessionId`.
      if (n.text === 'session') return this.isContextSession(n);
      const decl = resolveIdentifier(n);
      if (decl && ts.isParameter(decl) && this.isContextParam(decl)) return true;
      // A variable made a transport where it is declared, or by a later assignment: `let t = sid ?
      // transports.get(sid) : undefined; if (!t) { t = new StreamableHTTPServerTransport(...);
      // buildServer(() => t!.sessionId) }`, whose getter the tools key their state by (trial 68B B1).
      if (decl && ts.isVariableDeclaration(decl) && ((!!decl.initializer && newTransport(decl.initializer)) || this.assignedValues(decl).some(newTransport))) return true;
      // A copy of the context under any name (`const req = { ...ctx, receivedAt: Date.now() }`,
      // `const meta = Object.assign({}, extra)`): its sessionId is the context's, and a copy of
      // anything else is no context whatever it is called (trial 71B B6).
      const copied = decl && ts.isVariableDeclaration(decl) && decl.initializer && isConstDeclaration(decl) ? this.copiesCarrier(decl.initializer) : undefined;
      if (copied !== undefined) return copied;
      // `context: ClientContext`, an interface of the application's own: its sessionId is the app's.
      // Also one typed by the function type the handler is declared as (trial 54B B2: an arrow a
      // `(): ListToolsHandler => ...` returns, `type ListToolsHandler = (req, context: HandlerContext) => ...`).
      const typed = decl && ts.isParameter(decl) && (n.text === 'context' || n.text === 'ctx') ? (decl.type ?? contextualParameterType(decl, this.modules)) : undefined;
      if (typed && appInterface(typed)) return false;
      // A web framework's request context: Koa's `ctx` (koa-session's cookie `ctx.sessionId`), h3's
      // `const { context } = event`, not the MCP one whatever it is called (trial 71B B7), unless
      // the file's own middleware stores the Mcp-Session-Id header there (review 89 point 2).
      if (!this.mcpFile || !CONTEXT_NAMES.has(n.text)) return false;
      return !(decl && this.fromWebHandler(decl)) || (!!decl && this.webContextGetsSessionId(decl));
    }
    if (ts.isPropertyAccessExpression(n)) {
      const name = n.name.text;
      if (/transport$/i.test(name)) return true;
      // req.query.sessionId: the legacy SSE message endpoint's routing parameter.
      if (name === 'query' && this.legacySseFile) return true;
      // mcp-use's `ctx.session.sessionId` in a handler.
      if (name === 'session') return this.isContextSession(n);
      // tmcp's `server.ctx.sessionId`: the context of the request the server is handling.
      if (name === 'ctx') return this.receiverKind(n.expression) === 'server';
    }
    if (ts.isCallExpression(n) && calleeName(n) === 'query' && this.legacySseFile) return true; // c.req.query().sessionId
    // `({ ...extra }).sessionId`, `const { sessionId } = { ...ctx }`.
    return this.copiesCarrier(n) ?? false;
  }

  /**
   * Whether a local named like a handler's context holds a web framework's request context instead
   * (trial 71B B7): a parameter of a route or middleware the file hands to the framework
   * (webHandlerParameter), or typed with a web framework's own type (`ctx: Koa.Context`), or a value
   * read from such a parameter (`const { context } = event` in an h3 handler). (A registered
   * handler's own context was judged before this, as the handler's.)
   */
  private fromWebHandler(decl: TS.Node): boolean {
    if (ts.isParameter(decl)) return webFrameworkType(decl.type) || this.webHandlerParameter(decl);
    let holder: TS.Node = decl;
    while (ts.isBindingElement(holder) || ts.isObjectBindingPattern(holder) || ts.isArrayBindingPattern(holder)) holder = holder.parent;
    const root = ts.isVariableDeclaration(holder) && holder.initializer ? accessRoot(holder.initializer) : undefined;
    const from = root && ts.isIdentifier(root) ? resolveIdentifier(root) : undefined;
    return !!from && ts.isParameter(from) && !this.isContextParam(from) && (webFrameworkType(from.type) || this.webHandlerParameter(from));
  }

  /**
   * Whether a parameter is the request context of a route or middleware handed to a web framework:
   * the first parameter of a function the file hands to `app.use(...)`, `router.post('/cart',
   * ...)` (not an MCP server's) or h3's `defineEventHandler(...)`, written in the call or by name.
   */
  private webHandlerParameter(param: TS.ParameterDeclaration): boolean {
    const fn = param.parent;
    if (!isFunctionLike(fn) || fn.parameters[0] !== param) return false;
    const at = outermost(fn);
    const handed: TS.Node[] = [at];
    const named = ts.isFunctionDeclaration(fn) ? fn.name : ts.isVariableDeclaration(at.parent) && at.parent.initializer === at && ts.isIdentifier(at.parent.name) ? at.parent.name : undefined;
    if (named) {
      const declaration = (ts.isFunctionDeclaration(fn) ? fn : at.parent) as Declaration & { name: TS.Identifier };
      for (const ref of referencesTo(this.sourceFile, declaration)) if (ref !== named) handed.push(outermost(ref));
    }
    return handed.some((arg) => {
      const call = arg.parent;
      if (!call || !ts.isCallExpression(call) || !call.arguments.includes(arg as TS.Expression)) return false;
      const name = calleeName(call) ?? '';
      if (H3_HANDLER_FACTORIES.test(name)) return true;
      const callee = unwrap(call.expression);
      return WEB_ROUTE_METHODS.test(name) && ts.isPropertyAccessExpression(callee) && this.receiverKind(callee.expression) === undefined;
    });
  }

  /**
   * Whether the file itself stores the MCP session id in the `sessionId` of the web framework's
   * context a local holds (review 89 point 2): Koa middleware's `ctx.sessionId =
   * ctx.get('mcp-session-id')`, h3's `event.context.sessionId = getHeader(event, 'mcp-session-id')`.
   * The store and the read are matched by the path from the handler's parameter ('' for Koa's
   * `ctx`, 'context' for h3's `const { context } = event`), as they sit in different handlers.
   */
  private webContextGetsSessionId(decl: TS.Node): boolean {
    let path: string | undefined;
    if (ts.isParameter(decl)) path = '';
    else if (ts.isBindingElement(decl) && ts.isObjectBindingPattern(decl.parent) && ts.isVariableDeclaration(decl.parent.parent) && decl.parent.parent.initializer) {
      const key = decl.propertyName ? propertyNameText(decl.propertyName) : ts.isIdentifier(decl.name) ? decl.name.text : undefined;
      const base = pathFromParameter(decl.parent.parent.initializer);
      path = key !== undefined && base !== undefined ? (base ? `${base}.${key}` : key) : undefined;
    } else if (ts.isVariableDeclaration(decl) && decl.initializer) path = pathFromParameter(decl.initializer);
    return path !== undefined && this.webSessionIdPaths.has(path);
  }

  private webSessionIdPathsCache: Set<string> | undefined;

  /** The paths (webContextGetsSessionId) of the `sessionId` fields the file sets from an MCP session-id read on a parameter's object. */
  private get webSessionIdPaths(): Set<string> {
    if (this.webSessionIdPathsCache) return this.webSessionIdPathsCache;
    const paths = new Set<string>();
    // Set first: judging a right-hand side may come back here (`ctx.sessionId = ctx.sessionId ?? ...`).
    this.webSessionIdPathsCache = paths;
    if (!this.sourceFile.text.includes('sessionId')) return paths;
    const found: string[] = [];
    this.nodes.visit(BINARY_EXPRESSIONS, (node) => {
      if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
      const left = unwrap(node.left);
      if (!ts.isPropertyAccessExpression(left) || left.name.text !== 'sessionId') return;
      const path = pathFromParameter(left.expression);
      // Only the context of a route or middleware handed to the framework: a helper's `state.sessionId = extra.sessionId` is no web context.
      const root = accessRoot(left.expression);
      const param = root && ts.isIdentifier(root) ? resolveIdentifier(root) : undefined;
      if (path === undefined || !param || !this.fromWebHandler(param)) return;
      const right = unwrap(node.right);
      // h3's `getHeader(event, 'mcp-session-id')` names the header in its second argument.
      const headerRead = ts.isCallExpression(right) && HEADER_READERS.has(calleeName(right) ?? '') && right.arguments.some((a) => namesSessionHeader(a));
      if (headerRead || this.isSessionIdRead(right)) found.push(path);
    });
    for (const path of found) paths.add(path);
    return paths;
  }

  /** The copies copiesCarrier is judging, against a cycle of initializers (`const a = { ...b }, b = { ...a }`). */
  private readonly copying = new Set<TS.Node>();

  /**
   * Whether a value is a fresh copy of a session carrier (trial 71B B6): an object literal that
   * spreads one (`{ ...ctx, receivedAt: Date.now() }`), or `Object.assign` of one onto a fresh
   * object literal (`Object.assign({}, extra)`). What the copy's `sessionId` is, is decided by the
   * last member that writes it (copiedSessionId). Undefined where the value is no such copy: a
   * literal that spreads nothing (`const ctx = { sessionId: extra.sessionId!, at: 1 }`) is a value
   * the file builds, judged by the old rules and propertyIsSessionId, as is one whose own
   * `sessionId` is no MCP session id unless it overrides a spread context (review 89 point 1: such a
   * `ctx` was taken for no carrier, so fix no longer rewrote the file and exited 1).
   */
  private copiesCarrier(value: TS.Node): boolean | undefined {
    const v = unwrap(value);
    let sources: TS.Node[] | undefined;
    if (ts.isObjectLiteralExpression(v)) {
      if (!v.properties.some(ts.isSpreadAssignment)) return undefined;
      sources = [v];
    } else if (ts.isCallExpression(v) && v.arguments.length > 1 && ts.isObjectLiteralExpression(unwrap(v.arguments[0])) && accessChain(unwrap(v.expression)) === 'Object.assign') {
      sources = v.arguments.map((a) => unwrap(a));
    }
    if (!sources) return undefined;
    if (this.copying.has(v)) return false;
    this.copying.add(v);
    try {
      const copied = this.copiedSessionId(sources);
      if (copied === 'own') return undefined;
      if (copied === 'overridden') return false;
      // A copy of something else, or of objects none of which has a sessionId, is no context
      // whatever it is called (`const context = Object.assign({}, args)`).
      return copied ?? false;
    } finally {
      this.copying.delete(v);
    }
  }

  /**
   * What the `sessionId` of an object built from `sources` in turn (an object literal's members,
   * or Object.assign's arguments) is: true for the MCP session id (a spread carrier, or a member
   * that holds the id), false for a spread of something else, 'overridden' for a value of the
   * copy's own written over a spread context's (`{ ...ctx, sessionId: handle }`), 'own' for a
   * value of its own over no context, undefined where nothing writes one (`{ ...defaults }` of
   * `const defaults = { locale: 'en' }`). A spread const object literal of the file is looked into
   * (`const base = { sessionId: extra.sessionId }; const ctx = { ...base }`, review 89 point 1).
   */
  private copiedSessionId(sources: readonly TS.Node[]): boolean | 'own' | 'overridden' | undefined {
    let state: boolean | 'own' | 'overridden' | undefined;
    let spreadCarrier = false;
    const spread = (source: TS.Node) => {
      const literal = this.constObjectLiteral(source);
      if (literal) {
        if (this.copying.has(literal)) return;
        this.copying.add(literal);
        try {
          const inner = this.copiedSessionId([literal]);
          if (inner === undefined) return;
          state = inner === true;
          spreadCarrier ||= inner === true;
        } finally {
          this.copying.delete(literal);
        }
        return;
      }
      // (A spread of an object this file cannot see into, `...args` after `sessionId: extra.sessionId`,
      // is taken not to write one: review 90 point 6.)
      const carrier = this.isSessionCarrier(source);
      if (carrier) state = true;
      else if (state === undefined) state = false;
      spreadCarrier ||= carrier;
    };
    for (const source of sources) {
      if (!ts.isObjectLiteralExpression(source)) {
        if (!ts.isSpreadElement(source)) spread(source);
        continue;
      }
      for (const p of source.properties) {
        if (ts.isSpreadAssignment(p)) spread(p.expression);
        else if (p.name !== undefined && propertyNameText(p.name) === 'sessionId') {
          const held = ts.isPropertyAssignment(p) ? this.isSessionId(p.initializer) : ts.isShorthandPropertyAssignment(p) ? this.isSessionId(p.name) : false;
          state = held ? true : spreadCarrier ? 'overridden' : 'own';
        }
      }
    }
    return state;
  }

  /** The object literal a name of a const of the file holds (`base` of `const base = { ... }`), or an object literal written in place. */
  private constObjectLiteral(source: TS.Node): TS.ObjectLiteralExpression | undefined {
    const n = unwrap(source);
    if (ts.isObjectLiteralExpression(n)) return n;
    const decl = ts.isIdentifier(n) ? resolveIdentifier(n) : undefined;
    const init = decl && ts.isVariableDeclaration(decl) && isConstDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
    return init && ts.isObjectLiteralExpression(init) ? init : undefined;
  }

  /**
   * While a helper's return value is judged for one call: its parameters bound to whether that
   * call's arguments are the session id, with a memo of its own (the same nodes mean something else
   * for another call).
   */
  private readonly bindings: Array<{ params: Map<TS.ParameterDeclaration, boolean>; memo: Map<TS.Node, boolean>; inProgress: Set<TS.Node> }> = [];

  /** Whether `node` evaluates to the MCP session id (see the module comment). */
  isSessionId(node: TS.Node): boolean {
    const n = unwrap(node);
    const frame = this.bindings.at(-1);
    const memoMap = frame ? frame.memo : this.taintMemo;
    const inProgress = frame ? frame.inProgress : this.inProgress;
    const memo = memoMap.get(n);
    if (memo !== undefined) return memo;
    if (inProgress.has(n)) return false;
    inProgress.add(n);
    const result = this.computeSessionId(n);
    inProgress.delete(n);
    memoMap.set(n, result);
    return result;
  }

  private readonly assignedMemo = new Map<TS.VariableDeclaration, TS.Expression[]>();

  /**
   * An id minted up front and handed to a transport as its session id (`const id = randomUUID();
   * new Transport({ sessionIdGenerator: () => id })`): what is keyed by it (`tags.set(id, ...)`)
   * is keyed by the MCP session id (trial 32B).
   */
  private mintedForGenerator(decl: TS.VariableDeclaration): boolean {
    this.generatorIds ??= this.idsReturnedByGenerators();
    return this.generatorIds.has(decl);
  }

  /**
   * The variables the file's session-id generators return (`() => id`, `return id` in `() => {
   * return id; }` or `sessionIdGenerator() { return id; }`): one walk of the file, and none in a
   * file that does not name sessionIdGenerator.
   */
  private idsReturnedByGenerators(): Set<TS.Node> {
    const ids = new Set<TS.Node>();
    if (!this.sourceFile.text.includes('sessionIdGenerator')) return ids;
    walk(this.sourceFile, (n) => {
      const fn = ts.isMethodDeclaration(n) ? n : ts.isPropertyAssignment(n) && isFunctionLike(unwrap(n.initializer)) ? (unwrap(n.initializer) as TS.FunctionLikeDeclaration) : undefined;
      if (!fn || propertyNameText((n as TS.MethodDeclaration | TS.PropertyAssignment).name) !== 'sessionIdGenerator') return undefined;
      for (const e of returnedExpressions(fn)) {
        const v = unwrap(e);
        const declared = ts.isIdentifier(v) ? resolveIdentifier(v) : undefined;
        if (declared && ts.isVariableDeclaration(declared)) ids.add(declared);
      }
      return undefined;
    });
    return ids;
  }

  private generatorIds: Set<TS.Node> | undefined;

  /**
   * What a `let` (or `var`) is assigned after its declaration (`current = req.headers['mcp-session-id']`
   * in a route, where the tools read `current`: the session id of whichever request came last).
   */
  assignedValues(decl: TS.VariableDeclaration): TS.Expression[] {
    let values = this.assignedMemo.get(decl);
    if (!values) {
      values = [];
      if (ts.isIdentifier(decl.name) && !isConstDeclaration(decl) && this.sourceFile.text.includes(`${decl.name.text} =`)) {
        const scope = enclosingFunction(decl)?.body ?? this.sourceFile;
        for (const ref of referencesTo(scope, decl as TS.VariableDeclaration & { name: TS.Identifier })) {
          const at = outermost(ref);
          if (ts.isBinaryExpression(at.parent) && at.parent.left === at && at.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) values.push(at.parent.right);
        }
      }
      this.assignedMemo.set(decl, values);
    }
    return values;
  }

  /** Per helper: what `bound` answered, by question, depth and which arguments were the session id. */
  private readonly boundMemo = new WeakMap<TS.Node, Map<string, boolean>>();

  /**
   * `test` on a helper's return expressions, its parameters bound to one call's arguments
   * (`keyFor(sid)` returns the session id, `keyFor(userId)` does not), a few helpers deep. The
   * answer depends only on the helper, the question, the depth and which arguments are the session
   * id, so each combination is judged once.
   */
  private bound(call: TS.CallExpression, target: TS.FunctionLikeDeclaration, question: string, test: (returned: TS.Expression) => boolean): boolean {
    if (this.bindings.length >= 3) return false;
    const returned = returnedExpressions(target);
    if (returned.length === 0) return false;
    const bound = target.parameters.map((_, i) => !!call.arguments[i] && this.isSessionId(call.arguments[i]));
    const key = `${question}:${this.bindings.length}:${bound.map(Number).join('')}`;
    let memo = this.boundMemo.get(target);
    if (!memo) this.boundMemo.set(target, (memo = new Map()));
    const known = memo.get(key);
    if (known !== undefined) return known;
    this.bindings.push({ params: new Map(target.parameters.map((p, i) => [p, bound[i]])), memo: new Map(), inProgress: new Set() });
    let result: boolean;
    try {
      result = returned.some(test);
    } finally {
      this.bindings.pop();
    }
    memo.set(key, result);
    return result;
  }

  /** Whether the node itself reads the session id from its source (not via a variable). */
  isSessionIdRead(node: TS.Node): boolean {
    const n = unwrap(node);
    // A field named for the MCP session id (`userContext.mcpSessionId`) holds it, whatever holds the field.
    // mcp-lite's `ctx.session?.id` in a handler.
    if (ts.isPropertyAccessExpression(n)) return MCP_SESSION_ID_FIELD.test(n.name.text) || (n.name.text === 'sessionId' && this.isSessionCarrier(n.expression)) || (n.name.text === 'id' && this.isContextSession(n.expression));
    if (ts.isElementAccessExpression(n)) {
      const key = constantString(n.argumentExpression);
      if (namesSessionHeader(n.argumentExpression) || MCP_SESSION_ID_FIELD.test(key ?? '')) return true;
      return key === 'sessionId' && this.isSessionCarrier(n.expression);
    }
    if (ts.isCallExpression(n)) {
      const name = calleeName(n);
      const first = constantString(n.arguments[0]);
      if (name && HEADER_READERS.has(name) && namesSessionHeader(n.arguments[0])) return true;
      if (this.legacySseFile && (name === 'get' || name === 'query') && first === 'sessionId') {
        const receiver = ts.isPropertyAccessExpression(unwrap(n.expression)) ? (unwrap(n.expression) as TS.PropertyAccessExpression).expression : undefined;
        const receiverText = receiver ? accessChain(receiver) ?? receiver.getText() : '';
        return /searchParams|query|req/i.test(receiverText);
      }
    }
    return false;
  }

  private computeSessionId(n: TS.Node): boolean {
    if (this.isSessionIdRead(n)) return true;
    if (ts.isIdentifier(n)) {
      const decl = resolveIdentifier(n);
      if (!decl) return false;
      if (ts.isVariableDeclaration(decl)) return this.variableIsSessionId(decl) || this.mintedForGenerator(decl);
      // A module-level `let` of another module of the run (`import { currentSession } from
      // './current.js'`), judged there with its facts (trial 74B B3).
      if (ts.isImportSpecifier(decl) || ts.isImportClause(decl)) {
        const imported = this.importedVariable(n);
        return !!imported && !isConstDeclaration(imported.decl) && imported.facts.variableIsSessionId(imported.decl);
      }
      if (ts.isBindingElement(decl)) return this.bindingIsSessionId(decl);
      if (ts.isParameter(decl)) {
        const bound = this.bindings.at(-1)?.params.get(decl);
        return bound ?? this.parameterIsSessionId(decl);
      }
      return false;
    }
    if (ts.isBinaryExpression(n)) {
      const op = n.operatorToken.kind;
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return this.isSessionId(n.left) || this.isSessionId(n.right);
      // `'session:' + sid`: a key built with the session id, as a template builds one.
      if (op === ts.SyntaxKind.PlusToken) return this.isSessionId(n.left) || this.isSessionId(n.right);
      return false;
    }
    if (ts.isConditionalExpression(n)) return this.isSessionId(n.whenTrue) || this.isSessionId(n.whenFalse);
    if (ts.isTemplateExpression(n)) return n.templateSpans.some((span) => this.isSessionId(span.expression));
    if (ts.isCallExpression(n)) {
      const name = calleeName(n);
      if (name === 'String' && n.arguments.length === 1) return this.isSessionId(n.arguments[0]);
      if (name === 'toString' && ts.isPropertyAccessExpression(unwrap(n.expression))) return this.isSessionId((unwrap(n.expression) as TS.PropertyAccessExpression).expression);
      // A function handed in as a parameter that returns the id (`sessionIdProvider()`, given
      // `() => transport.sessionId` where the function is called).
      const callee = unwrap(n.expression);
      if (ts.isIdentifier(callee)) {
        const decl = resolveIdentifier(callee);
        if (decl && ts.isParameter(decl)) return this.providesSessionId(decl);
      }
      // A helper of this file that builds its result from the id: `redis.set(keyFor(sid), ...)`.
      const target = this.callTarget(n);
      if (target) return this.bound(n, target, 'returns', (returned) => this.isSessionId(returned));
      // Or of another module: its function (`keyFor(extra)`), or a method of an object made of its
      // class (`keys.of(extra)`, `const keys = new Keys()`; trial 71B B9).
      if (this.modules && (ts.isIdentifier(callee) ? !!importOf(callee) : ts.isPropertyAccessExpression(callee))) return this.keyFromContextElsewhere(n) || this.getterElsewhere(n, callee);
    }
    // `config.sid` where `config` is an object (or what a helper of this file returns) whose `sid` is the id.
    if (ts.isPropertyAccessExpression(n)) return this.propertyIsSessionId(n.expression, n.name.text);
    return false;
  }

  /**
   * A function of another module of the run handed the handler's context that returns what it
   * builds from that context's session id (`keyFor(extra)`, whose body returns
   * `` `k:${extra.sessionId ?? 'none'}` ``; trial 49B B5): the module may name no MCP, so its own
   * reading of `extra` proves nothing there; the parameter the context is handed to does. Also a
   * method of an object the file makes of a class of such a module (`keys.of(extra)` of `const keys
   * = new Keys()`, trial 71B B9), or a function of a namespace import (`ids.keyFor(extra)`).
   */
  private keyFromContextElsewhere(call: TS.CallExpression): boolean {
    const handed = this.contextHandedElsewhere(call);
    return !!handed && returnsContextSessionId(handed);
  }

  /**
   * The function of another module of the run a call hands the handler's context to (`keyFor(extra)`,
   * `getSession(ctx)`, `keys.of(extra)`), with the parameters it takes the context as; undefined for
   * a call handed no context, or of no such function (keyFromContextElsewhere).
   */
  contextHandedElsewhere(call: TS.CallExpression): ContextHanded | undefined {
    const callee = unwrap(call.expression);
    if (!this.modules || !(ts.isIdentifier(callee) ? !!importOf(callee) : ts.isPropertyAccessExpression(callee))) return undefined;
    const handed = call.arguments.flatMap((arg, i) => {
      const a = unwrap(arg);
      const decl = ts.isIdentifier(a) ? resolveIdentifier(a) : undefined;
      return decl && ts.isParameter(decl) && this.isContextParam(decl) ? [i] : [];
    });
    if (handed.length === 0) return undefined;
    const { path, source } = this.modules;
    // importedMethodAt also follows a field of the caller's class (`this.keys.of(extra)` of `private
    // readonly keys = new Keys()`, or one the constructor is handed typed `Keys`; review 89 point 8).
    const fn = (importedFunctionAt(callee as TS.Expression, path, source) ?? importedMethodAt(callee as TS.Expression, path, source))?.fn;
    if (!fn) return undefined;
    const params = handed.map((i) => fn.parameters[i]).filter((p): p is TS.ParameterDeclaration => !!p);
    return params.length > 0 ? { fn, params } : undefined;
  }

  /**
   * Whether property `name` of the object `expression` evaluates to holds the session id, where
   * this file shows the object: a literal, or what a helper of this file returns (judged with its
   * parameters bound to that call's arguments).
   */
  private propertyIsSessionId(expression: TS.Node, name: string): boolean {
    const u = unwrap(expression);
    let value = ts.isIdentifier(u) ? resolveInitializer(u) : u;
    if (value && ts.isAwaitExpression(value)) value = unwrap(value.expression);
    if (!value) return false;
    if (ts.isObjectLiteralExpression(value)) {
      const property = value.properties.find((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && propertyNameText(p.name) === name);
      if (property && ts.isPropertyAssignment(property)) return this.isSessionId(property.initializer);
      if (property && ts.isShorthandPropertyAssignment(property)) return this.isSessionId(property.name);
      return false;
    }
    const call = ts.isCallExpression(value) ? value : undefined;
    // `als.getStore()?.sessionId` where the route ran the request in `als.run({ sessionId }, ...)`.
    if (call && calleeName(call) === 'getStore' && ts.isPropertyAccessExpression(unwrap(call.expression))) return this.storedSessionId(unwrap((unwrap(call.expression) as TS.PropertyAccessExpression).expression), name);
    const target = call && this.callTarget(call);
    return !!target && this.bound(call!, target, `property ${name}`, (returned) => this.propertyIsSessionId(returned, name));
  }

  /**
   * Whether an AsyncLocalStorage (`const als = new AsyncLocalStorage()`) holds the session id under
   * `name`: some `als.run(store, ...)` or `als.enterWith(store)` gives it a store whose `name` is the
   * id. The storage may be another module's (`import { requestContext } from './context.js'`), and
   * the run may be in a module that imports it (the route of server.ts running the request in
   * `requestContext.run({ sessionId: transport.sessionId }, ...)`; trial 74B B3).
   */
  private storedSessionId(storage: TS.Node, name: string): boolean {
    if (!ts.isIdentifier(storage)) return false;
    const decl = resolveIdentifier(storage);
    if (decl && (ts.isImportSpecifier(decl) || ts.isImportClause(decl))) {
      const imported = this.importedVariable(storage);
      return !!imported && imported.facts.storageHoldsSessionId(imported.decl, name);
    }
    return !!decl && ts.isVariableDeclaration(decl) && this.storageHoldsSessionId(decl, name);
  }

  /** storedSessionId of a storage this file declares: its runs here, and those of the modules that import it. */
  private storageHoldsSessionId(decl: TS.VariableDeclaration, name: string): boolean {
    if (!decl.initializer || !ts.isIdentifier(decl.name)) return false;
    const init = unwrap(decl.initializer);
    if (!ts.isNewExpression(init) || calleeName(init) !== 'AsyncLocalStorage') return false;
    // Every `getStore()` of the storage asks the same: its uses are walked once per member name.
    const key = `${decl.pos}:${name}`;
    const known = this.storedMemo.get(key);
    if (known !== undefined) return known;
    this.storedMemo.set(key, false); // cycle guard
    const runs = (member: TS.Node) => ts.isPropertyAccessExpression(member) && /^(run|enterWith)$/.test(member.name.text) && ts.isCallExpression(member.parent) && member.parent.expression === member ? member.parent : undefined;
    const stored =
      referencesTo(this.sourceFile, decl as TS.VariableDeclaration & { name: TS.Identifier }).some((ref) => {
        const run = ref.parent && (ref.parent as TS.PropertyAccessExpression).expression === ref ? runs(ref.parent) : undefined;
        return !!run?.arguments[0] && this.propertyIsSessionId(run.arguments[0], name);
      }) ||
      memberCallsFromOtherModules(decl, this).some(({ call, facts }) => {
        const run = runs(unwrap(call.expression));
        return !!run?.arguments[0] && facts.propertyIsSessionId(run.arguments[0], name);
      });
    this.storedMemo.set(key, stored);
    return stored;
  }

  /**
   * Whether a variable holds the session id: its initializer, or a value assigned to it later; for
   * a module-level one, also the parameter of an exported setter the run's other modules call with
   * the id (`current = id` in `export function setCurrentSession(id)`, called by the route of
   * server.ts with `transport.sessionId`; trial 74B B3).
   */
  variableIsSessionId(decl: TS.VariableDeclaration): boolean {
    if (decl.initializer && this.isSessionId(decl.initializer)) return true;
    const module = isModuleVariable(decl);
    return this.assignedValues(decl).some((v) => this.isSessionId(v) || (module && this.setByImporters(v)));
  }

  /** A parameter of an exported function a value is (`id` of `current = id`), where another module of the run calls that function with the session id. */
  private setByImporters(value: TS.Expression): boolean {
    const v = unwrap(value);
    const param = ts.isIdentifier(v) ? resolveIdentifier(v) : undefined;
    return !!param && ts.isParameter(param) && this.handedByImporters(param);
  }

  /** The module-level variable of another module of the run an imported name is bound to, with that module's facts. */
  private importedVariable(name: TS.Identifier): { decl: TS.VariableDeclaration; facts: SessionFacts } | undefined {
    const found = this.modules && importedVariableAt(name, this.modules.path, this.modules.source);
    return found && isModuleVariable(found.decl) ? { decl: found.decl, facts: moduleFacts(found.module, this.modules!.source) } : undefined;
  }

  /**
   * A function of another module of the run that takes nothing and returns the session id as its
   * own module sees it (`currentSessionId()` returning `requestContext.getStore().sessionId`, or
   * `getCurrentSession()` returning a module `let` a route sets; trial 74B B3).
   */
  private getterElsewhere(call: TS.CallExpression, callee: TS.Node): boolean {
    if (call.arguments.length > 0) return false;
    const { path, source } = this.modules!;
    const found = importedFunctionAt(callee as TS.Expression, path, source) ?? importedMethodAt(callee as TS.Expression, path, source);
    if (!found || found.fn.parameters.length > 0) return false;
    const known = gettersMemo.get(found.fn);
    if (known !== undefined) return known;
    gettersMemo.set(found.fn, false); // cycle guard
    const theirs = moduleFacts(found.module, source);
    const result = returnedExpressions(found.fn).some((r) => theirs.isSessionId(r));
    gettersMemo.set(found.fn, result);
    return result;
  }

  /** storedSessionId's answers, by storage declaration and member name. */
  private readonly storedMemo = new Map<string, boolean>();

  private bindingIsSessionId(element: TS.BindingElement): boolean {
    const key = element.propertyName ? propertyNameText(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
    const pattern = element.parent;
    const holder = pattern.parent;
    if (key?.toLowerCase() === SESSION_HEADER) return true;
    // mcp-lite's `const { id } = ctx.session`.
    if (key === 'id' && ts.isVariableDeclaration(holder) && holder.initializer) return this.isContextSession(holder.initializer);
    if (key !== 'sessionId') return false;
    if (ts.isVariableDeclaration(holder) && holder.initializer) return this.isSessionCarrier(holder.initializer);
    if (ts.isParameter(holder)) return this.isContextParam(holder) || this.isSessionCallbackParam(holder) || buildsServerPerSession(holder);
    return false;
  }

  /** Parameters of `onsessioninitialized` / `onsessionclosed` callbacks carry the session id. */
  private isSessionCallbackParam(param: TS.ParameterDeclaration): boolean {
    const fn = param.parent;
    return isFunctionLike(fn) && fn.parameters[0] === param && isSessionCallback(fn);
  }

  /** Whether the callers of a function hand this parameter a function that returns the session id (`() => transport.sessionId`). */
  private providesSessionId(param: TS.ParameterDeclaration): boolean {
    const fn = param.parent;
    if (!isFunctionLike(fn)) return false;
    const index = fn.parameters.indexOf(param);
    return this.callSitesOf(fn).some((call) => {
      const given = call.arguments[index] && resolveFunction(call.arguments[index]);
      return !!given && given.parameters.length === 0 && returnedExpressions(given).some((r) => this.isSessionId(r));
    });
  }

  private parameterIsSessionId(param: TS.ParameterDeclaration): boolean {
    if (this.isSessionCallbackParam(param)) return true;
    const fn = param.parent;
    if (!isFunctionLike(fn)) return false;
    const index = fn.parameters.indexOf(param);
    const calls = this.callSitesOf(fn);
    for (const call of calls) {
      const arg = call.arguments[index];
      if (arg && this.isSessionId(arg)) return true;
    }
    return calls.length === 0 && (handedServerAndSessionId(fn, param) || this.sessionIdFromImporters(param));
  }

  /**
   * Whether another module of the run calls this exported function with the MCP session id for a
   * parameter named for a session (`registerTools(server, sessionId)` in the route, where
   * `sessionId` is the header's or the transport's; trial 42A) or for a key or an id (a rate
   * limiter's `allow(key)` the tools hand `sid`, trial 75A B4; what the callers hand it decides):
   * the package's files that import this one (ModuleSource.users), their calls of it, judged with their facts.
   */
  private sessionIdFromImporters(param: TS.ParameterDeclaration): boolean {
    const modules = this.modules;
    return !!modules && ts.isIdentifier(param.name) && (/session|^sid$/i.test(param.name.text) || /^(key|id)$/.test(stateWords(param.name.text).at(-1) ?? '')) && this.handedByImporters(param);
  }

  /** Per parameter: handedByImporters' answer (asked for each use of it; each answer reads the package's importers). */
  private readonly fromImporters = new Map<TS.ParameterDeclaration, boolean>();

  /** Whether another module of the run calls the parameter's function with the session id in its place. */
  private handedByImporters(param: TS.ParameterDeclaration): boolean {
    let known = this.fromImporters.get(param);
    if (known === undefined) {
      const fn = param.parent as TS.FunctionLikeDeclaration;
      const index = fn.parameters.indexOf(param);
      known = isFunctionLike(fn) && callsFromOtherModules(fn, this).some(({ call, facts }) => !!call.arguments[index] && facts.isSessionId(call.arguments[index]));
      this.fromImporters.set(param, known);
    }
    return known;
  }


  /**
   * The local function a call runs: `f()`, `this.m()`, `x.m()` where `x` is bound to
   * `new LocalClass()` in this file (a session store class used through an instance), or
   * `new LocalClass(...).m()` (a helper a tool builds for one call).
   */
  callTarget(call: TS.CallExpression): TS.FunctionLikeDeclaration | undefined {
    const callee = unwrap(call.expression);
    const local = this.localNames;
    // Cheap name tests first: most calls (console.log, res.json, z.string) reach nothing local.
    if (ts.isIdentifier(callee)) return local.functions.has(callee.text) ? (resolveFunction(callee) ?? madeFunction(callee)) : undefined;
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const base = unwrap(callee.expression);
    let made: TS.Expression | undefined;
    let cls: TS.ClassLikeDeclaration | undefined;
    if (base.kind === ts.SyntaxKind.ThisKeyword) cls = enclosingClass(call);
    else if (ts.isIdentifier(base) && local.instances.has(base.text)) made = resolveInitializer(base);
    else if (ts.isNewExpression(base)) made = base;
    else if (ts.isIdentifier(base) && local.objects.has(base.text)) return this.objectMethod(base, callee.name.text);
    if (made && ts.isNewExpression(made) && ts.isIdentifier(unwrap(made.expression)) && local.classes.has((unwrap(made.expression) as TS.Identifier).text)) {
      const decl = resolveIdentifier(unwrap(made.expression) as TS.Identifier);
      if (decl && ts.isClassDeclaration(decl)) cls = decl;
    }
    const method = cls?.members.find((m) => ts.isMethodDeclaration(m) && propertyNameText(m.name) === callee.name.text);
    return method && ts.isMethodDeclaration(method) ? method : undefined;
  }

  private readonly sendingWrappers = new Map<TS.FunctionLikeDeclaration, number>();

  /**
   * The JSON-RPC method a call to one of the file's own sending wrappers names, and the argument
   * that names it: `this.request('initialize', params)` where `request(method, params)` writes
   * `{ jsonrpc: '2.0', method, params }` (or hands `{ method, params }` to a call that sends it).
   * What a hand-written client sends through its wrapper is what it would send written out.
   */
  sentThroughWrapper(call: TS.CallExpression): { argument: TS.Expression; method: string } | undefined {
    // Cheap test first: the method is named by a constant string among the arguments.
    if (!call.arguments.some((a) => ts.isStringLiteralLike(a))) return undefined;
    const target = this.callTarget(call);
    if (!target?.body) return undefined;
    let index = this.sendingWrappers.get(target);
    if (index === undefined) {
      index = methodParameterIndex(target);
      this.sendingWrappers.set(target, index);
    }
    const argument = index >= 0 ? call.arguments[index] : undefined;
    const method = argument && ts.isStringLiteralLike(argument) ? argument.text : undefined;
    return argument && method ? { argument, method } : undefined;
  }

  /**
   * The method (or function-valued property) `member` of the object literal a const of the file
   * holds (`keyz.of(extra)` of `const keyz = { of(extra) { ... } }`, trial 71B B9).
   */
  private objectMethod(base: TS.Identifier, member: string): TS.FunctionLikeDeclaration | undefined {
    const decl = resolveIdentifier(base);
    const object = decl && ts.isVariableDeclaration(decl) && isConstDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
    if (!object || !ts.isObjectLiteralExpression(object)) return undefined;
    const property = object.properties.find((p) => p.name !== undefined && propertyNameText(p.name) === member);
    if (property && ts.isMethodDeclaration(property)) return property;
    return property && ts.isPropertyAssignment(property) ? resolveFunction(property.initializer) : undefined;
  }

  private localNamesCache: { functions: Set<string>; classes: Set<string>; instances: Set<string>; objects: Set<string> } | undefined;

  /**
   * Names of functions and classes declared in this file (declarations and `const f = () => ...`),
   * of variables holding `new LocalClass()`, and of variables holding an object literal with a
   * method: the only callees `callTarget` can resolve.
   */
  private get localNames(): { functions: Set<string>; classes: Set<string>; instances: Set<string>; objects: Set<string> } {
    if (!this.localNamesCache) {
      const functions = new Set<string>();
      const classes = new Set<string>();
      const objects = new Set<string>();
      const newed: Array<[string, string]> = [];
      // Locals a call of a factory of the file makes (`const ask = makeAsk(server)`): calling one runs what the factory returns.
      const made: Array<[string, string]> = [];
      const visit = (node: TS.Node): void => {
        if (ts.isFunctionDeclaration(node) && node.name) functions.add(node.name.text);
        else if (ts.isClassDeclaration(node) && node.name) classes.add(node.name.text);
        else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
          let init = unwrap(node.initializer);
          if (ts.isAwaitExpression(init)) init = unwrap(init.expression);
          if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) functions.add(node.name.text);
          else if (ts.isNewExpression(init) && ts.isIdentifier(unwrap(init.expression))) newed.push([node.name.text, (unwrap(init.expression) as TS.Identifier).text]);
          else if (ts.isCallExpression(init) && ts.isIdentifier(unwrap(init.expression))) made.push([node.name.text, (unwrap(init.expression) as TS.Identifier).text]);
          else if (ts.isObjectLiteralExpression(init) && init.properties.some((p) => ts.isMethodDeclaration(p) || (ts.isPropertyAssignment(p) && isFunctionLike(unwrap(p.initializer))))) objects.add(node.name.text);
        }
      };
      this.nodes.visit(LOCAL_NAME_NODES, visit);
      for (const [name, factory] of made) if (functions.has(factory)) functions.add(name);
      this.localNamesCache = { functions, classes, objects, instances: new Set(newed.filter(([, cls]) => classes.has(cls)).map(([name]) => name)) };
    }
    return this.localNamesCache;
  }

  /** Calls in this file of a local function or class method (one pass over the file's calls, then looked up). */
  callSitesOf(fn: TS.FunctionLikeDeclaration | undefined): TS.CallExpression[] {
    if (!this.callSites) {
      const sites = new Map<TS.Node, TS.CallExpression[]>();
      const add = (target: TS.Node | undefined, call: TS.CallExpression) => {
        if (!target) return;
        const list = sites.get(target);
        if (list) list.push(call);
        else sites.set(target, [call]);
      };
      const visit = (node: TS.Node): void => {
        if (ts.isCallExpression(node)) add(this.callTarget(node), node);
      };
      this.nodes.visit(CALLS, visit);
      this.callSites = sites;
    }
    return fn ? this.callSites.get(fn) ?? [] : [];
  }

  // -------------------------------------------------------------------------------------------
  // Collections
  // -------------------------------------------------------------------------------------------

  get collections(): Collection[] {
    if (!this.collectionsCache) this.collectionsCache = this.findCollections();
    return this.collectionsCache;
  }

  private sessionIndexCache: { keyed: Set<Collection>; externalAt: Map<TS.Node, Collection[]> } | undefined;

  /** The session-keyed collections, and for each access of an external one, its collections: built once. */
  private get sessionIndex(): { keyed: Set<Collection>; externalAt: Map<TS.Node, Collection[]> } {
    if (!this.sessionIndexCache) {
      const keyed = new Set(this.collections.filter((c) => c.sessionKeyed));
      const externalAt = new Map<TS.Node, Collection[]>();
      for (const c of keyed) {
        if (c.origin !== 'external') continue;
        for (const access of new Set(c.accesses)) {
          const list = externalAt.get(access);
          if (list) list.push(c);
          else externalAt.set(access, [c]);
        }
      }
      this.sessionIndexCache = { keyed, externalAt };
    }
    return this.sessionIndexCache;
  }

  private memberKey(cls: TS.Node, name: string): string {
    return `${cls.pos}:${name}`;
  }

  private declare(decl: TS.Node, nameNode: TS.Node, name: string, shape: TypeShape, memberOf?: TS.Node): Collection {
    const typed = valueKindOfType(shape.valueType, this.localTypes);
    // A class of the project says by what it holds, not by its name (projectClassKind).
    const ofClass = typed === 'session-object' ? this.projectClassKind(decl, shape.valueType) : undefined;
    const collection: Collection = {
      reportNode: nameNode,
      decl,
      name,
      origin: 'declared',
      // A map from the session to its transport's id (`sessionToTransport: Map<string, string>`) routes like one of transports.
      valueKind: (ofClass ? ofClass.kind : typed) ?? (/^(session|sid)\w*To(Transport|Server)(Id)?s?$/i.test(name) ? 'transport' : 'data'),
      valueType: shape.valueType,
      ...(ofClass?.kind === 'data' ? { valueClass: { name: ofClass.cls.name!.text, path: ofClass.path } } : {}),
      sessionKeyed: false,
      typeEvidence: false,
      accesses: [],
    };
    // Type evidence without any keyed use: a string-keyed collection of SDK server transports
    // (only sessionful code keeps those), or of servers / transport-holding records when the key
    // or the collection is named after sessions. A value type merely named `...Session` is not
    // enough: CDP, terminal and browser sessions look the same.
    const serverTransportValues = !!shape.valueType && SERVER_TRANSPORT_TYPE.test(shape.valueType.replace(/\s*\|\s*undefined$/, '').replace(/<.*$/, ''));
    const sessionKeyName = !!shape.keyName && /session|^sid$/i.test(shape.keyName);
    const sessionName = /^(transports|sessions|servers|sessionTransports|sessionServers|activeSessions)$|Session|BySid$/i.test(name);
    const holdsMcp = ofClass?.kind !== 'data' && typeHoldsMcpSession(shape.valueType, this.localTypes);
    // A record with a `transport` member of a generic or interface type (`{ transport: T; timer }`),
    // keyed by a session id in a collection named after sessions: a session table.
    const transportMember = /\btransport\??\s*:\s*([\w.]+)/.exec(shape.valueType ?? '')?.[1];
    const sessionRecord = sessionKeyName && sessionName && !!transportMember && transportTypeName(transportMember, this.localTypes);
    collection.typeEvidence = shape.keyIsString && (serverTransportValues || ((sessionKeyName || sessionName) && holdsMcp) || sessionRecord);
    this.byDecl.set(decl, collection);
    if (memberOf) {
      this.byMember.set(this.memberKey(memberOf, name), collection);
      this.memberNames.add(name);
    }
    return collection;
  }

  /**
   * What a declared value type that names a class of the project holds (`Map<string,
   * DraftSession>`, the class in this file or in a module of the run it imports): session objects
   * where its fields (declared, parameter properties, or made in its constructor) hold a server
   * transport or a server, the application's data where they hold neither, whatever its name says
   * (trial 76B B6: a draft with its undo stack, `DraftSession`, was taken for a session object and
   * its map for one to delete). Undefined where the type names no such class (another package's
   * `CDPSession`), or one whose base class is not seen: its name decides, as before.
   */
  private projectClassKind(decl: TS.Node, valueType: string | undefined): { kind: ValueKind; cls: TS.ClassDeclaration; path: string } | undefined {
    const base = valueType?.replace(/\s*\|\s*undefined$/, '').trim();
    if (!base || !/^[A-Za-z_$][\w$]*$/.test(base)) return undefined;
    let named: TS.Identifier | undefined;
    walk(decl, (n) => {
      if (named) return false;
      if (ts.isTypeReferenceNode(n) && ts.isIdentifier(n.typeName) && n.typeName.text === base) named = n.typeName;
      return undefined;
    });
    if (!named) return undefined;
    const local = resolveIdentifier(named);
    const modules = this.modules ?? this.typeModules;
    const imported = local && ts.isImportSpecifier(local) && modules ? importedClassAt(named, modules.path, modules.source) : undefined;
    const found = local && ts.isClassDeclaration(local) ? { cls: local, path: modules?.path ?? this.sourceFile.fileName } : imported && { cls: imported.cls, path: imported.module.path };
    if (!found?.cls.name) return undefined;
    const kind = classHoldsSession(found.cls, modules && { path: found.path, source: modules.source });
    return kind === undefined ? undefined : { kind: kind ? 'session-object' : 'data', ...found };
  }

  /**
   * The run's modules, for the classes the file's collections hold alone (projectClassKind), where
   * the facts have no `modules`: fix's codemods, whose facts follow no other import (what they
   * rewrite stays the file's own), still tell a class of the project by what it holds.
   */
  typeModules?: { path: string; source: ModuleSource };

  private findCollections(): Collection[] {
    const list: Collection[] = [];
    const typedParams: TS.ParameterDeclaration[] = [];
    const visit = (node: TS.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
        const shape = typeShape(node.type);
        const fromNew = newExpressionShape(node.initializer);
        if (shape.collection || isCollectionInitializer(node.initializer)) {
          list.push(this.declare(node, node.name, node.name.text, shape.collection ? shape : fromNew));
        }
      } else if (ts.isPropertyDeclaration(node) && node.name && (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name))) {
        const shape = typeShape(node.type);
        const fromNew = newExpressionShape(node.initializer);
        const cls = node.parent;
        if (shape.collection || isCollectionInitializer(node.initializer)) {
          list.push(this.declare(node, node.name, node.name.text, shape.collection ? shape : fromNew, cls));
        }
      } else if (ts.isParameter(node) && ts.isConstructorDeclaration(node.parent) && ts.isIdentifier(node.name) && node.modifiers?.length) {
        const shape = typeShape(node.type);
        if (shape.collection) list.push(this.declare(node, node.name, node.name.text, shape, node.parent.parent));
      } else if (ts.isParameter(node) && ts.isIdentifier(node.name) && isFunctionLike(node.parent) && typeShape(node.type).collection) {
        typedParams.push(node);
      } else if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(node.left) &&
        node.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
        isCollectionInitializer(node.right)
      ) {
        const cls = enclosingClass(node);
        const name = node.left.name.text;
        if (cls && !this.byMember.has(this.memberKey(cls, name))) {
          list.push(this.declare(node, node.left, name, newExpressionShape(node.right), cls));
        }
      }
    };
    this.nodes.visit(COLLECTION_DECLARATIONS, visit);
    // A helper's parameter typed as a collection (`function route(sessions: Map<string, T>)`) is
    // the caller's collection when every call passes the same one; otherwise it is a collection of
    // its own, reported at the parameter.
    for (const param of typedParams) {
      if (!this.parameterAlias(param)) list.push(this.declare(param, param.name, (param.name as TS.Identifier).text, typeShape(param.type)));
    }
    this.collectionNames = this.namesThatMayHoldCollections(list);
    this.collectUses(list);
    this.noteCallersSessionKeys(list);
    this.noteImportersSessionKeys(list);
    return list;
  }

  /**
   * A collection this module exports and keys by nothing here, which the run's modules that
   * import it key by the MCP session id (`orders.get(sid)` in checkout.ts of `export const orders =
   * new Map()` in state.ts, trial 76B B10): session-keyed where it is declared, as its neighbour
   * keyed here through a helper's `sessionId` parameter is, so that the store module lists both.
   */
  private noteImportersSessionKeys(list: Collection[]): void {
    if (!this.modules) return;
    for (const c of list) {
      const decl = c.decl;
      if (c.sessionKeyed || c.origin !== 'declared' || c.valueKind !== 'data' || !isModuleVariable(decl) || !isExported(decl.parent.parent) || importersAsked.has(decl)) continue;
      // (Asked once at a time: an importer's facts may come back to this module's.)
      importersAsked.add(decl);
      try {
        const keyed = memberCallsFromOtherModules(decl, this).filter(({ call, facts }) => KEYED_METHODS.has(calleeName(call) ?? '') && !!call.arguments[0] && facts.isSessionId(call.arguments[0]));
        // (Not where they store transports or servers in it, `transports.set(id, transport)`: a
        // session map of theirs, reported where they fill it.)
        c.sessionKeyed = keyed.length > 0 && keyed.every(({ call, facts }) => calleeName(call) !== 'set' || !call.arguments[1] || facts.valueKindOf(call.arguments[1]) === 'data');
      } finally {
        importersAsked.delete(decl);
      }
    }
  }

  /**
   * A collection of MCP servers or transports (or of records holding one) that a function called
   * from outside this file keys by its `sessionId` parameter: a server pool's `getServer(sessionId,
   * namespace)`, which the routes call with each new session's id. Only an MCP session's own server
   * is kept under an MCP session id, so the name of the parameter and what is kept under it say
   * what its callers pass. A pool keyed by anything else (a namespace, a user) is not session-keyed.
   */
  private noteCallersSessionKeys(list: Collection[]): void {
    for (const c of list) {
      // (One its type already shows to be a session map keeps the message that describes its values.)
      if (c.sessionKeyed || c.typeEvidence || c.origin !== 'declared' || !this.holdsServerOrTransport(c)) continue;
      for (const access of c.accesses) {
        const key = accessKey(access, KEYED_METHODS);
        const k = key && unwrap(key);
        const param = k && ts.isIdentifier(k) ? resolveIdentifier(k) : undefined;
        if (!param || !ts.isParameter(param) || !ts.isIdentifier(param.name) || !/^(mcp)?sessionId$/i.test(param.name.text)) continue;
        if (!isFunctionLike(param.parent) || this.callSitesOf(param.parent).length > 0) continue;
        c.sessionKeyed = true;
        c.keyEvidence = access;
        c.keyExpression = key;
        break;
      }
    }
  }

  /**
   * Whether a collection holds SDK servers or transports, or records with one (`{ server: Server;
   * cleanup }`), by its declared value type when it has one (not by its name: `sessionToServers:
   * Record<string, Set<string>>` holds server ids; nor by a member's name: `{ transport: 'stdio' }`
   * names a kind), else by what it is given.
   */
  private holdsServerOrTransport(c: Collection): boolean {
    if (!c.valueType) return c.valueKind === 'server' || c.valueKind === 'transport';
    const kind = valueKindOfType(c.valueType, this.localTypes);
    if (kind === 'server' || kind === 'transport') return true;
    if (kind !== 'session-object') return false;
    const base = c.valueType.replace(/\s*\|\s*undefined$/, '').replace(/<.*$/, '').trim();
    const record = this.localTypes.get(base) ?? c.valueType;
    return [...record.matchAll(/\b(transport|server|mcpServer)\??\s*:\s*([\w.]+)/g)].some(([, member, type]) =>
      member === 'transport' ? transportTypeName(type, this.localTypes) : SERVER_TYPE.test(type.replace(/^.*\./, '')),
    );
  }


  /**
   * Names an identifier must have to refer to a collection: the declared ones, and parameters of
   * local functions that some call passes one of those to (two rounds cover a helper calling a helper).
   */
  private namesThatMayHoldCollections(list: Collection[]): Set<string> {
    const names = new Set(list.map((c) => c.name));
    this.handedToParameters(
      2,
      (a) => (ts.isIdentifier(a) && names.has(a.text)) || (ts.isPropertyAccessExpression(a) && a.expression.kind === ts.SyntaxKind.ThisKeyword),
      (param) => ts.isIdentifier(param.name) && !names.has(param.name.text) && !!names.add(param.name.text),
    );
    return names;
  }

  private readonly aliasCache = new Map<TS.ParameterDeclaration, Collection | null>();

  /** The declared collection every local call passes for this parameter, if there is one. */
  private parameterAlias(param: TS.ParameterDeclaration): Collection | undefined {
    const cached = this.aliasCache.get(param);
    if (cached !== undefined) return cached ?? undefined;
    this.aliasCache.set(param, null); // cycle guard
    const fn = param.parent;
    let target: Collection | undefined;
    if (isFunctionLike(fn)) {
      const index = fn.parameters.indexOf(param);
      const sites = this.callSitesOf(fn);
      for (const site of sites) {
        const arg = site.arguments[index];
        const c = arg ? this.collectionOf(arg) : undefined;
        if (!c || (target && c !== target)) {
          target = undefined;
          break;
        }
        target = c;
      }
    }
    this.aliasCache.set(param, target ?? null);
    return target;
  }

  /**
   * For an inner value taken out of a collection (`m.get(k)`, `m[k]`), or a local variable
   * initialised with one (also behind `??`, `||` or a ternary), the outer collection expression.
   */
  private outerCollectionOf(expr: TS.Node, depth = 0): TS.Node | undefined {
    const n = unwrap(expr);
    if (ts.isCallExpression(n) && calleeName(n) === 'get' && ts.isPropertyAccessExpression(unwrap(n.expression))) {
      return (unwrap(n.expression) as TS.PropertyAccessExpression).expression;
    }
    if (ts.isElementAccessExpression(n)) return n.expression;
    if (depth > 2) return undefined;
    if (isFallback(n)) {
      return this.outerCollectionOf(n.left, depth + 1) ?? this.outerCollectionOf(n.right, depth + 1);
    }
    if (ts.isConditionalExpression(n)) return this.outerCollectionOf(n.whenTrue, depth + 1) ?? this.outerCollectionOf(n.whenFalse, depth + 1);
    if (ts.isIdentifier(n) && this.aliasCandidates.has(n.text) && !this.collectionOf(n)) {
      const decl = resolveIdentifier(n);
      // (Or each value of it a loop takes: `for (const set of subscribers.values()) set.delete(id)`, trial 76A B5.)
      const outer = decl && ts.isVariableDeclaration(decl) ? (decl.initializer ? this.outerCollectionOf(decl.initializer, depth + 1) : valuesIterated(decl)) : undefined;
      return outer && this.collectionOf(outer) ? outer : undefined;
    }
    return undefined;
  }

  private aliasCandidatesCache: Set<string> | undefined;

  /** Variables initialised from an element of some collection (`const subs = m.get(k) ?? ...`), or taking each value of one in a loop: a cheap test before resolution. */
  private get aliasCandidates(): Set<string> {
    if (!this.aliasCandidatesCache) {
      const names = new Set<string>();
      const text = this.sourceFile.text;
      const visit = (node: TS.Node): void => {
        // The raw source span (leading comments included) may only add candidates: cheaper than getText.
        if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && /\.get\(|\[/.test(text.slice(node.initializer.pos, node.initializer.end))) names.add(node.name.text);
        else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && valuesIterated(node)) names.add(node.name.text);
      };
      this.nodes.visit(VARIABLES, visit);
      this.aliasCandidatesCache = names;
    }
    return this.aliasCandidatesCache;
  }

  /** Names of declared collections and of parameters that may alias one: a cheap test before scope resolution. */
  private collectionNames: Set<string> | undefined;

  /** The declared collection an expression refers to (`x`, `this.x`, `this.#x`). */
  collectionOf(expr: TS.Node): Collection | undefined {
    const n = unwrap(expr);
    if (ts.isIdentifier(n)) {
      // Resolving every identifier of a file is the scanner's hottest path; most names are not collections.
      if (this.collectionNames && !this.collectionNames.has(n.text)) return undefined;
      const decl = resolveIdentifier(n);
      if (!decl) return undefined;
      return this.byDecl.get(decl) ?? (ts.isParameter(decl) ? this.parameterAlias(decl) : undefined);
    }
    if (ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword) {
      if (!this.memberNames.has(n.name.text)) return undefined;
      const cls = enclosingClass(n);
      return cls ? this.byMember.get(this.memberKey(cls, n.name.text)) : undefined;
    }
    return undefined;
  }

  /**
   * A count a registered tool raises by an amount its caller gives: `x + by` (or `by + x`) with
   * `by` from the handler's arguments and neither side a number written there.
   */
  private talliedByCaller(value: TS.Node): boolean {
    const v = unwrap(value);
    if (!ts.isBinaryExpression(v) || v.operatorToken.kind !== ts.SyntaxKind.PlusToken || [v.left, v.right].some((side) => ts.isNumericLiteral(unwrap(side)))) return false;
    const handler = this.handlerAround(v);
    return !!handler && isFunctionLike(handler) && [v.left, v.right].some((side) => ts.isIdentifier(unwrap(side)) || ts.isPropertyAccessExpression(unwrap(side))) && [v.left, v.right].some((side) => fromParameters(side, handler, true));
  }

  /**
   * Whether a handler's answer reads a collection (`text: `${name}=${counts.get(k)}``), or a local
   * of the handler made from such a read (`const n = (counts.get(k) ?? 0) + 1; ... return n`).
   */
  private answersWith(handler: TS.FunctionLikeDeclaration, c: Collection): boolean {
    const reads = (n: TS.Node) => c.accesses.some((a) => a.pos >= n.pos && a.end <= n.end);
    return returnedExpressions(handler).some((r) =>
      reads(r) ||
      someNode(r, (n) => {
        const local = ts.isIdentifier(n) ? resolveIdentifier(n) : undefined;
        return !!local && ts.isVariableDeclaration(local) && !!local.initializer && local.pos >= handler.pos && local.end <= handler.end && reads(local.initializer);
      }),
    );
  }

  /**
   * Whether the file compares a collection's count with something (`used >= MAX`, `(quota.get(sid)
   * ?? 0) + tokens > LIMIT`): a side of the comparison reads the collection, or is a local made
   * from such a read.
   */
  private comparedToLimit(c: Collection, inHelperOnly = false): boolean {
    const own = c.accesses.filter((a) => a.getSourceFile() === this.sourceFile);
    const reads = (n: TS.Node) => own.some((a) => a.pos >= n.pos && a.end <= n.end);
    // A side that reads the count: the collection, a local made from a read of it, or (in a helper
    // the count is handed to) the helper's parameter that takes it.
    const readsCount = (side: TS.Node, param?: TS.ParameterDeclaration): boolean => {
      const u = unwrap(side);
      const local = ts.isIdentifier(u) ? resolveIdentifier(u) : undefined;
      if (param) return local === param;
      return reads(side) || (!!local && ts.isVariableDeclaration(local) && !!local.initializer && reads(local.initializer));
    };
    let compared = false;
    if (!inHelperOnly) {
      this.nodes.visit(BINARY_EXPRESSIONS, (n) => {
        if (!compared && testsLimit(n, (side) => readsCount(side))) compared = true;
      });
    }
    if (compared) return true;
    // Or tested in a function of the file the count is handed to (review 85: `if (overLimit(used))
    // return ...` over `function overLimit(n) { return n > MAX }`, or `assertQuota(n)` that throws):
    // the helper refuses itself, or answers a test whose call refuses.
    this.nodes.visit(CALLS, (call) => {
      if (compared || !ts.isCallExpression(call)) return;
      const index = call.arguments.findIndex((a) => readsCount(a));
      const helper = index === -1 ? undefined : resolveFunction(call.expression);
      const param = helper?.body ? helper.parameters[index] : undefined;
      if (!helper?.body || !param) return;
      const answered = new Set(returnedExpressions(helper).map((r) => unwrap(r)));
      walk(helper.body, (n) => {
        if (compared) return false;
        if (testsLimit(n, (side) => readsCount(side, param), (test) => turnsAway(test) || (answered.has(test) && turnsAway(call)))) compared = true;
        return undefined;
      });
    });
    return compared;
  }

  private collectUses(list: Collection[]): void {
    const external = new Map<string, Collection>();
    const raisedIn = new Map<Collection, Set<TS.Node | undefined>>();
    const setBackIn = new Map<Collection, Set<TS.Node | undefined>>();
    // Object entries stored, judged once every lookup of their collection is known (limitedEntry).
    const entries: Array<[Collection, TS.Node]> = [];
    const noteValue = (collection: Collection, value: TS.Node | undefined) => {
      if (value && !collection.limits && (limitedCount(value) || limitedWindow(value, (fn) => this.callSitesOf(fn)))) collection.limits = true;
      if (value && !collection.tallies && this.talliedByCaller(value)) collection.tallies = true;
      if (value && ts.isObjectLiteralExpression(unwrap(value))) entries.push([collection, value]);
      // Where its counts are raised, and where a tool's handler sets one back (a literal), for `resets`.
      // (Also through the local it was raised in: `const n = (m.get(k) ?? 0) + 1; m.set(k, n)`.)
      if (value && (raisedCount(value) || raisedLocal(value))) raisedIn.set(collection, (raisedIn.get(collection) ?? new Set()).add(this.handlerAround(value)));
      else if (value && ts.isNumericLiteral(unwrap(value))) setBackIn.set(collection, (setBackIn.get(collection) ?? new Set()).add(this.handlerAround(value)));
      if (!value || collection.valueKind !== 'data') return;
      const kind = this.valueKindOf(value);
      if (kind !== 'data') collection.valueKind = kind;
    };
    // Map keys that may be the session's transport, judged once every use is known.
    const transportKeys: Array<[Collection, TS.Node, TS.Node]> = [];
    /** Collections taken for session objects only because code searches them by the session id (`list.find((s) => s.id === sid)`). */
    const searched = new Set<Collection>();
    const noteKey = (collection: Collection, key: TS.Node | undefined, at: TS.Node) => {
      if (key && !collection.sessionKeyed && this.isSessionId(key)) {
        collection.sessionKeyed = true;
        collection.keyEvidence = at;
        collection.keyExpression = key;
      }
    };
    const visit = (node: TS.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = unwrap(node.expression);
        // An imported helper that keeps something under the session id (`setSessionOwner(id, user)`,
        // `isSessionOwnedBy(id, user)` over Redis in a module that names no MCP API): its body is
        // not read here, its name and the id it is handed say what it does.
        if (ts.isIdentifier(callee) && SESSION_STORE_FUNCTION.test(callee.text) && importOf(callee) && node.arguments.length > 0 && this.isSessionId(node.arguments[0]) && !this.isSessionIdRead(node)) {
          this.noteExternal(external, callee, node, 'helper');
          return;
        }
        if (ts.isPropertyAccessExpression(callee)) {
          const method = callee.name.text;
          let base: TS.Node = callee.expression;
          // subscriptions.get(uri).add(sessionId), or the same through a local alias
          // (`const subs = subscriptions.get(uri) ?? new Set(); subs.add(sessionId)`): attribute to
          // the outer collection.
          const inner = unwrap(base);
          const outer = this.outerCollectionOf(inner);
          if (outer) base = outer;
          const collection = this.collectionOf(base);
          if (collection) {
            collection.accesses.push(node);
            if (KEYED_METHODS.has(method)) {
              // (The id added to a set the collection keeps under a key of its own: it holds ids, it is
              // not keyed by them; unless some use of its own keys it by the id.)
              if (outer && method === 'add' && !collection.sessionKeyed && node.arguments[0] && this.isSessionId(node.arguments[0])) collection.sessionIdSets = { key: elementKeyName(inner) };
              else if (!outer && collection.sessionIdSets && node.arguments[0] && this.isSessionId(node.arguments[0])) collection.sessionIdSets = undefined;
              noteKey(collection, node.arguments[0], node);
              if (!outer && MAP_KEYED_METHODS.has(method) && node.arguments[0]) transportKeys.push([collection, node.arguments[0], node]);
              if (method === 'set') noteValue(collection, node.arguments[1]);
            } else if (SEARCH_METHODS.has(method)) {
              const fn = resolveFunction(node.arguments[0]);
              if (fn && this.comparesWithSessionId(fn)) {
                if (!collection.sessionKeyed) {
                  collection.sessionKeyed = true;
                  collection.keyEvidence = node;
                }
                if (collection.valueKind === 'data') {
                  collection.valueKind = 'session-object';
                  searched.add(collection);
                }
              }
            } else if (method === 'push' || method === 'unshift') {
              noteValue(collection, node.arguments[0]);
              const fn = node.arguments[0];
              if (fn && ts.isObjectLiteralExpression(unwrap(fn))) {
                const obj = unwrap(fn) as TS.ObjectLiteralExpression;
                const keyed = obj.properties.find((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && this.isSessionId(p.initializer));
                if (keyed) noteKey(collection, keyed.initializer, node);
              }
            }
          } else if (
            (KEYED_METHODS.has(method) || SESSION_STORE_METHOD.test(method) || SESSION_STORE_NAME.test(referenceName(base))) &&
            // A method of the class itself (`this.updateSessionActivity(sid)`) is no store: its body is read where it is declared.
            !isThisOrSuper(base) &&
            node.arguments.length > 0 &&
            !urlLike(node.arguments[0]) &&
            this.isSessionId(node.arguments[0]) &&
            !this.isSessionIdRead(node)
          ) {
            const collection = this.noteExternal(external, base, node);
            if (collection && method === 'set') this.noteExternalValue(collection, node.arguments[1]);
          }
        }
      } else if (ts.isElementAccessExpression(node)) {
        const collection = this.collectionOf(node.expression);
        if (collection) {
          collection.accesses.push(node);
          if (collection.sessionIdSets && this.isSessionId(node.argumentExpression)) collection.sessionIdSets = undefined;
          noteKey(collection, node.argumentExpression, node);
          if (isAssignmentTarget(node)) noteValue(collection, (node.parent as TS.BinaryExpression).right);
        } else if (!this.isSessionIdRead(node) && this.isSessionId(node.argumentExpression) && !/headers$/i.test(node.expression.getText())) {
          const collection = this.noteExternal(external, node.expression, node);
          if (collection && isAssignmentTarget(node)) this.noteExternalValue(collection, (node.parent as TS.BinaryExpression).right);
        }
      } else if (ts.isIdentifier(node) || (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword)) {
        const collection = this.collectionOf(node);
        if (collection && !collection.accesses.includes(node.parent)) collection.accesses.push(node);
      }
    };
    this.nodes.visit(COLLECTION_USES, visit);
    // Entries that serve requests (`transports[sid].handleRequest(...)`, or read into a variable
    // that does): transports, whatever stores them, also where nothing is stored any more (trial
    // 43C: the GET branch fix left was read as a store of application data).
    if (this.sourceFile.text.includes('handleRequest')) for (const c of list) if (c.valueKind === 'data' && c.accesses.some(servesRequests)) c.valueKind = 'transport';
    // Data a Map or WeakMap keeps under the session's transport, which a registered handler reaches
    // (`carts.get(transport)` in a tool of the server built for it, trial 78B B1): per-session
    // state as if keyed by the session id. Not bookkeeping of the transport a route or its
    // callbacks keep and read within the request or session (no tool reads it), nor a map of
    // transports or servers (session-map's).
    for (const [c, key, at] of transportKeys) {
      if (c.sessionKeyed || c.valueKind !== 'data' || c.origin !== 'declared' || !mapOfObjects(c.decl) || !this.isSessionTransport(key) || !c.accesses.some((a) => this.inRegisteredHandler(a))) continue;
      c.sessionKeyed = true;
      c.keyEvidence = at;
      c.keyExpression = key;
      c.keyedByTransport = true;
    }
    // A list searched by the session id whose entries, as the code writes them, are records of data
    // beside the id (`history.push({ sid: extra.sessionId, text })`): the application's data kept
    // per session (session-state's, with the handle advice), not session objects (trial 61B B4).
    for (const c of searched) {
      const written = entries.filter(([e]) => e === c).map(([, value]) => unwrap(value) as TS.ObjectLiteralExpression);
      if (c.valueKind === 'session-object' && !valueKindOfType(c.valueType, this.localTypes) && written.length > 0 && written.every((value) => this.recordOfData(value))) c.valueKind = 'data';
    }
    for (const [c, value] of entries) if (!c.limits && limitedEntry(value, c)) c.limits = true;
    // A count a tool raises by a number and answers its caller with (`bump` returning `x=3`): the
    // caller's own tally too, not a rate limit, which nothing here tests (trial 66A).
    for (const [c, handlers] of raisedIn) if (!c.tallies && [...handlers].some((h) => !!h && isFunctionLike(h) && this.answersWith(h, c))) c.tallies = true;
    // (No tally where the file tests the count against a limit: a quota raised by the request's size.)
    for (const c of list) if (c.tallies && this.comparedToLimit(c)) c.tallies = false;
    // A count raised by a number and tested against a limit in a helper it is handed to (`assertQuota(n)`,
    // `if (overLimit(used))`): a rate limit, as one tested where it is raised is (limitedCount; review 85).
    for (const c of list) if (!c.limits && !c.tallies && raisedIn.has(c) && this.comparedToLimit(c, true)) c.limits = true;
    for (const [c, back] of setBackIn) {
      const raised = raisedIn.get(c);
      if (raised && [...back].some((fn) => fn !== undefined && !raised.has(fn))) c.resets = true;
    }
    for (const c of external.values()) credentialsOnly(c);
    // (Only in a file that names a credential somewhere: the records' members are read for nothing else.)
    if (mayNameCredential(this.sourceFile.text)) for (const c of list) if (c.origin === 'declared') credentialsHeld(c, this.localTypes);
    list.push(...external.values());
  }

  /**
   * Whether a key is a session's server transport: by its declared type (the SDK's `Transport`
   * imported from it, too), or made as one or taken from a map of transports in a function (one
   * made at module level is the process's), or a parameter every call of its function hands
   * such a transport (`buildServer(transport)`).
   */
  private isSessionTransport(key: TS.Node, depth = 2): boolean {
    const n = unwrap(key);
    const decl = ts.isIdentifier(n) ? resolveIdentifier(n) : undefined;
    if (!decl || !(ts.isVariableDeclaration(decl) || ts.isParameter(decl))) return false;
    const typeName = typeNameText(decl.type);
    if (typeName && SERVER_TRANSPORT_TYPE.test(typeName)) return true;
    if (typeName === 'Transport' && ts.isTypeReferenceNode(decl.type!) && ts.isIdentifier(decl.type.typeName) && /modelcontextprotocol/.test(importOf(decl.type.typeName)?.module ?? '')) return true;
    if (ts.isParameter(decl)) {
      if (depth === 0 || !isFunctionLike(decl.parent)) return false;
      const index = decl.parent.parameters.indexOf(decl);
      const calls = this.callSitesOf(decl.parent);
      return calls.length > 0 && calls.every((call) => !!call.arguments[index] && this.isSessionTransport(call.arguments[index], depth - 1));
    }
    if (!enclosingFunction(decl)) return false;
    return [...(decl.initializer ? [decl.initializer] : []), ...this.assignedValues(decl)].some((value) => {
      const u = unwrap(value);
      const v = ts.isAwaitExpression(u) ? unwrap(u.expression) : u;
      if (ts.isNewExpression(v)) return SERVER_TRANSPORT_TYPE.test(calleeName(v) ?? '');
      const outer = this.outerCollectionOf(v);
      return !!outer && this.collectionOf(outer)?.valueKind === 'transport';
    });
  }

  /** Whether a node sits in a handler this file registers, or in a function of the file one calls. */
  private inRegisteredHandler(node: TS.Node): boolean {
    if (this.handlerAround(node)) return true;
    const fn = enclosingFunction(node);
    return !!fn && this.callSitesOf(fn).some((call) => !!this.handlerAround(call));
  }

  /**
   * Records a collection declared in another module (or a parameter) that a use keys by the
   * session id: `base` is the collection, or with `what` 'helper' the function of another module
   * the id is handed to (`setSessionOwner(id, user)`).
   */
  private noteExternal(external: Map<string, Collection>, base: TS.Node, use: TS.Node, what: 'collection' | 'helper' = 'collection'): Collection | undefined {
    // A helper is named by its call (`setSessionOwner()`); what it keeps is data.
    const helper = what === 'helper';
    const text = helper ? `${base.getText()}()` : (accessChain(base) ?? base.getText());
    if (text.length > 80) return undefined;
    const existing = external.get(text);
    if (existing) {
      existing.accesses.push(use);
      return existing;
    }
    // Calls' arguments say nothing of what the collection holds: `sessionRegistry(req.log)` is named `sessionRegistry()`.
    // Innermost first, nested ones too (`sessionRegistry(req.log.child({ mod: 'mcp' }))`).
    let named = text;
    for (let prev = ''; prev !== named; ) [prev, named] = [named, named.replace(/\([^()]*\)/g, '\u0001')];
    const parts = named.replace(/\u0001/g, '()').split('.');
    const last = parts[parts.length - 1];
    // `transports.streamable`: the object the chain starts from says where it was declared.
    let root = unwrap(base);
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = unwrap(root.expression);
    const rootDecl = ts.isIdentifier(root) ? resolveIdentifier(root) : undefined;
    // A store of the mcp-state module (`const sessions = handleState<SessionData>('sessions')`):
    // its entries are in the store every instance reaches, under a handle (a helper of a state
    // module keys it by its parameter, the handle once its tools are rewritten), not in this process.
    if (parts.length === 1 && rootDecl && ts.isVariableDeclaration(rootDecl) && rootDecl.initializer && sharedStateStore(rootDecl.initializer)) return undefined;
    // `this.transports.streamable[sid]`: a member of a record of transport maps, one per kind.
    const holder = parts.slice(0, -1).pop() ?? '';
    const byName: ValueKind = helper ? 'data' : /transport/i.test(last) || /^transports$/i.test(holder) ? 'transport' : /^(servers?|mcpServers?)$/i.test(last) ? 'server' : /session/i.test(last) ? 'session-object' : 'data';
    // Or what the object literal it sits in declares it holds (`const conns = { sse: {} as Record<string, SSEServerTransport> }`; trial 21A).
    let valueKind: ValueKind = byName === 'data' && !helper && parts.length === 2 && rootDecl ? (this.declaredMemberKind(rootDecl, last) ?? byName) : byName;
    // An imported collection named for sessions is judged where it is declared, as that module's
    // own finding judges it (`sessions` of a state.ts holding `SessionData` records of plain data:
    // application state there, so not a map of sessions here either; trial 77, the state.ts layout).
    if (valueKind === 'session-object' && !helper && parts.length === 1 && ts.isIdentifier(root) && importOf(root)) {
      const imported = this.importedVariable(root);
      if (imported && imported.facts.collections.find((c) => c.decl === imported.decl)?.valueKind === 'data') valueKind = 'data';
    }
    external.set(text, {
      reportNode: use,
      decl: use,
      name: text,
      origin: 'external',
      viaParameter: !!rootDecl && ts.isParameter(rootDecl),
      declaredHere: !!rootDecl && !ts.isParameter(rootDecl) && !importOf(root as TS.Identifier),
      valueKind,
      ...(helper ? { helper: true } : {}),
      sessionKeyed: true,
      keyEvidence: use,
      typeEvidence: false,
      accesses: [use],
    });
    return external.get(text);
  }

  /**
   * What a store of another module is handed under the session id says what it holds, where its
   * name does not: `this.store.set(id, { server, transport, createdAt })` files the session's own
   * record (a session map's entry), not application state (super-fetch-mcp-server).
   */
  private noteExternalValue(collection: Collection, value: TS.Node | undefined): void {
    if (!value || collection.valueKind !== 'data' || collection.helper) return;
    const v = unwrap(value);
    // By what the values are, not by the keys' names (`{ server: upstreamUrl }` is data): a
    // transport or server made here, or a variable made or typed as one.
    const made = (node: TS.Node, depth = 2): ValueKind => {
      const n = unwrap(node);
      if (ts.isNewExpression(n)) return this.valueKindOf(n);
      const decl = ts.isIdentifier(n) && depth > 0 ? resolveIdentifier(n) : undefined;
      if (!decl || !(ts.isVariableDeclaration(decl) || ts.isParameter(decl))) return 'data';
      const typed = valueKindOfType(decl.type?.getText(), this.localTypes);
      if (typed === 'transport' || typed === 'server') return typed;
      return decl.initializer ? made(decl.initializer, depth - 1) : 'data';
    };
    if (ts.isObjectLiteralExpression(v)) {
      const held = v.properties.some((p) => (ts.isShorthandPropertyAssignment(p) ? made(p.name) : ts.isPropertyAssignment(p) ? made(p.initializer) : 'data') !== 'data');
      if (held) collection.valueKind = 'session-object';
      return;
    }
    const kind = made(v);
    if (kind !== 'data') collection.valueKind = kind;
  }

  private comparesWithSessionId(fn: TS.FunctionLikeDeclaration): boolean {
    let found = false;
    const visit = (node: TS.Node): void => {
      if (found) return;
      if (ts.isBinaryExpression(node)) {
        // `s.id === sid` finds a session; `s.id !== sid` filters one out: both search by session id.
        if (isEqualityTest(node)) {
          if (this.isSessionId(node.left) || this.isSessionId(node.right)) found = true;
        }
      }
      ts.forEachChild(node, visit);
    };
    if (fn.body) visit(fn.body);
    return found;
  }

  /** What a member of a const's object literal is declared to hold (`sse: {} as Record<string, SSEServerTransport>`, `new Map<string, X>()`). */
  private declaredMemberKind(decl: TS.Node, member: string): ValueKind | undefined {
    const init = ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
    if (!init || !ts.isObjectLiteralExpression(init)) return undefined;
    const property = init.properties.find((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === member);
    if (!property) return undefined;
    const kind = valueKindOfType(memberValueType(property.initializer), this.localTypes);
    return kind === 'transport' || kind === 'server' ? kind : undefined;
  }

  /**
   * An object literal written into a collection that holds data only: no member named for a
   * transport, a server or a session, and none that is one by what it is (holdsLive), whatever
   * else it computes (`text.trim()`, `args.text`, `randomUUID()`: data; review 80 point 1).
   */
  private recordOfData(value: TS.ObjectLiteralExpression): boolean {
    return value.properties.every((p) => {
      if (ts.isSpreadAssignment(p) || !p.name || /^(transports?|servers?|mcpServer|sessions?)$/i.test(propertyNameText(p.name) ?? '')) return false;
      const initializer = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
      return !!initializer && !this.holdsLive(initializer);
    });
  }

  /**
   * Whether a record's member is a transport or a server by what it is, under whatever name
   * (review 79 point 2): one valueKindOf sees (a construction, a name holding one), a parameter
   * typed as one (`conn: StreamableHTTPServerTransport`), or what a function of the file that
   * builds a server returns (`mcp = buildServer()`).
   */
  private holdsLive(value: TS.Node, depth = 2): boolean {
    const v = unwrap(value);
    if (this.valueKindOf(v) !== 'data') return true;
    const decl = ts.isIdentifier(v) ? resolveIdentifier(v) : undefined;
    if (decl && ts.isParameter(decl)) {
      // Untyped (or `any`): what the function's callers hand it (`remember(sid, transport)`, review 81 point 3).
      const typed = decl.type && !/^(any|unknown)$/.test(decl.type.getText());
      if (typed || depth === 0 || !isFunctionLike(decl.parent)) return (valueKindOfType(decl.type?.getText(), this.localTypes) ?? 'data') !== 'data';
      const index = decl.parent.parameters.indexOf(decl);
      return this.callSitesOf(decl.parent).some((call) => !!call.arguments[index] && this.holdsLive(call.arguments[index], depth - 1));
    }
    const made = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : v;
    const call = ts.isAwaitExpression(made) ? unwrap(made.expression) : made;
    const fn = ts.isCallExpression(call) ? resolveFunction(call.expression) : undefined;
    return !!fn && buildsServer(fn);
  }

  valueKindOf(value: TS.Node): ValueKind {
    const v = unwrap(value);
    if (ts.isNewExpression(v)) {
      const name = calleeName(v) ?? '';
      if (/ClientTransport/.test(name)) return 'data';
      if (TRANSPORT_TYPE.test(name)) return 'transport';
      if (SERVER_TYPE.test(name)) return 'server';
      return 'data';
    }
    // A call of a function of the file that builds a server (`servers.set(sid, buildServer())`,
    // untyped: trial 66B B1's per-session pool was taken for application data).
    const called = ts.isAwaitExpression(v) ? unwrap(v.expression) : v;
    if (ts.isCallExpression(called) && ts.isIdentifier(unwrap(called.expression))) {
      const fn = resolveFunction(called.expression);
      return fn && buildsServerItself(fn) ? 'server' : 'data';
    }
    if (ts.isIdentifier(v)) {
      const decl = resolveIdentifier(v);
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer && unwrap(decl.initializer) !== v) {
        const fromInit = this.valueKindOf(decl.initializer);
        if (fromInit !== 'data') return fromInit;
        const fromType = valueKindOfType(decl.type?.getText(), this.localTypes);
        if (fromType) return fromType;
      }
      // A `let` given its value later (`let t = sid ? transports[sid] : undefined; ... t = new
      // StreamableHTTPServerTransport(...)`, untyped JavaScript's dispatch, trial 38B): what is
      // assigned to it. Only a construction counts: following names further could loop.
      if (decl && ts.isVariableDeclaration(decl) && decl.parent.flags & ts.NodeFlags.Let) {
        for (const value of this.assignedValues(decl)) {
          const kind = ts.isNewExpression(unwrap(value)) ? this.valueKindOf(value) : 'data';
          if (kind !== 'data') return kind;
        }
      }
      if (/transport$/i.test(v.text)) return 'transport';
      if (/^(server|mcpServer)$/i.test(v.text)) return 'server';
      return 'data';
    }
    if (ts.isObjectLiteralExpression(v)) {
      const names = v.properties.map((p) => propertyNameText(p.name as TS.PropertyName) ?? '');
      if (names.some((n) => /^(transport|server|mcpServer)$/.test(n))) return 'session-object';
      // A hand-written SSE transport's record: the response its event stream is written to (`{ res, child }`, trial 18C).
      if (v.properties.some((p) => (ts.isShorthandPropertyAssignment(p) ? eventStreamResponse(p.name) : ts.isPropertyAssignment(p) && eventStreamResponse(p.initializer)))) return 'session-object';
    }
    return 'data';
  }

  // -------------------------------------------------------------------------------------------
  // What a function touches (for stateful-tool), following calls to local functions
  // -------------------------------------------------------------------------------------------

  usesOf(fn: TS.FunctionLikeDeclaration): FunctionUse {
    const cached = this.functionUses.get(fn);
    if (cached) return cached;
    const use: FunctionUse = { collections: new Set(), sites: new Map(), sessionIdReads: [], sessionIdSites: [], contextHandedOn: [] };
    this.functionUses.set(fn, use); // cycle guard: recursive calls see the partial result
    const { keyed: sessionCollections, externalAt } = this.sessionIndex;
    const noteCollection = (c: Collection, site: TS.Node) => {
      use.collections.add(c);
      const sites = use.sites.get(c);
      if (sites) sites.push(site);
      else use.sites.set(c, [site]);
    };
    // Names destructured from the context or the header (`async (_, { sessionId }) =>`, `const {
    // sessionId } = extra`): the id is read where the name is used (trial 37A).
    const bound = new Map<string, TS.BindingElement[]>();
    const noteBindings = (node: TS.Node): void => {
      if (ts.isBindingElement(node) && ts.isIdentifier(node.name) && this.bindingIsSessionId(node)) bound.set(node.name.text, [...(bound.get(node.name.text) ?? []), node]);
    };
    for (const param of fn.parameters) if (!ts.isIdentifier(param.name)) walk(param.name, (n) => void noteBindings(n));
    const visit = (node: TS.Node): void => {
      noteBindings(node);
      const boundRead = ts.isIdentifier(node) && bound.has(node.text) && !ts.isBindingElement(node.parent) && !isPropertyName(node) && bound.get(node.text)!.includes(resolveIdentifier(node) as TS.BindingElement);
      if ((boundRead || this.isSessionIdRead(node)) && !isTelemetryUse(node)) {
        use.sessionIdReads.push(node);
        use.sessionIdSites.push(node);
      }
      if (ts.isIdentifier(node) || (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword)) {
        const collection = this.collectionOf(node);
        if (collection && sessionCollections.has(collection)) noteCollection(collection, node);
      }
      for (const c of externalAt.get(node) ?? []) noteCollection(c, node);
      if (ts.isCallExpression(node)) {
        const target = this.callTarget(node);
        if (target && target !== fn) {
          // What a local helper touches counts for the caller, at the call.
          const inner = this.usesOf(target);
          for (const c of inner.collections) noteCollection(c, node);
          use.sessionIdReads.push(...inner.sessionIdReads);
          if (inner.sessionIdReads.length > 0) use.sessionIdSites.push(node);
          for (const handedOn of inner.contextHandedOn) use.contextHandedOn.push({ ...handedOn, site: node });
        } else if (!target) {
          // The context handed to a function of another module (trial 78A B2: `getSession(ctx)`):
          // one that returns its session id (`sessionOf(reqCtx)`, trial 78B B3) is a read of it.
          const handed = this.contextHandedElsewhere(node);
          if (handed && returnsContextSessionId(handed)) {
            if (!isTelemetryUse(node)) {
              use.sessionIdReads.push(node);
              use.sessionIdSites.push(node);
            }
          } else if (handed) use.contextHandedOn.push({ site: node, call: node, handed });
        }
      }
      ts.forEachChild(node, visit);
    };
    if (fn.body) visit(fn.body);
    return use;
  }

}

/**
 * A Map or WeakMap (by its declared type or what makes it), whose keys may be objects: not a Set,
 * whose "keys" are what it holds, nor one declared with string or number keys.
 */
function mapOfObjects(decl: TS.Node): boolean {
  const type = ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl) || ts.isParameter(decl) ? decl.type : undefined;
  const init = ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl) ? decl.initializer : ts.isBinaryExpression(decl) ? decl.right : undefined;
  const made = madeCollection(init);
  const n = made && unwrap(made);
  const construction = n && ts.isNewExpression(n) ? n : undefined;
  const name = typeNameText(type) ?? (construction && calleeName(construction));
  const keyType = type && ts.isTypeReferenceNode(type) ? type.typeArguments?.[0] : construction?.typeArguments?.[0];
  return /^(Map|WeakMap)$/.test(name ?? '') && !(keyType && /^(string|number|symbol)$/.test(keyType.getText()));
}

/**
 * A URL or path built with the session id (`BASE + '/sessions/' + sid`, `` `https://x/s?id=${sid}` ``):
 * `http.get(url)` fetches it, nothing is kept under it here.
 */
function urlLike(key: TS.Node): boolean {
  return keyParts(key).literals.some((part) => /^(https?:|\/)|:\/\/|\?[\w-]+=/.test(part));
}

/**
 * A key's text and its values, through `+` chains and templates: `` 'cart:' + sid `` and
 * `` `cart:${sid}` `` both give the literals ['cart:', ...] and the values [sid].
 */
function keyParts(key: TS.Node): { literals: string[]; values: TS.Node[] } {
  const literals: string[] = [];
  const values: TS.Node[] = [];
  const collect = (n: TS.Node): void => {
    const u = unwrap(n);
    if (ts.isBinaryExpression(u) && u.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      collect(u.left);
      collect(u.right);
    } else if (ts.isStringLiteral(u) || ts.isNoSubstitutionTemplateLiteral(u)) literals.push(u.text);
    else if (ts.isTemplateExpression(u)) {
      literals.push(u.head.text);
      for (const span of u.templateSpans) {
        collect(span.expression);
        literals.push(span.literal.text);
      }
    } else values.push(u);
  };
  collect(key);
  return { literals, values };
}

/** A JSON-RPC request's id by its usual names: `extra.requestId`, `request.id`, `message.id` (not an HTTP framework's `req.id`, unique per request). */
const REQUEST_ID = /\brequest_?id\b|\b(request|message|msg|rpc)\.id\b/i;

/**
 * A store of another module that only its name calls a store of sessions (`sessionManager`), whose
 * entries code reads for a credential (`.accessToken`) and never for a transport or server: auth
 * bound to the session (session-state's, with the advice to read credentials from each request),
 * not a session map to replace with per-request transports.
 */
function credentialsOnly(c: Collection): void {
  if (c.valueKind !== 'session-object' || c.helper) return;
  const fields = entryMembers(c).map((m) => m.field);
  if (fields.some((f) => /^(transports?|servers?|mcpServer)$/.test(f))) return;
  const credentials = [...new Set(fields.filter((f) => stateKind(f) === 'auth'))];
  if (credentials.length === 0) return;
  c.valueKind = 'data';
  c.credentials = credentials;
}

/**
 * A collection of the file whose entries are a caller's credentials and who the caller is, and
 * nothing else (`accounts.set(sid, { user, accessToken })`, read as `acct.accessToken`; declared
 * `Map<string, Account>` with `interface Account { user: string; accessToken: string }`): auth
 * bound to the session whatever the collection is called, as its name would say for
 * `accessTokens`. A handle minted for it would be a bearer credential (trial 34A: a second client
 * with no credentials listed the first one's invoices). A record with more (a cart beside its
 * user's token) stays the state it is.
 */
function credentialsHeld(c: Collection, localTypes: ReadonlyMap<string, string>): void {
  if (c.credentials || c.valueKind === 'transport' || c.valueKind === 'server' || stateKind(c.name) === 'auth') return;
  const fields = new Set(entryMembers(c).map((m) => m.field));
  // Declared numbers and flags are not credentials (a token budget's `tokens: number`, a game's `secret: number`).
  const plain = new Set<string>();
  const declared = c.valueType ? localTypes.get(c.valueType.replace(/\s*\|\s*undefined$/, '').trim()) : undefined;
  if (declared) {
    for (const m of declared.matchAll(/(?:^|[{;,]\s*)(?:readonly\s+)?(\w+)\??\s*:\s*([^;,}]*)/g)) {
      fields.add(m[1]);
      if (/^(number|bigint|boolean)(\s*\|\s*(undefined|null))*$/.test(m[2].trim())) plain.add(m[1]);
    }
  }
  const credentials = [...fields].filter((f) => namesCredential(f) && !plain.has(f));
  if (credentials.length === 0 || ![...fields].every((f) => credentials.includes(f) || IDENTITY_FIELD.test(f))) return;
  c.credentials = credentials;
}

/** Whether a value is the response parameter of a function that answers with an event stream (`res` of a GET /sse route). */
function eventStreamResponse(value: TS.Node): boolean {
  const v = unwrap(value);
  const decl = ts.isIdentifier(v) ? resolveIdentifier(v) : undefined;
  if (!decl || !ts.isParameter(decl) || !ts.isIdentifier(decl.name)) return false;
  const fn = decl.parent as TS.FunctionLikeDeclaration;
  return fn.parameters.indexOf(decl) === 1 && !!fn.body && fn.body.getText().includes('text/event-stream');
}

/** The collections noteImportersSessionKeys is asking the importers of. */
const importersAsked = new Set<TS.Node>();

/** Other modules' facts, per tree (moduleFacts). */
const otherModuleFacts = new WeakMap<TS.SourceFile, SessionFacts>();

/**
 * The facts of another module of the run (one `ModuleSource.users` or `resolve` loaded), made
 * once per tree, with the run's modules so that rules may follow its imports too.
 */
export function moduleFacts(module: LoadedModule, source: ModuleSource): SessionFacts {
  let facts = otherModuleFacts.get(module.sourceFile);
  if (!facts) {
    facts = new SessionFacts(module.sourceFile);
    facts.modules = { path: module.path, source };
    otherModuleFacts.set(module.sourceFile, facts);
  }
  return facts;
}

/** The statement that exports a function, if it is exported: `export function f`, `export const f = () => ...`, `export default function`. */
export function exportingStatement(fn: TS.FunctionLikeDeclaration): TS.Statement | undefined {
  const statement = ts.isFunctionDeclaration(fn) ? fn : ts.isVariableDeclaration(fn.parent) ? fn.parent.parent.parent : undefined;
  return statement && ts.isStatement(statement) && isExported(statement) ? statement : undefined;
}

const onceMemo = new WeakMap<TS.FunctionLikeDeclaration, boolean>();

/**
 * Whether a function runs once per process: declared at the file's top level, not exported, and
 * named only by calls at the top level (`main().catch(...)`, `await start()`), at least one: never
 * called from another function nor handed on as a value, as a request's handler is (review 49: an
 * exported Lambda handler the file also runs once for a local try). Or exported from the top level
 * and listening on a port itself (`export async function startSseServer() { ... app.listen(port) }`,
 * called by the package's entry point or the file): a process listens there once, whoever calls it
 * (trial 57A B3; a Lambda handler listens on nothing).
 */
export function runsOncePerProcess(fn: TS.FunctionLikeDeclaration): boolean {
  let once = onceMemo.get(fn);
  if (once === undefined) {
    const declared = functionDeclarationOf(fn);
    const exported = !!exportingStatement(fn);
    const uses = declared && !enclosingFunction(fn) && !exported ? referencesTo(fn.getSourceFile(), declared) : [];
    once = uses.length > 0 && uses.every((ref) => ts.isCallExpression(ref.parent) && ref.parent.expression === ref && !enclosingFunction(ref));
    if (!once && exported && !enclosingFunction(fn) && fn.body) once = someNode(fn.body, listensOnAPort);
    onceMemo.set(fn, once);
  }
  return once;
}

/** A call that opens a port: `app.listen(port)`, `server.listen(...)`, `httpServer.listen(...)`. */
function listensOnAPort(node: TS.Node): boolean {
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'listen' && node.arguments.length > 0;
}

/**
 * The calls of an exported function in the package's other files that import it
 * (ModuleSource.users), or of an instance method of an exported class on an object such a file
 * makes of it or imports from the module (callsOfExportedMethod), with those files' facts; none where the run cannot list
 * them. A file that imports it through a barrel (`export * from './pool.js'`, or under another
 * name) has its import followed to the declaration, which must be this one.
 */
export function callsFromOtherModules(fn: TS.FunctionLikeDeclaration, facts: SessionFacts): Array<{ call: TS.CallExpression; facts: SessionFacts }> {
  const names = exportedNames(fn);
  const method = names.length === 0 ? exportedMethod(fn) : undefined;
  const instances = names.length === 0 ? exportedInstances(fn) : [];
  const modules = facts.modules;
  if ((names.length === 0 && !method && instances.length === 0) || !modules) return [];
  const { source, path: modulePath } = modules;
  // The declaration an import through a barrel must reach: this function, or the class of this method.
  const declaration = method ? (fn.parent as TS.ClassDeclaration) : fn;
  const isThis = (found: TS.Node, at: LoadedModule) => found.pos === declaration.pos && found.end === declaration.end && at.path === modulePath;
  // An object of the class the module exports, imported (`sessions.bag(sid)` of `export const sessions = new SessionStore()`).
  const instanceOf = (user: LoadedModule) => (receiver: TS.Identifier) => {
    const at = importedVariableAt(receiver, user.path, source);
    return !!at && at.module.path === modulePath && instances.some((decl) => decl.pos === at.decl.pos && decl.end === at.decl.end);
  };
  // (Another package's file that calls it names it: the function, or the method. A default export is imported under any name.)
  const called = names.length > 0 ? (names.includes('default') ? undefined : names) : [propertyNameText((fn as TS.MethodDeclaration).name) ?? ''];
  return (source.users(modulePath, called) ?? []).flatMap((user) => {
    const theirs = moduleFacts(user, source);
    const from: FromModule = {
      names: (specifier, exported) => (method ? exported === method.className : names.includes(exported)) && source.names(user.path, specifier, modulePath),
      barrel: (specifier, e) => {
        if (!source.reexports(user.path, specifier, modulePath)) return false;
        const at = method ? importedClassAt(e, user.path, source) : importedFunctionAt(e, user.path, source);
        return !!at && isThis('cls' in at ? at.cls : at.fn, at.module);
      },
    };
    const calls = names.length > 0 ? callsOfExport(theirs, from) : callsOfExportedMethod(theirs, propertyNameText((fn as TS.MethodDeclaration).name)!, method && from, instances.length > 0 ? instanceOf(user) : undefined);
    return calls.map((call) => ({ call, facts: theirs }));
  });
}

/**
 * The objects of a method's class its module exports, made at its top level: `export const sessions
 * = new SessionStore()` (trial 76A B2: a monorepo's session store package, whose servers call
 * `sessions.bag(ctx.sessionId)`). None for a static method.
 */
function exportedInstances(fn: TS.FunctionLikeDeclaration): TS.VariableDeclaration[] {
  const cls = fn.parent;
  if (!ts.isMethodDeclaration(fn) || isStaticMember(fn) || !ts.isClassDeclaration(cls) || !cls.name) return [];
  const found: TS.VariableDeclaration[] = [];
  for (const statement of fn.getSourceFile().statements) {
    if (!ts.isVariableStatement(statement) || !isExported(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      const made = decl.initializer && unwrap(decl.initializer);
      if (made && ts.isNewExpression(made) && ts.isIdentifier(made.expression) && resolveIdentifier(made.expression) === cls) found.push(decl);
    }
  }
  return found;
}

/**
 * The calls of a method on a module-level variable a module exports, in the run's other modules
 * that import it (`requestContext.run(...)` in server.ts of `export const requestContext` in
 * context.ts), each with that module's facts. Only named imports of it under its own name, or
 * renamed (`import { requestContext as scope }`), straight from its module.
 */
export function memberCallsFromOtherModules(decl: TS.VariableDeclaration, facts: SessionFacts): Array<{ call: TS.CallExpression; facts: SessionFacts }> {
  // (Asked once per member name a file reads of the storage: the importers are walked once; review 94 point 11.)
  let known = memberCallsMemo.get(decl);
  if (!known) memberCallsMemo.set(decl, (known = findMemberCalls(decl, facts)));
  return known;
}

const memberCallsMemo = new WeakMap<TS.VariableDeclaration, Array<{ call: TS.CallExpression; facts: SessionFacts }>>();

function findMemberCalls(decl: TS.VariableDeclaration, facts: SessionFacts): Array<{ call: TS.CallExpression; facts: SessionFacts }> {
  const modules = facts.modules;
  if (!modules || !ts.isIdentifier(decl.name) || !isModuleVariable(decl)) return [];
  const name = decl.name.text;
  const { source, path: modulePath } = modules;
  return (source.users(modulePath, [name]) ?? []).flatMap((user) => {
    const locals = new Set<string>();
    for (const statement of user.sourceFile.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.importClause?.isTypeOnly) continue;
      const specifier = statement.moduleSpecifier.text;
      for (const b of importedBindings(statement)) if (b.exported === name && source.names(user.path, specifier, modulePath)) locals.add(b.local);
    }
    if (locals.size === 0) return [];
    const theirs = moduleFacts(user, source);
    const calls: TS.CallExpression[] = [];
    theirs.nodes.visit(CALLS, (node) => {
      const callee = ts.isCallExpression(node) ? unwrap(node.expression) : undefined;
      const on = callee && ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : undefined;
      if (on && ts.isIdentifier(on) && locals.has(on.text) && importOf(on)) calls.push(node as TS.CallExpression);
      return undefined;
    });
    return calls.map((call) => ({ call, facts: theirs }));
  });
}

/** getterElsewhere's answers, by the other module's function (none while one is judged). */
const gettersMemo = new WeakMap<TS.FunctionLikeDeclaration, boolean>();

/**
 * Whether what is returned (`returned`) is built from a value in it (`read`): the value itself, or
 * joined in a template, by `+` or a fallback (`` `k:${extra.sessionId ?? 'none'}` ``), or a branch
 * of a choice; not what it keys (`drafts[sessionId] ??= []` returns the entry, trial 78A B2).
 */
function builtInto(read: TS.Node, returned: TS.Node): boolean {
  let n: TS.Node = read;
  while (n !== returned) {
    const parent: TS.Node | undefined = n.parent;
    if (!parent) return false;
    const through =
      ts.isParenthesizedExpression(parent) ||
      ts.isNonNullExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isTemplateSpan(parent) ||
      ts.isTemplateExpression(parent) ||
      (ts.isBinaryExpression(parent) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.PlusToken].includes(parent.operatorToken.kind)) ||
      (ts.isConditionalExpression(parent) && parent.condition !== n) ||
      (ts.isCallExpression(parent) && calleeName(parent) === 'String' && parent.arguments[0] === n);
    if (!through) return false;
    n = parent;
  }
  return true;
}

/** returnsContextSessionId's answers, per function, by the parameters the context is handed as. */
const returnsContextMemo = new WeakMap<TS.FunctionLikeDeclaration, Map<string, boolean>>();

/**
 * Whether a function of another module handed the handler's context returns what it builds from
 * that context's session id (SessionFacts.keyFromContextElsewhere): `extra.sessionId` of a
 * parameter it takes the context as, or a `sessionId` destructured from one, in a returned expression.
 */
function returnsContextSessionId({ fn, params }: ContextHanded): boolean {
  let memo = returnsContextMemo.get(fn);
  if (!memo) returnsContextMemo.set(fn, (memo = new Map()));
  const key = params.map((p) => fn.parameters.indexOf(p)).join(',');
  let known = memo.get(key);
  if (known === undefined) {
    known = returnedExpressions(fn).some((returned) => {
      let reads = false;
      walk(returned, (node) => {
        if (reads) return false;
        const param = ts.isPropertyAccessExpression(node) || ts.isIdentifier(node) ? parameterOfMember(node, 'sessionId') : undefined;
        reads = !!param && params.includes(param) && builtInto(node, returned);
        return undefined;
      });
      return reads;
    });
    memo.set(key, known);
  }
  return known;
}

/** The calls of a function in its own file (SessionFacts.callSitesOf) and in the run's other modules (callsFromOtherModules), each with its file's facts. */
export function callsAnywhere(fn: TS.FunctionLikeDeclaration, facts: SessionFacts): Array<{ call: TS.CallExpression; facts: SessionFacts }> {
  return [...facts.callSitesOf(fn).map((call) => ({ call, facts })), ...callsFromOtherModules(fn, facts)];
}

/** How many servers (variables, parameters handed one) toolNamesOnItsServers follows, at most. */
const SERVER_SEARCH_LIMIT = 64;

/**
 * The names of the tools registered on the servers this file registers its tools on, in the file
 * and in the run's other modules (facts.modules): a register function's server parameter is
 * followed to its calls (callsAnywhere), in this module or another, and there to the server
 * handed; on each server found, the tools registered on it directly and those of the functions
 * it is handed to (`registerCatalog(server)` of './catalog.js'), local or imported. Only the
 * SDK's tool()/registerTool() with a name written out (also through a helper of the file's, its
 * server the first argument). A function handed another server, or one nobody calls, is not
 * followed: its tools are on another server. Review 91 point 2: fix added a second
 * `create_basket` to cart.ts where catalog.ts registered one on the server both are handed, and
 * the SDK threw "already registered" when the server was built.
 */
export function toolNamesOnItsServers(facts: SessionFacts): Set<string> {
  return serversOfTools(facts).names;
}

/**
 * The modules (facts.modules paths) that build a server (`const server = new McpServer(...)`) the
 * tool `tool` of this file is registered on, followed as toolNamesOnItsServers follows them; empty
 * where none is found (a server from a factory, a registration in a loop). Review 95 point 3: a
 * tool registered only on a stdio server is none of an HTTP server's, and one of another workspace
 * package is that of the server it is handed.
 */
export function modulesBuildingServersOf(facts: SessionFacts, tool: string): Set<string> {
  return serversOfTools(facts, tool).builtIn;
}

/**
 * The names of the tools registered on the servers this file builds (`const server = new
 * McpServer(...)`, at module level or in a function), in the file and in the modules it hands them
 * to, another package's too, followed as toolNamesOnItsServers follows them (review 95 point 3).
 */
export function toolNamesOnServersBuiltIn(facts: SessionFacts): Set<string> {
  return serversOfTools(facts, undefined, true).names;
}

function serversOfTools(facts: SessionFacts, tool?: string, built = false): { names: Set<string>; builtIn: Set<string> } {
  const names = new Set<string>();
  const builtIn = new Set<string>();
  const source = facts.modules?.source;
  if (!source) return { names, builtIn };
  const seen = new Set<string>();
  // `up`: a parameter whose callers are followed (the file's own and theirs, not one the server was handed down to).
  const queue: Array<{ decl: TS.Node; facts: SessionFacts; up: boolean }> = [];
  const follow = (decl: TS.Node | undefined, where: SessionFacts, up: boolean) => {
    const key = decl && `${where.modules?.path ?? ''}:${decl.pos}:${decl.end}`;
    if (!decl || seen.has(key!) || seen.size >= SERVER_SEARCH_LIMIT) return;
    seen.add(key!);
    queue.push({ decl, facts: where, up });
  };
  /** A server a name of `where` refers to, and, for one it imports from a module of the run (`import { server } from './server.js'`), that module's. */
  const followName = (name: TS.Identifier, where: SessionFacts, up: boolean) => {
    const decl = resolveIdentifier(name);
    follow(decl, where, up);
    const home = decl && (ts.isImportSpecifier(decl) || ts.isImportClause(decl)) ? importedVariableAt(name, where.modules?.path ?? '', source) : undefined;
    if (home) follow(home.decl, moduleFacts(home.module, source), true);
  };
  /** The names of a file that hand a server on: registrations' receivers (or a helper's first argument), and calls' arguments. */
  const serverNames = (where: SessionFacts): TS.Identifier[] => {
    const found: TS.Identifier[] = [];
    for (const r of where.registrations) {
      const root = namedSdkTool(r) ? registeredRoot(r) : undefined;
      if (root) found.push(root);
    }
    where.nodes.visit(CALLS, (node) => {
      if (ts.isCallExpression(node)) for (const a of node.arguments) if (ts.isIdentifier(unwrap(a))) found.push(unwrap(a) as TS.Identifier);
      return undefined;
    });
    return found;
  };
  if (built)
    facts.nodes.visit(VARIABLES, (node) => {
      const init = ts.isVariableDeclaration(node) && node.initializer ? unwrap(node.initializer) : undefined;
      if (init && ts.isNewExpression(init) && /^(Mcp)?Server$/.test(calleeName(init) ?? '')) follow(node, facts, false);
      return undefined;
    });
  else
    for (const r of facts.registrations) {
      const root = namedSdkTool(r) && (tool === undefined || r.name === tool) ? registeredRoot(r) : undefined;
      if (root) followName(root, facts, true);
    }
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { decl, facts: here, up } = next;
    const at = here.modules?.path ?? '';
    const init = ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
    if (init && ts.isNewExpression(init) && /^(Mcp)?Server$/.test(calleeName(init) ?? '')) builtIn.add(at);
    for (const r of here.registrations) if (namedSdkTool(r) && registeredOn(r) === decl) names.add(r.name!);
    // A server a module exports (`export const server = new McpServer()`): the modules that import it and register tools on it, or hand it on.
    if (ts.isVariableDeclaration(decl) && ts.isSourceFile(decl.parent.parent.parent) && /\bexport\b/.test(here.sourceFile.text)) {
      for (const user of source.users(at) ?? []) {
        if (!ts.isIdentifier(decl.name) || !(user.text ?? user.sourceFile.text).includes(decl.name.text)) continue;
        const theirs = moduleFacts(user, source);
        for (const name of serverNames(theirs)) {
          const home = importOf(name) ? importedVariableAt(name, user.path, source) : undefined;
          if (home && home.module.path === at && home.decl.pos === decl.pos) follow(resolveIdentifier(name), theirs, false);
        }
      }
    }
    // The functions it is handed to there.
    here.nodes.visit(CALLS, (node) => {
      if (!ts.isCallExpression(node)) return undefined;
      const index = node.arguments.findIndex((a) => {
        const e = unwrap(a);
        return ts.isIdentifier(e) && resolveIdentifier(e) === decl;
      });
      if (index < 0) return undefined;
      const local = resolveFunction(node.expression);
      const imported = local ? undefined : importedFunctionAt(node.expression, at, source);
      const param = (local ?? imported?.fn)?.parameters[index];
      if (param && !param.dotDotDotToken) follow(param, imported ? moduleFacts(imported.module, source) : here, false);
      return undefined;
    });
    // A register function's server: the one each of its calls hands it.
    if (up && ts.isParameter(decl) && isFunctionLike(decl.parent)) {
      const fn = decl.parent;
      const index = fn.parameters.indexOf(decl);
      for (const { call, facts: theirs } of callsAnywhere(fn, here)) {
        const arg = call.arguments[index] && unwrap(call.arguments[index]);
        if (arg && ts.isIdentifier(arg)) followName(arg, theirs, true);
      }
    }
  }
  return { names, builtIn };
}

/** A tool the SDK registers under a name written out: tool()/registerTool() (not a framework's shape), or a helper of the file's that calls one. */
function namedSdkTool(r: Registration): boolean {
  return r.kind === 'tool' && r.name !== undefined && !r.shape && (r.viaWrapper === true || /^(tool|registerTool)$/.test(calleeName(r.call) ?? ''));
}

/** The name of the server a registration registers on: its receiver's root (`server` of `server.registerTool`), or a helper's first argument. */
function registeredRoot(r: Registration): TS.Identifier | undefined {
  const root = r.viaWrapper ? (r.call.arguments[0] && unwrap(r.call.arguments[0])) : accessRoot(r.call.expression);
  return root && ts.isIdentifier(root) && root !== unwrap(r.call.expression) ? root : undefined;
}

/** The declaration of the server a registration registers on (registeredRoot). */
export function registeredOn(r: Registration): TS.Node | undefined {
  const root = registeredRoot(r);
  return root && resolveIdentifier(root);
}

/** An instance method of an exported class (`send` of `export class ProcessPool`): the name other modules import the class by (`default` for a default export), and the method's. */
function exportedMethod(fn: TS.FunctionLikeDeclaration): { className: string; method: string } | undefined {
  const cls = fn.parent;
  const method = ts.isMethodDeclaration(fn) && !isStaticMember(fn) ? propertyNameText(fn.name) : undefined;
  if (method === undefined || !ts.isClassDeclaration(cls) || !isExported(cls)) return undefined;
  const byDefault = ts.getModifiers(cls)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  const className = byDefault ? 'default' : cls.name?.text;
  return className === undefined ? undefined : { className, method };
}

/**
 * Which module an import names, for callsFromOtherModules: `names`, whether the specifier names the
 * module and the name is its export's; `barrel`, whether an import through a barrel of it
 * (`e`, a name or a namespace's member) is followed there to its export.
 */
interface FromModule {
  names(specifier: string, exported: string): boolean;
  barrel(specifier: string, e: TS.Expression): boolean;
}

/** Whether an expression of a file names the export `from` asks for, imported straight or through a barrel. */
function exportsOf(from: FromModule, e: TS.Expression): boolean {
  const imported = moduleExportOf(e);
  return !!imported && (from.names(imported.module, imported.exported) || from.barrel(imported.module, e));
}

/**
 * Calls in a file of a method of another module's exported class on an object the file makes of
 * it (`pool.send(sid, body)` of `const pool = new ProcessPool()`, a variable or a field of a class
 * of the file; trial 50B B4: a gateway's upstream process per session), the class as `from` names it;
 * or on an object of it the module exports, imported, where `instance` tells one (exportedInstances).
 */
function callsOfExportedMethod(facts: SessionFacts, method: string, from: FromModule | undefined, instance?: (receiver: TS.Identifier) => boolean): TS.CallExpression[] {
  const calls: TS.CallExpression[] = [];
  const madeOf = (start: TS.Node | undefined) => {
    const made = start && unwrap(start);
    return !!from && !!made && ts.isNewExpression(made) && exportsOf(from, made.expression);
  };
  facts.nodes.visit(CALLS, (node) => {
    if (!ts.isCallExpression(node)) return undefined;
    const callee = unwrap(node.expression);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== method) return undefined;
    const receiver = unwrap(callee.expression);
    const decl = ts.isIdentifier(receiver) ? resolveIdentifier(receiver) : undefined;
    // (A field of the file's class itself, `this.pool`: not `this.pool.log`, another object.)
    const field = ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword ? receiver.name.text : undefined;
    const cls = field !== undefined ? enclosingClass(receiver) : undefined;
    if (decl && ts.isVariableDeclaration(decl) ? madeOf(decl.initializer) : cls && madeOf(fieldStart(cls, field!).start)) calls.push(node);
    // (Or an object of it the other module exports, imported: `instance`.)
    else if (instance && ts.isIdentifier(receiver) && importOf(receiver) && instance(receiver)) calls.push(node);
    return undefined;
  });
  return calls;
}

/**
 * The names other modules import a function by: its own, or `default` (`export default function`),
 * or the names a CommonJS module exports it under (commonJsNames); none when it is not exported.
 */
export function exportedNames(fn: TS.FunctionLikeDeclaration): string[] {
  const statement = exportingStatement(fn);
  if (!statement) return commonJsNames(fn);
  if (ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return ['default'];
  const name = functionNameNode(fn);
  return name ? [name.getText()] : [];
}

/**
 * The names a CommonJS module exports a function of its top level under, as a `require` of it
 * reaches them (`limiter.take(sid)` of `const limiter = require('./limiter.cjs')`, trial 76A B4):
 * `module.exports = { take, forget }` (or `take: take`, a method written there),
 * `exports.take = take`, `module.exports.take = function (key) { ... }`. Not the module's whole
 * export (`module.exports = take`), which a call through a required variable does not name.
 */
function commonJsNames(fn: TS.FunctionLikeDeclaration): string[] {
  const sf = fn.getSourceFile();
  if (!sf.text.includes('exports') || enclosingFunction(fn)) return [];
  const isThis = (e: TS.Node | undefined) => !!e && (unwrap(e) === fn || (ts.isIdentifier(unwrap(e)) && resolveFunction(e) === fn));
  const names: string[] = [];
  for (const [name, value] of commonJsExports(sf)) {
    const whole = unwrap(value);
    if (name !== 'default') {
      if (isThis(whole)) names.push(name);
      continue;
    }
    if (!ts.isObjectLiteralExpression(whole)) continue;
    for (const p of whole.properties) {
      const member = p.name && propertyNameText(p.name);
      const found = ts.isMethodDeclaration(p) ? p === fn : ts.isPropertyAssignment(p) ? isThis(p.initializer) : ts.isShorthandPropertyAssignment(p) && isThis(p.name);
      if (found && member !== undefined) names.push(member);
    }
  }
  return names;
}

/** Calls in a file (its facts' node index) of a function of another module, as `from` names it (imported, or through a namespace import). */
function callsOfExport(facts: SessionFacts, from: FromModule): TS.CallExpression[] {
  const calls: TS.CallExpression[] = [];
  facts.nodes.visit(CALLS, (node) => {
    if (ts.isCallExpression(node) && exportsOf(from, node.expression)) calls.push(node);
    return undefined;
  });
  return calls;
}

/** The name a collection's state goes by where its kind is judged (stateKind): with the credentials its entries are read for, if any. */
export function stateName(c: Collection): string {
  if (c.credentials) return `${c.name} (${c.credentials.join(', ')})`;
  // Named for credentials, and declared (in TypeScript, or by a JSDoc @type tag in JavaScript; trial 19A) to hold numbers.
  const valueType = stateKind(c.name) === 'auth' ? (c.valueType ?? jsDocValueType(c.decl, c.decl.getSourceFile())?.getText()) : undefined;
  const plain = !!valueType && /^(number|bigint|boolean)$/.test(valueType.replace(/\s*\|\s*undefined$/, '').trim());
  const name = plain ? `${c.name}${NOT_CREDENTIALS}` : c.name;
  if (c.resets) return `${name}${RESET_COUNT}`;
  if (c.limits) return `${name}${LIMIT_COUNT}`;
  return c.tallies ? `${name}${CALLER_TALLY}` : name;
}

/** A local a count was raised in (`n` of `const n = (m.get(k) ?? 0) + 1`), as its value is stored. */
function raisedLocal(value: TS.Node): boolean {
  const v = unwrap(value);
  const local = ts.isIdentifier(v) ? resolveIdentifier(v) : undefined;
  return !!local && ts.isVariableDeclaration(local) && !!local.initializer && !!raisedCount(local.initializer);
}

/** `<n> ± 1`, `(<n> ?? 0) + 1`: a count raised (or lowered) by a number, with `<n>` what it counts from. */
function raisedCount(value: TS.Node): TS.Expression | undefined {
  const v = unwrap(value);
  if (!ts.isBinaryExpression(v) || (v.operatorToken.kind !== ts.SyntaxKind.PlusToken && v.operatorToken.kind !== ts.SyntaxKind.MinusToken)) return undefined;
  const base = ts.isNumericLiteral(unwrap(v.right)) ? v.left : ts.isNumericLiteral(unwrap(v.left)) ? v.right : undefined;
  if (!base) return undefined;
  const b = unwrap(base);
  return isFallback(b) && ts.isNumericLiteral(unwrap(b.right)) ? (unwrap(b.left) as TS.Expression) : (b as TS.Expression);
}

/** Whether the other side of a test of a count is a limit: not 0 or 1 (`total > 0` only says whether there is any). */
function limitAbove(other: TS.Node): boolean {
  const o = unwrap(other);
  return !(ts.isNumericLiteral(o) && Number(o.text) <= 1);
}

/**
 * Whether a node tests a count against a limit, the one test of "tested against a limit" (a rate
 * limit, a quota: limitedCount, comparedToLimit, stateful-tool's unlimitedStep): a `<`/`>` test one
 * side of which reads the count (`readsCount`, by what its caller knows of the count: a text, a
 * collection's reads, a helper's parameter), the other a limit (limitAbove: no 0 or 1), that turns
 * the call away (turnsAway, review 72; `visits > 1 ? 'welcome back' : ...` only tells), or as
 * `refuses` says (a helper's answer its call refuses by).
 */
export function testsLimit(n: TS.Node, readsCount: (side: TS.Expression) => boolean, refuses: (test: TS.BinaryExpression) => boolean = turnsAway, bound: (other: TS.Node) => boolean = limitAbove): n is TS.BinaryExpression {
  return ts.isBinaryExpression(n) && RELATIONAL.has(n.operatorToken.kind) && ([[n.left, n.right], [n.right, n.left]] as const).some(([side, other]) => bound(other) && readsCount(side)) && refuses(n);
}

/**
 * Whether a value stored in a collection is a count raised by a number that the function storing it
 * also tests against a limit (testsLimit: `if (used >= 3) return ...` with `used` what it counts
 * from, or the same lookup): a rate limit, whose key a client must not choose.
 */
function limitedCount(value: TS.Node): boolean {
  // (Or a const the count was raised into first: `const used = (quota.get(key) ?? 0) + 1;
  // quota.set(key, used); if (used > QUOTA) return ...`, trial 77A B2.)
  const v = unwrap(value);
  const local = ts.isIdentifier(v) ? resolveIdentifier(v) : undefined;
  const raisedInto = local && ts.isVariableDeclaration(local) && ts.isIdentifier(local.name) && local.initializer && ts.getCombinedNodeFlags(local) & ts.NodeFlags.Const ? local : undefined;
  const from = raisedCount(raisedInto?.initializer ?? value);
  const fn = from && enclosingFunction(value);
  if (!from || !fn?.body) return false;
  const text = from.getText();
  const readsCount = (side: TS.Expression): boolean => {
    const s = unwrap(side);
    if (s.getText() === text || (isFallback(s) && unwrap(s.left).getText() === text)) return true;
    return !!raisedInto && ts.isIdentifier(s) && resolveIdentifier(s) === raisedInto;
  };
  return someNode(fn.body, (n) => testsLimit(n, readsCount));
}

/**
 * Whether a value stored in a collection is a list of recent call times whose length the function
 * storing it tests against a limit, refusing past it, before it stores it (`const recent =
 * (calls.get(key) ?? []).filter((t) => now - t < 60_000); if (recent.length >= 3) return ...;
 * recent.push(now); calls.set(key, recent)`): a sliding-window rate limit, whose key a client must
 * not choose either (trial 46B B2). The list must hold times: filtered by a test of the clock, or
 * given one (`push(Date.now())`). A cart capped at 20 items, or a queue refusing when empty, holds
 * no times: state for a handle, as before (review 52). Or a helper that stores the list and answers
 * whether it is past the limit (`return recent.length > 20`), a test its callers (`callsOf`) refuse
 * by (`if (limited(sid)) return ...`; trial 75A B5). A list only trimmed to a length stays history.
 */
function limitedWindow(value: TS.Node, callsOf: (fn: TS.FunctionLikeDeclaration) => readonly TS.CallExpression[]): boolean {
  const list = unwrap(value);
  const decl = ts.isIdentifier(list) ? resolveIdentifier(list) : undefined;
  const fn = decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) ? enclosingFunction(decl) : undefined;
  if (!fn?.body) return false;
  // The list's own uses, not a walk of the function: `recent.length` tested, `recent.push(...)`.
  const uses = referencesTo(fn.body, decl as TS.VariableDeclaration & { name: TS.Identifier }).map((ref) => ref.parent);
  const lengths = uses.filter((use): use is TS.PropertyAccessExpression => ts.isPropertyAccessExpression(use) && use.name.text === 'length');
  if (lengths.length === 0) return false;
  // Times: the list is what a filter on the clock kept, or the function pushes the clock onto it.
  const init = (decl as TS.VariableDeclaration).initializer && unwrap((decl as TS.VariableDeclaration).initializer!);
  const filtered = !!init && ts.isCallExpression(init) && calleeName(init) === 'filter' && init.arguments.some((a) => readsClock(a, decl!));
  const pushed = uses.some((use) => ts.isPropertyAccessExpression(use) && use.name.text === 'push' && ts.isCallExpression(use.parent) && use.parent.arguments.some((a) => readsClock(a, decl!)));
  if (!filtered && !pushed) return false;
  // A test of its length that refuses, before the list is stored.
  return lengths.some((length) => {
    const test = outermost(length).parent;
    if (!ts.isBinaryExpression(test) || !RELATIONAL.has(test.operatorToken.kind)) return false;
    const statement = findAncestor(test, ts.isIfStatement);
    if (statement && statement.expression.pos <= test.pos && test.end <= statement.expression.end && endsByLeaving(statement.thenStatement) && statement.end <= value.pos) return true;
    return returnedExpressions(fn).some((r) => unwrap(r) === test) && callsOf(fn).some((call) => turnsAway(call));
  });
}

/**
 * Whether a test turns the call away: an `if` whose branch returns or throws (review 72), also
 * through a local it is kept in (`const over = ... > LIMIT; if (over) return ...`), or a choice
 * that answers with an error (`... > LIMIT ? { isError: true, ... } : ...`; review 73).
 */
function turnsAway(test: TS.Node, depth = 1): boolean {
  let n: TS.Node = test;
  while (ts.isBinaryExpression(n.parent) || ts.isParenthesizedExpression(n.parent) || ts.isPrefixUnaryExpression(n.parent)) n = n.parent;
  const holder = n.parent;
  if (ts.isIfStatement(holder) && holder.expression === n) return endsByLeaving(holder.thenStatement) || (!!holder.elseStatement && endsByLeaving(holder.elseStatement));
  if (ts.isConditionalExpression(holder) && holder.condition === n) return [holder.whenTrue, holder.whenFalse].some((branch) => someNode(branch, refusesCall));
  if (depth > 0 && ts.isVariableDeclaration(holder) && holder.initializer === n && ts.isIdentifier(holder.name)) return referencesTo(holder.getSourceFile(), holder as TS.VariableDeclaration & { name: TS.Identifier }).some((ref) => turnsAway(ref, depth - 1));
  return false;
}

/** An `onsessioninitialized` / `onsessionclosed` callback (its first parameter is the session id). */
function isSessionCallback(fn: TS.FunctionLikeDeclaration): boolean {
  const holder = fn.parent;
  if (ts.isPropertyAssignment(holder) || ts.isMethodDeclaration(fn)) {
    const name = propertyNameText(ts.isMethodDeclaration(fn) ? fn.name : (holder as TS.PropertyAssignment).name);
    return name === 'onsessioninitialized' || name === 'onsessionclosed';
  }
  if (ts.isBinaryExpression(holder) && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const name = ts.isPropertyAccessExpression(holder.left) ? holder.left.name.text : undefined;
    return name === 'onsessioninitialized' || name === 'onsessionclosed';
  }
  return false;
}

/**
 * What a test is where `missing(n)` says which of its operands are a value that is missing (undefined):
 * true or false where that decides it (`!sid`, `sid && ok`, `typeof sid === 'string'`, `sid ==
 * null`), undefined where it does not (`sid ?? 'anon'`, a test of something else).
 */
function valueWhenMissing(test: TS.Node, missing: (n: TS.Node) => boolean): boolean | undefined {
  const e = unwrap(test);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    const operand = valueWhenMissing(e.operand, missing);
    return operand === undefined ? undefined : !operand;
  }
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) {
      const sides = [valueWhenMissing(e.left, missing), valueWhenMissing(e.right, missing)];
      const decides = op === ts.SyntaxKind.AmpersandAmpersandToken ? false : true;
      return sides.includes(decides) ? decides : sides.every((v) => v === !decides) ? !decides : undefined;
    }
    const negated = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    if (!negated && op !== ts.SyntaxKind.EqualsEqualsEqualsToken && op !== ts.SyntaxKind.EqualsEqualsToken) return undefined;
    const loose = op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    for (const [side, other] of [[e.left, e.right], [e.right, e.left]] as const) {
      const value = unwrap(side);
      // `typeof sid === 'string'`: 'undefined' when it is missing.
      if (ts.isTypeOfExpression(value) && missing(value.expression) && stringValue(other) !== undefined) return (stringValue(other) === 'undefined') !== negated;
      // `sid === undefined`, `sid == null`: undefined equals undefined, and null loosely (`sid === null` is false).
      if (missing(value) && isNullish(other)) return (isUndefinedValue(other) || loose) !== negated;
    }
    return undefined;
  }
  return missing(e) ? false : undefined;
}

/**
 * Whether an `if` refuses the call where what `missing` names is missing (`if (!info.sessionId)
 * throw ...`, `if (typeof sid !== 'string') return { isError: true, ... }`): its test is true
 * then, and its branch refuses and leaves. For a helper's guard (explicit-handles' key helpers).
 */
export function refusesWhenMissing(statement: TS.IfStatement, missing: (n: TS.Node) => boolean): boolean {
  return valueWhenMissing(statement.expression, missing) === true && refusesAndLeaves(statement.thenStatement);
}

/** A refusal in a branch (refusesCall), not in a function written there. */
function refusesIn(branch: TS.Node): boolean {
  let found = false;
  walk(branch, (n) => {
    if (found || (n !== branch && isFunctionLike(n))) return false;
    found = refusesCall(n);
    return undefined;
  });
  return found;
}

/** A statement that refuses the call and leaves: `throw ...`, `return { isError: true, ... }`. */
function refusesAndLeaves(statement: TS.Statement | undefined): boolean {
  return !!statement && endsByLeaving(statement) && refusesIn(statement);
}

/**
 * Whether the value a lookup gives (`chats.get(sid)`, held in a local) is required: a later `if`
 * refuses the call where it is missing (`const s = ...; if (!s) throw new Error(...)`).
 */
function requiredValue(value: TS.Node): boolean {
  const decl = outermost(value).parent;
  if (!ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return false;
  const held = decl as TS.VariableDeclaration & { name: TS.Identifier };
  const isHeld = (n: TS.Node) => ts.isIdentifier(n) && n.text === held.name.text && resolveIdentifier(n) === held;
  return referencesTo(enclosingFunction(decl)?.body ?? decl.getSourceFile(), held).some((ref) => {
    let test: TS.Node = ref;
    while (ts.isBinaryExpression(test.parent) || ts.isParenthesizedExpression(test.parent) || ts.isPrefixUnaryExpression(test.parent) || ts.isTypeOfExpression(test.parent)) test = test.parent;
    return ts.isIfStatement(test.parent) && test.parent.expression === test && valueWhenMissing(test, isHeld) === true && refusesAndLeaves(test.parent.thenStatement);
  });
}

/**
 * How a use of a collection keyed by the session id (`chats.get(sid)`) fares on a request without
 * one (trial 78A B10): 'refused' where the code turns the call away instead (`if (!sid) throw ...`
 * ahead of it; `const s = sid ? chats.get(sid) : undefined; if (!s) throw ...`; an `isError`
 * answer), 'skipped' where it only does not run (`if (sid) chats.set(sid, ...)`), undefined where
 * it runs with the id missing (no test, `sid ?? 'anon'`, `sid!`): what a request without one
 * does to the entry it names. Tests of the function the use is in; where it has none, as each of
 * its calls the run finds fares (a session's own callback runs only with an id).
 */
export function withoutSessionId(access: TS.Node, facts: SessionFacts, depth = 0): 'refused' | 'skipped' | undefined {
  const missing = (n: TS.Node) => plainSessionId(n, facts);
  let child: TS.Node = access;
  for (let n = access.parent; n && !ts.isSourceFile(n); child = n, n = n.parent) {
    if (ts.isConditionalExpression(n) && child !== n.condition) {
      const whenMissing = valueWhenMissing(n.condition, missing);
      if (whenMissing === undefined || whenMissing === (child === n.whenTrue)) continue;
      const other = child === n.whenTrue ? n.whenFalse : n.whenTrue;
      return refusesIn(other) || (isNullish(other) && requiredValue(n)) ? 'refused' : 'skipped';
    }
    if (ts.isBinaryExpression(n) && n.right === child && (n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      const and = n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken;
      if (valueWhenMissing(n.left, missing) !== !and) continue;
      // `sid && chats.get(sid)`, its value required; `!sid || !chats.has(sid)`, the test of an `if` that refuses.
      const test = outermost(n);
      const refused = and ? requiredValue(n) : ts.isIfStatement(test.parent) && test.parent.expression === test && refusesAndLeaves(test.parent.thenStatement);
      return refused ? 'refused' : 'skipped';
    }
    if (ts.isIfStatement(n) && child !== n.expression) {
      const whenMissing = valueWhenMissing(n.expression, missing);
      if (whenMissing === undefined || whenMissing === (child === n.thenStatement)) continue;
      return refusesAndLeaves(child === n.thenStatement ? n.elseStatement : n.thenStatement) ? 'refused' : 'skipped';
    }
    if (ts.isBlock(n) || ts.isCaseClause(n) || ts.isDefaultClause(n)) {
      for (const statement of n.statements) {
        if (statement === child) break;
        if (ts.isIfStatement(statement) && valueWhenMissing(statement.expression, missing) === true && refusesAndLeaves(statement.thenStatement)) return 'refused';
      }
    }
    if (isFunctionLike(n)) {
      // A session's own callback runs for a session the transport minted, its id in hand.
      if (isSessionCallback(n)) return 'skipped';
      // A function that tests nothing itself fares as its calls do, where the run finds them all (`openSession(id)` in onsessioninitialized).
      const calls = depth < 2 ? callsAnywhere(n, facts) : [];
      const fares = calls.map(({ call, facts }) => withoutSessionId(call, facts, depth + 1));
      if (fares.length === 0 || fares.includes(undefined)) return undefined;
      return fares.every((f) => f === 'refused') ? 'refused' : 'skipped';
    }
  }
  return undefined;
}

/**
 * The session id itself, missing where the request has none: a read of it (`ctx.sessionId`, the
 * header), a local that holds one (`const sid = extra.sessionId`, not assigned again), a
 * parameter every call of its function hands one; not a value built from it (`sid ?? 'anon'`, a
 * template, `{ sessionId = 'anon' }`, a helper's result), which is there either way.
 */
function plainSessionId(node: TS.Node, facts: SessionFacts, depth = 0): boolean {
  const n = unwrap(node);
  if (!ts.isIdentifier(n)) return (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) || ts.isCallExpression(n)) && facts.isSessionIdRead(n);
  const decl = resolveIdentifier(n);
  if (!decl || depth >= 3) return false;
  if (ts.isParameter(decl) && isFunctionLike(decl.parent)) {
    const index = decl.parent.parameters.indexOf(decl);
    const calls = callsAnywhere(decl.parent, facts);
    return !decl.initializer && calls.length > 0 && calls.every(({ call, facts: theirs }) => !!call.arguments[index] && plainSessionId(call.arguments[index], theirs, depth + 1));
  }
  if (ts.isBindingElement(decl)) return !decl.initializer && facts.isSessionId(n);
  return ts.isVariableDeclaration(decl) && !!decl.initializer && facts.assignedValues(decl).length === 0 && plainSessionId(decl.initializer, facts, depth + 1);
}

/** `Date.now()`, `performance.now()`, `new Date()`, `x.getTime()`. */
function clockCall(n: TS.Node): boolean {
  const e = unwrap(n);
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Date') return true;
  return ts.isCallExpression(e) && /^(Date\.now|performance\.now)$|\.getTime$/.test(e.expression.getText());
}

/**
 * Whether a value stored in a collection is a fixed-window rate-limit entry: an object with a
 * numeric count and a time the clock gave (`{ count: 1, resetAt: now + 60_000 }`), whose count the
 * function storing it tests against a limit (`h.count <= 10`, trial 48B: a key the client mints
 * would start a fresh window).
 */
function limitedEntry(value: TS.Node, collection: Collection): boolean {
  const entry = unwrap(value) as TS.ObjectLiteralExpression;
  const assigned = entry.properties.filter(ts.isPropertyAssignment);
  const named = (p: TS.PropertyAssignment) => propertyNameText(p.name);
  const count = assigned.find((p) => named(p) !== undefined && ts.isNumericLiteral(unwrap(p.initializer)));
  const times = new Set(assigned.filter((p) => p !== count && named(p) !== undefined && readsClock(p.initializer)).map((p) => named(p)!));
  if (!count || times.size === 0) return false;
  // What the storing function tests of the entries its lookups of this collection give
  // (`const w = windows.get(key)`, then `w.used <= 10` and `now - w.startedAt > 60_000`): the
  // count and the window's time both (a quiz's question number beside its start time is no limit, review 59).
  const fn = enclosingFunction(value);
  const tested = new Set<string>();
  for (const lookup of collection.accesses) {
    if (!ts.isCallExpression(lookup) || calleeName(lookup) !== 'get' || enclosingFunction(lookup) !== fn) continue;
    for (const member of lookupResultMembers(lookup)) if (member.read && inRelationalTest(member.node)) tested.add(member.field);
  }
  return tested.has(named(count)!) && [...times].some((t) => tested.has(t));
}

/** Whether a value is a side of a `<`/`>` test, directly or through arithmetic (`now - w.startedAt > 60_000`). */
export function inRelationalTest(node: TS.Node): boolean {
  for (let n = outermost(node); ts.isBinaryExpression(n.parent); n = outermost(n.parent)) {
    if (RELATIONAL.has(n.parent.operatorToken.kind)) return true;
    if (!ARITHMETIC.has(n.parent.operatorToken.kind)) return false;
  }
  return false;
}

const ARITHMETIC = new Set<TS.SyntaxKind>([ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken]);

/** Whether an expression reads the clock: a clock call, or a local (other than `list`, where given) set from one (`const now = Date.now()`). */
function readsClock(n: TS.Node, list?: TS.Node): boolean {
  let found = false;
  walk(n, (m) => {
    if (found) return false;
    if (clockCall(m)) found = true;
    else if (ts.isIdentifier(m)) {
      const d = resolveIdentifier(m);
      if (d && d !== list && ts.isVariableDeclaration(d) && d.initializer && clockCall(d.initializer)) found = true;
    }
    return undefined;
  });
  return found;
}

const RELATIONAL = new Set<TS.SyntaxKind>([ts.SyntaxKind.GreaterThanEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken]);

/** The calls that look an entry up (`get`, `getSession`, `findSession`, `loadContext`), not those that store or clear one. */
const ENTRY_LOOKUP = /^(get|find|lookup|load|read|fetch)([A-Z]\w*)?$/;

/**
 * The members code takes from the entries a collection's lookups return: `sessions.get(sid).cart`,
 * `context.apiKey` after `context = sessions[sid]`, `session.accessToken` after `const session =
 * await store.getSession(sid)`, `const { accessToken } = ...`. Each with whether it is a read: a
 * write (`context.apiKey = key`), a method call (`session.touch()`), a delete and a value only
 * logged are not. In source order.
 */
export function entryMembers(c: Collection): Array<{ node: TS.Node; field: string; read: boolean }> {
  const found: Array<{ node: TS.Node; field: string; read: boolean }> = [];
  for (const access of c.accesses) {
    const lookup = ts.isCallExpression(access)
      ? ENTRY_LOOKUP.test(calleeName(access) ?? '')
      : ts.isElementAccessExpression(access) && !(ts.isBinaryExpression(access.parent) && access.parent.left === access) && !ts.isDeleteExpression(access.parent);
    if (lookup) found.push(...lookupResultMembers(access));
  }
  return found.sort((a, b) => a.node.pos - b.node.pos);
}

/**
 * The members code takes from what one lookup returns (`lookup(id).userId`; `const { scopes } =
 * ...`; `const ctx = ...; ctx.userId`), through `await`, a conditional choice (`sid ? lookup(sid) :
 * undefined`) or a fallback (`lookup(sid) ?? fresh()`). Each with whether it is a read (see entryMembers).
 */
export function lookupResultMembers(lookup: TS.Node): Array<{ node: TS.Node; field: string; read: boolean }> {
  const found: Array<{ node: TS.Node; field: string; read: boolean }> = [];
  const consider = (holder: TS.Node) => {
    const outer = outermost(holder);
    const member = outer.parent;
    if (!ts.isPropertyAccessExpression(member) || member.expression !== outer) return;
    const use = member.parent;
    const read = !inLogCall(member) && !(isAssignment(use) && use.left === member) && !(ts.isCallExpression(use) && use.expression === member) && !ts.isDeleteExpression(use);
    found.push({ node: member, field: member.name.text, read });
  };
  // `await store.getSession(sid)`: the entry is what the await gives; `sid ? sessions.get(sid) :
  // undefined`, `sessions.get(sid) ?? fresh()`: what the choice gives (trial 31A).
  let outer = outermost(lookup);
  if (ts.isAwaitExpression(outer.parent)) outer = outermost(outer.parent);
  const choice = outer.parent;
  if ((ts.isConditionalExpression(choice) && choice.condition !== outer) || (isFallback(choice) && choice.left === outer)) outer = outermost(choice);
  consider(outer);
  // Held in a variable first: `const context = sessions[sid]`, `context = sessions.get(sid)`, `const { apiKey } = ...`.
  const holder = outer.parent;
  if (ts.isVariableDeclaration(holder) && holder.initializer === outer && ts.isObjectBindingPattern(holder.name)) {
    for (const element of holder.name.elements) {
      const name = element.propertyName ?? element.name;
      if (ts.isIdentifier(name)) found.push({ node: element, field: name.text, read: true });
    }
    return found;
  }
  const decl = ts.isVariableDeclaration(holder) && holder.initializer === outer ? holder : ts.isBinaryExpression(holder) && holder.right === outer && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(holder.left) ? resolveIdentifier(holder.left) : undefined;
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return found;
  const scope = enclosingFunction(decl) ?? decl.getSourceFile();
  for (const ref of referencesTo(scope, decl as Declaration & { name: TS.Identifier })) consider(ref);
  return found;
}

/**
 * The key text of a collection keyed by the session id together with a request's id
 * (`` `${sessionId}_${requestId}` ``, directly or through a local const): its entries live for one
 * call, and without a session id only the JSON-RPC id, which each client numbers alike, is left.
 */
export function requestScopedKey(c: Collection): string | undefined {
  const key = c.keyExpression && joinedKey(c.keyExpression);
  const text = key?.getText();
  return text && REQUEST_ID.test(text) ? text.slice(0, 60) : undefined;
}

/**
 * A key that joins the session id with more, as a use of the collection writes it (`` `${sid}:${topic}` ``,
 * `sid + '/' + topic`, `` `cart:${sid}` ``, also through a local that holds it): the key that made
 * it session-keyed, or that of a use (`get`, `set`, `has`, `delete`, `[k]`), shown as written
 * (trial 51A: notes per session and topic). Not the session id alone, nor one with a fallback.
 */
export function joinedSessionKey(c: Collection, facts: SessionFacts): { text: string; constant: boolean } | undefined {
  const keys = [c.keyExpression, ...c.accesses.map((access) => accessKey(access))];
  for (const key of keys) {
    const joined = key && joinedKey(key);
    if (!joined || !facts.isSessionId(joined)) continue;
    const { literals, values } = keyParts(joined);
    // (The session id alone, written as a template: `${sid}`, or `sid + ''`.)
    if (literals.every((literal) => literal === '') && values.every((value) => facts.isSessionId(value))) continue;
    // (Joined with constants only: a prefix that names the entries, `cart:${sid}`.)
    const constant = values.every((value) => constantString(value) !== undefined || facts.isSessionId(value));
    const text = joined.getText();
    return { text: text.length > 60 ? `${text.slice(0, 59)}…` : text, constant };
  }
  return undefined;
}

/** A Map's methods that take a key first. */
const MAP_KEYED_METHODS: ReadonlySet<string> = new Set(['get', 'set', 'has', 'delete']);

/** The key a use of a collection names: `k` of `x[k]`, and of `x.get(k)` (set, has, delete; or the first argument of `methods`). */
export function accessKey(access: TS.Node, methods: ReadonlySet<string> = MAP_KEYED_METHODS): TS.Node | undefined {
  if (ts.isElementAccessExpression(access)) return access.argumentExpression;
  return ts.isCallExpression(access) && methods.has(calleeName(access) ?? '') ? access.arguments[0] : undefined;
}

/** A key written as a template or a concatenation, itself or as the initializer of the local that holds it. */
function joinedKey(node: TS.Node): TS.Expression | undefined {
  let key: TS.Node | undefined = unwrap(node);
  if (ts.isIdentifier(key)) {
    const init = resolveInitializer(key);
    key = init && unwrap(init);
  }
  return key && (ts.isTemplateExpression(key) || (ts.isBinaryExpression(key) && key.operatorToken.kind === ts.SyntaxKind.PlusToken)) ? (key as TS.Expression) : undefined;
}

/**
 * A collection that is a set of session ids (membership, no values): declared `Set<...>`, built
 * with `new Set`, or one only added to, tested and deleted from. With `holder`, the collection it
 * was taken from when it is one element of another (`const set = watchersByUri.get(uri) ?? new
 * Set()`): the sets of that collection, under its own keys (a URI), hold the ids. With `sets`,
 * that collection itself (`subscribers.get(uri).add(sid)`), and the name of its key (`uri`) where shown.
 */
export function setOfSessionIds(c: Collection): { holder?: string; sets?: { key?: string } } | undefined {
  // The map whose sets they are (`subscribers` of `subscribers.get(uri).add(sid)`): ids under its own keys.
  if (c.sessionIdSets) return { sets: c.sessionIdSets };
  const decl = c.decl;
  if (!ts.isVariableDeclaration(decl) && !ts.isPropertyDeclaration(decl)) return undefined;
  const init = decl.initializer && unwrap(decl.initializer);
  // `X.get(k) ?? new Set()`, `X.get(k) || new Set()`, `X[k]`: an element of another collection.
  const taken = init && ts.isBinaryExpression(init) && (init.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || init.operatorToken.kind === ts.SyntaxKind.BarBarToken) ? unwrap(init.left) : init;
  const created = (e: TS.Node | undefined) => !!e && ts.isNewExpression(unwrap(e)) && (unwrap(e) as TS.NewExpression).expression.getText() === 'Set';
  const declaredSet = !!decl.type && ts.isTypeReferenceNode(decl.type) && decl.type.typeName.getText() === 'Set';
  const onlyMembership = c.accesses.length > 0 && c.accesses.every((a) => ts.isCallExpression(a) && /^(add|has|delete)$/.test(calleeName(a) ?? ''));
  if (!declaredSet && !created(init) && !(init && ts.isBinaryExpression(init) && created(init.right)) && !onlyMembership) return undefined;
  let holder: string | undefined;
  if (taken && ts.isCallExpression(taken) && calleeName(taken) === 'get' && ts.isPropertyAccessExpression(taken.expression)) holder = taken.expression.expression.getText();
  else if (taken && ts.isElementAccessExpression(taken)) holder = taken.expression.getText();
  return { holder };
}

/** The name of the key an element is taken out under: `uri` of `m.get(uri)`, `m[req.params.uri]`. */
function elementKeyName(element: TS.Node): string | undefined {
  const e = unwrap(element);
  const key = ts.isCallExpression(e) ? e.arguments[0] : ts.isElementAccessExpression(e) ? e.argumentExpression : undefined;
  const k = key && unwrap(key);
  return k && ts.isIdentifier(k) ? k.text : k && ts.isPropertyAccessExpression(k) ? k.name.text : undefined;
}

/** The collection a loop variable takes each value of: `m` of `for (const v of m.values())`. */
function valuesIterated(decl: TS.VariableDeclaration): TS.Expression | undefined {
  const list = decl.parent;
  const loop = ts.isVariableDeclarationList(list) && list.declarations.length === 1 ? list.parent : undefined;
  if (!loop || !ts.isForOfStatement(loop)) return undefined;
  const iterated = unwrap(loop.expression);
  const callee = ts.isCallExpression(iterated) && iterated.arguments.length === 0 ? unwrap(iterated.expression) : undefined;
  return callee && ts.isPropertyAccessExpression(callee) && callee.name.text === 'values' ? callee.expression : undefined;
}

/** A field that traces a request (`traceId`, `spanId`, `correlation_id`, `requestId`): what is put there is telemetry. */
const TRACE_FIELD = /^(trace|span|correlation|request|log|telemetry)[-_]?id$/i;

/** Writes to the process's own output streams, a log by another name (`process.stderr.write(line)`). */
const CONSOLE_WRITE = /^process\.(stdout|stderr)\.write$/;
/** Calls that only turn a value into text: what the text goes to decides what the value is for. */
const TO_TEXT = /^(JSON\.stringify|String|(util\.)?(inspect|format))$/;

/** Calls that only record a value: logs, trace attributes, error reports, session-routed log messages. */
export const TELEMETRY_CALLS = /^(log|info|warn|warning|error|debug|trace|fatal|verbose|child|setAttribute|setAttributes|setTag|setTags|setContext|setExtra|addEvent|addBreadcrumb|captureException|captureMessage|sendLoggingMessage|\w+(Logger|Span|Tracer))$/;

/**
 * Whether a session-id read only feeds telemetry: an argument (possibly inside an object, array
 * or template) of a log or trace call. Such a tool does not need the same instance; SEP-2567 asks
 * to switch the tag to a principal or correlation id, which is a smaller, separate change.
 */
export function isTelemetryUse(read: TS.Node, depth = 0): boolean {
  let current: TS.Node = read;
  for (;;) {
    const parent: TS.Node | undefined = current.parent;
    if (!parent) return false;
    if (ts.isCallExpression(parent)) {
      if (!parent.arguments.includes(current as TS.Expression)) return false;
      const callee = unwrap(parent.expression).getText();
      if (TELEMETRY_CALLS.test(calleeName(parent) ?? '') || CONSOLE_WRITE.test(callee)) return true;
      // Turned into text on its way to the log (`console.log(JSON.stringify({ sid }))`, `String(sid)`;
      // trial 58B B1): where that text goes decides.
      if (!TO_TEXT.test(callee)) return false;
      current = parent;
      continue;
    }
    // Put in a field that traces the request (`traceId: sid`, `ctx.correlationId = sid`; trial 32A).
    if (ts.isPropertyAssignment(parent) && parent.initializer === current && TRACE_FIELD.test(propertyNameText(parent.name) ?? '')) return true;
    if (ts.isBinaryExpression(parent) && parent.right === current && isAssignmentTarget(parent.left) && TRACE_FIELD.test(accessName(parent.left) ?? '')) return true;
    // A payload kept in a local first (`const logContext = { headers: {...} }; console.log(logContext)`):
    // telemetry when every use of the local is (trial 24B).
    if (ts.isVariableDeclaration(parent) && parent.initializer === current && ts.isIdentifier(parent.name) && depth < 2) {
      const scope = parent.parent.parent.parent ?? parent.getSourceFile();
      const refs = referencesTo(scope, parent as TS.VariableDeclaration & { name: TS.Identifier });
      return refs.length > 0 && refs.every((ref) => isTelemetryUse(ref, depth + 1));
    }
    const passesThrough =
      ts.isPropertyAssignment(parent) ||
      ts.isShorthandPropertyAssignment(parent) ||
      ts.isObjectLiteralExpression(parent) ||
      ts.isArrayLiteralExpression(parent) ||
      ts.isTemplateSpan(parent) ||
      ts.isTemplateExpression(parent) ||
      ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isNonNullExpression(parent) ||
      (ts.isBinaryExpression(parent) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.PlusToken].includes(parent.operatorToken.kind)) ||
      (ts.isConditionalExpression(parent) && parent.condition !== current);
    if (!passesThrough) return false;
    current = parent;
  }
}

/** The enum or type alias a module of the run that `specifier` names exports under `exported` (exportedDeclaration). */
function importedDeclaration<T extends TS.EnumDeclaration | TS.TypeAliasDeclaration>(modules: { path: string; source: ModuleSource }, specifier: string, exported: string, is: (node: TS.Node) => node is T): T | undefined {
  const module = modules.source.resolve(modules.path, specifier);
  return module && exportedDeclaration(module, exported, modules.source, is);
}

/**
 * The type an untyped parameter of a function expression takes from where it is written: the
 * function type alias that the variable holding it, or the function returning it, declares
 * (`const h: Handler = (req, ctx) => ...`, `(): Handler => (req, ctx) => ...`), of the file or
 * of a module of the run it imports it from.
 */
function contextualParameterType(param: TS.ParameterDeclaration, modules?: { path: string; source: ModuleSource }): TS.TypeNode | undefined {
  const fn = param.parent;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  const at = outermost(fn);
  const holder = at.parent;
  let declared: TS.TypeNode | undefined;
  if (ts.isVariableDeclaration(holder) && holder.initializer === at) declared = holder.type;
  else if (ts.isReturnStatement(holder)) declared = enclosingFunction(holder)?.type;
  else if (ts.isArrowFunction(holder) && holder.body === at) declared = holder.type;
  if (!declared || !ts.isTypeReferenceNode(declared) || !ts.isIdentifier(declared.typeName)) return undefined;
  // Declared in the file, or exported by a module of the run it imports it from (review 70: metamcp's types module).
  const imported = importOf(declared.typeName);
  const name = declared.typeName.text;
  const alias = imported
    ? modules && importedDeclaration(modules, imported.module, imported.exported, ts.isTypeAliasDeclaration)
    : declared.getSourceFile().statements.find((st): st is TS.TypeAliasDeclaration => ts.isTypeAliasDeclaration(st) && st.name.text === name);
  const signature = alias && ts.isFunctionTypeNode(alias.type) ? alias.type : undefined;
  return signature?.parameters[fn.parameters.indexOf(param)]?.type;
}

/**
 * A type reference to a type the application declares: an interface of this file, or a type
 * imported from one of its own modules by a relative path (not named ...Extra): not the SDK's
 * request context, whatever the parameter is called. (A tool handler's own context parameter is
 * judged before this, as the handler's.) A local type alias may stand for the SDK's type.
 */
export function appInterface(type: TS.TypeNode): boolean {
  if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return false;
  const name = type.typeName.text;
  const imported = importOf(type.typeName);
  if (imported) return /^\.{1,2}\//.test(imported.module) && !/Extra/.test(imported.exported);
  return type.getSourceFile().statements.some((s) => ts.isInterfaceDeclaration(s) && s.name.text === name && !s.heritageClauses);
}

/**
 * Whether an entry read from a collection (`transports[sid]`, `transports.get(sid)`) serves a
 * request: its `handleRequest` is called, directly or through the variable it is read into (`const
 * transport = sid ? transports[sid] : undefined`, then `transport.handleRequest(req, res)`).
 */
function servesRequests(access: TS.Node): boolean {
  const read = ts.isCallExpression(access) && calleeName(access) === 'get' ? access : ts.isElementAccessExpression(access) && !isAssignmentTarget(access) ? access : undefined;
  if (!read) return false;
  // Through a non-null or a cast, a branch of a conditional, a fallback (`transports[sid] ?? null`).
  let value: TS.Node = outermost(read);
  while (value.parent && ((ts.isConditionalExpression(value.parent) && value.parent.condition !== value) || isFallback(value.parent))) value = outermost(value.parent);
  const calls = (e: TS.Node) => ts.isPropertyAccessExpression(e.parent) && e.parent.expression === e && e.parent.name.text === 'handleRequest' && ts.isCallExpression(e.parent.parent);
  if (calls(value)) return true;
  const decl = value.parent;
  if (!ts.isVariableDeclaration(decl) || decl.initializer !== value || !ts.isIdentifier(decl.name)) return false;
  return referencesTo(enclosingFunction(decl) ?? decl.getSourceFile(), decl as TS.VariableDeclaration & { name: TS.Identifier }).some((n) => calls(outermost(n)));
}
