// Early returns, then one guard that refuses all but a POSTed initialize carrying a token (trial
// 25A): the initialize and session-id tests go, the route's own test stays and now runs on every
// request (a change to review); a guard of the method only is safe.
import express, { type Request, type Response } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const app = express();
app.use(express.json());

app.post('/mcp', async (req: Request, res: Response) => {
  if (!req.headers.authorization) {
    res.status(401).json({ error: 'unauthorized' });
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  const server = new McpServer({ name: 'guarded', version: '1.0.0' });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
