// The OAuth discovery document of an MCP server, on a fastify plugin of its own: its CORS list
// governs that GET route only, which no MCP request goes through, so nothing is added to it.
import type { FastifyInstance } from 'fastify';
import cors from '@fastify/cors';

export async function wellKnown(app: FastifyInstance) {
  await app.register(cors, {
    origin: true,
    methods: ['GET', 'HEAD', 'OPTIONS'],
    allowedHeaders: ['Content-Type', 'Authorization', 'mcp-protocol-version'],
  });
  app.get('/.well-known/oauth-protected-resource', async () => ({
    resource: 'https://example.com/mcp',
    authorization_servers: ['https://auth.example.com'],
  }));
}
