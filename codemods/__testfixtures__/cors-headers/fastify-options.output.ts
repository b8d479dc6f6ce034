import cors from '@fastify/cors';
import Fastify from 'fastify';
import { registerMcp } from './mcp.js';

const app = Fastify({ logger: true });

await app.register(cors, {
  origin: ['https://console.example.io'],
  allowedHeaders: 'Content-Type, Mcp-Method, Mcp-Name, MCP-Protocol-Version',
});

// Preflight for the SSE stream endpoint, which keeps its own headers.
app.options('/mcp/stream', async (_req, reply) => {
  return reply.code(204).send();
});

await registerMcp(app);
await app.listen({ port: 3000 });
