// One app handed to two helpers that mount its routes: the /mcp route one of them mounts is the
// Streamable HTTP endpoint the SSE routes point their clients to (no second /mcp route).
import express, { type Express } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
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
  app.get('/sse', async (_req, res) => {
    res.status(410).json({ jsonrpc: '2.0', error: { code: -32000, message: 'This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /mcp' }, id: null });
  });
  app.post('/messages', async (_req, res) => {
    res.status(410).json({ jsonrpc: '2.0', error: { code: -32000, message: 'This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /mcp' }, id: null });
  });
}

const app = express();
app.use(express.json());
mountStreamable(app);
mountSse(app);
app.listen(3000);
