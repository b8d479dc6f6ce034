// A module-level let the set-up function assigns once, for the route it registers (trial 45B): one
// transport for every request, marked as such. Beside it, a transport the route builds per request
// and serves in a nested callback (review 49): not built once.
import express from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

let httpTransport: StreamableHTTPServerTransport;

export async function createApp() {
  const app = express();
  app.use(express.json());
  const server = new McpServer({ name: 'one', version: '1.0.0' });
  httpTransport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
  await server.connect(httpTransport);
  app.post('/mcp', async (req, res) => {
    await httpTransport.handleRequest(req, res, req.body);
  });
  return app;
}

const requestContext = new AsyncLocalStorage<{ user: string }>();
const app = express();
app.use(express.json());

app.post('/nested', async (req, res) => {
  const server = new McpServer({ name: 'x', version: '1.0.0' });
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
  await server.connect(transport);
  await requestContext.run({ user: String(req.headers['x-user']) }, async () => {
    await transport.handleRequest(req, res, req.body);
  });
});

app.listen(3000);
