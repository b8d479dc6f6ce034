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

// TODO(mcp-migrate): `transport` is one stateless transport built once and shared by every request;
// it is not built per request because a handler serves through it in a framework shape this rewrite
// does not build for (`await transport.handleRequest(ctx.req, ctx.res)`: the response is not a
// parameter of the handler). Build the transport and a server per request in each handler (closed
// when the response ends), then run fix again
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
await buildServer().connect(transport);

const app = new Koa();
app.use(async (ctx) => {
  if (ctx.path !== '/mcp') return;
  ctx.respond = false;
  await transport.handleRequest(ctx.req, ctx.res);
});
app.listen(3000);
