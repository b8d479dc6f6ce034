// An Express handler declared Promise<Response | void> (Express's Response) that answers with
// res.sendStatus: its GET/DELETE branch answers 405 through res, not with a web Response.
import express, { type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const getServer = () => new McpServer({ name: 'x', version: '1' });
const app = express();
app.use(express.json());
const transports = new Map<string, StreamableHTTPServerTransport>();

async function mcp(req: Request, res: Response): Promise<Response | void> {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  if (req.method === 'GET' || req.method === 'DELETE') {
    const t = sid ? transports.get(sid) : undefined;
    if (!t) return res.sendStatus(404);
    return t.handleRequest(req, res);
  }
  let transport = sid ? transports.get(sid) : undefined;
  if (!transport) {
    if (!isInitializeRequest(req.body)) return res.sendStatus(400);
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => { transports.set(id, transport!); },
    });
    await getServer().connect(transport);
  }
  await transport.handleRequest(req, res, req.body);
}
app.use('/mcp', mcp);
app.listen(3000);
