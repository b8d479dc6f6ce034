// Koa routes in a module of their own, mounted on the router the application hands in: the file
// imports nothing from Koa, and its GET handler reads only ctx.req and ctx.res. Its 405 is still
// Koa's (ctx.status, ctx.body), not Hono's c.json() (review of trial 34C's fix).
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');

function mount(router) {
  router.post('/mcp', async (ctx) => {
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
    });
    ctx.res.on('close', () => {
      void transport.close();
    });
    await new McpServer({ name: 'k', version: '1.0.0' }).connect(transport);
    ctx.respond = false;
    await transport.handleRequest(ctx.req, ctx.res, ctx.request.body);
  });

  router.get('/mcp', async (ctx) => {
    ctx.set('Allow', 'POST');
    ctx.status = 405;
    ctx.body = { jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null };
  });
}

module.exports = { mount };
