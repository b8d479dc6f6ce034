// Koa's `ctx.get(...) ?? undefined`: the read alone, deleted once the dispatch no longer uses it
// (trial 71C B4). A read of another header written the same way (`x-trace-id`) is no session id and stays.
import Koa from 'koa';
import Router from '@koa/router';
import bodyParser from 'koa-bodyparser';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

function makeServer() {
  const server = new McpServer({ name: 'tides', version: '0.1.0' });
  server.registerTool('high_tide', { description: 'Next high tide' }, async () => ({ content: [{ type: 'text', text: '14:05' }] }));
  return server;
}

const open: Record<string, StreamableHTTPServerTransport> = {};
const router = new Router();

router.post('/mcp', async (ctx) => {
  const sid = ctx.get('mcp-session-id') ?? undefined;
  const traceId = ctx.get('x-trace-id') || undefined;
  let transport = sid ? open[sid] : undefined;
  if (!transport && isInitializeRequest(ctx.request.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        open[id] = transport!;
      },
    });
    await makeServer().connect(transport);
  }
  if (!transport) {
    ctx.status = 400;
    ctx.body = { jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null };
    return;
  }
  ctx.respond = false;
  await transport.handleRequest(ctx.req, ctx.res, ctx.request.body);
});

const app = new Koa();
app.use(bodyParser());
app.use(router.routes());
app.listen(4200);
