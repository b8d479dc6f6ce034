// The session dispatch keeps the map after connect() behind a test of the session id, with an else
// that only logs (gone with the map: it would log on every request) and, in the second endpoint,
// an else that answers the request (it would run on every request: marked).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const transports: Map<string, StreamableHTTPServerTransport> = new Map();

export async function handle(req: IncomingMessage, res: ServerResponse, body: unknown) {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport | undefined;
  if (sessionId && transports.has(sessionId)) {
    transport = transports.get(sessionId)!;
    await transport.handleRequest(req, res, body);
  } else if (isInitializeRequest(body)) {
    transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
    const server = new Server({ name: 'tides', version: '1.0.0' }, { capabilities: { tools: {} } });
    await server.connect(transport);
    // Remember the session for its next request.
    if (transport.sessionId) {
      transports.set(transport.sessionId, transport);
    } else {
      console.warn('transport initialized without a session ID');
    }
    return transport.handleRequest(req, res, body);
  } else {
    res.writeHead(400).end('No valid session ID');
  }
}

const admin: Map<string, StreamableHTTPServerTransport> = new Map();

export async function handleAdmin(req: IncomingMessage, res: ServerResponse, body: unknown) {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport | undefined;
  if (sessionId && admin.has(sessionId)) {
    transport = admin.get(sessionId)!;
    await transport.handleRequest(req, res, body);
  } else if (isInitializeRequest(body)) {
    transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
    const server = new Server({ name: 'tides-admin', version: '1.0.0' }, { capabilities: { tools: {} } });
    await server.connect(transport);
    if (transport.sessionId) {
      admin.set(transport.sessionId, transport);
    } else {
      res.writeHead(500).end('no session');
      return;
    }
    await transport.handleRequest(req, res, body);
  } else {
    res.writeHead(400).end('No valid session ID');
  }
}
