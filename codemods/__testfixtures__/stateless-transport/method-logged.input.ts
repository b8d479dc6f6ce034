// An `all` route that logs each request's method before its session dispatch (trial 35C): the log
// line routes nothing, so the GET that the dispatch's else branch answered 405 still answers 405,
// after the log line, which goes on logging every request.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const getServer = () => new McpServer({ name: 'logged', version: '1.0.0' });
const app = express();
app.use(express.json());
const transports: Record<string, StreamableHTTPServerTransport> = {};

app.all('/mcp', async (req, res) => {
  console.log('request', { method: req.method, path: req.path });
  const sid = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  if (sid && transports[sid]) {
    transport = transports[sid];
  } else if (!sid && req.method === 'POST' && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports[id] = transport;
      },
    });
    await getServer().connect(transport);
  } else {
    if (req.method === 'GET') {
      res.status(405).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed' }, id: null });
      return;
    }
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
