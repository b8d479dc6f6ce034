// An `all` route whose branch for a new session refuses anything but an initialize POST: the guard
// keeps its method test and answers 405, and that is the route's one 405 check (trial 61C B1: a
// second, identical one was added above it).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const app = express();
app.use(express.json());

app.all('/mcp', async (req, res) => {
  if (req.method !== 'POST') {
    res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'ledger', version: '3.0.0' }).connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
