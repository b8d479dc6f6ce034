// One McpServer for everybody: the codemod cannot invent a factory, so it marks the connect.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const server = new McpServer({ name: 'singleton', version: '1.0.0' });

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  // TODO(mcp-migrate): this McpServer is shared by every request, and a v1 server accepts only one connected transport: build a new server per request (move tool registration into a factory) (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
