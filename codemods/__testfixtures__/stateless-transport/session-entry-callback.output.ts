// onsessioninitialized builds the session's map entry first, then connects the server: building
// the entry is bookkeeping, the connect is the work the marker names (playwright's http.ts).
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

function buildServer(): McpServer {
  return new McpServer({ name: 'entries', version: '1.0.0' });
}

const sessions = new Map<string, { transport: StreamableHTTPServerTransport; startedAt: number }>();
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  if (sid && sessions.has(sid)) {
    transport = sessions.get(sid)!.transport;
  } else if (!sid && isInitializeRequest(req.body)) {
    // TODO(mcp-migrate): onsessioninitialized does more than record the session in the map sessions
    // (`await buildServer().connect(transport)`), and a per-request transport never calls it. Do
    // that work for each request (build and connect the server there), then make this transport
    // stateless by hand
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: async (id) => {
        const info = { transport, startedAt: Date.now() };
        sessions.set(id, info);
        await buildServer().connect(transport);
      },
    });
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});
