// A defaults object typed to need every option: the emptied expose list stays as an empty string
// (deleting the property would break the type, and the header would be sent as "undefined").
interface CorsOptions {
  origin: string;
  headers: string;
  exposeHeaders: string;
}

const DEFAULTS: Required<CorsOptions> = {
  origin: '*',
  // TODO(mcp-migrate): CORS headers lists Mcp-Session-Id; drop it and list Mcp-Method and Mcp-Name
  // instead (not rewritten automatically)
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  headers: 'content-type, mcp-session-id, mcp-protocol-version',
  exposeHeaders: '',
};

export function corsHeaders(options: Partial<CorsOptions> = {}): Headers {
  const merged = { ...DEFAULTS, ...options };
  return new Headers({
    'Access-Control-Allow-Origin': merged.origin,
    'Access-Control-Allow-Headers': merged.headers,
    'Access-Control-Expose-Headers': merged.exposeHeaders,
  });
}
