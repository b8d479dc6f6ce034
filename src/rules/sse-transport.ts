import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { calleeName, importOf, propertyNameText, unwrap, walk } from '../analysis/ast.js';
import { SPEC, type CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';
import { deliversToSseTransport, usesSseTransport } from '../analysis/sse.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED_1 = kinds(ts.SyntaxKind.NewExpression);
const VISITED_2 = kinds(ts.SyntaxKind.ImportSpecifier, ts.SyntaxKind.BindingElement);
const VISITED_3 = kinds(ts.SyntaxKind.CallExpression);

/** The legacy HTTP+SSE transport (`SSEServerTransport`) and its client. */
export const sseTransport: CodeRule = {
  target: 'code',
  id: 'sse-transport',
  category: 'sse-legacy',
  severity: 'error',
  title: 'Legacy HTTP+SSE transport',
  why:
    'HTTP+SSE (GET /sse plus POST /messages?sessionId=...) is sessionful by design: the POST must reach the instance holding the ' +
    'GET stream. It has been deprecated since 2025-03-26, the v2 SDK never serves it, and it can never serve 2026-07-28.',
  fix: { codemod: 'sse-transport', clients: true, manual: 'Serve Streamable HTTP on one POST endpoint instead.' },
  docs: `${SPEC}/basic/transports`,
  keywords: ['ssetransport', 'sseservertransport', 'sseclienttransport'],
  check(file, report) {
    let constructed = false;
    const clients: TS.NewExpression[] = [];
    let streamableClient = false;
    file.facts.nodes.visit(VISITED_1, (node) => {
      if (ts.isNewExpression(node)) {
        // Under its own name or an alias (`import { SSEServerTransport as SdkSse }`).
        const callee = unwrap(node.expression);
        const name = (ts.isIdentifier(callee) ? importOf(callee)?.exported : undefined) ?? calleeName(node);
        if (name === 'SSEServerTransport') {
          constructed = true;
          report({ node, message: 'SSEServerTransport: the legacy, sessionful HTTP+SSE transport' });
        } else if (name === 'SSEClientTransport') {
          constructed = true;
          clients.push(node);
        } else if (name === 'StreamableHTTPClientTransport') {
          streamableClient = true;
        }
      }
    });
    // A client that also connects with Streamable HTTP (tries it first) keeps SSE only for servers
    // not yet migrated. Built in this file: a mention (a comment, an import) proves nothing.
    for (const node of clients) {
      if (streamableClient) {
        report({ node, message: 'SSEClientTransport as the fallback for servers still on HTTP+SSE; drop it once they serve Streamable HTTP', severity: 'info', manual: true });
      } else {
        report({ node, message: 'SSEClientTransport connects with the legacy HTTP+SSE transport; use StreamableHTTPClientTransport', severity: 'warning' });
      }
    }
    if (constructed) return;
    // Imported (for example to pass the class around) without being constructed here.
    file.facts.nodes.visit(VISITED_2, (node) => {
      if (ts.isImportSpecifier(node) && node.name.text === 'SSEServerTransport') {
        if (onlyTyped(file.sourceFile, node.name.text, node)) {
          // A type left over (a field typed `SSEServerTransport | null`): no SSE endpoint is served here.
          // (A transport of that type handed a POST is the POST half of HTTP+SSE: sse-routing reports it.)
          if (!handsMessagesToSse(file)) report({ node, message: 'Imports SSEServerTransport only to name its type: nothing here serves legacy HTTP+SSE; drop the type once nothing holds such a transport', severity: 'warning', manual: true });
        } else {
          report({ node, message: 'Imports the legacy HTTP+SSE SSEServerTransport' });
        }
      }
      // CommonJS: `const { SSEServerTransport } = require('...')`.
      if (ts.isBindingElement(node) && (propertyNameText(node.propertyName) ?? (ts.isIdentifier(node.name) ? node.name.text : '')) === 'SSEServerTransport') {
        const holder = node.parent.parent;
        if (ts.isVariableDeclaration(holder) && holder.initializer && ts.isCallExpression(unwrap(holder.initializer)) && calleeName(unwrap(holder.initializer) as TS.CallExpression) === 'require') {
          report({ node, message: 'Requires the legacy HTTP+SSE SSEServerTransport' });
        }
      }
    });
  },
};

/** Whether the file hands a POSTed message to an SSE transport (`t.handleMessage(body)` with `t: SSEServerTransport`). */
function handsMessagesToSse(file: Parameters<CodeRule['check']>[0]): boolean {
  const usesSse = usesSseTransport(file.text);
  let found = false;
  file.facts.nodes.visit(VISITED_3, (node) => {
    if (found) return false;
    found = ts.isCallExpression(node) && deliversToSseTransport(node, usesSse);
    return undefined;
  });
  return found;
}

/** Whether every use of an imported name, other than its import, names a type (`x: SSEServerTransport`, `typeof SSEServerTransport`). */
function onlyTyped(sourceFile: TS.SourceFile, name: string, specifier: TS.ImportSpecifier): boolean {
  let value = false;
  walk(sourceFile, (n) => {
    if (value) return false;
    if (n === specifier) return false;
    if (ts.isIdentifier(n) && n.text === name && !(ts.isTypeReferenceNode(n.parent) || ts.isTypeQueryNode(n.parent) || ts.isExpressionWithTypeArguments(n.parent) && ts.isHeritageClause(n.parent.parent) && n.parent.parent.token === ts.SyntaxKind.ImplementsKeyword)) value = true;
    return undefined;
  });
  return !value;
}
