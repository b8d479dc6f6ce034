import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { isFunctionLike, isUndefinedValue, unwrap } from '../analysis/ast.js';
import { SPEC, type CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.RegularExpressionLiteral);

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
    let cond = unwrap(parent.expression);
    let subject: TS.Node | undefined;
    if (ts.isPrefixUnaryExpression(cond) && cond.operator === ts.SyntaxKind.ExclamationToken) subject = unwrap(cond.operand);
    else if (ts.isBinaryExpression(cond) && (cond.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || cond.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken) && (isUndefinedValue(cond.right) || cond.right.kind === ts.SyntaxKind.NullKeyword)) {
      subject = unwrap(cond.left);
    }
    if (!subject) return false;
    cond = subject;
    const name = ts.isPropertyAccessExpression(cond) ? cond.name.text : ts.isIdentifier(cond) ? cond.text : '';
    return name !== '' && !/initiali[sz]ed|handshake|ready|connected/i.test(name);
  }
  return false;
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
    file.facts.nodes.visit(VISITED, (node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isRegularExpressionLiteral(node)) {
        if (!isMcpNotInitialized(ts.isRegularExpressionLiteral(node) ? plainRegexText(node.text) : node.text)) return;
        if (guardsMissingObject(node)) return;
        report({ node, message: 'Raises or sniffs a "not initialized" error: requests depend on a handshake seen by this instance' });
      }
    });
  },
};
