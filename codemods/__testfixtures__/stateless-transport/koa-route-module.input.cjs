// Koa routes in a module of their own, mounted on the router the application hands in: the file
// imports nothing from Koa, and its GET handler reads only ctx.req and ctx.res. Its 405 is still
// Koa's (ctx.status, ctx.body), not Hono's c.json() (review of trial 34C's fix).
const { randomUUID } = require('node:crypto');
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');
const { isInitializeRequest } = require('@modelcontextprotocol/sdk/types.js');

const transports = new Map();

function mount(router) {
  router.post('/mcp', async (ctx) => {
    const sessionId = ctx.headers['mcp-session-id'];
    let transport = sessionId ? transports.get(sessionId) : undefined;
    if (!transport) {
      if (!isInitializeRequest(ctx.request.body)) {
        ctx.status = 400;
        return;
      }
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => transports.set(id, transport),
      });
      await new McpServer({ name: 'k', version: '1.0.0' }).connect(transport);
    }
    ctx.respond = false;
    await transport.handleRequest(ctx.req, ctx.res, ctx.request.body);
  });

  router.get('/mcp', async (ctx) => {
    const transport = transports.get(ctx.headers['mcp-session-id']);
    await transport.handleRequest(ctx.req, ctx.res);
  });
}

module.exports = { mount };
