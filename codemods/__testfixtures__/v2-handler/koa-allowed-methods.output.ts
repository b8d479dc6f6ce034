// A Koa router whose allowedMethods() already answers other methods (review 73): no GET or
// DELETE route is added; koa-router answers them 405 itself.
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

app.use(bodyParser());
app.use(router.routes());
app.use(router.allowedMethods());
app.listen(3000);
