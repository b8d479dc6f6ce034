// A route chain whose all() only logs each request and calls next: it answers no method, so GET
// and DELETE are added to the chain and reach the handler after it, which answers them 405
// (trial 67C B1, review 86 point 9).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const buildServer = () => new McpServer({ name: 'ledger', version: '5.0.0' });

const app = express();
app.use(express.json());

app
  .route('/mcp')
  .all((req, _res, next) => {
    console.log(`${req.method} /mcp`);
    next();
  })
  .post(async (req, res) => {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await buildServer().connect(transport);
    await transport.handleRequest(req, res, req.body);
  });

app.listen(3000);
