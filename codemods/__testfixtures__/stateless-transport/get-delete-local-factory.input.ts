import express, { type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const app = express();
app.use(express.json());
const sessions = new Map<string, StreamableHTTPServerTransport>();

const bySession = (map: Map<string, StreamableHTTPServerTransport>) => async (req: Request, res: Response) => {
  const id = req.headers['mcp-session-id'] as string | undefined;
  const transport = id ? map.get(id) : undefined;
  if (!transport) {
    res.status(404).send('Unknown session');
    return;
  }
  await transport.handleRequest(req, res);
};

app.post('/mcp', async (req, res) => {
  const id = req.headers['mcp-session-id'] as string | undefined;
  let transport = id ? sessions.get(id) : undefined;
  if (!transport && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        sessions.set(sid, transport!);
      },
    });
    await new McpServer({ name: 'notes', version: '1.0.0' }).connect(transport);
  }
  if (!transport) {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'No session' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

app.get('/mcp', bySession(sessions));
app.delete('/mcp', bySession(sessions));

app.listen(3000);
