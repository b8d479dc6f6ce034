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
    // TODO(mcp-migrate): `openUpstream(String(req.query.server))` runs once per session here, and
    // the session keeps what it makes (upstream, in upstreams, by session id): with a per-request
    // transport it would run on every request, and nothing would close or reuse what it opens (a
    // child process, a connection: one left open per request), so this transport was left as it
    // was. Make it per request and close it when the response closes, or, if it holds nothing of
    // one client's (a pool, an API client), share one across requests; what a client puts in it
    // (connections it adds, credentials it gives) goes in a shared store under a handle the tools
    // take, never in one object every request shares. Stop keeping it in upstreams; then run fix
    // again
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
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
