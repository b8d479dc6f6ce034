// node:http on loopback routing with a switch on the path: the guard goes inside the /mcp case,
// so /status keeps answering a proxied Host (review 85, trial 66C B2).
import { createServer } from 'node:http';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler, localhostHostValidation, localhostOriginValidation } from '@modelcontextprotocol/node';

const makeServer = () => new McpServer({ name: 'ledger', version: '2.1.0' });

const mcpHandler = toNodeHandler(createMcpHandler(() => makeServer()));

const mcpHostGuard = localhostHostValidation();
const mcpOriginGuard = localhostOriginValidation();

createServer(async (req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
  switch (pathname) {
    case '/status':
      res.writeHead(200, { 'content-type': 'text/plain' }).end('up');
      break;
    case '/mcp': {
      if (!mcpHostGuard(req, res) || !mcpOriginGuard(req, res)) return;
      await mcpHandler(req, res);
      break;
    }
    default:
      res.writeHead(404).end();
  }
}).listen(8811, '127.0.0.1');
