// The server runs in one of two modes, each with an express app of its own: SSE mode's clients
// cannot reach the /mcp route of the other mode's app, so SSE mode gets a Streamable HTTP route
// of its own (not a 410 naming a path its app does not serve).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const buildServer = () => new McpServer({ name: 'two-modes', version: '1.0.0' });

export function startSseServer(port: number): void {
  const app = express();
  // Streamable HTTP: a new transport and server for every request (replaces the HTTP+SSE endpoints).
  app.post('/mcp', async (req, res) => {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
    });
    await buildServer().connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  // No sessions: no GET stream to open, no session to DELETE.
  app.get('/mcp', (_req, res) => {
    res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
  });
  app.delete('/mcp', (_req, res) => {
    res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
  });

  app.get('/sse', async (_req, res) => {
    res.status(410).json({ jsonrpc: '2.0', error: { code: -32000, message: 'This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /mcp' }, id: null });
  });
  app.post('/messages', async (_req, res) => {
    res.status(410).json({ jsonrpc: '2.0', error: { code: -32000, message: 'This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /mcp' }, id: null });
  });
  app.listen(port);
}

export function startStreamableServer(port: number): void {
  const app = express();
  app.use(express.json());
  app.post('/mcp', async (req, res) => {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await buildServer().connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  app.listen(port);
}
