import { ts } from '../analysis/typescript.js';
import { accessName, walk } from '../analysis/ast.js';
import { SPEC, type CodeRule } from './types.js';

const PRIVATE_FIELDS = new Set(['_initialized', '_clientCapabilities', '_clientVersion', '_initializeResult']);

/** Writes to the SDK's private handshake fields, a hack to revive or fake a session on another instance. */
export const privateInitialized: CodeRule = {
  target: 'code',
  id: 'private-initialized',
  category: 'initialize-gate',
  severity: 'error',
  title: "Sets the SDK's private initialized state",
  why:
    "Setting the transport's or server's private `_initialized` / `_clientCapabilities` fields is a workaround to make an instance " +
    'accept requests for a session it did not initialize. It couples the code to SDK internals and to the 2025 handshake; ' +
    'stateless 2026-07-28 serving makes it unnecessary.',
  fix: { codemod: 'stateless-transport', manual: 'Delete the write and serve requests with a stateless transport.' },
  docs: `${SPEC}/basic/lifecycle`,
  keywords: ['_initialized', '_clientcapabilities', '_clientversion', '_initializeresult'],
  check(file, report) {
    walk(file.sourceFile, (node) => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const name = accessName(node.left);
        if (name && PRIVATE_FIELDS.has(name)) report({ node, message: `Writes the SDK-private ${name} field to fake handshake state` });
      }
    });
  },
};
