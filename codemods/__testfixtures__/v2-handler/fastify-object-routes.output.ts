// The same Fastify server where the file also declares routes in Fastify's object form (review
// 71): GET /mcp is one of them, and Fastify refuses a route declared twice, so no route is added.
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

app.route({ method: 'GET', url: '/mcp', handler: async () => ({ status: 'ok' }) });

await app.listen({ port: 3000 });
