// The legacy SSE routes sit in a block at module level (switched off by an environment variable):
// their map goes like a top-level one, and the comment that belonged to the SSE import alone goes
// with it. The comment heading the import group stays.
// Server imports
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
// Kept for clients that still speak HTTP+SSE
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
// For local use over stdio
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

const getServer = () => new McpServer({ name: 'blocks', version: '1.0.0' });
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const server = getServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

if (!process.env.NO_SSE) {
  const sseTransports: Record<string, any> = {};

  app.get('/sse', async (_req, res) => {
    const transport = new SSEServerTransport('/messages', res);
    sseTransports[transport.sessionId] = transport;
    res.on('close', () => {
      delete sseTransports[transport.sessionId];
    });
    await getServer().connect(transport);
  });

  app.post('/messages', async (req, res) => {
    const transport = sseTransports[req.query.sessionId as string];
    if (transport) await transport.handlePostMessage(req, res, req.body);
    else res.status(400).send('No transport found for sessionId');
  });
}

if (process.env.STDIO) await getServer().connect(new StdioServerTransport());
app.listen(3000);
