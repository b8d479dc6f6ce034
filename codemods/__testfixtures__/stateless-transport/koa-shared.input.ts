// One stateless transport built once and served from a Koa middleware (ctx.req, ctx.res): the
// rewrite builds transports per request only in handlers that take the response as a parameter,
// and the marker says that is why, not that the transport has other uses (trial 21A).
import Koa from 'koa';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function buildServer(): McpServer {
  const server = new McpServer({ name: 'koa-notes', version: '1.0.0' });
  server.registerTool('count', { description: 'Counts the notes' }, async () => ({ content: [{ type: 'text', text: '3' }] }));
  return server;
}

const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
await buildServer().connect(transport);

const app = new Koa();
app.use(async (ctx) => {
  if (ctx.path !== '/mcp') return;
  ctx.respond = false;
  await transport.handleRequest(ctx.req, ctx.res);
});
app.listen(3000);
