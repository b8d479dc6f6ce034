// Trial 76A B6 on Koa, where Koa does not respond (ctx.respond = false): the refusal of every
// method but POST answered GET and DELETE without a session 400 'no session' through the Node
// response. With the transport stateless there is no session, and 2026-07-28 asks for 405 with
// Allow: POST: the refusal answers that, through the same Node response.
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
  if (ctx.method !== 'POST') { ctx.res.writeHead(405, { 'Content-Type': 'application/json', Allow: 'POST' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null })); return; }
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
