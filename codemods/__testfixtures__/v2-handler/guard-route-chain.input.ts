// An Express app on loopback that serves MCP through a route chain (`app.route('/mcp').post(h)`)
// beside a route of its own: the Host/Origin guards go on /mcp, as for `app.post('/mcp', h)`, so
// /health keeps answering a proxied Host.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const build = () => new McpServer({ name: 'quarry', version: '1.1.0' });

const app = express();
app.use(express.json());

app.get('/health', (_req, res) => res.send('ok'));

app.route('/mcp').post(async (req, res) => {
  const server = build();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3100, '127.0.0.1');
