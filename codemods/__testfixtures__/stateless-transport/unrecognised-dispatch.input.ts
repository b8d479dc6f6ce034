// The transport is built in a helper, not in an if/else dispatch: the codemod makes it stateless
// and marks what a person must rewire.
import { randomUUID } from 'node:crypto';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export function makeTransport(register: (id: string, t: StreamableHTTPServerTransport) => void): StreamableHTTPServerTransport {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => register(id, transport),
  });
  return transport;
}
