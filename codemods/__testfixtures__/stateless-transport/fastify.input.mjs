import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const fastify = Fastify();
const transports = {};

const newServer = () => new McpServer({ name: 'fastify-mcp', version: '1.0.0' });

fastify.post('/mcp', async (request, reply) => {
  const sessionId = request.headers['mcp-session-id'];
  let transport;
  if (sessionId && transports[sessionId]) {
    transport = transports[sessionId];
  } else if (!sessionId && isInitializeRequest(request.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports[id] = transport;
      },
    });
    const server = newServer();
    await server.connect(transport);
  } else {
    return reply.code(400).send({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: No valid session ID provided' }, id: null });
  }
  await transport.handleRequest(request.raw, reply.raw, request.body);
});

fastify.get('/mcp', async (request, reply) => {
  const transport = transports[request.headers['mcp-session-id']];
  if (!transport) return reply.code(400).send('Invalid or missing session ID');
  // A log line on the request's logger (mcp-chrome) is no work a 405 loses; this comment,
  // naming 405, answers nothing.
  request.raw.on('close', () => {
    request.log.info(`stream closed for session ${request.headers['mcp-session-id']}`);
  });
  await transport.handleRequest(request.raw, reply.raw);
  // The transport took the raw response over: tell fastify not to answer.
  if (!reply.sent) reply.hijack();
});

await fastify.listen({ port: 3000 });
