/**
 * The HTTP request a handler sees, after the official v1→v2 codemod.
 *
 * v1 handed handlers `extra.requestInfo.headers`, a plain object (`headers['x-api-key']`,
 * `headers.authorization`). The official codemod rewrites `extra.requestInfo` to `ctx.http?.req`,
 * which on the v2 packages is a Fetch `Request`: its `headers` is a `Headers` object, read with
 * `.get(name)`. An index or property read of it is `undefined` at run time (an API key a tool
 * reads from its request is silently gone) and does not compile (TS7052, TS2339). Such reads,
 * on `.http?.req.headers` or on a const that holds it or the request, become `.get(name)`;
 * `?? undefined` keeps v1's `undefined` for a missing header (`.get` gives `null`) wherever the
 * difference can show. Every other use of those headers, of the request (whose `url` is a string
 * now, where v1's was a URL) and of a `requestInfo` left in the file gets a marker.
 *
 * A custom transport that hands messages on with `{ requestInfo: { headers } }` (v1's
 * MessageExtraInfo) passes an unknown key on v2, whose MessageExtraInfo carries the request
 * itself as `request`: a marker there, and at each `.requestInfo` read left in the file.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from '../../src/analysis/typescript.js';
import { calleeName, enclosingFunction, isAssignment, propertyNameText, referencesTo, unwrap, walk } from '../../src/analysis/ast.js';
import type { Change, Marker, TextEdit } from '../types.js';
import { lineOf } from './edits.js';

/** Methods of a Fetch `Headers`: calling one is already v2's API. */
const HEADERS_METHODS = new Set(['get', 'has', 'set', 'append', 'delete', 'forEach', 'entries', 'keys', 'values', 'getSetCookie']);

const HEADERS_GET = 'https://developer.mozilla.org/en-US/docs/Web/API/Headers/get';
const HEADERS_NOTE = "the request's headers are a Fetch Headers object on the v2 packages (ctx.http?.req, where v1 had requestInfo.headers, a plain object)";

/** An expression without the `!` and parentheses around it. */
function bare(node: TS.Expression): TS.Expression {
  while (ts.isNonNullExpression(node) || ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}

/** The expression with the `!` and parentheses written around it. */
function outer(node: TS.Expression): TS.Expression {
  while (ts.isNonNullExpression(node.parent) || ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return node;
}

/** `<x>.http?.req` (any mix of `.`, `?.` and `!`): the request a v2 handler gets. */
function isHttpRequest(node: TS.Node): node is TS.PropertyAccessExpression {
  if (!ts.isPropertyAccessExpression(node) || node.name.text !== 'req') return false;
  const http = bare(node.expression);
  return ts.isPropertyAccessExpression(http) && http.name.text === 'http';
}

/** The member access (`x.name`, `x?.name`, `x!.name`) the expression is the object of, if any. */
function memberOf(node: TS.Expression): TS.PropertyAccessExpression | undefined {
  const o = outer(node);
  return ts.isPropertyAccessExpression(o.parent) && o.parent.expression === o ? o.parent : undefined;
}

/** The const the expression initialises (`const headers = ...`), whose references stand for it. */
function constHolding(node: TS.Expression): (TS.VariableDeclaration & { name: TS.Identifier }) | undefined {
  const o = outer(node);
  const decl = o.parent;
  if (!ts.isVariableDeclaration(decl) || decl.initializer !== o || !ts.isIdentifier(decl.name)) return undefined;
  return ts.isVariableDeclarationList(decl.parent) && decl.parent.flags & ts.NodeFlags.Const ? (decl as TS.VariableDeclaration & { name: TS.Identifier }) : undefined;
}

/** Whether the object itself is only tested for presence (`if (headers)`, `!headers`, `headers && ...`, `headers == null`). */
function presenceTest(node: TS.Expression): boolean {
  const o = outer(node);
  const parent = o.parent;
  if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) return true;
  if ((ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) && parent.expression === o) return true;
  if (ts.isConditionalExpression(parent) && parent.condition === o) return true;
  if (!ts.isBinaryExpression(parent)) return false;
  const op = parent.operatorToken.kind;
  if (op === ts.SyntaxKind.AmpersandAmpersandToken && parent.left === o) return true;
  const other = parent.left === o ? parent.right : parent.left;
  return (op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) && (other.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(other) && other.text === 'undefined'));
}

/**
 * Whether a value's `null` (where v1 gave `undefined`) cannot change what the code does: a
 * presence test, the left of a `??`/`||` fallback, and an operand of `&&` or the right of a
 * fallback whose own value cannot show it either.
 */
function nullBlind(read: TS.Expression): boolean {
  const o = outer(read);
  const parent = o.parent;
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    const fallback = op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken;
    if (fallback && parent.left === o) return true;
    if (fallback || op === ts.SyntaxKind.AmpersandAmpersandToken) return nullBlind(parent);
  }
  return presenceTest(read);
}

/** Whether the read goes on (`h['x'].split(',')`, `h['x']!.trim()`): `.`/`?.` take null as they took undefined. */
function continued(read: TS.Expression): boolean {
  const o = outer(read);
  const parent = o.parent;
  if (ts.isTaggedTemplateExpression(parent)) return parent.tag === o;
  return (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent) || ts.isCallExpression(parent)) && parent.expression === o;
}

/** Whether `?? undefined` after this read needs parentheses to bind as meant. */
function needsParens(read: TS.Expression): boolean {
  const parent = read.parent;
  if (ts.isVariableDeclaration(parent) || ts.isReturnStatement(parent) || ts.isPropertyAssignment(parent) || ts.isParenthesizedExpression(parent)) return false;
  if (ts.isTemplateSpan(parent) || ts.isArrayLiteralExpression(parent) || ts.isExpressionStatement(parent) || ts.isArrowFunction(parent)) return false;
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) return parent.expression === read;
  return true;
}

/** Whether an expression is written to (`h['x'] = v`, `delete h.x`, `h.x++`). */
function isWritten(node: TS.Expression): boolean {
  const o = outer(node);
  const parent = o.parent;
  if (isAssignment(parent) && parent.left === o) return true;
  if (ts.isPrefixUnaryExpression(parent)) return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
  return ts.isDeleteExpression(parent) || ts.isPostfixUnaryExpression(parent);
}

/** The identifiers that stand for what a const holds, in the function (or file) it is declared in. */
function aliasesOf(decl: TS.VariableDeclaration & { name: TS.Identifier }): TS.Identifier[] {
  return referencesTo(enclosingFunction(decl) ?? decl.getSourceFile(), decl);
}

export function requestHeaderReads(migrated: TS.SourceFile, guide: string): { edits: TextEdit[]; changes: Change[]; markers: Marker[] } {
  const edits: TextEdit[] = [];
  const changes: Change[] = [];
  const markers: Marker[] = [];
  const marked = new Set<number>();
  const mark = (node: TS.Node, message: string, link = HEADERS_GET) => {
    const line = lineOf(migrated, node.getStart(migrated));
    if (marked.has(line)) return;
    marked.add(line);
    markers.push({ line, message, link });
  };
  const markHeaders = (node: TS.Node) =>
    mark(node, `${HEADERS_NOTE}: index reads and property reads of it are undefined at run time and do not compile; read a header with .get(name) (a missing one is null), and iterate with .entries() or .forEach()`);

  /** `h['x']`, `h?.['x']`, `h.authorization` → `h.get('x')`; whether it was rewritten. */
  const rewriteRead = (headers: TS.Expression, read: TS.ElementAccessExpression | TS.PropertyAccessExpression, name: string): boolean => {
    const start = read.getStart(migrated);
    const end = read.getEnd();
    // Never two edits on one span (a header name read from the headers themselves).
    if (isWritten(read) || edits.some((e) => e.start < end && start < e.end)) return false;
    const call = `${headers.getText(migrated)}${read.questionDotToken ? '?.' : '.'}get(${name})`;
    const replacement = continued(read) || nullBlind(read) ? call : needsParens(outer(read)) ? `(${call} ?? undefined)` : `${call} ?? undefined`;
    edits.push({ start, end, text: replacement });
    changes.push({ line: lineOf(migrated, start), description: `a header read becomes ${call}, as ${HEADERS_NOTE} (a missing header is null there${replacement === call ? '' : "; `?? undefined` keeps v1's undefined"})`, safety: 'review' });
    return true;
  };

  /** Each use of a request's headers: a read of one header rewritten, a Headers method left, anything else marked. */
  const onHeaders = (headers: TS.Expression): void => {
    const o = outer(headers);
    const parent = o.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === o) {
      const called = ts.isCallExpression(parent.parent) && parent.parent.expression === parent;
      if (called ? HEADERS_METHODS.has(parent.name.text) : rewriteRead(o, parent, `'${parent.name.text}'`)) return;
      return markHeaders(parent);
    }
    if (ts.isElementAccessExpression(parent) && parent.expression === o) {
      const key = parent.argumentExpression;
      const simple = ts.isStringLiteralLike(key) || ts.isIdentifier(key) || ts.isPropertyAccessExpression(key);
      if (simple && rewriteRead(o, parent, key.getText(migrated))) return;
      return markHeaders(parent);
    }
    const alias = constHolding(headers);
    if (alias) return aliasesOf(alias).forEach(onHeaders);
    if (!presenceTest(headers)) markHeaders(headers);
  };

  /** Each use of the request: its headers followed, its url (a string on v2, a URL on v1) and any other use marked. */
  const onRequest = (request: TS.Expression): void => {
    const member = memberOf(request);
    if (member?.name.text === 'headers') return onHeaders(member);
    if (member?.name.text === 'url') {
      return mark(member, "ctx.http?.req is a Fetch Request on the v2 packages: its url is a string, where v1's requestInfo.url was a URL (new URL(...) it before reading searchParams or pathname)", 'https://developer.mozilla.org/en-US/docs/Web/API/Request/url');
    }
    if (member) return;
    const alias = constHolding(request);
    if (alias) return aliasesOf(alias).forEach(onRequest);
    if (!presenceTest(request)) markHeaders(request);
  };

  walk(migrated, (node) => {
    if (isHttpRequest(node)) {
      onRequest(node);
      return false;
    }
    // v1's MessageExtraInfo in a custom transport: `onmessage(message, { requestInfo: { headers } })`.
    if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && propertyNameText(node.name) === 'requestInfo' && ts.isObjectLiteralExpression(node.parent)) {
      const call = unwrap(node.parent).parent;
      if (ts.isCallExpression(call) && /^(onmessage|handleMessage)$/.test(calleeName(call) ?? '')) {
        mark(node, "v2's MessageExtraInfo has no requestInfo: hand on the HTTP request itself as `request` (a Fetch Request; handlers read it as ctx.http?.req, its headers with .get(name))", guide);
      }
      return undefined;
    }
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'requestInfo') {
      mark(node, "requestInfo is gone on the v2 packages: a handler has the HTTP request as ctx.http?.req, a transport's MessageExtraInfo as `request` (a Fetch Request either way, its headers read with .get(name))", guide);
    }
    return undefined;
  });
  return { edits, changes, markers };
}
