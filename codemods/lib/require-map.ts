/**
 * CommonJS `require()` of the v1 SDK → the v2 packages. The official codemod rewrites `import`
 * declarations (its importMap); this table covers the same server-side paths for `require`, so
 * CommonJS servers move too. Data, not traversal code: extend the table, not the logic.
 */
export const REQUIRE_MAP: Record<string, { module: string; renames?: Record<string, string> }> = {
  '@modelcontextprotocol/sdk/server/mcp.js': { module: '@modelcontextprotocol/server' },
  '@modelcontextprotocol/sdk/server/index.js': { module: '@modelcontextprotocol/server' },
  '@modelcontextprotocol/sdk/types.js': { module: '@modelcontextprotocol/server' },
  '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js': { module: '@modelcontextprotocol/server' },
  '@modelcontextprotocol/sdk/server/stdio.js': { module: '@modelcontextprotocol/server/stdio' },
  '@modelcontextprotocol/sdk/server/streamableHttp.js': {
    module: '@modelcontextprotocol/node',
    renames: { StreamableHTTPServerTransport: 'NodeStreamableHTTPServerTransport' },
  },
  '@modelcontextprotocol/sdk/server/express.js': { module: '@modelcontextprotocol/express' },
};

/** Rewrites `require('<v1 path>')` specifiers (and renamed destructured names) in a CommonJS text. */
export function rewriteRequires(text: string): { text: string; count: number } {
  let count = 0;
  const next = text.replace(/(const|let|var)(\s*\{)([^}]*)(\}\s*=\s*require\(\s*)(['"])(@modelcontextprotocol\/sdk\/[^'"]+)\5(\s*\))/g, (whole, kw, open, names: string, mid, quote, spec: string, close) => {
    const entry = REQUIRE_MAP[spec] ?? REQUIRE_MAP[`${spec}.js`];
    if (!entry) return whole;
    count++;
    let renamed = names;
    for (const [from, to] of Object.entries(entry.renames ?? {})) renamed = renamed.replace(new RegExp(`\\b${from}\\b(?!\\s*:)`), `${to}: ${from}`);
    return `${kw}${open}${renamed}${mid}${quote}${entry.module}${quote}${close}`;
  });
  return { text: next, count };
}
