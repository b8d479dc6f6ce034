/**
 * The HTTP request a handler sees, after the official v1→v2 codemod.
 *
 * v1 handed handlers `extra.requestInfo.headers`, a plain object (`headers['x-api-key']`,
 * `headers.authorization`). The official codemod rewrites `extra.requestInfo` to `ctx.http?.req`,
 * which on the v2 packages is a Fetch `Request`: its `headers` is a `Headers` object, read with
 * `.get(name)`. An index or property read of it is `undefined` at run time (an API key a tool
 * reads from its request is silently gone) and does not compile (TS7052, TS2339). Such reads,
 * on `.http?.req.headers` or on a const that holds it, become `.get(name)`; `?? undefined` keeps
 * v1's `undefined` for a missing header (`.get` gives `null`) wherever the difference can show.
 * Every other use of those headers gets a marker.
 *
 * A custom transport that hands messages on with `{ requestInfo: { headers } }` (v1's
 * MessageExtraInfo) passes an unknown key on v2, whose MessageExtraInfo carries the request
 * itself as `request`: a marker there, and at each `.requestInfo` read left in the file.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from '../../src/analysis/typescript.js';
import { calleeName, isFunctionLike, isPropertyName, isValueReference, propertyNameText, resolveIdentifier, unwrap, walk } from '../../src/analysis/ast.js';
import type { Change, Marker, TextEdit } from '../types.js';

/** Methods of a Fetch `Headers`: a property of that name is already v2's API. */
const HEADERS_METHODS = new Set(['get', 'has', 'set', 'append', 'delete', 'forEach', 'entries', 'keys', 'values', 'getSetCookie']);

/** `<x>.http?.req.headers` (any mix of `.` and `?.`): the headers of the request a v2 handler gets. */
function isRequestHeaders(node: TS.Node): node is TS.PropertyAccessExpression {
  if (!ts.isPropertyAccessExpression(node) || node.name.text !== 'headers') return false;
  const req = node.expression;
  return ts.isPropertyAccessExpression(req) && req.name.text === 'req' && ts.isPropertyAccessExpression(req.expression) && req.expression.name.text === 'http';
}

/** Whether a read's `null` (where v1 gave `undefined`) cannot change what the code does: a truthiness test, a `??`/`||` fallback, a `== null`. */
function nullBlind(read: TS.Expression): boolean {
  let node: TS.Node = read;
  while (ts.isParenthesizedExpression(node.parent) || ts.isNonNullExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) return true;
  if ((ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) && parent.expression === node) return true;
  if (ts.isConditionalExpression(parent) && parent.condition === node) return true;
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    if (parent.left === node && (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken)) return true;
    const other = parent.left === node ? parent.right : parent.left;
    if ((op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) && (other.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(other) && other.text === 'undefined'))) return true;
  }
  return false;
}

/** Whether `?? undefined` after this read needs parentheses to bind as meant. */
function needsParens(read: TS.Expression): boolean {
  const parent = read.parent;
  if (ts.isVariableDeclaration(parent) || ts.isReturnStatement(parent) || ts.isPropertyAssignment(parent) || ts.isParenthesizedExpression(parent)) return false;
  if (ts.isTemplateSpan(parent) || ts.isArrayLiteralExpression(parent) || ts.isExpressionStatement(parent)) return false;
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) return parent.expression === read;
  if (ts.isArrowFunction(parent)) return false;
  return true;
}

interface Read {
  /** The whole read: `h['x']`, `h?.['x']`, `h.authorization`. */
  node: TS.ElementAccessExpression | TS.PropertyAccessExpression;
  /** The `get(...)` argument's text. */
  name: string;
}

/** A read of one header from `headers` (its parent), or undefined for any other use. */
function headerRead(headers: TS.Expression): Read | undefined {
  const parent = headers.parent;
  if (ts.isElementAccessExpression(parent) && parent.expression === headers) return { node: parent, name: parent.argumentExpression.getText() };
  if (ts.isPropertyAccessExpression(parent) && parent.expression === headers && !HEADERS_METHODS.has(parent.name.text)) return { node: parent, name: `'${parent.name.text}'` };
  return undefined;
}

/** Whether an expression is written to (`h['x'] = v`, `delete h.x`, `h.x++`): not a read to turn into `.get()`. */
function isWritten(node: TS.Expression): boolean {
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
  if (ts.isPrefixUnaryExpression(parent)) return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
  return ts.isDeleteExpression(parent) || ts.isPostfixUnaryExpression(parent);
}

/** The identifiers in the declaration's scope that refer to it (not the declaration's own name). */
function referencesTo(decl: TS.VariableDeclaration & { name: TS.Identifier }): TS.Identifier[] {
  let scope: TS.Node = decl;
  while (scope.parent && !isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  const found: TS.Identifier[] = [];
  walk(scope, (node) => {
    if (ts.isIdentifier(node) && node !== decl.name && node.text === decl.name.text && isValueReference(node) && !isPropertyName(node) && resolveIdentifier(node) === decl) found.push(node);
  });
  return found;
}

function lineOf(sourceFile: TS.SourceFile, node: TS.Node): number {
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

const HEADERS_GET = 'https://developer.mozilla.org/en-US/docs/Web/API/Headers/get';
const HEADERS_NOTE = "the request's headers are a Fetch Headers object on the v2 packages (ctx.http?.req, where v1 had requestInfo.headers, a plain object)";

export function requestHeaderReads(migrated: TS.SourceFile, guide: string): { edits: TextEdit[]; changes: Change[]; markers: Marker[] } {
  const edits: TextEdit[] = [];
  const changes: Change[] = [];
  const markers: Marker[] = [];
  const marked = new Set<number>();
  const mark = (node: TS.Node, message: string, link = HEADERS_GET) => {
    const line = lineOf(migrated, node);
    if (marked.has(line)) return;
    marked.add(line);
    markers.push({ line, message, link });
  };

  /** Turns each read of one header from `headers` into `.get(name)`; marks any other use. */
  const rewriteUses = (headers: TS.Expression, text: string) => {
    const read = headerRead(headers);
    if (read && !isWritten(read.node)) {
      const optional = ts.isElementAccessExpression(read.node) ? read.node.questionDotToken : read.node.questionDotToken;
      const call = `${headers.getText(migrated)}${optional ? '?.' : '.'}get(${read.name})`;
      const replacement = nullBlind(read.node) ? call : needsParens(read.node) ? `(${call} ?? undefined)` : `${call} ?? undefined`;
      edits.push({ start: read.node.getStart(migrated), end: read.node.getEnd(), text: replacement });
      changes.push({ line: lineOf(migrated, read.node), description: `${text}: a header read becomes ${call}, as ${HEADERS_NOTE} (a missing header is null there${replacement === call ? '' : '; `?? undefined` keeps v1\'s undefined'})`, safety: 'review' });
      return;
    }
    // `const headers = ctx.http?.req?.headers`: its reads are rewritten where they are.
    const parent = headers.parent;
    if (!read && ts.isVariableDeclaration(parent) && parent.initializer === headers && ts.isIdentifier(parent.name) && ts.isVariableDeclarationList(parent.parent) && parent.parent.flags & ts.NodeFlags.Const) {
      for (const reference of referencesTo(parent as TS.VariableDeclaration & { name: TS.Identifier })) rewriteUses(reference, reference.text);
      return;
    }
    // A truthiness test of the headers themselves means the same on both.
    if (!read && nullBlind(headers)) return;
    mark(headers, `${HEADERS_NOTE}: index reads and property reads of it are undefined at run time and do not compile; read a header with .get(name) (a missing one is null), and iterate with .entries() or .forEach()`);
  };

  walk(migrated, (node) => {
    if (isRequestHeaders(node)) {
      rewriteUses(node, node.getText(migrated));
      return false;
    }
    // v1's MessageExtraInfo in a custom transport: `onmessage(message, { requestInfo: { headers } })`.
    if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && propertyNameText(node.name) === 'requestInfo' && ts.isObjectLiteralExpression(node.parent)) {
      const call = unwrap(node.parent).parent;
      if (ts.isCallExpression(call) && /^(onmessage|handleMessage)$/.test(calleeName(call) ?? '')) {
        mark(node, 'v2\'s MessageExtraInfo has no requestInfo: hand on the HTTP request itself as `request` (a Fetch Request; handlers read it as ctx.http?.req, its headers with .get(name))', guide);
      }
      return undefined;
    }
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'requestInfo') {
      mark(node, 'requestInfo is gone on the v2 packages: a handler has the HTTP request as ctx.http?.req, a transport\'s MessageExtraInfo as `request` (a Fetch Request either way, its headers read with .get(name))', guide);
    }
    return undefined;
  });
  return { edits, changes, markers };
}
