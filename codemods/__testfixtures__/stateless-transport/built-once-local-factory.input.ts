// One stateless transport made at start-up by a factory of this file (trial 57C B1), connected
// once to the server a factory built, and handed every request. The factory builds a new
// transport on every call: the call, the server and the connect move into the handler.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function newTransport() {
  const made = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  made.onerror = (error) => console.error('transport error', error);
  return made;
}

function buildServer() {
  const server = new McpServer({ name: 'local-factory', version: '1.0.0' });
  server.registerTool('ping', { description: 'Answers pong' }, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
  return server;
}

const server = buildServer();
const transport = newTransport();
await server.connect(transport);

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
