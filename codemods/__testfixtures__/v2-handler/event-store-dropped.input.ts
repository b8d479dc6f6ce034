// A per-request transport with the SDK examples' InMemoryEventStore (trial 29B): 2026-07-28
// removed stream resumability and createMcpHandler keeps no event store, so the option goes with
// the transport, and the store's import with it (it has no v2 home: kept, the file would import
// both SDK generations, and the next run would hold the package on v1).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { InMemoryEventStore } from '@modelcontextprotocol/sdk/examples/shared/inMemoryEventStore.js';
import { z } from 'zod';

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  server.registerTool('note', { inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, eventStore: new InMemoryEventStore() });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
