/**
 * v2-handler (target 2026-07-28): moves HTTP serving onto `createMcpHandler(factory)` from
 * `@modelcontextprotocol/server`, the only v2 entry point that speaks 2026-07-28, while serving
 * 2025 clients statelessly during the transition (its default `legacy: 'stateless'`).
 *
 * Three stages, each on the previous one's text:
 *   1. the official v1→v2 codemod (imports, symbols, registerTool, extra→ctx), as a library;
 *   2. stateless-transport: session maps, initialize gates and session routes go, one transport
 *      and one server per request remain;
 *   3. that per-request transport becomes a module-level handler:
 *        const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer()));   // express, node:http, fastify
 *        const mcpHandler = createMcpHandler(() => buildServer());                 // hono / web-standard
 *      with the Host/Origin guards of the adapter on its path when the server binds to loopback
 *      (a change to review: they refuse a proxied public Host), marked instead where the package
 *      configures a reverse proxy (a Caddyfile, nginx's proxy_pass, Traefik, HAProxy).
 * package.json is updated by the runner from what the migrated files import.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from '../src/analysis/typescript.js';
import { createsNodeServer, passesOn } from '../src/analysis/routes.js';
import { relayedByHand } from '../src/rules/protocol-pin.js';
import { calledThrough, calleeReceiver, constantString, isFallback, literalMember, calleeName, someNode, codeSnippet, enclosingClass, enclosingFunction, findAncestor, heritageNames, isAssignment, isFunctionLike, isLogCall, isNullish, isPropertyName, isUndefinedValue, joinNames, namesAny, propertyNameText, resolveInitializer, referencesTo, requiredModule, factoryProduct, resolveFunction, resolveIdentifier, returnedExpressions, unwrap, walk } from '../src/analysis/ast.js';
import { SessionFacts } from '../src/analysis/session.js';
import { findMarkers, insertMarkers } from '../src/fix/markers.js';
import { applyEdits, indentAt, indentUnit, insideTemplate, LineMap, lineInRewrite, lineOf, lineStart, reindent, removeStatement, removeStatements, startWithLeadingComments, templateSpans } from './lib/edits.js';
import { declaredNames, ensureNamedImport, freeName, importBinding, removeUnusedBindings, SDK_HANDLER_ALIASES } from './lib/imports.js';
import { rewriteRequires } from './lib/require-map.js';
import { blockedMove, denoSdkImport, denoSdkRefusal, migrateSurface, UPGRADE_GUIDE } from './lib/official.js';
import { statelessTransport } from './stateless-transport.js';
import { parseFile } from '../src/analysis/parse.js';
import { legacyTest } from '../src/analysis/eras.js';
import { statementHead, statementOf, topLevelStatement } from './lib/syntax.js';
import type { Change, CodeCodemod, CodemodContext, CodemodOutcome, Marker, ReverseProxyConfig, TextEdit } from './types.js';
import { afterHandshakeMessage, codeSpan, forTarget, SPEC_TRANSPORT } from './lib/messages.js';
import { cachedServerSource, handshakeSetupSource, SERVER_CLASS } from '../src/rules/shared-server.js';
import { isSdkStreamableHttpTransport, ONE_TRANSPORT_AT_A_TIME, servedByServeStdio } from '../src/analysis/transports.js';
import { allRoutes, bodyParsedOnlyFor, type Route } from './lib/http.js';
import { servedStdio } from './lib/stdio.js';

/** The transport options that check requests' Host and Origin headers (DNS-rebinding protection). */
const GUARD_OPTIONS = new Set(['enableDnsRebindingProtection', 'allowedHosts', 'allowedOrigins']);

const HANDLER = 'mcpHandler';
const SPEC_STDIO = 'https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/stdio';
const STDIO_MESSAGE =
  "StdioServerTransport speaks 2025 only, also on the v2 packages: serve stdio with serveStdio(() => buildServer()) of the @modelcontextprotocol/server/stdio module (the factory runs per connection, and once more for a server/discover probe: keep process-wide set-up, a port it listens on or a process it starts, out of it)";

/** A statement directly in `block` that contains `node`. */
function statementIn(block: TS.Block, node: TS.Node): TS.Statement | undefined {
  return block.statements.find((s) => node.pos >= s.pos && node.end <= s.end);
}

/** A marker at a line of the file as it was when the marker was planned (see lineInRewrite). */
interface Anchored {
  sourceFile: TS.SourceFile;
  line: number;
  message: string;
  link: string;
}

function anchor(sf: TS.SourceFile, pos: number, message: string, link = SPEC_TRANSPORT): Anchored {
  return { sourceFile: sf, line: lineOf(sf, pos), message, link };
}

function resolveAnchors(final: string, anchors: Anchored[]): Marker[] {
  return anchors.map((a) => ({ line: lineInRewrite(a.sourceFile, a.line, final), message: a.message, link: a.link }));
}

interface Plan {
  edits: TextEdit[];
  changes: Change[];
  markers: Anchored[];
  style: 'node' | 'web' | undefined;
  declarations: Map<TS.Statement, string>;
  /** CodemodContext.cachedServers: getters elsewhere in the run that hand out one kept server. */
  cachedServers?: ReadonlySet<string>;
  /** CodemodContext.handshakeSetups. */
  handshakeSetups?: ReadonlyMap<string, string>;
  /** CodemodContext.wrapperClasses. */
  wrapperClasses?: ReadonlySet<string>;
  /** Names the dropped transport options used (an event store's class): their imports go when nothing else uses them. */
  dropped?: Set<string>;
  /** Changes to review are made (not under --safe-only): the eventStore drop is one. */
  allowsReview?: boolean;
  /**
   * The names the rewrite calls createMcpHandler and toNodeHandler by (aliased where the file has
   * a function of that name: importBinding), and the names it declares no handler under.
   */
  names: HandlerNames;
}

interface HandlerNames {
  create: { spec: string; local: string };
  node: { spec: string; local: string };
  declared: ReadonlySet<string>;
}

/**
 * The server factory expression: `buildServer()` in `await buildServer().connect(t)`, `const s =
 * getServer()` or `const { server } = createServer()` anywhere in the request handler. A server
 * declared outside the handler (module level) is shared by every request.
 */
function serverFactory(
  connect: TS.CallExpression,
  block: TS.Block,
  fn: TS.FunctionLikeDeclaration,
): { factory?: string; from?: TS.Node; serverVar?: string; serverDecl?: TS.Statement; shared?: boolean; declaredBy?: TS.Statement; usedOutside?: TS.Statement; branches?: number } {
  const receiver = unwrap((unwrap(connect.expression) as TS.PropertyAccessExpression).expression);
  if (ts.isCallExpression(receiver) || ts.isNewExpression(receiver)) return { factory: receiver.getText(), from: receiver };
  if (!ts.isIdentifier(receiver)) return {};
  const decl = resolveIdentifier(receiver);
  const insideHandler = !!decl && decl.pos >= fn.pos && decl.end <= fn.end;
  if (!decl || !insideHandler) return { shared: true };
  const statementOfDecl = (node: TS.Node): TS.VariableStatement | undefined => {
    let current: TS.Node | undefined = node;
    while (current && !ts.isVariableStatement(current)) current = current.parent;
    return current as TS.VariableStatement | undefined;
  };
  const inBlock = block.statements.find((s) => decl.pos >= s.pos && decl.end <= s.end);
  if (ts.isVariableDeclaration(decl) && decl.initializer) {
    const init = unwrap(decl.initializer);
    if (ts.isCallExpression(init) || ts.isNewExpression(init) || ts.isAwaitExpression(init)) {
      return { factory: decl.initializer.getText(), from: decl.initializer, serverVar: receiver.text, serverDecl: inBlock ?? statementOfDecl(decl) };
    }
  }
  // const { server, cleanup } = createServer();
  if (ts.isBindingElement(decl) && ts.isObjectBindingPattern(decl.parent) && ts.isVariableDeclaration(decl.parent.parent) && decl.parent.parent.initializer) {
    const key = decl.propertyName ? decl.propertyName.getText() : decl.name.getText();
    const source = decl.parent.parent.initializer.getText().replace(/^await\s+/, '');
    const awaited = ts.isAwaitExpression(unwrap(decl.parent.parent.initializer));
    return { factory: awaited ? `(await ${source}).${key}` : `${source}.${key}`, from: decl.parent.parent.initializer, serverVar: receiver.text };
  }
  // `let server = null;` in the handler (for cleanup in catch/finally), then `server = new McpServer(...)`
  // in the request: built per request like a const, by that one assignment.
  const assigned = ts.isVariableDeclaration(decl) && (!decl.initializer || isNullish(decl.initializer)) ? builtByAssignment(decl, fn, connect) : undefined;
  if (assigned) {
    const { assignment: built, references } = assigned;
    const declaredBy = statementOfDecl(decl);
    // Used outside the block served (a `finally` closing it): a leftover the caller names; else the `let` goes with the rest.
    const outside = references.find((use) => use.pos < block.pos || use.end > block.end);
    const usedOutside = outside && findAncestor(outside, (n): n is TS.Statement => ts.isStatement(n) && !ts.isBlock(n));
    return { factory: built.right.getText(), from: built.right, serverVar: receiver.text, serverDecl: block.statements.find((s) => built.pos >= s.pos && built.end <= s.end), declaredBy: declaredBy && declaredBy.declarationList.declarations.length === 1 && declaredBy.parent !== block ? declaredBy : undefined, usedOutside };
  }
  // `let server = null;` then built in branches that look at the request (`server = buildServer()`
  // or `server = new McpServer(...)`): per request all the same, but by more than one expression.
  const built = ts.isVariableDeclaration(decl) && (!decl.initializer || isNullish(decl.initializer)) ? assignmentsOf(decl, fn).assignments : [];
  if (built.length > 1 && built.every((b) => b.end < connect.pos && builds(b))) return { branches: built.length };
  return { shared: true };
}

/**
 * The one assignment of a handler's local (`server = new McpServer(...)`, a call, awaited or not)
 * before `connect`, in the handler's own code, with every reference to the local.
 */
function builtByAssignment(decl: TS.VariableDeclaration, fn: TS.FunctionLikeDeclaration, connect: TS.Node): { assignment: TS.BinaryExpression; references: TS.Identifier[] } | undefined {
  const { assignments, references } = assignmentsOf(decl, fn);
  const [only] = assignments;
  if (assignments.length !== 1 || only.operatorToken.kind !== ts.SyntaxKind.EqualsToken || only.end > connect.pos || enclosingFunction(only) !== fn) return undefined;
  return builds(only) ? { assignment: only, references } : undefined;
}

/** The assignments of a handler's local (`server = ...`), with every reference to it. */
function assignmentsOf(decl: TS.VariableDeclaration, fn: TS.FunctionLikeDeclaration): { assignments: TS.BinaryExpression[]; references: TS.Identifier[] } {
  if (!ts.isIdentifier(decl.name)) return { assignments: [], references: [] };
  const references = referencesTo(fn, decl as TS.VariableDeclaration & { name: TS.Identifier });
  const assignments = references.flatMap((use) => (isAssignment(use.parent) && use.parent.left === use ? [use.parent] : []));
  return { assignments, references };
}

/** Whether an assignment builds what it assigns: a call or a construction, awaited or not. */
function builds(assignment: TS.BinaryExpression): boolean {
  const right = unwrap(assignment.right);
  return ts.isCallExpression(right) || ts.isNewExpression(right) || ts.isAwaitExpression(right);
}

/**
 * The class a factory expression constructs (`new X(...)`, awaited or not) when it is not the
 * SDK's McpServer or Server, nor a class of this file built on them: the application's wrapper.
 */
function wrapperClass(factory: TS.Node, elsewhere: ReadonlySet<string> | undefined): string | undefined {
  let node = unwrap(factory);
  if (ts.isAwaitExpression(node)) node = unwrap(node.expression);
  if (!ts.isNewExpression(node) || !ts.isIdentifier(node.expression)) return undefined;
  const name = node.expression.text;
  if (SERVER_CLASS.test(name)) return undefined;
  const decl = resolveIdentifier(node.expression);
  // A class of this file: what it extends says. One from elsewhere: a wrapper the run saw (its own
  // connect(), no SDK server class extended); a subclass of McpServer imported from a package is one.
  if (decl && (ts.isClassDeclaration(decl) || ts.isClassExpression(decl))) return heritageNames(decl).some((h) => SERVER_CLASS.test(h)) ? undefined : name;
  return elsewhere?.has(name) ? name : undefined;
}

/** The first name `node` uses that is declared inside a function (a parameter or a local), if any. */
function closureLocals(nodes: readonly TS.Node[], route: TS.Node): { perRequest: string[]; around: string[]; envOnly: string[]; usesThis: boolean } {
  const perRequest = new Set<string>();
  const around = new Set<string>();
  /** Per-request names the moved code reads only as `c.env...` (Hono's context on a Worker: its bindings). */
  const envUses = new Map<string, boolean>();
  // What the moved code declares itself (the server's own const, a tool callback's parameters) moves with it.
  const within = (decl: TS.Node): boolean => nodes.some((node) => decl.pos >= node.pos && decl.end <= node.end);
  let usesThis = false;
  for (const node of nodes) {
    walk(node, (n) => {
      // `this.attach(server)` in a class's route: the object the route runs on, which module level has not.
      if (n.kind === ts.SyntaxKind.ThisKeyword && !within(thisBinder(n))) usesThis = true;
      if (!ts.isIdentifier(n) || isPropertyName(n)) return undefined;
      const decl = resolveIdentifier(n);
      // Declared in the route handler itself: a value of each request (a token from its header).
      if (decl && !ts.isImportSpecifier(decl) && !ts.isImportClause(decl) && !ts.isNamespaceImport(decl) && enclosingFunction(decl) && !within(decl)) {
        const each = decl.pos >= route.pos && decl.end <= route.end;
        (each ? perRequest : around).add(n.text);
        if (each) envUses.set(n.text, (envUses.get(n.text) ?? true) && ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n && n.parent.name.text === 'env');
      }
      return undefined;
    });
  }
  return { perRequest: [...perRequest], around: [...around], envOnly: [...envUses].filter(([, only]) => only).map(([name]) => name), usesThis };
}

/** What gives `this` its value where `node` is: the nearest function or class around it that is not an arrow function. */
function thisBinder(node: TS.Node): TS.Node {
  let n = node.parent;
  while (n && !ts.isSourceFile(n) && !((isFunctionLike(n) && !ts.isArrowFunction(n)) || ts.isClassLike(n))) n = n.parent;
  return n;
}

/**
 * The statements that set up a server the route builds inline (`const server = new McpServer(...)`,
 * then `server.registerTool(...)` or `registerTools(server)`): calls in the route's block between
 * the server and its connect that do not touch the transport. They go into createMcpHandler's
 * factory with the server; anything else using the server leaves it to a person (undefined).
 */
function setupCalls(uses: readonly TS.Statement[], serverDecl: TS.Statement | undefined, transports: ReadonlySet<string>, block: TS.Block, connect: TS.Node): { setup: TS.Statement[] } | { blocker: TS.Statement } | undefined {
  if (!serverDecl || !ts.isVariableStatement(serverDecl) || serverDecl.parent !== block || serverDecl.declarationList.declarations.length !== 1) return undefined;
  const declAt = block.statements.indexOf(serverDecl);
  const connectAt = block.statements.indexOf(statementIn(block, connect)!);
  /** A call, or an `if` (a registration behind a flag) whose branches hold only calls. */
  const setupStatement = (s: TS.Statement): boolean => {
    if (ts.isBlock(s)) return s.statements.every(setupStatement);
    if (ts.isIfStatement(s)) return setupStatement(s.thenStatement) && (!s.elseStatement || setupStatement(s.elseStatement));
    if (!ts.isExpressionStatement(s)) return false;
    let call = unwrap(s.expression);
    if (ts.isAwaitExpression(call)) call = unwrap(call.expression);
    return ts.isCallExpression(call);
  };
  for (const s of uses) {
    const at = block.statements.indexOf(s);
    if (at <= declAt || at >= connectAt || !setupStatement(s) || [...transports].some((t) => new RegExp(`\\b${t}\\b`).test(s.getText()))) return { blocker: s };
  }
  return { setup: [...uses] };
}

/**
 * createMcpHandler's factory for a server built inline and set up by `setup`: the statements,
 * re-indented one level in from the module-level declaration, then the server returned. Async
 * when the route awaited any of it.
 */
function setupFactory(serverDecl: TS.Statement, setup: readonly TS.Statement[], serverVar: string, fn: TS.Node, top: TS.Statement, sf: TS.SourceFile): string {
  const from = indentAt(sf.text, serverDecl.getStart(sf));
  const outer = indentAt(sf.text, top.getStart(sf));
  const inner = outer + indentUnit(sf.text);
  const statements = [serverDecl, ...setup];
  let awaits = false;
  for (const s of statements) walk(s, (n) => { if (ts.isAwaitExpression(n) && enclosingFunction(n) === fn) awaits = true; return awaits ? false : undefined; });
  // With a comment after it on its last line (removeStatement takes that line away with it).
  const end = (s: TS.Statement) => s.getEnd() + (/^[ \t]*\/\/[^\n]*/.exec(sf.text.slice(s.getEnd()))?.[0].length ?? 0);
  const body = statements.map((s) => reindent(from + sf.text.slice(startWithLeadingComments(s, sf), end(s)), from, inner));
  return `${awaits ? 'async ' : ''}() => {\n${body.join('\n')}\n${inner}return ${serverVar};\n${outer}}`;
}

/**
 * The names a Worker's bindings go by in a `fetch(request, env, ctx)` method or property (the
 * module worker's entry): `env`, or what is destructured from it (`{ API_KEY, REGION }: Env`).
 */
function workerBindings(fn: TS.FunctionLikeDeclaration): string[] {
  const holder = ts.isMethodDeclaration(fn) ? fn : fn.parent && ts.isPropertyAssignment(fn.parent) ? fn.parent : undefined;
  const second = fn.parameters[1];
  if (!holder || propertyNameText(holder.name) !== 'fetch' || !second) return [];
  if (ts.isIdentifier(second.name)) return [second.name.text];
  return ts.isObjectBindingPattern(second.name) ? second.name.elements.flatMap((e) => (ts.isIdentifier(e.name) ? [e.name.text] : [])) : [];
}


/**
 * The function that receives the request `transport.handleRequest(req, ...)` serves: its locals are
 * values of each request, also where the transport is served in a callback inside it
 * (Figma-Context-MCP: `auth` from the request's headers, the server built in
 * `telemetry.withRequestSecrets(..., async () => ...)`).
 */
function requestScope(handleCall: TS.CallExpression): TS.Node | undefined {
  const request = handleCall.arguments[0] && unwrap(handleCall.arguments[0]);
  const decl = request && ts.isIdentifier(request) ? resolveIdentifier(request) : undefined;
  return decl && ts.isParameter(decl) ? decl.parent : undefined;
}

/** Rewrites one per-request transport (inside `fn`) to a call of the module-level handler. */
function planHandler(transportNew: TS.NewExpression, sf: TS.SourceFile, plan: Plan, handlerNames: Map<string, string>): void {
  const fn = enclosingFunction(transportNew);
  if (!fn?.body || !ts.isBlock(fn.body)) return;
  // The per-request pattern may sit in a try block: find the innermost block holding the transport.
  let block: TS.Block | undefined;
  for (let current: TS.Node | undefined = transportNew.parent; current && current !== fn; current = current.parent) {
    if (ts.isBlock(current)) {
      block = current;
      break;
    }
  }
  if (!block) return;
  const transportStatement = statementIn(block, transportNew)!;
  const decl = transportNew.parent;
  const transportName = ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) ? decl.name.text : ts.isBinaryExpression(decl) ? decl.left.getText() : undefined;
  if (!transportName) return;
  const aliases = new Set([transportName]);
  const remove = new Set<TS.Statement>([transportStatement]);
  let connect: TS.CallExpression | undefined;
  let handle: { statement: TS.Statement; call: TS.CallExpression } | undefined;
  for (const s of block.statements) {
    if (s === transportStatement) continue;
    // `transport = created` and `let transport;` declarations of aliases.
    if (ts.isExpressionStatement(s) && ts.isBinaryExpression(unwrap(s.expression))) {
      const e = unwrap(s.expression) as TS.BinaryExpression;
      if (e.operatorToken.kind === ts.SyntaxKind.EqualsToken && aliases.has(e.right.getText())) {
        aliases.add(e.left.getText());
        remove.add(s);
        continue;
      }
    }
    // `const transport = created;` (how stateless-transport declares the name a dispatch assigned).
    const alias = ts.isVariableStatement(s) && s.declarationList.declarations.length === 1 ? s.declarationList.declarations[0] : undefined;
    if (alias && ts.isIdentifier(alias.name) && alias.initializer && aliases.has(unwrap(alias.initializer).getText())) {
      aliases.add(alias.name.text);
      remove.add(s);
      continue;
    }
    walk(s, (n) => {
      if (ts.isCallExpression(n) && calleeName(n) === 'connect' && n.arguments.length === 1 && aliases.has(unwrap(n.arguments[0]).getText())) connect = n;
      if (ts.isCallExpression(n) && calleeName(n) === 'handleRequest' && ts.isPropertyAccessExpression(unwrap(n.expression)) && aliases.has(unwrap((unwrap(n.expression) as TS.PropertyAccessExpression).expression).getText())) {
        handle = { statement: s, call: n };
      }
    });
    if (connect && statementIn(block, connect) === s) {
      // The connect's own statement; the whole statement holding it (a try block) only when the
      // serving is not in it too (trial 40C: `try { connect; handleRequest }` went whole, and the
      // edit of the handleRequest inside it overlapped).
      const own = statementOf(connect);
      const sole = !!own && ts.isExpressionStatement(own) && calledThrough(own.expression) === connect;
      if (handle?.statement !== s) remove.add(s);
      else if (own && sole && own !== s) remove.add(own);
    }
  }
  // `let transport;` / `let transport: T | undefined;` declared for an alias.
  for (const s of block.statements) {
    if (ts.isVariableStatement(s) && s.declarationList.declarations.length === 1) {
      const d = s.declarationList.declarations[0];
      if (ts.isIdentifier(d.name) && aliases.has(d.name.text) && d.name.text !== transportName && !d.initializer) remove.add(s);
    }
  }
  if (!connect || !handle) {
    // Connected or served in a shape this does not follow (`s = { server, transport }`, then
    // `s.transport.handleRequest(...)`): the transport stays, and it speaks 2025 only. Said in the file,
    // above the transport, where protocol-pin reports it (trial 23A).
    const missing = !connect ? `connected (no \`connect(${transportName})\` in this block)` : `served (no \`${transportName}.handleRequest(...)\` in this block)`;
    plan.markers.push(anchor(sf, transportStatement.getStart(sf), `${calleeName(transportNew)} speaks 2025 only, also on the v2 packages, and v2-handler could not follow how this route's transport is ${missing}: serve the route with createMcpHandler(() => buildServer()) by hand (toNodeHandler on Node), or 2026-07-28 clients are refused`));
    return;
  }
  // Built and connected once in a set-up function, and served from a route callback inside it
  // (atlassian-jira's `app.all('/mcp', (req, res) => transport.handleRequest(...))`): one transport
  // for every request, not a per-request one; shared-server's finding says so.
  // (Not a callback the route wraps the serving in, `als.run(ctx, async () => transport.handleRequest(...))`: marked below.)
  // Told apart by whose request it serves: a request handler's own parameters (a route's, an
  // http.createServer callback's), or the outer function's request, served inside its callback.
  const servedIn = enclosingFunction(handle.call);
  const connectedIn = enclosingFunction(connect);
  const nestedServe = servedIn !== fn;
  const nestedConnect = connectedIn !== fn;
  const ownRequest = !!servedIn && nestedServe && handle.call.arguments.slice(0, 1).some((a) => {
    const decl = ts.isIdentifier(unwrap(a)) ? resolveIdentifier(unwrap(a) as TS.Identifier) : undefined;
    return !!decl && ts.isParameter(decl) && decl.parent === servedIn;
  });
  if (!nestedConnect && ownRequest) return;
  // Served inside a callback (`requestContext.run(ctx, async () => { ... })`): the handler call must
  // stay inside it, or what the callback sets up for the tools (an async context) is lost.
  if (nestedConnect || nestedServe) {
    // Named by the statement of the route that hands the callback on (`await requestContext.run(...)`).
    const what = nestedConnect && nestedServe ? 'connected and served' : nestedConnect ? 'connected' : 'served';
    const callback = (nestedServe ? servedIn : connectedIn)!;
    plan.markers.push(anchor(sf, transportStatement.getStart(sf), `this transport is ${what} inside a callback (${codeSpan(statementHead(callback))}), which createMcpHandler's rewrite would drop: call the createMcpHandler handler inside that callback by hand`));
    return;
  }
  const server = serverFactory(connect, block, fn);
  const cachedBy = server.from ? cachedServerSource(server.from, plan.cachedServers) : undefined;
  if (cachedBy) {
    plan.markers.push(anchor(sf, connect.getStart(sf), `createMcpHandler needs a factory that returns a new server per request, and ${cachedBy}() hands out one server it keeps (it builds it on the first call only): make ${cachedBy}() build a new server on every call, then run fix again`));
    return;
  }
  const handshakeSetup = handshakeSetupSource(server.from, fn, plan.handshakeSetups);
  if (handshakeSetup) {
    plan.markers.push(anchor(sf, connect.getStart(sf), afterHandshakeMessage(handshakeSetup)));
    return;
  }
  if (server.branches) {
    plan.markers.push(anchor(sf, connect.getStart(sf), `this route builds its server per request, in ${server.branches} ways chosen by the request; createMcpHandler takes one factory for every request: make one function that builds the right server, pass it to createMcpHandler, then run fix again`));
    return;
  }
  if (server.shared || !server.factory) {
    const meanwhile = server.shared ? `; until then ${ONE_TRANSPORT_AT_A_TIME}` : '';
    plan.markers.push(anchor(sf, connect.getStart(sf), `createMcpHandler needs a factory that returns a new server per request: move this shared server's setup into a function and pass it to createMcpHandler${meanwhile}`));
    return;
  }
  // createMcpHandler's factory must return the SDK's McpServer or Server: an application class that
  // wraps one (its own connect() forwarding to the server inside, often after set-up) does not.
  const wrapper = server.from && wrapperClass(server.from, plan.wrapperClasses);
  if (wrapper) {
    plan.markers.push(anchor(sf, connect.getStart(sf), `createMcpHandler needs a factory that returns the SDK's McpServer or Server, and ${wrapper} is a class of this application that connects a server it holds rather than being one: pass a factory that returns that server (after whatever set-up its connect() does), then run fix again`));
    return;
  }
  // `res.on('close', () => { transport.close(); server.close(); })`, or 'finish', or the server
  // alone (trial 40C, the SDK's stateless example): createMcpHandler closes both itself. Also in
  // the blocks around a try block that holds the transport.
  const closed = new Set([...aliases, ...(server.serverVar ? [server.serverVar] : [])]);
  // (One that also logs keeps its log lines, its closes go: trial 48C, `console.log('Request closed')`.)
  const trimmed = new Set<TS.Statement>();
  for (let at: TS.Node | undefined = block; at && at !== fn.parent; at = at.parent) {
    if (!ts.isBlock(at)) continue;
    for (const s of at.statements) {
      const goes = responseCloses(s, closed);
      if (goes && 'whole' in goes) remove.add(s);
      else if (goes) {
        trimmed.add(s);
        for (const c of goes.closes) remove.add(c);
      }
    }
  }
  // A finally block around the served call that closes what the request built (`finally { await
  // server.close(); }`, trial 41C's Fastify route): those closes go too, and the finally with them
  // where nothing else is left in it (the try too, where it has no catch).
  const finallies: TS.TryStatement[] = [];
  const tries: TS.TryStatement[] = [];
  for (let at: TS.Node = handle.call.parent; at !== fn; at = at.parent) {
    if (!ts.isTryStatement(at) || handle.call.pos < at.tryBlock.pos || handle.call.end > at.tryBlock.end) continue;
    tries.push(at);
    const closing = at.finallyBlock?.statements.filter((s) => ts.isExpressionStatement(s) && closesOne(s.expression, closed)) ?? [];
    if (closing.length === 0) continue;
    if (closing.length === at.finallyBlock!.statements.length) finallies.push(at);
    else for (const s of closing) remove.add(s);
  }
  // The handler is declared at module level: a factory that uses the request's or an enclosing
  // function's locals (a per-request token, a spec path read at startup) cannot move there.
  if (server.serverDecl) remove.add(server.serverDecl);
  // `let server = null` before the block that builds it: goes with it.
  if (server.declaredBy) remove.add(server.declaredBy);
  // `transport.onerror = (error) => console.error(error)` (the SDK's stateless example): the
  // handler's onerror option, where the callback can stand at module level (trial 51C).
  const onerror = transportOnerror(block, aliases, requestScope(handle.call) ?? fn);
  if (onerror?.callback) remove.add(onerror.statement);
  // Anything else still using the transport or server: the set-up of a server built inline goes
  // into the factory; another shape is one we do not understand.
  const names = [...aliases, ...(server.serverVar ? [server.serverVar] : [])];
  // By identifier (a log line's "server error" is no use); an alias that is an access (`this.transport`) by its text.
  const plain = names.filter((n) => !n.includes('.'));
  const dotted = names.filter((n) => n.includes('.'));
  const mentions = (s: TS.Statement) => namesAny(s, plain) || dotted.some((n) => s.getText().includes(n));
  const uses = block.statements.filter((s) => !remove.has(s) && !trimmed.has(s) && s !== handle!.statement && mentions(s));
  // In the blocks around a try block that holds the transport: what still uses the server there
  // once its declaration goes (`res.on('close', () => { server.close(); active--; })`) is left to a person.
  for (let at: TS.Node = block.parent; at !== fn.parent; at = at.parent) {
    if (ts.isBlock(at)) uses.push(...at.statements.filter((s) => !remove.has(s) && !trimmed.has(s) && s !== server.serverDecl && !(block.pos >= s.pos && block.end <= s.end) && mentions(s)));
  }
  // And in the catch and finally blocks of those try statements.
  for (const t of tries) {
    for (const b of [t.catchClause?.block, finallies.includes(t) ? undefined : t.finallyBlock]) if (b) uses.push(...b.statements.filter((s) => !remove.has(s) && mentions(s)));
  }
  const found = uses.length > 0 && !server.usedOutside && server.serverVar ? setupCalls(uses, server.serverDecl, aliases, block, connect) : undefined;
  const setup = found && 'setup' in found ? found.setup : undefined;
  // The statement that keeps the set-up from moving comes first in the marker (not a call that would move).
  const leftovers = setup ? [] : found && 'blocker' in found ? [found.blocker, ...uses.filter((u) => u !== found.blocker)] : uses;
  // (Not a close in a finally block that goes: `let server` before a try, closed in its finally.)
  if (server.usedOutside && !finallies.some((t) => t.finallyBlock!.statements.includes(server.usedOutside as TS.Statement))) leftovers.push(server.usedOutside);
  const moved = setup ? [server.serverDecl!, ...setup] : server.from ? [server.from] : [];
  const locals = closureLocals(moved, requestScope(handle.call) ?? fn);
  if (locals.usesThis) {
    const owner = enclosingClass(connect)?.name?.text;
    // Above the transport the handler would replace, which protocol-pin reports there (so the summary counts it marked).
    plan.markers.push(anchor(sf, transportStatement.getStart(sf), `this server's set-up uses \`this\`${owner ? ` (the ${owner} object)` : ''}, so the handler could not be written at module level: create it once where \`this\` is in reach (a field or the constructor: \`this.mcpHandler = createMcpHandler(() => { ... })\`), and serve the route with it`));
    return;
  }
  if (locals.perRequest.length > 0 || locals.around.length > 0) {
    const { perRequest, around } = locals;
    const each = joinNames(perRequest);
    const outer = joinNames(around);
    // A Worker's bindings (`fetch(request, env)`): the same for every request an isolate serves,
    // but in reach only inside fetch (trial 20B).
    // (Or Hono's context on a Worker, read only as `c.env`.)
    const bindings = workerBindings(fn);
    const onlyBindings = perRequest.length > 0 && around.length === 0 && perRequest.every((n) => bindings.includes(n) || locals.envOnly.includes(n));
    const bindingsText = joinNames(perRequest.map((n) => (bindings.includes(n) ? n : `${n}.env`)));
    const message =
      onlyBindings
        ? `this server is built from ${bindingsText}, the Worker's bindings, which only ${bindings.length > 0 ? 'fetch()' : 'the route'} is handed (the same for every request of an isolate), so the handler could not be written at module level: create it on the first request and keep it (a module-level \`let handler\`, then \`handler ??= createMcpHandler(${server.factory && !setup ? `() => ${server.factory.replace(/^await\s+/, '')}` : 'buildServer'})\` and \`return handler.fetch(${bindings.length > 0 ? 'request' : `${perRequest[0]}.req.raw`})\` here, in place of this transport)`
        : around.length === 0
        ? `this server is built from ${each}, ${perRequest.length === 1 ? 'a value' : 'values'} of each request, so the handler could not be written at module level: createMcpHandler's factory is given each request (ctx.requestInfo, ctx.authInfo), so derive ${each} there, createMcpHandler((ctx) => ...) at module level, and serve the route with it`
        : perRequest.length === 0
          ? `this server is built from ${outer}, ${around.length === 1 ? 'a local' : 'locals'} of the code around the route, so the handler could not be written at module level: create it once where ${outer} ${around.length === 1 ? 'is' : 'are'} in scope, outside the route (createMcpHandler(() => ...)), and pass per-request values through the request`
          : `this server is built from ${outer} (of the code around the route) and ${each} (of each request), so the handler could not be written at module level: create it once where ${outer} ${around.length === 1 ? 'is' : 'are'} in scope, outside the route (createMcpHandler((ctx) => ...)), and derive ${each} there from each request (ctx.requestInfo, ctx.authInfo)`;
    // Above the transport the handler would replace, which protocol-pin reports there (so the summary counts it marked).
    plan.markers.push(anchor(sf, transportStatement.getStart(sf), message));
    return;
  }
  if (leftovers.length > 0 && leftovers[0] === onerror?.statement && onerror.locals) {
    plan.markers.push(anchor(sf, transportStatement.getStart(sf), `this per-request transport's onerror callback uses ${onerror.locals}, and createMcpHandler takes one onerror for every request (createMcpHandler(factory, { onerror })): make the callback use none of ${onerror.locals.includes(' and ') ? 'them' : 'it'} (log the request's details where the route has them), then run fix again`));
    return;
  }
  if (leftovers.length > 0) {
    plan.markers.push(anchor(sf, transportStatement.getStart(sf), `this per-request transport (or its server) is also used by ${codeSpan(statementHead(leftovers[0]))}, which createMcpHandler does not cover (it builds, connects and serves them itself): move that by hand`));
    return;
  }
  const options = unwrap(transportNew.arguments?.[0] ?? transportNew);
  const handlerOptions: string[] = [];
  if (ts.isObjectLiteralExpression(options)) {
    const spread = options.properties.find((p) => ts.isSpreadAssignment(p));
    if (spread) {
      plan.markers.push(anchor(sf, transportStatement.getStart(sf), `the transport's options spread ${spread.getText(sf).slice(3)}, which createMcpHandler cannot take over as it is: move these options to the handler or the adapter by hand`));
      return;
    }
    // Host and Origin checks the transport makes (DNS-rebinding protection), which createMcpHandler
    // does not: the route stays as it is, with its lists, until they are moved to the adapter's
    // guards (trial 54C B1: the move deleted them, and a foreign Host got 200 where it got 403).
    // (The lists check nothing unless enableDnsRebindingProtection is on: review 70.)
    const enabled = literalMember(options, 'enableDnsRebindingProtection');
    if (enabled && unwrap(enabled).kind !== ts.SyntaxKind.FalseKeyword) {
      const named = [...GUARD_OPTIONS].filter((name) => literalMember(options, name)).join(', ');
      plan.markers.push(anchor(sf, transportStatement.getStart(sf), `this transport checks the requests' Host and Origin headers (${named}: protection against DNS rebinding), which createMcpHandler does not, so v2-handler left the route as it is: check them before the handler with hostHeaderValidation and originValidation of @modelcontextprotocol/node (they take hostnames without ports), then serve the route with createMcpHandler(() => buildServer()) by hand, or 2026-07-28 clients are refused`));
      return;
    }
    for (const p of options.properties) {
      const key = propertyNameText(p.name as TS.PropertyName);
      if (key === 'sessionIdGenerator') continue;
      if (key === 'enableJsonResponse' && ts.isPropertyAssignment(p) && p.initializer.kind === ts.SyntaxKind.TrueKeyword) {
        handlerOptions.push("responseMode: 'json'");
        // createMcpHandler's fallback for 2025 clients builds its own transport, without the option (trial 59C).
        plan.changes.push({ line: lineOf(sf, p.getStart(sf)), description: "enableJsonResponse: true became createMcpHandler's responseMode: 'json', which shapes 2026-07-28 responses only: 2025 clients now get their answers as SSE (valid for them; check a client of yours that only read JSON). As before, JSON responses drop notifications sent mid-call (progress)", safety: 'review' });
      } else if (key === 'eventStore' && (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && plan.allowsReview) {
        // Resumability of a stream, which 2026-07-28 removed: it goes with the transport, and so
        // does the store class's import once nothing uses it (the SDK's examples' InMemoryEventStore
        // has no v2 home, trial 29B: kept, it left the file on both SDK generations). Only the class
        // made for it: other names the store is built from (a Redis client) stay.
        const value = ts.isPropertyAssignment(p) ? p.initializer : resolveInitializer(p.name) ?? p.name;
        walk(value, (n) => void (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && (plan.dropped ??= new Set()).add(n.expression.text)));
        plan.changes.push({ line: lineOf(sf, p.getStart(sf)), description: `dropped the transport's eventStore (${codeSnippet(value, 40)}): 2026-07-28 removed stream resumability, and createMcpHandler keeps no event store (2025 clients lose resumption)`, safety: 'review' });
      } else plan.markers.push(anchor(sf, transportStatement.getStart(sf), `transport option ${key} has no direct createMcpHandler equivalent; configure it on the handler or the adapter by hand`));
    }
  }
  // createMcpHandler answers a failure itself (a 500) and never throws to the route's catch: the
  // catch's log line moves to its onerror, or the failure would go unlogged.
  // One onerror for both the transport's errors and the failures the route's catch logged: which
  // one a person decides (review 65: the catch's log would never run again).
  const caught = errorLogger(handle.call, fn);
  if (onerror?.callback && caught) {
    plan.markers.push(anchor(sf, transportStatement.getStart(sf), `this route logs the transport's errors (its onerror) and, in its catch, the failures of handleRequest; createMcpHandler takes one onerror for both and never throws to the route: keep one of them (createMcpHandler(factory, { onerror })), drop the other, then run fix again`));
    return;
  }
  const logged = onerror?.callback ?? caught;
  if (logged) handlerOptions.push(`onerror: ${logged}`);
  const web = /WebStandard/.test(calleeName(transportNew) ?? '');
  const style = web ? 'web' : 'node';
  plan.style = plan.style ?? style;
  const top = topLevelStatement(fn);
  const factory = setup
    ? setupFactory(server.serverDecl!, setup, server.serverVar!, fn, top, sf)
    : /\bawait\b/.test(server.factory) ? `async () => ${server.factory.replace(/^await\s+/, '')}` : `() => ${server.factory}`;
  const key = `${style}:${factory}:${handlerOptions.join(',')}`;
  let name = handlerNames.get(key);
  if (!name) {
    const used = new Set(handlerNames.values());
    name = freeName(HANDLER, (candidate) => used.has(candidate) || plan.names.declared.has(candidate));
    handlerNames.set(key, name);
    const created = `${plan.names.create.local}(${factory}${handlerOptions.length ? `, { ${handlerOptions.join(', ')} }` : ''})`;
    plan.declarations.set(top, `${plan.declarations.get(top) ?? ''}const ${name} = ${web ? created : `${plan.names.node.local}(${created})`};\n`);
  }
  plan.edits.push(...removeStatements([...remove, ...(setup ?? [])], sf));
  const preparsed = web ? bodyParsedOnlyFor(handle.call) : undefined;
  const args = handle.call.arguments.slice(0, preparsed ? 1 : undefined).map((a) => a.getText());
  const call = web ? `${name}.fetch(${args.join(', ')})` : `${name}(${args.join(', ')})`;
  plan.edits.push({ start: handle.call.getStart(sf), end: handle.call.getEnd(), text: call });
  if (preparsed) {
    plan.edits.push(removeStatement(preparsed, sf));
    plan.changes.push({ line: lineOf(sf, preparsed.getStart(sf)), description: `removed the body parse ahead of the handler (${codeSnippet(preparsed, 40)}), which only fed the initialize gate: createMcpHandler reads the body itself, and a GET or DELETE has none to parse`, safety: 'safe' });
  }
  for (const t of finallies) plan.edits.push(...(dropFinally(t, sf, plan.edits) ?? t.finallyBlock!.statements.map((s) => removeStatement(s, sf))));
  plan.changes.push({ line: lineOf(sf, transportStatement.getStart(sf)), description: `serves the endpoint with createMcpHandler (2026-07-28, and 2025 clients statelessly)`, safety: 'safe' });
  answerOtherMethods(fn, handle.call, name, web, sf, plan);
}

/**
 * What of a listener on the response's end goes once createMcpHandler closes what the request
 * built itself: the whole statement where it only closes (`res.on('close', () => { transport.close();
 * server.close(); })`, 'finish' too), its closes where it also logs (`console.log('Request
 * closed')`, trial 48C: the log lines stay), each close `x.close()` of one of `closed`, as a
 * statement, awaited, voided or with a `.catch(...)`. Undefined for any other statement (a log
 * line that names what closes is not only a log line).
 */
function responseCloses(s: TS.Statement, closed: ReadonlySet<string>): { whole: true } | { closes: TS.Statement[] } | undefined {
  if (!ts.isExpressionStatement(s)) return undefined;
  const call = unwrap(s.expression);
  if (!ts.isCallExpression(call) || calleeName(call) !== 'on' || call.arguments.length !== 2) return undefined;
  const [event, listener] = call.arguments;
  if (!ts.isStringLiteralLike(event) || !/^(close|finish)$/.test(event.text) || !isFunctionLike(listener) || !listener.body) return undefined;
  const body = listener.body;
  if (!ts.isBlock(body)) return closesOne(body as TS.Expression, closed) ? { whole: true } : undefined;
  const closes = body.statements.filter((st) => ts.isExpressionStatement(st) && closesOne(st.expression, closed));
  if (closes.length === 0) return undefined;
  if (closes.length === body.statements.length) return { whole: true };
  const plain = [...closed].filter((n) => !n.includes('.'));
  const logs = body.statements.filter((st) => ts.isExpressionStatement(st) && ts.isCallExpression(unwrap(st.expression)) && isLogCall(unwrap(st.expression) as TS.CallExpression) && !namesAny(st, plain));
  return closes.length + logs.length === body.statements.length ? { closes } : undefined;
}

/** `x.close()` of one of `closed`: awaited, voided or with a `.catch(...)` too. */
function closesOne(e: TS.Expression, closed: ReadonlySet<string>): boolean {
  const call = calledThrough(e);
  const callee = call && unwrap(call.expression);
  return !!callee && ts.isPropertyAccessExpression(callee) && callee.name.text === 'close' && closed.has(callee.expression.getText());
}

/**
 * The edits that take a try's finally block away once its closes went (`try { ... } finally {
 * await server.close(); }`): with a catch, the finally clause alone; without, the try around its
 * block too, whose lines move back one level (except those other edits of `edits` rewrite).
 * Undefined where the try is not laid out one statement per line (the finally stays, emptied).
 */
function dropFinally(t: TS.TryStatement, sf: TS.SourceFile, edits: readonly TextEdit[]): TextEdit[] | undefined {
  const text = sf.text;
  const fin = t.finallyBlock!;
  if (t.catchClause) return [{ start: t.catchClause.getEnd(), end: fin.getEnd(), text: '' }];
  const start = t.getStart(sf);
  const from = lineStart(text, start);
  const open = t.tryBlock.getStart(sf) + 1;
  const close = t.tryBlock.getEnd() - 1;
  const closeLine = lineStart(text, close);
  const end = fin.getEnd();
  const afterEnd = /^[ \t]*\r?\n/.exec(text.slice(end));
  const first = t.tryBlock.statements[0];
  if (!first || !/^[ \t]*$/.test(text.slice(from, start)) || !/^[ \t]*\r?\n/.test(text.slice(open)) || !/^[ \t]*$/.test(text.slice(closeLine, close)) || !afterEnd) return undefined;
  const outer = text.slice(from, start);
  const inner = text.slice(lineStart(text, first.getStart(sf)), first.getStart(sf));
  if (!inner.startsWith(outer) || inner.length === outer.length) return undefined;
  const unit = inner.length - outer.length;
  const bodyFrom = open + /^[ \t]*\r?\n/.exec(text.slice(open))![0].length;
  const result: TextEdit[] = [
    { start: from, end: bodyFrom, text: '' },
    { start: closeLine, end: end + afterEnd[0].length, text: '' },
  ];
  // Lines that continue a template literal are its text: moved back, the string would change.
  const literals = templateSpans(t.tryBlock);
  for (let line = bodyFrom; line < closeLine; line = text.indexOf('\n', line) + 1) {
    const touched = insideTemplate(line, literals) || edits.some((e) => (e.start < line + unit && e.end > line) || (e.start === e.end && e.start >= line && e.start <= line + unit));
    if (!touched && /^[ \t]+$/.test(text.slice(line, line + unit)) && text.slice(line, line + unit).length === unit) result.push({ start: line, end: line + unit, text: '' });
    if (text.indexOf('\n', line) < 0) break;
  }
  return result;
}

/**
 * A POST-only route (`app.post('/mcp', handler)`, or one a factory's call gives its handler) now
 * served by createMcpHandler: GET and DELETE on its path reach nothing, and the framework answers
 * 404 where the revision asks for 405 (answerRoute).
 */
function answerOtherMethods(fn: TS.FunctionLikeDeclaration, served: TS.CallExpression, handler: string, web: boolean, sf: TS.SourceFile, plan: Plan): void {
  // Where the route hands on its framework's request and response as they are (Express's, Node's
  // own), or the Node ones inside them: Fastify's raw ones after taking the reply over
  // (`reply.hijack()`, trial 55C B1), Koa's `ctx.req` and `ctx.res`, Hono's `c.req.raw` to the
  // web handler (trial 56C B1). Any other framework's objects are left alone.
  const [request, response] = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : undefined));
  const handed = served.arguments.slice(0, 2).map((a) => unwrap(a).getText(sf));
  if (!request) return;
  let route: string;
  // (Not where the file answers other methods in a way the routes here do not list: Hono's
  // `app.on([...], path)`, koa-router's `allowedMethods()`; review 73.)
  if (/\.on\s*\(\s*\[|\.on\s*\(\s*['"](GET|DELETE)['"]|\.allowedMethods\s*\(/.test(sf.text)) return;
  if (web) {
    if (response || handed[0] !== `${request}.req.raw`) return;
    route = `(${request}) => ${handler}.fetch(${request}.req.raw)`;
  } else if (!response) {
    if (handed[0] !== `${request}.req` || handed[1] !== `${request}.res`) return;
    route = `async (${request}) => { await ${handler}(${request}.req, ${request}.res); }`;
  } else if (handed[0] === request && handed[1] === response) route = `(${request}, ${response}) => ${handler}(${request}, ${response})`;
  // (Not where the file may declare routes in Fastify's object form, `app.route({ method, url })`,
  // which the file's routes here do not list: Fastify refuses a route declared twice, review 71.)
  // (Or one that returns the reply, which tells Fastify the handler answered: trial 73C B3.)
  else if (handed[0] === `${request}.raw` && handed[1] === `${response}.raw` && (hijacks(fn, response) || returnsReply(fn, response)) && !/\.route\s*\(\s*\{/.test(sf.text)) route = `async (${request}, ${response}) => { ${response}.hijack(); await ${handler}(${request}.raw, ${response}.raw); }`;
  else return;
  // Every route it serves: its own, or each a factory's call gives it to (`app.post('/a', makeHandler())`).
  const routes = allRoutes(sf);
  const chains = routeChains(sf);
  for (const r of routes.filter((r) => r.handler === fn || factoryProduct(r.handlerArg) === fn)) answerRoute(r, routes, chains, route, sf, plan);
  // Express's route chains (`app.route('/mcp').post(handler)`), which the routes above do not
  // list: trial 67C B1, GET and DELETE on the path answered 404.
  for (const chain of chains.filter((c) => c.links.some((l) => l.method === 'post' && l.handlers.some((h) => handsTo(h, fn))))) answerChain(chain, routes, chains, route, sf, plan);
}

/**
 * An Express route chain, `app.route('/mcp').post(handler).get(...)`: the app or router it is on
 * (as written), its path, its links (each method with its handlers, in order) and its last call.
 */
interface RouteChain {
  app: string;
  path: string;
  links: Array<{ method: string; handlers: readonly TS.Expression[] }>;
  /** The `route(path)` call the links are made on, and the chain's last call. */
  head: TS.CallExpression;
  end: TS.CallExpression;
}

/**
 * Every Express route chain of the file: a `route(path)` call of one literal path (not Hono's
 * `app.route('/api', sub)`, a mount, nor Fastify's `app.route({ method, url })`) with the method
 * calls made on it.
 */
function routeChains(sf: TS.SourceFile): RouteChain[] {
  const chains: RouteChain[] = [];
  walk(sf, (node) => {
    if (!ts.isCallExpression(node) || calleeName(node) !== 'route' || node.arguments.length !== 1) return;
    const path = constantString(node.arguments[0]);
    const app = calleeReceiver(node);
    if (!app || path === undefined || !path.startsWith('/')) return;
    const links: RouteChain['links'] = [];
    let end = node;
    for (let access = end.parent; ts.isPropertyAccessExpression(access) && access.expression === end && ts.isCallExpression(access.parent) && access.parent.expression === access; access = end.parent) {
      end = access.parent;
      links.push({ method: access.name.text, handlers: end.arguments });
    }
    if (links.length > 0) chains.push({ app: app.getText(sf), path, links, head: node, end });
  });
  return chains;
}

/**
 * Whether a handler of a route chain is `fn`, the one a factory's call gives, or a function of its
 * own that calls `fn` (`(req, res) => { serve(req, res).catch(next); }`).
 */
function handsTo(handler: TS.Expression, fn: TS.FunctionLikeDeclaration): boolean {
  const own = resolveFunction(handler);
  if (own === fn || factoryProduct(handler) === fn) return true;
  return !!own && own === unwrap(handler) && someNode(own, (n) => ts.isCallExpression(n) && resolveFunction(n.expression) === fn);
}

/** Whether the file routes `method` on `app`'s `path` itself, by a route (answerRoute) or in a route chain; `all` routes every method. */
function routesMethod(app: string, path: string, method: string, routes: readonly Route[], chains: readonly RouteChain[], sf: TS.SourceFile): boolean {
  // (An `all` of middleware alone, `.all(cors())`, answers no method: passesOn.)
  const routed = (m: string, handlers: readonly TS.Expression[]) => m === method || (m === 'all' && handlers.some((h) => !passesOn(h)));
  return (
    routes.some((r) => r.path === path && routed(r.method, [r.handlerArg]) && ts.isPropertyAccessExpression(r.call.expression) && r.call.expression.expression.getText(sf) === app) ||
    chains.some((c) => c.app === app && c.path === path && c.links.some((l) => routed(l.method, l.handlers)))
  );
}

/** The change line for the GET and DELETE routes added to a path's POST. */
function answeredChange(missing: readonly string[], path: string): string {
  return `${missing.map((m) => m.toUpperCase()).join(' and ')} ${path} go${missing.length === 1 ? 'es' : ''} to the handler too, which answers ${missing.length === 1 ? 'it' : 'them'} 405 (Allow: POST) where the framework answered 404`;
}

/**
 * answerRoute for a route chain: each of GET and DELETE the file does not route on the chain's path
 * is added to the end of the chain (`.get(h).delete(h)`), on a line of its own where the chain's
 * last link is on one, else on the same line.
 */
function answerChain(chain: RouteChain, routes: readonly Route[], chains: readonly RouteChain[], answer: string, sf: TS.SourceFile, plan: Plan): void {
  const missing = ['get', 'delete'].filter((m) => !routesMethod(chain.app, chain.path, m, routes, chains, sf));
  const statement = statementOf(chain.end);
  if (missing.length === 0 || !statement || !ts.isExpressionStatement(statement) || unwrap(statement.expression) !== chain.end) return;
  const last = chain.end.expression as TS.PropertyAccessExpression;
  const ownLine = sf.text.slice(last.expression.getEnd(), last.name.getStart(sf)).includes('\n');
  const before = ownLine ? `\n${indentAt(sf.text, last.name.getStart(sf))}` : '';
  plan.edits.push({ start: chain.end.getEnd(), end: chain.end.getEnd(), text: missing.map((m) => `${before}.${m}(${answer})`).join('') });
  plan.changes.push({ line: lineOf(sf, statement.getStart(sf)), description: answeredChange(missing, chain.path), safety: 'safe' });
}

/** Whether a Fastify route's handler returns its reply (`return reply`): written to by hand, the reply is the answer. */
function returnsReply(fn: TS.FunctionLikeDeclaration, reply: string): boolean {
  return returnedExpressions(fn).some((e) => ts.isIdentifier(unwrap(e)) && unwrap(e).getText() === reply);
}

/** Whether a route's handler takes its Fastify reply over (`reply.hijack()`) before handing the raw objects on. */
function hijacks(fn: TS.FunctionLikeDeclaration, reply: string): boolean {
  return someNode(fn.body ?? fn, (n) => ts.isCallExpression(n) && calleeName(n) === 'hijack' && n.arguments.length === 0 && calleeReceiver(n) !== undefined && unwrap(calleeReceiver(n)!).getText() === reply);
}

/**
 * Each of GET and DELETE the file does not route on that path itself goes to the handler too,
 * which answers it 405 with `Allow: POST` (one that routes GET only still gets DELETE, trial 49C B2).
 */
function answerRoute(route: Route, routes: readonly Route[], chains: readonly RouteChain[], answer: string, sf: TS.SourceFile, plan: Plan): void {
  if (route.method !== 'post' || !ts.isPropertyAccessExpression(route.call.expression)) return;
  const app = route.call.expression.expression.getText(sf);
  const missing = ['get', 'delete'].filter((m) => !routesMethod(app, route.path, m, routes, chains, sf));
  const statement = statementOf(route.call);
  if (missing.length === 0 || !statement || !ts.isExpressionStatement(statement) || unwrap(statement.expression) !== route.call) return;
  const path = route.call.arguments[0].getText(sf);
  const indent = indentAt(sf.text, statement.getStart(sf));
  const added = missing.map((m) => `${indent}${app}.${m}(${path}, ${answer});`).join('\n');
  plan.edits.push({ start: statement.getEnd(), end: statement.getEnd(), text: `\n${added}` });
  plan.changes.push({ line: lineOf(sf, statement.getStart(sf)), description: answeredChange(missing, route.path), safety: 'safe' });
}

/**
 * A statement of the block that sets the per-request transport's onerror (`transport.onerror =
 * console.error.bind(console)`) to a callback that can stand at module level (it uses no local
 * of the route or around it, nor `this`), with that callback's text: createMcpHandler's onerror.
 */
function transportOnerror(block: TS.Block, aliases: ReadonlySet<string>, route: TS.Node): { statement: TS.Statement; callback?: string; locals?: string } | undefined {
  for (const statement of block.statements) {
    const e = ts.isExpressionStatement(statement) ? unwrap(statement.expression) : undefined;
    if (!e || !ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const target = unwrap(e.left);
    if (!ts.isPropertyAccessExpression(target) || target.name.text !== 'onerror' || !aliases.has(unwrap(target.expression).getText())) continue;
    // (Otherwise what keeps it in the route: its locals, or `this`.)
    const { usesThis, perRequest, around } = closureLocals([e.right], route);
    const locals = [...perRequest, ...around, ...(usesThis ? ['this'] : [])];
    return locals.length > 0 ? { statement, locals: joinNames(locals) } : { statement, callback: e.right.getText() };
  }
  return undefined;
}

/**
 * The log line of the catch around the route's handleRequest (`catch (error) { console.error('...', error) }`)
 * as an onerror callback for createMcpHandler, when it can stand at module level: a global or
 * module-level logger, string literals and the error itself.
 */
function errorLogger(call: TS.Node, fn: TS.Node): string | undefined {
  for (let n: TS.Node | undefined = call.parent; n && n !== fn; n = n.parent) {
    if (!ts.isTryStatement(n) || !(call.pos >= n.tryBlock.pos && call.end <= n.tryBlock.end)) continue;
    const variable = n.catchClause?.variableDeclaration?.name;
    if (!variable || !ts.isIdentifier(variable)) return undefined;
    let log: TS.CallExpression | undefined;
    walk(n.catchClause!.block, (m) => {
      if (!log && ts.isCallExpression(m) && isLogCall(m) && m.arguments.some((a) => ts.isIdentifier(unwrap(a)) && (unwrap(a) as TS.Identifier).text === variable.text)) log = m;
      return log ? false : undefined;
    });
    if (!log) return undefined;
    // The logger must be reachable from module level: a global (console) or a module-level binding.
    let root: TS.Expression = log.expression;
    while (ts.isPropertyAccessExpression(root)) root = root.expression;
    if (!ts.isIdentifier(root)) return undefined;
    const decl = resolveIdentifier(root);
    if (decl && enclosingFunction(decl)) return undefined;
    const args = log.arguments.flatMap((a) => {
      const u = unwrap(a);
      if (ts.isIdentifier(u) && u.text === variable.text) return ['error'];
      return ts.isStringLiteral(u) || ts.isNoSubstitutionTemplateLiteral(u) ? [a.getText()] : [];
    });
    return `(error) => ${log.expression.getText()}(${args.join(', ')})`;
  }
  return undefined;
}

/** SDK v1 module paths a text imports from. */
function sdkImportPaths(text: string): Set<string> {
  return new Set([...text.matchAll(/\bfrom\s+['"](@modelcontextprotocol\/sdk\/[^'"]+)['"]/g)].map((m) => m[1]));
}

/**
 * The official codemod's markers about an SDK import path it knew no v2 home for, taken out where
 * the file no longer imports that path: it went with what used it (the examples' InMemoryEventStore,
 * once the eventStore option was dropped, here or by the per-request rewrite before). Left, they
 * would ask for work that is done.
 */
function withoutMarkersOfGoneImports(text: string): string {
  if (!text.includes('Unknown SDK import path:')) return text;
  const still = sdkImportPaths(text);
  const lines = text.split('\n');
  const drop = new Set<number>();
  for (const marker of findMarkers(lines)) {
    const path = /Unknown SDK import path: (\S+?)\.?\s+Manual migration required/.exec(marker.message)?.[1];
    if (path && !still.has(path)) for (let i = 0; i < marker.lines; i++) drop.add(marker.line - 1 + i);
  }
  return drop.size === 0 ? text : lines.filter((_, i) => !drop.has(i)).join('\n');
}

/** Removes named imports nothing refers to any more (after the rewrite). */
function removeUnusedImports(text: string, path: string, names: Set<string>): string {
  const { edits } = removeUnusedBindings(parseFile(text, path), names);
  return edits.length ? applyEdits(text, edits) : text;
}

/**
 * Whether the code calls `name` (createMcpHandler, by the name the rewrite gives it), not a comment
 * or a string that names it. A text test also matched sse-transport's marker on an SSE route it
 * left ("serve one POST endpoint with createMcpHandler(() => buildServer())"): with only a stdio
 * branch rewritten, the file imported createMcpHandler unused (TS6133 under noUnusedLocals) and got
 * a Host/Origin marker for a handler it does not have (trial 63C B1).
 */
function callsFunction(sf: TS.SourceFile, name: string): boolean {
  return someNode(sf, (n) => ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name);
}

/**
 * What the loopback guards do, for the change line and the --safe-only marker. They change who may
 * connect, so they are a change to review (trial 66C B2): behind a reverse proxy on the same host
 * that passes the public Host (Caddy by default, nginx with `proxy_set_header Host $host`), every
 * request got 403, where v1's transport checked no Host unless told to.
 */
const GUARD_EFFECT =
  "a request whose Host is not localhost, 127.0.0.1 or [::1] gets 403, as does one with an Origin of another host (v1's transport checked neither unless told to). Behind a reverse proxy on this host that passes the public Host (Caddy by default, nginx with proxy_set_header Host $host), every proxied request gets 403: there, use hostHeaderValidation([...its hostnames]) and originValidation instead";

/** A path as code before `at` may write it: its own text where that is a literal or a const declared before `at` around it, else the path's value quoted. */
function pathText(arg: TS.Expression, value: string, at: TS.Statement): string {
  const u = unwrap(arg);
  if (ts.isStringLiteral(u) || ts.isNoSubstitutionTemplateLiteral(u)) return u.getText();
  let root: TS.Node = u;
  while (ts.isPropertyAccessExpression(root)) root = root.expression;
  const decl = ts.isIdentifier(root) ? resolveIdentifier(root) : undefined;
  const list = decl && ts.isVariableDeclaration(decl) ? decl.parent : undefined;
  const scope = list && ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const && ts.isVariableStatement(list.parent) ? list.parent.parent : undefined;
  // (Declared later, the name is not yet set where the guard runs: TDZ.)
  if (scope && decl!.end <= at.getStart() && at.pos >= scope.pos && at.end <= scope.end) return u.getText();
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** A call of one of the handlers (`mcpHandler(req, res)`, `mcpHandler.fetch(c.req.raw)`). */
function isHandlerCall(n: TS.Node, handlers: ReadonlySet<string>): n is TS.CallExpression {
  if (!ts.isCallExpression(n)) return false;
  const callee = unwrap(n.expression);
  const target = ts.isPropertyAccessExpression(callee) && callee.name.text === 'fetch' ? unwrap(callee.expression) : callee;
  return ts.isIdentifier(target) && handlers.has(target.text);
}

/**
 * The paths the app serves the handlers on, as the guards' `app.use(path, ...)` may write them
 * after the app's declaration: each route of the app whose handler calls one (a literal path or a
 * const), itself or through a function only such routes hand their request to. Undefined where
 * one call of a handler is in none of them (a router's route, a path computed): the path is not
 * known, and the guards go on the whole app.
 */
function servedPaths(sf: TS.SourceFile, app: TS.VariableDeclaration, handlers: ReadonlySet<string>): Array<{ value: string; text: string }> | undefined {
  const at = statementOf(app)!;
  const inside = (n: TS.Node, outer: TS.Node | undefined) => !!outer && n.pos >= outer.pos && n.end <= outer.end;
  const calls: TS.Node[] = [];
  walk(sf, (n) => void (isHandlerCall(n, handlers) && calls.push(n)));
  // (The app itself, not another of the same name in another function.)
  const onApp = (call: TS.CallExpression) => {
    const callee = unwrap(call.expression);
    const receiver = ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : undefined;
    return !!receiver && ts.isIdentifier(receiver) && resolveIdentifier(receiver) === app;
  };
  // The app's routes and the links of its route chains (`app.route('/mcp').post(h)`, trial 67C
  // B1's shape: its guards went on the whole app), each with its path and handler.
  const served: Array<{ pathArg: TS.Expression; handlerArg: TS.Expression; handler: TS.FunctionLikeDeclaration | undefined }> = [
    ...allRoutes(sf, true).filter((r) => onApp(r.call)).map((r) => ({ pathArg: r.call.arguments[0], handlerArg: r.handlerArg, handler: r.handler })),
    ...routeChains(sf)
      .filter((c) => onApp(c.head))
      .flatMap((c) => c.links.flatMap((l) => l.handlers.map((h) => ({ pathArg: c.head.arguments[0], handlerArg: h, handler: resolveFunction(h) })))),
  ];
  const routes = served.filter((r) => calls.some((c) => inside(c, r.handlerArg) || inside(c, r.handler)));
  // A function a route hands its request to (`(req, res) => void serve(req, res)`) serves those
  // routes only where nothing else refers to it.
  const onlyRouted = (fn: TS.FunctionLikeDeclaration) => {
    const decl = ts.isFunctionDeclaration(fn) ? fn : ts.isVariableDeclaration(fn.parent) ? fn.parent : undefined;
    if (!decl?.name || !ts.isIdentifier(decl.name)) return false;
    const refs = referencesTo(sf, decl as typeof decl & { name: TS.Identifier });
    return refs.length > 0 && refs.every((ref) => routes.some((r) => inside(ref, r.handlerArg)));
  };
  if (routes.length === 0 || calls.some((c) => !routes.some((r) => inside(c, r.handlerArg) || (inside(c, r.handler) && onlyRouted(r.handler!))))) return undefined;
  const paths: Array<{ value: string; text: string }> = [];
  for (const r of routes) {
    const value = constantString(r.pathArg);
    if (value === undefined || !value.startsWith('/')) return undefined;
    if (!paths.some((p) => p.value === value)) paths.push({ value, text: pathText(r.pathArg, value, at) });
  }
  return paths;
}

/**
 * Where node:http's callback routes by path (`if (req.url === '/mcp') { ... }`, `case '/mcp':` of a
 * `switch (url.pathname)`, or early returns for other paths): the guard goes in front of the
 * handler's branch, not of every path the server answers (trial 66C B2: a health check got 403
 * too). Elsewhere it goes in front of the statement that calls the handler, and `routed` is false
 * unless other paths were answered and returned from before that: every request passes it (review
 * 85: in front of a whole `switch` that also served /health, the change line said it did not).
 * Undefined where the callback tests no path.
 */
function routedBranch(cb: TS.FunctionLikeDeclaration, req: string, handlers: ReadonlySet<string>): { at: TS.Statement; routed: boolean } | undefined {
  const body = cb.body as TS.Block;
  const routes = new RegExp(`(?<![\\w$])${req.replace(/\$/g, '\\$')}\\.url\\b|\\bpathname\\b`);
  if (!routes.test(body.getText())) return undefined;
  let call: TS.CallExpression | undefined;
  walk(body, (n) => {
    if (!call && isHandlerCall(n, handlers) && enclosingFunction(n) === cb) call = n;
    return call ? false : undefined;
  });
  if (!call) return undefined;
  for (let n: TS.Node = call; n !== body; n = n.parent) {
    const parent = n.parent;
    if (ts.isBlock(n) && ts.isIfStatement(parent) && parent.thenStatement === n && routes.test(parent.expression.getText()) && n.statements.length > 0) return { at: n.statements[0], routed: true };
    // (The clause's own statements, or its one `{ ... }`: the guard stays in the clause either way.
    // A `default:` serving the handler gets it alone, the cases above it keep answering.)
    if (ts.isCaseOrDefaultClause(n) && routes.test(n.parent.parent.expression.getText()) && n.statements.length > 0) {
      const only = n.statements.length === 1 ? n.statements[0] : undefined;
      return { at: only && ts.isBlock(only) && only.statements.length > 0 ? only.statements[0] : n.statements[0], routed: true };
    }
  }
  const index = body.statements.findIndex((s) => call!.pos >= s.pos && call!.end <= s.end);
  const at = body.statements[index];
  // Routed where other paths were answered and returned from before it, and it tests no path
  // itself (then the guard would stand in front of those paths too).
  const returnsEarly = (s: TS.Statement) => {
    if (!ts.isIfStatement(s) || s.elseStatement || !routes.test(s.expression.getText())) return false;
    const last = ts.isBlock(s.thenStatement) ? s.thenStatement.statements.at(-1) : s.thenStatement;
    return !!last && ts.isReturnStatement(last);
  };
  return { at, routed: !routes.test(at.getText()) && body.statements.slice(0, index).some(returnsEarly) };
}

/**
 * The ports a file's server listens on, where written there: `app.listen(8787, ...)`, the default of
 * `Number(process.env.PORT ?? 8787)` or of `const PORT = process.env.PORT || '8787'`,
 * `server.listen({ port })`, `serve({ fetch: app.fetch, port })`. Empty where none is read.
 */
function listenPorts(sf: TS.SourceFile): number[] {
  const ports = new Set<number>();
  const portOf = (node: TS.Node | undefined, depth = 4): number | undefined => {
    if (!node || depth < 0) return undefined;
    const n = unwrap(node);
    if (ts.isNumericLiteral(n) || ts.isStringLiteralLike(n)) return /^\d{1,5}$/.test(n.text) && Number(n.text) > 0 && Number(n.text) < 65536 ? Number(n.text) : undefined;
    if (ts.isCallExpression(n) && /^(Number|parseInt)$/.test(calleeName(n) ?? '')) return portOf(n.arguments[0], depth - 1);
    if (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.PlusToken) return portOf(n.operand, depth - 1);
    // `process.env.PORT ?? 8787`: the environment's, else the default written here.
    if (isFallback(n)) return portOf(n.left, depth - 1) ?? portOf(n.right, depth - 1);
    if (ts.isIdentifier(n)) {
      const declared = resolveIdentifier(n);
      // (`const { PORT = 8787 } = process.env` too.)
      const init = declared && (ts.isVariableDeclaration(declared) || ts.isBindingElement(declared)) ? declared.initializer : undefined;
      return portOf(init, depth - 1);
    }
    return undefined;
  };
  walk(sf, (n) => {
    if (!ts.isCallExpression(n) || !/^(listen|serve)$/.test(calleeName(n) ?? '') || n.arguments.length === 0) return;
    const first = unwrap(n.arguments[0]);
    const port = portOf(ts.isObjectLiteralExpression(first) ? literalMember(first, 'port') : first);
    if (port !== undefined) ports.add(port);
  });
  return [...ports];
}

/**
 * The reverse proxy in front of a server that listens on `ports` (listenPorts), with the upstream
 * that names one of them: a config counts only where it proxies to that port (review 86 #1: a
 * docs/nginx.conf, or a monorepo's Caddyfile for another service, turned the guards off). Where
 * this file's port is not read, a config counts only where its upstreams' ports are not read
 * either (the runner's guess before); one that names a port is taken for another server, and the
 * guards stay.
 */
function proxyInFront(configs: readonly ReverseProxyConfig[], ports: readonly number[]): { config: ReverseProxyConfig; upstream?: string } | undefined {
  for (const config of configs) {
    const upstream = config.upstreams.find((u) => u.port !== undefined && ports.includes(u.port));
    if (upstream) return { config, upstream: upstream.address };
    // Where the port this server listens on is not read here (`app.listen(env.PORT, '127.0.0.1')`, its
    // default in another module), the package's own proxy config is taken to front it, as before the
    // ports were compared (review 87: its guards answered the package's Caddy 403); a config of the
    // repository's top only where its upstream names no port either.
    if (ports.length === 0 && (config.own || config.upstreams.every((u) => u.port === undefined))) return { config };
  }
  return undefined;
}

/** A loopback address in a string literal: a server bound to loopback gets the guards (the runner asks too, to look for proxy config). */
export const LOOPBACK_LITERAL = /['"](127\.0\.0\.1|localhost|::1)['"]/;

/**
 * Whether a loopback address of the file is one the server binds to for sure: not only the
 * fallback of a host the environment names (`process.env.HOST ?? '127.0.0.1'`), which a deployment
 * sets to 0.0.0.0 (trial 72C B3: the localhost guards answered 403 to every request there).
 */
function bindsLoopback(sf: TS.SourceFile): boolean {
  let fixed = false;
  walk(sf, (n) => {
    if (fixed || !(ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) || !/^(127\.0\.0\.1|localhost|::1)$/.test(n.text)) return fixed ? false : undefined;
    let at: TS.Node = n;
    while (ts.isParenthesizedExpression(at.parent)) at = at.parent;
    const parent = at.parent;
    const fromEnvironment = ts.isBinaryExpression(parent) && parent.right === at && isFallback(parent) && /\bprocess\.env\b|\bDeno\.env\b|\benv\b/.test(parent.left.getText(sf));
    if (!fromEnvironment) fixed = true;
    return undefined;
  });
  return fixed;
}

/**
 * Host/Origin guards for servers bound to loopback (createMcpHandler validates neither), on the
 * MCP endpoint alone where its path is known (trial 66C B2), as a change to review; none, marked,
 * where the package configures a reverse proxy in front of it.
 */
function addGuards(sf: TS.SourceFile, style: 'node' | 'web', createsHandler: boolean, handlers: ReadonlySet<string>, allowsReview: boolean, reverseProxy: CodemodContext['reverseProxy'], edits: TextEdit[], changes: Change[], markers: Anchored[]): string[] {
  const text = sf.text;
  const loopback = LOOPBACK_LITERAL.test(text) && bindsLoopback(sf);
  let app: TS.VariableDeclaration | undefined;
  let createServerCallback: TS.FunctionLikeDeclaration | undefined;
  walk(sf, (n) => {
    if (ts.isVariableDeclaration(n) && n.initializer && ts.isCallExpression(unwrap(n.initializer)) && /^(express|Fastify|fastify)$/.test(calleeName(unwrap(n.initializer) as TS.CallExpression) ?? '')) app ??= n;
    if (ts.isVariableDeclaration(n) && n.initializer && ts.isNewExpression(unwrap(n.initializer)) && calleeName(unwrap(n.initializer) as TS.NewExpression) === 'Hono') app ??= n;
    if (ts.isCallExpression(n) && createsNodeServer(n) && n.arguments[0]) {
      const cb = unwrap(n.arguments[0]);
      if (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) createServerCallback ??= cb;
    }
  });
  // No HTTP handler made (a file that serves stdio only), or one guarded already.
  if (!createsHandler || /createMcp(Express|Hono)App\(|hostHeaderValidation\(|localhostHostValidation\(/.test(text)) return [];
  // Above what serves: the app, else node:http's createServer, else the first statement past the imports (trial 19A: it stood above the imports).
  const serving = (app ? topLevelStatement(app) : createServerCallback ? topLevelStatement(createServerCallback) : undefined) ?? sf.statements.find((st) => !ts.isImportDeclaration(st) && !isRequireStatement(st)) ?? sf.statements[0];
  if (!loopback) {
    markers.push(anchor(sf, serving.getStart(sf), 'createMcpHandler validates neither Host nor Origin: add hostHeaderValidation([...your hostnames]) and originValidation from your adapter package (DNS-rebinding protection)'));
    return [];
  }
  // Right after the app's own declaration, where it is in scope (an app made in a function:
  // gitlab-mcp's startSSEServer(); at module level the line after it was TS2304 there).
  const made = app && ts.isIdentifier(app.name) ? app.initializer!.getText() : undefined;
  const adapter = made === undefined ? undefined : /Hono/.test(made) ? '@modelcontextprotocol/hono' : /express/.test(made) ? '@modelcontextprotocol/express' : undefined;
  // A loopback bind is the usual shape behind a reverse proxy on the same host, and one the package
  // configures passes the public Host (Caddy by default): the localhost guards would refuse every
  // proxied request (trial 66C B2). None is added where a config proxies to this server's port
  // (proxyInFront); the hostnames the proxy serves are named for the guards that fit, with no
  // adapter dependency asked for them.
  const proxy = reverseProxy && proxyInFront(reverseProxy, listenPorts(sf));
  if (proxy) {
    const { config, upstream } = proxy;
    // (Both take hostnames: the Host's, and the Origin's of its browser clients.)
    const hosts = config.hosts.length > 0 ? `[${config.hosts.map((h) => `'${h}'`).join(', ')}]` : '[...its hostnames]';
    const pkg = adapter ?? (!app && createServerCallback && style === 'node' ? '@modelcontextprotocol/node' : 'your adapter package');
    const sites = config.hosts.length > 0 ? `${config.hosts.join(', ')} ` : '';
    const which = upstream
      ? `${config.file} proxies ${sites}to ${upstream}, the port this server listens on`
      : config.upstreams.some((u) => u.port !== undefined)
        ? `${config.file}, this package's, is taken to proxy ${sites}to this server, as the port this server listens on is not read here`
        : `${config.file} is taken to proxy ${sites}to this server, as neither its upstream's port nor this server's is read here`;
    markers.push(anchor(sf, serving.getStart(sf), `${which} (a reverse proxy on this host passes the public Host): the localhost Host/Origin guards v2-handler adds for a loopback bind would answer 403 to every proxied request, so none were added. createMcpHandler validates neither Host nor Origin: add hostHeaderValidation(${hosts}) and originValidation(${hosts}) from ${pkg} on its path (DNS-rebinding protection)`));
    return [];
  }
  // Under --safe-only they are left out, said where they would go.
  // (A later run does not add them: the transport they came with is gone by then.)
  const leftOut = (at: TS.Node, pkg: string, code: string) =>
    markers.push(anchor(sf, at.getStart(sf), `createMcpHandler validates neither Host nor Origin, and this server binds to loopback: the localhost guards of ${pkg} (${code}) are a change to review, left out under --safe-only. With them, ${GUARD_EFFECT}`));
  if (app && adapter) {
    const statement = statementOf(app)!;
    // (Express's app.use(path) takes the paths below it too; Hono's, that path alone.)
    const served = servedPaths(sf, app, handlers);
    const below = (p: string, q: string) => p !== q && (q === '/' || p.startsWith(`${q}/`));
    const paths = adapter === '@modelcontextprotocol/express' ? served?.filter((p) => !served.some((q) => below(p.value, q.value))) : served;
    const scope = paths ? `on ${paths.map((p) => p.value).join(' and ')}` : 'on every route of the app (the path the handler is served on is not known here)';
    const uses = (paths ?? [undefined]).map((p) => `${app!.name.getText()}.use(${p ? `${p.text}, ` : ''}localhostHostValidation(), localhostOriginValidation());`);
    if (!allowsReview) {
      leftOut(statement, adapter, uses.map((u) => u.slice(0, -1)).join('; '));
      return [];
    }
    const indent = indentAt(text, statement.getStart(sf));
    edits.push({ start: statement.getEnd(), end: statement.getEnd(), text: uses.map((u) => `\n${indent}${u}`).join('') });
    changes.push({ line: lineOf(sf, statement.getStart(sf)), description: `localhost Host/Origin validation ${scope} (createMcpHandler has none): ${GUARD_EFFECT}`, safety: 'review' });
    return [adapter];
  }
  const cb = createServerCallback;
  if (cb?.body && ts.isBlock(cb.body) && cb.parameters.length >= 2 && style === 'node') {
    const req = cb.parameters[0].name.getText();
    const res = cb.parameters[1].name.getText();
    const branch = routedBranch(cb, req, handlers);
    const first = branch?.at ?? cb.body.statements[0];
    if (first) {
      const routed = !!branch?.routed;
      const scope = routed ? 'on the requests this server routes to the handler' : 'on every request of this server';
      if (!allowsReview) {
        leftOut(cb, '@modelcontextprotocol/node', `localhostHostValidation() and localhostOriginValidation(), called with (${req}, ${res}) ${first.parent !== cb.body ? 'in the branch that serves the handler' : first === cb.body.statements[0] ? 'first in this callback' : routed ? 'after the returns for other paths' : 'before the statement that calls the handler'}`);
        return [];
      }
      const at = lineStart(text, first.getStart(sf));
      edits.push({ start: at, end: at, text: `${indentAt(text, first.getStart(sf))}if (!mcpHostGuard(${req}, ${res}) || !mcpOriginGuard(${req}, ${res})) return;\n` });
      const top = topLevelStatement(cb);
      const before = lineStart(text, startWithLeadingComments(top, sf));
      edits.push({ start: before, end: before, text: 'const mcpHostGuard = localhostHostValidation();\nconst mcpOriginGuard = localhostOriginValidation();\n\n' });
      changes.push({ line: lineOf(sf, cb.getStart(sf)), description: `localhost Host/Origin validation ${scope} (createMcpHandler has none): ${GUARD_EFFECT}`, safety: 'review' });
      return ['@modelcontextprotocol/node'];
    }
  }
  markers.push(anchor(sf, serving.getStart(sf), 'createMcpHandler validates neither Host nor Origin: add the Host/Origin validation of your adapter package'));
  return [];
}

/** `const x = require('...')` (or `const { a } = require(...)`, as tsc writes it): a CommonJS import (requiredModule). */
function isRequireStatement(statement: TS.Statement): boolean {
  return ts.isVariableStatement(statement) && statement.declarationList.declarations.every((d) => !!d.initializer && requiredModule(d.initializer) !== undefined);
}

export const v2Handler: CodeCodemod = {
  kind: 'code',
  id: 'v2-handler',
  title: 'Serve with createMcpHandler (2026-07-28) on the v2 packages',
  target: '2026-07-28',
  resolves: ['session-id-generator', 'session-lifecycle', 'initialize-request', 'session-map', 'session-header', 'event-store'],
  keywords: ['@modelcontextprotocol/sdk', 'streamablehttpservertransport', 'stdioservertransport'],
  transform(input, ctx: CodemodContext) {
    const outcome = serveWithHandler(input.text, ctx);
    // A file that imports the SDK through Deno's npm: specifiers (`npm:@modelcontextprotocol/sdk@1.25.0/...`):
    // what this writes imports the v2 packages by bare names, which Deno does not resolve, beside
    // the file's own imports (trial 68C B1: a v1 McpServer handed to serveStdio, and the server no
    // longer started). The file stays as it was, marked with the move by hand.
    const deno = outcome.text !== input.text || outcome.changes.length > 0 ? denoSdkImport(input.sourceFile) : undefined;
    if (!deno) return outcome;
    return { text: insertMarkers(input.text, [{ line: deno.line, message: denoSdkRefusal(deno), link: UPGRADE_GUIDE }], '//', 'v2-handler', ctx.path).text, changes: [], markers: [] };
  },
};

/** v2-handler's rewrite of a file (see the top of this module). */
function serveWithHandler(original: string, ctx: CodemodContext): CodemodOutcome {
  const changes: Change[] = [];
  // 1. The official v1 → v2 surface migration.
  const surface = migrateSurface(original, ctx.path, ctx.mcpSide, ctx.mcpServerFrom, ctx.importedConstants);
  // Refused (it would have damaged the file), or --safe-only leaves its move out: nothing more
  // here, the file stays on v1 as it is, marked.
  const blocked = blockedMove(surface, ctx.allows);
  if (blocked) {
    const markers = surface.refused ? surface.markers : [{ line: surface.firstSdkLine, message: blocked, link: UPGRADE_GUIDE }];
    return { text: insertMarkers(original, markers, '//', 'v2-handler', ctx.path).text, changes: [], markers: [] };
  }
  changes.push(...surface.changes);
  // Each step below reports changes at lines of the text it was given: listed at the original's.
  const lines = new LineMap();
  let text = surface.markers.length ? insertMarkers(surface.text, surface.markers, '//', 'v2-handler', ctx.path).text : surface.text;
  // CommonJS: the official codemod rewrites imports; require() of the SDK moves by our table.
  const required = rewriteRequires(text, ctx.path);
  if (required.count > 0) {
    text = required.text;
    changes.push({ line: 1, description: `require() of @modelcontextprotocol/sdk moved to the v2 packages (${required.count})`, safety: 'safe' });
  }
  // 2. Session dispatch → per-request transport.
  lines.moved(original, text);
  const sf1 = parseFile(text, ctx.path);
  const stateless = statelessTransport.transform({ text, sourceFile: sf1, facts: new SessionFacts(sf1) }, { ...ctx, target: 'sdk-v1' });
  changes.push(...lines.original(stateless.changes));
  const beforeStateless = text;
  // (Its markers worded for this run's target: trial 78A B4.)
  text = stateless.markers.length ? insertMarkers(stateless.text, stateless.markers.map((m) => ({ ...m, message: forTarget(m.message, ctx.target) })), '//', 'v2-handler', ctx.path).text : stateless.text;
  lines.moved(beforeStateless, text);
  // 3. Per-request transport → createMcpHandler.
  const sf = parseFile(text, ctx.path);
  // (The names the handler code takes, read from the file once.)
  const declared = declaredNames(sf);
  const names: HandlerNames = {
    create: importBinding(sf, '@modelcontextprotocol/server', 'createMcpHandler', SDK_HANDLER_ALIASES.createMcpHandler, declared),
    node: importBinding(sf, '@modelcontextprotocol/node', 'toNodeHandler', SDK_HANDLER_ALIASES.toNodeHandler, declared),
    declared,
  };
  const plan: Plan = { edits: [], changes: [], markers: [], style: undefined, declarations: new Map(), cachedServers: ctx.cachedServers, handshakeSetups: ctx.handshakeSetups, wrapperClasses: ctx.wrapperClasses, allowsReview: ctx.allows('review'), names };
  const handlerNames = new Map<string, string>();
  walk(sf, (n) => {
    // The official codemod keeps `new StdioServerTransport()`: on the v2 packages it still speaks 2025 only.
    if (ts.isNewExpression(n) && calleeName(n) === 'StdioServerTransport') {
      // A pipe to another server (a stdio↔HTTP proxy): no server of its own to serve with serveStdio.
      if (relayedByHand(n)) return;
      // serveStdio's own transport option (`serveStdio(f, { transport: new StdioServerTransport(socket, socket) })`): served already.
      if (servedByServeStdio(n)) return;
      // A server a factory builds, connected to it: served with serveStdio from that factory.
      const served = plan.allowsReview ? servedStdio(n, sf, plan.cachedServers) : undefined;
      if (served && 'edits' in served) {
        plan.edits.push(...served.edits);
        plan.changes.push(served.change);
      } else plan.markers.push(anchor(sf, n.getStart(sf), served ? `StdioServerTransport speaks 2025 only, also on the v2 packages: ${served.refuse}` : STDIO_MESSAGE, SPEC_STDIO));
      return;
    }
    // A class of the application's own built on it (a transport that filters stdout) speaks 2025 only too.
    if ((ts.isClassDeclaration(n) || ts.isClassExpression(n)) && heritageNames(n).includes('StdioServerTransport')) {
      plan.markers.push(anchor(sf, n.getStart(sf), `${n.name ? `${n.name.text} extends StdioServerTransport, which` : 'StdioServerTransport'} speaks 2025 only, also on the v2 packages: serve stdio with serveStdio(() => buildServer()) of the @modelcontextprotocol/server/stdio module, and move what this class adds into the server or the process`, SPEC_STDIO));
      return;
    }
    if (!ts.isNewExpression(n) || !isSdkStreamableHttpTransport(calleeName(n))) return;
    const options = n.arguments?.[0] ? unwrap(n.arguments[0]) : undefined;
    const generator = options && ts.isObjectLiteralExpression(options) ? options.properties.find((p) => propertyNameText(p.name as TS.PropertyName) === 'sessionIdGenerator') : undefined;
    const stateless = !options || (generator && ts.isPropertyAssignment(generator) && isUndefinedValue(generator.initializer));
    // On the 2025 path of code that already speaks both eras (behind an isLegacyRequest-style test), it serves 2025 clients on purpose.
    if (stateless && !legacyTest(n)) planHandler(n, sf, plan, handlerNames);
  });
  if (plan.edits.length === 0) {
    const markers = resolveAnchors(text, plan.markers);
    const out = markers.length ? insertMarkers(text, markers, '//', 'v2-handler', ctx.path).text : text;
    return { text: withoutMarkersOfGoneImports(out), changes, markers: [] };
  }
  for (const [statement, declaration] of plan.declarations) {
    const at = lineStart(text, startWithLeadingComments(statement, sf));
    plan.edits.push({ start: at, end: at, text: `${declaration}\n` });
  }
  let next = applyEdits(text, plan.edits);
  changes.push(...lines.original(plan.changes));
  lines.moved(text, next);
  const guardChanges: Change[] = [];
  // Guards and imports (createMcpHandler, toNodeHandler, the guards') from one parse; the
  // imports gathered per module, as two calls for one module would both add its import.
  const edits: TextEdit[] = [];
  const rewritten = parseFile(next, ctx.path);
  const createsHandler = callsFunction(rewritten, names.create.local);
  const guardPackages = addGuards(rewritten, plan.style ?? 'node', createsHandler, new Set(handlerNames.values()), ctx.allows('review'), ctx.reverseProxy, edits, guardChanges, plan.markers);
  changes.push(...lines.original(guardChanges));
  const imports = new Map<string, string[]>();
  // (A file that only serves stdio gets serveStdio alone.)
  if (createsHandler) imports.set('@modelcontextprotocol/server', [names.create.spec]);
  if (callsFunction(rewritten, 'serveStdio')) imports.set('@modelcontextprotocol/server/stdio', ['serveStdio']);
  if (plan.style === 'node') imports.set('@modelcontextprotocol/node', [names.node.spec]);
  for (const pkg of guardPackages) imports.set(pkg, [...(imports.get(pkg) ?? []), 'localhostHostValidation', 'localhostOriginValidation']);
  for (const [module, specs] of imports) edits.push(...ensureNamedImport(rewritten, module, specs));
  next = applyEdits(next, edits);
  // Then drop what is no longer used (after the additions, so that an import that loses its
  // transport but gains toNodeHandler stays where it was).
  next = withoutMarkersOfGoneImports(removeUnusedImports(next, ctx.path, new Set(['NodeStreamableHTTPServerTransport', 'WebStandardStreamableHTTPServerTransport', 'StreamableHTTPServerTransport', 'StdioServerTransport', 'isInitializeRequest', 'randomUUID', ...(plan.dropped ?? [])])));
  const markers = resolveAnchors(next, plan.markers);
  return { text: markers.length ? insertMarkers(next, markers, '//', 'v2-handler', ctx.path).text : next, changes, markers: [] };
}
