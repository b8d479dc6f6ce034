// The session dispatch as guard clauses: a known session's transport is returned early, the
// initialize branch builds one from options whose default names a generator and returns what it
// served, and a refusal follows. The early return and the refusal go (the one never finds a
// transport, the other can no longer run), and so does the default's generator.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport, type StreamableHTTPServerTransportOptions } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  options: StreamableHTTPServerTransportOptions = { sessionIdGenerator: undefined },
) {
  const transport = new StreamableHTTPServerTransport({ ...options, sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
  });
  const server = new Server({ name: 'tides', version: '1.0.0' }, { capabilities: { tools: {} } });
  await server.connect(transport);
  return transport.handleRequest(req, res, body);

  // Hoisted: still callable from above, so it stays.
  function describe() {
    return 'tides';
  }
}
