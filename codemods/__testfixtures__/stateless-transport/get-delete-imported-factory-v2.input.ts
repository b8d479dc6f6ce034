import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { auditLog } from './audit.js';
import { streamFor, endSession } from './session-routes.js';

function makeServer(): McpServer {
  return new McpServer({ name: 'ledger', version: '0.3.0' });
}

const app = express();
app.use(express.json());
const live: Record<string, StreamableHTTPServerTransport> = {};

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport = sessionId ? live[sessionId] : undefined;
  if (!transport && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        live[id] = transport!;
      },
    });
    await makeServer().connect(transport);
  }
  if (!transport) {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'No session' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

// Open the SSE stream for server notifications
app.get('/mcp', streamFor(live));
app.delete('/mcp', endSession(live, { log: true }));
// A factory handed something other than the session map keeps its route.
app.get('/audit', auditLog('ledger'));

app.listen(3000);
