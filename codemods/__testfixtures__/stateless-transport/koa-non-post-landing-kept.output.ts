// Look-alike of trial 76A B6 on Koa: what the middleware answers a method other than POST is a page
// of the application's own (200, a hint for people who open the URL), not a refusal of a request
// with no session: it stays as it was.
import Koa from 'koa';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function glossary(): McpServer {
  return new McpServer({ name: 'glossary', version: '2.0.0' });
}

const app = new Koa();
app.use(async (ctx, next) => {
  if (ctx.path !== '/mcp') return next();
  ctx.respond = false;
  if (ctx.method !== 'POST') {
    ctx.res.statusCode = 200;
    ctx.res.end('This is an MCP endpoint: POST JSON-RPC requests to it.');
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  ctx.res.on('close', () => {
    void transport.close();
  });
  await glossary().connect(transport);
  await transport.handleRequest(ctx.req, ctx.res);
});

app.listen(4100);
