// The same Fastify server where the file also declares routes in Fastify's object form (review
// 71): GET /mcp is one of them, and Fastify refuses a route declared twice, so no route is added.
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

app.route({ method: 'GET', url: '/mcp', handler: async () => ({ status: 'ok' }) });

await app.listen({ port: 3000 });
