// node:http on loopback whose callback routes by path: the guard goes first in the /mcp branch,
// so the health check keeps answering a proxied Host (trial 66C B2).
import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const buildServer = () => new McpServer({ name: 'clock', version: '1.0.0' });

createServer(async (req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200).end('ok');
    return;
  }
  if (req.url === '/mcp') {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await buildServer().connect(transport);
    await transport.handleRequest(req, res);
    return;
  }
  res.writeHead(404).end();
}).listen(7070, '127.0.0.1');
