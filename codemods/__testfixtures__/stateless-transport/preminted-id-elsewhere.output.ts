// Look-alikes of method-guard left as they were, marked: in the first route the id minted up front
// is also handed to an audit trail (it means more than a session to the application), in the
// second the transport is filed under another key than the id its generator returns.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { audit } from './audit.js';

const build = () => new McpServer({ name: 'ledger', version: '3.0.0' });

export async function audited(req: http.IncomingMessage, res: http.ServerResponse, sessions: Map<string, StreamableHTTPServerTransport>) {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId) {
    const transport = sessions.get(sessionId);
    if (!transport) {
      res.writeHead(404).end();
      return;
    }
    return transport.handleRequest(req, res);
  }
  if (req.method === 'POST') {
    const sessionId = randomUUID();
    // TODO(mcp-migrate): session dispatch not recognised: create this transport per request
    // (sessionIdGenerator: undefined), serve the request with it, and remove the session lookup by
    // hand
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => sessionId });
    sessions.set(sessionId, transport);
    audit.opened(sessionId, req.socket.remoteAddress);
    await build().connect(transport);
    return transport.handleRequest(req, res);
  }
  res.writeHead(400).end();
}

export async function byUser(req: http.IncomingMessage, res: http.ServerResponse, sessions: Map<string, StreamableHTTPServerTransport>) {
  const user = String(req.headers['x-user'] ?? 'anonymous');
  const existing = sessions.get(user);
  if (existing) return existing.handleRequest(req, res);
  if (req.method === 'POST') {
    const sessionId = randomUUID();
    // TODO(mcp-migrate): session dispatch not recognised: create this transport per request
    // (sessionIdGenerator: undefined), serve the request with it, and remove the session lookup by
    // hand
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => sessionId });
    sessions.set(user, transport);
    await build().connect(transport);
    return transport.handleRequest(req, res);
  }
  res.writeHead(400).end();
}
