// The file answers GET on its endpoint itself (a 405 of its own) and routes no DELETE: DELETE
// alone goes to the handler, which answers it 405 too (trial 49C B2: it fell through to a 404).
// A path whose every method is routed (`app.all`) gets nothing added.
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

function makeServer() {
  return new McpServer({ name: 'ledger', version: '4.0.0' });
}

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = express();
app.use(express.json());

const mcpHandler = toNodeHandler(createMcpHandler(() => makeServer()));

app.post('/mcp', async (req, res) => {
  await mcpHandler(req, res, req.body);
});
app.delete('/mcp', (req, res) => mcpHandler(req, res));

app.get('/mcp', (_req, res) => {
  res.status(405).set('Allow', 'POST').send('POST only');
});

app.post('/admin/mcp', async (req, res) => {
  await mcpHandler(req, res, req.body);
});

app.all('/admin/mcp', (_req, res) => {
  res.status(405).end();
});

app.listen(3000);
