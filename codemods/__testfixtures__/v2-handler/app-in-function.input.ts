// The express app is made inside the function that starts the server: the Host/Origin validation
// createMcpHandler lacks goes right after it, where `app` is in scope (at module level, TS2304).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function buildServer(): McpServer {
  const server = new McpServer({ name: 'local-notes', version: '1.0.0' });
  server.registerTool('count', { description: 'How many notes' }, async () => ({ content: [{ type: 'text', text: '3' }] }));
  return server;
}

export async function start(): Promise<void> {
  const app = express();
  app.use(express.json());
  app.post('/mcp', async (req, res) => {
    const server = buildServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  app.listen(3000, '127.0.0.1');
}
