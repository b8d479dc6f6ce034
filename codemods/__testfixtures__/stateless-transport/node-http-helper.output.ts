// A node:http callback that hands each request to a function of the file (`handle(req, res)`),
// which tests no method: the per-request transport gets the 405 check ahead of it, as it does in
// the callback itself (trial 70C B1).
import http from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
  if (req.method !== 'POST') { res.writeHead(405, { 'Content-Type': 'application/json', Allow: 'POST' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null })); return; }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'atlas', version: '0.9.0' }).connect(transport);
  await transport.handleRequest(req, res);
};

http
  .createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  })
  .listen(8080);
