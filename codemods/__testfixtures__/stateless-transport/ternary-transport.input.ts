// The transport is chosen by a conditional expression and handed back to be kept: the marker goes
// above the statement, not between the condition and its `? new ...` branch.
import { randomUUID } from 'node:crypto';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export function makeTransport(isInit: boolean): StreamableHTTPServerTransport {
  const transport = isInit
    ? new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
      })
    : new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  return transport;
}
