// The dispatch fills `transport` (a known session's, or a new one on initialize) and a separate
// check after it refuses a request that got none. Once the transport is built on every request,
// that refusal never runs: it goes with the dispatch.
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
  const server = new McpServer({ name: 'refusal', version: '1.0.0' });
  await server.connect(transport);

  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
