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

/**
 * Rewrites `require('<v1 path>')` specifiers in a CommonJS text: destructured (`const { Server } =
 * require(...)`, renamed names aliased back) and bound to a namespace, as tsc emits CommonJS
 * (`const streamableHttp_js_1 = require(...)`, whose renamed members are renamed where the
 * namespace names them: `streamableHttp_js_1.StreamableHTTPServerTransport`).
 */
export function rewriteRequires(text: string): { text: string; count: number } {
  let count = 0;
  let next = text.replace(/(const|let|var)(\s*\{)([^}]*)(\}\s*=\s*require\(\s*)(['"])(@modelcontextprotocol\/sdk\/[^'"]+)\5(\s*\))/g, (whole, kw, open, names: string, mid, quote, spec: string, close) => {
    const entry = entryFor(spec);
    const taken = names.split(',').map((n) => n.split(':')[0].trim()).filter((n) => n && !n.startsWith('...'));
    if (!entry || (entry.names && (names.includes('...') || taken.some((n) => !entry.names!.includes(n))))) return whole;
    count++;
    let renamed = names;
    for (const [from, to] of Object.entries(entry.renames ?? {})) renamed = renamed.replace(new RegExp(`\\b${from}\\b(?!\\s*:)`), `${to}: ${from}`);
    return `${kw}${open}${renamed}${mid}${quote}${entry.module}${quote}${close}`;
  });
  const namespaces: Array<[string, Record<string, string>]> = [];
  next = next.replace(/(\b(?:const|let|var)\s+)([A-Za-z_$][\w$]*)(\s*=\s*require\(\s*)(['"])(@modelcontextprotocol\/sdk\/[^'"]+)\4(\s*\))/g, (whole, kw, name: string, mid, quote, spec: string, close) => {
    const entry = entryFor(spec);
    if (!entry) return whole;
    if (entry.names) {
      // Every member the namespace is asked for must be there, and it must be used as a namespace only.
      const escaped = name.replace(/\$/g, '\\$');
      const members = [...text.matchAll(new RegExp(`(?<![\\w$.])${escaped}\\.([A-Za-z_$][\\w$]*)`, 'g'))].map((m) => m[1]);
      const uses = [...text.matchAll(new RegExp(`(?<![\\w$.])${escaped}(?![\\w$])`, 'g'))].length;
      if (members.some((m) => !entry.names!.includes(m)) || uses !== members.length + 1) return whole;
    }
    count++;
    if (entry.renames) namespaces.push([name, entry.renames]);
    return `${kw}${name}${mid}${quote}${entry.module}${quote}${close}`;
  });
  for (const [name, renames] of namespaces) {
    for (const [from, to] of Object.entries(renames)) next = next.replace(new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\.${from}\\b`, 'g'), `${name}.${to}`);
  }
  return { text: next, count };
}

/**
 * The v1 paths a CommonJS text still loads with `require()` after rewriteRequires: no v2 home in
 * the table, or a shape it does not rewrite (`require('...').Server`). A file with any of them
 * cannot move, and its package stays on v1 with it.
 */
export function unmovedRequires(text: string): Array<{ spec: string; index: number }> {
  const left: Array<{ spec: string; index: number }> = [];
  if (!text.includes('require')) return left;
  const rewritten = rewriteRequires(text).text;
  for (const m of rewritten.matchAll(/\brequire\(\s*(['"])(@modelcontextprotocol\/sdk\/[^'"]+)\1\s*\)/g)) left.push({ spec: m[2], index: m.index! });
  return left;
}
