// The session's entry keeps the server connected to the transport and when it started: closing
// the per-request transport closes that server's connection, and the time is plain data, so
// nothing kept beside the transport would outlive the request and the dispatch is rewritten.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const app = express();
app.use(express.json());

const sessions = new Map<string, { transport: StreamableHTTPServerTransport; server: McpServer; startedAt: number }>();

app.post('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  if (sid && sessions.has(sid)) {
    await sessions.get(sid)!.transport.handleRequest(req, res, req.body);
  } else if (!sid && isInitializeRequest(req.body)) {
    const server = new McpServer({ name: 'notes', version: '1.0.0' });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, server, startedAt: Date.now() });
      },
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
  }
});

app.listen(3000);
