// Trial 76A B6 on Koa, a refusal of every method but POST that answers partly through Koa's
// context and partly through the Node response, where Koa does not respond: which answer reaches
// the client is not plain, so it is marked with what to answer (405, Allow: POST), not rewritten.
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
  ctx.respond = false;
  const sessionId = ctx.get('mcp-session-id');
  const known = sessionId ? live.get(sessionId) : undefined;
  if (known) {
    await known.handleRequest(ctx.req, ctx.res);
    return;
  }
  if (ctx.method !== 'POST') {
    ctx.status = 400;
    ctx.res.end('no session');
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => void live.set(id, transport),
  });
  await glossary().connect(transport);
  await transport.handleRequest(ctx.req, ctx.res);
});

app.listen(4100);
