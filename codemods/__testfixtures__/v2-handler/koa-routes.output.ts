// A Koa router serving POST only (trial 56C B1), handing Node's own request and response on:
// GET and DELETE on the path go to the handler the same way, which answers them 405.
import Koa from 'koa';
import Router from '@koa/router';
import bodyParser from 'koa-bodyparser';
import * as z from 'zod';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
function buildServer() {
  const server = new McpServer({ name: 'koa', version: '1.0.0' });
  server.registerTool('add', { inputSchema: z.object({ a: z.number(), b: z.number() }) }, async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));
  return server;
}

const app = new Koa();
const router = new Router();
const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer()));

router.post('/mcp', async (ctx) => {
  await mcpHandler(ctx.req, ctx.res, ctx.request.body);
});
router.get('/mcp', async (ctx) => { await mcpHandler(ctx.req, ctx.res); });
router.delete('/mcp', async (ctx) => { await mcpHandler(ctx.req, ctx.res); });

app.use(bodyParser());
app.use(router.routes());
app.listen(3000);
