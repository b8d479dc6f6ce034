// The branch for a new session logs that it creates one: per request that line would print on
// every request, so it goes with the branch; the route's own request log stays (trial 18C).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  console.log(`POST /mcp ${req.body?.method}`);
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'notes', version: '1.0.0' }).connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
