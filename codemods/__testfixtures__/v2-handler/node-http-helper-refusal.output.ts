// A node:http callback handing each request to a function of the file, which refuses every
// method but POST with 400 "no session" (trial 70C B1): the refusal answers 405 with Allow: POST
// ahead of the handler, as createMcpHandler itself would.
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

const build = () => new McpServer({ name: 'ledger', version: '1.4.0' });

const mcpHandler = toNodeHandler(createMcpHandler(() => build()));

async function handle(req: IncomingMessage, res: ServerResponse) {
  // Only a POSTed initialize may start a session.
  if (req.method !== 'POST') { res.writeHead(405, { 'Content-Type': 'application/json', Allow: 'POST' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null })); return; }
  await mcpHandler(req, res);
}

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
createServer((req, res) => {
  void handle(req, res);
}).listen(8080);
