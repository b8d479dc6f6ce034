// node:http, the id minted up front also printed when the session opens. The rewrite goes ahead as
// in method-guard, but the id and its log line stay, marked: the line would now print a fresh
// random id on every request, and whether the log still needs it is the owner's call.
import http from 'node:http';
import crypto from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function inventoryServer() {
  return new McpServer({ name: 'inventory', version: '0.4.0' });
}

http
  .createServer(async (req, res) => {
    if (req.method === 'POST') {
      const sessionId = crypto.randomUUID();
      // TODO(mcp-migrate): sessionId no longer names a session (the transport is stateless and
      // sends no Mcp-Session-Id): this logs a new random id on every request; log something a
      // request carries instead, or drop it
      // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
      console.error(`[inventory] session ${sessionId} opened`);
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on('close', () => {
        void transport.close();
      });
      await inventoryServer().connect(transport);
      await transport.handleRequest(req, res);
      return;
    }
    res.writeHead(405).end();
  })
  .listen(8080);
