// Under --safe-only the loopback guards, a change to review, are left out and marked (trial 66C B2).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const app = express();
app.use(express.json());

const buildServer = () => new McpServer({ name: 'weather', version: '2.1.0' });

app.post('/mcp', async (req, res) => {
  // one transport per request already; only the wiring moves
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    transport.close();
  });
  const server = buildServer();
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3001, 'localhost', () => console.log('listening'));
