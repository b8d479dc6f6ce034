/**
 * A stdio server served with `serveStdio` (v2-handler, on a move to the v2 packages): the shape
 * of `await buildServer().connect(new StdioServerTransport())` it rewrites, shared with
 * server-factory, which first turns a module-level server into such a factory only where the
 * connect is in that shape (so it never moves a server serveStdio then leaves).
 *
 *   const transport = new StdioServerTransport();        serveStdio(() => buildServer());
 *   await buildServer().connect(transport);         →
 *
 * The server is built inline, or held by a `const` used for nothing else (in the connect's block,
 * or at the module's top level). The transport is inline in the connect, or a `const` used for nothing else; a transport over
 * streams of its own (`new StdioServerTransport(socket, socket)`) goes to serveStdio's `transport`
 * option. The connect is a statement of its own, awaited or not.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from '../../src/analysis/typescript.js';
import { calleeName, enclosingFunction, functionNameNode, isModuleVariable, referencesTo, resolveIdentifier, resolveInitializer, unwrap } from '../../src/analysis/ast.js';
import { cachedServerSource } from '../../src/rules/shared-server.js';
import { indentAt, lineOf, removeStatement, startWithLeadingComments } from './edits.js';
import type { Change, TextEdit } from '../types.js';

/** The construction of the transport a connect hands over: inline (`connect(new T())`) or a variable's initializer. */
export function connectedTransport(call: TS.CallExpression): TS.NewExpression | undefined {
  if (call.arguments.length === 0) return undefined;
  const arg = unwrap(call.arguments[0]);
  const built = ts.isNewExpression(arg) ? arg : resolveInitializer(arg);
  return built && ts.isNewExpression(built) ? built : undefined;
}

/** `new StdioServerTransport(...)`. */
export function isStdio(built: TS.NewExpression): boolean {
  return calleeName(built) === 'StdioServerTransport';
}

/** Whether a connect hands over a stdio transport (in any shape: connectSite's `stdio` case takes only serveStdio's). */
export function connectsStdio(call: TS.CallExpression): boolean {
  const built = connectedTransport(call);
  return !!built && isStdio(built);
}

/** Where a stdio transport is connected, in the shape serveStdio takes its place. */
interface StdioConnect {
  /** The connect statement (`await server.connect(transport);`). */
  statement: TS.ExpressionStatement;
  connect: TS.CallExpression;
  /** The `const transport = new StdioServerTransport()` statement, where the transport is held by one. */
  held?: TS.VariableStatement;
  /** The `.catch(...)` the connect's promise goes on to (`server.connect(transport).catch(fail)`), if any. */
  caught?: TS.CallExpression;
}

/** The statement declaring `decl` alone (`const x = ...;`) in a block or the file, when `only` is its one other reference. */
function soleUse(decl: TS.Node, only: TS.Node, sf: TS.SourceFile): TS.VariableStatement | undefined {
  if (!ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || !ts.isVariableDeclarationList(decl.parent) || decl.parent.declarations.length !== 1) return undefined;
  const statement = decl.parent.parent;
  if (!ts.isVariableStatement(statement) || !(ts.isBlock(statement.parent) || ts.isSourceFile(statement.parent)) || statement.modifiers?.length) return undefined;
  const refs = referencesTo(sf, decl as TS.VariableDeclaration & { name: TS.Identifier });
  return refs.length === 1 && refs[0] === only ? statement : undefined;
}

/** The connect of a `new StdioServerTransport(...)`, in the shape serveStdio replaces; undefined for any other. */
export function stdioConnect(transportNew: TS.NewExpression, sf: TS.SourceFile): StdioConnect | undefined {
  let argument: TS.Node = transportNew;
  let held: TS.VariableStatement | undefined;
  if (ts.isVariableDeclaration(transportNew.parent) && transportNew.parent.initializer === transportNew && ts.isIdentifier(transportNew.parent.name)) {
    const refs = referencesTo(sf, transportNew.parent as TS.VariableDeclaration & { name: TS.Identifier });
    held = refs.length === 1 ? soleUse(transportNew.parent, refs[0], sf) : undefined;
    if (!held) return undefined;
    argument = refs[0];
  }
  const connect = argument.parent;
  if (!ts.isCallExpression(connect) || connect.arguments.length !== 1 || connect.arguments[0] !== argument || calleeName(connect) !== 'connect' || !ts.isPropertyAccessExpression(unwrap(connect.expression))) return undefined;
  // Or its promise handed to a `.catch(...)` (`server.connect(new StdioServerTransport()).catch((e) =>
  // { console.error(e); process.exit(1); })`, trial 66C: a common ending of a stdio server's file).
  const chained = connect.parent;
  const caught = ts.isPropertyAccessExpression(chained) && chained.expression === connect && chained.name.text === 'catch' && ts.isCallExpression(chained.parent) && chained.parent.expression === chained ? chained.parent : undefined;
  const settled = caught ?? connect;
  const awaited = ts.isAwaitExpression(settled.parent) ? settled.parent : settled;
  const statement = awaited.parent;
  if (!ts.isExpressionStatement(statement)) return undefined;
  // Held before the connect, in the same block.
  if (held && (held.parent !== statement.parent || held.end > statement.pos)) return undefined;
  return { statement, connect, held, ...(caught ? { caught } : {}) };
}

/** What a marker says of a stdio server serveStdio cannot take as it is written, or undefined when nothing particular. */
type StdioMove = { edits: TextEdit[]; change: Change } | { refuse: string } | undefined;

/**
 * `serveStdio(() => buildServer())` in place of the connect: the server a factory's call builds,
 * inline or held by a const used for nothing else. A getter that hands out one kept server is
 * refused (the discover probe and the connection would share it). The comments of the statements
 * removed stay, in their order, above the new one and its own.
 */
export function servedStdio(transportNew: TS.NewExpression, sf: TS.SourceFile, cachedServers?: ReadonlySet<string>): StdioMove {
  const site = stdioConnect(transportNew, sf);
  if (!site) return undefined;
  const { statement, connect, held, caught } = site;
  const removed: TS.Statement[] = held ? [held] : [];
  let server = unwrap((unwrap(connect.expression) as TS.PropertyAccessExpression).expression);
  if (ts.isIdentifier(server)) {
    const decl = resolveIdentifier(server);
    const heldServer = decl && soleUse(decl, server, sf);
    const init = heldServer && ts.isVariableDeclaration(decl!) && decl.initializer ? unwrap(decl.initializer) : undefined;
    // Held in the connect's block before it, or at the module's top level (`const server =
    // buildServer()` beside a run() that connects it to stdio or else serves HTTP, trial 53C B4).
    const before = heldServer && (heldServer.parent === statement.parent || ts.isSourceFile(heldServer.parent)) && heldServer.end <= statement.pos;
    if (!heldServer || !init || !before) return builtWhere(decl) ?? usedElsewhere(decl, server, sf);
    removed.push(heldServer);
    server = init;
  }
  if (ts.isAwaitExpression(server) || !ts.isCallExpression(server) || !ts.isIdentifier(unwrap(server.expression))) return undefined;
  const cached = cachedServerSource(server, cachedServers);
  if (cached) return { refuse: `${cached}() hands out one kept server, and serveStdio calls its factory for the connection and once more for a discover probe: make ${cached}() build a new server on every call, then run fix again` };
  // The connect's `.catch(...)` goes with it: serveStdio returns a handle, not a promise. (Not one
  // with comments of its own, which would be lost with it.)
  const handlerText = caught ? caught.arguments.map((a) => a.getText(sf)).join(', ') : '';
  if (caught && hasComments(caught, sf)) return undefined;
  const caughtNote = caught ? `; the connect's .catch(${handlerText.length > 60 ? `${handlerText.slice(0, 60)}...` : handlerText}) goes with it: serveStdio returns a handle, not a promise (errors of the connection reach its onerror option)` : '';
  const factory = server.getText(sf);
  // A transport over streams of its own: serveStdio takes it as its `transport` option.
  const streams = transportNew.arguments && transportNew.arguments.length > 0 ? `, { transport: ${transportNew.getText(sf)} }` : '';
  const text = sf.text;
  const indent = indentAt(text, statement.getStart(sf));
  // Their comments in the order they were written, above the connect's own (trial 46C B3: they came reversed, below it).
  const comments = [...removed].sort((a, b) => a.pos - b.pos).flatMap((r) => commentsOf(r, sf)).map((c) => `${c}\n${indent}`).join('');
  const above = startWithLeadingComments(statement, sf);
  const edits: TextEdit[] = [
    ...(comments ? [{ start: above, end: above, text: comments }] : []),
    { start: statement.getStart(sf), end: statement.getEnd(), text: `serveStdio(() => ${factory}${streams});` },
    ...removed.map((r) => removeStatement(r, sf)),
  ];
  return {
    edits,
    change: {
      line: lineOf(sf, statement.getStart(sf)),
      description: `serves stdio with serveStdio(() => ${factory}${streams}): it answers 2026-07-28 clients (server/discover) and 2025 ones (initialize) alike, building a server from the factory for the connection, and one more for a discover probe; keep process-wide set-up out of the factory${caughtNote}`,
      safety: 'review',
    },
  };
}

/** Whether a call's arguments hold a comment (read with TypeScript's scanner: not a `//` in a string). */
function hasComments(call: TS.CallExpression, sf: TS.SourceFile): boolean {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, sf.text.slice(call.expression.getEnd(), call.getEnd()));
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.SingleLineCommentTrivia || token === ts.SyntaxKind.MultiLineCommentTrivia) return true;
  }
  return false;
}

/** The comments a statement carries, above it and after it on its line, as written. */
function commentsOf(statement: TS.Statement, sf: TS.SourceFile): string[] {
  const text = sf.text;
  const above = text.slice(startWithLeadingComments(statement, sf), statement.getStart(sf)).trim();
  const trailing = (ts.getTrailingCommentRanges(text, statement.getEnd()) ?? []).map((r) => text.slice(r.pos, r.end));
  return [...(above ? above.split('\n').map((l) => l.trim()) : []), ...trailing];
}

/**
 * What a marker says of a module-level server the connect's is, used elsewhere too (trial 54C B2:
 * a shutdown handler's `server.close()`): serveStdio returns a handle whose close() ends the
 * connection, which that code can call instead.
 */
function usedElsewhere(decl: TS.Node | undefined, server: TS.Identifier, sf: TS.SourceFile): StdioMove {
  // (The module's own: one built in a function, an IIFE say, is no module's one server, read-through 71.)
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || !isModuleVariable(decl)) return undefined;
  const other = referencesTo(sf, decl as TS.VariableDeclaration & { name: TS.Identifier }).find((ref) => ref !== server && isCloseCall(ref));
  if (!other) return undefined;
  const call = other.parent.parent as TS.CallExpression;
  return {
    refuse: `serve stdio with serveStdio(factory) of the @modelcontextprotocol/server/stdio module, where factory builds the server and registers its tools: here \`${server.text}\` is the module's one server, and \`${call.getText(sf)}\` closes it. Move what builds it and registers its tools into a function (createServer()), serve that with \`const stdio = serveStdio(() => createServer())\`, and call \`stdio.close()\` where it was closed, then run fix again`,
  };
}

/** `server.close()`: a reference that is the receiver of a close() call. */
function isCloseCall(ref: TS.Identifier): boolean {
  const access = ref.parent;
  return ts.isPropertyAccessExpression(access) && access.expression === ref && access.name.text === 'close' && ts.isCallExpression(access.parent) && access.parent.expression === access;
}

/** Where a server held by a variable is built in a function (`const server = new McpServer(...)` in main()): what the marker names. */
function builtWhere(decl: TS.Node | undefined): StdioMove {
  const fn = decl && enclosingFunction(decl);
  const name = fn && functionNameNode(fn)?.getText();
  return name ? { refuse: `serve stdio with serveStdio(factory) of the @modelcontextprotocol/server/stdio module, where factory builds the server and registers its tools (it runs for the connection and once more for a discover probe): here the server is built in ${name}(), so move the part that builds it into a function of its own, hand that to serveStdio, then run fix again` } : undefined;
}
