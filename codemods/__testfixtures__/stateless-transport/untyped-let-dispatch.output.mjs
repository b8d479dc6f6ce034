// Plain JavaScript: the map has no type, the transport variable gets its value in the branch.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const active = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void active.close();
  });
  const server = new McpServer({ name: 'recipes', version: '0.4.0' });
  await server.connect(active);
  await active.handleRequest(req, res, req.body);
});

app.listen(8080);
