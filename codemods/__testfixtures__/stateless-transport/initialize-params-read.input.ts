// The branch for a new session reads the initialize request's params: a log line of the client's
// name and a record of its capabilities. Once every request builds a transport, that code would
// run for notifications/initialized and tools/call too, which carry no such params: the read
// throws and every request after initialize answers 500 (trial 34B). The log line goes; the
// record stays under a test for initialize, marked. Express's own route params are not these.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const transports: Record<string, StreamableHTTPServerTransport> = {};
const seenClients = new Set<string>();
const app = express();
app.use(express.json());

app.post('/mcp/:tenant', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  if (sessionId && transports[sessionId]) {
    transport = transports[sessionId];
  } else if (!sessionId && isInitializeRequest(req.body)) {
    console.log('client:', req.body.params.clientInfo.name, 'for', req.params.tenant);
    seenClients.add(`${req.params.tenant}:${req.body.params.clientInfo.name}`);
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports[id] = transport;
      },
    });
    const server = new McpServer({ name: 'tenants', version: '1.0.0' });
    server.registerTool('ping', { description: 'Answers pong' }, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
    await server.connect(transport);
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

app.get('/clients', (_req, res) => {
  res.json([...seenClients]);
});

app.listen(3000);
