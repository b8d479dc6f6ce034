import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const carts = new Map<string, string[]>();
let closed = 0;
const transports: Record<string, StreamableHTTPServerTransport> = {};
const app = express();
app.use(express.json());

// The close handler cleans the session's cart under the transport's session id: a per-request
// transport never has one, so none of it runs again, and it goes.
app.post('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  let t = sid ? transports[sid] : undefined;
  if (!t && !sid && isInitializeRequest(req.body)) {
    t = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => { transports[id] = t!; },
    });
    t.onclose = () => { if (t!.sessionId) { carts.delete(t!.sessionId); delete transports[t!.sessionId]; } };
    await new McpServer({ name: 'shop', version: '1.0.0' }).connect(t);
  }
  if (!t) { res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null }); return; }
  await t.handleRequest(req, res, req.body);
});

// Work outside that test runs when every request ends: kept, and marked.
app.post('/admin/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  let t = sid ? transports[sid] : undefined;
  if (!t && !sid && isInitializeRequest(req.body)) {
    t = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => { transports[id] = t!; },
    });
    t.onclose = () => { closed++; if (t!.sessionId) { delete transports[t!.sessionId]; } };
    await new McpServer({ name: 'admin', version: '1.0.0' }).connect(t);
  }
  if (!t) { res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null }); return; }
  await t.handleRequest(req, res, req.body);
});

app.listen(3000);
