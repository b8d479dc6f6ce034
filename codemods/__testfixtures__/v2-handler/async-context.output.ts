// The server is built per request, but connected and served inside an async context the tools
// read: the handler call must stay inside requestContext.run, so the route is marked.
import { AsyncLocalStorage } from 'node:async_hooks';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';

const requestContext = new AsyncLocalStorage<{ apiKey?: string }>();

function createServer(): McpServer {
  const server = new McpServer({ name: 'docs', version: '1.0.0' });
  server.registerTool('whoami', { description: 'The caller' }, async () => ({
    content: [{ type: 'text', text: requestContext.getStore()?.apiKey ? 'known' : 'anonymous' }],
  }));
  return server;
}

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const server = createServer();
  // TODO(mcp-migrate): this transport is connected and served inside a callback (`await
  // requestContext.run({ apiKey: req.header('...`), which createMcpHandler's rewrite would drop:
  // call the createMcpHandler handler inside that callback by hand
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await requestContext.run({ apiKey: req.header('x-api-key') }, async () => {
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
});
app.listen(3000);
