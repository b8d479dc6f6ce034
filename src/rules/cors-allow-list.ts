import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { accessChain, accessRoot, calleeName, enclosingClass, enclosingFunction, importOf, isAssignment, joinNames, LISTENS, outermost, propertyNameText, referencesTo, resolveFunction, resolveIdentifier, someNode, stringValue, unwrap, walk } from '../analysis/ast.js';
import { kinds } from '../analysis/nodes.js';
import { CORS_HEADER, CORS_KEYS, HEADER_WRITERS, headerList, headerName, missingRequestHeaders, servesMcpOverHttp, type Held } from '../analysis/cors.js';
import { comparedPath, createsNodeServer, handedToCall, MCP_ROUTE_PATH, MCP_WORK, servesOtherRoutesOnly } from '../analysis/routes.js';
import { SPEC, type CodeFile, type CodeRule } from './types.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.CallExpression, ts.SyntaxKind.ArrayLiteralExpression);

/** An allow list's option or header (CORS_KEYS and CORS_HEADER name expose lists too). */
const isAllowList = (name: string | undefined) => !!name && (CORS_KEYS.test(name) || CORS_HEADER.test(name)) && /allow/i.test(name);

/**
 * The headers an allow list names, lower-cased, written out or held in constants (headerList,
 * trial 57B B3), and the module of the run's that holds the list when it is not this one (where
 * headers are to be added). Undefined when not all are known, or when the list is another allow
 * list's option, reported there (`allowedHeaders: corsOptions.allowedHeaders`).
 */
function listed(value: TS.Node, file: CodeFile): { headers: string[]; heldIn?: string } | undefined {
  const { facts, sourceFile } = file;
  const found = headerList(value, { module: facts.ownModule, modules: facts.modules?.source });
  if (!found || found.held.some(({ expression }) => allowListValue(outermost(expression).parent) === outermost(expression))) return undefined;
  // (The list itself, the last a name led to: not the names of a list written here, `[HEADERS.X]`.)
  const written = found.held.filter((h) => h.list).pop();
  const heldIn = written && written.expression.getSourceFile() !== sourceFile ? written.module.path : undefined;
  return { headers: found.names.map((h) => h.trim().toLowerCase()), heldIn };
}

/**
 * The entry of a list written here that names Mcp-Session-Id through a member of a table of header
 * names (`HEADERS.MCP_SESSION_ID`) or a constant of another module (trial 61B B5: gwicks/
 * fastify-mcp-server's CORS plugin). session-header reports such a name where it is declared, as a
 * constant whose uses it does not follow, not this list: the list's missing 2026-07-28 headers are
 * then this rule's. (Written in the list, or a constant of this file only CORS lists use, the name
 * is session-header's CORS finding, whose advice names the missing headers.)
 */
function heldSessionEntry(value: TS.Node, file: CodeFile): { entry: TS.Expression; foreign: boolean } | undefined {
  const list = unwrap(value);
  if (!ts.isArrayLiteralExpression(list)) return undefined;
  for (const element of list.elements) {
    const held: Held[] = [];
    if (ts.isSpreadElement(element) || headerName(element, { module: file.facts.ownModule, modules: file.facts.modules?.source }, held)?.toLowerCase() !== 'mcp-session-id') continue;
    // (Read through nothing held: written in the list, or an enum's member, `Header.Session`.)
    const literal = held.at(-1)?.expression;
    // (Another module's enum member, `Header.Session` imported, holds nothing read here either.)
    const root = accessRoot(unwrap(element));
    const foreign = literal ? literal.getSourceFile() !== file.sourceFile : ts.isIdentifier(root) && !!importOf(root);
    if (literal ? foreign || ts.isPropertyAssignment(literal.parent) : stringValue(unwrap(element)) === undefined) return { entry: element, foreign };
  }
  return undefined;
}

/** The value of a CORS allow list the node sets, in the shapes cors-headers rewrites. */
function allowListValue(node: TS.Node): TS.Node | undefined {
  if (ts.isPropertyAssignment(node)) return isAllowList(propertyNameText(node.name)) ? node.initializer : undefined;
  if (ts.isCallExpression(node)) return HEADER_WRITERS.test(calleeName(node) ?? '') && node.arguments.length === 2 && isAllowList(stringValue(node.arguments[0])) ? node.arguments[1] : undefined;
  // `['Access-Control-Allow-Headers', '...']`: a header tuple.
  if (!ts.isArrayLiteralExpression(node)) return undefined;
  return node.elements.length === 2 && isAllowList(stringValue(node.elements[0])) ? node.elements[1] : undefined;
}

/** What serves OAuth and discovery, not MCP requests: its CORS lists need no MCP request header. */
const NOT_MCP = /well-known|oauth|authori[sz]e|\/token\b|\/register\b/i;

/**
 * Whether an allow list is for the OAuth or discovery endpoints, whose requests (a metadata GET,
 * a token POST) carry MCP-Protocol-Version at most: in such a file (`routes/well-known.ts`,
 * `oauth-utils.ts`), under a test of such a path (`if (url.includes('/.well-known'))`), or in a
 * route or middleware mounted on one (`app.use('/.well-known', cors(...))`). (epicweb-dev/mcp-auth,
 * platformatic/mcp)
 */
function forOAuthOrDiscovery(node: TS.Node, path: string): boolean {
  if (NOT_MCP.test(path)) return true;
  for (let n: TS.Node = node; n.parent; n = n.parent) {
    const parent = n.parent;
    if (ts.isIfStatement(parent) && parent.thenStatement === n && NOT_MCP.test(parent.expression.getText())) return true;
    if (ts.isConditionalExpression(parent) && parent.whenTrue === n && NOT_MCP.test(parent.condition.getText())) return true;
    if (ts.isCallExpression(parent) && parent.arguments.length > 1 && NOT_MCP.test(stringValue(parent.arguments[0]) ?? '')) return true;
  }
  return false;
}

/** Servers that answer an HTTP server's WebSocket upgrades when handed it (`new WebSocketServer({ server })`). */
function isWebSocketServer(made: TS.Node): boolean {
  return ts.isNewExpression(made) && (/^(WebSocketServer|WSServer)$/.test(calleeName(made) ?? '') || /\bWebSocket\.Server$/.test(made.expression.getText()));
}

/**
 * Whether a use of an HTTP server hands it to a WebSocket server (`new WebSocketServer({ server:
 * http })`, `{ server }`) or listens for its upgrades (`http.on('upgrade', ...)`, the handshake
 * written by hand, as mcp-weave's startWebSocket() does).
 */
function takesUpgrades(use: TS.Node): boolean {
  const parent = use.parent;
  if ((ts.isPropertyAssignment(parent) ? parent.initializer === use : ts.isShorthandPropertyAssignment(parent)) && propertyNameText((parent as TS.ObjectLiteralElementLike).name) === 'server') {
    return isWebSocketServer(parent.parent.parent);
  }
  const call = ts.isPropertyAccessExpression(parent) && parent.expression === use ? parent.parent : undefined;
  return !!call && ts.isCallExpression(call) && call.expression === parent && LISTENS.test(calleeName(call) ?? '') && stringValue(call.arguments[0]) === 'upgrade';
}

/**
 * Whether the server a `createServer(...)` call makes takes WebSocket upgrades (takesUpgrades):
 * the call itself (`createServer(cb).on('upgrade', ...)`), or where it is held, a local (`const
 * ws = createServer(...)`) or a member (`this.http = createServer(...)`, by its text).
 */
function serverTakesUpgrades(created: TS.CallExpression): boolean {
  let made: TS.Node = created;
  while (ts.isParenthesizedExpression(made.parent) || ts.isAsExpression(made.parent)) made = made.parent;
  if (takesUpgrades(made)) return true;
  const holder = made.parent;
  if (ts.isVariableDeclaration(holder) && holder.initializer === made && ts.isIdentifier(holder.name)) {
    return referencesTo(holder.getSourceFile(), holder as TS.VariableDeclaration & { name: TS.Identifier }).some(takesUpgrades);
  }
  const target = isAssignment(holder) && holder.right === made && ts.isPropertyAccessExpression(holder.left) ? holder.left : undefined;
  const member = target && accessChain(target);
  return !!member && someNode(holder.getSourceFile(), (n) => ts.isPropertyAccessExpression(n) && n !== target && accessChain(n) === member && takesUpgrades(n));
}

/** The function of the file a call runs: a local one (resolveFunction), or a method of the class it is in (`this.handle(req, res)`). */
function calledFunction(call: TS.CallExpression): TS.FunctionLikeDeclaration | undefined {
  const local = resolveFunction(call.expression);
  if (local) return local;
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const member = enclosingClass(call)?.members.find((m) => propertyNameText(m.name) === callee.name.text);
  if (member && ts.isMethodDeclaration(member)) return member;
  return member && ts.isPropertyDeclaration(member) ? resolveFunction(member.initializer) : undefined;
}

/** What a call that serves other content is called (`serveStatic`, `renderPage`, `sendFile`, `healthCheck`). */
const OTHER_CONTENT_NAME = /static|page|render|asset|file|html|health|metric|view|template|favicon/i;
/** What a call that checks a request is called (`authorize`, `checkKey`, `verifyToken`, `rateLimit`). */
const CHECK_NAME = /auth|key|token|verify|check|valid|limit|guard|permit|allow/i;

/**
 * Whether a request listener, or a function of the file it hands the request to, serves MCP: its
 * code names an MCP transport or handler (MCP_WORK, servesMcpOverHttp) or calls `next()`, or it
 * hands the request (its parameter at `index`) to a function it cannot follow that may be an MCP
 * handler: its result left alone (`await router(req, res)`, `return handle(req, res)`), chained
 * (`handleMcp(req, res).catch(...)`), or used where the call is handed the response too and its
 * name does not read as a check (`if (await handleMcp(req, res)) return`, review 79 point 1). A
 * check's result is used (`const caller = await this.checkKey(req, res)`).
 */
function servesMcp(fn: TS.FunctionLikeDeclaration, index = 0, seen = new Set<TS.Node>()): boolean {
  if (seen.has(fn)) return false;
  seen.add(fn);
  const text = fn.getText();
  if (MCP_WORK.test(text) || servesMcpOverHttp(text) || /\bnext\s*\(/.test(text)) return true;
  const request = fn.parameters[index];
  if (!request) return false;
  // (A destructured request is not followed.)
  if (!ts.isIdentifier(request.name)) return true;
  return referencesTo(fn, request as TS.ParameterDeclaration & { name: TS.Identifier }).some((ref) => {
    const call = ref.parent;
    // `req.pipe(upstream)`: a proxy to a server that may be MCP's.
    if (ts.isPropertyAccessExpression(call) && call.expression === ref && call.name.text === 'pipe') return true;
    if (!ts.isCallExpression(call) || !call.arguments.includes(ref)) return false;
    const callee = calledFunction(call);
    if (callee) return servesMcp(callee, call.arguments.indexOf(ref), seen);
    // (One whose name reads as serving something else, a page or a file, serves no MCP: review 80 point 4.)
    if (OTHER_CONTENT_NAME.test(calleeName(call) ?? '')) return false;
    let result: TS.Node = call;
    while (ts.isAwaitExpression(result.parent) || ts.isVoidExpression(result.parent) || ts.isParenthesizedExpression(result.parent)) result = result.parent;
    if (ts.isExpressionStatement(result.parent) || ts.isReturnStatement(result.parent) || ts.isArrowFunction(result.parent)) return true;
    if (ts.isPropertyAccessExpression(result.parent) && result.parent.expression === result && /^(then|catch|finally)$/.test(result.parent.name.text)) return true;
    const response = fn.parameters[index + 1];
    const handedResponse = !!response && ts.isIdentifier(response.name) && call.arguments.some((a) => ts.isIdentifier(unwrap(a)) && resolveIdentifier(unwrap(a) as TS.Identifier) === response);
    return handedResponse && !CHECK_NAME.test(calleeName(call) ?? '');
  });
}

/**
 * Whether a node sits in a request listener of node:http (`createServer((req, res) => ...)`, or a
 * function of the file handed to it by name) that serves no MCP (servesMcp), on a server that
 * takes WebSocket upgrades or whose listener answers other paths only (`/health`, `/metrics`).
 * Its CORS list is that server's, not the MCP endpoint's, even where another listener of the file
 * serves MCP (trial 56B B3; trial 62B B2: mcp-weave's startWebSocket() beside its startSSE()).
 * An app's middleware (`createServer(app)`) is no such listener: its routes may be MCP's (review 73).
 */
function otherServersList(node: TS.Node): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const created = handedToCall(fn, createsNodeServer);
    if (!created) continue;
    if (servesMcp(fn)) return false;
    if (serverTakesUpgrades(created)) return true;
    const paths: string[] = [];
    walk(fn, (n) => void ((ts.isIfStatement(n) || ts.isConditionalExpression(n)) && paths.push(...comparedPath(ts.isIfStatement(n) ? n.expression : n.condition))));
    return paths.length > 0 && !paths.some((p) => MCP_ROUTE_PATH.test(p));
  }
  return false;
}

/**
 * Whether an allow list that names no MCP header is for endpoints other than MCP's: the OAuth or
 * discovery endpoints (forOAuthOrDiscovery), or another server of the file (otherServersList).
 * cors-headers asks it of such lists too, so that fix adds nothing where scan reports nothing
 * (trial 62B B2: fix had added the MCP headers to mcp-weave's WebSocket listener).
 */
export function forOtherEndpoints(node: TS.Node, path: string): boolean {
  return forOAuthOrDiscovery(node, path) || otherServersList(node);
}

/**
 * A CORS allow list of an MCP endpoint written for 2025 clients: it admits the MCP request headers
 * of then (MCP-Protocol-Version, Last-Event-ID) but not those 2026-07-28 clients send on every
 * request (Mcp-Method, Mcp-Name), so a browser client's preflight fails. One that names
 * Mcp-Session-Id is session-header's (the same codemod rewrites both).
 */
export const corsAllowList: CodeRule = {
  target: 'code',
  id: 'cors-allow-list',
  category: 'protocol-pin',
  severity: 'warning',
  title: 'CORS allow list without the 2026-07-28 request headers',
  why:
    'A 2026-07-28 client sends Mcp-Method on every request and Mcp-Name on tools/call, resources/read and prompts/get. A browser ' +
    "client asks first (a CORS preflight): an allow list written for 2025 clients, naming MCP-Protocol-Version but not these, makes " +
    'the preflight fail, and the v2 client then falls back to the 2025 protocol or gives up.',
  fix: { codemod: 'cors-headers', manual: 'Add Mcp-Method, Mcp-Name and MCP-Protocol-Version to the CORS allow list.' },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['allowedheaders', 'allowheaders', 'access-control-allow-headers'],
  check(file, report) {
    // A file whose routes are all the application's own (an OAuth discovery document): cors-headers adds nothing there either.
    if (servesOtherRoutesOnly(file.sourceFile)) return;
    let serves: boolean | undefined;
    file.facts.nodes.visit(VISITED, (node) => {
      const value = allowListValue(node);
      const list = value && listed(value, file);
      const headers = list?.headers;
      if (!headers || headers.length === 0 || headers.includes('*')) return;
      const sessionEntry = headers.includes('mcp-session-id') ? heldSessionEntry(value!, file) : undefined;
      if (headers.includes('mcp-session-id') && !sessionEntry) return;
      // A list of the application's own headers only, in a file that serves MCP over HTTP: it answers the MCP endpoint's preflight too.
      const mcpList = headers.some((h) => h === 'mcp-protocol-version' || h === 'last-event-id');
      if (!mcpList && !(serves ??= servesMcpOverHttp(file.sourceFile.text))) return;
      const missing = missingRequestHeaders(headers);
      // (A list naming no MCP header may also be another server's of the file, one for WebSocket
      // upgrades, which have no preflight, or for other paths: judged by its listener, not the
      // file; trial 62B B2.)
      if (!missing.some((h) => h !== 'MCP-Protocol-Version') || (mcpList ? forOAuthOrDiscovery(node, file.path) : forOtherEndpoints(node, file.path))) return;
      const names = joinNames(missing);
      // (A list another module holds is mended there: fix cannot rewrite it from here.)
      const where = list!.heldIn ? ` where it is written (${list!.heldIn})` : '';
      report({
        node: value!,
        message: sessionEntry
          ? `This CORS allow list admits Mcp-Session-Id (${sessionEntry.entry.getText()}), which 2026-07-28 clients never send, but not ${names}, which they do: a browser client's preflight fails (the v2 client then falls back to 2025); drop the one and add ${missing.length === 1 ? 'the other' : 'the others'}${sessionEntry.foreign ? ` (fix adds ${missing.length === 1 ? 'it' : 'them'} but does not read another module's constant, so it leaves ${sessionEntry.entry.getText()}: drop that by hand)` : ''}`
          : mcpList
          ? `This CORS allow list admits the MCP request headers of 2025 clients but not ${names}, which 2026-07-28 clients send: a browser client's preflight fails (the v2 client then falls back to 2025); add ${missing.length === 1 ? 'it' : 'them'}${where}`
          : `This CORS allow list, in a file that serves MCP over HTTP, admits none of the MCP request headers (${names}), which 2026-07-28 clients send on every request: a browser client's preflight to the MCP endpoint fails; add them${where}`,
      });
    });
  },
};
