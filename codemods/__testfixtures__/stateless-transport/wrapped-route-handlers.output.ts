// Routes whose inline handlers only hand the request on to named functions (a wrapper arrow that
// catches the promise, a void call, a try/catch): the functions are the routes' handlers, so GET
// and DELETE answer 405 as they would with the functions passed directly.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

function makeServer() {
  const server = new McpServer({ name: 'relay', version: '1.0.0' });
  server.tool('shout', { text: z.string() }, async ({ text }) => ({ content: [{ type: 'text', text: text.toUpperCase() }] }));
  return server;
}

async function onPost(req: express.Request, res: express.Response) {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await makeServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
}

async function onStream(_req: express.Request, res: express.Response) {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
}

async function onEnd(_req: express.Request, res: express.Response) {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
}

const app = express();
app.use(express.json());
app.post('/mcp', (req, res) => {
  onPost(req, res).catch((err) => {
    console.error(err);
    if (!res.headersSent) res.status(500).end();
  });
});
app.get('/mcp', (req, res) => void onStream(req, res));
app.delete('/mcp', async (req, res) => {
  try {
    await onEnd(req, res);
  } catch {
    res.status(500).end();
  }
});
app.listen(3000);
