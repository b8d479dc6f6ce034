// The refusal after the dispatch logs and answers on one line: both statements go, the space
// between them with them (read-through 62: two neighbours' removals overlapped there, and the
// whole rewrite was given up as too intricate).
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

function buildServer() {
  return new McpServer({ name: 'x', version: '1.0.0' });
}

const transports: Record<string, StreamableHTTPServerTransport> = {};
const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId && transports[sessionId]) {
    return transports[sessionId].handleRequest(req, res, req.body);
  } else if (!sessionId && isInitializeRequest(req.body)) {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (id) => { transports[id] = transport; } });
    const server = buildServer();
    await server.connect(transport);
    return transport.handleRequest(req, res, req.body);
  }
  console.warn('bad request'); res.status(400).json({ error: 'bad' });
});
app.listen(3000);
