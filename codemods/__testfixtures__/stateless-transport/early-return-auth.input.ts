// An early return that names initialize but guards something else: a new session needs a token.
// It is the application's own check, not the handshake gate, so it stays; the session's early
// return and the gate that refuses what is not initialize go.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const transports = new Map<string, StreamableHTTPServerTransport>();
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sessionId = req.header('mcp-session-id');
  if (sessionId && transports.has(sessionId)) {
    await transports.get(sessionId)!.handleRequest(req, res, req.body);
    return;
  }
  if (isInitializeRequest(req.body) && !req.headers.authorization) {
    res.status(401).json({ jsonrpc: '2.0', error: { code: -32001, message: 'Token required' }, id: null });
    return;
  }
  if (sessionId || !isInitializeRequest(req.body)) {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'No valid session' }, id: null });
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      transports.set(id, transport);
    },
  });
  const server = new McpServer({ name: 'vault', version: '1.0.0' });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
