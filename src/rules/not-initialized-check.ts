import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { constantString, enclosingFunction, isFunctionLike, isUndefinedValue, unwrap } from '../analysis/ast.js';
import type { SessionFacts } from '../analysis/session.js';
import { SPEC, type CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.RegularExpressionLiteral);
const ASSIGNMENTS_AND_TESTS = kinds(ts.SyntaxKind.BinaryExpression, ts.SyntaxKind.IfStatement);

/** `flag` or `this.flag`: what a handshake flag is called, for matching its set and its tests. */
function flagKey(node: TS.Node): string | undefined {
  const n = unwrap(node);
  if (ts.isIdentifier(n)) return n.text;
  if (ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword) return `this.${n.name.text}`;
  return undefined;
}

/** Whether `node` sits in the branch a request's method 'initialize' takes (`case 'initialize':`, `if (method === 'initialize')`). */
function inInitializeBranch(node: TS.Node): boolean {
  for (let n: TS.Node = node; n.parent && !isFunctionLike(n.parent); n = n.parent) {
    const parent = n.parent;
    if (ts.isCaseClause(parent) && constantString(parent.expression) === 'initialize') return true;
    if (ts.isIfStatement(parent) && parent.thenStatement === n) {
      const test = unwrap(parent.expression);
      if (ts.isBinaryExpression(test) && /^===?$/.test(test.operatorToken.getText()) && [test.left, test.right].some((side) => constantString(side) === 'initialize')) return true;
    }
  }
  return false;
}

/**
 * Whether `node` runs only for an initialize request: in the branch its method takes, or in a
 * function of the file every call of which does (`case 'initialize': return this.handleInitialize(msg.params)`,
 * a server written by hand).
 */
export function runsOnlyForInitialize(node: TS.Node, facts: SessionFacts, depth = 0): boolean {
  if (inInitializeBranch(node)) return true;
  const fn = depth < 3 ? enclosingFunction(node) : undefined;
  const calls = fn ? facts.callSitesOf(fn) : [];
  return calls.length > 0 && calls.every((call) => runsOnlyForInitialize(call, facts, depth + 1));
}

/** Whether a branch ends by leaving (a return or a throw, last in its block or alone). */
function leaves(statement: TS.Statement): boolean {
  const last = ts.isBlock(statement) ? statement.statements[statement.statements.length - 1] : statement;
  return !!last && (ts.isReturnStatement(last) || ts.isThrowStatement(last));
}

/**
 * A flag only the branch for initialize sets (`handshakeDone = true` under `case 'initialize':`)
 * and a test that turns requests away while it is unset (`if (!handshakeDone) return error`): a
 * gate on the handshake, whatever the error says.
 */
function flagGates(file: Parameters<CodeRule['check']>[0]): Array<{ node: TS.IfStatement; flag: string }> {
  const set = new Set<string>();
  const tests: Array<{ node: TS.IfStatement; flag: string }> = [];
  file.facts.nodes.visit(ASSIGNMENTS_AND_TESTS, (node) => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && node.right.kind === ts.SyntaxKind.TrueKeyword) {
      const key = flagKey(node.left);
      if (key && runsOnlyForInitialize(node, file.facts)) set.add(key);
    } else if (ts.isIfStatement(node)) {
      const cond = unwrap(node.expression);
      const key = ts.isPrefixUnaryExpression(cond) && cond.operator === ts.SyntaxKind.ExclamationToken ? flagKey(cond.operand) : undefined;
      if (key && leaves(node.thenStatement) && !runsOnlyForInitialize(node, file.facts)) tests.push({ node, flag: key });
    }
  });
  return tests.filter((t) => set.has(t.flag));
}

/**
 * "Server not initialized", "session is not yet initialized", "MCP client not initialised": the
 * subject must be the server, session, transport or MCP connection itself. Prose that merely has
 * those words somewhere ("cache not initialized; start the server") is about something else.
 */
const MCP_NOT_INITIALIZED = /(?:\b([\w-]+)\s+)?\b(server|session|mcp|transport)\s+(is\s+|was\s+|has\s+)?not\s+(yet\s+)?(been\s+)?initiali[sz]ed/i;

/** "HTTP server not initialized", "Redis session not initialized": some other server or session. */
const OTHER_SUBJECTS = new Set(['http', 'https', 'express', 'fastify', 'web', 'db', 'database', 'sql', 'redis', 'ws', 'websocket', 'grpc', 'api', 'proxy', 'dev', 'vite', 'language', 'lsp', 'browser', 'cdp', 'playwright', 'puppeteer', 'terminal', 'pty', 'ssh', 'oauth', 'auth', 'user', 'login', 'chat', 'express-session']);

function isMcpNotInitialized(text: string): boolean {
  const match = MCP_NOT_INITIALIZED.exec(text);
  return !!match && !OTHER_SUBJECTS.has((match[1] ?? '').toLowerCase());
}

/** A regex literal's pattern as prose: optional groups and `\s+` dropped, so /session not (yet )?initialized/ reads "session not initialized". */
function plainRegexText(literal: string): string {
  return literal
    .replace(/\([^()]*\)[?*]/g, '')
    .replace(/\\s[+*]?/g, ' ')
    .replace(/ +/g, ' ');
}

/**
 * The message answers a check that an object exists (`if (!this.transport) throw ...`, `if
 * (server === undefined)`): start-up order, not the handshake. A flag named for the handshake
 * (`if (!this.initialized)`) is the handshake.
 */
function guardsMissingObject(literal: TS.Node): boolean {
  for (let n: TS.Node = literal; n.parent && !ts.isSourceFile(n.parent); n = n.parent) {
    const parent = n.parent;
    if (isFunctionLike(parent)) return false;
    if (!ts.isIfStatement(parent) || parent.thenStatement !== n) continue;
    // Each of `!this.server || !this.transport` (trial 26A) a missing object.
    const terms: TS.Node[] = [];
    const split = (e: TS.Node): void => {
      const u = unwrap(e);
      if (ts.isBinaryExpression(u) && u.operatorToken.kind === ts.SyntaxKind.BarBarToken) {
        split(u.left);
        split(u.right);
      } else terms.push(u);
    };
    split(parent.expression);
    return terms.every(missingObject);
  }
  return false;
}

/** `!this.transport`, `server === undefined`, `client == null`: an object not made yet (not a flag named for the handshake). */
function missingObject(cond: TS.Node): boolean {
  let subject: TS.Node | undefined;
  if (ts.isPrefixUnaryExpression(cond) && cond.operator === ts.SyntaxKind.ExclamationToken) subject = unwrap(cond.operand);
  else if (ts.isBinaryExpression(cond) && (cond.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || cond.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken) && (isUndefinedValue(cond.right) || cond.right.kind === ts.SyntaxKind.NullKeyword)) {
    subject = unwrap(cond.left);
  }
  if (!subject) return false;
  const name = ts.isPropertyAccessExpression(subject) ? subject.name.text : ts.isIdentifier(subject) ? subject.text : '';
  return name !== '' && !/initiali[sz]ed|handshake|ready|connected/i.test(name);
}

/**
 * "Server not initialized" checks: code that rejects a request because no handshake happened on
 * this instance, or that sniffs that error to re-initialize.
 */
export const notInitializedCheck: CodeRule = {
  target: 'code',
  id: 'not-initialized-check',
  category: 'initialize-gate',
  severity: 'error',
  title: '"Not initialized" check or error sniffing',
  why:
    'A "server not initialized" or "session not initialized" error means an instance refused a request because it did not see ' +
    'the handshake. Under 2026-07-28 there is no handshake to see; code that raises this error, or that catches it and ' +
    're-initializes, depends on sticky routing.',
  fix: { manual: 'Remove the check; every request must be servable on its own.' },
  docs: `${SPEC}/basic`,
  legacyPathIsInfo: true,
  // 'initiali' rather than 'not initialized': a regular expression such as /not (yet )?initialized/ must match too.
  keywords: ['initiali'],
  check(file, report) {
    const reported: TS.Node[] = [];
    file.facts.nodes.visit(VISITED, (node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isRegularExpressionLiteral(node)) {
        if (!isMcpNotInitialized(ts.isRegularExpressionLiteral(node) ? plainRegexText(node.text) : node.text)) return;
        if (guardsMissingObject(node)) return;
        reported.push(node);
        report({ node, message: 'Raises or sniffs a "not initialized" error: requests depend on a handshake seen by this instance' });
      }
    });
    // A flag set under the method 'initialize' needs both in the text: most files with the keyword have neither.
    const flags = /=\s*true\b/.test(file.text) && /(['"`])initialize\1/.test(file.text) ? flagGates(file) : [];
    for (const { node, flag } of flags) {
      // Its refusal already said "not initialized": reported there.
      if (reported.some((r) => r.pos >= node.pos && r.end <= node.end)) continue;
      report({ node: node.expression, message: `Turns requests away until ${flag} is set, which only the branch for initialize does: requests depend on a handshake seen by this instance, and 2026-07-28 clients send none` });
    }
  },
};
