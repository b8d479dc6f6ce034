// The early-return dispatch through a variable (the session's transport looked up first, then
// tested), a gate that also refuses an unknown session id, and the map kept up to date when the
// transport closes: all of it goes, the transport is built per request and closed with it.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { buildLibraryServer } from './library.js';

const sessions = new Map<string, StreamableHTTPServerTransport>();

export const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const id = req.header('mcp-session-id');
  const existing = id ? sessions.get(id) : undefined;
  if (existing) {
    await existing.handleRequest(req, res, req.body);
    return;
  }
  if (id || !isInitializeRequest(req.body)) {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Send initialize first' }, id: null });
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (sid) => {
      sessions.set(sid, transport);
    },
  });
  transport.onclose = () => {
    if (transport.sessionId) sessions.delete(transport.sessionId);
  };
  await buildLibraryServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});
