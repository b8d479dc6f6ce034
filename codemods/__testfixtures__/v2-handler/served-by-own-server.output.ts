// One transport connected once in main() and served by an http.createServer callback's own
// requests: a transport shared by every request (shared-server's finding says so), not a route
// serving its request inside a callback. No "served inside a callback" marker.
import http from 'node:http';
import { McpServer } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';

async function main() {
  const server = new McpServer({ name: 'weather', version: '1.0.0' });
  server.registerTool('forecast', { description: 'The forecast' }, async () => ({ content: [{ type: 'text', text: 'sun' }] }));
  // TODO(mcp-migrate): `transport` is one stateless transport built once and shared by every
  // request; it is not built per request because its server `server` is not built by a call of a
  // function that builds one (a factory) next to it: build the server in such a function first.
  // Build the transport and a server per request in each handler (closed when the response ends),
  // then run fix again
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  http
    .createServer(async (req, res) => {
      await transport.handleRequest(req, res);
    })
    .listen(3000);
}

void main();
