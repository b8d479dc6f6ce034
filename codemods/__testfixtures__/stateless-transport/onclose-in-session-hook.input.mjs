// The session hook records the transport and, in the same breath, forgets it when it closes: both
// are the map's bookkeeping, which goes with the map (trial 44C: the one line held the move back).
import http from 'node:http';
import crypto from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function createServer() {
  return new McpServer({ name: 'names', version: '1.0.0' });
}

const sessions = new Map();

http
  .createServer(async (req, res) => {
    if (req.url?.startsWith('/mcp')) {
      const sessionId = req.headers['mcp-session-id'];
      let transport;
      if (sessionId && sessions.has(sessionId)) {
        transport = sessions.get(sessionId);
      } else if (!sessionId && req.method === 'POST') {
        const server = createServer();
        transport = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => crypto.randomUUID(),
          onsessioninitialized: (id) => {
            sessions.set(id, transport);
            transport.onclose = () => sessions.delete(id);
          },
        });
        await server.connect(transport);
      } else {
        res.writeHead(400).end('unknown session');
        return;
      }
      await transport.handleRequest(req, res);
      return;
    }
    res.writeHead(404).end();
  })
  .listen(3000);
