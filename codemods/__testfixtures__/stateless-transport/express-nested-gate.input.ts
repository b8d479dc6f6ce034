// Express route whose creating half sits in a guard that also tests there is no session id, the
// initialize test nested inside it and a refusal after the guard: the guard's absence test goes,
// and the branch keeps its `return`, so the refusal never answers after the transport did.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const app = express();
app.use(express.json());
const transports: Record<string, StreamableHTTPServerTransport> = {};

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId && transports[sessionId]) {
    await transports[sessionId].handleRequest(req, res, req.body);
    return;
  }
  if (sessionId === undefined && req.method === 'POST') {
    if (isInitializeRequest(req.body)) {
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          transports[id] = transport;
        },
      });
      const server = new McpServer({ name: 'ledger', version: '1.0.0' });
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
      return;
    }
    console.warn('a request without a session that is not initialize');
  }
  res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: No valid session ID provided' }, id: null });
});

app.listen(3000);
