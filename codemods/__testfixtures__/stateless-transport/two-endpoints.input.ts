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
const transports: Record<string, StreamableHTTPServerTransport> = {};
const app = express();
app.use(express.json());

app.post('/admin/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  if (sessionId && adminTransports[sessionId]) {
    transport = adminTransports[sessionId];
  } else if (!sessionId && isInitializeRequest(req.body)) {
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
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  if (sessionId && transports[sessionId]) {
    transport = transports[sessionId];
  } else if (!sessionId && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports[id] = transport;
      },
    });
    await buildServer().connect(transport);
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

app.get('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string;
  await transports[sessionId].handleRequest(req, res);
});

app.delete('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string;
  await transports[sessionId].handleRequest(req, res);
});

app.listen(3000);
