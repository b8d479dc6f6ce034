// Trial 76A B6 on Koa, the refusal of every method but POST written in Koa's own idiom (ctx.status,
// ctx.body) before the middleware stops Koa from responding: it answers 405 with Allow: POST in
// that idiom.
import Koa from 'koa';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function glossary(): McpServer {
  return new McpServer({ name: 'glossary', version: '2.0.0' });
}

const app = new Koa();
app.use(async (ctx, next) => {
  if (ctx.path !== '/mcp') return next();
  if (ctx.method !== 'POST') { ctx.set('Allow', 'POST'); ctx.status = 405; ctx.body = { jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null }; return; }
  ctx.respond = false;
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
