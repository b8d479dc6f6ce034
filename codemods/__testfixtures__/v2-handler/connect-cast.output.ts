// A per-request transport connected through a cast (`as any`, `as unknown as Transport`, trial
// 53C B2): still `connect(transport)`, so the route moves to createMcpHandler.
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import type { Transport } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

function buildServer(): McpServer {
  return new McpServer({ name: 'cast', version: '1.0.0' });
}

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = express();
app.use(express.json());

const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer()));

app.post('/mcp', async (req, res) => {
  await mcpHandler(req, res, req.body);
});
app.get('/mcp', (req, res) => mcpHandler(req, res));
app.delete('/mcp', (req, res) => mcpHandler(req, res));

app.listen(3000);
