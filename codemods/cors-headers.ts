/**
 * cors-headers (code) and cors-headers-config (deployment config), target any: CORS header lists
 * of an MCP endpoint drop `Mcp-Session-Id` and gain the request headers browser clients of
 * 2026-07-28 send (`Mcp-Method`, `Mcp-Name`, `MCP-Protocol-Version`), so their preflight passes.
 *
 *   allow lists (that name Mcp-Session-Id, or MCP-Protocol-Version, or Last-Event-ID in an MCP
 *   project): drop Mcp-Session-Id, add each of the three headers that is missing (compared
 *   case-insensitively, written in the list's casing and quoting, where Mcp-Session-Id stood or
 *   at the end), and drop Last-Event-ID (`review`: stream resumption is gone).
 *   expose lists: drop Mcp-Session-Id (the three are request headers; nothing to add). A list
 *   left empty goes with its option, property, `setHeader` statement, annotation or directive.
 *
 * Code shapes: `cors({ allowedHeaders, exposedHeaders })` and hono `cors({ allowHeaders,
 * exposeHeaders })` (arrays or comma-separated strings), `res.setHeader / set / header / append
 * ('Access-Control-Allow-Headers', ...)`, `headers.set(...)`, header object literals (`writeHead`,
 * `new Headers({...})`, `new Response(.., { headers })`), `[name, value]` tuples, `list.join(', ')`,
 * and a non-exported `const` list used only as a CORS list. Config shapes: nginx `add_header` and
 * `more_set_headers`, HAProxy `set-header`, ingress `cors-allow-headers` / `cors-expose-headers`,
 * Traefik `accessControlAllowHeaders` / `accessControlExposeHeaders` (block or flow lists, TOML,
 * docker labels), and `*_ALLOW(ED)_HEADERS` / `*_EXPOSE(D)_HEADERS` variables.
 *
 * A list built at run time (a spread, a variable shared with other code, a template) that names
 * an MCP header gets a TODO(mcp-migrate) marker instead. Reading `mcp-session-id` outside a CORS
 * list is not this codemod's business.
 */
import type { ts as TS } from 'ts-morph';
import { calleeName, enclosingClass, isExported, isFallback, joinNames, propertyNameText, referencesTo, resolveFunction, resolveIdentifier, stringValue, unwrap, walk } from '../src/analysis/ast.js';
import { SessionFacts } from '../src/analysis/session.js';
import { parseFile } from '../src/analysis/parse.js';
import { ts } from '../src/analysis/typescript.js';
import { supersededInConfig } from '../src/rules/config/index.js';
import { sessionHeaderConfig } from '../src/rules/config/session-header-config.js';
import { blankedText, configLines, isJsonConfig, yamlKey, type ConfigLine } from '../src/rules/config/text.js';
import { nginxBlockAround } from '../src/rules/config/sticky-nginx.js';
import { mentionsSessionHeader, sessionHeader, sessionHeaderUse } from '../src/rules/session-header.js';
import { proxiesToOtherServers } from '../src/analysis/mcp.js';
import { corsKeptForLegacySessions } from '../src/analysis/eras.js';
import { forOtherEndpoints } from '../src/rules/cors-allow-list.js';
import { servesOtherRoutesOnly } from '../src/analysis/routes.js';
import { CORS_HEADER, CORS_KEYS, headerList, headerName, MODERN_REQUEST_HEADERS, missingRequestHeaders, servesMcpOverHttp } from '../src/analysis/cors.js';
import { kinds } from '../src/analysis/nodes.js';
import type { ConfigKind } from '../src/rules/types.js';
import { lineAt, lineOf, removeListElement, removeStatement } from './lib/edits.js';
import { eolOf, finish, isHandled, newWork, removalComment, removeYamlEntries, startOfLine, type ConfigWork } from './lib/config-edits.js';
import { SPEC_TRANSPORT } from './lib/messages.js';
import { sessionfulConstructions } from './stateless-transport.js';
import { statelessGenerator } from '../src/rules/session-id-generator.js';
import type { Change, CodeCodemod, CodemodContext, ConfigCodemod, TextEdit } from './types.js';

const STRINGS = kinds(ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral);
const PROPERTIES = kinds(ts.SyntaxKind.PropertyAssignment);

/** The request headers a 2026-07-28 browser client sends, in the order they are added. */
const SESSION = 'mcp-session-id';
const LAST_EVENT = 'last-event-id';
/** An RFC 9110 token: what a header name in a list looks like. */
const TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const MCP_MENTION = /mcp[-_]session[-_]id|mcp-protocol-version/i;
const KEYWORDS = [SESSION, 'mcp-protocol-version', LAST_EVENT];

const WHY_LAST_EVENT = 'dropped Last-Event-ID: 2026-07-28 has no stream resumption';

// ---------------------------------------------------------------------------------------------
// The list decision, shared by code and config

interface ListPlan {
  /** The new list: indexes of kept entries and names to add, in order. */
  result: Array<number | string>;
  removedSession: boolean;
  removedLastEvent: boolean;
  added: string[];
}

type Casing = 'lower' | 'upper' | 'canonical';

function casingOf(values: string[]): Casing {
  const mcp = values.filter((v) => /^mcp-/i.test(v));
  const sample = (mcp.length > 0 ? mcp : values).filter((v) => /[a-z]/i.test(v));
  if (sample.length > 0 && sample.every((v) => v === v.toLowerCase())) return 'lower';
  if (sample.length > 0 && sample.every((v) => v === v.toUpperCase())) return 'upper';
  return 'canonical';
}

function styled(name: string, casing: Casing): string {
  return casing === 'lower' ? name.toLowerCase() : casing === 'upper' ? name.toUpperCase() : name;
}

/** What to do with a header list; undefined when it is not an MCP CORS list or needs nothing. */
function planList(values: string[], expose: boolean, options: { allowReview: boolean; mcpProject: boolean; keepSession?: boolean; otherRoutes?: boolean; servesMcp?: boolean }): ListPlan | undefined {
  const lower = values.map((v) => v.toLowerCase());
  // While the server still issues or reads session ids, its 2025 browser clients need the header listed.
  const hasSession = lower.includes(SESSION) && !options.keepSession;
  if (expose) {
    if (!hasSession) return undefined;
    return { result: values.map((_, i) => i).filter((i) => lower[i] !== SESSION), removedSession: true, removedLastEvent: false, added: [] };
  }
  // (Also a list of the application's own headers in a file that serves MCP over HTTP: it answers the MCP endpoint's preflight, cors-allow-list.)
  const mcp = lower.includes(SESSION) || lower.includes('mcp-protocol-version') || (lower.includes(LAST_EVENT) && options.mcpProject) || (!!options.servesMcp && lower.length > 0);
  if (!mcp || lower.includes('*')) return undefined;
  // Resumption of a 2025 stream (Last-Event-ID) goes with the sessions: kept while the file issues them.
  const dropLastEvent = options.allowReview && lower.includes(LAST_EVENT) && !options.keepSession;
  const casing = casingOf(values);
  // A list of the application's own routes (an OAuth discovery document, which clients also send
  // MCP-Protocol-Version): no MCP request goes through it. Not one that lists Mcp-Session-Id, which
  // only MCP requests carry: made for them, it answers their preflight wherever they are routed (a
  // router's cors() whose MCP routes another file mounts, trial 29A).
  const added = options.otherRoutes && !lower.includes(SESSION) ? [] : missingRequestHeaders(lower).map((name) => styled(name, casing));
  if (!hasSession && !dropLastEvent && added.length === 0) return undefined;
  const result: Array<number | string> = [];
  let inserted = false;
  lower.forEach((value, i) => {
    if ((hasSession && value === SESSION) || (dropLastEvent && value === LAST_EVENT)) {
      if (!inserted) result.push(...added);
      inserted = true;
    } else result.push(i);
  });
  if (!inserted) result.push(...added);
  return { result, removedSession: hasSession, removedLastEvent: dropLastEvent, added };
}

function isEmpty(plan: ListPlan): boolean {
  return plan.result.length === 0;
}

/** The changes a plan makes, on one line. */
function describePlan(plan: ListPlan, label: string, line: number): Change[] {
  const changes: Change[] = [];
  const parts = [...(plan.removedSession ? ['dropped Mcp-Session-Id'] : []), ...(plan.added.length > 0 ? [`added ${plan.added.join(', ')}`] : [])];
  if (parts.length > 0) changes.push({ line, description: `CORS ${label}: ${parts.join(', ')}`, safety: 'safe' });
  if (plan.removedLastEvent) changes.push({ line, description: `CORS ${label}: ${WHY_LAST_EVENT}`, safety: 'review' });
  return changes;
}

/** `a, b,c` → entries and the separator to write between them (the list's own, else `, `). */
function splitTokens(list: string): { values: string[]; separator: string } | undefined {
  const values = list.split(',').map((v) => v.trim());
  if (values.length === 0 || !values.every((v) => TOKEN.test(v))) return undefined;
  return { values, separator: /[ \t]*,[ \t]*/.exec(list)?.[0] ?? ', ' };
}

function joinTokens(values: string[], plan: ListPlan, separator: string): string {
  return plan.result.map((r) => (typeof r === 'number' ? values[r] : r)).join(separator);
}

const MARKER_DYNAMIC =
  `this CORS header list is built at run time, so it was not rewritten: drop Mcp-Session-Id and make sure it lists ${joinNames(MODERN_REQUEST_HEADERS)}`;

/**
 * The marker for a list built at run time, from the text it visibly holds: drop the session
 * header, or list the request headers 2026-07-28 browser clients send that it lacks. None when
 * it already does what the revision asks (cloudflare's DEFAULT_CORS_HEADERS behind `??`).
 */
function dynamicListMessage(visible: string, expose: boolean): string | undefined {
  if (/mcp[-_]session[-_]id/i.test(visible)) return expose ? 'this CORS header list is built at run time, so it was not rewritten: drop Mcp-Session-Id from it' : MARKER_DYNAMIC;
  if (expose) return undefined;
  const missing = MODERN_REQUEST_HEADERS.filter((h) => !new RegExp(h.replace(/-/g, '[-_]'), 'i').test(visible));
  return missing.length > 0 ? `this CORS header list is built at run time, so it was not rewritten: make sure it lists ${joinNames(missing)}` : undefined;
}

const KEPT_SESSION =
  'Mcp-Session-Id stays in this CORS list while this file still issues session ids (2025 browser clients need it): drop it once the server is stateless';
const KEPT_FOR_PACKAGE =
  'Mcp-Session-Id stays in this CORS list while another file of this package still issues session ids (2025 browser clients need it): drop it once the server is stateless';

/**
 * The marker on a CORS list held in a const other code reads too: what the rewrite would have
 * done (`plan`), or, for a list whose entries are not all known, all it may need. (A 2025 list
 * without Mcp-Session-Id is not told to drop it, trial 57B B3.)
 */
function sharedMessage(name: string, expose: boolean, plan?: ListPlan): string {
  const added = plan ? MODERN_REQUEST_HEADERS.filter((h) => plan.added.some((a) => a.toLowerCase() === h.toLowerCase())) : expose ? [] : MODERN_REQUEST_HEADERS;
  const todo = [
    ...(!plan || plan.removedSession ? ['drop Mcp-Session-Id from this CORS list'] : []),
    ...(added.length > 0 ? [`make sure it lists ${joinNames(added)}`] : []),
    ...(plan?.removedLastEvent ? ['drop Last-Event-ID (2026-07-28 has no stream resumption)'] : []),
  ];
  return `${name} is exported, reassignable or used outside CORS lists, so it was not rewritten: ${todo.join(' and ')}`;
}

// ---------------------------------------------------------------------------------------------
// Code

const HEADER_SETTERS = /^(setHeader|set|header|append|appendHeader)$/;

interface Site {
  /** The whole option / property / call / tuple. */
  node: TS.Node;
  label: string;
  expose: boolean;
  value: TS.Node;
  /** Removes the whole site, for an expose list left empty; undefined when that is not clean. */
  remove(): TextEdit | undefined;
  /** `remove` empties the list instead (a property of an object kept in a variable or field). */
  empties?: boolean;
}

type Source = TS.StringLiteral | TS.NoSubstitutionTemplateLiteral | TS.ArrayLiteralExpression;

function isStringNode(node: TS.Node): node is TS.StringLiteral | TS.NoSubstitutionTemplateLiteral {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
}

function literalSource(node: TS.Node): Source | undefined {
  const n = unwrap(node);
  if (isStringNode(n)) return n;
  // Header names written out, beside names held in constants (`API_TOKEN_HEADER`): the literals
  // can be dropped and added whatever the constants hold. A list of constants only
  // (`[HEADERS.CONTENT_TYPE, HEADERS.MCP_PROTOCOL_VERSION]` of a table, trial 57B B3) when this
  // file shows what each holds: the list gains the names it lacks written out, and the table,
  // which other code may read, stays as it is.
  if (!ts.isArrayLiteralExpression(n) || n.elements.length === 0 || !n.elements.every((e) => isStringNode(e) || namedConstant(e))) return undefined;
  return n.elements.some(isStringNode) || n.elements.every((e) => constantName(e) !== undefined) ? n : undefined;
}

/** The header name a constant of this file holds (`API_TOKEN_HEADER`, `HEADERS.X` of a constant table), when the file shows it. */
function constantName(node: TS.Node): string | undefined {
  const sourceFile = node.getSourceFile();
  return headerName(node, { module: { path: sourceFile.fileName, sourceFile } });
}

/**
 * The list a local const holds: written out, or as the fallback of a value from elsewhere
 * (`req.headers['access-control-request-headers'] || 'Content-Type, Last-Event-ID'`, trial 34C),
 * which the rewrite changes as it would the list alone; what comes first stays.
 */
function heldList(initializer: TS.Expression): Source | undefined {
  return literalSource(joinedList(lastFallback(initializer)));
}

/** The value a chain of fallbacks ends with (`config.allowHeaders ?? process.env.X ?? '...'` ends with the literal); the value itself if none. */
function lastFallback(expression: TS.Expression): TS.Node {
  let value: TS.Node = unwrap(expression);
  while (isFallback(value)) value = unwrap(value.right);
  return value;
}

/**
 * The list a call's function returns, written out (`this.corsAllowedHeaders()` of a method of the
 * class around it, `allowHeaders()` of a function of this file: a body of one `return '...'`, or
 * an arrow returning it), for a call with no arguments; undefined otherwise.
 */
function returnedList(call: TS.CallExpression): { fn: TS.FunctionLikeDeclaration; name: string; source: Source } | undefined {
  if (call.arguments.length > 0) return undefined;
  const callee = unwrap(call.expression);
  let fn: TS.FunctionLikeDeclaration | undefined;
  if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = enclosingClass(call);
    fn = cls?.members.find((m): m is TS.MethodDeclaration => ts.isMethodDeclaration(m) && propertyNameText(m.name) === callee.name.text);
  } else if (ts.isIdentifier(callee)) {
    fn = resolveFunction(callee);
  }
  const body = fn?.body;
  if (!fn || !body || sharedBeyondFile(fn)) return undefined;
  const returned = ts.isBlock(body) ? (body.statements.length === 1 && ts.isReturnStatement(body.statements[0]) ? body.statements[0].expression : undefined) : body;
  const source = returned && literalSource(returned);
  return source ? { fn, name: ts.isPropertyAccessExpression(callee) ? callee.name.text : (callee as TS.Identifier).text, source } : undefined;
}

/**
 * Whether other modules may call a function whose list would be rewritten: it is exported (a
 * function or the const holding it), or a method of an exported class that is not private.
 */
function sharedBeyondFile(fn: TS.FunctionLikeDeclaration): boolean {
  if (ts.isMethodDeclaration(fn)) {
    const cls = fn.parent;
    const hidden = (fn.modifiers ?? []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword) || ts.isPrivateIdentifier(fn.name);
    return !hidden && ts.isClassDeclaration(cls) && isExported(cls);
  }
  const holder = ts.isFunctionDeclaration(fn) ? fn : ts.isVariableDeclaration(fn.parent) ? fn.parent.parent.parent : undefined;
  return !!holder && isExported(holder);
}

/**
 * How many calls of a function (or method) of this name the file makes; -1 where the name is
 * also used otherwise (read as a value, `const f = this.allowHeaders`), which the rewrite cannot follow.
 */
function callsOf(sf: TS.SourceFile, name: string): number {
  let count = 0;
  let other = false;
  walk(sf, (n) => {
    if (ts.isCallExpression(n) && calleeName(n) === name) count++;
    else if (ts.isIdentifier(n) && n.text === name && !isDeclarationName(n) && !(ts.isPropertyAssignment(n.parent) && n.parent.name === n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n && ts.isCallExpression(n.parent.parent) && n.parent.parent.expression === n.parent) && !(ts.isCallExpression(n.parent) && n.parent.expression === n)) other = true;
    return undefined;
  });
  return other ? -1 : count;
}

/** The name a declaration declares (`function f`, `const f =`, a method's). */
function isDeclarationName(n: TS.Identifier): boolean {
  const p = n.parent;
  return (ts.isFunctionDeclaration(p) || ts.isVariableDeclaration(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p)) && p.name === n;
}

/** An identifier, `A.B` or `A['B']` naming a value (a header name held in a constant, here or imported). */
function namedConstant(node: TS.Node): boolean {
  const n = unwrap(node);
  return ts.isIdentifier(n) || (ts.isPropertyAccessExpression(n) && ts.isIdentifier(unwrap(n.expression))) || (ts.isElementAccessExpression(n) && ts.isIdentifier(unwrap(n.expression)) && stringValue(n.argumentExpression) !== undefined);
}

/** `list.join(', ')` → `list`. */
function joinedList(node: TS.Node): TS.Node {
  const n = unwrap(node);
  if (ts.isCallExpression(n) && calleeName(n) === 'join' && ts.isPropertyAccessExpression(unwrap(n.expression))) return unwrap((unwrap(n.expression) as TS.PropertyAccessExpression).expression);
  return n;
}

function sourceValues(source: Source, sf: TS.SourceFile): { values: string[]; separator?: string } | undefined {
  if (ts.isArrayLiteralExpression(source)) {
    // A constant stands for what it holds where this file says; otherwise for a header of its own.
    const values = source.elements.map((e, i) => (isStringNode(e) ? e.text.trim() : (constantName(e) ?? `x-constant-${i}`)));
    return values.every((v) => TOKEN.test(v)) ? { values } : undefined;
  }
  // Escapes in the source would not survive a rewrite from the cooked value.
  if (source.getText(sf).slice(1, -1) !== source.text) return undefined;
  return splitTokens(source.text);
}

/** Rewrites a comma-separated string in place, keeping its quotes and separator. */
function rewriteString(source: TS.StringLiteral | TS.NoSubstitutionTemplateLiteral, values: string[], separator: string, plan: ListPlan, sf: TS.SourceFile): TextEdit {
  const raw = source.getText(sf);
  const inner = raw.slice(1, -1);
  const lead = /^\s*/.exec(inner)![0];
  const trail = /\s*$/.exec(inner)![0];
  return { start: source.getStart(sf), end: source.getEnd(), text: `${raw[0]}${lead}${joinTokens(values, plan, separator)}${trail}${raw[raw.length - 1]}` };
}

/**
 * Rewrites an array literal of header names. Without comments between the elements the array is
 * rebuilt with its own framing and separator (inline or one per line); with comments it is
 * rewritten line by line, which needs one element per line. Undefined when neither applies.
 */
function rewriteArray(array: TS.ArrayLiteralExpression, plan: ListPlan, sf: TS.SourceFile): TextEdit | undefined {
  const text = sf.text;
  const elements = array.elements;
  const open = array.getStart(sf);
  const close = array.getEnd() - 1;
  // (A list of constants only takes the quotes of the file's first import.)
  const written = elements.find(isStringNode) ?? sf.statements.find(ts.isImportDeclaration)?.moduleSpecifier;
  const quote = written ? text[written.getStart(sf)] : "'";
  const quoted = (name: string) => `${quote}${name}${quote}`;
  const items = plan.result.map((r) => (typeof r === 'number' ? elements[r].getText(sf) : quoted(r)));
  if (items.length === 0) return { start: open, end: close + 1, text: '[]' };
  const gaps = [text.slice(open + 1, elements[0].getStart(sf))];
  for (let i = 1; i < elements.length; i++) gaps.push(text.slice(elements[i - 1].getEnd(), elements[i].getStart(sf)));
  gaps.push(text.slice(elements[elements.length - 1].getEnd(), close));
  if (!gaps.some((gap) => gap.includes('/'))) {
    const firstIndent = /[ \t]*$/.exec(gaps[0])![0];
    const separator = gaps.length > 2 ? gaps[1] : gaps[0].includes('\n') ? `,\n${firstIndent}` : ', ';
    return { start: open, end: close + 1, text: `[${gaps[0]}${items.join(separator)}${gaps[gaps.length - 1]}]` };
  }
  // Comments: one element per line, rewritten line by line.
  const regionStart = text.indexOf('\n', open) + 1;
  const regionEnd = text.lastIndexOf('\n', close) + 1;
  if (regionStart === 0 || regionEnd <= regionStart || text.slice(regionEnd, close).trim() !== '') return undefined;
  if (text.slice(open + 1, regionStart).replace(/\/\/.*$/, '').trim() !== '') return undefined;
  const lines = text.slice(regionStart, regionEnd - 1).split('\n');
  const starts: number[] = [];
  lines.reduce((at, line) => (starts.push(at), at + line.length + 1), regionStart);
  type Out = string | { indent: string; body: string; rest: string };
  const out: Out[] = [];
  let p = 0;
  let lastIndent = /^[ \t]*/.exec(lines[0])![0];
  const emitAdded = (indent: string) => {
    while (p < plan.result.length && typeof plan.result[p] === 'string') out.push({ indent, body: quoted(plan.result[p++] as string), rest: '' });
  };
  for (let l = 0; l < lines.length; l++) {
    const index = elements.findIndex((e) => e.getStart(sf) >= starts[l] && e.getStart(sf) < starts[l] + lines[l].length);
    if (index === -1) {
      if (lines[l].trim() !== '' && !/^\s*(\/\/.*|\/\*.*\*\/)\s*$/.test(lines[l])) return undefined;
      out.push(lines[l]);
      continue;
    }
    const element = elements[index];
    const indent = text.slice(starts[l], element.getStart(sf));
    const after = text.slice(element.getEnd(), starts[l] + lines[l].length);
    const tail = /^\s*,?(\s*(?:\/\/.*|\/\*.*\*\/)?\s*)$/.exec(after);
    if (indent.trim() !== '' || !tail) return undefined;
    lastIndent = indent;
    if (!plan.result.includes(index)) {
      // The comment lines directly above a dropped element describe it: they go with it.
      while (out.length > 0 && typeof out[out.length - 1] === 'string' && (out[out.length - 1] as string).startsWith(`${indent}//`)) out.pop();
    }
    emitAdded(indent);
    if (plan.result[p] === index) {
      out.push({ indent, body: element.getText(sf), rest: tail[1].trimEnd() });
      p++;
    }
  }
  emitAdded(lastIndent);
  const entries = out.filter((o): o is Exclude<Out, string> => typeof o !== 'string');
  const trailingComma = elements.hasTrailingComma;
  const rendered = out.map((o) => {
    if (typeof o === 'string') return o;
    const comma = o !== entries[entries.length - 1] || trailingComma ? ',' : '';
    return `${o.indent}${o.body}${comma}${o.rest}`;
  });
  return { start: regionStart, end: regionEnd, text: `${rendered.join('\n')}\n` };
}

/** Removes a `setHeader(...)` call: its statement, or its link in an Express/Hono chain. */
function removeCall(call: TS.CallExpression, sf: TS.SourceFile): TextEdit | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const receiver = unwrap(callee.expression);
  const chainedBefore = ts.isCallExpression(receiver) && HEADER_SETTERS.test(calleeName(receiver) ?? '');
  if (!chainedBefore && ts.isExpressionStatement(call.parent)) return removeStatement(call.parent, sf);
  // `res.set(a).set(b)` or `res.set(b).json(...)`: Express's set/header return the response.
  const name = calleeName(call) ?? '';
  const chainedAfter = ts.isPropertyAccessExpression(call.parent) && call.parent.expression === call;
  if ((name === 'set' || name === 'header') && (chainedBefore || chainedAfter)) return { start: callee.expression.getEnd(), end: call.getEnd(), text: '' };
  return undefined;
}

/**
 * An object kept in a variable or field, or nested in one (not handed straight to a call), may be typed to need the
 * property (`Required<CorsOptions>`): its emptied list stays, as `[]` or an empty string.
 */
function keepsProperty(property: TS.Node): property is TS.PropertyAssignment {
  const object = property.parent;
  if (!ts.isPropertyAssignment(property) || ts.isCallExpression(object.parent) || ts.isNewExpression(object.parent)) return false;
  // A header object (`headers: { 'Access-Control-Expose-Headers': ... }`) loses the header itself.
  if (CORS_HEADER.test(propertyNameText(property.name) ?? '')) return false;
  const value = unwrap(property.initializer);
  return ts.isArrayLiteralExpression(value) || isStringNode(value);
}

function emptyValue(property: TS.PropertyAssignment, sf: TS.SourceFile): TextEdit {
  const value = unwrap(property.initializer);
  const quote = value.getText(sf)[0];
  return { start: value.getStart(sf), end: value.getEnd(), text: ts.isArrayLiteralExpression(value) ? '[]' : `${quote}${quote}` };
}

/**
 * Removes an object property. An object left empty becomes `{}` (when it holds no comments), and a
 * `reply.headers({...})` / `res.set({...})` statement left setting nothing goes altogether.
 */
function removeProperty(property: TS.ObjectLiteralElementLike, object: TS.ObjectLiteralExpression, properties: readonly TS.Node[], sf: TS.SourceFile): TextEdit {
  if (properties.length === 1) {
    const call = object.parent;
    if (ts.isCallExpression(call) && call.arguments.length === 1 && /^(headers|set|header|setHeaders)$/.test(calleeName(call) ?? '') && ts.isExpressionStatement(call.parent)) {
      return removeStatement(call.parent, sf);
    }
    const start = object.getStart(sf) + 1;
    const end = object.getEnd() - 1;
    const rest = sf.text.slice(start, property.getStart(sf)) + sf.text.slice(property.getEnd(), end);
    if (!rest.includes('/')) return { start, end, text: '' };
  }
  return removeListElement(property, properties, sf);
}

function findSites(sf: TS.SourceFile): Site[] {
  const sites: Site[] = [];
  walk(sf, (node) => {
    if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && ts.isObjectLiteralExpression(node.parent)) {
      const name = propertyNameText(node.name);
      if (!name || !(CORS_KEYS.test(name) || (CORS_HEADER.test(name) && ts.isPropertyAssignment(node)))) return;
      const properties = node.parent.properties;
      const empties = keepsProperty(node);
      sites.push({
        node,
        label: name,
        expose: /expose/i.test(name),
        value: ts.isPropertyAssignment(node) ? node.initializer : node.name,
        remove: () => (empties ? emptyValue(node as TS.PropertyAssignment, sf) : removeProperty(node, node.parent as TS.ObjectLiteralExpression, properties, sf)),
        empties,
      });
    } else if (ts.isCallExpression(node) && HEADER_SETTERS.test(calleeName(node) ?? '') && node.arguments.length >= 2) {
      const header = stringValue(node.arguments[0]);
      if (header && CORS_HEADER.test(header)) sites.push({ node, label: header, expose: /expose/i.test(header), value: node.arguments[1], remove: () => removeCall(node, sf) });
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(node.left)) {
      // `res.headers['access-control-allow-headers'] = '...'`, also with a configured value first
      // (`cors.allowHeaders ?? '...'`): the written-out list is the fallback, the configuration stays.
      const header = stringValue(node.left.argumentExpression);
      const value = lastFallback(node.right);
      const statement = node.parent;
      if (header && CORS_HEADER.test(header)) sites.push({ node, label: header, expose: /expose/i.test(header), value, remove: () => (value === unwrap(node.right) && ts.isExpressionStatement(statement) ? removeStatement(statement, sf) : undefined) });
    } else if (ts.isArrayLiteralExpression(node) && node.elements.length === 2 && ts.isArrayLiteralExpression(node.parent)) {
      const header = stringValue(node.elements[0]);
      const elements = node.parent.elements;
      if (header && CORS_HEADER.test(header)) sites.push({ node, label: header, expose: /expose/i.test(header), value: node.elements[1], remove: () => removeListElement(node, elements, sf) });
    } else if (ts.isObjectLiteralExpression(node) && ts.isArrayLiteralExpression(node.parent)) {
      // `{ key: 'Access-Control-Allow-Headers', value: '...' }` in a list of headers (Next.js' headers() config).
      const prop = (re: RegExp) => node.properties.find((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && re.test(propertyNameText(p.name) ?? ''));
      const header = stringValue(prop(/^(key|name|header)$/i)?.initializer ?? node);
      const value = prop(/^value$/i);
      const elements = node.parent.elements;
      if (header && value && CORS_HEADER.test(header)) sites.push({ node, label: header, expose: /expose/i.test(header), value: value.initializer, remove: () => removeListElement(node, elements, sf) });
    }
  });
  return sites;
}

/** Source text of a value and of the `const`s it names: enough to see whether it lists MCP headers. */
function visibleText(node: TS.Node): string {
  let text = node.getText();
  walk(node, (n) => {
    if (!ts.isIdentifier(n)) return;
    const decl = resolveIdentifier(n);
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer) text += ` ${decl.initializer.getText()}`;
  });
  return text;
}

function isLocalConst(decl: TS.VariableDeclaration): boolean {
  const list = decl.parent;
  if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return false;
  const statement = list.parent;
  return ts.isVariableStatement(statement) && !isExported(statement);
}

/**
 * Code in the file that still issues session ids: a transport with a session-id generator, or
 * the Mcp-Session-Id header written outside a CORS list (not by a client, onto its own request).
 * Its 2025 browser clients need the header in the CORS lists. (Reading it alone does not count: a
 * stateless server never issues one, so there is nothing for a browser to send back.)
 */
function issuesSessions(sf: TS.SourceFile, facts: SessionFacts): boolean {
  if (sessionfulConstructions(sf).length > 0) return true;
  // Options kept in a variable first: any session-id generator that is not `undefined`.
  let generator = false;
  facts.nodes.visit(PROPERTIES, (node) => {
    if (!generator && ts.isPropertyAssignment(node) && propertyNameText(node.name) === 'sessionIdGenerator' && !statelessGenerator(node)) generator = true;
  });
  if (generator) return true;
  let writes = false;
  facts.nodes.visit(STRINGS, (node) => {
    if (writes || !(ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) || !mentionsSessionHeader(node.text)) return;
    const use = sessionHeaderUse(node);
    // A headers object of its own (not a response's) in code that serves nothing: the header a
    // client sends back to a server (a smoke test echoing the id), which issues none (trial 24C).
    writes = use?.kind === 'write' && !(use.value && facts.servesNothing);
  });
  return writes;
}

/**
 * Whether a text (after this run's rewrites) still issues session ids (see issuesSessions): asked
 * by the runner of every file of a package, so that a CORS list elsewhere keeps the header while a
 * session transport fix left in place still mints ids.
 */
export function issuesSessionIds(text: string, path: string): boolean {
  if (!/sessionIdGenerator|mcp-session-id/i.test(text)) return false;
  const sf = parseFile(text, path);
  return issuesSessions(sf, new SessionFacts(sf));
}

/** Words of a CORS header list in code (CORS_KEYS' options, CORS_HEADER's headers): a cheap test before a parse. */
const CORS_WORDS = /(allow(ed)?|expose(d)?)_?headers|access-control-(allow|expose)-headers/i;

/**
 * Code that may list Mcp-Session-Id in a CORS list and issues no session ids itself: whether the
 * header stays there is its package's question (the runner rewrites such files last and passes
 * `packageIssuesSessions`).
 */
export function corsListWithoutOwnSessions(text: string, path: string): boolean {
  return CORS_WORDS.test(text) && /mcp-session-id/i.test(text) && !issuesSessionIds(text, path);
}

function codeTransform(text: string, sf: TS.SourceFile, facts: SessionFacts, ctx: CodemodContext): { text: string; changes: Change[]; markers: ReturnType<typeof finish>['markers'] } {
  const work: ConfigWork = newWork();
  const sites = findSites(sf);
  // A proxy to servers it does not control relays the ids 2025 upstreams mint: it keeps the header for good.
  let proxyMemo: boolean | undefined;
  const proxy = () => (proxyMemo ??= proxiesToOtherServers(text));
  // While this file or another of its package still issues session ids, the header stays: the
  // marker that says so (none for a proxy). Asked only where there is a CORS list to keep it in.
  let keptMemo: string | undefined | null = null;
  const keptMessage = () => (keptMemo !== null ? keptMemo : (keptMemo = proxy() ? undefined : issuesSessions(sf, facts) ? KEPT_SESSION : ctx.packageIssuesSessions ? KEPT_FOR_PACKAGE : undefined));
  const keepSession = sites.length > 0 && (proxy() || !!keptMessage());
  const options = { allowReview: ctx.allows('review'), mcpProject: /mcp|modelcontextprotocol/i.test(text), keepSession, otherRoutes: sites.length > 0 && servesOtherRoutesOnly(sf), servesMcp: servesMcpOverHttp(text) };
  const span = (node: TS.Node): [number, number] => [node.getStart(sf), node.getEnd()];
  const mark = (node: TS.Node, message: string) => {
    work.markers.push({ pos: node.getStart(sf), message, link: SPEC_TRANSPORT });
    work.handled.push(span(node));
  };
  const consts = new Map<TS.VariableDeclaration, Array<{ site: Site; ref: TS.Identifier }>>();
  /** Functions of this file that return a written-out list (`corsAllowedHeaders() { return '...' }`), with the sites their calls feed. */
  const returning = new Map<TS.FunctionLikeDeclaration, { name: string; source: Source; sites: Site[] }>();

  /** Rewrites `source` for `sites` (one site, or every use of a shared const). */
  const apply = (source: Source, users: Site[], label: string, changeAt: TS.Node, viaConst: boolean) => {
    for (const site of users) work.handled.push(span(site.node));
    work.handled.push(span(source));
    const parsed = sourceValues(source, sf);
    if (!parsed) return;
    // (A proxy keeps it for good, and so does the 2025 path of code that speaks both eras, which
    // scan reports as info with nothing to do: nothing to do later, no marker.)
    const kept = keptMessage();
    if (kept && !corsKeptForLegacySessions(users[0].node) && parsed.values.some((v) => v.toLowerCase() === SESSION)) {
      work.markers.push({ pos: users[0].node.getStart(sf), message: kept, link: SPEC_TRANSPORT });
    }
    // A list of the application's own headers only is the MCP endpoint's when not for OAuth or discovery (as cors-allow-list reports it).
    if (!parsed.values.some((v) => /^(mcp-|last-event-id$)/i.test(v)) && forOtherEndpoints(users[0].node, ctx.path)) return;
    const plan = planList(parsed.values, users[0].expose, options);
    if (!plan) return;
    let edit: TextEdit | undefined;
    if (isEmpty(plan) && !viaConst) edit = users[0].remove();
    else if (isEmpty(plan) && isStringNode(source)) edit = undefined;
    else edit = ts.isArrayLiteralExpression(source) ? rewriteArray(source, plan, sf) : rewriteString(source, parsed.values, parsed.separator ?? ', ', plan, sf);
    if (!edit) {
      mark(users[0].node, `this CORS ${label} list could not be rewritten cleanly: drop Mcp-Session-Id${users[0].expose ? '' : ` and list ${joinNames(MODERN_REQUEST_HEADERS)}`}`);
      return;
    }
    work.edits.push(edit);
    const line = lineOf(sf, changeAt.getStart(sf));
    if (isEmpty(plan) && !viaConst) work.changes.push({ line, description: `CORS ${label}: ${users[0].empties ? 'emptied' : 'removed'}, it only exposed Mcp-Session-Id`, safety: 'safe' });
    else work.changes.push(...describePlan(plan, label, line));
  };

  /**
   * A list held in a const that other code reads too (exported, reassignable, or used outside
   * CORS lists): not rewritten, marked where it needs what apply would do, as the scan reports it
   * (also a list of the application's own headers in a file that serves MCP over HTTP).
   */
  const markShared = (site: Site, name: string, source: Source) => {
    const parsed = sourceValues(source, sf);
    const otherEndpoints = !!parsed && !parsed.values.some((v) => /^(mcp-|last-event-id$)/i.test(v)) && forOtherEndpoints(site.node, ctx.path);
    const plan = parsed && !otherEndpoints ? planList(parsed.values, site.expose, options) : undefined;
    if (plan) mark(site.node, sharedMessage(name, site.expose, plan));
    else if (!parsed && MCP_MENTION.test(source.getText(sf))) mark(site.node, sharedMessage(name, site.expose));
    else work.handled.push(span(site.node));
  };

  for (const site of sites) {
    const target = joinedList(site.value);
    const direct = literalSource(target);
    if (direct) {
      apply(direct, [site], site.label, site.node, false);
      continue;
    }
    if (ts.isIdentifier(target)) {
      const decl = resolveIdentifier(target);
      if (decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && decl.initializer && heldList(decl.initializer)) {
        if (isLocalConst(decl)) consts.set(decl, [...(consts.get(decl) ?? []), { site, ref: target }]);
        else markShared(site, decl.name.text, heldList(decl.initializer)!);
        continue;
      }
    }
    const returned = ts.isCallExpression(target) ? returnedList(target) : undefined;
    if (returned) {
      const entry = returning.get(returned.fn) ?? { name: returned.name, source: returned.source, sites: [] };
      entry.sites.push(site);
      returning.set(returned.fn, entry);
      continue;
    }
    // A list this file shows through constants (`corsOptions.allowedHeaders`, trial 57B B3): one
    // that is another site's list is rewritten there, and one that needs nothing is left unmarked.
    const known = headerList(target, { module: { path: ctx.path, sourceFile: sf } });
    if (known && (known.held.some((h) => sites.some((other) => other !== site && unwrap(other.value) === unwrap(h.expression))) || !planList(known.names, site.expose, options))) {
      work.handled.push(span(site.node));
      continue;
    }
    const visible = visibleText(target);
    const dynamic = MCP_MENTION.test(visible) ? dynamicListMessage(visible, site.expose) : undefined;
    if (dynamic) mark(site.node, dynamic);
    else work.handled.push(span(site.node));
  }

  for (const [decl, uses] of consts) {
    const refs = referencesTo(sf, decl as TS.VariableDeclaration & { name: TS.Identifier });
    const source = heldList(decl.initializer!)!;
    const sameKind = uses.every((u) => u.site.expose === uses[0].site.expose);
    if (sameKind && refs.every((ref) => uses.some((u) => u.ref === ref))) {
      apply(source, uses.map((u) => u.site), `${uses[0].site.label} (${(decl.name as TS.Identifier).text})`, decl, true);
    } else {
      for (const use of uses) markShared(use.site, (decl.name as TS.Identifier).text, source);
    }
  }

  // A function's list is rewritten where it is written when every call of it in the file feeds a
  // CORS list of one kind; else marked at each (trial 30B).
  for (const [fn, { name, source, sites: fed }] of returning) {
    const sameKind = fed.every((site) => site.expose === fed[0].expose);
    if (sameKind && callsOf(sf, name) === fed.length) apply(source, fed, `${fed[0].label} (${name}())`, fn, true);
    else if (MCP_MENTION.test(source.getText(sf))) {
      for (const site of fed) mark(site.node, `${name}() is used beyond the CORS lists it feeds here (another call, a reference to it, or lists of both kinds), so it was not rewritten: drop Mcp-Session-Id from this CORS list${site.expose ? '' : ` and make sure it lists ${joinNames(MODERN_REQUEST_HEADERS)}`}`);
      work.handled.push(span(source));
    }
  }

  // Safety net: CORS findings of the scanner in shapes not recognised above (an exported list,
  // say). While the header stays, the marker says so rather than "drop it" (a proxy's finding
  // says it stays already).
  const lower = text.toLowerCase();
  if (lower.includes(SESSION)) {
    sessionHeader.check({ path: ctx.path, text, lower, sourceFile: sf, facts }, (report) => {
      if (!report.node || !/^CORS /.test(report.message)) return;
      const pos = report.node.getStart(sf);
      if (isHandled(work, pos)) return;
      mark(report.node, (report.severity !== 'info' && keptMessage()) || `${report.message} (not rewritten automatically)`);
    });
  }
  if (work.edits.length === 0 && work.markers.length === 0) return { text, changes: [], markers: [] };
  return finish(text, work);
}

export const corsHeaders: CodeCodemod = {
  kind: 'code',
  id: 'cors-headers',
  title: 'CORS header lists for 2026-07-28 browser clients',
  target: 'any',
  resolves: ['session-header', 'cors-allow-list'],
  // (And what serves MCP over HTTP: a list of the application's own headers there is the endpoint's too.)
  keywords: [...KEYWORDS, 'streamablehttpservertransport', 'sseservertransport', 'createmcphandler', 'tonodehandler'],
  transform({ text, sourceFile, facts }, ctx) {
    return codeTransform(text, sourceFile, facts, ctx);
  },
};

// ---------------------------------------------------------------------------------------------
// Config

/** A key or header name that holds a CORS allow / expose list. */
const LIST_KEY = /(?<![\w./-])([\w./-]*?(?:allow|expose)[\w./-]*?headers)(?![\w-])/gi;
const LIST_TOKENS = /^[A-Za-z0-9!#$%&*+.^_|~-]+(?:[ \t]*,[ \t]*[A-Za-z0-9!#$%&*+.^_|~-]+)*/;

type ConfigFormat = 'yaml' | 'toml' | 'json' | 'text';

function formatOf(kind: ConfigKind, path: string): ConfigFormat {
  if (kind === 'yaml' || (kind === 'traefik' && /\.ya?ml$/i.test(path))) return 'yaml';
  if (/\.toml$/i.test(path)) return 'toml';
  if (kind === 'wrangler' && isJsonConfig({ path })) return 'json';
  return 'text';
}

interface ConfigSite {
  line: number;
  key: string;
  expose: boolean;
  /** An application setting (`CORS_ALLOWED_HEADERS`): how the app reads an empty one is unknown. */
  variable: boolean;
  list:
    | { type: 'tokens'; start: number; end: number }
    | { type: 'flow'; start: number; end: number }
    | { type: 'block'; items: number[] };
}

function unquote(item: string): string {
  return item.trim().replace(/^(["'])(.*)\1$/, '$2');
}

/** The list that starts at `at` on line `index`: comma-separated tokens, a `[...]` flow list or a YAML block list below. */
function listAt(lines: readonly ConfigLine[], index: number, at: number, format: ConfigFormat): ConfigSite['list'] | undefined {
  const line = lines[index];
  const rest = line.code.slice(at);
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1) return undefined;
    return { type: 'flow', start: line.start + at + 1, end: line.start + at + close };
  }
  if (rest.trim() === '' && format === 'yaml') {
    const column = line.code.length - line.code.trimStart().length;
    const items: number[] = [];
    for (let j = index + 1; j < lines.length; j++) {
      const code = lines[j].code;
      if (code.trim() === '') continue;
      const c = code.length - code.trimStart().length;
      if (c < column || !/^\s*-\s+\S/.test(code) || (items.length > 0 && c !== lines[items[0]].code.length - lines[items[0]].code.trimStart().length)) break;
      items.push(j);
    }
    return items.length > 0 ? { type: 'block', items } : undefined;
  }
  const quote = /^\\?["']/.exec(rest)?.[0] ?? '';
  const tokens = LIST_TOKENS.exec(rest.slice(quote.length));
  if (!tokens) return undefined;
  const start = line.start + at + quote.length;
  return { type: 'tokens', start, end: start + tokens[0].length };
}

function findConfigSites(lines: readonly ConfigLine[], format: ConfigFormat): ConfigSite[] {
  const sites: ConfigSite[] = [];
  let previous = '';
  lines.forEach((line, index) => {
    const code = line.code;
    // Kubernetes env: `- name: CORS_ALLOWED_HEADERS` then `value: "..."`.
    const env = /^\s*-?\s*name\s*:\s*["']?([\w.-]+)["']?\s*$/.exec(previous);
    if (format === 'yaml' && yamlKey(code) === 'value' && env && /(allow|expose)\w*headers$/i.test(env[1])) {
      const at = code.indexOf(':') + 1 + /^\s*/.exec(code.slice(code.indexOf(':') + 1))![0].length;
      const list = listAt(lines, index, at, format);
      if (list && list.type !== 'block') sites.push({ line: index, key: env[1], expose: /expose/i.test(env[1]), variable: true, list });
    }
    for (const match of code.matchAll(LIST_KEY)) {
      const key = match[1];
      const header = /^access-control-/i.test(key);
      const after = code.slice(match.index + key.length);
      const separator = (header ? /^(\\?["'])?(\s*[:=]\s*|[ \t]+)/ : /^(\\?["'])?\s*[:=]\s*/).exec(after);
      if (!separator) continue;
      const list = listAt(lines, index, match.index + key.length + separator[0].length, format);
      if (!list) continue;
      const variable = !header && /^[A-Z0-9_]+$/.test(key);
      sites.push({ line: index, key, expose: /expose/i.test(key), variable, list });
    }
    if (code.trim() !== '') previous = code;
  });
  return sites;
}

/** Removes a whole site whose expose list is left empty; undefined when that is not a clean cut. */
function removeConfigSite(site: ConfigSite, text: string, lines: readonly ConfigLine[], format: ConfigFormat): TextEdit[] | undefined {
  if (site.variable) return undefined;
  const line = lines[site.line];
  if (format === 'yaml') {
    const key = yamlKey(line.code);
    // The key of its own line (annotation, Traefik key, compose label map) or a whole label item.
    if ((key !== undefined && key.toLowerCase() === site.key.toLowerCase()) || /^\s*-\s+["']?[\w./-]*headers\s*=/i.test(line.code)) {
      return removeYamlEntries(text, lines, [site.line], '');
    }
    return undefined;
  }
  const whole = { start: line.start, end: startOfLine(lines, site.line + 1, text), text: '' };
  if (format === 'toml' && new RegExp(`^\\s*["']?${site.key.replace(/[.]/g, '\\.')}["']?\\s*=`).test(line.code)) return [whole];
  // nginx `add_header` / HAProxy `http-response set-header` standing alone on their line.
  if (/^\s*add_header\s+access-control-expose-headers\s[^;]*;\s*$/i.test(line.code)) return [whole];
  if (/^\s*http-(after-)?response\s+(set|add)-header\s+access-control-expose-headers\s.*$/i.test(line.code) && !/\bif\b|\bunless\b/.test(line.code)) return [whole];
  return undefined;
}

function configTransform(text: string, kind: ConfigKind, ctx: CodemodContext): { text: string; changes: Change[]; markers: ReturnType<typeof finish>['markers'] } {
  const lines = configLines({ path: ctx.path, text });
  const format = formatOf(kind, ctx.path);
  const work: ConfigWork = newWork();
  // While code of the run still issues session ids once its rewrites are done (a sessionful
  // transport left or marked), a proxy answering the browser's preflight must keep letting the
  // header through (trial 31A: nginx lists lost it while the server kept its sessions).
  const keptBy = ctx.sessionsKeptInPackage;
  const options = { allowReview: ctx.allows('review'), mcpProject: /mcp/i.test(text), keepSession: !!keptBy };
  const eol = eolOf(text);
  for (const site of findConfigSites(lines, format)) {
    const line = lines[site.line];
    const spanEnd = site.list.type === 'block' ? startOfLine(lines, site.list.items[site.list.items.length - 1] + 1, text) : line.start + line.raw.length;
    const label = site.key;
    const list = site.list;
    let values: string[];
    let rewrite: (plan: ListPlan) => TextEdit[];
    if (list.type === 'tokens') {
      const split = splitTokens(text.slice(list.start, list.end));
      if (!split) continue;
      values = split.values;
      rewrite = (plan) => [{ start: list.start, end: list.end, text: joinTokens(split.values, plan, split.separator) }];
    } else if (list.type === 'flow') {
      const inner = text.slice(list.start, list.end);
      const raw = inner.split(',').map((item) => item.trim());
      if (raw.length === 1 && raw[0] === '') continue;
      values = raw.map(unquote);
      if (!values.every((v) => TOKEN.test(v))) continue;
      const quote = /^["']/.exec(raw[0])?.[0] ?? '';
      const separator = /[ \t]*,[ \t]*/.exec(inner)?.[0] ?? ', ';
      const lead = /^\s*/.exec(inner)![0];
      const trail = /\s*$/.exec(inner)![0];
      rewrite = (plan) => [{ start: list.start, end: list.end, text: `${lead}${plan.result.map((r) => (typeof r === 'number' ? raw[r] : `${quote}${r}${quote}`)).join(separator)}${trail}` }];
    } else {
      const items = list.items.map((i) => lines[i]);
      values = items.map((item) => unquote(item.code.replace(/^\s*-\s+/, '')));
      if (!values.every((v) => TOKEN.test(v))) continue;
      const first = /^(\s*-\s+)(["']?)/.exec(items[0].code)!;
      rewrite = (plan) => {
        const edits: TextEdit[] = [];
        const added = plan.result.filter((r): r is string => typeof r === 'string');
        const addedText = added.map((name) => `${first[1]}${first[2]}${name}${first[2]}${eol}`).join('');
        // The added names go where the first dropped item stood (as planList placed them), else after the last item.
        const anchor = items.findIndex((_, i) => !plan.result.includes(i));
        items.forEach((item, i) => {
          const end = startOfLine(lines, list.items[i] + 1, text);
          if (!plan.result.includes(i)) edits.push({ start: item.start, end, text: i === anchor ? addedText : '' });
        });
        if (added.length > 0 && anchor === -1) {
          const at = startOfLine(lines, list.items[list.items.length - 1] + 1, text);
          edits.push({ start: at, end: at, text: at === text.length && !text.endsWith('\n') ? `${eol}${addedText.slice(0, -eol.length)}` : addedText });
        }
        return edits;
      };
    }
    work.handled.push([line.start, spanEnd]);
    if (keptBy && values.some((v) => v.toLowerCase() === SESSION)) {
      work.markers.push({ pos: line.start, message: `Mcp-Session-Id stays in this CORS ${label} list while ${keptBy} still issues session ids (its 2025 browser clients need it): drop it once that server is stateless, then run fix again`, link: SPEC_TRANSPORT });
    }
    const plan = planList(values, site.expose, options);
    if (!plan) continue;
    const edits = isEmpty(plan) ? removeConfigSite(site, text, lines, format) : rewrite(plan);
    if (!edits) {
      work.markers.push({
        pos: line.start,
        message: site.variable
          ? `${label} would be left empty without Mcp-Session-Id: remove it or set it empty, depending on how the app reads it`
          : `this CORS ${label} list only exposes Mcp-Session-Id: remove it`,
        link: SPEC_TRANSPORT,
      });
      continue;
    }
    work.edits.push(...edits);
    if (isEmpty(plan)) work.changes.push({ line: site.line + 1, description: `CORS ${label}: removed, it only exposed Mcp-Session-Id`, safety: 'safe' });
    else work.changes.push(...describePlan(plan, label, site.line + 1));
  }
  // Safety net: the scanner's findings in shapes not dealt with above. CORS lists are marked; an
  // nginx line that only passes the client's header on is removed where that changes nothing;
  // other rules that forward, map or log the header are marked (trial 33A: listed as taken by
  // this codemod, neither rewritten nor marked).
  const lower = text.toLowerCase();
  if (sessionHeaderConfig.kinds.includes(kind) && sessionHeaderConfig.keywords.some((k) => lower.includes(k))) {
    const code = kind === 'nginx' ? blankedText(lines) : undefined;
    const file = { path: ctx.path, text, lower, kind };
    // Stickiness on the header (`stick on hdr(mcp-session-id)`, `hash $http_mcp_session_id`) is a
    // sticky-* finding, which sticky-config removes or marks (trial 77B B5: marked twice here, then
    // marked for deletion above the line sticky-config removed).
    const superseded = supersededInConfig(file, sessionHeaderConfig.id);
    sessionHeaderConfig.check(file, (report) => {
      const pos = report.start ?? 0;
      if (isHandled(work, pos) || superseded(pos, report.end ?? pos)) return;
      const line = lines[lineAt(text, pos) - 1];
      if (/^CORS /.test(report.message)) {
        work.markers.push({ pos: line.start, message: `${report.message} (not rewritten automatically)`, link: SPEC_TRANSPORT });
        return;
      }
      const statement = text.slice(pos, report.end ?? pos);
      // A `default $http_mcp_session_id;` of a `map $http_mcp_session_id ... {}` block: the block's marker covers it.
      if (code !== undefined && MCP_MENTION.test(nginxBlockAround(code, pos).header)) return;
      const passing = code !== undefined ? nginxPassThrough(statement, code, line, pos) : undefined;
      if (passing === 'removable' && ctx.allows('safe')) {
        const next = startOfLine(lines, lines.indexOf(line) + 1, text);
        const indent = /^[ \t]*/.exec(line.raw)![0];
        const what = `"${statement.replace(/\s+/g, ' ').trim()}"`;
        work.edits.push({ start: line.start, end: next, text: `${indent}${removalComment('#', what, PASSED_ON_BY_DEFAULT)}${next > line.start + line.raw.length ? eol : ''}` });
        work.changes.push({ line: lineAt(text, pos), description: `removed ${what}: ${PASSED_ON_BY_DEFAULT}`, safety: 'safe' });
        return;
      }
      // One marker per line (`map $http_mcp_session_id $sid { default $http_mcp_session_id; }` is two statements).
      if (!work.markers.some((m) => m.pos === line.start)) work.markers.push({ pos: line.start, message: headerRuleMarker(report.message, passing, keptBy, kind === 'nginx' || /;\s*$/.test(statement)), link: SPEC_TRANSPORT });
    });
  }
  if (work.edits.length === 0 && work.markers.length === 0) return { text, changes: [], markers: [] };
  return finish(text, work, kind);
}

/** Why an nginx line that passes the client's Mcp-Session-Id on can go. */
const PASSED_ON_BY_DEFAULT = "nginx passes the client's request headers on by default, and 2026-07-28 clients send no Mcp-Session-Id";

/**
 * Whether an nginx statement only passes the client's header on (`proxy_set_header
 * Mcp-Session-Id $http_mcp_session_id;`, alone on its line), and whether removing it changes
 * nothing: nginx forwards the client's headers by default (unless `proxy_pass_request_headers
 * off`), but a block with no `proxy_set_header` of its own inherits the enclosing block's, so
 * the line stays where it is its block's only one ('alone').
 */
function nginxPassThrough(statement: string, code: string, line: ConfigLine, pos: number): 'removable' | 'alone' | undefined {
  if (!/^proxy_set_header\s+["']?mcp-session-id["']?\s+["']?\$http_mcp_session_id["']?\s*;$/i.test(statement.trim())) return undefined;
  if (line.code.trim() !== statement.trim()) return undefined;
  if (/(^|[\s;{}])proxy_pass_request_headers\s+off\s*;/.test(code)) return undefined;
  // (Counting only the block's other headers: a second line for this header goes too.)
  return blockDirectives(code, pos).some((d) => /^proxy_set_header\s/.test(d) && !MCP_MENTION.test(d)) ? 'removable' : 'alone';
}

/** The directives at the top level of the nginx block around `pos` (nginxBlockAround), each as one line of text. */
function blockDirectives(code: string, pos: number): string[] {
  const { start, end } = nginxBlockAround(code, pos);
  const directives: string[] = [];
  let statement = '';
  for (let i = start, depth = 0; i < end; i++) {
    const ch = code[i];
    if (ch === '{' || ch === '}' || ch === ';') {
      if (depth === 0 && statement.trim()) directives.push(statement.trim().replace(/\s+/g, ' '));
      statement = '';
      if (ch === '{') depth++;
      else if (ch === '}') depth--;
    } else if (depth === 0) statement += ch;
  }
  return directives;
}

/**
 * The marker on a rule of deployment config that forwards, maps or logs the header and is not a
 * CORS list; `nginx`: the rule is an nginx statement (an nginx file's, or one a Dockerfile or YAML
 * writes), whose variables and log formats other statements name (trial 77B B5: an HAProxy rule's
 * marker spoke of nginx).
 */
function headerRuleMarker(found: string, passing: 'alone' | 'removable' | undefined, keptBy: string | undefined, nginx: boolean): string {
  if (keptBy) return `${found}: keep it while ${keptBy} still issues session ids, then delete it (run fix again)`;
  if (passing === 'alone') return `${found}. It only passes the client's header on, which nginx does by default, but it is its block's only proxy_set_header: without it the block would inherit the enclosing blocks' proxy_set_header lines. Delete it once those are right here too`;
  if (!nginx) return `${found}, and 2026-07-28 clients never send it: delete this rule once no 2025 client needs it, with what reads what it sets or captures (not rewritten automatically)`;
  return `${found}, and 2026-07-28 clients never send it: delete this rule once no 2025 client needs it, with what uses it (a variable a map sets, an access_log naming a log format), or nginx will not load (not rewritten automatically)`;
}

export const corsHeadersConfig: ConfigCodemod = {
  kind: 'config',
  id: 'cors-headers-config',
  title: 'CORS header lists in deployment config for 2026-07-28 browser clients',
  target: 'any',
  configKinds: ['nginx', 'dockerfile', 'yaml', 'traefik', 'haproxy', 'wrangler'],
  resolves: ['session-header-config'],
  keywords: [...KEYWORDS, 'mcp_session_id'],
  transform({ text, kind }, ctx) {
    return configTransform(text, kind, ctx);
  },
};

