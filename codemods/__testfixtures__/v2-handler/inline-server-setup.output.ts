// A server built inline in the route, its tools registered right there: the registrations move
// into createMcpHandler's factory with it. The second route's tool reads a value of the request
// (the tenant header), so its server cannot be built at module level: left to a person.
import express from 'express';
import { z } from 'zod';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport, toNodeHandler } from '@modelcontextprotocol/node';
import { lookup } from './inventory.js';
import { localhostHostValidation, localhostOriginValidation } from '@modelcontextprotocol/express';

const app = express();
app.use('/mcp', localhostHostValidation(), localhostOriginValidation());
app.use(express.json());

const mcpHandler = toNodeHandler(createMcpHandler(() => {
  const server = new McpServer({ name: 'inventory', version: '1.0.0' });
  // Stock levels, read-only.
  server.registerTool(
    'stock',
    { description: 'Units in stock for a SKU', inputSchema: z.object({ sku: z.string() }) },
    async ({ sku }) => {
      const units = await lookup(sku);
      return { content: [{ type: 'text', text: `${units}` }] };
    },
  );
  if (process.env.RESTOCK) {
    server.registerTool('restock', { description: 'Order more' }, async () => ({ content: [{ type: 'text', text: 'ordered' }] }));
  } // behind a flag: moves with the rest (trial 19A)
  return server;
}, { onerror: (error) => console.error('MCP request failed', error) }));

app.post('/mcp', async (req, res) => {
  try {
    await mcpHandler(req, res, req.body);
  } catch (error) {
    console.error('MCP request failed', error);
    if (!res.headersSent) res.status(500).end();
  }
});
app.get('/mcp', (req, res) => mcpHandler(req, res));
app.delete('/mcp', (req, res) => mcpHandler(req, res));

app.post('/tenant/mcp', async (req, res) => {
  const tenant = String(req.headers['x-tenant'] ?? 'default');
  const server = new McpServer({ name: 'tenant', version: '1.0.0' });
  server.registerTool('whoami', { description: 'The tenant' }, async () => ({ content: [{ type: 'text', text: tenant }] }));
  // TODO(mcp-migrate): this server is built from tenant, a value of each request, so the handler
  // could not be written at module level: createMcpHandler's factory is given each request
  // (ctx.requestInfo, ctx.authInfo), so derive tenant there, createMcpHandler((ctx) => ...) at
  // module level, and serve the route with it
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000, '127.0.0.1');
