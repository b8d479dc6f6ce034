// A Fastify server that takes the reply over and hands Node's own request and response to the
// transport (trial 55C B1): GET and DELETE on the endpoint go to the handler as well, the same
// way, so that they answer 405 where Fastify answered 404. A route that does not take the reply
// over (`/plain`) gets none: what Fastify does after the handler wrote is not known here.
import Fastify from 'fastify';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function buildServer() {
  const server = new McpServer({ name: 'fastify', version: '1.0.0' });
  server.registerTool('ping_back', { description: 'Echo' }, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
  return server;
}

const app = Fastify();

app.post('/mcp', async (request, reply) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await buildServer().connect(transport);
  reply.hijack();
  await transport.handleRequest(request.raw, reply.raw, request.body);
});

app.post('/plain', async (request, reply) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await buildServer().connect(transport);
  await transport.handleRequest(request.raw, reply.raw, request.body);
});

await app.listen({ port: 3000 });
