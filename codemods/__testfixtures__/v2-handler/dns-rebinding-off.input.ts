// The same lists with the protection off (review 70): they check nothing, so the route moves to
// createMcpHandler, and each option is marked as one it has no equivalent for.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const build = () => new McpServer({ name: 'local', version: '1.0.0' });

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const server = build();
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableDnsRebindingProtection: false,
    allowedHosts: ['127.0.0.1:4401', 'localhost:4401'],
    allowedOrigins: ['http://localhost:4401'],
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(4401);
