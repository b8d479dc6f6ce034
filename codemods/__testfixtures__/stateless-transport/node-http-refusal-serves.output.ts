// Look-alike of node-http-refusal-top-level: the branch for every method but POST serves
// something of the application's (a landing page on GET, 204 to a CORS preflight) rather than
// refusing: it stays as it is, and so does the helper it calls (review 88 point 1).
import { createServer, type ServerResponse } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function landing(res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Ledger</h1>');
}

createServer(async (req, res) => {
  if (req.method !== 'POST') {
    if (req.method === 'OPTIONS') res.writeHead(204).end();
    else landing(res);
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'ledger', version: '1.0.0' }).connect(transport);
  await transport.handleRequest(req, res);
}).listen(8080);
