// The session map is made in start() as streamableSessions and handed to handle() as sessions:
// the dispatch in handle() is read through the parameter's name.
import http from 'node:http';
import crypto from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function makeServer() {
  return new McpServer({ name: 'demo', version: '1.0.0' });
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse, sessions: Map<string, StreamableHTTPServerTransport>) {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId) {
    const transport = sessions.get(sessionId);
    if (!transport) {
      res.statusCode = 404;
      res.end('Session not found');
      return;
    }
    return await transport.handleRequest(req, res);
  }
  if (req.method === 'POST') {
    const sessionId = crypto.randomUUID();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => sessionId,
    });
    sessions.set(sessionId, transport);
    await makeServer().connect(transport);
    return await transport.handleRequest(req, res);
  }
  res.statusCode = 400;
  res.end('Invalid request');
}

export function start() {
  const streamableSessions = new Map<string, StreamableHTTPServerTransport>();
  http
    .createServer(async (req, res) => {
      await handle(req, res, streamableSessions);
    })
    .listen(3000);
}
