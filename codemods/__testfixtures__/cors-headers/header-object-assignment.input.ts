// A per-request handler that writes CORS headers into a result's headers object: the list
// written out, and the same list as the fallback of a configured value (which stays as it is).
type LambdaResult = { statusCode: number; headers: Record<string, string>; body: string };

export function withCors(result: LambdaResult, cors: { allowHeaders?: string; exposeHeaders?: string }): LambdaResult {
  result.headers['access-control-allow-origin'] = '*';
  result.headers['access-control-allow-headers'] = 'Content-Type, Authorization, mcp-session-id';
  // The configured list wins; the written-out one is what a deployment without one gets.
  result.headers['access-control-allow-headers'] =
    cors.allowHeaders ?? result.headers['access-control-allow-headers'] ?? 'Content-Type, mcp-session-id';
  result.headers['access-control-expose-headers'] = cors.exposeHeaders || 'Mcp-Session-Id';
  return result;
}
