// The refusal of every method but POST ahead of the transport, in the node:http callback itself,
// after the known-session dispatch, answering 400 (trial 70C B1): it answers 405 with Allow: POST,
// the path test before it stays as it is.
import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

createServer(async (req, res) => {
  if (req.url !== '/mcp') {
    res.writeHead(404).end();
    return;
  }
  if (req.method !== 'POST') { res.writeHead(405, { 'Content-Type': 'application/json', Allow: 'POST' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null })); return; }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'tides', version: '3.0.0' }).connect(transport);
  await transport.handleRequest(req, res);
}).listen(8080);
