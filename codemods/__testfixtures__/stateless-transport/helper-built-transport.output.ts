// The route's dispatch hands initialize requests to a helper that builds the transport and its
// server and returns it (trial 30C): the chain is unwrapped around the helper's one call, and the
// helper's options and map bookkeeping are rewritten where they are; the helper stays.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function buildServer(): McpServer {
  const server = new McpServer({ name: 'ledger', version: '2.0.0' });
  server.registerTool('balance', { description: 'Current balance' }, async () => ({ content: [{ type: 'text', text: '42' }] }));
  return server;
}

// One transport, with its own server.
async function openTransport(): Promise<StreamableHTTPServerTransport> {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  await buildServer().connect(transport);
  return transport;
}

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport = await openTransport();
  res.on('close', () => {
    void transport.close();
  });
  await transport.handleRequest(req, res, req.body);
});

app.get('/mcp', async (_req, res) => {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
});

app.listen(3000);
