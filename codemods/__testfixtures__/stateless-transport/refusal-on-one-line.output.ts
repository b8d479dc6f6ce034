// The refusal after the dispatch logs and answers on one line: both statements go, the space
// between them with them (read-through 62: two neighbours' removals overlapped there, and the
// whole rewrite was given up as too intricate).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function buildServer() {
  return new McpServer({ name: 'x', version: '1.0.0' });
}

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
  });
  const server = buildServer();
  await server.connect(transport);
  return transport.handleRequest(req, res, req.body);
});
app.listen(3000);
