// Two node:http listeners in one file (trial 62B B2): the MCP endpoint's list gets the MCP request
// headers; the list of the listener whose server answers WebSocket upgrades and /health only is
// left as it is, as scan reports only the first.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export function startMcp(port: number) {
  return createServer(async (req, res) => {
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization');
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await new McpServer({ name: 'board', version: '1.0.0' }).connect(transport);
    await transport.handleRequest(req, res);
  }).listen(port);
}

const sockets = createServer((req, res) => {
  res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Upgrade, Connection');
  if (req.url === '/health') return void res.writeHead(200).end('ok');
  res.writeHead(426).end('upgrade to a WebSocket at /board');
});
new WebSocketServer({ server: sockets, path: '/board' });
sockets.listen(8090);
