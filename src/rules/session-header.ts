import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { comparedMethod, enclosingRoute, onMethods, passesOn, routePath } from '../analysis/routes.js';
import { accessRoot, awaited, calleeName, findAncestor, isFunctionLike, codeSnippet, heldValues, importOf, constantString, enclosingFunction, functionDeclarationOf, functionNameNode, isAssignmentTarget, isExported, isFallback, isLogStatement, isUndefinedValue, joinNames, propertyNameText, referenceName, referencesTo, resolveIdentifier, resolveInitializer, someNode, sourceModuleOf, stringValue, unwrap, walk } from '../analysis/ast.js';
import { fromParameters } from '../analysis/changes.js';
import { appInterface, isTelemetryUse, SESSION_HEADER, SESSION_HEADER_CONSTANT, type SessionFacts } from '../analysis/session.js';
import { corsKeptForLegacySessions, endsByLeaving, guardText, keptOnLegacyPath, legacyTest } from '../analysis/eras.js';
import { proxiesToOtherServers } from '../analysis/mcp.js';
import { SPEC, type CodeRule } from './types.js';
import { CORS_HEADER, CORS_KEYS, HEADER_WRITERS, missingRequestHeaders } from '../analysis/cors.js';
import { kinds } from '../analysis/nodes.js';
import { escapeRegExp } from '../scan/prefilter.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.NewExpression);

/**
 * `new StreamableHTTPClientTransport(url, { sessionId })`: a client resuming a session a server
 * minted before (a chat backend that saved it per conversation); the option sends Mcp-Session-Id.
 * The option's property, else undefined (`sessionId: undefined` resumes nothing).
 */
function resumedSession(node: TS.Node): TS.PropertyAssignment | TS.ShorthandPropertyAssignment | undefined {
  if (!ts.isNewExpression(node) || calleeName(node) !== 'StreamableHTTPClientTransport') return undefined;
  const options = node.arguments?.[1] ? unwrap(node.arguments[1]) : undefined;
  if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
  const option = options.properties.find((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && propertyNameText(p.name) === 'sessionId');
  if (!option || (ts.isPropertyAssignment(option) && isUndefinedValue(option.initializer))) return undefined;
  return option as TS.PropertyAssignment | TS.ShorthandPropertyAssignment;
}

/** Whether a string names a header (lower case), alone or in a comma-separated header list. */
export function namesHeader(value: string, header: string): boolean {
  const lower = value.toLowerCase();
  if (!lower.includes(header)) return false;
  // A header name alone or in a comma-separated list of header names; prose that merely mentions it does not count.
  const parts = lower.split(',').map((part) => part.trim());
  return parts.includes(header) && parts.every((part) => /^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(part));
}

/** Whether a string literal names the session header, alone or in a comma-separated header list. */
export function mentionsSessionHeader(value: string): boolean {
  return namesHeader(value, SESSION_HEADER);
}

/** Expose lists are about response headers: the 2026 headers are request headers, so only drop it. */
const EXPOSE_ADVICE = '2026-07-28 servers never send it, so drop it';
/**
 * What a list should do: an expose list (response headers page scripts may read) only drops the
 * session header; an allow list (request headers) drops it and lists those of the 2026-07-28
 * request headers it lacks. `kind`: the option or header that tells which list it is.
 */
function advice(kind: string, listed: readonly string[]): string {
  if (/expose/i.test(kind)) return EXPOSE_ADVICE;
  const missing = missingRequestHeaders(listed);
  return missing.length === 0 ? 'drop it (the 2026-07-28 request headers are listed already)' : `drop it and list ${joinNames(missing)} instead`;
}

/** The header names of the list a literal belongs to: the array's strings, or the comma-separated string's parts. */
function listedWith(literal: TS.Node): string[] {
  const text = (n: TS.Node) => (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) ? n.text : '');
  const parent = literal.parent;
  const values = ts.isArrayLiteralExpression(parent) && !(parent.elements.length === 2 && /^access-control-/i.test(text(parent.elements[0]))) ? parent.elements.map(text) : [text(literal)];
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/**
 * What a fetch response is called (`res` too: it is taken for one only where its headers are read,
 * see isResponse), and an upstream's a proxy hook is handed (http-proxy-middleware's `proxyRes`,
 * trial 55B B1).
 */
const RESPONSE_NAME = /^(response|resp|res|httpResponse|\w*Response|\w+Res)$/i;

/** HTTP client packages whose calls resolve to a response with a plain `headers` object (axios, got, k6's http, ...). */
const HTTP_CLIENT_PACKAGE = /^(axios|got|ky|superagent|needle|phin|node-fetch|undici|request|request-promise(-native)?|k6\/http)$/;

/**
 * What code does with the header: `write` covers setting and echoing it (a server minting ids).
 * `value`: for a header set into a headers object (not a response), the value it is set to;
 * `constant`: the name kept in a table of header names other code uses (headerNameTable).
 */
export type SessionHeaderUse = { kind: 'read' | 'write' | 'cors' | 'name'; message: string; value?: TS.Expression; telemetry?: boolean; constant?: boolean; optional?: boolean; textSearch?: boolean };

/** What a text is called where a name says it (`body`, `errorMessage`, `stderr`). */
const TEXT_NAME = /^(body|text|message|msg|errorMessage|errMessage|errMsg|error_message|content|output|stdout|stderr|responseText|responseBody|html|log|line)$/i;

/**
 * Whether an expression is a text, not a list of headers (review 76: `req.rawHeaders` held in a
 * local, `Object.keys(req.headers)`, were taken for texts): a body read as text (`await
 * res.text()`), a message (`error.message`, `String(error)`, `JSON.stringify(...)`), a string
 * method's result on one, a string or template, or a local or parameter named for one (`body`),
 * followed through locals' initializers. Nothing that names headers.
 */
function isText(expression: TS.Node, depth = 0): boolean {
  const e = unwrap(expression);
  if (/header/i.test(e.getText())) return false;
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e)) return true;
  if (ts.isAwaitExpression(e)) return isText(e.expression, depth);
  if (ts.isConditionalExpression(e)) return isText(e.whenTrue, depth) && isText(e.whenFalse, depth);
  if (ts.isCallExpression(e)) {
    const called = calleeName(e) ?? '';
    // (`error.toString()` too, review 77: whatever it is called on, its result is a text.)
    if (/^(text|stringify|String|format|inspect|toString)$/.test(called)) return true;
    const callee = unwrap(e.expression);
    return /^(toLowerCase|toUpperCase|toLocaleLowerCase|trim|trimStart|trimEnd|toString|slice|substring|replace|replaceAll|normalize)$/.test(called) && ts.isPropertyAccessExpression(callee) && isText(callee.expression, depth);
  }
  if (ts.isPropertyAccessExpression(e)) return /^(message|stack|body|text|stdout|stderr|responseText)$/.test(e.name.text);
  if (!ts.isIdentifier(e)) return false;
  const init = depth < 3 ? resolveInitializer(e) : undefined;
  return init ? isText(init, depth + 1) : TEXT_NAME.test(e.text);
}

/** String methods that search a text for the literal they are handed (`body.includes('Mcp-Session-Id')`). */
const TEXT_SEARCHES = /^(includes|indexOf|lastIndexOf|startsWith|endsWith|search|match|matchAll)$/;

/** Options that pick request or response headers to record on traces (`captureRequestHeaders` of OpenTelemetry's HTTP instrumentation). */
const TELEMETRY_HEADER_KEYS = /^(capture\w*Headers|headersToSpanAttributes|(request|response)HeadersToCapture|headersToCapture)$/i;

/**
 * A setting's or parameter's name for a CORS header list: `exposeHeaders`, `allowedHeaders`,
 * `corsExposeHeaders`, `cors.exposeHeaders` (a configuration key), `headers` alone as an option.
 */
const CORS_SETTING = /^(allow\w*|expose\w*)?headers$|cors\w*(allow|expose)\w*headers$|(^|\.)(allow|expose)\w*headers$/i;
/**
 * For `list.add(header)` / `list.push(header)`: the CORS list `list` is, by its own name
 * (`exposeHeaders.push(...)`) or by the option it is handed to (`allowedHeaders: [...allow]`,
 * `exposedHeaders: Array.from(expose)`); undefined otherwise.
 */
function corsListOf(call: TS.CallExpression): string | undefined {
  const callee = unwrap(call.expression);
  const target = ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : undefined;
  if (!target || !ts.isIdentifier(target)) return undefined;
  if (CORS_SETTING.test(target.text)) return target.text;
  const decl = resolveIdentifier(target);
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return undefined;
  for (const ref of referencesTo(decl.getSourceFile(), decl as TS.VariableDeclaration & { name: TS.Identifier })) {
    let at: TS.Node = ref;
    // Out of a spread, Array.from(...), [...x].join(', ').
    for (let up = at.parent; up && (ts.isSpreadElement(up) || ts.isArrayLiteralExpression(up) || (ts.isCallExpression(up) && up.arguments.includes(at as TS.Expression)) || ts.isPropertyAccessExpression(up) || (ts.isCallExpression(up) && up.expression === at)); up = up.parent) at = up;
    const holder = at.parent;
    if (holder && ts.isPropertyAssignment(holder) && holder.initializer === at) {
      const key = propertyNameText(holder.name) ?? '';
      if (CORS_KEYS.test(key) || CORS_SETTING.test(key)) return key;
    }
  }
  return undefined;
}

/** A CORS list, named `name` in the message; `kind` (the option or header it is handed to) tells an expose list from an allow list. */
const cors = (name: string, literal: TS.Node, kind = name): SessionHeaderUse => ({ kind: 'cors', message: `CORS ${name} lists Mcp-Session-Id; ${advice(kind, listedWith(literal))}` });

/**
 * A property of a table of header names: its key written as a constant (`SESSION_ID`), or the table
 * declared `as const` or frozen, at module level.
 */
function headerNameTable(property: TS.PropertyAssignment): boolean {
  const table = property.parent;
  if (!ts.isObjectLiteralExpression(table)) return false;
  let holder: TS.Node = table.parent;
  while (ts.isAsExpression(holder) || ts.isSatisfiesExpression(holder) || ts.isParenthesizedExpression(holder) || (ts.isCallExpression(holder) && calleeName(holder) === 'freeze')) holder = holder.parent;
  if (!ts.isVariableDeclaration(holder) || !ts.isVariableStatement(holder.parent.parent) || !ts.isSourceFile(holder.parent.parent.parent)) return false;
  const constantKey = /^[A-Z][A-Z0-9_]*$/.test(propertyNameText(property.name) ?? '');
  return constantKey || ts.isAsExpression(table.parent) || /^[A-Z][A-Z0-9_]*$/.test(holder.name.getText());
}

/**
 * The CORS option or header a variable is handed to (`allowedHeaders`, `Access-Control-Allow-Headers`),
 * when that is all it is used for: a list also read for request headers is more than a CORS list.
 */
function corsUseOf(decl: TS.VariableDeclaration & { name: TS.Identifier }): string | undefined {
  let found: string | undefined;
  for (const ref of referencesTo(decl.getSourceFile(), decl)) {
    const use = corsUse(ref);
    if (!use) return undefined;
    found ??= use;
  }
  return found;
}

/** The CORS option or header one use of a variable (or a call's value) hands it to, if it does. */
function corsUse(ref: TS.Expression): string | undefined {
  let use: TS.Node = ref;
  while (ts.isSpreadElement(use.parent) || ts.isArrayLiteralExpression(use.parent) || ts.isAsExpression(use.parent)) use = use.parent;
  const parent = use.parent;
  if (ts.isPropertyAssignment(parent) && parent.initializer === use) {
    const key = propertyNameText(parent.name) ?? '';
    if (CORS_KEYS.test(key) || CORS_HEADER.test(key)) return key;
  }
  if (ts.isCallExpression(parent) && HEADER_WRITERS.test(calleeName(parent) ?? '') && parent.arguments[1] === use) {
    const header = stringValue(parent.arguments[0]) ?? '';
    if (CORS_HEADER.test(header)) return header;
  }
  return undefined;
}

/**
 * The CORS option or header the calls of a function of this name hand its value to
 * (`res.setHeader('Access-Control-Allow-Headers', this.corsAllowedHeaders())`), when every call
 * in the file does so.
 */
function corsUseOfCalls(sf: TS.SourceFile, name: string): string | undefined {
  let found: string | undefined;
  let other = false;
  walk(sf, (n) => {
    if (other) return false;
    if (!ts.isCallExpression(n) || calleeName(n) !== name) return undefined;
    const use = corsUse(n);
    if (!use) other = true;
    else found ??= use;
    return undefined;
  });
  return other ? undefined : found;
}

/** Whether a value is a parameter or a local of the function around it (a plain name, not a member). */
function ownName(value: TS.Expression): boolean {
  const v = unwrap(value);
  const decl = ts.isIdentifier(v) ? resolveIdentifier(v) : undefined;
  return !!decl && (ts.isParameter(decl) || (ts.isVariableDeclaration(decl) && !!enclosingFunction(decl) && enclosingFunction(decl) === enclosingFunction(value)));
}

const RESPONSE_READ = 'Reads the Mcp-Session-Id response header (the id a server minted)';

/**
 * Whether the header is set only when its value is there (`if (sessionId) h['mcp-session-id'] =
 * sessionId`, `id ? { 'mcp-session-id': id } : {}`): with a server that minted nothing, nothing is
 * sent. Not so for `{ 'mcp-session-id': id ?? '' }`.
 */
function sentOnlyWhenSet(literal: TS.Node, value: TS.Expression): boolean {
  const v = unwrap(value);
  if (!ts.isIdentifier(v) && !ts.isPropertyAccessExpression(v)) return false;
  const text = v.getText();
  const tests = (condition: TS.Expression): boolean => {
    const c = unwrap(condition);
    if (c.getText() === text) return true;
    // `id !== undefined`, `id != null`, `id && ...`
    if (!ts.isBinaryExpression(c)) return false;
    const op = c.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return tests(c.left) || tests(c.right);
    const nullish = (e: TS.Expression) => ['undefined', 'null'].includes(unwrap(e).getText());
    return (op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) && unwrap(c.left).getText() === text && nullish(c.right);
  };
  let child: TS.Node = literal;
  for (let n = literal.parent; n && !ts.isSourceFile(n) && !ts.isFunctionLike(n); child = n, n = n.parent) {
    if (ts.isIfStatement(n) && child === n.thenStatement && tests(n.expression)) return true;
    if (ts.isConditionalExpression(n) && child === n.whenTrue && tests(n.condition)) return true;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === n.right && tests(n.left)) return true;
  }
  return false;
}

/** A value held in a variable or a field (`sessionId`, `this.sessionId`), not computed here. */
function storedId(value: TS.Expression): boolean {
  const v = unwrap(value);
  return ts.isIdentifier(v) || (ts.isPropertyAccessExpression(v) && (v.expression.kind === ts.SyntaxKind.ThisKeyword || ts.isIdentifier(v.expression)));
}

/**
 * A fetch Response, by its name (`response`, `initResponse`) or by what it is: a local typed
 * `Response` or holding what `fetch()` returned (`let res: Response; res = await fetch(...)`).
 */
function isResponse(owner: TS.Node): boolean {
  if (RESPONSE_NAME.test(referenceName(owner))) return true;
  const decl = ts.isIdentifier(owner) ? resolveIdentifier(owner) : undefined;
  if (!decl || !(ts.isVariableDeclaration(decl) || ts.isParameter(decl))) return false;
  if (decl.type) return /^(globalThis\.)?Response$/.test(decl.type.getText());
  // Its initializer, or what a `let` is assigned later (`let init; init = await axios.post(...)`).
  return heldValues(decl).some((value) => clientResponse(value) === true);
}

/**
 * Whether an expression is the headers of a response this code got (`response.headers`,
 * `(await axios.post(...)).headers`), also kept in a local (`const h = init.headers`) or
 * destructured from the response (`const { headers } = await axios.post(...)`; review 71).
 */
function responseHeaders(holder: TS.Node): boolean {
  if (ts.isPropertyAccessExpression(holder)) return clientResponse(holder.expression) ?? isResponse(unwrap(holder.expression));
  const decl = ts.isIdentifier(holder) ? resolveIdentifier(holder) : undefined;
  if (decl && ts.isVariableDeclaration(decl) && decl.initializer) return ts.isPropertyAccessExpression(unwrap(decl.initializer)) && responseHeaders(unwrap(decl.initializer));
  // `const { headers } = await axios.post(...)`.
  const pattern = decl && ts.isBindingElement(decl) ? decl.parent : undefined;
  const from = pattern && ts.isObjectBindingPattern(pattern) && ts.isVariableDeclaration(pattern.parent) ? pattern.parent.initializer : undefined;
  const key = decl && ts.isBindingElement(decl) ? (decl.propertyName ?? decl.name) : undefined;
  if (!from || !key || !ts.isIdentifier(key) || key.text !== 'headers') return false;
  return clientResponse(from) ?? isResponse(unwrap(from));
}

/** For a call (awaited or not): whether it is a request this code makes (fetch, an HTTP client package's); undefined for anything else. */
function clientResponse(value: TS.Node): boolean | undefined {
  const call = awaited(value);
  return ts.isCallExpression(call) ? calleeName(call) === 'fetch' || httpClientCall(call) : undefined;
}

/**
 * A request made with an HTTP client package (trial 55B B1): `axios.post(...)`, `got(...)`, k6's
 * `http.post(...)`, or an instance one made (`const api = axios.create(...)`; `api.get(...)`).
 */
function httpClientCall(call: TS.CallExpression): boolean {
  const root = accessRoot(unwrap(call.expression));
  if (!ts.isIdentifier(root)) return false;
  const from = sourceModuleOf(root);
  if (from !== undefined) return HTTP_CLIENT_PACKAGE.test(from);
  const made = resolveInitializer(root);
  const maker = made && ts.isCallExpression(made) ? accessRoot(unwrap(made.expression)) : undefined;
  return !!maker && ts.isIdentifier(maker) && /^(create|extend)$/.test(calleeName(made as TS.CallExpression) ?? '') && HTTP_CLIENT_PACKAGE.test(sourceModuleOf(maker) ?? '');
}

/**
 * Whether a `!==` test of the header name guards an `if` that leaves for every other header
 * (`continue`, `return`, `break`): the code after it handles the session header alone.
 */
function skipsAllBut(test: TS.Node): boolean {
  let n: TS.Node = test;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || (ts.isBinaryExpression(n.parent) && (n.parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || n.parent.operatorToken.kind === ts.SyntaxKind.BarBarToken)))) n = n.parent;
  const holder = n.parent;
  if (!holder || !ts.isIfStatement(holder) || holder.expression !== n) return false;
  const then = ts.isBlock(holder.thenStatement) && holder.thenStatement.statements.length === 1 ? holder.thenStatement.statements[0] : holder.thenStatement;
  return ts.isContinueStatement(then) || ts.isBreakStatement(then) || ts.isReturnStatement(then);
}

/** `[...].join(', ')`: the list written as one header value (its `.join`, walked out of to the call). */
function joinedList(node: TS.Node): boolean {
  if (ts.isPropertyAccessExpression(node)) return node.name.text === 'join' && ts.isArrayLiteralExpression(unwrap(node.expression)) && ts.isCallExpression(node.parent) && node.parent.expression === node;
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && joinedList(node.expression);
}

/**
 * A property of the `properties` of a JSON schema that a `headers` key holds (Fastify's route
 * schema): the request headers the route validates. `required`: the schema's `required` list names it.
 */
function headerSchema(property: TS.PropertyAssignment): { required: boolean; zod?: boolean } | undefined {
  const zod = zodObjectKey(property);
  if (zod) return zod;
  const properties = property.parent;
  const holder = properties.parent;
  if (!ts.isPropertyAssignment(holder) || propertyNameText(holder.name) !== 'properties' || !ts.isObjectLiteralExpression(holder.parent)) return undefined;
  const schema = holder.parent;
  const headers = schema.parent;
  if (!ts.isPropertyAssignment(headers) || !/^headers$/i.test(propertyNameText(headers.name) ?? '')) return undefined;
  const name = (stringValue(property.name) ?? '').toLowerCase();
  const required = schema.properties.find((p) => p.name !== undefined && propertyNameText(p.name) === 'required');
  const list = required && ts.isPropertyAssignment(required) ? unwrap(required.initializer) : undefined;
  return { required: !!list && ts.isArrayLiteralExpression(list) && list.elements.some((e) => (stringValue(e) ?? '').toLowerCase() === name) };
}

/**
 * A key of a zod object schema (`z.object({ 'mcp-session-id': z.string().optional() })`, trial
 * 50B: a gateway's header validation), `z` imported from zod: what the validated headers may
 * hold. `required`: neither its schema (`.optional()`, `.nullish()`, `.default(...)`) nor the
 * object's (`.partial()`) is made optional.
 */
function zodObjectKey(property: TS.PropertyAssignment): { required: boolean; zod: true } | undefined {
  const call = property.parent.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== property.parent || !/^(object|strictObject|looseObject)$/.test(calleeName(call) ?? '')) return undefined;
  // The value: a chain of calls starting at the same `z` (`z.string().min(1)`).
  let root: TS.Node = unwrap(property.initializer);
  while (ts.isCallExpression(root) || ts.isPropertyAccessExpression(root)) root = unwrap(root.expression);
  const callee = unwrap(call.expression);
  const owner = ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : undefined;
  if (!owner || !ts.isIdentifier(owner) || !ts.isIdentifier(root) || root.text !== owner.text || !/^zod(\/|$)/.test(importOf(owner)?.module ?? '')) return undefined;
  const partial = ts.isPropertyAccessExpression(call.parent) && /^(partial|deepPartial)$/.test(call.parent.name.text);
  return { required: !partial && !/\.(optional|nullish|default)\(/.test(property.initializer.getText()), zod: true };
}

/** Hono's responses that take their headers third (`c.json(body, 200, { 'mcp-session-id': id })`, `c.body`, `c.text`, `c.newResponse`). */
function respondsWith(call: TS.CallExpression, headers: TS.Node): boolean {
  return /^(json|body|text|html|newResponse)$/.test(calleeName(call) ?? '') && call.arguments[2] === headers;
}

/** The headers of a Response made here (`new Response(body, { headers: { ... } })`): the server's own. */
function responseInit(headers: TS.Node): boolean {
  const property = headers.parent;
  const init = property?.parent;
  return ts.isPropertyAssignment(property) && propertyNameText(property.name) === 'headers' && !!init && ts.isNewExpression(init.parent) && calleeName(init.parent) === 'Response';
}

/** The header's name kept in a table of header names or an enum other code uses (`HEADERS.MCP_SESSION_ID`), under `key`. */
const namedInConstant = (key: string): SessionHeaderUse => ({
  kind: 'name',
  constant: true,
  message: `Names the Mcp-Session-Id header in a constant (${key}): what this module keeps under the header it reads through a const table is reported where it is kept, but the reads and sends themselves are not, nor anything in the modules that import it; check its uses (a 2026-07-28 client sends no such header)`,
});

/** What the code does with the header, for the message; undefined when it only removes it. */
export function sessionHeaderUse(literal: TS.Node): SessionHeaderUse | undefined {
  const parent = literal.parent;
  // An enum's member (`enum Header { Session = 'Mcp-Session-Id' }`): a name other code uses, as a table's.
  if (ts.isEnumMember(parent) && parent.initializer === literal) return namedInConstant(parent.name.getText());
  // The header name as an object key: `{ 'Mcp-Session-Id': id }` sets it, a destructuring pattern reads it.
  if (ts.isPropertyAssignment(parent) && parent.name === literal) {
    // A route's request-header schema (`schema: { headers: { properties: { 'mcp-session-id': {...} } } }`, trial 26B).
    const schema = headerSchema(parent);
    if (schema) {
      const where = schema.zod ? 'a validation schema' : 'a route schema';
      return {
        kind: 'read',
        message: schema.required
          ? `Requires the Mcp-Session-Id request header in ${where}: 2026-07-28 clients send none, so the schema refuses every request they make; remove it from the schema`
          : `Declares the Mcp-Session-Id request header as optional in ${where} (what the client may send): 2026-07-28 clients send none, which it accepts; what reads the validated value is reported on its own`,
        ...(schema.required ? {} : { optional: true }),
      };
    }
    // `{ 'Mcp-Session-Id': id }` handed to a response (writeHead, set, ...) is the server's own; a
    // headers object of its own may be for an outgoing request: its value tells.
    const holder = parent.parent.parent;
    const response = (ts.isCallExpression(holder) && (HEADER_WRITERS.test(calleeName(holder) ?? '') || calleeName(holder) === 'headers' || respondsWith(holder, parent.parent))) || responseInit(parent.parent);
    return { kind: 'write', message: 'Sets the Mcp-Session-Id header', ...(response ? {} : { value: parent.initializer }) };
  }
  if (ts.isBindingElement(parent)) return { kind: 'read', message: 'Reads the Mcp-Session-Id request header' };
  // The `required` list of a header schema that declares it: said where it is declared.
  if (ts.isArrayLiteralExpression(parent) && ts.isPropertyAssignment(parent.parent) && propertyNameText(parent.parent.name) === 'required' && ts.isObjectLiteralExpression(parent.parent.parent)) {
    const declared = parent.parent.parent.properties.find((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'properties');
    const entry = declared && ts.isObjectLiteralExpression(unwrap(declared.initializer)) ? (unwrap(declared.initializer) as TS.ObjectLiteralExpression).properties.find((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && (stringValue(p.name) ?? '').toLowerCase() === (stringValue(literal) ?? '').toLowerCase()) : undefined;
    if (entry && headerSchema(entry)) return undefined;
  }
  // `['Access-Control-Expose-Headers', 'Mcp-Session-Id']`, a header tuple.
  if (ts.isArrayLiteralExpression(parent) && parent.elements.length === 2 && parent.elements[1] === literal && CORS_HEADER.test(stringValue(parent.elements[0]) ?? '')) {
    return cors(stringValue(parent.elements[0])!, literal);
  }
  let current: TS.Node = parent;
  // Walk out of arrays, assertions and fallbacks (`cors.allowHeaders ?? 'a, mcp-session-id'`) to find what the literal is used for.
  while (ts.isArrayLiteralExpression(current) || ts.isAsExpression(current) || ts.isParenthesizedExpression(current) || isFallback(current) || joinedList(current)) current = current.parent;
  // `res.headers['access-control-allow-headers'] = '..., mcp-session-id'`: a CORS header written into a headers object.
  if (ts.isBinaryExpression(current) && current.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(current.left)) {
    const header = stringValue(current.left.argumentExpression) ?? '';
    if (CORS_HEADER.test(header)) return cors(header, literal);
  }
  if (ts.isPropertyAssignment(current)) {
    const key = propertyNameText(current.name) ?? '';
    if (CORS_KEYS.test(key) || CORS_HEADER.test(key) || CORS_SETTING.test(key)) return cors(key, literal);
    if (TELEMETRY_HEADER_KEYS.test(key)) return { kind: 'name', message: `Records the Mcp-Session-Id header on traces (${key})`, telemetry: true };
    // A header written as `{ key: 'Access-Control-Allow-Headers', value: '...' }` (Next.js' headers() config).
    if (/^value$/i.test(key) && ts.isObjectLiteralExpression(current.parent)) {
      const named = current.parent.properties.find((p) => ts.isPropertyAssignment(p) && /^(key|name|header)$/i.test(propertyNameText(p.name) ?? ''));
      const headerName = named && ts.isPropertyAssignment(named) ? stringValue(named.initializer) : undefined;
      if (headerName && CORS_HEADER.test(headerName)) return cors(headerName, literal);
    }
    // A list of header names (`'a, mcp-session-id'`, an array) is not a header's value.
    if (current.initializer !== literal || (ts.isStringLiteral(literal) || ts.isNoSubstitutionTemplateLiteral(literal)) && literal.text.includes(',')) {
      return { kind: 'name', message: `Lists the Mcp-Session-Id header (${key})` };
    }
    // A table of header names (`CONTEXT_HEADERS = { SESSION_ID: 'mcp-session-id' } as const`): a name other code uses.
    if (headerNameTable(current)) {
      return namedInConstant(key);
    }
    return { kind: 'write', message: `Sets the Mcp-Session-Id header (${key})` };
  }
  if (ts.isElementAccessExpression(current)) {
    // `delete headers['mcp-session-id']` strips it, as 2026-07-28 asks.
    if (ts.isDeleteExpression(current.parent)) return undefined;
    if (isAssignmentTarget(current)) {
      // `headers['mcp-session-id'] = v` on a plain headers object; a response's headers are the server's own.
      const target = unwrap(current.expression);
      const plain = ts.isIdentifier(target) && !/^(res|resp|response|reply|ctx|c)$/i.test(target.text);
      return { kind: 'write', message: 'Writes the Mcp-Session-Id header', ...(plain ? { value: (current.parent as TS.BinaryExpression).right } : {}) };
    }
    // `response.headers['mcp-session-id']`: a client reading the id a server minted.
    return { kind: 'read', message: responseHeaders(unwrap(current.expression)) ? RESPONSE_READ : 'Reads the Mcp-Session-Id request header' };
  }
  if (ts.isCallExpression(current)) {
    const name = calleeName(current) ?? '';
    const args = current.arguments;
    // The header's name first, as a writer takes it (`res.setHeader('mcp-session-id', id)`); not a
    // helper handed a headers object and then the name (`header(req.headers, 'mcp-session-id')`, trial 28C).
    const named = args.length >= 2 && literal.pos >= args[0].pos && literal.end <= args[0].end;
    if (HEADER_WRITERS.test(name) && args.length >= 2 && (named || /^access-control-/i.test(stringValue(args[0]) ?? ''))) {
      const headerName = stringValue(args[0]) ?? '';
      if (/^access-control-/i.test(headerName)) return cors(headerName, literal);
      // `headers.set('mcp-session-id', id)` on a headers object of its own (a request's, a client's)
      // carries its value, as `headers['mcp-session-id'] = id` does; a response's is the server's own.
      const callee = unwrap(current.expression);
      const target = ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : undefined;
      const own = !!target && ts.isIdentifier(target) && !/^(res|resp|response|reply|ctx|c)$/i.test(target.text);
      return { kind: 'write', message: `Writes the Mcp-Session-Id header (${name})`, ...(own && args[1] ? { value: args[1] } : {}) };
    }
    // Stripping the header (a proxy or client dropping it) is what 2026-07-28 asks for.
    if (/^(delete|remove|removeHeader)$/.test(name)) return undefined;
    // Put into a list or a set (`allow.add('mcp-session-id')`): a CORS list where the list is named
    // for one or handed to one (`allowedHeaders: [...allow]`), a name of the header otherwise; no read (trial 22A).
    if (/^(add|push|unshift)$/.test(name)) {
      const list = corsListOf(current);
      return list ? cors(list, literal) : { kind: 'name', message: `Names the Mcp-Session-Id header (${name})` };
    }
    // Not the header asked for, but a default handed after it (`config.get('cors.exposeHeaders',
    // 'Mcp-Session-Id')`): a CORS list where the key names one, a name otherwise.
    if (args.length >= 2 && !named) {
      // A request's headers handed first (`header(req.headers, 'mcp-session-id')`): a getter reading
      // it; with a value after the name (`_.set(headers, 'mcp-session-id', sid)`), a setter writing it.
      if (/(^|\.)headers$/i.test(unwrap(args[0]).getText())) {
        return HEADER_WRITERS.test(name) && args.length >= 3 ? { kind: 'write', message: `Writes the Mcp-Session-Id header (${name})` } : { kind: 'read', message: `Reads the Mcp-Session-Id header (${name})` };
      }
      const key = stringValue(args[0]) ?? '';
      return CORS_SETTING.test(key) ? cors(key, literal) : { kind: 'name', message: `Names the Mcp-Session-Id header (${name})` };
    }
    // `body.includes('Mcp-Session-Id')`: a search of a text (a response body, an error's message)
    // for the header's name, which reads no header (trial 59B B6: a client telling a 2025 server's
    // session error apart was an error-level header read). Not a search of headers (`Object.keys(req.headers)`).
    const searched = ts.isPropertyAccessExpression(unwrap(current.expression)) ? (unwrap(current.expression) as TS.PropertyAccessExpression).expression : undefined;
    if (TEXT_SEARCHES.test(name) && searched && args.length >= 1 && literal.pos >= args[0].pos && literal.end <= args[0].end && isText(searched)) {
      return { kind: 'name', textSearch: true, message: `Searches a text for the Mcp-Session-Id header's name (${name}), reading no header: a 2025 server's session error told apart; 2026-07-28 servers mint no session, so it matters only with 2025 ones` };
    }
    // `response.headers.get('mcp-session-id')`: a client reading the id a server minted.
    const callee = unwrap(current.expression);
    const headers = ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : undefined;
    const owner = headers && ts.isPropertyAccessExpression(headers) && headers.name.text === 'headers' ? unwrap(headers.expression) : undefined;
    if (name === 'get' && owner && isResponse(owner)) {
      return { kind: 'read', message: RESPONSE_READ };
    }
    return { kind: 'read', message: `Reads the Mcp-Session-Id header (${name})` };
  }
  // `key !== 'mcp-session-id'` choosing what a proxy forwards (or a filter keeps): every header but
  // this one, dropped as 2026-07-28 asks. Not `if (key !== 'mcp-session-id') continue;`, which
  // picks the header out.
  if (ts.isBinaryExpression(current) && (current.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || current.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsToken) && !skipsAllBut(current)) return undefined;
  // Returned by a function (`corsAllowedHeaders() { return '..., Mcp-Session-Id' }`, `const allow =
  // () => '...'`): a CORS list by the function's name, or by where its calls go (trial 30B).
  const returnedBy = ts.isReturnStatement(current) ? enclosingFunction(current) : ts.isArrowFunction(current) ? current : undefined;
  if (returnedBy) {
    const named = functionNameNode(returnedBy);
    const name = named && ts.isIdentifier(named) ? named.text : undefined;
    if (name && CORS_SETTING.test(name)) return cors(name, literal);
    const used = name ? corsUseOfCalls(returnedBy.getSourceFile(), name) : undefined;
    if (used) return cors(used, literal);
  }
  // `exposeHeaders: string[] = ['Mcp-Session-Id']`: a parameter's default, a CORS list by its name.
  if (ts.isParameter(current) && ts.isIdentifier(current.name) && CORS_SETTING.test(current.name.text)) return cors(current.name.text, literal);
  if (ts.isVariableDeclaration(current)) {
    // `const CORS_EXPOSED_HEADERS = ['Mcp-Session-Id', ...]`: a CORS list by its name, or by where
    // it goes (`cors({ allowedHeaders: ALLOW })`, `res.setHeader('Access-Control-Allow-Headers', ALLOW)`).
    // A name that does not say which list it is (`CORS_HEADERS`) takes that of where it goes.
    const name = ts.isIdentifier(current.name) ? current.name.text : '';
    // Where it goes takes a walk of the file: only asked when the name does not tell.
    const usedAs = () => (ts.isIdentifier(current.name) ? corsUseOf(current as TS.VariableDeclaration & { name: TS.Identifier }) : undefined);
    if (/cors|(allow|expose)\w*headers?$/i.test(name) && /headers?$/i.test(name)) return cors(name, literal, /allow|expose/i.test(name) ? name : (usedAs() ?? name));
    const used = usedAs();
    if (used) return cors(used, literal);
    // Exported for other modules to read or send the header through (a constants module).
    const statement = current.parent.parent;
    if (name && ts.isVariableStatement(statement) && isExported(statement)) {
      const followed = SESSION_HEADER_CONSTANT.test(name) ? 'the session maps and state keyed by what they read are reported there' : "its name does not say so, so what they key by it is not followed there: check their uses (or name it for the header, as SESSION_ID_HEADER)";
      return { kind: 'name', message: `Names the Mcp-Session-Id header in an exported constant (${name}): the modules that import it read or send the header through it; ${followed}` };
    }
    return { kind: 'name', message: 'Names the Mcp-Session-Id header' };
  }
  return { kind: 'name', message: 'Uses the Mcp-Session-Id header' };
}

/**
 * A value the application visibly made itself: a member of a parameter typed with one of its own
 * interfaces (`context.sessionId` with `context: ClientContext`). Anything else (a `sessionId`
 * parameter, a ref filled from a response) may well be the MCP session id.
 */
function ownValue(value: TS.Expression): boolean {
  const v = unwrap(value);
  if (!ts.isPropertyAccessExpression(v)) return false;
  const base = unwrap(v.expression);
  const decl = ts.isIdentifier(base) ? resolveIdentifier(base) : undefined;
  return !!decl && ts.isParameter(decl) && !!decl.type && appInterface(decl.type);
}

/** Calls that send an HTTP request of this code's own (fetch, axios, got, a client's get/post). */
const OUTGOING_CALL = /^(fetch|request|axios|got|get|post|put|patch|ky)$/;

/**
 * The headers object a header is written into (`headers['mcp-session-id'] = sid`), when it goes out
 * with a request of this code's own to another service: returned by the function that builds it
 * (ref-tools' getAuthHeaders) or handed to fetch/axios, itself or as `{ headers }`.
 */
function outgoingHeaders(header: TS.Node): boolean {
  let at: TS.Node = header;
  while (!ts.isElementAccessExpression(at) && !ts.isSourceFile(at)) at = at.parent;
  if (!ts.isElementAccessExpression(at)) return false;
  const target = unwrap(at.expression);
  if (!ts.isIdentifier(target)) return false;
  const decl = resolveIdentifier(target);
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return false;
  const fn = enclosingFunction(decl);
  // Returned: it goes out where the function's callers send what it returns.
  return referencesTo(fn?.body ?? decl.getSourceFile(), decl as TS.VariableDeclaration & { name: TS.Identifier }).some((ref) => (ts.isReturnStatement(ref.parent) ? !!fn && resultSentOut(fn) : sentWithRequest(ref)));
}

/**
 * A relay of the header by code that forwards requests to an MCP server (a gateway): the request's
 * header read into a local that is only tested and set on the outgoing request's headers, or the
 * upstream response's header, read into a local, set on the response to the client.
 */
function relayed(node: TS.Node, use: SessionHeaderUse, uses: ReadonlyArray<{ node: TS.Node; use: SessionHeaderUse }>): boolean {
  const within = (inner: TS.Node, outer: TS.Node) => inner.pos >= outer.pos && inner.end <= outer.end && inner.getSourceFile() === outer.getSourceFile();
  if (use.kind === 'read' && use.message !== RESPONSE_READ) {
    let read: TS.Node = node;
    while (!ts.isVariableDeclaration(read.parent) && read.parent && !ts.isStatement(read.parent)) read = read.parent;
    const local = read.parent;
    if (!ts.isVariableDeclaration(local) || !ts.isIdentifier(local.name) || local.initializer !== read) return false;
    const refs = referencesTo(local.getSourceFile(), local as TS.VariableDeclaration & { name: TS.Identifier });
    const sentOn = (ref: TS.Node) => uses.some((u) => u.use.kind === 'write' && u.use.value && within(ref, u.use.value) && u.node.parent && ts.isPropertyAssignment(u.node.parent) && ts.isObjectLiteralExpression(u.node.parent.parent) && sentWithRequest(u.node.parent.parent));
    // A test only of whether to send it on: the condition of a choice (or an `if`) whose branch
    // sends it, nothing else (not one that turns the request away without it, review 72).
    const tested = (ref: TS.Node) => {
      let test: TS.Node = ref;
      while (ts.isTypeOfExpression(test.parent) || ts.isParenthesizedExpression(test.parent) || ts.isPrefixUnaryExpression(test.parent) || (ts.isBinaryExpression(test.parent) && test.parent.left === test)) test = test.parent;
      const choice = test.parent;
      if (ts.isConditionalExpression(choice) && choice.condition === test) return [choice.whenTrue, choice.whenFalse].some((branch) => refs.some((other) => within(other, branch) && sentOn(other)));
      if (!ts.isIfStatement(choice) || choice.expression !== test || !refs.some((other) => within(other, choice.thenStatement) && sentOn(other))) return false;
      // The path without the id must not turn the request away (review 73): not the else, nor,
      // where the branch that sends leaves, what follows the `if`.
      if (choice.elseStatement) return !turnsAway(choice.elseStatement);
      const block = choice.parent;
      const after = endsByLeaving(choice.thenStatement) && ts.isBlock(block) ? block.statements.slice(block.statements.indexOf(choice) + 1) : [];
      return !after.some(turnsAway);
    };
    return refs.length > 0 && refs.every((ref) => sentOn(ref) || tested(ref)) && refs.some(sentOn);
  }
  // `res.setHeader('mcp-session-id', back)` with `back` the upstream response's.
  const call = node.parent;
  if (use.kind !== 'write' || !ts.isCallExpression(call) || !HEADER_WRITERS.test(calleeName(call) ?? '') || !call.arguments[1]) return false;
  const value = unwrap(call.arguments[1]);
  const from = ts.isIdentifier(value) ? resolveInitializer(value) : value;
  return !!from && uses.some((u) => u.use.message === RESPONSE_READ && within(u.node, from));
}

/** Whether code answers with an error status or throws (`res.status(400)`, `reply.code(404)`, `writeHead(400)`, `{ status: 400 }`, `throw`). */
function turnsAway(node: TS.Node): boolean {
  return /\b(status|code|writeHead|sendStatus)\s*\(\s*[45]\d\d\b|\bstatus\s*:\s*[45]\d\d\b|\bthrow\b/.test(node.getText());
}

/** Whether a value is handed to an outgoing request, itself or inside the objects it is put in (`{ headers }`, `{ headers: { ...h } }`). */
function sentWithRequest(value: TS.Node): boolean {
  let holder: TS.Node = value.parent;
  // (Also a branch of a choice spread in: `...(sid ? { 'mcp-session-id': sid } : {})`.)
  while (ts.isShorthandPropertyAssignment(holder) || ts.isSpreadAssignment(holder) || ts.isPropertyAssignment(holder) || ts.isObjectLiteralExpression(holder) || ts.isParenthesizedExpression(holder) || (ts.isConditionalExpression(holder) && holder.condition.end <= value.pos)) {
    value = holder;
    holder = holder.parent;
  }
  return ts.isCallExpression(holder) && OUTGOING_CALL.test(calleeName(holder) ?? '');
}

/** Whether some call of a function (by its name, in its file) hands what it returns to an outgoing request (ref-tools' `headers: getAuthHeaders(sid)`). */
function resultSentOut(fn: TS.FunctionLikeDeclaration): boolean {
  const declaration = functionDeclarationOf(fn);
  return !!declaration && referencesTo(fn.getSourceFile(), declaration).some((ref) => ts.isCallExpression(ref.parent) && ref.parent.expression === ref && sentWithRequest(ref.parent));
}

/** `const sid = <read>` (behind `??`, `||`, a cast, or as the test of a choice between two labels) whose every use is a log or trace argument. */
function onlyLogged(read: TS.Node): boolean {
  let n: TS.Node = read;
  for (;;) {
    const p = n.parent;
    const fallback = isFallback(p) && p.left === n;
    // `h ? 'MCP session' : 'env'`: a label that only says whether the header came.
    const label = ts.isConditionalExpression(p) && p.condition === n && ts.isStringLiteralLike(unwrap(p.whenTrue)) && ts.isStringLiteralLike(unwrap(p.whenFalse));
    if (!(ts.isAsExpression(p) || ts.isParenthesizedExpression(p) || fallback || label)) break;
    n = p;
  }
  const decl = n.parent;
  if (!ts.isVariableDeclaration(decl) || decl.initializer !== n || !ts.isIdentifier(decl.name)) return false;
  // A local's uses are in the block that declares it: walked instead of the whole file.
  const scope = decl.parent.parent.parent ?? decl.getSourceFile();
  const refs = referencesTo(scope, decl as TS.VariableDeclaration & { name: TS.Identifier });
  return refs.length > 0 && refs.every((ref) => isTelemetryUse(ref) || picksLogLine(ref));
}

/** `if (lastEventId) console.error('reconnecting'); else console.error('new stream')`: a test that only picks which line to log. */
function picksLogLine(ref: TS.Node): boolean {
  const test = ref.parent;
  if (!ts.isIfStatement(test) || test.expression !== ref) return false;
  const logsOnly = (s: TS.Statement | undefined): boolean => {
    if (!s) return true;
    const statements = ts.isBlock(s) ? s.statements : [s];
    return statements.every((x) => isLogStatement(x) || (ts.isIfStatement(x) && logsOnly(x.thenStatement) && logsOnly(x.elseStatement)));
  };
  return logsOnly(test.thenStatement) && logsOnly(test.elseStatement);
}

/** The expression that reads the header named by a literal: `h.get('mcp-session-id')`, `h['mcp-session-id']`. */
function readExpression(literal: TS.Node): TS.Node | undefined {
  const parent = literal.parent;
  if ((ts.isCallExpression(parent) && parent.arguments[0] === literal) || (ts.isElementAccessExpression(parent) && parent.argumentExpression === literal)) return parent;
  return undefined;
}

/**
 * A header literal that only labels or fills a log or trace payload:
 * `logger.debug({ headers: { 'mcp-session-id': req.get('Mcp-Session-Id') } })`. `'key'`: the
 * literal is the payload's key (nothing is set: not reported); `'read'`: a read whose value only
 * goes to the log (directly, or through a local that only is).
 */
export function loggedHeader(literal: TS.Node): 'key' | 'read' | undefined {
  if (ts.isPropertyAssignment(literal.parent) && literal.parent.name === literal) return isTelemetryUse(literal.parent) ? 'key' : undefined;
  const read = readExpression(literal);
  return read && (isTelemetryUse(read) || onlyLogged(read)) ? 'read' : undefined;
}

/** While code of the project still issues session ids to 2025 clients, their browsers need the header in its CORS lists. */
const WHILE_SESSIONS = 'code that speaks both eras and still issues session ids to 2025 clients, in this file or another, keeps it until that path goes';
/** An expose list names response headers page scripts may read: the 2026-07-28 headers are request headers, nothing to add. */
const EXPOSE_LIST_ADVICE = `Drop it from the list: page scripts read it only from servers that mint session ids, which 2026-07-28 servers never do; ${WHILE_SESSIONS}. Mcp-Method, Mcp-Name and MCP-Protocol-Version are request headers: they belong in an allow list, not in this one.`;
/** An allow list names request headers a browser may send: the 2026-07-28 ones go in. */
const ALLOW_LIST_ADVICE = `Drop it from the list, and list Mcp-Method, Mcp-Name and MCP-Protocol-Version, which 2026-07-28 browser clients send; ${WHILE_SESSIONS}.`;
/** A proxy's CORS list keeps it for the 2025 servers behind it. */
const PROXY_CORS_ADVICE = 'Nothing to do for this header: it stays while 2025 servers behind this proxy mint session ids.';
/** The same, where the allow list also lacks the 2026-07-28 request headers (trial 64B B1). */
const PROXY_CORS_ADD_ADVICE = 'Keep this header while 2025 servers behind this proxy mint session ids, and list Mcp-Method and Mcp-Name beside it (and MCP-Protocol-Version), which 2026-07-28 browser clients send on every request.';

/**
 * The GET or DELETE route (`app.get('/mcp', handler)`, Hono's and Fastify's alike) whose handler
 * holds a node: a 2025 client's session stream or the end of its session.
 */
function streamOrEndRoute(node: TS.Node): StreamOrEndRoute | undefined {
  const route = enclosingRoute(node);
  if (!route) return methodListRoute(node);
  if (!route.path.startsWith('/')) return undefined;
  // `app.all('/mcp', ...)` with the read in its `if (req.method === 'DELETE')` branch (or a `case 'GET':`).
  const branch = route.method === 'all' ? methodBranch(node, route.handler) : undefined;
  if (branch) return { method: branch, path: route.path, branch: true };
  if (route.method === 'all') return allAfterPost(route.handler, route.path) ? { method: 'all', path: route.path } : undefined;
  return streamOrEnd(route.method, route.path, node.getSourceFile());
}

/**
 * Hono's route of a list of methods (`app.on(['GET', 'DELETE'], '/mcp', handler)`) whose handler
 * holds a node, where it serves GET or DELETE and not POST: the session's stream or its end.
 */
function methodListRoute(node: TS.Node): StreamOrEndRoute | undefined {
  const fn = findAncestor(node, (n): n is TS.FunctionLikeDeclaration => isFunctionLike(n) && ts.isCallExpression(n.parent) && calleeName(n.parent) === 'on' && n.parent.arguments.length >= 3 && n.parent.arguments.at(-1) === n);
  const call = fn?.parent as TS.CallExpression | undefined;
  const path = call && constantString(call.arguments[1]);
  if (!call || !path?.startsWith('/')) return undefined;
  const methods = onMethods(call);
  const served = methods.filter((m) => m === 'get' || m === 'delete');
  if (served.length === 0 || methods.includes('post') || !streamOrEnd(served[0], path, node.getSourceFile())) return undefined;
  return { method: served.length > 1 ? 'GET and DELETE' : served[0] === 'get' ? 'GET' : 'DELETE', path };
}

/**
 * Whether an `all` route's handler (`app.all('/mcp', ...)`, a router's, Hono's) serves only what
 * a POST route of the same app on its path leaves it, GET and DELETE (trial 78A B12): that route
 * comes first and answers POST itself (not middleware that hands it on), and this handler does not
 * route by the method itself (its branches are methodBranch's).
 */
function allAfterPost(handler: TS.FunctionLikeDeclaration, path: string): boolean {
  const call = handler.parent;
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return false;
  if (someNode(handler, (n) => ts.isPropertyAccessExpression(n) && n.name.text === 'method')) return false;
  const app = unwrap(call.expression.expression).getText();
  let post = false;
  walk(call.getSourceFile(), (n) => {
    if (post || n.pos >= call.pos) return false;
    if (!ts.isCallExpression(n) || calleeName(n) !== 'post' || !ts.isPropertyAccessExpression(n.expression) || unwrap(n.expression.expression).getText() !== app || routePath(n) !== path) return undefined;
    const answers = n.arguments.at(-1);
    post = !!answers && n.arguments.length >= 2 && !passesOn(answers);
    return undefined;
  });
  return post;
}

/** A `get` or `delete` route on `path` of the MCP endpoint: its path names MCP, or the file also serves POST (or every method) on it. */
function streamOrEnd(method: string, path: string, sf: TS.SourceFile): StreamOrEndRoute | undefined {
  if (method !== 'get' && method !== 'delete') return undefined;
  const served = new RegExp(`\\.(post|all)\\(\\s*['"\`]${escapeRegExp(path)}['"\`]`);
  return namesMcpEndpoint(path) || served.test(sf.text) ? { method: method === 'get' ? 'GET' : 'DELETE', path } : undefined;
}

/**
 * The GET and DELETE routes of the MCP endpoint that a named function holding `node` is the
 * handler of, where that is all it is used for (`app.get('/mcp', viaSession); app.delete('/mcp',
 * viaSession)`, the SDK's handleSessionRequest; trial 76A B7): a read there is a read in those
 * routes. None where the function is also called, or handed to another route or anything else.
 */
function namedStreamOrEndRoutes(node: TS.Node): Array<{ route: StreamOrEndRoute; call: TS.CallExpression }> {
  const fn = enclosingFunction(node);
  const named = fn && !enclosingRoute(node) ? functionDeclarationOf(fn) : undefined;
  if (!named) return [];
  const found: Array<{ route: StreamOrEndRoute; call: TS.CallExpression }> = [];
  for (const ref of referencesTo(fn!.getSourceFile(), named)) {
    const call = ref.parent;
    const path = ts.isCallExpression(call) && call.expression !== ref && call.arguments.includes(ref as TS.Expression) ? routePath(call) : undefined;
    const route = path?.startsWith('/') ? streamOrEnd(calleeName(call as TS.CallExpression) ?? '', path, call.getSourceFile()) : undefined;
    if (!route) return [];
    found.push({ route, call: call as TS.CallExpression });
  }
  return found;
}

/**
 * A path that names the MCP endpoint: its last segment names MCP (`/mcp`, `/api/mcp`), or a
 * parameter after one that does (`/mcp/:id`); not a page under it (`/mcp/debug`, trial 55B).
 */
function namesMcpEndpoint(path: string): boolean {
  const segments = path.split('/').filter(Boolean);
  const parameter = (segment: string) => /^[:{*]/.test(segment);
  while (segments.length > 1 && parameter(segments.at(-1)!)) segments.pop();
  return /mcp/i.test(segments.at(-1) ?? '');
}

/** A GET or DELETE route (or one of both, methodListRoute), a branch of one handler for every method, or an `all` route a POST route of its own comes before (allAfterPost: both). */
type StreamOrEndRoute = { method: 'GET' | 'DELETE' | 'GET and DELETE' | 'all'; path: string; branch?: boolean };

/** Where a read sits in such a route, and what 2026-07-28 does there: the end of the finding's message. */
function inRoute(route: StreamOrEndRoute): string {
  if (route.method === 'all') return `the all ${route.path} handler (a session's stream and its end: POST ${route.path} has a route of its own ahead of it): 2026-07-28 has no sessions to stream or end`;
  const where = route.branch ? `the ${route.method} branch of the ${route.path} handler` : `a ${route.method} ${route.path} handler`;
  return `${where} (${route.method === 'GET' ? "a session's stream" : route.method === 'DELETE' ? "a session's end" : "a session's stream and its end"}): 2026-07-28 has no sessions to stream or end`;
}

/**
 * The calls, in GET or DELETE routes of the MCP endpoint, of the named function of this file whose
 * body holds `read` (a helper outside any route): what the route reads through it.
 */
function helperCallsInStreamOrEndRoutes(read: TS.Node, facts: SessionFacts): { call: TS.CallExpression; route: StreamOrEndRoute }[] {
  const fn = enclosingFunction(read);
  if (!fn || enclosingRoute(read) || !functionDeclarationOf(fn)) return [];
  return facts.callSitesOf(fn).flatMap((call) => {
    const route = streamOrEndRoute(call);
    return route ? [{ call, route }] : [];
  });
}

/**
 * The HTTP method a branch of a handler serves, when `node` sits in it: the then-branch of `if
 * (req.method === 'DELETE')`, a `case 'GET':` of `switch (req.method)`. Only GET and DELETE.
 */
function methodBranch(node: TS.Node, handler: TS.Node): 'GET' | 'DELETE' | undefined {
  const streamOrEnd = (methods: string[]) => methods.find((m): m is 'GET' | 'DELETE' => m === 'GET' || m === 'DELETE');
  let child: TS.Node = node;
  for (let n = node.parent; n && n !== handler; child = n, n = n.parent) {
    const m =
      ts.isIfStatement(n) && child === n.thenStatement
        ? streamOrEnd(comparedMethod(n.expression))
        : ts.isCaseClause(n) && ts.isSwitchStatement(n.parent.parent) && /(^|\.)method$/.test(unwrap(n.parent.parent.expression).getText())
          ? streamOrEnd([constantString(n.expression)?.toUpperCase() ?? ''])
          : undefined;
    if (m) return m;
  }
  return undefined;
}

export const sessionHeader: CodeRule = {
  target: 'code',
  id: 'session-header',
  category: 'session-header',
  severity: 'error',
  title: 'Mcp-Session-Id header is read, written or listed',
  why:
    'The 2026-07-28 revision removed protocol sessions and the Mcp-Session-Id header. Clients no longer send it and a server must ' +
    'ignore it: code that reads it to find a transport, a cart or a user gets nothing, and code that mints or echoes it ' +
    'invites clients to pin themselves to one instance. CORS allow lists (the request headers a browser may send) should carry Mcp-Method, Mcp-Name and MCP-Protocol-Version instead; ' +
    'expose lists (the response headers page scripts may read) only lose it.',
  fix: {
    codemod: 'stateless-transport',
    manual: 'Remove the header handling and replace what it looked up with an explicit handle argument; in a CORS allow list, drop it and list Mcp-Method, Mcp-Name and MCP-Protocol-Version; in an expose list, only drop it (code that speaks both eras keeps it on its 2025 path only).',
    advice: ({ message }) =>
      /^CORS [^;:]* lists Mcp-Session-Id: this code proxies/.test(message)
        ? message.includes('; but the list lacks') ? PROXY_CORS_ADD_ADVICE : PROXY_CORS_ADVICE
        : /^CORS /.test(message)
        ? message.includes(EXPOSE_ADVICE)
          ? EXPOSE_LIST_ADVICE
          : ALLOW_LIST_ADVICE
        : / handler \(a session's (stream|end)/.test(message)
          ? 'Answer GET and DELETE on the MCP endpoint with 405 Method Not Allowed: 2026-07-28 has no session stream to open and no session to end (code that speaks both eras keeps them on its 2025 path only).'
        : / in a (route|validation) schema/.test(message)
          ? "Remove it from the route's header schema (a required entry refuses every 2026-07-28 request), and replace what the handler looked up with it by an explicit handle argument (code that speaks both eras keeps it on its 2025 path only)."
        : / only to log or trace it/.test(message)
          ? 'Nothing depends on it; to keep a correlation id in the logs, log a request id or the caller\'s authenticated principal instead.'
          : /^Answers [^:]*to a request whose Mcp-Session-Id names no session/.test(message)
            ? 'Remove the refusal and serve the request whatever Mcp-Session-Id it carries, or none: a 2026-07-28 server looks nothing up by it (code that speaks both eras keeps it on its 2025 path only).'
          : /^(Writes|Sets) the Mcp-Session-Id header/.test(message)
            ? 'Stop sending it: 2026-07-28 servers mint no session id, and a client that echoes one pins itself to this instance (code that speaks both eras keeps it on its 2025 path only).'
            : 'Remove the header handling and replace what it looked up with an explicit handle argument (code that speaks both eras keeps it on its 2025 path only).',
  },
  docs: `${SPEC}/basic/transports/streamable-http`,
  // (The client transport's sessionId option sends the header without naming it; a refusal of an
  // unknown session may take the id from a helper of another module.)
  keywords: [SESSION_HEADER, 'streamablehttpclienttransport', 'session not found', 'session id not found', 'session does not exist', 'session id does not exist', 'unknown session', 'unknown mcp session'],
  check(file, report) {
    // One statement that reads the header several times (`Array.isArray(h[k]) ? h[k][0] : h[k]`) is one finding.
    const readsIn = new Map<TS.Node, Set<string>>();
    const readAgain = (node: TS.Node, message: string) => {
      let statement: TS.Node = node;
      while (statement.parent && !ts.isStatement(statement) && !ts.isSourceFile(statement.parent)) statement = statement.parent;
      const seen = readsIn.get(statement) ?? new Set<string>();
      readsIn.set(statement, seen);
      if (seen.has(message)) return true;
      seen.add(message);
      return false;
    };
    const uses: Array<{ node: TS.Node; use: SessionHeaderUse }> = [];
    const refusals: Array<{ answer: TS.Node; message: string }> = [];
    file.facts.nodes.visit(VISITED, (node) => {
      const resumed = resumedSession(node);
      if (resumed) {
        report({ node: resumed, message: "Resumes an MCP session with the client transport's sessionId option, which sends it as Mcp-Session-Id: 2026-07-28 servers mint and read no session id, so only 2025 servers resume anything; keep it for those, and carry what a conversation needs in the explicit handles the tools take", severity: 'warning', manual: true });
        return;
      }
      if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node)) return;
      const use = mentionsSessionHeader(node.text) ? sessionHeaderUse(node) : undefined;
      if (use) uses.push({ node, use });
      const refusal = use ? undefined : unknownSessionAnswer(node, file.facts);
      if (refusal) refusals.push(refusal);
    });
    // A refusal of a request whose session id names no session here (trial 77A B8): the header's routing.
    for (const { answer, message } of refusals) {
      const guard = legacyTest(answer);
      if (guard) report({ node: answer, message: `${message}; here on the 2025 path of code that speaks both eras (${guardText(guard.test, guard.earlyReturn)}): 2025 clients need it there; keep it behind that test`, ...keptOnLegacyPath() });
      else report({ node: answer, message });
    }
    /**
     * Client code (it serves nothing) that takes the id from a server's response: what it sends
     * back is the id a 2025 server minted. A 2026-07-28 server mints none, so the echo stays idle
     * there and keeps 2025 servers working (a stdio-to-HTTP proxy's).
     */
    const echoesMinted = uses.some(({ use }) => use.message === RESPONSE_READ) && file.facts.servesNothing;
    /** Code that proxies to servers it does not control: its CORS lists keep the header for 2025 upstreams. */
    const proxy = uses.some(({ use }) => use.kind === 'cors') && proxiesToOtherServers(file.text);
    /** Code that takes the id from servers' responses: the requests it sends go to MCP servers. */
    const talksToMcpServers = uses.some(({ use }) => use.message === RESPONSE_READ);
    for (const { node, use } of uses) {
      // The key of a log payload's field (its value, a read, is judged on its own).
      if (use.kind !== 'cors' && loggedHeader(node) === 'key') continue;
      // The key under which code records the header a response came back with (`headers: {
      // 'mcp-session-id': response.headers.get('mcp-session-id') }`, returned for printing): no
      // header is set unless that object goes out with a request. The read is judged on its own.
      if (use.kind === 'write' && use.value && ts.isObjectLiteralExpression(node.parent.parent) && !sentWithRequest(node.parent.parent) && uses.some((u) => u.use.message === RESPONSE_READ && u.node.pos >= use.value!.pos && u.node.end <= use.value!.end)) continue;
      if (use.kind === 'read' && readAgain(node, use.message)) continue;
      // A client's DELETE with the header: the 2025 way to end a session, with the id a server
      // minted that its caller hands it (trial 52B: coremcp's terminateSession({ sessionId })).
      // (Not a field's id sent to every server with a fallback, `this.sessionId ?? ''`: that is the transport's own.)
      if (use.kind === 'write' && use.value && file.facts.servesNothing && handedIn(use.value) && endsSession(node)) {
        report({ node, message: `${use.message}: a client ending a 2025 server's session (a DELETE with the id it minted); 2026-07-28 servers mint none and answer DELETE with 405, so send it only where a server minted one`, severity: 'info', manual: true });
        continue;
      }
      // Set into a headers object for an outgoing request, to a value no MCP session gave this
      // code (a telemetry id of its own): another service's header that shares the name.
      if (use.value && ownValue(use.value) && !file.facts.isSessionId(use.value)) {
        report({
          node,
          message: `Sets a header named Mcp-Session-Id to a value not taken from an MCP session here (${use.value.getText().slice(0, 40)}): 2026-07-28 servers ignore it; if it goes to a service of your own, give it a name of its own so no MCP gateway routes on it`,
          severity: 'warning',
          manual: true,
        });
        continue;
      }
      // Allowed, not required, by a schema of the headers a route takes: nothing is refused. Or a
      // text searched for the header's name: nothing is read.
      if (use.optional || use.textSearch) {
        report({ node, message: use.message, severity: 'info', manual: true });
        continue;
      }
      // Recorded on traces by an instrumentation option (`captureRequestHeaders`).
      if (use.telemetry) {
        report({ node, message: `${use.message}: nothing depends on it, but 2026-07-28 clients never send it, so the attribute stays empty`, severity: 'info', manual: true });
        continue;
      }
      // A header value read only to be logged or traced (`logger.trace(..., { sid: res.headers.get(...) })`),
      // or kept in a local that only is (`const sid = ...; log.info({ sid })`).
      if (use.kind === 'read' && loggedHeader(node) === 'read') {
        report({ node, message: `${use.message} only to log or trace it: nothing depends on it, but 2026-07-28 peers never send it, so the field stays empty`, severity: 'info', manual: true });
        continue;
      }
      // A gateway that forwards to an MCP server and relays the header both ways, looking nothing
      // up by it (trial 56B B2): the id a 2025 upstream minted reaches its client and comes back;
      // a 2026-07-28 upstream mints none, so the relay stays idle.
      if (talksToMcpServers && relayed(node, use, uses)) {
        report({ node, message: `${use.message}: relayed between the client and the MCP server this code forwards to, and used for nothing else; 2026-07-28 servers mint none, so it stays unset with them, and 2025 servers behind it still get theirs back`, severity: 'info', manual: true });
        continue;
      }
      // Code that speaks both eras, on its 2025 path: that path needs the header (eras.ts).
      const guard = use.kind === 'cors' ? undefined : legacyTest(node);
      if (guard) {
        report({ node, message: `${use.message} on the 2025 path of code that speaks both eras (${guardText(guard.test, guard.earlyReturn)}): 2025 peers need it there; keep it behind that test`, ...keptOnLegacyPath() });
        continue;
      }
      // A server sending it on with a request of its own to another service (its analytics or
      // routing; ref-tools' API): not the MCP transport's header, and no handle replaces it. (A
      // client's or a proxy's requests go to MCP servers: there it is the transport's.)
      if (use.kind === 'write' && use.value && !file.facts.clientOnly && !proxy && !talksToMcpServers && !file.facts.servesNothing && outgoingHeaders(node)) {
        report({ node, message: "Sends the MCP session id on to another service in a request header named Mcp-Session-Id: 2026-07-28 requests carry none, so it goes empty; send an id of this code's own (a correlation id) under a name of its own", severity: 'warning', manual: true });
        continue;
      }
      // In client code that takes the id from responses, a write of a variable or field sends that id
      // back, tested for or not (`'Mcp-Session-Id': this.sessionId`, null until a server mints one).
      const echo = (use.kind === 'read' && use.message === RESPONSE_READ) || (use.kind === 'write' && !!use.value && (sentOnlyWhenSet(node, use.value) || storedId(use.value)));
      // Client code that sends the id only when its caller hands it one (a test client's header
      // builder, trial 31A): the same echo, where the id comes from the caller, not a response here.
      // (A name of the function's own, a parameter or a local: not a field such as `this.sessionId`,
      // which a transport of the file's own keeps for the id it minted.)
      const handedEcho = use.kind === 'write' && !!use.value && file.facts.servesNothing && ownName(use.value) && sentOnlyWhenSet(node, use.value);
      if ((echo && echoesMinted) || handedEcho) {
        report({ node, message: `${use.message}: a client passing back the id a 2025 server minted; 2026-07-28 servers mint none, so it stays unset with them`, severity: 'info', manual: true });
        continue;
      }
      // Code that speaks both eras and issues session ids on its 2025 path only: its 2025 browser
      // clients read the header (the SDK's legacy-routing example).
      const legacySessions = use.kind === 'cors' ? corsKeptForLegacySessions(node) : undefined;
      if (legacySessions) {
        report({ node, message: `${use.message.split(';')[0]}: the 2025 path of this code that speaks both eras still issues session ids (${guardText(legacySessions.test, legacySessions.earlyReturn)}), and its browser clients need it; drop it with that path`, ...keptOnLegacyPath() });
        continue;
      }
      // A proxy to servers it does not control relays the ids 2025 upstreams mint: its CORS list keeps the header.
      if (use.kind === 'cors' && proxy) {
        // (An allow list still needs what 2026-07-28 clients send beside it: cors-headers adds it; trial 64B B1.)
        const head = use.message.split(';')[0];
        const missing = /allow/i.test(head.split(' lists ')[0]) ? missingRequestHeaders(listedWith(node)).filter((h) => h !== 'MCP-Protocol-Version') : [];
        if (missing.length > 0) report({ node, message: `${head}: this code proxies to MCP servers it does not control, and 2025 ones still mint session ids its browser clients send back, so it stays; but the list lacks ${joinNames(missing)}, which 2026-07-28 clients send: a browser client's preflight fails; add ${missing.length === 1 ? 'it' : 'them'} beside it`, severity: 'warning', codemod: 'cors-headers' });
        else report({ node, message: `${head}: this code proxies to MCP servers it does not control, and 2025 ones still mint session ids its browser clients send back, so it stays`, severity: 'info', manual: true });
        continue;
      }
      // A read in a GET or DELETE route: the session's stream or its end, which 2026-07-28 answers with 405.
      const route = use.kind === 'read' ? streamOrEndRoute(node) : undefined;
      if (route) {
        report({ node, message: `${use.message} in ${inRoute(route)}` });
        continue;
      }
      // In a named function that is the handler of such routes and nothing else: said once, at the read.
      const routes = use.kind === 'read' ? namedStreamOrEndRoutes(node) : [];
      if (routes.length > 0) {
        const sf = node.getSourceFile();
        const line = (call: TS.Node) => sf.getLineAndCharacterOfPosition(call.getStart(sf)).line + 1;
        const methods = [...new Set(routes.map(({ route: r }) => r.method))];
        const paths = [...new Set(routes.map(({ route: r }) => r.path))];
        const name = functionDeclarationOf(enclosingFunction(node)!)!.name.text;
        const streams = methods.length > 1 ? "a session's stream and its end" : methods[0] === 'GET' ? "a session's stream" : "a session's end";
        const at = methods.map((m) => {
          const lines = routes.filter(({ route: r }) => r.method === m).map(({ call }) => String(line(call)));
          return `${m} at line${lines.length > 1 ? 's' : ''} ${joinNames(lines)}`;
        });
        report({ node, message: `${use.message} in ${name}, the ${joinNames(methods)} ${joinNames(paths)} handler (${streams}; ${at.join(', ')}): 2026-07-28 has no sessions to stream or end` });
        continue;
      }
      // A helper of the file's that reads it (`const sid = (req) => req.headers[...]`), called in
      // such a route: the route is reported at the call, the read where it is.
      if (use.kind === 'read') {
        for (const { call, route: called } of helperCallsInStreamOrEndRoutes(node, file.facts)) {
          report({ node: call, message: `${use.message} through ${codeSnippet(call.expression, 30)}() in ${inRoute(called)}` });
        }
      }
      // A CORS list only lets browsers send or read the header: a warning, cors-headers' to rewrite.
      report({ node, message: use.message, ...(use.kind === 'cors' ? { severity: 'warning' as const, codemod: 'cors-headers' } : use.constant ? { severity: 'warning' as const, manual: true } : {}) });
    }
  },
};

/** What an answer says of a session this instance does not know: "Session not found", "Unknown session ID" (each phrase a keyword of the rule). */
const UNKNOWN_SESSION = /\bsession(?: id)? (?:not found|does not exist)\b|\bunknown (?:mcp )?session\b/i;

/** Calls that send a response's body (`res.json(...)`, `res.end(...)`, Hono's `c.json(..., 404)`, `Response.json(...)`). */
const ANSWER_CALLS = /^(json|send|end|text|body|html|newResponse)$/;

/** A numeric literal's value (`404`, `-32001`), else undefined. */
function numberValue(node: TS.Node | undefined): number | undefined {
  const n = node && unwrap(node);
  if (!n) return undefined;
  if (ts.isNumericLiteral(n)) return Number(n.text);
  if (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(unwrap(n.operand))) return -Number((unwrap(n.operand) as TS.NumericLiteral).text);
  return undefined;
}

/** Whether code sets a response's status to 404: `res.status(404)`, `res.writeHead(404)`, `reply.code(404)`, `res.statusCode = 404`, `{ status: 404 }`, `c.json(body, 404)`. */
function says404(root: TS.Node): boolean {
  let found = false;
  walk(root, (n) => {
    if (found) return false;
    if (ts.isCallExpression(n)) {
      const name = calleeName(n) ?? '';
      if (/^(status|sendStatus|writeHead|code)$/.test(name) && numberValue(n.arguments[0]) === 404) found = true;
      else if (ts.isPropertyAccessExpression(unwrap(n.expression)) && /^(json|text|body|html|newResponse)$/.test(name) && numberValue(n.arguments[1]) === 404) found = true;
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(unwrap(n.left)) && /^(statusCode|status)$/.test((unwrap(n.left) as TS.PropertyAccessExpression).name.text)) {
      found = numberValue(n.right) === 404;
    } else if (ts.isPropertyAssignment(n) && propertyNameText(n.name) === 'status' && numberValue(n.initializer) === 404) found = true;
    return undefined;
  });
  return found;
}

/** A read of the legacy HTTP+SSE transport's `?sessionId=` (`req.query.sessionId`, `url.searchParams.get('sessionId')`). */
const SSE_QUERY_READ = /\b(query|searchParams)\b/;

/**
 * A hand-written answer to a request whose Mcp-Session-Id names no session this instance knows
 * (the SDK's own convention, `404 { code: -32001, message: 'Session not found' }`, written out by
 * a router of its own): the literal that says so, sent as (part of) a response's body, with a 404
 * status or the -32001 code, in a JSON-RPC error, or where the function reads the session id.
 * Not a 404 of something else (a route, a resource: no session in its words), not the code or
 * message in a client's error handling or in a table of codes (sent nowhere), not a chat
 * application's own session resource answered in plain JSON by a function that reads no MCP
 * session id. Where the refusal starts (the `if` whose branch it is, else the call that sends it or
 * a statement before it that sets its status) and what it says, else undefined.
 */
function unknownSessionAnswer(literal: TS.StringLiteral | TS.NoSubstitutionTemplateLiteral, facts: SessionFacts): { answer: TS.Node; message: string } | undefined {
  if (!UNKNOWN_SESSION.test(literal.text)) return undefined;
  let jsonRpc = false;
  let code: number | undefined;
  let answer: TS.CallExpression | TS.NewExpression | undefined;
  // Up through the body's objects, arrays and JSON.stringify() to the call that sends it.
  for (let n: TS.Node = literal; n.parent; n = n.parent) {
    const parent = n.parent;
    if (ts.isObjectLiteralExpression(parent)) {
      for (const p of parent.properties) {
        if (!ts.isPropertyAssignment(p)) continue;
        const key = propertyNameText(p.name);
        if (key === 'jsonrpc') jsonRpc = true;
        else if (key === 'code') code ??= numberValue(p.initializer);
      }
      continue;
    }
    if (ts.isPropertyAssignment(parent) || ts.isArrayLiteralExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent) || ts.isTemplateSpan(parent) || ts.isTemplateExpression(parent)) continue;
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(n as TS.Expression)) {
      const name = calleeName(parent) ?? '';
      if (name === 'stringify' || name === 'String') continue;
      const sends = ts.isNewExpression(parent) ? /^(Response|NextResponse)$/.test(name) : ANSWER_CALLS.test(name) && ts.isPropertyAccessExpression(unwrap(parent.expression));
      if (sends) answer = parent;
    }
    break;
  }
  if (!answer) return undefined;
  // The status: in the statement that sends the answer, or in one before it in its block (`res.writeHead(404); res.end(...)`).
  let statement: TS.Node = answer;
  while (statement.parent && !ts.isStatement(statement) && !isFunctionLike(statement.parent)) statement = statement.parent;
  const block = statement.parent && (ts.isBlock(statement.parent) || ts.isSourceFile(statement.parent) || ts.isCaseClause(statement.parent)) ? statement.parent.statements : undefined;
  const upTo = block ? block.slice(0, block.indexOf(statement as TS.Statement) + 1) : [statement];
  // (Reported where the status is set, when that is a statement of its own: the answer starts there.)
  const setsStatus = upTo.findLast((st) => says404(st));
  const notFound = setsStatus !== undefined;
  if (!notFound && code !== -32001) return undefined;
  if (!jsonRpc && code !== -32001) {
    // A plain answer: the MCP session's only where the function reads its id.
    const fn = enclosingFunction(answer);
    let reads = false;
    if (fn) walk(fn, (n) => {
      if (reads) return false;
      // (Not a legacy SSE route's `?sessionId=`: its 404 is that transport's routing, which sse-routing reports.)
      if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) || ts.isCallExpression(n)) && facts.isSessionIdRead(n) && !SSE_QUERY_READ.test(n.getText())) reads = true;
      return undefined;
    });
    if (!reads) return undefined;
  }
  const said = literal.text.length > 40 ? `${literal.text.slice(0, 37)}...` : literal.text;
  // The test that refuses (`if (!transport) { res.status(404)...; return; }`) is where the refusal
  // starts, and where a codemod that keeps it marks it.
  const refusing = statement.parent && ts.isIfStatement(statement.parent) && statement.parent.thenStatement === statement ? statement.parent : block && ts.isBlock(statement.parent) && ts.isIfStatement(statement.parent.parent) && statement.parent.parent.thenStatement === statement.parent ? statement.parent.parent : undefined;
  return {
    answer: refusing ?? (setsStatus && setsStatus !== statement ? setsStatus : answer),
    message: `Answers ${notFound ? '404 ' : ''}"${said}"${code === -32001 ? ' (-32001)' : ''} to a request whose Mcp-Session-Id names no session of this instance: 2026-07-28 servers ignore the header, so a 2025 client whose session another instance minted, or a gateway that still sends the header, is refused`,
  };
}

/** Whether a header key sits in the headers of a request whose options say `method: 'DELETE'` (`fetch(url, { method: 'DELETE', headers: { 'Mcp-Session-Id': id } })`). */
function endsSession(key: TS.Node): boolean {
  const headers = key.parent?.parent;
  const holder = headers && ts.isObjectLiteralExpression(headers) ? headers.parent : undefined;
  const options = holder && ts.isPropertyAssignment(holder) && propertyNameText(holder.name) === 'headers' ? holder.parent : undefined;
  return (
    !!options &&
    ts.isObjectLiteralExpression(options) &&
    options.properties.some((p) => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'method' && constantString(p.initializer)?.toUpperCase() === 'DELETE')
  );
}

/** Whether a value is taken from the parameters of the function around it (`params.sessionId`, a destructured `{ sessionId }`): what its caller hands it. */
function handedIn(value: TS.Expression): boolean {
  const fn = enclosingFunction(value);
  return !!fn && fromParameters(value, fn);
}
