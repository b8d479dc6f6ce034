// The server is built from values local to the functions around the route (a spec path read at
// startup, a token from the request): a module-level createMcpHandler cannot see them, so the
// route is marked instead of rewritten into code that does not compile.
import express from 'express';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import { buildProxy } from './proxy.js';

export function startServer(specPath: string) {
  const app = express();
  app.use(express.json());

  app.post('/mcp', async (req, res) => {
    const token = req.header('authorization');
    // TODO(mcp-migrate): this server is built from specPath (of the code around the route) and
    // token (of each request), so the handler could not be written at module level: create it once
    // where specPath is in scope, outside the route (createMcpHandler((ctx) => ...)), and derive
    // token there from each request (ctx.requestInfo, ctx.authInfo)
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    const transport: NodeStreamableHTTPServerTransport = new NodeStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
    });
    res.on('close', () => {
      void transport.close();
    });
    // TODO(mcp-migrate): buildProxy() now runs for every request (it ran once per session), and
    // building the server waits on it: keep one-time setup it does (schemas, connections, warm-up)
    // out of it, or make sure it is cheap. Whatever the server it builds keeps for later calls (a
    // browser, a current selection) is now gone after each request: keep such state outside the
    // server, behind a handle the tools take
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    const proxy = await buildProxy(specPath, token);
    await proxy.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  return app;
}
