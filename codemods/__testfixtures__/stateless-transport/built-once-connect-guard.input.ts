// A stateless transport built once, connected by the first request behind a flag, and served to
// every request: the transport, its server and the connect move into the handler; the guard and
// its flag go with them.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function buildServer(): McpServer {
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  server.registerTool('now', { description: 'The time' }, async () => ({ content: [{ type: 'text', text: new Date().toISOString() }] }));
  return server;
}

const server = buildServer();
const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
let connected = false;

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  // Log every request.
  console.log('mcp request');
  if (!connected) {
    await server.connect(transport);
    connected = true;
  }
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
