// node:http on loopback routing with a switch on the path: the guard goes inside the /mcp case,
// so /status keeps answering a proxied Host (review 85, trial 66C B2).
import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const makeServer = () => new McpServer({ name: 'ledger', version: '2.1.0' });

createServer(async (req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
  switch (pathname) {
    case '/status':
      res.writeHead(200, { 'content-type': 'text/plain' }).end('up');
      break;
    case '/mcp': {
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      await makeServer().connect(transport);
      await transport.handleRequest(req, res);
      break;
    }
    default:
      res.writeHead(404).end();
  }
}).listen(8811, '127.0.0.1');
