/**
 * CORS header lists as code writes them, stated once for session-header, cors-allow-list and the
 * cors-headers codemod: the options and headers that hold them, the calls that write them, and the
 * request headers a 2026-07-28 browser client needs them to allow.
 */

/** What a 2026-07-28 client sends that a browser's preflight must allow (2025 lists lack the first two). */
export const MODERN_REQUEST_HEADERS: readonly string[] = ['Mcp-Method', 'Mcp-Name', 'MCP-Protocol-Version'];

/** The modern request headers a list (of header names, any case) does not name. */
export function missingRequestHeaders(listed: readonly string[]): string[] {
  const lower = listed.map((h) => h.trim().toLowerCase());
  return MODERN_REQUEST_HEADERS.filter((h) => !lower.includes(h.toLowerCase()));
}

/**
 * Code that serves MCP over HTTP in the same file as a CORS list: a Streamable HTTP or SSE
 * transport, the v2 handler or its Node adapter. A list there that names none of the MCP request
 * headers (`['Content-Type', 'Authorization']`) also answers the preflight of the MCP endpoint
 * (trial 27B: systemprompt's global cors()).
 */
export function servesMcpOverHttp(text: string): boolean {
  return /\b(StreamableHTTPServerTransport|WebStandardStreamableHTTPServerTransport|SSEServerTransport|createMcpHandler|toNodeHandler)\b/.test(text);
}

/** `Access-Control-Allow-Headers` and `Access-Control-Expose-Headers`, as a header or a key of a headers object. */
export const CORS_HEADER = /^access-control-(allow|expose)-headers$/i;
/** The CORS middlewares' options for those lists (cors's `allowedHeaders`, hono's `allowHeaders`, ...). */
export const CORS_KEYS = /^(allowedHeaders|exposedHeaders|allowHeaders|exposeHeaders|allowed_headers|exposed_headers)$/;
/** Calls that write a header on a response or a Headers object: `res.setHeader(name, value)`, `writeHead(200, {...})`. */
export const HEADER_WRITERS = /^(setHeader|set|header|append|appendHeader|writeHead)$/;
