/**
 * One stateless Streamable HTTP transport built once, connected once to a server a factory built,
 * and handed every request (shared-server's "one stateless transport built once"): the transport,
 * the server and the connect move into each route handler that serves through it, with a close
 * hook, so every request gets its own (part of stateless-transport).
 *
 *   const server = createServer();                              app.post('/mcp', async (req, res) => {
 *   const transport = new StreamableHTTPServerTransport({         const server = createServer();
 *     sessionIdGenerator: undefined,                      →       const transport = new StreamableHTTPServerTransport({ ... });
 *   });                                                           await server.connect(transport);
 *   await server.connect(transport);                              res.on('close', () => { void transport.close(); ... });
 *   app.post('/mcp', async (req, res) => {                        await transport.handleRequest(req, res, req.body);
 *     await transport.handleRequest(req, res, req.body);        });
 *   });
 *
 * A server built in the connect itself (`await createServer().connect(transport)`) moves with it
 * and closes with its transport.
 *
 * Only that shape moves: the three statements in one block, the transport used for nothing but
 * the connect and `handleRequest(req, res, ...)` in async handlers, the server (from a call: a
 * factory, `createServer()`, `await build(config)`) for nothing but the connect, and no name the
 * moved code uses declared again in a handler. A factory that hands out one kept server, or whose
 * server ends the process when it closes, leaves it as it was, marked with the reason.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from '../../src/analysis/typescript.js';
import { calleeName, enclosingFunction, isPropertyName, referencesTo, resolveIdentifier, unwrap, walk } from '../../src/analysis/ast.js';
import { cachedServerSource, perRequestRefusal, sharedTransport } from '../../src/rules/shared-server.js';
import { applyEdits, indentAt, indentUnit, lineAfterEdits, lineOf, quoteStyle, reindent, removeStatements, startWithLeadingComments } from './edits.js';
import { allRoutes, answers405, closeOnResponse, isNodeServerCallback, paramName, postOnlyCheck, testsMethodOf } from './http.js';
import { isRefusalMarker } from '../../src/fix/markers.js';
import { codeSpan, SPEC_TRANSPORT } from './messages.js';
import { statementHead, statementOf } from './syntax.js';
import { declaredNames } from './imports.js';
import type { Change, CodemodContext, CodemodOutcome, TextEdit } from '../types.js';

/** The three statements that build and connect the one transport, and the handlers that serve through it. */
interface BuiltOnce {
  /** The statement building the server; none where the connect builds it inline (`await createServer().connect(transport)`). */
  server?: TS.VariableStatement;
  transport: TS.VariableStatement;
  connect: TS.ExpressionStatement;
  /** Per handler: the statement serving through the transport, and the response it writes. */
  serving: Array<{ statement: TS.Statement; response: string }>;
  /** `server`: the server's variable, when it has one; `factory`: the function the connect builds it with, when it has none. */
  names: { server?: string; transport: string; factory?: string };
  /** A connect made by the first request (onceGuard): the guard and its flag go with the move. */
  guard?: OnceGuard;
}

/** `if (!connected) { await server.connect(transport); connected = true; }` in a handler, and `let connected = false` beside the transport. */
interface OnceGuard {
  statement: TS.IfStatement;
  flag: TS.VariableStatement;
  name: string;
}

/**
 * The guard around a connect statement that makes the first request connect the one transport
 * (trial 29B): an `if (!flag)` with no else holding just the connect and `flag = true`, its flag a
 * `let flag = false` of its own in `scope` used nowhere else. Undefined for any other shape.
 */
function onceGuard(connect: TS.Statement, scope: TS.Node): OnceGuard | undefined {
  const block = connect.parent;
  const statement = block?.parent;
  if (!ts.isBlock(block) || !statement || !ts.isIfStatement(statement) || statement.thenStatement !== block || statement.elseStatement || block.statements.length !== 2) return undefined;
  const test = unwrap(statement.expression);
  if (!ts.isPrefixUnaryExpression(test) || test.operator !== ts.SyntaxKind.ExclamationToken || !ts.isIdentifier(unwrap(test.operand))) return undefined;
  const flagRef = unwrap(test.operand) as TS.Identifier;
  const set = block.statements.find((s) => s !== connect);
  const assignment = set && ts.isExpressionStatement(set) ? unwrap(set.expression) : undefined;
  if (!assignment || !ts.isBinaryExpression(assignment) || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken || unwrap(assignment.right).kind !== ts.SyntaxKind.TrueKeyword) return undefined;
  const assigned = unwrap(assignment.left);
  const decl = resolveIdentifier(flagRef);
  const flag = soleDeclaration(decl);
  if (!flag || flag.parent !== scope || !ts.isIdentifier(assigned) || resolveIdentifier(assigned) !== decl) return undefined;
  if (!((flag.declarationList.flags & ts.NodeFlags.Let) !== 0 && unwrap((decl as TS.VariableDeclaration).initializer!).kind === ts.SyntaxKind.FalseKeyword)) return undefined;
  const refs = referencesTo(connect.getSourceFile(), decl as TS.VariableDeclaration & { name: TS.Identifier });
  if (refs.some((r) => r.pos < statement.pos || r.end > statement.end)) return undefined;
  return { statement, flag, name: flagRef.text };
}

/** The statement declaring `decl` alone, in a block or the file; undefined for any other shape. */
function soleDeclaration(decl: TS.Declaration | undefined): TS.VariableStatement | undefined {
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || !decl.initializer) return undefined;
  const list = decl.parent;
  const statement = list.parent;
  if (!ts.isVariableDeclarationList(list) || list.declarations.length !== 1 || !ts.isVariableStatement(statement)) return undefined;
  return ts.isBlock(statement.parent) || ts.isSourceFile(statement.parent) ? statement : undefined;
}

/** The statement around a node as a marker quotes it: in backquotes, cut short, without its semicolon. */
function head(node: TS.Node): string {
  return codeSpan(statementHead(node).replace(/;$/, ''), 50);
}

/** The names a piece of code reads (identifiers that are not property names). */
function namesUsed(node: TS.Node): Set<string> {
  const names = new Set<string>();
  walk(node, (n) => {
    if (ts.isIdentifier(n) && !isPropertyName(n)) names.add(n.text);
    return undefined;
  });
  return names;
}

/**
 * The shape the rewrite follows, around one transport's construction; why not, where the
 * transport is a variable of its own (`refuse`, what a marker says); undefined for other shapes.
 */
function builtOnce(construction: TS.NewExpression, sf: TS.SourceFile, ctx: Pick<CodemodContext, 'cachedServers'>, declaration?: TS.VariableDeclaration): BuiltOnce | { refuse: string } | undefined {
  // Or the variable a local factory's call fills (`const transport = createTransport()`, trial 57C
  // B1; shared-server says so only of a factory that builds a new transport on every call): that
  // call moves as the `new` does, and makes one per request.
  const transportDecl = declaration ?? construction.parent;
  const transport = soleDeclaration(ts.isVariableDeclaration(transportDecl) ? transportDecl : undefined);
  if (!transport || !ts.isVariableDeclaration(transportDecl) || (!declaration && unwrap(transportDecl.initializer!) !== construction)) return undefined;
  const transportName = (transportDecl.name as TS.Identifier).text;
  const refuse = (why: string) => ({ refuse: why });
  let connect: TS.ExpressionStatement | undefined;
  let guard: OnceGuard | undefined;
  let serverId: TS.Identifier | undefined;
  /** `createServer()` in `await createServer().connect(transport)`: the server built inline. */
  let inline: TS.CallExpression | undefined;
  const serving: BuiltOnce['serving'] = [];
  for (const ref of referencesTo(sf, transportDecl as TS.VariableDeclaration & { name: TS.Identifier })) {
    const parent = ref.parent;
    // `server.connect(transport)`, a statement of its own in the same block (awaited or not).
    if (ts.isCallExpression(parent) && parent.arguments.length === 1 && parent.arguments[0] === ref && calleeName(parent) === 'connect' && !connect) {
      const callee = unwrap(parent.expression) as TS.PropertyAccessExpression;
      const statement = ts.isAwaitExpression(parent.parent) ? parent.parent.parent : parent.parent;
      const receiver = unwrap(callee.expression);
      const awaitedReceiver = ts.isAwaitExpression(receiver) ? unwrap(receiver.expression) : receiver;
      const built = ts.isCallExpression(awaitedReceiver) && ts.isIdentifier(unwrap(awaitedReceiver.expression)) ? awaitedReceiver : undefined;
      guard = ts.isExpressionStatement(statement) && statement.parent !== transport.parent ? onceGuard(statement, transport.parent) : undefined;
      const test = ts.isBlock(statement.parent) && ts.isIfStatement(statement.parent.parent) ? statement.parent.parent : undefined;
      if (ts.isExpressionStatement(statement) && statement.parent !== transport.parent && !guard && test && (ts.isIdentifier(receiver) || built)) {
        return refuse(`it is connected by the first request behind a test this rewrite does not follow (${head(test.expression)}: it follows a \`let\` flag, false at first, that the test and the connect's \`flag = true\` alone use)`);
      }
      if (!ts.isExpressionStatement(statement) || (statement.parent !== transport.parent && !guard) || (!ts.isIdentifier(receiver) && !built)) return refuse(`it is connected to its server in a way this rewrite does not follow (${head(parent)})`);
      connect = statement;
      if (built) inline = built;
      else serverId = receiver as TS.Identifier;
      continue;
    }
    // `transport.handleRequest(req, res, ...)` in an async handler nested in the same scope.
    const call = ts.isPropertyAccessExpression(parent) && parent.expression === ref && parent.name.text === 'handleRequest' ? parent.parent : undefined;
    if (!call || !ts.isCallExpression(call) || call.expression !== parent) return refuse(`\`${transportName}\` is used for more than serving requests (${head(ref)})`);
    // Served with a response that is no plain parameter (Koa's `ctx.res`, a web `Response`; trial 21A): the framework's shape, not another use.
    if (call.arguments.length < 2 || !ts.isIdentifier(unwrap(call.arguments[1]))) return refuse(`a handler serves through it in a framework shape this rewrite does not build for (${head(call)}: the response is not a parameter of the handler)`);
    const handler = enclosingFunction(call);
    if (!handler?.body || !ts.isBlock(handler.body) || handler.pos < transport.parent.pos || handler.end > transport.parent.end) return refuse(`a handler that serves through it is not a function this rewrite can build it in (${head(call)})`);
    if (!handler.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return refuse(`a handler that serves through it is not async, so it cannot await the connect (${head(call)})`);
    const statement = statementOf(call);
    if (!statement || !ts.isBlock(statement.parent) || enclosingFunction(statement) !== handler || serving.some((s) => enclosingFunction(s.statement) === handler)) return refuse(`a handler serves through it in a way this rewrite does not follow (${head(call)})`);
    serving.push({ statement, response: (unwrap(call.arguments[1]) as TS.Identifier).text });
  }
  if (!connect || (!serverId && !inline) || serving.length === 0 || connect.pos < transport.end) return undefined;
  // Connected by the first request: in the one handler that serves, before it serves.
  if (guard && (serving.length !== 1 || guard.statement.parent !== serving[0].statement.parent || guard.statement.end > serving[0].statement.pos)) {
    return refuse(`it is connected once, by the first request, in a way this rewrite does not follow (${head(guard.statement)})`);
  }
  if (inline) {
    const factory = (unwrap(inline.expression) as TS.Identifier).text;
    const cached = cachedServerSource(inline, ctx.cachedServers);
    if (cached) return refuse(`${cached}() hands out one kept server, so a call per request would connect that one server again: make it build a new server on every call`);
    const refusal = perRequestRefusal(inline);
    if (refusal) return refuse(refusal);
    const shadowed = shadowedName([transport, connect], serving);
    if (shadowed) return refuse(`a handler that serves through it declares \`${shadowed}\`, a name the moved code uses`);
    return { transport, connect, serving, names: { transport: transportName, factory }, ...(guard ? { guard } : {}) };
  }
  if (!serverId) return undefined;
  // The server: built by a call in the same block, before the connect, used for nothing else.
  const serverDecl = resolveIdentifier(serverId);
  const server = soleDeclaration(serverDecl);
  let init = server && ts.isVariableDeclaration(serverDecl!) ? unwrap(serverDecl.initializer!) : undefined;
  if (init && ts.isAwaitExpression(init)) init = unwrap(init.expression);
  if (!server || server.parent !== transport.parent || server.end > connect.pos || !init || !ts.isCallExpression(init) || !ts.isIdentifier(unwrap(init.expression))) {
    return refuse(`its server \`${serverId.text}\` is not built by a call of a function that builds one (a factory) next to it: build the server in such a function first`);
  }
  const other = referencesTo(sf, serverDecl as TS.VariableDeclaration & { name: TS.Identifier }).find((r) => r !== serverId);
  if (other) return refuse(`its server \`${serverId.text}\` is used for more than the connect (${head(other)})`);
  // A factory handing out one kept server, or one whose server cannot be per request (perRequestRefusal).
  const cached = cachedServerSource(serverId, ctx.cachedServers);
  if (cached) return refuse(`${cached}() hands out one kept server, so a call per request would connect that one server again: make it build a new server on every call`);
  const refusal = perRequestRefusal(serverId);
  if (refusal) return refuse(refusal);
  const shadowed = shadowedName([server, transport, connect], serving);
  if (shadowed) return refuse(`a handler that serves through it declares \`${shadowed}\`, a name the moved code uses`);
  return { server, transport, connect, serving, names: { server: serverId.text, transport: transportName }, ...(guard ? { guard } : {}) };
}

/** A name the moved statements use (the server's and transport's among them) that a handler declares: it would shadow them there. */
function shadowedName(moved: TS.Statement[], serving: BuiltOnce['serving']): string | undefined {
  const used = new Set(moved.flatMap((s) => [...namesUsed(s)]));
  for (const { statement } of serving) {
    const declared = declaredNames(enclosingFunction(statement)!);
    const shadowed = [...used].find((n) => declared.has(n));
    if (shadowed) return shadowed;
  }
  return undefined;
}

/** The edits, changes and markers that move each built-once stateless transport into its handlers. */
function perRequestTransports(sf: TS.SourceFile, ctx: Pick<CodemodContext, 'cachedServers'>): { edits: TextEdit[]; changes: Change[]; refusals: Array<{ pos: number; message: string }> } {
  const text = sf.text;
  const edits: TextEdit[] = [];
  const changes: Change[] = [];
  const refusals: Array<{ pos: number; message: string }> = [];
  // (Per construction, or per variable a local factory's call fills: one factory may fill several.)
  const seen = new Set<TS.Node>();
  // The handlers of the file's `all` routes, found once where a move needs them (postOnly).
  let allHandlers: Set<TS.Node> | undefined;
  const allMethods = () => (allHandlers ??= new Set(allRoutes(sf).flatMap((r) => (r.method === 'all' && r.handler ? [r.handler] : []))));
  const quote = quoteStyle(text);
  const unit = indentUnit(text);
  walk(sf, (node) => {
    if (!ts.isCallExpression(node) || calleeName(node) !== 'handleRequest') return undefined;
    const shared = sharedTransport(node);
    // (One each request assigns anew, held outside it, is a person's to make a local of the handler: manual.)
    if (!shared || !shared.stateless || !shared.sdk || shared.indirect || shared.reassigned || seen.has(shared.declaration ?? shared.construction)) return undefined;
    seen.add(shared.declaration ?? shared.construction);
    const found = builtOnce(shared.construction, sf, ctx, shared.declaration);
    if (!found) return undefined;
    if ('refuse' in found) {
      const why = found.refuse;
      // (At the variable a factory's call fills, not at the factory's `new`.)
      const at = shared.declaration ?? shared.construction;
      refusals.push({
        pos: (statementOf(at) ?? at).getStart(sf),
        message: isRefusalMarker(why) ? why : `\`${shared.name}\` is one stateless transport built once and shared by every request; it is not built per request because ${why}. Build the transport and a server per request in each handler (closed when the response ends), then run fix again`,
      });
      return undefined;
    }
    const { server, transport, connect, serving, names, guard } = found;
    const moved = (s: TS.Statement) => text.slice(startWithLeadingComments(s, sf), s.getEnd());
    const from = indentAt(text, (server ?? transport).getStart(sf));
    const connectText = ts.isAwaitExpression(connect.expression) ? moved(connect) : moved(connect).replace(/(^|\n)([ \t]*)(?![ \t]*\/\/)(\S)/, (_m, nl: string, ws: string, first: string) => `${nl}${ws}await ${first}`);
    let refused = 0;
    for (const { statement, response } of serving) {
      const to = indentAt(text, statement.getStart(sf));
      // An inline server (`await createServer().connect(transport)`) closes with its transport.
      const hook = closeOnResponse(response, [`${names.transport}.close()`, ...(names.server ? [`${names.server}.close()`] : [])], to, unit, quote);
      // A handler every method reaches refuses what is not POST before it builds them (postOnly).
      const check = postOnly(enclosingFunction(statement)!, quote, allMethods);
      if (check) refused++;
      const block = [...(check ? [`${to}${check}`] : []), ...[...(server ? [moved(server)] : []), moved(transport), connectText].map((s) => reindent(from + s.trimStart(), from, to)), ...hook].join('\n') + `\n${to}`;
      edits.push({ start: statement.getStart(sf), end: statement.getStart(sf), text: block.trimStart() });
    }
    // A connect made by the first request goes with its guard and flag.
    const removed = guard ? [guard.flag, guard.statement] : [connect];
    edits.push(...removeStatements([...(server ? [server] : []), transport, ...removed], sf));
    changes.push({
      line: lineOf(sf, transport.getStart(sf)),
      description: `one stateless transport (${names.transport}) and its server, built once and shared by every request, are built per request in ${serving.length === 1 ? 'the handler' : `the ${serving.length} handlers`} that serve${serving.length === 1 ? 's' : ''} through it (${names.server ?? `${names.factory}()`} from its factory, closed when the response ends${guard ? `; the \`${guard.name}\` flag that made the first request connect them is gone` : ''})${refused > 0 ? '; non-POST requests answer 405 before they are built (a GET would hold a stream open that nothing writes to)' : ''}`,
      safety: 'safe',
    });
    return undefined;
  });
  return { edits, changes, refusals };
}

/**
 * The 405 check for a handler every method reaches (an `all` route, a node:http callback) that
 * neither tests the method nor answers 405 itself: per request, a GET would otherwise open a
 * stream on a transport nothing writes to, held until the client gives up (trial 32A).
 */
function postOnly(handler: TS.FunctionLikeDeclaration, quote: "'" | '"', allMethods: () => ReadonlySet<TS.Node>): string | undefined {
  const node = isNodeServerCallback(handler);
  const everyMethod = node || allMethods().has(handler);
  const request = paramName(handler, 0);
  if (!everyMethod || !request || answers405(handler) || testsMethodOf(handler.body!, request)) return undefined;
  return postOnlyCheck(handler, quote, node ? 'node' : undefined);
}

/** The text with the moves applied (the same text when there are none), and markers where a transport stays. */
export function applyPerRequestTransports(text: string, sf: TS.SourceFile, ctx: Pick<CodemodContext, 'cachedServers'>): CodemodOutcome {
  const { edits, changes, refusals } = perRequestTransports(sf, ctx);
  const out = edits.length > 0 ? applyEdits(text, edits) : text;
  return { text: out, changes, markers: refusals.map((r) => ({ line: lineAfterEdits(out, r.pos, edits, text), message: r.message, link: SPEC_TRANSPORT })) };
}
