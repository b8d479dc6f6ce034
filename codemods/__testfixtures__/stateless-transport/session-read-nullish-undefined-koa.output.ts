// Koa's `ctx.get(...) ?? undefined`: the read alone, deleted once the dispatch no longer uses it
// (trial 71C B4). A read of another header written the same way (`x-trace-id`) is no session id and stays.
import Koa from 'koa';
import Router from '@koa/router';
import bodyParser from 'koa-bodyparser';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function makeServer() {
  const server = new McpServer({ name: 'tides', version: '0.1.0' });
  server.registerTool('high_tide', { description: 'Next high tide' }, async () => ({ content: [{ type: 'text', text: '14:05' }] }));
  return server;
}

const router = new Router();

router.post('/mcp', async (ctx) => {
  const traceId = ctx.get('x-trace-id') || undefined;
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  ctx.res.on('close', () => {
    void transport.close();
  });
  await makeServer().connect(transport);
  ctx.respond = false;
  await transport.handleRequest(ctx.req, ctx.res, ctx.request.body);
});

const app = new Koa();
app.use(bodyParser());
app.use(router.routes());
app.listen(4200);
