// The endpoint is declared through Express's route chain, `app.route('/mcp').post(...)`: GET and
// DELETE are added to the chain and go to the handler, which answers them 405 with Allow: POST
// (trial 67C B1: the chain got nothing, and they fell through to Express's 404).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function buildServer() {
  return new McpServer({ name: 'atlas', version: '2.1.0' });
}

const app = express();
app.use(express.json());

app.route('/mcp').post(async (req: express.Request, res: express.Response) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await buildServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
