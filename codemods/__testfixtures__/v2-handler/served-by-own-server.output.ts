// One transport connected once in main() and served by an http.createServer callback's own
// requests: a transport shared by every request (shared-server's finding says so), not a route
// serving its request inside a callback. No "served inside a callback" marker.
import http from 'node:http';
import { McpServer } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';

async function main() {
  const server = new McpServer({ name: 'weather', version: '1.0.0' });
  server.registerTool('forecast', { description: 'The forecast' }, async () => ({ content: [{ type: 'text', text: 'sun' }] }));
  const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  http
    .createServer(async (req, res) => {
      await transport.handleRequest(req, res);
    })
    .listen(3000);
}

void main();
