// The legacy routes run middleware before their handlers (a bearer check, a Host check): the new
// Streamable HTTP route runs them all, or it would serve the tools to anyone who reaches the port.
import express, { NextFunction, Request, Response } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

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

const transports: Record<string, SSEServerTransport> = {};

app.get('/sse', requireAuth, async (_req: Request, res: Response) => {
  const transport = new SSEServerTransport('/messages', res);
  transports[transport.sessionId] = transport;
  res.on('close', () => {
    delete transports[transport.sessionId];
  });
  await notesServer().connect(transport);
});

app.post('/messages', rejectForeignHosts, requireAuth, async (req: Request, res: Response) => {
  const transport = transports[req.query.sessionId as string];
  if (transport) await transport.handlePostMessage(req, res);
  else res.status(400).send('No transport found for sessionId');
});

app.listen(3000);
