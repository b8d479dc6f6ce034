// The route's dispatch hands initialize requests to a helper that builds the transport and its
// server and returns it (trial 30C): the chain is unwrapped around the helper's one call, and the
// helper's options and map bookkeeping are rewritten where they are; the helper stays.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const live: Record<string, StreamableHTTPServerTransport> = {};

function buildServer(): McpServer {
  const server = new McpServer({ name: 'ledger', version: '2.0.0' });
  server.registerTool('balance', { description: 'Current balance' }, async () => ({ content: [{ type: 'text', text: '42' }] }));
  return server;
}

// One transport, with its own server.
async function openTransport(): Promise<StreamableHTTPServerTransport> {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      live[id] = transport;
    },
  });
  transport.onclose = () => {
    if (transport.sessionId) delete live[transport.sessionId];
  };
  await buildServer().connect(transport);
  return transport;
}

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const id = req.headers['mcp-session-id'] as string | undefined;
  let transport = id ? live[id] : undefined;
  if (!transport && isInitializeRequest(req.body)) {
    transport = await openTransport();
  }
  if (!transport) {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Unknown session' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

app.get('/mcp', async (req, res) => {
  const id = req.headers['mcp-session-id'] as string | undefined;
  const transport = id ? live[id] : undefined;
  if (!transport) {
    res.status(400).send('Unknown session');
    return;
  }
  await transport.handleRequest(req, res);
});

app.listen(3000);
