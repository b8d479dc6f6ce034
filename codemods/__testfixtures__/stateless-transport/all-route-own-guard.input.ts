// An `all` route whose branch for a new session refuses anything but an initialize POST: the guard
// keeps its method test and answers 405, and that is the route's one 405 check (trial 61C B1: a
// second, identical one was added above it).
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const app = express();
app.use(express.json());
const open = new Map<string, StreamableHTTPServerTransport>();

app.all('/mcp', async (req, res) => {
  const id = req.headers['mcp-session-id'] as string | undefined;
  let transport = id ? open.get(id) : undefined;
  if (!transport) {
    if (req.method !== 'POST' || !isInitializeRequest(req.body)) {
      res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Start a session first' }, id: null });
      return;
    }
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        open.set(sid, transport!);
      },
    });
    await new McpServer({ name: 'ledger', version: '3.0.0' }).connect(transport);
  }
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
