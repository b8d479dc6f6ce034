// A node:http callback that hands each request to a function of the file (`void handle(req, res)`),
// which refuses every method but POST with 400 "no session" after its known-session dispatch
// (trial 70C B1): with no session any more, that refusal answers 405 with Allow: POST.
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const build = () => new McpServer({ name: 'ledger', version: '1.4.0' });

async function handle(req: IncomingMessage, res: ServerResponse) {
  // Only a POSTed initialize may start a session.
  if (req.method !== 'POST') { res.writeHead(405, { 'Content-Type': 'application/json', Allow: 'POST' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null })); return; }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await build().connect(transport);
  await transport.handleRequest(req, res);
}

createServer((req, res) => {
  void handle(req, res);
}).listen(8080);
