import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import type { SessionFacts } from '../analysis/session.js';
import { calleeName } from '../analysis/ast.js';
import { onlyStatelessTransports } from '../analysis/transports.js';
import { SPEC, type CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.CallExpression);

/**
 * Whether `sendLoggingMessage(params, sessionId)` filters by a session's log level: its second
 * argument is the session id, in a file that does not serve only stateless transports (there the
 * id is undefined and no session exists: the SDK's stateless example). Reported by session-logging,
 * and then not again by deprecated-feature.
 */
export function routesLogsBySession(text: string, facts: SessionFacts, call: TS.CallExpression): boolean {
  if (!call.arguments[1] || !facts.isSessionId(call.arguments[1])) return false;
  return !onlyStatelessTransports(text);
}

/** `sendLoggingMessage(params, sessionId)`: log delivery filtered by a per-session log level. */
export const sessionLogging: CodeRule = {
  target: 'code',
  id: 'session-logging',
  category: 'session-state',
  severity: 'warning',
  title: 'Log messages routed by session id (per-session log level)',
  why:
    'Passing the session id to `sendLoggingMessage` filters by the level the client set with logging/setLevel on that session. ' +
    '2026-07-28 removed logging/setLevel: a request opts into logs with `_meta["io.modelcontextprotocol/logLevel"]`, and without it ' +
    'the server sends no logs. Logging itself is deprecated in favour of stderr or OpenTelemetry.',
  fix: { manual: 'Log through the request context (`ctx.mcpReq.log` in SDK v2) or to stderr/OpenTelemetry.' },
  docs: `${SPEC}/server/utilities/logging`,
  keywords: ['sendloggingmessage'],
  check(file, report) {
    file.facts.nodes.visit(VISITED, (node) => {
      if (ts.isCallExpression(node) && calleeName(node) === 'sendLoggingMessage' && node.arguments.length >= 2) {
        if (routesLogsBySession(file.text, file.facts, node)) {
          report({ node: node.arguments[1], message: 'sendLoggingMessage is routed by session id, relying on a per-session log level set with logging/setLevel; Logging itself is deprecated (log to stderr or OpenTelemetry)' });
        }
      }
    });
  },
};
