// The session hook records the transport and, in the same breath, forgets it when it closes: both
// are the map's bookkeeping, which goes with the map (trial 44C: the one line held the move back).
import http from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function createServer() {
  return new McpServer({ name: 'names', version: '1.0.0' });
}

http
  .createServer(async (req, res) => {
    if (req.url?.startsWith('/mcp')) {
      if (req.method !== 'POST') { res.writeHead(405, { 'Content-Type': 'application/json', Allow: 'POST' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null })); return; }
      const server = createServer();
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
      });
      res.on('close', () => {
        void transport.close();
      });
      await server.connect(transport);
      await transport.handleRequest(req, res);
      return;
    }
    res.writeHead(404).end();
  })
  .listen(3000);
