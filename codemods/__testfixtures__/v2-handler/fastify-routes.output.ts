// A Fastify server that takes the reply over and hands Node's own request and response to the
// transport (trial 55C B1): GET and DELETE on the endpoint go to the handler as well, the same
// way, so that they answer 405 where Fastify answered 404. A route that does not take the reply
// over (`/plain`) gets none: what Fastify does after the handler wrote is not known here.
import Fastify from 'fastify';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

function buildServer() {
  const server = new McpServer({ name: 'fastify', version: '1.0.0' });
  server.registerTool('ping_back', { description: 'Echo' }, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
  return server;
}

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = Fastify();

const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer()));

app.post('/mcp', async (request, reply) => {
  reply.hijack();
  await mcpHandler(request.raw, reply.raw, request.body);
});
app.get('/mcp', async (request, reply) => { reply.hijack(); await mcpHandler(request.raw, reply.raw); });
app.delete('/mcp', async (request, reply) => { reply.hijack(); await mcpHandler(request.raw, reply.raw); });

app.post('/plain', async (request, reply) => {
  await mcpHandler(request.raw, reply.raw, request.body);
});

await app.listen({ port: 3000 });
