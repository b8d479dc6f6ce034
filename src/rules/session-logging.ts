import { ts } from '../analysis/typescript.js';
import { calleeName } from '../analysis/ast.js';
import { SPEC, type CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.CallExpression);

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
        if (file.facts.isSessionId(node.arguments[1])) {
          report({ node: node.arguments[1], message: 'sendLoggingMessage is routed by session id, relying on a per-session log level set with logging/setLevel; Logging itself is deprecated (log to stderr or OpenTelemetry)' });
        }
      }
    });
  },
};
