// node:http's createServer imported under another name: the callback is still one every method
// reaches, so non-POST requests answer 405 before the per-request transport is built.
import { createServer as startHttp } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

startHttp(async (req, res) => {
  if (req.method !== 'POST') { res.writeHead(405, { 'Content-Type': 'application/json', Allow: 'POST' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null })); return; }
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'atlas', version: '0.3.0' }).connect(transport);
  await transport.handleRequest(req, res);
}).listen(8080);
