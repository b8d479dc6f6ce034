// The guard that serves a known session's transport, written on one line without braces: the
// same early return as with them (trial 19A).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  const server = new McpServer({ name: 'terse', version: '1.0.0' });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
