import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { calleeName, joinNames, outermost, propertyNameText, stringValue, unwrap } from '../analysis/ast.js';
import { kinds } from '../analysis/nodes.js';
import { CORS_HEADER, CORS_KEYS, HEADER_WRITERS, headerList, headerName, missingRequestHeaders, servesMcpOverHttp, type Held } from '../analysis/cors.js';
import { servesOtherRoutesOnly } from '../analysis/routes.js';
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
function heldSessionEntry(value: TS.Node, file: CodeFile): TS.Expression | undefined {
  const list = unwrap(value);
  if (!ts.isArrayLiteralExpression(list)) return undefined;
  for (const element of list.elements) {
    const held: Held[] = [];
    if (ts.isSpreadElement(element) || headerName(element, { module: file.facts.ownModule, modules: file.facts.modules?.source }, held)?.toLowerCase() !== 'mcp-session-id') continue;
    // (Read through nothing held: written in the list, or an enum's member, `Header.Session`.)
    const literal = held.at(-1)?.expression;
    if (literal ? literal.getSourceFile() !== file.sourceFile || ts.isPropertyAssignment(literal.parent) : stringValue(unwrap(element)) === undefined) return element;
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
export function forOtherEndpoints(node: TS.Node, path: string): boolean {
  if (NOT_MCP.test(path)) return true;
  for (let n: TS.Node = node; n.parent; n = n.parent) {
    const parent = n.parent;
    if (ts.isIfStatement(parent) && parent.thenStatement === n && NOT_MCP.test(parent.expression.getText())) return true;
    if (ts.isConditionalExpression(parent) && parent.whenTrue === n && NOT_MCP.test(parent.condition.getText())) return true;
    if (ts.isCallExpression(parent) && parent.arguments.length > 1 && NOT_MCP.test(stringValue(parent.arguments[0]) ?? '')) return true;
  }
  return false;
}

/**
 * Whether a node sits in a function of the file's top level that makes an HTTP server for a
 * WebSocket server (`createServer(...)` and `new WebSocketServer({ server })`) and serves no MCP
 * over HTTP in it.
 */
function webSocketServerOnly(node: TS.Node): boolean {
  let top: TS.Node = node;
  while (top.parent && !ts.isSourceFile(top.parent)) top = top.parent;
  if (!ts.isFunctionDeclaration(top) && !ts.isVariableStatement(top)) return false;
  const text = top.getText();
  if (!/\bnew\s+(WebSocketServer|WebSocket\.Server|WSServer)\s*\(/.test(text) || servesMcpOverHttp(text)) return false;
  // (Only a list inside the request callback handed to createServer itself, which serves nothing
  // else: not an app's middleware, whose routes may be MCP's through a handler of the file, review 73.)
  for (let n: TS.Node = node; n !== top; n = n.parent) {
    if (ts.isFunctionLike(n) && ts.isCallExpression(n.parent) && calleeName(n.parent) === 'createServer' && n.parent.arguments.includes(n as TS.Expression)) return !/\b(handleRequest|next)\s*\(/.test(n.getText());
  }
  return false;
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
      // (Not a list of the HTTP server a function of the file makes for a WebSocket server and
      // serves no MCP over HTTP through: WebSocket upgrades have no preflight; trial 56B B3.)
      if (!mcpList && webSocketServerOnly(node)) return;
      const missing = missingRequestHeaders(headers);
      if (!missing.some((h) => h !== 'MCP-Protocol-Version') || forOtherEndpoints(node, file.path)) return;
      const names = joinNames(missing);
      // (A list another module holds is mended there: fix cannot rewrite it from here.)
      const where = list!.heldIn ? ` where it is written (${list!.heldIn})` : '';
      report({
        node: value!,
        message: sessionEntry
          ? `This CORS allow list admits Mcp-Session-Id (${sessionEntry.getText()}), which 2026-07-28 clients never send, but not ${names}, which they do: a browser client's preflight fails (the v2 client then falls back to 2025); drop the one and add ${missing.length === 1 ? 'the other' : 'the others'}`
          : mcpList
          ? `This CORS allow list admits the MCP request headers of 2025 clients but not ${names}, which 2026-07-28 clients send: a browser client's preflight fails (the v2 client then falls back to 2025); add ${missing.length === 1 ? 'it' : 'them'}${where}`
          : `This CORS allow list, in a file that serves MCP over HTTP, admits none of the MCP request headers (${names}), which 2026-07-28 clients send on every request: a browser client's preflight to the MCP endpoint fails; add them${where}`,
      });
    });
  },
};
