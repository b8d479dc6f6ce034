import { ts } from '../analysis/typescript.js';
import { calleeName, unwrap } from '../analysis/ast.js';
import { SPEC, type CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.CallExpression);

/** Reads of what the initialize handshake negotiated. */
export const handshakeRead: CodeRule = {
  target: 'code',
  id: 'handshake-read',
  category: 'initialize-gate',
  severity: 'warning',
  title: 'Reads client capabilities or version negotiated at initialize',
  why:
    '`getClientCapabilities()` and `getClientVersion()` return what the client said at initialize, remembered by one instance. ' +
    'In 2026-07-28 every request carries `io.modelcontextprotocol/clientCapabilities` and `clientInfo` in its `_meta` envelope, and ' +
    'the server must not depend on earlier requests for them. In the v2 SDK use `ctx.mcpReq.envelope`.',
  fix: { manual: 'Read the capabilities of the current request from its `_meta` envelope (`ctx.mcpReq.envelope` in SDK v2).' },
  docs: `${SPEC}/basic`,
  keywords: ['getclientcapabilities', 'getclientversion'],
  check(file, report) {
    file.facts.nodes.visit(VISITED, (node) => {
      if (ts.isCallExpression(node)) {
        const name = calleeName(node);
        // The SDK's are methods (`server.getClientCapabilities()`); a bare call is the code's own function or callback.
        if ((name === 'getClientCapabilities' || name === 'getClientVersion') && ts.isPropertyAccessExpression(unwrap(node.expression))) {
          report({ node, message: `${name}() reads what one instance remembered from initialize; use the request's _meta envelope` });
        }
      }
    });
  },
};
