// The application's own route factory is called createMcpHandler (and a local mcpHandler is taken):
// the v2 entry point is imported under another name, and the route made by the factory still gets
// its GET and DELETE answers.
import express from 'express';
import type { Request, Response } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const mcpHandler = { label: 'notes' }; // used in logs

function buildServer(): McpServer {
  const server = new McpServer({ name: mcpHandler.label, version: '0.3.0' });
  server.registerTool('count', { description: 'Counts notes' }, async () => ({ content: [{ type: 'text', text: '3' }] }));
  return server;
}

/** Our route factory: one stateless transport per request. */
export function createMcpHandler() {
  return async (req: Request, res: Response) => {
    const server = buildServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  };
}

const app = express();
app.use(express.json());
app.post('/mcp', createMcpHandler());
app.post('/admin/mcp', createMcpHandler());
app.listen(8080);
