/**
 * The HTTP request a handler sees, after the official v1→v2 codemod.
 *
 * v1 handed handlers `extra.requestInfo.headers`, a plain object (`headers['x-api-key']`,
 * `headers.authorization`). The official codemod rewrites `extra.requestInfo` to `ctx.http?.req`,
 * which on the v2 packages is a Fetch `Request`: its `headers` is a `Headers` object, read with
 * `.get(name)`. An index or property read of it is `undefined` at run time (an API key a tool
 * reads from its request is silently gone) and does not compile (TS7052, TS2339). Such reads,
 * on `.http?.req.headers` or on a const that holds it or the request (or destructures the
 * headers, or holds them `?? {}`), become `.get(name)`, `h?.get(name)` where the const may hold undefined;
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

/** The identifiers that stand for what a const (or a name destructured in one) holds, in the function (or file) it is declared in. */
function aliasesOf(decl: (TS.VariableDeclaration | TS.BindingElement) & { name: TS.Identifier }): TS.Identifier[] {
  return referencesTo(enclosingFunction(decl) ?? decl.getSourceFile(), decl);
}

/**
 * Whether the value of a chain can be undefined: a `?.` anywhere in it, unless a `!` is written
 * around the whole of it (`ctx.http?.req!` is a Request; `ctx.http?.req!.headers` may be undefined).
 */
function mayBeUndefined(node: TS.Expression): boolean {
  if (ts.isNonNullExpression(node)) return false;
  let e: TS.Expression = node;
  for (;;) {
    e = bare(e);
    if (!ts.isPropertyAccessExpression(e) && !ts.isElementAccessExpression(e) && !ts.isCallExpression(e)) return false;
    if (e.questionDotToken) return true;
    e = e.expression;
  }
}

/**
 * The `?.` of `<x>.http?.req!.headers` (v1's `requestInfo!.headers`, with the official codemod's
 * `?.` before `req`), where it is the only one in the chain: `!.` there keeps v1's assertion.
 */
function assertedRequestDot(headers: TS.Expression): TS.QuestionDotToken | undefined {
  if (!ts.isPropertyAccessExpression(headers) || headers.questionDotToken || !ts.isNonNullExpression(headers.expression)) return undefined;
  const request = headers.expression.expression;
  if (!isHttpRequest(request) || !request.questionDotToken || mayBeUndefined(request.expression)) return undefined;
  return request.questionDotToken;
}

/** `const h = <headers> ?? {}` (or `|| {}`, or defaults of the code's own): the fallback, the const, and whether it is `{}`, v1's "the headers or nothing". */
function fallbackConst(headers: TS.Expression): { fallback: TS.BinaryExpression; decl: TS.VariableDeclaration & { name: TS.Identifier }; empty: boolean } | undefined {
  const o = outer(headers);
  const parent = o.parent;
  if (!ts.isBinaryExpression(parent) || parent.left !== o) return undefined;
  if (parent.operatorToken.kind !== ts.SyntaxKind.QuestionQuestionToken && parent.operatorToken.kind !== ts.SyntaxKind.BarBarToken) return undefined;
  const right = bare(parent.right);
  const decl = constHolding(parent);
  return decl && { fallback: parent, decl, empty: ts.isObjectLiteralExpression(right) && right.properties.length === 0 };
}

/** The elements of `const { headers, url } = <request>`, each with the request's member it takes (undefined for a rest, a default, a pattern in it). */
function destructured(request: TS.Expression): Array<{ element: TS.BindingElement & { name: TS.Identifier }; key: string } | undefined> | undefined {
  const o = outer(request);
  const decl = o.parent;
  if (!ts.isVariableDeclaration(decl) || decl.initializer !== o || !ts.isObjectBindingPattern(decl.name)) return undefined;
  if (!ts.isVariableDeclarationList(decl.parent) || !(decl.parent.flags & ts.NodeFlags.Const)) return undefined;
  return decl.name.elements.map((element) => {
    if (element.dotDotDotToken || element.initializer || !ts.isIdentifier(element.name)) return undefined;
    const key = element.propertyName ? propertyNameText(element.propertyName) : element.name.text;
    return key === undefined ? undefined : { element: element as TS.BindingElement & { name: TS.Identifier }, key };
  });
}

/** A read of one header, `h['x']` or `h.name` (neither called nor written): what the rewrite turns into `.get(name)`. */
function isHeaderRead(node: TS.Expression): boolean {
  const o = outer(node);
  const parent = o.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === o) return !(ts.isCallExpression(parent.parent) && parent.parent.expression === parent) && !isWritten(parent);
  if (!ts.isElementAccessExpression(parent) || parent.expression !== o) return false;
  const key = parent.argumentExpression;
  return (ts.isStringLiteralLike(key) || ts.isIdentifier(key) || ts.isPropertyAccessExpression(key)) && !isWritten(parent);
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

  const markUrl = (node: TS.Node) =>
    mark(node, "ctx.http?.req is a Fetch Request on the v2 packages: its url is a string, where v1's requestInfo.url was a URL (new URL(...) it before reading searchParams or pathname)", 'https://developer.mozilla.org/en-US/docs/Web/API/Request/url');

  /** `h['x']`, `h?.['x']`, `h.authorization` → `h.get('x')` (`h?.get('x')` where `h` may be undefined); whether it was rewritten. */
  const rewriteRead = (headers: TS.Expression, read: TS.ElementAccessExpression | TS.PropertyAccessExpression, name: string, optional: boolean): boolean => {
    const start = read.getStart(migrated);
    const end = read.getEnd();
    // Never two edits on one span (a header name read from the headers themselves).
    if (isWritten(read) || edits.some((e) => e.start < end && start < e.end)) return false;
    const call = `${headers.getText(migrated)}${read.questionDotToken || optional ? '?.' : '.'}get(${name})`;
    const replacement = continued(read) || nullBlind(read) ? call : needsParens(outer(read)) ? `(${call} ?? undefined)` : `${call} ?? undefined`;
    edits.push({ start, end, text: replacement });
    changes.push({ line: lineOf(migrated, start), description: `a header read becomes ${call}, as ${HEADERS_NOTE} (a missing header is null there${replacement === call ? '' : "; `?? undefined` keeps v1's undefined"})`, safety: 'review' });
    return true;
  };

  /**
   * Each use of a request's headers: a read of one header rewritten, a Headers method left, anything
   * else marked. `optional`: the headers are a const that may hold undefined, so a read is `h?.get(name)`.
   */
  const onHeaders = (headers: TS.Expression, optional = false): void => {
    const o = outer(headers);
    const parent = o.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === o) {
      const called = ts.isCallExpression(parent.parent) && parent.parent.expression === parent;
      if (called ? HEADERS_METHODS.has(parent.name.text) : rewriteRead(o, parent, `'${parent.name.text}'`, optional)) return;
      return markHeaders(parent);
    }
    if (ts.isElementAccessExpression(parent) && parent.expression === o) {
      const key = parent.argumentExpression;
      const simple = ts.isStringLiteralLike(key) || ts.isIdentifier(key) || ts.isPropertyAccessExpression(key);
      if (simple && rewriteRead(o, parent, key.getText(migrated), optional)) return;
      return markHeaders(parent);
    }
    const alias = constHolding(headers);
    if (alias) {
      // A const of `ctx.http?.req!.headers` may hold undefined, where v1's `requestInfo!.headers`
      // could not: `h.get(name)` on it did not compile (trial 71C B5). `ctx.http!.req!` keeps v1's
      // assertion; any other `?.` in the chain makes each read through the const `h?.get(name)`.
      const dot = mayBeUndefined(o) ? assertedRequestDot(headers) : undefined;
      if (dot) {
        edits.push({ start: dot.getStart(migrated), end: dot.getEnd(), text: '!.' });
        changes.push({ line: lineOf(migrated, dot.getStart(migrated)), description: `${alias.name.text} holds ctx.http!.req!.headers, as v1 asserted requestInfo!, so its header reads compile (ctx.http?.req!.headers may be undefined)`, safety: 'review' });
      }
      const maybe = !dot && mayBeUndefined(o);
      return aliasesOf(alias).forEach((use) => onHeaders(use, maybe));
    }
    // `const h = headers ?? {}` was v1's way to read headers with no request at all; a header read
    // on it is undefined at run time and does not compile on v2 (trial 71C B3). Where the const is
    // only read a header at a time, the `?? {}` goes and each read is `h?.get(name)`, which is
    // undefined without a request as v1's was.
    const fallback = fallbackConst(headers);
    if (fallback) {
      const name = fallback.decl.name.text;
      const uses = aliasesOf(fallback.decl);
      if (fallback.empty && uses.length > 0 && uses.every(isHeaderRead)) {
        edits.push({ start: o.getEnd(), end: fallback.fallback.getEnd(), text: '' });
        changes.push({ line: lineOf(migrated, o.getEnd()), description: `the {} fallback of ${name} dropped: it holds the request's Headers or undefined, each header read through it ${name}?.get(name), undefined without a request as v1's was`, safety: 'review' });
        return uses.forEach((use) => onHeaders(use, true));
      }
      // Else the const and each header read through it stay as they were, marked: both lines
      // would be left not compiling, and undefined at run time (trial 71C B3).
      mark(headers, `${HEADERS_NOTE}; ${name} holds them or ${fallback.empty ? '{}' : 'its fallback object'} and was not rewritten${fallback.empty ? ' (it is used other than to read one header)' : ''}: its index and property reads are undefined at run time and do not compile. Drop the fallback, read a header with ${name}?.get(name) (null when missing; a default after it with ??)`);
      for (const use of uses) if (isHeaderRead(use)) markHeaders(outer(use).parent);
      return;
    }
    if (!presenceTest(headers)) markHeaders(headers);
  };

  /** Each use of the request: its headers followed, its url (a string on v2, a URL on v1) and any other use marked. */
  const onRequest = (request: TS.Expression): void => {
    const member = memberOf(request);
    if (member?.name.text === 'headers') return onHeaders(member);
    if (member?.name.text === 'url') return markUrl(member);
    if (member) return;
    // `const { headers } = extra.requestInfo!` holds the headers as a const of them does (trial 71C B5).
    const elements = destructured(request);
    if (elements) {
      for (const each of elements) {
        if (each?.key === 'headers') aliasesOf(each.element).forEach((use) => onHeaders(use));
        else if (each?.key === 'url') aliasesOf(each.element).forEach(markUrl);
        else markHeaders(outer(request).parent);
      }
      return;
    }
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
