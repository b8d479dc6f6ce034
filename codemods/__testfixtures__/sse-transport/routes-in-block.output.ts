// The legacy SSE routes sit in a block at module level (switched off by an environment variable):
// their map goes like a top-level one, and the comment that belonged to the SSE import alone goes
// with it. The comment heading the import group stays.
// Server imports
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
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
  app.get('/sse', async (_req, res) => {
    res.status(410).json({ jsonrpc: '2.0', error: { code: -32000, message: 'This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /mcp' }, id: null });
  });

  app.post('/messages', async (_req, res) => {
    res.status(410).json({ jsonrpc: '2.0', error: { code: -32000, message: 'This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /mcp' }, id: null });
  });
}

if (process.env.STDIO) await getServer().connect(new StdioServerTransport());
app.listen(3000);
