import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { auditLog } from './audit.js';
import { streamFor, endSession } from './session-routes.js';

function makeServer(): McpServer {
  return new McpServer({ name: 'ledger', version: '0.3.0' });
}

const app = express();
app.use(express.json());
// TODO(mcp-migrate): live is still used elsewhere, but with per-request transports it stays empty:
// remove the remaining uses and this map
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const live: Record<string, StreamableHTTPServerTransport> = {};

app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await makeServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

// Open the SSE stream for server notifications
app.get('/mcp', streamFor(live));
app.delete('/mcp', endSession(live, { log: true }));
// A factory handed something other than the session map keeps its route.
app.get('/audit', auditLog('ledger'));

app.listen(3000);
