// The transport is chosen by a conditional expression and handed back to be kept: the marker goes
// above the statement, not between the condition and its `? new ...` branch.
import { randomUUID } from 'node:crypto';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export function makeTransport(isInit: boolean): StreamableHTTPServerTransport {
  // TODO(mcp-migrate): session dispatch not recognised: create this transport per request
  // (sessionIdGenerator: undefined), serve the request with it, and remove the session lookup by
  // hand
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  const transport = isInit
    ? new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
      })
    : new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  return transport;
}
