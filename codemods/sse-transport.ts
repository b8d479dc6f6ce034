/**
 * sse-transport (any target): moves the legacy HTTP+SSE transport to Streamable HTTP.
 *
 *   before: app.get('/sse', ...)      new SSEServerTransport('/messages', res), kept in a map by
 *                                      transport.sessionId, connected to a server built per stream
 *           app.post('/messages', ...) map[req.query.sessionId].handlePostMessage(req, res, req.body)
 *   after:  app.post('/mcp', ...)     a new StreamableHTTPServerTransport({ sessionIdGenerator:
 *                                      undefined }) and a new server (the SSE route's own factory)
 *                                      for every request, both closed when the response closes
 *           GET /sse, POST /messages  answer 410 Gone with a JSON-RPC error naming POST /mcp, so
 *                                      clients still configured with the old URL learn the new one
 *                                      (instead of a bare 404); the map and the import go.
 *
 * A server that already serves Streamable HTTP beside SSE keeps that route; only the SSE part goes.
 * On v2 files (SSEServerTransport from @modelcontextprotocol/server-legacy/sse) the new route uses
 * NodeStreamableHTTPServerTransport from @modelcontextprotocol/node, in the same per-request shape
 * that v2-handler turns into createMcpHandler; on 2026-07-28 this codemod must run before it.
 *
 * Everything here changes the URL clients use, so every rewrite is tagged `review` (and skipped,
 * with a marker, under --safe-only). What it cannot follow is marked instead of guessed: a server
 * shared by every SSE stream, node:http / hono / fastify shapes, handlers doing more than wiring,
 * a POST half it cannot find. `new SSEClientTransport(url)` is marked (clients are not rewritten),
 * unless the file already connects with StreamableHTTPClientTransport (SSE as a fallback).
 */
import type { ts as TS } from 'ts-morph';
import { ts } from '../src/analysis/typescript.js';
import { calleeName, codeSnippet, constantString, enclosingClass, enclosingFunction, importOf, isLogStatement, isModuleVariable, isNullish, referencesTo, resolveFunction, resolveIdentifier, unwrap, walk } from '../src/analysis/ast.js';
import { memberValueType, type SessionFacts } from '../src/analysis/session.js';
import { applyEdits, firstPropertyEdit, indentAt, indentUnit, inQuotes, lineInRewrite, lineOf, lineStart, quoteStyle, reindent, removeListElement, removeStatement, startWithLeadingComments } from './lib/edits.js';
import { allRoutes, closeOnResponse, handlerStyle, methodNotAllowed, paramName, unusedRequest, V1_STATELESS_HTTP, type Route } from './lib/http.js';
import { importStatement, importStyle, insertStatement, isReferenced, moduleImports, removeUnusedBindings, SDK_HANDLER_ALIASES, type ModuleImport } from './lib/imports.js';
import { parseFile } from '../src/analysis/parse.js';
import { deliversToSseTransport, isSseTransportClass, usesSseTransport } from '../src/analysis/sse.js';
import { withoutComments } from '../src/analysis/mcp.js';
import { handlerSseKeptOn, leavesMcpHandlerSseOn, MCP_HANDLER_IMPORT } from '../src/rules/sse-routing.js';
import { isSseOnlyMap, sessionBookkeeping } from '../src/rules/session-map.js';
import { factoryPerRequest, perRequestRefusal, serverFactoryName } from '../src/rules/shared-server.js';
import { statementHead, statementOf } from './lib/syntax.js';
import { codeSpan } from './lib/messages.js';
import { askingNote, statelessConsequences, toolsAskingClient } from './lib/consequences.js';
import type { Change, CodeCodemod, CodemodContext, Marker, TextEdit } from './types.js';

const SPEC_TRANSPORTS = 'https://modelcontextprotocol.io/specification/2026-07-28/basic/transports';
const SSE_SERVER = 'SSEServerTransport';
const NEW_ENDPOINT = '/mcp';
const ADVICE =
  'serve Streamable HTTP instead, one POST endpoint with a new StreamableHTTPServerTransport({ sessionIdGenerator: undefined }) and a new server per request, and answer the old SSE paths with 410 naming it';
/** On the 2026-07-28 target a hand-made stateless transport still speaks 2025 only: the serving entry does not. */
const ADVICE_2026 =
  'serve one POST endpoint with createMcpHandler(() => buildServer()) from @modelcontextprotocol/server (a new server per request; toNodeHandler on Node), and answer the old SSE paths with 410 naming it';

interface PendingMarker {
  pos: number;
  message: string;
}

/** Whether code names `name` (a variable, or a map one object holds: `transports.sse`). */
function mentions(node: TS.Node | string, name: string): boolean {
  return new RegExp(`(^|[^\\w$.])${name.replace(/[$.]/g, '\\$&')}(?![\\w$])`).test(typeof node === 'string' ? node : codeText(node));
}

/** A node's text with what its string literals and templates say blanked out: a log message that says "transport" names no variable (trial 35C). */
function codeText(node: TS.Node): string {
  const sf = node.getSourceFile();
  const start = node.getStart(sf);
  let text = node.getText(sf);
  walk(node, (n) => {
    if (!ts.isStringLiteral(n) && !ts.isNoSubstitutionTemplateLiteral(n) && !ts.isTemplateHead(n) && !ts.isTemplateMiddle(n) && !ts.isTemplateTail(n)) return undefined;
    const from = n.getStart(sf) - start;
    const to = n.getEnd() - start;
    text = text.slice(0, from) + ' '.repeat(to - from) + text.slice(to);
    return false;
  });
  return text;
}

/** The route registered with `fn` as its handler (inline, or by name). */
function routeServedBy(fn: TS.FunctionLikeDeclaration | undefined, routes: Route[]): Route | undefined {
  return fn ? routes.find((r) => r.handler === fn) : undefined;
}

function containsCall(node: TS.Node, name: string): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (ts.isCallExpression(n) && calleeName(n) === name) found = true;
    return undefined;
  });
  return found;
}

/**
 * The name of a function of this file that a route's handler calls and that serves the legacy SSE
 * transport (builds an SSEServerTransport or posts to one with handlePostMessage).
 */
function sseHelperCalled(route: Route, sf: TS.SourceFile): string | undefined {
  if (!route.handler) return undefined;
  let found: string | undefined;
  const visit = (node: TS.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const fn = resolveFunction(node.expression);
      if (fn && fn.getSourceFile() === sf && /\bnew\s+SSEServerTransport\b|\.handlePostMessage\s*\(/.test(fn.getText())) found = node.expression.text;
    }
    ts.forEachChild(node, visit);
  };
  visit(route.handler);
  return found;
}

const SERVES_STREAMABLE = /\.handleRequest\(|StreamableHTTPServerTransport\b/;

/** A call of the v2 entry points that make a handler, or of the aliases v2-handler imports them as. */
const MAKES_HANDLER = new RegExp(`\\b(toNodeHandler|createMcpHandler|${SDK_HANDLER_ALIASES.toNodeHandler}\\d*|${SDK_HANDLER_ALIASES.createMcpHandler}\\d*)\\(`);

/** Whether a route handler already serves Streamable HTTP (a server with both transports), itself or through the method it hands the request to. */
function servesStreamableHttp(route: Route, facts: SessionFacts): boolean {
  const fn = route.handler;
  if (!fn) return false;
  // Its code, not a comment that names the class (`// could be a StreamableHTTPServerTransport`).
  if (SERVES_STREAMABLE.test(withoutComments(fn.getText()))) return true;
  // Or a method of this class or function of this file it hands the request to (`this.handleStreamable(req, res)`).
  let delegated = false;
  walk(fn, (n) => {
    if (delegated) return false;
    const target = ts.isCallExpression(n) ? facts.callTarget(n) : undefined;
    if (target && target !== fn && SERVES_STREAMABLE.test(withoutComments(target.getText()))) delegated = true;
    return undefined;
  });
  if (delegated) return true;
  // `app.all('/mcp', (req, res) => void mcpHandler(req, res, req.body))` with `mcpHandler = toNodeHandler(createMcpHandler(...))`.
  let viaHandler = false;
  walk(fn, (n) => {
    if (viaHandler || !ts.isCallExpression(n) || !ts.isIdentifier(unwrap(n.expression))) return;
    const decl = resolveIdentifier(unwrap(n.expression) as TS.Identifier);
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && MAKES_HANDLER.test(decl.initializer.getText())) viaHandler = true;
  });
  return viaHandler;
}

/**
 * Whether two routes may be set up on the same app or router: only provably separate apps are
 * not, two apps each built in a function of its own (`function startSse() { const app = express();
 * ... }` beside `function startHttp() { const app = express(); ... }`: the server's two modes). A
 * router mounted on the app, or one app handed to two helpers, may be the same.
 */
function sameReceiver(a: Route, b: Route): boolean {
  const built = (r: Route) => {
    const callee = unwrap(r.call.expression);
    const receiver = ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : undefined;
    const decl = receiver && ts.isIdentifier(receiver) ? resolveIdentifier(receiver) : undefined;
    const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
    return init && (ts.isCallExpression(init) || ts.isNewExpression(init)) ? decl : undefined;
  };
  const x = built(a);
  const y = built(b);
  if (!x || !y || x === y) return true;
  const fx = enclosingFunction(x);
  const fy = enclosingFunction(y);
  return !fx || !fy || fx === fy;
}

/** `transports[transport.sessionId] = transport`, `transports.set(...)`, `delete transports[...]`, close hooks. */
function isBookkeeping(statement: TS.Statement, transportName: string, maps: Set<string>): boolean {
  if (!ts.isExpressionStatement(statement)) return false;
  const expr = unwrap(statement.expression);
  const onMap = (node: TS.Node) => maps.has(unwrap(node).getText().replace(/^this\./, ''));
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = unwrap(expr.left);
    if (ts.isElementAccessExpression(left) && onMap(left.expression)) return true;
    if (ts.isPropertyAccessExpression(left) && left.expression.getText() === transportName && (left.name.text === 'onclose' || left.name.text === 'onerror')) return true;
  }
  if (ts.isDeleteExpression(expr)) {
    const target = unwrap(expr.expression);
    return ts.isElementAccessExpression(target) && onMap(target.expression);
  }
  if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(unwrap(expr.expression))) {
    const callee = unwrap(expr.expression) as TS.PropertyAccessExpression;
    if ((callee.name.text === 'set' || callee.name.text === 'delete') && onMap(callee.expression)) return true;
    // res.on('close', () => { delete transports[transport.sessionId]; })
    if ((callee.name.text === 'on' || callee.name.text === 'once') && /^['"]close['"]$/.test(expr.arguments[0]?.getText() ?? '')) return true;
  }
  return false;
}

/** What the GET handler that opens the SSE stream does, statement by statement. */
interface SseEndpoint {
  route: Route;
  construction: TS.NewExpression;
  fn: TS.FunctionLikeDeclaration;
  transportName: string;
  /** `await server.connect(transport);` */
  connect: TS.Statement;
  /** The per-request server variable the handler declares, when it has one. */
  serverName?: string;
  /** Statements that build the server (kept, in order, in the new route). */
  carried: TS.Statement[];
  /** Whether the handler wrapped its work in try/catch (the new route does too). */
  guarded: boolean;
  /** The messages path the transport announces (`/messages`). */
  messagesPath?: string;
}

type Analysis = { ok: true; endpoint: SseEndpoint } | { ok: false; marker: PendingMarker };

/** The module-level variable an SSE transport is assigned to (`let transport; ... transport = new SSEServerTransport(...)`). */
function globalTransport(holder: TS.Node, construction: TS.NewExpression): string | undefined {
  if (!ts.isBinaryExpression(holder) || holder.operatorToken.kind !== ts.SyntaxKind.EqualsToken || unwrap(holder.right) !== construction) return undefined;
  if (!ts.isIdentifier(holder.left) || !ts.isExpressionStatement(holder.parent)) return undefined;
  const decl = resolveIdentifier(holder.left);
  if (!isModuleVariable(decl)) return undefined;
  return declaredEmpty(decl) ? holder.left.text : undefined;
}

/** `let transport;`, `= undefined` or `= null`: a variable for a value set later, not a collection. */
function declaredEmpty(decl: TS.VariableDeclaration): boolean {
  const init = decl.initializer ? unwrap(decl.initializer) : undefined;
  return !init || isNullish(init);
}

/** `routes`: the file's routes whose paths are written out; `named`: those whose path is a name (`app.get(endpoint, ...)`). */
function analyseEndpoint(construction: TS.NewExpression, routes: Route[], named: Route[], maps: Set<string>, sf: TS.SourceFile): Analysis {
  const fail = (node: TS.Node, message: string): Analysis => ({ ok: false, marker: { pos: node.getStart(sf), message } });
  const manual = `legacy HTTP+SSE endpoint (sessionful; it can never serve 2026-07-28) in a shape this codemod does not rewrite: ${ADVICE}`;
  const fn = enclosingFunction(construction);
  const route = routeServedBy(fn, routes);
  // A route whose path is a name (`app.get(endpoint, ...)`): which path to retire is not known here.
  const byName = route ? undefined : routeServedBy(fn, named);
  if (byName) {
    return fail(construction, `legacy HTTP+SSE endpoint (sessionful; it can never serve 2026-07-28) on a route whose path is ${codeSpan(byName.path)}, not written out, so this codemod cannot tell which path to retire: write the path as a string (${codeSpan(`${codeSnippet(unwrap(byName.call.expression), 40)}('/sse', ...)`)}) and run fix again, or ${ADVICE}`);
  }
  if (!fn || !route || !fn.body || !ts.isBlock(fn.body)) return fail(construction, manual);
  if (handlerStyle(fn) !== 'express' || (route.method !== 'get' && route.method !== 'all')) return fail(construction, manual);
  if (routes.filter((r) => r.handler === fn).length > 1) return fail(construction, manual);
  const holder = construction.parent;
  let transportName: string;
  if (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) && holder.initializer && unwrap(holder.initializer) === construction) transportName = holder.name.text;
  else {
    // `transport = new SSEServerTransport(...)` into one module-level `let transport` (the SDK
    // README's shape: the last stream opened gets every POST). It goes with the endpoints, like a map.
    const global = globalTransport(holder, construction);
    if (!global) return fail(construction, manual);
    transportName = global;
    maps.add(global);
  }
  const transportStatement = statementOf(construction)!;
  // Untyped maps (`const transports = {}`) are known by what is stored in them.
  walk(fn.body, (n) => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && n.right.getText() === transportName && ts.isElementAccessExpression(unwrap(n.left))) {
      const target = (unwrap(n.left) as TS.ElementAccessExpression).expression;
      if (ts.isIdentifier(target) || heldMap(target)) maps.add(target.getText());
    }
    if (ts.isCallExpression(n) && calleeName(n) === 'set' && n.arguments[1]?.getText() === transportName) {
      const target = (unwrap(n.expression) as TS.PropertyAccessExpression).expression;
      if (ts.isIdentifier(target) || heldMap(target)) maps.add(target.getText());
    }
  });
  const responseName = paramName(fn, 1);
  if (!responseName) return fail(construction, manual);

  // The statements to read: the body, or the body around one try block holding the transport.
  let statements: TS.Statement[] = [...fn.body.statements];
  let guarded = false;
  if (transportStatement.parent !== fn.body) {
    const tryBlock = transportStatement.parent;
    const tryStatement = tryBlock.parent;
    if (!ts.isBlock(tryBlock) || !ts.isTryStatement(tryStatement) || tryStatement.tryBlock !== tryBlock || tryStatement.parent !== fn.body || tryStatement.finallyBlock) return fail(construction, manual);
    const at = statements.indexOf(tryStatement);
    statements = [...statements.slice(0, at), ...tryBlock.statements, ...statements.slice(at + 1)];
    guarded = true;
  }

  let connect: TS.Statement | undefined;
  let serverName: string | undefined;
  const carried: TS.Statement[] = [];
  for (const s of statements) {
    if (s === transportStatement) continue;
    const usesTransport = mentions(s, transportName) || [...maps].some((m) => mentions(s, m));
    let connectCall: TS.CallExpression | undefined;
    walk(s, (n) => {
      if (!connectCall && ts.isCallExpression(n) && calleeName(n) === 'connect' && n.arguments.length === 1 && n.arguments[0].getText() === transportName) connectCall = n;
    });
    if (connectCall && ts.isExpressionStatement(s) && !connect) {
      connect = s;
      const receiver = unwrap((unwrap(connectCall.expression) as TS.PropertyAccessExpression).expression);
      if (ts.isIdentifier(receiver)) {
        const decl = resolveIdentifier(receiver);
        const local = decl && decl.pos >= fn.body.pos && decl.end <= fn.body.end && ts.isVariableDeclaration(decl) && carried.includes(statementOf(decl)!);
        if (!local) {
          // Out of a factory called once (`const { server } = await createServer()`): the factory exists, its one call is the problem.
          const factory = serverFactoryName(receiver);
          const advice = factory ? factoryPerRequest(factory) : 'move its setup into a factory that builds a new server per request';
          return fail(
            connectCall,
            `\`${receiver.text}\` is one server shared by every SSE stream (an SDK server, McpServer or Server, holds one transport at a time, so concurrent clients already interfere): ${advice}, connect that, then run fix again to move the endpoint to Streamable HTTP`,
          );
        }
        serverName = receiver.text;
      } else if (!ts.isCallExpression(receiver) && !ts.isNewExpression(receiver)) {
        return fail(connectCall, manual);
      }
      // A server per request that ends the process when it closes would end it with the first request.
      // (Nor can one that keeps a browser for its session: perRequestRefusal.)
      const refusal = perRequestRefusal(receiver);
      if (refusal) return fail(connectCall, refusal);
      continue;
    }
    if (usesTransport) {
      if (isBookkeeping(s, transportName, maps) || isLogStatement(s)) continue;
      return fail(construction, `this endpoint's handler uses the SSE transport or its map in a way the codemod does not follow (${codeSpan(statementHead(s))}), so the legacy HTTP+SSE endpoint was not rewritten: ${ADVICE}`);
    }
    // Stream logging and keep-alive writes belong to the SSE response, not to a POST.
    // (console's or a logger's: `logger.info('GET /sse (deprecated SSE transport)')`, trial 35C.)
    if (isLogStatement(s) && /sse|stream|session/i.test(s.getText())) continue;
    // A check of the request that answers before any stream exists (`if (!token) { res.status(401)
    // .send(...); return; }`): the same check, the same answer, on the POST.
    if (transportStatement && s.end <= transportStatement.pos && earlyRefusal(s, responseName)) {
      carried.push(s);
      continue;
    }
    // `res.locals` (what auth middleware left for the handler) is the same on a POST.
    if (mentions(s.getText().replace(new RegExp(`\\b${responseName}\\.locals\\b`, 'g'), ''), responseName) || ts.isReturnStatement(s)) {
      return fail(construction, `this endpoint's handler works on the SSE response stream (${codeSpan(statementHead(s))}: keep-alive, events, early answers), which Streamable HTTP does not have, so the legacy HTTP+SSE endpoint was not rewritten: ${ADVICE}`);
    }
    carried.push(s);
  }
  if (!connect) return fail(construction, manual);
  return { ok: true, endpoint: { route, construction, fn, transportName, connect, serverName, carried, guarded, messagesPath: constantString(construction.arguments?.[0])?.replace(/[?#].*$/, '') } };
}

/** The JSDoc `@type {...}` written on a declaration in JavaScript (`/** @type {{[id: string]: SSEServerTransport}} *\/`). */
function jsDocType(node: TS.Node): string {
  const statement = ts.isVariableDeclaration(node) ? node.parent.parent : node;
  const text = statement.getSourceFile().text;
  const leading = text.slice(statement.getFullStart(), statement.getStart());
  return /@type\s*\{([^\n]*)\}/.exec(leading)?.[1] ?? '';
}

/** `const x: Record<string, SSEServerTransport> = {}`, `new Map<string, SSEServerTransport>()`. */
function sseMapNames(sf: TS.SourceFile): Set<string> {
  const names = new Set<string>();
  walk(sf, (node) => {
    if ((ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) && (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name))) {
      // The declared type, or the type arguments of the collection it is made from (`new Map<string, SSEServerTransport>()`);
      // not a function that constructs an SSE transport (`const sseHandler = async (req, res) => { new SSEServerTransport(...) }`).
      const init = node.initializer ? unwrap(node.initializer) : undefined;
      const typeArgs = init && ts.isNewExpression(init) && calleeName(init) !== SSE_SERVER ? (init.typeArguments?.map((t) => t.getText()).join(', ') ?? '') : '';
      const raw = node.initializer;
      const asserted = raw && (ts.isAsExpression(raw) || ts.isSatisfiesExpression(raw)) ? raw.type.getText() : '';
      const typeText = `${node.type?.getText() ?? ''} ${typeArgs} ${asserted} ${jsDocType(node)}`;
      if (new RegExp(`\\b${SSE_SERVER}\\b`).test(typeText)) names.add(node.name.text);
      // One object holding a map per transport (the SDK README's `const transports = { streamable: {}
      // as Record<...>, sse: {} as Record<string, SSEServerTransport> }`): `transports.sse`.
      if (ts.isVariableDeclaration(node) && init && ts.isObjectLiteralExpression(init)) {
        for (const p of init.properties) {
          if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name)) continue;
          if (new RegExp(`\\b${SSE_SERVER}\\b`).test(memberValueType(p.initializer) ?? '')) names.add(`${node.name.text}.${p.name.text}`);
        }
      }
    }
  });
  return names;
}

/** `transports.sse`: a map one module-level object holds (see sseMapNames). */
function heldMap(node: TS.Node): boolean {
  const n = unwrap(node);
  return ts.isPropertyAccessExpression(n) && ts.isIdentifier(unwrap(n.expression)) && isModuleVariable(resolveIdentifier(unwrap(n.expression) as TS.Identifier));
}

function isV2File(sf: TS.SourceFile): boolean {
  let v1 = false;
  let v2 = false;
  walk(sf, (n) => {
    const module = ts.isImportDeclaration(n) ? constantString(n.moduleSpecifier) : ts.isCallExpression(n) && calleeName(n) === 'require' ? constantString(n.arguments[0]) : undefined;
    if (!module) return;
    if (module.startsWith('@modelcontextprotocol/sdk')) v1 = true;
    if (/^@modelcontextprotocol\/(server|node|express|hono|server-legacy)(\/|$)/.test(module)) v2 = true;
  });
  return v2 && !v1;
}

/** The import (or require) that brings SSEServerTransport in: where the new transport import goes. */
function sseImport(sf: TS.SourceFile): ModuleImport | undefined {
  return moduleImports(sf).find((i) => i.named?.some((e) => e.name.getText() === SSE_SERVER));
}

/** Whether an import or require binds `name`. */
function importsName(sf: TS.SourceFile, name: string): boolean {
  return moduleImports(sf).some((i) => i.named?.some((e) => e.name.getText() === name));
}

/** One statement answering 410 Gone, naming the endpoint that replaced this one. */
function gone(responseName: string, endpoint: string, format: Format): string {
  return inQuotes(`${responseName}.status(410).json({ jsonrpc: '2.0', error: { code: -32000, message: 'This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST ${endpoint}' }, id: null });`, format.quote);
}

/** How code the codemod writes looks in this file: its quotes and indentation unit (found once per file). */
interface Format {
  quote: "'" | '"';
  unit: string;
}

/** Replaces a route handler's body with one statement (or the handler argument when the function is shared). */
function replaceHandler(route: Route, statement: (response: string) => string, text: string, sf: TS.SourceFile, edits: TextEdit[], format: Format): void {
  const fn = route.handler!;
  const unit = format.unit;
  const responseName = paramName(fn, 1);
  if (fn.body && ts.isBlock(fn.body) && responseName) {
    const indent = indentAt(text, fn.body.getStart(sf));
    edits.push({ start: fn.body.getStart(sf), end: fn.body.getEnd(), text: `{\n${indent}${unit}${statement(responseName)}\n${indent}}` });
    unusedRequest(fn, sf, edits);
    return;
  }
  const indent = indentAt(text, route.call.getStart(sf));
  edits.push({ start: route.handlerArg.getStart(sf), end: route.handlerArg.getEnd(), text: `(_req, res) => {\n${indent}${unit}${statement('res')}\n${indent}}` });
}

/** The parameter list of the new POST route, from the SSE handler's (an unused `_req` becomes `req`). */
function routeParameters(fn: TS.FunctionLikeDeclaration): { text: string; request: string; response: string } {
  const [first, second] = fn.parameters;
  const rename = (p: TS.ParameterDeclaration | undefined, fallback: string) => {
    if (!p || !ts.isIdentifier(p.name)) return { name: fallback, text: fallback };
    const name = /^_+$/.test(p.name.text) || /^_\w/.test(p.name.text) ? p.name.text.replace(/^_+/, '') || fallback : p.name.text;
    return { name, text: `${name}${p.type ? `: ${p.type.getText()}` : ''}` };
  };
  const req = rename(first, 'req');
  const res = rename(second, 'res');
  return { text: `${req.text}, ${res.text}`, request: req.name, response: res.name };
}

/**
 * The middleware the legacy routes run before their handlers (`app.get('/sse', requireAuth, ...)`,
 * `app.post('/messages', rejectDnsRebinding, requireAuth, ...)`): the new route runs them all, the
 * message route's first (what it replaces), or it would serve what they guarded (an auth check) to anyone.
 */
function legacyMiddleware(routes: readonly Route[]): string[] {
  const found: string[] = [];
  for (const route of routes) {
    for (const arg of route.call.arguments.slice(1, -1)) {
      const text = arg.getText();
      if (!found.includes(text)) found.push(text);
    }
  }
  return found;
}

/**
 * The text of the new `POST /mcp` route: the SSE route's own server construction, per request.
 * `passBody`: whether the old POST handed handlePostMessage the parsed body (`req.body`): a JSON
 * body parser ran before it. Where it did not, the transport reads the request itself, as the old
 * one did; `req.body` would be what another parser left (`{}` from express.urlencoded(): every
 * request a parse error; trial 20A).
 */
function newRoute(endpoint: SseEndpoint, transportClass: string, text: string, sf: TS.SourceFile, format: Format, answerGet: boolean, middleware: readonly string[], passBody: boolean): string {
  const { unit, quote: q } = format;
  const base = indentAt(text, endpoint.route.call.getStart(sf));
  const body = base + unit + (endpoint.guarded ? unit : '');
  const receiver = (unwrap(endpoint.route.call.expression) as TS.PropertyAccessExpression).expression.getText();
  const params = routeParameters(endpoint.fn);
  const oldRequest = endpoint.fn.parameters[0] && ts.isIdentifier(endpoint.fn.parameters[0].name) ? endpoint.fn.parameters[0].name.text : undefined;
  const lines: string[] = [];
  for (const s of [...endpoint.carried]) {
    const from = indentAt(text, s.getStart(sf));
    let block = text.slice(startWithLeadingComments(s, sf), s.getEnd());
    if (oldRequest && oldRequest !== params.request) block = block.replace(new RegExp(`\\b${oldRequest}\\b`, 'g'), params.request);
    lines.push(body + reindent(block, from, body).replace(/^[ \t]*/, ''));
  }
  const t = endpoint.transportName;
  lines.push(`${body}const ${t} = new ${transportClass}({ sessionIdGenerator: undefined });`);
  lines.push(...closeOnResponse(params.response, [`${t}.close()`, ...(endpoint.serverName ? [`${endpoint.serverName}.close()`] : [])], body, unit, q));
  lines.push(body + endpoint.connect.getText().replace(/\n[ \t]*/g, ' '));
  lines.push(`${body}await ${t}.handleRequest(${params.request}, ${params.response}${passBody ? `, ${params.request}.body` : ''});`);
  let inner = lines.join('\n');
  if (endpoint.guarded) {
    const guard = base + unit;
    const handler =
      `${guard}} catch (error) {\n` +
      `${guard}${unit}console.error('Error handling MCP request:', error);\n` +
      `${guard}${unit}if (!${params.response}.headersSent) {\n` +
      `${guard}${unit}${unit}${params.response}.status(500).json({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: null });\n` +
      `${guard}${unit}}\n${guard}}`;
    inner = `${guard}try {\n${inner}\n${inQuotes(handler, q)}`;
  }
  // GET and DELETE on the new endpoint answer 405, as a sessionless Streamable HTTP endpoint must
  // (a 2025 client opening its GET stream reads 405 as "none here"; the framework's 404 is an error).
  // The request unread there: `_req`, as noUnusedParameters wants.
  const answer405 = (method: string) => `${base}${receiver}.${method}(${q}${NEW_ENDPOINT}${q}, (_${params.text}) => {\n${base}${unit}${methodNotAllowed('express', params.response, q)}\n${base}});\n`;
  const others = [...(answerGet ? ['get'] : []), 'delete'].map(answer405).join('');
  return (
    `${base}// Streamable HTTP: a new transport and server for every request (replaces the HTTP+SSE endpoints).\n` +
    `${base}${receiver}.post(${q}${NEW_ENDPOINT}${q}, ${middleware.map((m) => `${m}, `).join('')}async (${params.text}) => {\n${inner}\n${base}});\n` +
    `${base}// No sessions: no GET stream to open, no session to DELETE.\n${others}\n`
  );
}

/** `StreamableHTTPServerTransport | SSEServerTransport` → `StreamableHTTPServerTransport`. */
function unionEdits(sf: TS.SourceFile, replaced: TextEdit[]): TextEdit[] {
  const edits: TextEdit[] = [];
  const inReplaced = (n: TS.Node) => replaced.some((r) => n.getStart(sf) >= r.start && n.getEnd() <= r.end);
  walk(sf, (node) => {
    if (!ts.isUnionTypeNode(node) || inReplaced(node)) return;
    const types = node.types;
    types.forEach((t, i) => {
      if (!ts.isTypeReferenceNode(t) || t.typeName.getText() !== SSE_SERVER || types.length < 2) return;
      edits.push(i > 0 ? { start: types[i - 1].getEnd(), end: t.getEnd(), text: '' } : { start: t.getStart(sf), end: types[1].getStart(sf), text: '' });
    });
  });
  return edits;
}

/**
 * `if (test) { res.status(400).send('...'); return; }` (or `return res.status(401).json(...)`): an
 * answer to a request that fails a check, made before the stream is opened; no else.
 */
function earlyRefusal(s: TS.Statement, responseName: string): boolean {
  if (!ts.isIfStatement(s) || s.elseStatement) return false;
  const body = ts.isBlock(s.thenStatement) ? [...s.thenStatement.statements] : [s.thenStatement];
  const answers = (e: TS.Node | undefined): boolean => !!e && new RegExp(`^${responseName}\\s*\\.\\s*(status|sendStatus|send|json|end|writeHead)\\b`).test(e.getText());
  const last = body[body.length - 1];
  if (!last || !ts.isReturnStatement(last)) return false;
  if (last.expression && !answers(unwrap(last.expression))) return false;
  const before = body.slice(0, -1);
  return before.every((st) => ts.isExpressionStatement(st) && answers(unwrap(st.expression))) && (before.length > 0 || !!last.expression);
}

/**
 * The declarations of SSE maps: variable statements of one declaration (at module level or in the
 * function that sets up the routes) and class fields.
 */
function mapDeclarations(sf: TS.SourceFile, maps: Set<string>): Array<{ node: TS.Node; name: TS.Identifier | TS.PrivateIdentifier; decl: TS.VariableDeclaration | TS.PropertyDeclaration }> {
  const found: Array<{ node: TS.Node; name: TS.Identifier | TS.PrivateIdentifier; decl: TS.VariableDeclaration | TS.PropertyDeclaration }> = [];
  // Below module level, a name is no proof (the new route's `const transport` beside an old
  // `let transport: SSEServerTransport`): the declaration itself names the SSE transport.
  // A block at module level (`if (!process.env.NO_SSE) { const sseTransports = {}; ... }`) is the
  // module's own, as good as its top level.
  const namesSse = (n: TS.Node) => n.parent === sf || (ts.isVariableStatement(n) && !enclosingFunction(n) && !enclosingClass(n)) || new RegExp(`\\b${SSE_SERVER}\\b`).test(n.getText(sf));
  walk(sf, (n) => {
    if (ts.isVariableStatement(n) && n.declarationList.declarations.length === 1) {
      const d = n.declarationList.declarations[0];
      if (ts.isIdentifier(d.name) && maps.has(d.name.text) && namesSse(n)) found.push({ node: n, name: d.name, decl: d });
    } else if (ts.isPropertyDeclaration(n) && (ts.isIdentifier(n.name) || ts.isPrivateIdentifier(n.name)) && maps.has(n.name.text) && namesSse(n)) {
      found.push({ node: n, name: n.name, decl: n });
    }
    return undefined;
  });
  return found;
}

/**
 * The properties of module-level objects that hold SSE maps (`sse` of `const transports = {
 * streamable: {}, sse: {} }`), and whether the file still reaches each (`transports.sse`, or the
 * whole object: `Object.values(transports)` may reach any of its maps).
 */
function heldMapDeclarations(sf: TS.SourceFile, maps: ReadonlySet<string>): Array<{ name: string; object: TS.ObjectLiteralExpression; property: TS.PropertyAssignment; referenced: boolean }> {
  const found: Array<{ name: string; object: TS.ObjectLiteralExpression; property: TS.PropertyAssignment; referenced: boolean }> = [];
  for (const name of maps) {
    const [holder, member, ...rest] = name.split('.');
    if (member === undefined || rest.length > 0) continue;
    for (const statement of sf.statements) {
      if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) continue;
      const decl = statement.declarationList.declarations[0];
      const object = decl.initializer ? unwrap(decl.initializer) : undefined;
      if (!ts.isIdentifier(decl.name) || decl.name.text !== holder || !object || !ts.isObjectLiteralExpression(object)) continue;
      const property = object.properties.find((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === member);
      if (!property) continue;
      const referenced = referencesTo(sf, decl as TS.VariableDeclaration & { name: TS.Identifier }).some((ref) => {
        const access = ref.parent;
        return !ts.isPropertyAccessExpression(access) || access.expression !== ref || access.name.text === member;
      });
      found.push({ name, object, property, referenced });
    }
  }
  return found;
}

/** Deletes SSE maps nothing uses any more, then the SSEServerTransport import if unused. */
function removeUnused(text: string, path: string, maps: Set<string>, bookkeeping: ReadonlySet<string>, changes: Change[]): { text: string; kept: Array<{ name: string; line: number; variable: boolean }> } {
  let sf = parseFile(text, path);
  const edits: TextEdit[] = [];
  const keptNames = new Set<string>();
  for (const { node, name } of mapDeclarations(sf, maps)) {
    if (isReferenced(sf, name)) keptNames.add(name.text);
    else {
      edits.push(removeStatement(node, sf));
      changes.push({ line: lineOf(sf, node.getStart(sf)), description: bookkeeping.has(name.text) ? `deleted ${name.text}, the SSE sessions' bookkeeping` : `deleted the SSE transport map ${name.text}`, safety: 'safe' });
    }
  }
  for (const held of heldMapDeclarations(sf, maps)) {
    if (held.referenced) continue;
    edits.push(removeListElement(held.property, held.object.properties, sf));
    changes.push({ line: lineOf(sf, held.property.getStart(sf)), description: `deleted the SSE transport map ${held.name}`, safety: 'safe' });
  }
  let next = applyEdits(text, edits);
  sf = parseFile(next, path);
  const imports = removeUnusedBindings(sf, new Set([SSE_SERVER]));
  for (const { name, statement } of imports.removed) changes.push({ line: lineOf(sf, statement.getStart(sf)), description: `removed the unused ${name} import`, safety: 'safe' });
  next = applyEdits(next, imports.edits);
  sf = parseFile(next, path);
  const kept: Array<{ name: string; line: number; variable: boolean }> = [];
  for (const { node, name, decl } of mapDeclarations(sf, keptNames)) {
    // A map other transports are still stored in (a server that also serves Streamable HTTP) is not ours to judge.
    const stored = ts.isPropertyDeclaration(decl) ? storedInto(sf, `this.${name.text}`) : storedInto(sf, name.text);
    if (!stored) kept.push({ name: name.text, line: lineOf(sf, startWithLeadingComments(node, sf)), variable: ts.isVariableDeclaration(decl) && declaredEmpty(decl) });
  }
  return { text: next, kept };
}

/** Whether anything is still stored in the map `name` (`name[k] = v`, `name.set(k, v)`). */
function storedInto(sf: TS.SourceFile, name: string): boolean {
  let found = false;
  walk(sf, (n) => {
    if (found) return false;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(unwrap(n.left)) && (unwrap(n.left) as TS.ElementAccessExpression).expression.getText() === name) found = true;
    if (ts.isCallExpression(n) && calleeName(n) === 'set' && ts.isPropertyAccessExpression(unwrap(n.expression)) && (unwrap(n.expression) as TS.PropertyAccessExpression).expression.getText() === name) found = true;
    return undefined;
  });
  return found;
}

function clientMarkers(sf: TS.SourceFile): PendingMarker[] {
  const clients: TS.NewExpression[] = [];
  let streamable = false;
  walk(sf, (n) => {
    if (!ts.isNewExpression(n)) return;
    const name = calleeName(n);
    if (name === 'SSEClientTransport') clients.push(n);
    if (name === 'StreamableHTTPClientTransport') streamable = true;
  });
  // Streamable HTTP first, SSE only as a fallback for servers not yet migrated: nothing to do.
  if (streamable) return [];
  return clients.map((c) => ({
    pos: c.getStart(sf),
    message:
      'SSEClientTransport speaks the legacy HTTP+SSE transport, which 2026-07-28 servers do not serve: connect with StreamableHTTPClientTransport to the server\'s Streamable HTTP endpoint (usually /mcp, not /sse), keeping SSEClientTransport only as a fallback for servers not yet migrated',
  }));
}

function toMarkers(sf: TS.SourceFile, pending: PendingMarker[]): Marker[] {
  return pending.map((m) => ({ line: lineOf(sf, m.pos), message: m.message, link: SPEC_TRANSPORTS }));
}

export const sseTransport: CodeCodemod = {
  kind: 'code',
  id: 'sse-transport',
  title: 'Legacy HTTP+SSE endpoints → Streamable HTTP',
  target: 'any',
  resolves: ['sse-transport', 'sse-routing'],
  keywords: ['sseservertransport', 'sseclienttransport', 'handlepostmessage', 'hono-mcp-server-sse-transport', 'disablesse', 'mcp-handler', 'mcp-adapter'],
  transform(input, ctx: CodemodContext) {
    const rewritten = rewriteSse(input, ctx);
    const result = ctx.allows('review') ? disableHandlerSse(ctx.path, rewritten) : rewritten;
    if (ctx.target !== '2026-07-28') return result;
    return { ...result, markers: result.markers.map((m) => ({ ...m, message: m.message.replace(ADVICE, ADVICE_2026) })) };
  },
};

/**
 * `disableSse: false` → `disableSse: true` in mcp-handler's config (handlerSseKeptOn: the option of
 * its createMcpHandler, not a comment, a string or another library's option of that name): its
 * legacy HTTP+SSE endpoints (`<basePath>/sse`, `/message`, routed to the stream's instance through
 * Redis) go, and Streamable HTTP at `<basePath>/mcp` stays. A change to review: clients on the SSE URL must move.
 */
function disableHandlerSse(path: string, result: ReturnType<CodeCodemod['transform']>): ReturnType<CodeCodemod['transform']> {
  if (!MCP_HANDLER_IMPORT.test(result.text) || !/\bcreateMcpHandler\b/.test(result.text)) return result;
  const sf = parseFile(result.text, path);
  const kept = /\bdisableSse\b/.test(result.text) ? handlerSseKeptOn(sf) : [];
  const edits: TextEdit[] = kept.map((p) => ({ start: p.initializer.getStart(sf), end: p.initializer.end, text: 'true' }));
  // Lines of the text this step was given: the same as the original's when rewriteSse changed nothing else.
  const changes: Change[] = kept.map((p) => ({ line: lineOf(sf, p.getStart(sf)), description: `disableSse: true: ${HANDLER_SSE_OFF}`, safety: 'review' }));
  // The endpoints on by default, no config saying otherwise (trial 28B, clerk's mcp-nextjs-example): the option is added.
  walk(sf, (node) => {
    if (!ts.isCallExpression(node) || !leavesMcpHandlerSseOn(node) || node.arguments.some(ts.isSpreadElement)) return undefined;
    const config = node.arguments[2] && unwrap(node.arguments[2]);
    const adapter = /@vercel\/mcp-adapter/.test(importOf(node.expression as TS.Identifier)?.module ?? '');
    const why = `added disableSse: true: ${HANDLER_SSE_OFF}${adapter ? ' (an option since @vercel/mcp-adapter 0.8: an older release ignores it, so move to mcp-handler 1.x first)' : ''}`;
    if (config && ts.isObjectLiteralExpression(config) && config.properties.some(ts.isSpreadAssignment)) {
      // After a spread (`{ ...base }`), so that a disableSse of the spread object cannot undo it.
      const last = config.properties[config.properties.length - 1];
      edits.push({ start: last.end, end: last.end, text: ', disableSse: true' });
    } else if (config && ts.isObjectLiteralExpression(config)) {
      edits.push(firstPropertyEdit(config, 'disableSse: true', sf));
    } else if (!config) {
      const last = node.arguments[node.arguments.length - 1];
      if (!last) return undefined;
      edits.push({ start: last.end, end: last.end, text: `${node.arguments.length === 1 ? ', {}' : ''}, { disableSse: true }` });
    } else return undefined;
    changes.push({ line: lineOf(sf, node.getStart(sf)), description: why, safety: 'review' });
    return undefined;
  });
  if (edits.length === 0) return result;
  return { ...result, text: applyEdits(result.text, edits), changes: [...result.changes, ...changes] };
}

/** What turning mcp-handler's SSE off does, for a change's description. */
const HANDLER_SSE_OFF = "mcp-handler's legacy HTTP+SSE endpoints (/sse, /message) are off; clients that used them must switch to its Streamable HTTP endpoint (/mcp)";

/** The rewrite itself; markers carry the sdk-v1 advice (transform swaps it for the 2026 target). */
function rewriteSse({ text, sourceFile: sf, facts }: Parameters<CodeCodemod['transform']>[0], ctx: CodemodContext): ReturnType<CodeCodemod['transform']> {
    const clients = clientMarkers(sf);
    const constructions: TS.NewExpression[] = [];
    // SSE transports this codemod does not rewrite: hono-mcp-server-sse-transport's, a subclass of the SDK's.
    const others: TS.NewExpression[] = [];
    const posts: TS.CallExpression[] = [];
    // `transport.handleMessage(body)`: the POST half by hand, which this codemod does not rewrite.
    const handled: TS.CallExpression[] = [];
    const usesSse = usesSseTransport(text);
    walk(sf, (n) => {
      if (ts.isNewExpression(n) && calleeName(n) === SSE_SERVER) constructions.push(n);
      else if (ts.isNewExpression(n) && isSseTransportClass(n.expression)) others.push(n);
      // Only the SSE transport's own method: an application's dispatcher named after it is no SSE routing.
      if (ts.isCallExpression(n) && deliversToSseTransport(n, usesSse)) (calleeName(n) === 'handlePostMessage' ? posts : handled).push(n);
    });
    const unsupported = [
      ...others.map((o) => ({
        pos: o.getStart(sf),
        message: `${o.expression.getText(sf)} is a legacy HTTP+SSE transport this codemod does not rewrite: remove its stream and message endpoints, and serve Streamable HTTP on one POST endpoint instead`,
      })),
      ...handled.map((h) => ({
        pos: h.getStart(sf),
        message: 'handleMessage hands a POST to the legacy HTTP+SSE transport: remove it together with the SSE stream endpoint, and serve Streamable HTTP on one POST endpoint instead',
      })),
    ];
    if (constructions.length === 0) {
      // The POST half alone (the GET half lives elsewhere): nothing to rewrite here safely.
      const orphans = posts.map((p) => ({
        pos: p.getStart(sf),
        message: 'handlePostMessage serves the POST half of the legacy HTTP+SSE transport: remove it together with the SSE stream endpoint, and serve Streamable HTTP on one POST endpoint instead',
      }));
      return { text, changes: [], markers: toMarkers(sf, [...unsupported, ...orphans, ...clients]) };
    }

    const everyRoute = allRoutes(sf, true);
    const routes = everyRoute.filter((r) => r.path.startsWith('/'));
    const maps = sseMapNames(sf);
    // The SSE sessions' bookkeeping (keep-alive timers, last-activity times: sessionBookkeeping) goes with their map.
    const bookkeeping = new Set(facts.collections.filter((c) => c.origin === 'declared' && sessionBookkeeping(c, facts)?.every(isSseOnlyMap)).map((c) => c.name));
    for (const name of bookkeeping) maps.add(name);
    const problems: PendingMarker[] = [...unsupported];
    const endpoints: SseEndpoint[] = [];
    for (const construction of constructions) {
      const analysis = analyseEndpoint(construction, routes, everyRoute.filter((r) => !r.path.startsWith('/')), maps, sf);
      if (analysis.ok) endpoints.push(analysis.endpoint);
      else problems.push(analysis.marker);
    }
    // The POST half: express routes whose handler calls handlePostMessage and nothing else of MCP.
    const messageRoutes = routes.filter((r) => r.handler && containsCall(r.handler, 'handlePostMessage'));
    for (const post of posts) {
      const route = messageRoutes.find((r) => post.pos >= r.handler!.pos && post.end <= r.handler!.end);
      if (!route || handlerStyle(route.handler!) !== 'express' || !paramName(route.handler!, 1) || servesStreamableHttp(route, facts) || routes.filter((r) => r.handler === route.handler).length > 1) {
        problems.push({ pos: post.getStart(sf), message: 'the POST half of the legacy HTTP+SSE transport, in a shape this codemod does not rewrite: answer it with 410 naming your Streamable HTTP endpoint, or remove it' });
      }
    }
    // A router mounted under a prefix announces `/api/messages` for its `/messages` route.
    let prefix = '';
    for (const endpoint of endpoints) {
      const path = endpoint.messagesPath;
      const match = messageRoutes.find((r) => path === undefined || r.path === path) ?? messageRoutes.find((r) => path !== undefined && path.endsWith(r.path));
      if (match && path !== undefined && path !== match.path) prefix = path.slice(0, path.length - match.path.length);
      if (!match) {
        problems.push({ pos: endpoint.construction.getStart(sf), message: `the POST ${endpoint.messagesPath ?? 'messages'} route of this SSE endpoint was not found in this file: move both halves to Streamable HTTP together` });
      }
    }

    // Where Streamable HTTP is (or will be) served.
    const sseRoutes = new Set<Route>([...endpoints.map((e) => e.route), ...messageRoutes]);
    // Only routes of the app (or router) that serves SSE: another app of the file (the server's
    // other mode, started on its own) does not answer these clients.
    const sameApp = (r: Route) => ![...sseRoutes].some(Boolean) || [...sseRoutes].some((s) => s && sameReceiver(s, r));
    const existing = routes.find((r) => !sseRoutes.has(r) && sameApp(r) && (r.method === 'post' || r.method === 'all') && servesStreamableHttp(r, facts));
    const endpointPath = existing?.path ?? NEW_ENDPOINT;
    const publicPath = `${prefix}${endpointPath}`;
    if (!existing) {
      // A route that builds an SSE transport is the legacy endpoint itself, even where its shape
      // stopped the rewrite (its own marker says why): no clash.
      const buildsSse = (r: Route) => !!r.handler && constructions.some((c) => c.pos >= r.handler!.pos && c.end <= r.handler!.end);
      const clash = routes.find((r) => !sseRoutes.has(r) && sameApp(r) && !buildsSse(r) && r.path === NEW_ENDPOINT);
      // A route that serves SSE through a helper of this file (`handleSseConnection('/mcp', ...)`).
      const helper = clash && sseHelperCalled(clash, sf);
      if (clash && helper) {
        problems.push({ pos: clash.call.getStart(sf), message: `${NEW_ENDPOINT} serves the legacy SSE transport too (through ${helper}), so it was not rewritten here: replace these SSE routes by one Streamable HTTP route on ${NEW_ENDPOINT} by hand` });
      } else if (clash) problems.push({ pos: clash.call.getStart(sf), message: `${NEW_ENDPOINT} already serves something else, so the legacy SSE endpoints were not moved there: pick a path for Streamable HTTP and move them by hand` });
      const factories = new Set(endpoints.map((e) => `${e.carried.map((s) => s.getText()).join('\n')}\n${e.connect.getText()}`));
      if (factories.size > 1) {
        for (const e of endpoints) problems.push({ pos: e.construction.getStart(sf), message: 'several SSE endpoints build different servers: decide which one Streamable HTTP serves and move them by hand' });
      }
    }
    if (problems.length === 0 && !ctx.allows('review')) {
      for (const e of endpoints) {
        problems.push({
          pos: e.construction.getStart(sf),
          message: `legacy HTTP+SSE endpoint (sessionful; it can never serve 2026-07-28): fix moves it to a per-request Streamable HTTP route (POST ${publicPath}) and answers the old paths with 410, but that changes the URL clients use, so --safe-only left it`,
        });
      }
    }
    if (problems.length > 0) return { text, changes: [], markers: toMarkers(sf, [...problems, ...clients]) };

    // The rewrite.
    const edits: TextEdit[] = [];
    const format: Format = { quote: quoteStyle(text), unit: indentUnit(text) };
    const changes: Change[] = [];
    const v2 = isV2File(sf);
    const transportClass = v2 ? 'NodeStreamableHTTPServerTransport' : 'StreamableHTTPServerTransport';
    const [first] = endpoints;
    const asking = toolsAskingClient(facts);
    if (!existing) {
      const at = lineStart(text, startWithLeadingComments(statementOf(first.route.call)!, sf));
      // An SSE stream served on the new path itself is answered 405 below; otherwise GET gets its own 405.
      const getOnNewPath = endpoints.some((e) => e.route.path === NEW_ENDPOINT);
      // What the legacy routes ran first (an auth check, a Host/Origin check) guards the new route too.
      const middleware = legacyMiddleware([...messageRoutes, ...endpoints.map((e) => e.route)]);
      edits.push({ start: at, end: at, text: newRoute(first, transportClass, text, sf, format, !getOnNewPath, middleware, posts.some((p) => p.arguments.length >= 3)) });
      changes.push({
        line: lineOf(sf, first.route.call.getStart(sf)),
        description: `legacy HTTP+SSE endpoint replaced by Streamable HTTP at POST ${publicPath} (a transport and server per request): clients must switch to the new URL${askingNote(asking)}`,
        safety: 'review',
      });
      if (!importsName(sf, transportClass)) {
        const source = sseImport(sf);
        const module = v2 ? '@modelcontextprotocol/node' : source && /\/server\/sse(\.js)?$/.test(source.module) ? source.module.replace(/\/sse(\.js)?$/, '/streamableHttp$1') : '@modelcontextprotocol/sdk/server/streamableHttp.js';
        // Beside the SSE import it replaces, in the same style.
        const style = source ? { cjs: source.cjs, quote: source.specifier.getText(sf)[0] as "'" | '"' } : importStyle(sf);
        edits.push(insertStatement(sf, importStatement([transportClass], module, style), source?.statement.getEnd()));
      }
    }
    for (const e of endpoints) {
      const own = e.route.path === endpointPath;
      replaceHandler(e.route, (res) => (own ? methodNotAllowed('express', res, format.quote) : gone(res, publicPath, format)), text, sf, edits, format);
      changes.push({
        line: lineOf(sf, e.route.call.getStart(sf)),
        description: own ? `GET ${e.route.path} answers 405 (Streamable HTTP has no GET stream)` : `GET ${e.route.path} (HTTP+SSE stream) answers 410 Gone naming POST ${publicPath}`,
        safety: 'review',
      });
    }
    for (const r of messageRoutes) {
      if (edits.some((e) => r.handler!.body && e.start === r.handler!.body.getStart(sf))) continue;
      replaceHandler(r, (res) => gone(res, publicPath, format), text, sf, edits, format);
      changes.push({ line: lineOf(sf, r.call.getStart(sf)), description: `${r.method.toUpperCase()} ${r.path} (HTTP+SSE messages) answers 410 Gone naming POST ${publicPath}`, safety: 'review' });
    }
    const unions = unionEdits(sf, edits);
    if (unions.length > 0) changes.push({ line: lineOf(sf, unions[0].start), description: `${SSE_SERVER} dropped from the transport map's type`, safety: 'safe' });
    edits.push(...unions);
    if (existing) {
      changes.push({ line: lineOf(sf, existing.call.getStart(sf)), description: `kept the Streamable HTTP route ${existing.method.toUpperCase()} ${existing.path}; only the HTTP+SSE endpoints were retired`, safety: 'review' });
    }

    const rewritten = applyEdits(text, edits);
    const cleaned = removeUnused(rewritten, ctx.path, maps, bookkeeping, changes);
    const markers: Marker[] = [];
    for (const kept of cleaned.kept) {
      const stored = bookkeeping.has(kept.name) ? 'nothing is stored in it any more (it kept track of the SSE sessions)' : 'no SSE transport is stored in it any more';
      markers.push({ line: kept.line, message: `${kept.name} is still used elsewhere, but ${stored}: remove the remaining uses and ${kept.variable ? 'its declaration' : 'this map'}`, link: SPEC_TRANSPORTS });
    }
    for (const c of clients) markers.push({ line: lineInRewrite(sf, lineOf(sf, c.pos), cleaned.text), message: c.message, link: SPEC_TRANSPORTS });
    // What the server built per request loses (a tool asking the client mid-call fails: trial 20A), as stateless-transport marks it.
    for (const c of statelessConsequences(sf, ctx.target)) markers.push({ line: lineInRewrite(sf, lineOf(sf, c.pos), cleaned.text), message: c.message, link: c.link });
    // The v1 SDK has served Streamable HTTP since 1.10: a package pinned below gets its range raised.
    const wroteV1Route = !v2 && changes.some((c) => c.description.startsWith('legacy HTTP+SSE endpoint replaced'));
    return { text: cleaned.text, changes, markers, ...(wroteV1Route ? { dependencies: { '@modelcontextprotocol/sdk': V1_STATELESS_HTTP } } : {}) };
}
