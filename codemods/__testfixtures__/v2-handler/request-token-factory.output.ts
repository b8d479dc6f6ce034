// The server is built from a value of each request (the caller's token): a module-level
// createMcpHandler cannot pass it to the factory, so the route is marked with where that value
// comes from on the v2 packages. Also where the route serves inside a callback of its own (an
// audit scope, as Figma-Context-MCP's request secrets): the token is still the request's.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';

function getServer(token: string | undefined): McpServer {
  const server = new McpServer({ name: 'deployer', version: '1.0.0' });
  server.registerTool('whoami', { description: 'Who the token belongs to' }, async () => ({ content: [{ type: 'text', text: token ?? 'anonymous' }] }));
  return server;
}

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const token = req.header('authorization')?.replace(/^Bearer /, '');
  const server = getServer(token);
  // TODO(mcp-migrate): this server is built from token, a value of each request, so the handler
  // could not be written at module level: createMcpHandler's factory is given each request
  // (ctx.requestInfo, ctx.authInfo), so derive token there, createMcpHandler((ctx) => ...) at
  // module level, and serve the route with it
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

const audit = { run: async <T>(_who: string | undefined, work: () => Promise<T>): Promise<T> => work() };

app.post('/mcp/audited', async (req, res) => {
  const token = req.header('authorization')?.replace(/^Bearer /, '');
  await audit.run(req.ip, async () => {
    const server = getServer(token);
    // TODO(mcp-migrate): this server is built from token, a value of each request, so the handler
    // could not be written at module level: createMcpHandler's factory is given each request
    // (ctx.requestInfo, ctx.authInfo), so derive token there, createMcpHandler((ctx) => ...) at
    // module level, and serve the route with it
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
});

app.listen(3000);
