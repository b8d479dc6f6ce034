// Look-alike of node-http-helper: the callback hands the function POSTs to /mcp only, testing the
// method together with the path (review 88 point 6): the function is no node:http callback, so it
// gets no 405 check and its own (dead) refusal stays as it is.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

async function handle(req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'POST') {
    res.writeHead(400).end('no session');
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'ledger', version: '1.4.0' }).connect(transport);
  await transport.handleRequest(req, res);
}

createServer((req, res) => {
  if (req.url === '/mcp' && req.method === 'POST') return void handle(req, res);
  if (req.url === '/mcp') return void res.writeHead(405, { Allow: 'POST' }).end();
  res.writeHead(404).end();
}).listen(8080);
