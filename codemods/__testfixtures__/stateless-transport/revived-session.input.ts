// A transport built per request to resume a session minted on another instance (its server there,
// requests relayed to it): the generator returns the id it is handed. Nothing to rewrite safely;
// the marker says what is wrong, not "dispatch not recognised".
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export function resumeTransport(sessionId: string): StreamableHTTPServerTransport {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => sessionId });
  return transport;
}
