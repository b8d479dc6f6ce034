/**
 * What makes a source file MCP code: it names the SDK or MCP (`mcp` starting a word, or `Mcp`/`MCP`
 * inside camel case, so `numCpus` does not count), or uses an SDK transport or session API. The
 * scanner applies code rules only to such files, and rules that match generic words rely on it.
 */
export const MCP_MARKER =
  /(?<![A-Za-z])[mM][cC][pP]|Mcp|MCP|fastmcp|modelcontextprotocol|StreamableHTTPServerTransport|SSEServerTransport|sessionIdGenerator|onsessioninitialized|isInitializeRequest|transport\??\.sessionId/;

export function isMcpCode(text: string): boolean {
  return MCP_MARKER.test(text);
}
