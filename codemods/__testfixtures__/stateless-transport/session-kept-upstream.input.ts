// A gateway opens an upstream connection for each new session and keeps it beside the transport,
// in a map of its own. Made per request, that connection would be opened on every request and
// closed by nothing (the close hook closes the transport only): the transport is left as it was,
// and the call that opens the upstream is marked. Its GET stream and DELETE stay with it.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { forward, openUpstream } from './upstream.js';

const app = express();
app.use(express.json());

const sessions = new Map<string, StreamableHTTPServerTransport>();
const upstreams = new Map<string, Transport>();

app.post('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  if (sid && sessions.has(sid)) {
    await sessions.get(sid)!.handleRequest(req, res, req.body);
  } else if (!sid && isInitializeRequest(req.body)) {
    const upstream = await openUpstream(String(req.query.server));
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, transport);
        upstreams.set(id, upstream);
      },
    });
    forward(transport, upstream);
    await transport.handleRequest(req, res, req.body);
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
  }
});

app.get('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string;
  const transport = sessions.get(sid);
  if (!transport) {
    res.status(404).end();
    return;
  }
  await transport.handleRequest(req, res);
});

app.delete('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string;
  await upstreams.get(sid)?.close();
  upstreams.delete(sid);
  sessions.delete(sid);
  res.status(204).end();
});

app.listen(3000);
