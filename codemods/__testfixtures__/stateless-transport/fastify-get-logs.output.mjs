// The GET stream's handler logs on the request's logger (mcp-chrome): a log line is no work a 405 loses.
import Fastify from 'fastify';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const fastify = Fastify();

const newServer = () => new McpServer({ name: 'fastify-mcp', version: '1.0.0' });

fastify.post('/mcp', async (request, reply) => {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  reply.raw.on('close', () => {
    void transport.close();
  });
  const server = newServer();
  await server.connect(transport);
  await transport.handleRequest(request.raw, reply.raw, request.body);
});

fastify.get('/mcp', async (_request, reply) => {
  return reply.code(405).header('Allow', 'POST').send({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
});

await fastify.listen({ port: 3000 });
