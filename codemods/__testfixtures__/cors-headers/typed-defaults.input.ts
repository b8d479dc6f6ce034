// A defaults object typed to need every option: the emptied expose list stays as an empty string
// (deleting the property would break the type, and the header would be sent as "undefined").
interface CorsOptions {
  origin: string;
  headers: string;
  exposeHeaders: string;
}

const DEFAULTS: Required<CorsOptions> = {
  origin: '*',
  headers: 'content-type, mcp-session-id, mcp-protocol-version',
  exposeHeaders: 'mcp-session-id',
};

export function corsHeaders(options: Partial<CorsOptions> = {}): Headers {
  const merged = { ...DEFAULTS, ...options };
  return new Headers({
    'Access-Control-Allow-Origin': merged.origin,
    'Access-Control-Allow-Headers': merged.headers,
    'Access-Control-Expose-Headers': merged.exposeHeaders,
  });
}
