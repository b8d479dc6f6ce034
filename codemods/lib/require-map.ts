import type { ts as TS } from 'ts-morph';
import { ts } from '../../src/analysis/typescript.js';
import { propertyNameText, referencesTo, unwrap, walk } from '../../src/analysis/ast.js';
import { parseFile } from '../../src/analysis/parse.js';
import { applyEdits } from './edits.js';
import type { TextEdit } from '../types.js';
/**
 * CommonJS `require()` of the v1 SDK → the v2 packages. The official codemod rewrites `import`
 * declarations (its importMap); this table covers the same server-side paths for `require`, so
 * CommonJS servers move too. Data, not traversal code: extend the table, not the logic.
 */
export const REQUIRE_MAP: Record<string, RequireEntry> = {
  '@modelcontextprotocol/sdk/server/mcp.js': { module: '@modelcontextprotocol/server' },
  '@modelcontextprotocol/sdk/server/index.js': { module: '@modelcontextprotocol/server' },
  // Most of types.js has no v2 export: its request schemas (v2's setRequestHandler takes the
  // method), McpError and ErrorCode (renamed). Only these values are there under the same name.
  '@modelcontextprotocol/sdk/types.js': {
    module: '@modelcontextprotocol/server',
    names: [
      'DEFAULT_NEGOTIATED_PROTOCOL_VERSION', 'JSONRPC_VERSION', 'LATEST_PROTOCOL_VERSION', 'RELATED_TASK_META_KEY', 'SUPPORTED_PROTOCOL_VERSIONS',
      'UrlElicitationRequiredError', 'assertCompleteRequestPrompt', 'assertCompleteRequestResourceTemplate', 'isInitializeRequest',
      'isInitializedNotification', 'isJSONRPCErrorResponse', 'isJSONRPCNotification', 'isJSONRPCRequest', 'isJSONRPCResponse',
      'isJSONRPCResultResponse', 'isTaskAugmentedRequestParams',
    ],
  },
  '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js': { module: '@modelcontextprotocol/server' },
  '@modelcontextprotocol/sdk/server/stdio.js': { module: '@modelcontextprotocol/server/stdio' },
  '@modelcontextprotocol/sdk/server/streamableHttp.js': {
    module: '@modelcontextprotocol/node',
    renames: { StreamableHTTPServerTransport: 'NodeStreamableHTTPServerTransport' },
  },
  '@modelcontextprotocol/sdk/server/express.js': { module: '@modelcontextprotocol/express' },
};

export interface RequireEntry {
  /** The v2 module the path's exports live in. */
  module: string;
  /** Exports renamed there (a destructured name is aliased back to its old name). */
  renames?: Record<string, string>;
  /**
   * When only some of the path's values exist in the v2 module: those. A require taking any other
   * is not moved (the file then stays on v1, see unmovedRequires). test/require-map.test.ts holds
   * the table to the installed packages.
   */
  names?: readonly string[];
}

/** The entry for a v1 path, written with or without its `.js`. */
function entryFor(spec: string): RequireEntry | undefined {
  return REQUIRE_MAP[spec] ?? REQUIRE_MAP[`${spec}.js`];
}

/** `require('@modelcontextprotocol/sdk/...')`: the call and its specifier. */
function sdkRequire(node: TS.Node): TS.StringLiteral | undefined {
  const call = unwrap(node);
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== 'require' || call.arguments.length !== 1) return undefined;
  const spec = call.arguments[0];
  return ts.isStringLiteral(spec) && spec.text.startsWith('@modelcontextprotocol/sdk/') ? spec : undefined;
}

/** The specifier rewritten to `module`, in the quote it was written with. */
function specifierEdit(spec: TS.StringLiteral, module: string, sf: TS.SourceFile): TextEdit {
  const quote = sf.text[spec.getStart(sf)];
  return { start: spec.getStart(sf), end: spec.end, text: `${quote}${module}${quote}` };
}

/**
 * The edits that move one `const ... = require('<v1 path>')`, or undefined when it cannot move:
 * destructured (`const { Server } = require(...)`, a renamed export aliased back to the old
 * name, or renamed where it is aliased: `{ StreamableHTTPServerTransport: T }`), or bound to a
 * namespace, as tsc emits CommonJS (`const streamableHttp_js_1 = require(...)`), whose renamed
 * members are renamed where it names them. A namespace used otherwise than through its members
 * (handed on, destructured, indexed) cannot be checked, and a name the v2 module does not export
 * cannot move: both stay.
 */
function moveRequire(decl: TS.VariableDeclaration, spec: TS.StringLiteral, entry: RequireEntry, sf: TS.SourceFile): TextEdit[] | undefined {
  const edits: TextEdit[] = [specifierEdit(spec, entry.module, sf)];
  const renames = entry.renames ?? {};
  if (ts.isObjectBindingPattern(decl.name)) {
    for (const element of decl.name.elements) {
      if (element.dotDotDotToken) return undefined;
      const exported = element.propertyName ? propertyNameText(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
      if (!exported || (entry.names && !entry.names.includes(exported))) return undefined;
      const to = renames[exported];
      if (!to) continue;
      if (element.propertyName) edits.push({ start: element.propertyName.getStart(sf), end: element.propertyName.end, text: to });
      else edits.push({ start: element.name.getStart(sf), end: element.name.getStart(sf), text: `${to}: ` });
    }
    return edits;
  }
  if (!ts.isIdentifier(decl.name)) return undefined;
  if (!entry.names && !entry.renames) return edits;
  for (const ref of referencesTo(sf, decl as TS.VariableDeclaration & { name: TS.Identifier })) {
    const access = ref.parent;
    if (!ts.isPropertyAccessExpression(access) || access.expression !== ref) return undefined;
    const member = access.name.text;
    if (entry.names && !entry.names.includes(member)) return undefined;
    const to = renames[member];
    if (to) edits.push({ start: access.name.getStart(sf), end: access.name.end, text: to });
  }
  return edits;
}

/**
 * Rewrites the `require('<v1 path>')` declarations of a text that can move (see moveRequire).
 * `unmoved`: the v1 paths it still loads with `require()` after the rewrite (calls, not words in a
 * comment or a string), at their offsets in the text given: no v2 home in the table, or a use it
 * cannot move. One parse for both.
 */
export function rewriteRequires(text: string, path = 'file.cjs'): { text: string; count: number; unmoved: Array<{ spec: string; index: number }> } {
  const unmoved: Array<{ spec: string; index: number }> = [];
  if (!/require\(\s*['"]@modelcontextprotocol\/sdk\//.test(text)) return { text, count: 0, unmoved };
  const sf = parseFile(text, path);
  const edits: TextEdit[] = [];
  let count = 0;
  walk(sf, (node) => {
    if (ts.isVariableDeclaration(node) && node.initializer) {
      const spec = sdkRequire(node.initializer);
      const entry = spec && entryFor(spec.text);
      const moved = spec && entry && moveRequire(node, spec, entry, sf);
      if (moved) {
        edits.push(...moved);
        count++;
        return false;
      }
    }
    const left = ts.isCallExpression(node) ? sdkRequire(node) : undefined;
    if (left) unmoved.push({ spec: left.text, index: node.getStart(sf) });
    return undefined;
  });
  return { text: count > 0 ? applyEdits(text, edits) : text, count, unmoved };
}

/**
 * The v1 paths a text still loads with `require()` after rewriteRequires, at their offsets in
 * `text`. A file with any of them cannot move, and its package stays on v1 with it.
 */
export function unmovedRequires(text: string, path = 'file.cjs'): Array<{ spec: string; index: number }> {
  return rewriteRequires(text, path).unmoved;
}
