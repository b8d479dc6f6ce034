// One stateless transport made at start-up by a factory of this file (trial 57C B1), connected
// once to a server built at module level, not by a factory: the rewrite cannot build that server
// per request, so the transport stays, marked where it is made, as a `new` written there would.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const newTransport = () => new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });

const server = new McpServer({ name: 'held', version: '1.0.0' });
server.registerTool('ping', { description: 'Answers pong' }, async () => ({ content: [{ type: 'text', text: 'pong' }] }));

const transport = newTransport();
await server.connect(transport);

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
