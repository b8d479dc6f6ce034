// A stateless route that answered JSON, not SSE: createMcpHandler takes responseMode: 'json',
// which shapes the answers to 2026-07-28 requests (its fallback for 2025 clients answers SSE).
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { localhostHostValidation, localhostOriginValidation } from '@modelcontextprotocol/express';

function buildServer(): McpServer {
  const server = new McpServer({ name: 'units', version: '0.3.0' });
  server.registerTool('to_celsius', { description: 'Fahrenheit to Celsius' }, async () => ({ content: [{ type: 'text', text: '21' }] }));
  return server;
}

const app = express();
app.use('/mcp', localhostHostValidation(), localhostOriginValidation());
app.use(express.json());
const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer(), { responseMode: 'json' }));

app.post('/mcp', async (req, res) => {
  await mcpHandler(req, res, req.body);
});
app.get('/mcp', (req, res) => mcpHandler(req, res));
app.delete('/mcp', (req, res) => mcpHandler(req, res));
app.listen(3000, '127.0.0.1');
