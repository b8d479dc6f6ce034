// The session dispatch as guard clauses: a known session's transport is returned early, the
// initialize branch builds one from options whose default names a generator and returns what it
// served, and a refusal follows. The early return and the refusal go (the one never finds a
// transport, the other can no longer run), and so does the default's generator.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport, type StreamableHTTPServerTransportOptions } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const transports = new Map<string, StreamableHTTPServerTransport>();

export async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  options: StreamableHTTPServerTransportOptions = { sessionIdGenerator: () => randomUUID() },
) {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId && transports.has(sessionId)) {
    return transports.get(sessionId)!.handleRequest(req, res, body);
  }
  if (isInitializeRequest(body)) {
    const transport = new StreamableHTTPServerTransport({ ...options, sessionIdGenerator: () => randomUUID() });
    const server = new Server({ name: 'tides', version: '1.0.0' }, { capabilities: { tools: {} } });
    await server.connect(transport);
    if (transport.sessionId) transports.set(transport.sessionId, transport);
    else console.warn('no session id');
    return transport.handleRequest(req, res, body);
  }
  res.writeHead(400).end('Bad Request: no valid session');

  // Hoisted: still callable from above, so it stays.
  function describe() {
    return 'tides';
  }
}
