// One app handed to two helpers that mount its routes: the /mcp route one of them mounts is the
// Streamable HTTP endpoint the SSE routes point their clients to (no second /mcp route).
import express, { type Express } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const buildServer = () => new McpServer({ name: 'helpers', version: '1.0.0' });

function mountStreamable(app: Express): void {
  app.post('/mcp', async (req, res) => {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await buildServer().connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
}

function mountSse(app: Express): void {
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
}

const app = express();
app.use(express.json());
mountStreamable(app);
mountSse(app);
app.listen(3000);
