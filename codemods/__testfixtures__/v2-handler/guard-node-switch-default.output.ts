// node:http on loopback whose switch on the path serves MCP in its default clause: the guard goes
// in that clause alone, the /livez and /readyz cases keep answering a proxied Host (review 85).
import http from 'node:http';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler, localhostHostValidation, localhostOriginValidation } from '@modelcontextprotocol/node';

const newLedger = () => new McpServer({ name: 'ledger', version: '2.1.0' });

const mcpHandler = toNodeHandler(createMcpHandler(() => newLedger()));

const mcpHostGuard = localhostHostValidation();
const mcpOriginGuard = localhostOriginValidation();

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
      if (!mcpHostGuard(req, res) || !mcpOriginGuard(req, res)) return;
      await mcpHandler(req, res);
  }
});
server.listen(8812, 'localhost');
