// Trial 76A B6 on Koa, a refusal of every method but POST that answers partly through Koa's
// context and partly through the Node response, where Koa does not respond: which answer reaches
// the client is not plain, so it is marked with what to answer (405, Allow: POST), not rewritten.
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
  // TODO(mcp-migrate): this refusal of every method but POST turned away GET and DELETE without a
  // session; with the transport stateless there is none, and 2026-07-28 asks for 405 with Allow:
  // POST: answer that in place of this answer (through the Node response, as Koa does not respond
  // here: ctx.res.writeHead(405, { Allow: 'POST' })), in one idiom
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  if (ctx.method !== 'POST') {
    ctx.status = 400;
    ctx.res.end('no session');
    return;
  }
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
