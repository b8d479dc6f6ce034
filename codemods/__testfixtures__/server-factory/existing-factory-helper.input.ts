// A server the application's own factory builds, then handed to a registering helper here: the
// factory is not one fix can call in its place (the helper would not run), so nothing moves and
// the marker names the call.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { registerTools } from './tools.js';

function createMcpServer() {
  return new McpServer({ name: 'x', version: '1.0.0' });
}

const server = createMcpServer();
registerTools(server);

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
