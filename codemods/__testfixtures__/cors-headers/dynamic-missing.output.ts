// A list behind `??` without Mcp-Session-Id that lacks the request headers 2026-07-28 browser
// clients send: the marker names the missing ones only.
const DEFAULT_CORS_HEADERS = ['Content-Type', 'Authorization', 'MCP-Protocol-Version'].join(', ');

export function withCors(response: Response, cors: { headers?: string }): Response {
  const headers = new Headers(response.headers);
  // TODO(mcp-migrate): this CORS header list is built at run time, so it was not rewritten: make
  // sure it lists Mcp-Method and Mcp-Name
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  headers.set('Access-Control-Allow-Headers', cors.headers ?? DEFAULT_CORS_HEADERS);
  return new Response(response.body, { status: response.status, headers });
}
