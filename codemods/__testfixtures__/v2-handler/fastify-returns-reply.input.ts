// A Fastify route that writes the raw reply through the transport and returns the reply (no
// reply.hijack()): served by createMcpHandler, GET and DELETE on its path still get routes that
// answer 405, as with hijack (trial 73C B3).
import Fastify from 'fastify';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function weatherServer() {
  return new McpServer({ name: 'weather', version: '1.0.0' });
}

const app = Fastify();

app.post('/mcp', async (request, reply) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await weatherServer().connect(transport);
  await transport.handleRequest(request.raw, reply.raw, request.body);
  return reply;
});

await app.listen({ port: 3000 });
