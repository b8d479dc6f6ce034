// A node:http callback every method reaches: once its transport is stateless, GET and DELETE answer
// 405 before it is built, after the routing by path (trial 26C).
import http from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

async function onRequest(req: http.IncomingMessage, res: http.ServerResponse) {
  if (req.url !== '/mcp') {
    res.writeHead(404).end();
    return;
  }
  if (req.method !== 'POST') { res.writeHead(405, { 'Content-Type': 'application/json', Allow: 'POST' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null })); return; }
  // One transport per session.
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'clock', version: '1.0.0' }).connect(transport);
  await transport.handleRequest(req, res);
}

http.createServer(onRequest).listen(3000);
