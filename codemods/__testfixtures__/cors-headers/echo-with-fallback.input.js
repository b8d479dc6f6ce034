// A node:http server's CORS headers (trial 34C): the preflight's requested headers echoed, with a
// list written out as the fallback in a local const. The fallback is rewritten as the list alone
// would be; the echo stays.
import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function applyCors(req, res) {
  // Echo what the browser asks for; a plain request gets the usual list.
  const allow = req.headers['access-control-request-headers'] || 'Content-Type,Authorization,Accept,Last-Event-ID';
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Headers', allow);
}

createServer(async (req, res) => {
  applyCors(req, res);
  if (req.method === 'OPTIONS') return res.writeHead(204).end();
  const server = new McpServer({ name: 'echo-cors', version: '1.0.0' });
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res);
}).listen(3000);
