// The express app is made inside the function that starts the server: the Host/Origin validation
// createMcpHandler lacks goes right after it, where `app` is in scope (at module level, TS2304).
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { localhostHostValidation, localhostOriginValidation } from '@modelcontextprotocol/express';

function buildServer(): McpServer {
  const server = new McpServer({ name: 'local-notes', version: '1.0.0' });
  server.registerTool('count', { description: 'How many notes' }, async () => ({ content: [{ type: 'text', text: '3' }] }));
  return server;
}

const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer()));

export async function start(): Promise<void> {
  const app = express();
  app.use('/mcp', localhostHostValidation(), localhostOriginValidation());
  app.use(express.json());
  app.post('/mcp', async (req, res) => {
    await mcpHandler(req, res, req.body);
  });
  app.get('/mcp', (req, res) => mcpHandler(req, res));
  app.delete('/mcp', (req, res) => mcpHandler(req, res));
  app.listen(3000, '127.0.0.1');
}
