// A transport built per request to resume a session minted on another instance (its server there,
// requests relayed to it): the generator returns the id it is handed. Nothing to rewrite safely;
// the marker says what is wrong, not "dispatch not recognised".
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export function resumeTransport(sessionId: string): StreamableHTTPServerTransport {
  // TODO(mcp-migrate): this transport revives a session minted elsewhere (its generator returns the
  // session id it is handed): 2026-07-28 has no session to revive; build the server for the request
  // where it is served, with a stateless transport, and drop the revival and whatever routes
  // requests to the instance that holds the session
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => sessionId });
  return transport;
}
