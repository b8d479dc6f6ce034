// A route chain, one link per line, that answers GET itself (a 405 of its own): that stays, and
// DELETE alone is added to the chain, on a line of its own as the chain's links are (trial 67C B1).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const createServer = () => new McpServer({ name: 'orchard', version: '0.4.0' });

const app = express();
app.use(express.json());

app
  .route('/mcp')
  .post(async (req, res) => {
    const server = createServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  })
  .get((_req, res) => res.status(405).end());

app.listen(3000);
