// The endpoint is declared through Express's route chain, `app.route('/mcp').post(...)`: GET and
// DELETE are added to the chain and go to the handler, which answers them 405 with Allow: POST
// (trial 67C B1: the chain got nothing, and they fell through to Express's 404).
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

function buildServer() {
  return new McpServer({ name: 'atlas', version: '2.1.0' });
}

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = express();
app.use(express.json());

const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer()));

app.route('/mcp').post(async (req: express.Request, res: express.Response) => {
  await mcpHandler(req, res, req.body);
}).get((req, res) => mcpHandler(req, res)).delete((req, res) => mcpHandler(req, res));

app.listen(3000);
