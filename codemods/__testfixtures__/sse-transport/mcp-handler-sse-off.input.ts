// Vercel's mcp-handler with its legacy HTTP+SSE endpoints kept on: they go (a change to review,
// clients on /sse must move to /mcp). The Streamable HTTP endpoint and the other options stay, and
// so do another library's option of the same name, a comment and a string that mention it.
import { createMcpHandler } from 'mcp-handler';
import { createSseProxy } from './sse-proxy.js';
import { z } from 'zod';

// Tip: set disableSse: false to keep the old /sse endpoint of the proxy.
export const proxy = createSseProxy({ upstream: 'http://localhost:4000', disableSse: false });
export const help = 'pass { disableSse: false } to the proxy to keep SSE';

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
