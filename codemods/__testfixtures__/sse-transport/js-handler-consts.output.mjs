// JavaScript with JSDoc types, the handlers kept in constants: the JSDoc-typed map goes, and a
// handler that constructs the SSE transport is a handler, not a map.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const getServer = () => new McpServer({ name: 'greeter', version: '1.0.0' });
const app = express();

/** @type {(req: import('express').Request, res: import('express').Response) => Promise<void>} */
const sseHandler = async (_req, res) => {
  res.status(410).json({ jsonrpc: '2.0', error: { code: -32000, message: 'This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /mcp' }, id: null });
};

// Streamable HTTP: a new transport and server for every request (replaces the HTTP+SSE endpoints).
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
  });
  await getServer().connect(transport);
  await transport.handleRequest(req, res);
});
// No sessions: no GET stream to open, no session to DELETE.
app.get('/mcp', (_req, res) => {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
});
app.delete('/mcp', (_req, res) => {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
});

app.get('/sse', sseHandler);

/** @type {(req: import('express').Request, res: import('express').Response) => Promise<void>} */
const messageHandler = async (_req, res) => {
  res.status(410).json({ jsonrpc: '2.0', error: { code: -32000, message: 'This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /mcp' }, id: null });
};
app.post('/messages', messageHandler);

app.listen(3018);
