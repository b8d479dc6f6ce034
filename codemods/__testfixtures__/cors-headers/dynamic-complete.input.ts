// A list behind `??` that already lists what 2026-07-28 browser clients send, and no
// Mcp-Session-Id: nothing to rewrite and nothing to mark.
const DEFAULT_CORS_HEADERS = ['Content-Type', 'Authorization', 'MCP-Protocol-Version', 'Mcp-Method', 'Mcp-Name'].join(', ');

export function withCors(response: Response, cors: { headers?: string }): Response {
  const headers = new Headers(response.headers);
  headers.set('Access-Control-Allow-Headers', cors.headers ?? DEFAULT_CORS_HEADERS);
  return new Response(response.body, { status: response.status, headers });
}
