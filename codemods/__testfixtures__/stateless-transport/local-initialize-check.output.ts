// A hand-written initialize check of the file's own: once the gate goes, nothing calls it, and a
// project built with noUnusedLocals would not compile with it left behind. A helper the route
// still uses stays.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function unrelated(): number {
  return 42;
}

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'notes', version: String(unrelated()) }).connect(transport);
  await transport.handleRequest(req, res, req.body);
});
