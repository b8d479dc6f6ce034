// The transport is built in a helper, not in an if/else dispatch: the codemod makes it stateless
// and marks what a person must rewire.
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export function makeTransport(register: (id: string, t: StreamableHTTPServerTransport) => void): StreamableHTTPServerTransport {
  // TODO(mcp-migrate): session dispatch not recognised: create this transport per request (sessionIdGenerator: undefined), serve the request with it, and remove the session lookup by hand (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  return transport;
}
