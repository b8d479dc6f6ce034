import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { calleeName, importOf, isLogCall, isUndefinedValue, propertyNameText, unwrap } from '../analysis/ast.js';
import { SPEC, type CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.NewExpression, ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.ClassDeclaration);

/**
 * Whether a class name comes from a package outside MCP (an event-sourcing library's EventStore):
 * imported from a bare module specifier that is not `@modelcontextprotocol/...`.
 */
function foreign(name: TS.Node): boolean {
  const n = unwrap(name);
  const module = ts.isIdentifier(n) ? importOf(n)?.module : undefined;
  return module !== undefined && !module.startsWith('.') && !module.startsWith('@modelcontextprotocol/');
}

/** What a store class keeps, by its name: memory of this process for an in-memory one, each session's events for others (Redis, a Durable Object's storage). */
function keeps(name: string): string {
  return /Memory/.test(name) ? 'keeps per-session SSE events in this process' : "keeps each session's SSE events";
}

/** A call that writes its argument out: a response body, a JSON text (a log line is isLogCall's). */
const WRITES_OUT = /^(json|send|write|end|stringify)$/;

/**
 * Whether an `eventStore:` property may hold a store: not data (a number, a string, an array, an
 * object literal without an event store's methods, `{ ...stats, timestamp }`), nor a property of
 * what a call writes out or logs (`res.json({ eventStore: ... })`, trial 45B: a stats route's
 * response body), however its value is wrapped (`(stats as any)`, read-through 50).
 */
function mayBeEventStore(property: TS.PropertyAssignment): boolean {
  const value = unwrap(property.initializer);
  if (ts.isLiteralExpression(value) || ts.isArrayLiteralExpression(value) || ts.isTemplateExpression(value) || value.kind === ts.SyntaxKind.TrueKeyword || value.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isObjectLiteralExpression(value) && !value.properties.some((p) => p.name !== undefined && /^(storeEvent|replayEventsAfter)$/.test(propertyNameText(p.name) ?? ''))) return false;
  let literal: TS.Node = property.parent;
  while (ts.isObjectLiteralExpression(literal) && ts.isPropertyAssignment(literal.parent)) literal = literal.parent.parent;
  const call = ts.isObjectLiteralExpression(literal) && ts.isCallExpression(literal.parent) ? literal.parent : undefined;
  return !call || !(WRITES_OUT.test(calleeName(call) ?? '') || isLogCall(call));
}

/** In-memory event stores for stream resumability (`InMemoryEventStore`, `eventStore:` option, custom `EventStore`s). */
export const eventStore: CodeRule = {
  target: 'code',
  id: 'event-store',
  category: 'session-state',
  severity: 'warning',
  title: 'Per-session event store for stream resumability',
  why:
    'The event store keeps each session\'s SSE events in memory so a client can resume with Last-Event-ID on the same instance. ' +
    '2026-07-28 removed resumability: a broken stream is a lost request that the client re-issues with a new id.',
  fix: { codemod: 'stateless-transport', manual: 'Remove the event store; clients re-issue interrupted requests.' },
  docs: `${SPEC}/basic/transports/streamable-http`,
  legacyPathIsInfo: true,
  keywords: ['eventstore'],
  check(file, report) {
    // Event-sourcing libraries have EventStores too: the scanner's MCP gate keeps those files out.
    file.facts.nodes.visit(VISITED, (node) => {
      const made = ts.isNewExpression(node) ? calleeName(node) : undefined;
      if (made && /EventStore$/.test(made) && !foreign((node as TS.NewExpression).expression)) {
        report({ node, message: `${made} ${keeps(made)} for resumability, which 2026-07-28 removed` });
        return false;
      }
      if (ts.isPropertyAssignment(node) && propertyNameText(node.name) === 'eventStore') {
        const value = unwrap(node.initializer);
        if (isUndefinedValue(value) || !mayBeEventStore(node)) return;
        // Reported at the `new`, unless its class comes from a library the `new` is not reported
        // for: as a transport's option it is an MCP event store whatever its package (agents/mcp's
        // DurableObjectEventStore).
        if (ts.isNewExpression(value) && !foreign(value.expression)) return;
        const store = ts.isNewExpression(value) ? calleeName(value) : undefined;
        report({ node, message: store ? `eventStore: ${store} ${keeps(store)} for resumability, which 2026-07-28 removed` : 'eventStore enables per-session stream resumability, which 2026-07-28 removed' });
        return false;
      }
      // `extends/implements EventStore` (also `sdk.EventStore`), unless it is an event-sourcing library's.
      const base = ts.isClassDeclaration(node) ? node.heritageClauses?.flatMap((c) => c.types).find((t) => {
        const e = unwrap(t.expression);
        return (ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : '') === 'EventStore';
      }) : undefined;
      if (ts.isClassDeclaration(node) && base && !foreign(base.expression)) {
        report({ node: node.name ?? node, message: `${node.name?.text ?? 'class'} implements EventStore: per-session SSE replay state` });
      }
      return undefined;
    });
  },
};
