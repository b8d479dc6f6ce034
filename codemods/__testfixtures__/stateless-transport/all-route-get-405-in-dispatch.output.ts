// One app.all('/mcp') handler whose session dispatch answers GET with 405 in its last branch: the
// rewrite keeps GET (and DELETE) answered 405, now before the per-request transport.
import express, { type Request, type Response } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const app = express();
app.use(express.json());

app.all('/mcp', async (req: Request, res: Response) => {
  if (req.method !== 'POST') { res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null }); return; }
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'demo', version: '1.0.0' }).connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
