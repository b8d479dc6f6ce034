// A per-request transport connected through a cast (`as any`, `as unknown as Transport`, trial
// 53C B2): still `connect(transport)`, so the route moves to createMcpHandler.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';

function buildServer(): McpServer {
  return new McpServer({ name: 'cast', version: '1.0.0' });
}

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const server = buildServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport as unknown as Transport);
  await (transport as StreamableHTTPServerTransport).handleRequest(req, res, req.body);
});

app.listen(3000);
