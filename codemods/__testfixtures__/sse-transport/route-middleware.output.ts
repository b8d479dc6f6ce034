// The legacy routes run middleware before their handlers (a bearer check, a Host check): the new
// Streamable HTTP route runs them all, or it would serve the tools to anyone who reaches the port.
import express, { NextFunction, Request, Response } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const app = express();
const token = process.env.AUTH_TOKEN;

const requireAuth = (req: Request, res: Response, next: NextFunction) => {
  if (req.headers.authorization === `Bearer ${token}`) return next();
  res.status(401).json({ error: 'authentication required' });
};
const rejectForeignHosts = (req: Request, res: Response, next: NextFunction) => (req.hostname === 'localhost' ? next() : res.status(403).end());

function notesServer(): McpServer {
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  server.registerTool('list_notes', { description: 'The notes' }, async () => ({ content: [{ type: 'text', text: '[]' }] }));
  return server;
}

// Streamable HTTP: a new transport and server for every request (replaces the HTTP+SSE endpoints).
app.post('/mcp', rejectForeignHosts, requireAuth, async (req: Request, res: Response) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
  });
  await notesServer().connect(transport);
  await transport.handleRequest(req, res);
});
// No sessions: no GET stream to open, no session to DELETE.
app.get('/mcp', (_req: Request, res: Response) => {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
});
app.delete('/mcp', (_req: Request, res: Response) => {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
});

app.get('/sse', requireAuth, async (_req: Request, res: Response) => {
  res.status(410).json({ jsonrpc: '2.0', error: { code: -32000, message: 'This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /mcp' }, id: null });
});

app.post('/messages', rejectForeignHosts, requireAuth, async (_req: Request, res: Response) => {
  res.status(410).json({ jsonrpc: '2.0', error: { code: -32000, message: 'This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /mcp' }, id: null });
});

app.listen(3000);
