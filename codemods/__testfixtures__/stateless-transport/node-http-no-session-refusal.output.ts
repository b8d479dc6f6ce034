// A node:http callback whose branch for a new session refused anything but POST ("no session"):
// once the transport is built per request, the 405 check ahead of it answers those, so the old
// refusal is dead code that still talks of sessions and goes (trial 58C B2).
import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

createServer(async (request, response) => {
  if (request.method !== 'POST') { response.writeHead(405, { 'Content-Type': 'application/json', Allow: 'POST' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null })); return; }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  response.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'weather', version: '2.1.0' }).connect(transport);
  await transport.handleRequest(request, response);
}).listen(8080);
