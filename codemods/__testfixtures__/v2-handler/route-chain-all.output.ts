// A route chain whose all() only logs each request and calls next: it answers no method, so GET
// and DELETE are added to the chain and reach the handler after it, which answers them 405
// (trial 67C B1, review 86 point 9).
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

const buildServer = () => new McpServer({ name: 'ledger', version: '5.0.0' });

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = express();
app.use(express.json());

const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer()));

app
  .route('/mcp')
  .all((req, _res, next) => {
    console.log(`${req.method} /mcp`);
    next();
  })
  .post(async (req, res) => {
    await mcpHandler(req, res, req.body);
  })
  .get((req, res) => mcpHandler(req, res))
  .delete((req, res) => mcpHandler(req, res));

app.listen(3000);
