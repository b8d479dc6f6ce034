// A route chain that routes every method with all() (here, before POST, to log each request):
// GET and DELETE reach what it routes, so nothing is added to the chain (trial 67C B1).
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
