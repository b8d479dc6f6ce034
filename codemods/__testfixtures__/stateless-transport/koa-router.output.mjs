// Koa with @koa/router and the SDK example's session dispatch: POST finds or builds the
// session's transport, GET serves its stream. The GET route must answer 405 in Koa's own idiom
// (ctx.status, ctx.body), not Hono's c.json(): Koa's context has no json() (trial 34C).
import Koa from 'koa';
import Router from '@koa/router';
import bodyParser from 'koa-bodyparser';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function buildServer() {
  const server = new McpServer({ name: 'koa-notes', version: '1.0.0' });
  server.registerTool('count', { description: 'Counts the notes' }, async () => ({ content: [{ type: 'text', text: '3' }] }));
  return server;
}

const app = new Koa();
const router = new Router();
app.use(bodyParser());

router.post('/mcp', async (ctx) => {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  ctx.res.on('close', () => {
    void transport.close();
  });
  await buildServer().connect(transport);
  ctx.respond = false;
  await transport.handleRequest(ctx.req, ctx.res, ctx.request.body);
});

router.get('/mcp', async (ctx, _next) => {
  ctx.set('Allow', 'POST');
  ctx.status = 405;
  ctx.body = { jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null };
});

app.use(router.routes());
app.listen(3000);
