// node:http, the id minted up front also printed when the session opens. The rewrite goes ahead as
// in method-guard, but the id and its log line stay, marked: the line would now print a fresh
// random id on every request, and whether the log still needs it is the owner's call.
import http from 'node:http';
import crypto from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const sessions = new Map<string, StreamableHTTPServerTransport>();

function inventoryServer() {
  return new McpServer({ name: 'inventory', version: '0.4.0' });
}

http
  .createServer(async (req, res) => {
    const sessionId = req.headers['mcp-session-id'];
    if (typeof sessionId === 'string') {
      const known = sessions.get(sessionId);
      if (!known) {
        res.writeHead(404).end('Unknown session');
        return;
      }
      await known.handleRequest(req, res);
      return;
    }
    if (req.method === 'POST') {
      const sessionId = crypto.randomUUID();
      console.error(`[inventory] session ${sessionId} opened`);
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => sessionId });
      sessions.set(sessionId, transport);
      transport.onclose = () => {
        sessions.delete(sessionId);
      };
      await inventoryServer().connect(transport);
      await transport.handleRequest(req, res);
      return;
    }
    res.writeHead(405).end();
  })
  .listen(8080);
