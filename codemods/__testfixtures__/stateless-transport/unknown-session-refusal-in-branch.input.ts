// Trial 73C B2: the refusal of an unknown session written inside the dispatch's branch for a
// request with no transport (`if (!transport) { if (sid) { 404 } ... }`, or in the else of `if (sid
// && map.has(sid))`, or after the early return that served a known session). The branch ran only
// when no transport was found for the id, so `if (sid)` there meant "a session this server does
// not know". Moved out with the branch's content, it refused every request that carries
// Mcp-Session-Id (a gateway that still adds it, a 2025 client holding an id from before the
// deploy): it goes with the dispatch, as the refusal before it does. The last route's 404 is for
// an unknown tenant in the path, no session: it stays.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function buildServer(): McpServer {
  return new McpServer({ name: 'orchard', version: '0.9.0' });
}

const open = new Map<string, StreamableHTTPServerTransport>();
const byTenant = new Map<string, StreamableHTTPServerTransport>();
const tenants = new Set(['north', 'south']);
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  let transport = sid ? open.get(sid) : undefined;
  if (!transport) {
    if (sid) {
      res.status(404).json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });
      return;
    }
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        open.set(id, transport!);
      },
    });
    await buildServer().connect(transport);
  }
  await transport.handleRequest(req, res, req.body);
});

app.post('/v2/mcp', async (req, res) => {
  const sessionId = req.header('mcp-session-id');
  let transport: StreamableHTTPServerTransport;
  if (sessionId && open.has(sessionId)) {
    transport = open.get(sessionId)!;
  } else {
    if (sessionId) return res.status(404).send('unknown session');
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        open.set(id, transport);
      },
    });
    await buildServer().connect(transport);
  }
  await transport.handleRequest(req, res, req.body);
});

app.post('/v3/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  if (sid && open.has(sid)) {
    await open.get(sid)!.handleRequest(req, res, req.body);
    return;
  }
  if (sid) {
    res.writeHead(404).end('Session not found');
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      open.set(id, transport);
    },
  });
  await buildServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.post('/t/:tenant/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  let transport = sid ? byTenant.get(sid) : undefined;
  if (!transport) {
    if (!tenants.has(req.params.tenant)) {
      res.status(404).json({ error: 'unknown tenant' });
      return;
    }
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        byTenant.set(id, transport!);
      },
    });
    await buildServer().connect(transport);
  }
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
