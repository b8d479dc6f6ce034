// Trial 66C B1, the refusal written against the map itself (`if (sessionId &&
// !sessions.has(sessionId))`, answered with `return res.status(404)...`) ahead of an if/else
// dispatch, and the same (`!sessions.get(...) && sessionId`) ahead of the early-return form. With
// transports kept nowhere it would refuse every request that carries Mcp-Session-Id, which a
// stateless server serves: it goes with the dispatch, and the session id read with it.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

function makeServer(): McpServer {
  return new McpServer({ name: 'atlas', version: '2.1.0' });
}

const sessions = new Map<string, StreamableHTTPServerTransport>();
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId && !sessions.has(sessionId)) {
    return res.status(404).json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });
  }
  let transport: StreamableHTTPServerTransport;
  if (sessionId && sessions.has(sessionId)) {
    transport = sessions.get(sessionId)!;
  } else if (!sessionId && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, transport);
      },
    });
    await makeServer().connect(transport);
  } else {
    return res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
  }
  await transport.handleRequest(req, res, req.body);
});

app.post('/admin/mcp', async (req, res) => {
  const sessionId = req.header('mcp-session-id');
  if (sessionId && sessions.has(sessionId)) {
    await sessions.get(sessionId)!.handleRequest(req, res, req.body);
    return;
  }
  if (!sessions.get(sessionId ?? '') && sessionId) {
    res.status(404).json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });
    return;
  }
  if (!isInitializeRequest(req.body)) {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      sessions.set(id, transport);
    },
  });
  await makeServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
