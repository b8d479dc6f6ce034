import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { auditLog } from './audit.js';

function makeServer(): McpServer {
  return new McpServer({ name: 'ledger', version: '0.3.0' });
}

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await makeServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

// GET answers 405: 2026-07-28 has no stream to open.
app.get('/mcp', (_req, res) => {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
});
app.delete('/mcp', (_req, res) => {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
});
// A factory handed something other than the session map keeps its route.
app.get('/audit', auditLog('ledger'));

app.listen(3000);
