import { ts } from '../analysis/typescript.js';
import { walk } from '../analysis/ast.js';
import { SPEC, type CodeRule } from './types.js';

const MCP_NOT_INITIALIZED = /(server|session|mcp|transport)\b[^]*\bnot (yet )?initiali[sz]ed|not (yet )?initiali[sz]ed[^]*\b(server|session|mcp|transport)\b/i;

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
  docs: `${SPEC}/basic/lifecycle`,
  keywords: ['not initialized', 'not initialised', 'not yet initialized', 'not yet initialised'],
  check(file, report) {
    if (!file.facts.mcpFile) return;
    walk(file.sourceFile, (node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isRegularExpressionLiteral(node)) {
        if (MCP_NOT_INITIALIZED.test(node.text)) report({ node, message: 'Raises or sniffs a "not initialized" error: requests depend on a handshake seen by this instance' });
      }
    });
  },
};
