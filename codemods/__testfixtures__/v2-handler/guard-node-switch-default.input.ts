// node:http on loopback whose switch on the path serves MCP in its default clause: the guard goes
// in that clause alone, the /livez and /readyz cases keep answering a proxied Host (review 85).
import http from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const newLedger = () => new McpServer({ name: 'ledger', version: '2.1.0' });
const ledger = newLedger();
const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
await ledger.connect(transport);

const server = http.createServer(async (req, res) => {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { 'access-control-allow-origin': 'http://localhost:5173' }).end();
    return;
  }
  switch (req.url) {
    case '/livez':
    case '/readyz':
      res.end('ok');
      return;
    default:
      await transport.handleRequest(req, res);
  }
});
server.listen(8812, 'localhost');
