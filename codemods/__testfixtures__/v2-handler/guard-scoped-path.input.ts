// Loopback Express app with more than the MCP endpoint: the Host/Origin guards go on the path the
// handler is served on (a const declared before the app, written by its name), so /health and the
// admin API keep answering a proxied Host (trial 66C B2).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const MCP_PATH = '/mcp';

const app = express();
app.use(express.json());

function inventoryServer() {
  return new McpServer({ name: 'inventory', version: '0.4.0' });
}

app.get('/health', (_req, res) => {
  res.json({ ok: true });
});

// A look-alike: its own handler, no MCP.
app.post('/admin/reindex', async (_req, res) => {
  res.status(202).end();
});

app.post(MCP_PATH, async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => transport.close());
  await inventoryServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(Number(process.env.PORT ?? 4100), '127.0.0.1');
