// A route chain, one link per line, that answers GET itself (a 405 of its own): that stays, and
// DELETE alone is added to the chain, on a line of its own as the chain's links are (trial 67C B1).
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

const createServer = () => new McpServer({ name: 'orchard', version: '0.4.0' });

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = express();
app.use(express.json());

const mcpHandler = toNodeHandler(createMcpHandler(() => createServer()));

app
  .route('/mcp')
  .post(async (req, res) => {
    await mcpHandler(req, res, req.body);
  })
  .get((_req, res) => res.status(405).end())
  .delete((req, res) => mcpHandler(req, res));

app.listen(3000);
