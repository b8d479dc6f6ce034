import { ts } from '../analysis/typescript.js';
import type { ts as TS } from 'ts-morph';
import { calleeName, propertyNameText, referenceName, unwrap } from '../analysis/ast.js';
import type { SessionFacts } from '../analysis/session.js';
import { servesBothEras } from '../analysis/mcp.js';
import { SPEC, type CodeRule } from './types.js';
import { isHandshakeRead } from '../analysis/eras.js';
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
  legacyPathIsInfo: true,
  keywords: ['getclientcapabilities', 'getclientversion'],
  check(file, report) {
    const dualEra = servesBothEras(file.text);
    file.facts.nodes.visit(VISITED, (node) => {
      if (ts.isCallExpression(node)) {
        // The SDK's are methods (`server.getClientCapabilities()`); a bare call is the code's own function or callback.
        if (isHandshakeRead(node)) {
          const name = calleeName(node);
          const callee = unwrap(node.expression) as TS.PropertyAccessExpression;
          // A client's own capabilities (`inspectorClient.getClientCapabilities()`): nothing a server remembered.
          if (isClient(callee.expression, file.facts)) return;
          // On the v2 packages, read inside the oninitialized kept for 2025 clients: part of their fallback.
          if (dualEra && inOnInitialized(node)) {
            report({ node, message: `${name}() in the oninitialized kept for 2025 clients: their fallback; modern requests carry it in ctx.mcpReq.envelope`, severity: 'info', manual: true });
          } else if (dualEra) {
            // v2: createMcpHandler fills the getters from the current request's envelope; serveStdio does not.
            report({ node, message: `${name}() is deprecated on the v2 packages: createMcpHandler fills it from each request's envelope, but serveStdio returns undefined for 2026-07-28 clients; read ctx.mcpReq.envelope` });
          } else report({ node, message: `${name}() reads what one instance remembered from initialize; use the request's _meta envelope` });
        }
      }
    });
  },
};

/** A client (by what it is, or by its name: `client`, `inspectorClient`, `this.mcpClient`), not a server. */
function isClient(receiver: TS.Node, facts: SessionFacts): boolean {
  const kind = facts.receiverKind(receiver);
  return kind !== undefined ? kind === 'client' : /client$/i.test(referenceName(receiver));
}

/** Whether `node` runs inside an `oninitialized` hook (`x.oninitialized = () => ...`, `{ oninitialized() {...} }`). */
function inOnInitialized(node: TS.Node): boolean {
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    const holder = n.parent;
    if (ts.isMethodDeclaration(n) && propertyNameText(n.name) === 'oninitialized') return true;
    if (ts.isPropertyAssignment(holder) && propertyNameText(holder.name) === 'oninitialized') return true;
    if (ts.isBinaryExpression(holder) && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(holder.left) && holder.left.name.text === 'oninitialized') return true;
  }
  return false;
}
