// The route builds and connects the server, then serves the request inside an async context it
// opens for the tools (AsyncLocalStorage.run): createMcpHandler's rewrite would drop the context,
// so the route is marked, not rewritten.
import { AsyncLocalStorage } from 'node:async_hooks';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const requestContext = new AsyncLocalStorage<{ token?: string }>();
const app = express();
app.use(express.json());

function calendarServer(): McpServer {
  const server = new McpServer({ name: 'calendar', version: '2.0.0' });
  server.registerTool('today', { description: 'Events today' }, async () => ({ content: [{ type: 'text', text: requestContext.getStore()?.token ? 'events' : 'sign in' }] }));
  return server;
}

app.post('/mcp', async (req, res) => {
  const server = calendarServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await requestContext.run({ token: req.headers.authorization }, async () => {
    await transport.handleRequest(req, res, req.body);
  });
});

app.listen(3000);
