// A server built inline in the route, its tools registered right there: the registrations move
// into createMcpHandler's factory with it. The second route's tool reads a value of the request
// (the tenant header), so its server cannot be built at module level: left to a person.
import express from 'express';
import { z } from 'zod';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { lookup } from './inventory.js';

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  try {
    const server = new McpServer({ name: 'inventory', version: '1.0.0' });
    // Stock levels, read-only.
    server.registerTool(
      'stock',
      { description: 'Units in stock for a SKU', inputSchema: { sku: z.string() } },
      async ({ sku }) => {
        const units = await lookup(sku);
        return { content: [{ type: 'text', text: `${units}` }] };
      },
    );
    if (process.env.RESTOCK) {
      server.registerTool('restock', { description: 'Order more' }, async () => ({ content: [{ type: 'text', text: 'ordered' }] }));
    } // behind a flag: moves with the rest (trial 19A)
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      transport.close();
      server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  } catch (error) {
    console.error('MCP request failed', error);
    if (!res.headersSent) res.status(500).end();
  }
});

app.post('/tenant/mcp', async (req, res) => {
  const tenant = String(req.headers['x-tenant'] ?? 'default');
  const server = new McpServer({ name: 'tenant', version: '1.0.0' });
  server.registerTool('whoami', { description: 'The tenant' }, async () => ({ content: [{ type: 'text', text: tenant }] }));
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000, '127.0.0.1');
