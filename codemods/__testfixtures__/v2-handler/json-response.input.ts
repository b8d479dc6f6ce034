// A stateless route that answered JSON, not SSE: createMcpHandler takes responseMode: 'json',
// which shapes the answers to 2026-07-28 requests (its fallback for 2025 clients answers SSE).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function buildServer(): McpServer {
  const server = new McpServer({ name: 'units', version: '0.3.0' });
  server.registerTool('to_celsius', { description: 'Fahrenheit to Celsius' }, async () => ({ content: [{ type: 'text', text: '21' }] }));
  return server;
}

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const server = buildServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  res.on('close', () => {
    void transport.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000, '127.0.0.1');
