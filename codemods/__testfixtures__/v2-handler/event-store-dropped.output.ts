// A per-request transport with the SDK examples' InMemoryEventStore (trial 29B): 2026-07-28
// removed stream resumability and createMcpHandler keeps no event store, so the option goes with
// the transport, and the store's import with it (it has no v2 home: kept, the file would import
// both SDK generations, and the next run would hold the package on v1).
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { z } from 'zod';

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = express();
app.use(express.json());

const mcpHandler = toNodeHandler(createMcpHandler(() => {
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  server.registerTool('note', { inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
  return server;
}));

app.post('/mcp', async (req, res) => {
  await mcpHandler(req, res, req.body);
});
app.get('/mcp', (req, res) => mcpHandler(req, res));
app.delete('/mcp', (req, res) => mcpHandler(req, res));

app.listen(3000);
