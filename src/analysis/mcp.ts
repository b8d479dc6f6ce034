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

/**
 * Byte strings of which every match of MCP_MARKER contains at least one: `cp` in any case (all the
 * `mcp` spellings), and a piece of each longer alternative. All are ASCII, and UTF-8 never encodes
 * another character with ASCII bytes, so searching the raw bytes finds exactly what searching the
 * decoded text would. test/read.test.ts derives every alternative from MCP_MARKER's source and
 * fails when one of them has no anchor here.
 */
export const MCP_MARKER_ANCHORS: readonly string[] = ['cp', 'cP', 'Cp', 'CP', 'ession', 'ServerTransport', 'modelcontextprotocol', 'isInitializeRequest'];

/**
 * False only when MCP_MARKER cannot match the UTF-8 text these bytes hold: the scanner's cheapest
 * test, run on the raw bytes of every file so that most files of a monorepo are never decoded.
 */
export function mayBeMcpCode(bytes: Buffer): boolean {
  for (const anchor of MCP_MARKER_ANCHORS) if (bytes.includes(anchor, 0, 'latin1')) return true;
  return false;
}

const CLIENT_MODULE = /@modelcontextprotocol\/(sdk\/client|client)\b|ClientTransport\b/;
const SERVER_MODULE = /@modelcontextprotocol\/(sdk\/server|server|node|express|hono)\b|\bMcpServer\b|ServerTransport\b/;

/**
 * MCP client code that serves nothing (a proxy's or CLI's transport, a browser client): the
 * server codemods do not apply to what it does with sessions and the handshake.
 */
export function isClientOnlyCode(text: string): boolean {
  return CLIENT_MODULE.test(text) && !SERVER_MODULE.test(text);
}
