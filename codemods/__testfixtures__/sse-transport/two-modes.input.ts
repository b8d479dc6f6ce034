// The server runs in one of two modes, each with an express app of its own: SSE mode's clients
// cannot reach the /mcp route of the other mode's app, so SSE mode gets a Streamable HTTP route
// of its own (not a 410 naming a path its app does not serve).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const buildServer = () => new McpServer({ name: 'two-modes', version: '1.0.0' });

export function startSseServer(port: number): void {
  const app = express();
  const transports: Record<string, SSEServerTransport> = {};
  app.get('/sse', async (req, res) => {
    const transport = new SSEServerTransport('/messages', res);
    transports[transport.sessionId] = transport;
    res.on('close', () => delete transports[transport.sessionId]);
    await buildServer().connect(transport);
  });
  app.post('/messages', async (req, res) => {
    const transport = transports[req.query.sessionId as string];
    if (!transport) {
      res.status(400).send('unknown session');
      return;
    }
    await transport.handlePostMessage(req, res, req.body);
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
