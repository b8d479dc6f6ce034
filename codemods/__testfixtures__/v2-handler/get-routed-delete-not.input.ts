// The file answers GET on its endpoint itself (a 405 of its own) and routes no DELETE: DELETE
// alone goes to the handler, which answers it 405 too (trial 49C B2: it fell through to a 404).
// A path whose every method is routed (`app.all`) gets nothing added.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function makeServer() {
  return new McpServer({ name: 'ledger', version: '4.0.0' });
}

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const server = makeServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.get('/mcp', (_req, res) => {
  res.status(405).set('Allow', 'POST').send('POST only');
});

app.post('/admin/mcp', async (req, res) => {
  const server = makeServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.all('/admin/mcp', (_req, res) => {
  res.status(405).end();
});

app.listen(3000);
