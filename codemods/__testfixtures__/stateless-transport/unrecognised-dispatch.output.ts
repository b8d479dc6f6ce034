// The transport is built in a helper and handed back to be kept, not in an if/else dispatch the
// codemod can unwrap: making it stateless alone would get it reused across requests (which the SDK
// refuses), so the file is left as it is and marked for a person.
import { randomUUID } from 'node:crypto';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export function makeTransport(register: (id: string, t: StreamableHTTPServerTransport) => void): StreamableHTTPServerTransport {
  // TODO(mcp-migrate): session dispatch not recognised: create this transport per request
  // (sessionIdGenerator: undefined), serve the request with it, and remove the session lookup by
  // hand
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => register(id, transport),
  });
  return transport;
}
