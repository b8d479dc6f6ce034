// A Fastify route that writes the raw reply through the transport and returns the reply (no
// reply.hijack()): served by createMcpHandler, GET and DELETE on its path still get routes that
// answer 405, as with hijack (trial 73C B3).
import Fastify from 'fastify';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

function weatherServer() {
  return new McpServer({ name: 'weather', version: '1.0.0' });
}

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = Fastify();

const mcpHandler = toNodeHandler(createMcpHandler(() => weatherServer()));

app.post('/mcp', async (request, reply) => {
  await mcpHandler(request.raw, reply.raw, request.body);
  return reply;
});
app.get('/mcp', async (request, reply) => { reply.hijack(); await mcpHandler(request.raw, reply.raw); });
app.delete('/mcp', async (request, reply) => { reply.hijack(); await mcpHandler(request.raw, reply.raw); });

await app.listen({ port: 3000 });
