// One McpServer for everybody: the codemod cannot invent a factory, so it marks the connect.
import express from 'express';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import { McpServer } from '@modelcontextprotocol/server';

const server = new McpServer({ name: 'singleton', version: '1.0.0' });

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport: NodeStreamableHTTPServerTransport = new NodeStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  // TODO(mcp-migrate): this McpServer is shared by every request, and a v1 server accepts only one connected transport: build a new server per request (move tool registration into a factory) (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  // TODO(mcp-migrate): createMcpHandler needs a factory that returns a new server per request: move this shared server's setup into a function and pass it to createMcpHandler (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
