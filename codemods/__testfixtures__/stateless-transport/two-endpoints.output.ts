// Two MCP endpoints in one file: /admin/mcp sets each session up in onsessioninitialized (left
// as it is, marked), /mcp only keeps its map (rewritten). What the rewritten endpoint no longer
// needs goes; the admin endpoint keeps its map, its GET stream and its DELETE.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { openAuditLog } from './audit.js';

function buildServer(): McpServer {
  return new McpServer({ name: 'two-endpoints', version: '1.0.0' });
}

const adminTransports: Record<string, StreamableHTTPServerTransport> = {};
const app = express();
app.use(express.json());

app.post('/admin/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  if (sessionId && adminTransports[sessionId]) {
    transport = adminTransports[sessionId];
  } else if (!sessionId && isInitializeRequest(req.body)) {
    // TODO(mcp-migrate): onsessioninitialized does more than record the session in the map
    // adminTransports (`await openAuditLog(id)`), and a per-request transport never calls it. Do
    // what of that work each request still needs, then make this transport stateless by hand
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: async (id) => {
        adminTransports[id] = transport;
        await openAuditLog(id);
      },
    });
    await buildServer().connect(transport);
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

app.get('/admin/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string;
  await adminTransports[sessionId].handleRequest(req, res);
});

app.post('/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await buildServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.get('/mcp', async (_req, res) => {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
});

app.delete('/mcp', async (_req, res) => {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
});

app.listen(3000);
