// An Express handler declared Promise<Response | void> (Express's Response) that answers with
// res.sendStatus: its GET/DELETE branch answers 405 through res, not with a web Response.
import express, { type Request, type Response } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const getServer = () => new McpServer({ name: 'x', version: '1' });
const app = express();
app.use(express.json());

async function mcp(req: Request, res: Response): Promise<Response | void> {
  if (req.method === 'GET' || req.method === 'DELETE') {
    res.writeHead(405, { 'Content-Type': 'application/json', Allow: 'POST' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null }));
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await getServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
}
app.use('/mcp', mcp);
app.listen(3000);
