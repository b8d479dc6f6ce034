import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { calleeName, moduleExportOf, resolveIdentifier, unwrap, walk } from '../analysis/ast.js';
import { SPEC, type CodeRule, adviceByMessage } from './types.js';
import { kinds } from '../analysis/nodes.js';
import { deliversToSseTransport, isSseTransportClass, usesSseTransport } from '../analysis/sse.js';
import { HONO_SSE_TRANSPORT, SDK_SSE_TRANSPORT } from '../analysis/transports.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED_1 = kinds(ts.SyntaxKind.NewExpression);
const VISITED_2 = kinds(ts.SyntaxKind.ImportSpecifier, ts.SyntaxKind.BindingElement);
const VISITED_3 = kinds(ts.SyntaxKind.PropertyAccessExpression);
const VISITED_4 = kinds(ts.SyntaxKind.CallExpression);

/** Advice for the client's findings, by what they say: one that only speaks SSE, and the fallback behind Streamable HTTP. */
const SSE_CLIENT_ADVICE: ReadonlyArray<readonly [RegExp, string]> = [
  [/^SSEClientTransport connects/, 'Connect with StreamableHTTPClientTransport; fall back to SSEClientTransport only for servers that have not moved (when the Streamable HTTP connect fails with a 4xx).'],
  [/^SSEClientTransport as the fallback/, 'Nothing to do while some servers it connects to still serve HTTP+SSE; drop the fallback once they serve Streamable HTTP.'],
];

/** The legacy HTTP+SSE transport (the SDK's `SSEServerTransport`, hono-mcp-server-sse-transport's `SSETransport`) and its client. */
export const sseTransport: CodeRule = {
  target: 'code',
  id: 'sse-transport',
  category: 'sse-legacy',
  severity: 'error',
  title: 'Legacy HTTP+SSE transport',
  why:
    'HTTP+SSE (GET /sse plus POST /messages?sessionId=...) is sessionful by design: the POST must reach the instance holding the ' +
    'GET stream. It has been deprecated since 2025-03-26, the v2 SDK never serves it, and it can never serve 2026-07-28.',
  fix: {
    codemod: 'sse-transport',
    clients: true,
    manual: 'Serve Streamable HTTP on one POST endpoint instead.',
    // A client connects; it serves nothing.
    advice: adviceByMessage(SSE_CLIENT_ADVICE),
  },
  docs: `${SPEC}/basic/transports`,
  keywords: ['ssetransport', 'sseservertransport', 'sseclienttransport'],
  check(file, report) {
    let constructed = false;
    const clients: TS.NewExpression[] = [];
    let streamableClient = false;
    file.facts.nodes.visit(VISITED_1, (node) => {
      if (ts.isNewExpression(node)) {
        const name = calleeName(node);
        if (isSseTransportClass(node.expression)) {
          constructed = true;
          report({ node, message: `${sseClassLabel(node.expression)}: the legacy, sessionful HTTP+SSE transport` });
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
      const label = ts.isImportSpecifier(node) ? boundSseClass(node.name) : undefined;
      if (label && ts.isImportSpecifier(node)) {
        if (!onlyTyped(file.sourceFile, node.name.text, node)) {
          report({ node, message: `Imports the legacy HTTP+SSE ${label}` });
        } else if (!handsMessagesToSse(file)) {
          // A type left over (a field typed `SSEServerTransport | null`): no SSE endpoint is served here.
          // (A transport of that type handed a POST is the POST half of HTTP+SSE: sse-routing reports it.)
          report({ node, message: `Imports ${label} only to name its type: nothing here serves legacy HTTP+SSE; drop the type once nothing holds such a transport`, severity: 'warning', manual: true });
        }
      }
      // CommonJS: `const { SSEServerTransport } = require('...')`.
      const required = ts.isBindingElement(node) && ts.isIdentifier(node.name) ? boundSseClass(node.name) : undefined;
      if (required) report({ node, message: `Requires the legacy HTTP+SSE ${required}` });
    });
    // The class read from the module's namespace: `const sse_js_1 = require('.../sse.js')` (an
    // import as tsc compiles it to CommonJS) or `import * as sse from '...'`, then `sse_js_1.SSEServerTransport`.
    if (!NAMESPACE_ACCESS.test(file.text)) return;
    const namespaces = new Set<TS.Node>();
    file.facts.nodes.visit(VISITED_3, (node) => {
      if (!ts.isPropertyAccessExpression(node) || !ts.isIdentifier(node.expression) || !isSseTransportClass(node) || !moduleExportOf(node)) return;
      const decl = resolveIdentifier(node.expression);
      if (!decl || namespaces.has(decl)) return;
      namespaces.add(decl);
      const verb = ts.isNamespaceImport(decl) ? 'Imports' : 'Requires';
      report({ node: ts.isNamespaceImport(decl) ? decl : decl.name, message: `${verb} the legacy HTTP+SSE ${sseClassLabel(node)} (as ${node.getText()})` });
    });
  },
};

/** A member read off a module namespace that may be an SSE transport class. */
const NAMESPACE_ACCESS = /\.\s*SSE(Server)?Transport\b/;

/** How a finding names the class: `SSEServerTransport`, hono's `SSETransport`, or a subclass of this file. */
function sseClassLabel(ref: TS.Node): string {
  const n = unwrap(ref);
  const name = ts.isIdentifier(n) ? n.text : ts.isPropertyAccessExpression(n) ? n.name.text : SDK_SSE_TRANSPORT;
  const imported = moduleExportOf(n);
  if (imported?.module === HONO_SSE_TRANSPORT.module) return `${HONO_SSE_TRANSPORT.name} (${HONO_SSE_TRANSPORT.module})`;
  if (imported || name === SDK_SSE_TRANSPORT) return SDK_SSE_TRANSPORT;
  return `${name} (extends ${SDK_SSE_TRANSPORT})`;
}

/**
 * The SSE transport class a name is bound to by an import or a CommonJS destructuring (also under
 * an alias): the SDK's SSEServerTransport, hono-mcp-server-sse-transport's SSETransport, or none.
 * Its label, for the finding.
 */
function boundSseClass(name: TS.Identifier): string | undefined {
  return moduleExportOf(name) && isSseTransportClass(name) ? sseClassLabel(name) : undefined;
}

/** Whether the file hands a POSTed message to an SSE transport (`t.handleMessage(body)` with `t: SSEServerTransport`). */
function handsMessagesToSse(file: Parameters<CodeRule['check']>[0]): boolean {
  const usesSse = usesSseTransport(file.text);
  let found = false;
  file.facts.nodes.visit(VISITED_4, (node) => {
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
