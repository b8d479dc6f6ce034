// The application's own route factory is called createMcpHandler (and a local mcpHandler is taken):
// the v2 entry point is imported under another name, and the route made by the factory still gets
// its GET and DELETE answers.
import express from 'express';
import type { Request, Response } from 'express';
import { McpServer, createMcpHandler as createSdkMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

const mcpHandler = { label: 'notes' }; // used in logs

function buildServer(): McpServer {
  const server = new McpServer({ name: mcpHandler.label, version: '0.3.0' });
  server.registerTool('count', { description: 'Counts notes' }, async () => ({ content: [{ type: 'text', text: '3' }] }));
  return server;
}

const mcpHandler2 = toNodeHandler(createSdkMcpHandler(() => buildServer()));

/** Our route factory: one stateless transport per request. */
export function createMcpHandler() {
  return async (req: Request, res: Response) => {
    await mcpHandler2(req, res, req.body);
  };
}

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = express();
app.use(express.json());
app.post('/mcp', createMcpHandler());
app.get('/mcp', (req, res) => mcpHandler2(req, res));
app.delete('/mcp', (req, res) => mcpHandler2(req, res));
app.post('/admin/mcp', createMcpHandler());
app.get('/admin/mcp', (req, res) => mcpHandler2(req, res));
app.delete('/admin/mcp', (req, res) => mcpHandler2(req, res));
app.listen(8080);
