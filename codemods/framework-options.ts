/**
 * framework-options, target any: a framework's own options that keep sessions, set to its
 * stateless serving. Today @rekog/mcp-nest 1.x's `McpModule.forRoot({ ... })` (see
 * src/analysis/mcp-nest.ts for what its defaults do):
 * - a `streamableHttp` object without `statelessMode` gets `statelessMode: true`, and
 *   `statelessMode: false` becomes true: the package then builds a server and transport per request;
 * - the legacy SSE transport goes from `transport`: dropped from a list that has Streamable HTTP,
 *   replaced by it otherwise, and where the option is left out (its default lists SSE) it is set to
 *   what the default serves less SSE (`[STREAMABLE_HTTP, STDIO]`).
 * Each is a change to review: clients on /sse must move to /mcp, and a session a tool relied on
 * (a notification sent after its call returned) is gone. Left alone: SSE where Streamable HTTP
 * would take its place with settings not known to end stateless (sseRemovable), and a
 * `sessionIdGenerator` of the module's own, which is marked for deletion, not removed.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from '../src/analysis/typescript.js';
import { isUndefinedValue, literalMember, propertyNameText, unwrap, walk } from '../src/analysis/ast.js';
import { MCP_NEST_MODULE, mcpNestRoot, settingsMadeStateless, sseRemovable, type McpNestRoot } from '../src/analysis/mcp-nest.js';
import { appendPropertyEdits, applyEdits, lineAfterEdits, lineOf, removeListElement } from './lib/edits.js';
import { ensureNamedImport, importedName, moduleImports } from './lib/imports.js';
import type { Change, CodeCodemod, TextEdit } from './types.js';

/** What dropping SSE does, for a change's description. */
const SSE_OFF = "@rekog/mcp-nest's legacy HTTP+SSE endpoints (/sse, /messages) are off; clients that used them must switch to its Streamable HTTP endpoint (/mcp)";
/** What statelessMode does, for a change's description. */
const STATELESS = '@rekog/mcp-nest builds a server and transport per request and issues no Mcp-Session-Id, so any instance can serve any request';

/** The marker on a sessionIdGenerator of the module's own, once statelessMode is set. */
const GENERATOR_IGNORED =
  "@rekog/mcp-nest ignores this sessionIdGenerator now that statelessMode is true: no Mcp-Session-Id is issued any more. Delete it; whatever was kept or checked per session id (a guard or a tool reading the mcp-session-id header) needs an explicit handle instead";
const SPEC_TRANSPORTS = 'https://modelcontextprotocol.io/specification/2026-07-28/basic/transports';

export const frameworkOptions: CodeCodemod = {
  kind: 'code',
  id: 'framework-options',
  title: "Frameworks' sessionful options → their stateless settings",
  target: 'any',
  resolves: ['sse-routing', 'stateful-mode-option'],
  keywords: ['@rekog/mcp-nest'],
  transform({ text, sourceFile: sf }, ctx) {
    if (!MCP_NEST_MODULE.test(text) || !ctx.allows('review')) return { text, changes: [], markers: [] };
    const edits: TextEdit[] = [];
    const changes: Change[] = [];
    let enumName: string | undefined;
    // The local name of McpTransportType, imported when a list is written and the file has none.
    const transportType = (): string => {
      enumName ??= importedEnum(sf);
      if (enumName) return enumName;
      edits.push(...ensureNamedImport(sf, '@rekog/mcp-nest', ['McpTransportType']));
      return (enumName = 'McpTransportType');
    };
    const edited = new Set<TS.Node>();
    const pending: number[] = [];
    walk(sf, (node) => {
      if (!ts.isCallExpression(node)) return undefined;
      const root = mcpNestRoot(node);
      if (!root) return undefined;
      const settings = settingsMadeStateless(root);
      if (settings) {
        const object = unwrap(settings.initializer) as TS.ObjectLiteralExpression;
        const off = literalMember(object, 'statelessMode');
        edits.push(...(off ? [{ start: off.getStart(sf), end: off.getEnd(), text: 'true' }] : appendPropertyEdits(object, 'statelessMode: true', sf)));
        changes.push({ line: lineOf(sf, settings.getStart(sf)), description: `statelessMode: true in streamableHttp: ${STATELESS}`, safety: 'review' });
        // A generator the module gave it: ignored from now on, and what it keyed has no session any more.
        const generator = object.properties.find((p) => p.name !== undefined && propertyNameText(p.name) === 'sessionIdGenerator');
        if (generator && !(ts.isPropertyAssignment(generator) && isUndefinedValue(unwrap(generator.initializer)))) pending.push(generator.getStart(sf));
      }
      const sse = root.transports?.find((t) => t.name === 'sse');
      if (!sse || edited.has(sse.node) || !sseRemovable(root)) return undefined;
      edited.add(sse.node);
      const edit = sseEdits(root, sse.node, sf, transportType);
      if (edit.length > 0) {
        edits.push(...edit);
        changes.push({ line: lineOf(sf, sse.node.getStart(sf)), description: `${root.defaultTransports ? 'transport set to Streamable HTTP and stdio (the default, less SSE)' : 'McpTransportType.SSE taken out of transport'}: ${SSE_OFF}`, safety: 'review' });
      }
      return undefined;
    });
    if (edits.length === 0) return { text, changes: [], markers: [] };
    const after = applyEdits(text, edits);
    // At the generator's own line, wherever the edits above moved it (review 52: by content, it went to a look-alike line).
    const markers = pending.map((pos) => ({ line: lineAfterEdits(after, pos, edits, text), message: GENERATOR_IGNORED, link: SPEC_TRANSPORTS }));
    return { text: after, changes, markers };
  },
};

/** The edits that take SSE out of forRoot's transports (see the file's comment). */
function sseEdits(root: McpNestRoot, element: TS.Node, sf: TS.SourceFile, transportType: () => string): TextEdit[] {
  if (root.defaultTransports) {
    const name = transportType();
    return appendPropertyEdits(root.options, `transport: [${name}.STREAMABLE_HTTP, ${name}.STDIO]`, sf);
  }
  const list = element.parent;
  if (ts.isArrayLiteralExpression(list) && root.transports!.some((t) => t.node !== element && t.name === 'streamable-http')) return [removeListElement(element, list.elements, sf)];
  // The only HTTP transport listed: Streamable HTTP takes its place (`McpTransportType.SSE` → `.STREAMABLE_HTTP`).
  const at = unwrap(element);
  if (ts.isPropertyAccessExpression(at)) return [{ start: at.name.getStart(sf), end: at.name.getEnd(), text: 'STREAMABLE_HTTP' }];
  return [{ start: at.getStart(sf), end: at.getEnd(), text: `${transportType()}.STREAMABLE_HTTP` }];
}

/** The local name McpTransportType is imported (or required) under from @rekog/mcp-nest (`mcp.McpTransportType` through a namespace), if it is. */
function importedEnum(sf: TS.SourceFile): string | undefined {
  for (const imported of moduleImports(sf)) {
    // (`import type { McpTransportType }` binds no value: ensureNamedImport makes it one.)
    if (imported.module !== '@rekog/mcp-nest' || (ts.isImportDeclaration(imported.statement) && imported.statement.importClause?.isTypeOnly)) continue;
    if (imported.whole) return `${imported.whole}.McpTransportType`;
    const found = imported.named?.find((e) => importedName(e) === 'McpTransportType' && !(ts.isImportSpecifier(e) && e.isTypeOnly));
    if (found) return found.name.getText(sf);
  }
  return undefined;
}
