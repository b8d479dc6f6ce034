// Trial 76A B6 on Koa, where Koa does not respond (ctx.respond = false): the refusal of every
// method but POST answered GET and DELETE without a session 400 'no session' through the Node
// response. With the transport stateless there is no session, and 2026-07-28 asks for 405 with
// Allow: POST: the refusal answers that, through the same Node response.
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
    ctx.res.statusCode = 400;
    ctx.res.end('no session');
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => void live.set(id, transport),
  });
  transport.onclose = () => {
    if (transport.sessionId) live.delete(transport.sessionId);
  };
  await glossary().connect(transport);
  await transport.handleRequest(ctx.req, ctx.res);
});

app.listen(4100);
