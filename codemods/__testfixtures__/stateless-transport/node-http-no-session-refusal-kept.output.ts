// The same refusal in a callback that routes by the method itself (DELETE answered ahead of the
// dispatch): no 405 check is added there, so the refusal still turns GET away and stays.
import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

createServer(async (request, response) => {
  if (request.method === 'DELETE') {
    response.writeHead(204).end();
    return;
  }
  if (request.method !== 'POST') {
    response.writeHead(400).end('no session yet');
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  response.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'weather', version: '2.1.0' }).connect(transport);
  await transport.handleRequest(request, response);
}).listen(8080);
