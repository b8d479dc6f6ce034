import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

interface Entry {
  server: McpServer;
  transport: StreamableHTTPServerTransport;
}
// TODO(mcp-migrate): entries is still used elsewhere, but with per-request transports it stays
// empty: remove the remaining uses and this map
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const entries = new Map<string, Entry>();

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  // Kept so that a failed first request does not leave its entry behind.
  let createdId: string | undefined;
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await server.connect(transport);
  try {
    await transport.handleRequest(req, res, req.body);
  } catch (error) {
    if (createdId) entries.delete(createdId);
    throw error;
  }
});

app.listen(3000);
