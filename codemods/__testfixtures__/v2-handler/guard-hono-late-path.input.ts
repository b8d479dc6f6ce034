// Hono on loopback, its endpoint's path a const declared after the app: the guard, right after the
// app, gets the path's value (the name is not set yet there), on that route alone (trial 66C B2).
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

const app = new Hono();

const ENDPOINT = '/rpc/mcp';

const makeServer = () => new McpServer({ name: 'glossary', version: '1.2.0' });

app.get('/ready', (c) => c.text('ok'));

app.all(ENDPOINT, async (c) => {
  const transport = new WebStandardStreamableHTTPServerTransport();
  await makeServer().connect(transport);
  return transport.handleRequest(c.req.raw);
});

serve({ fetch: app.fetch, port: 8787, hostname: '127.0.0.1' });
