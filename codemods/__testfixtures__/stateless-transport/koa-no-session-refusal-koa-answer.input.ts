// Trial 76A B6 on Koa, the refusal of every method but POST written in Koa's own idiom (ctx.status,
// ctx.body) before the middleware stops Koa from responding: it answers 405 with Allow: POST in
// that idiom.
import Koa from 'koa';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const live = new Map<string, StreamableHTTPServerTransport>();

function glossary(): McpServer {
  return new McpServer({ name: 'glossary', version: '2.0.0' });
}

const app = new Koa();
app.use(async (ctx, next) => {
  if (ctx.path !== '/mcp') return next();
  const sessionId = ctx.get('mcp-session-id');
  const known = sessionId ? live.get(sessionId) : undefined;
  if (known) {
    ctx.respond = false;
    await known.handleRequest(ctx.req, ctx.res);
    return;
  }
  if (ctx.method !== 'POST') {
    ctx.status = 400;
    ctx.body = 'no session';
    return;
  }
  ctx.respond = false;
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => void live.set(id, transport),
  });
  await glossary().connect(transport);
  await transport.handleRequest(ctx.req, ctx.res);
});

app.listen(4100);
