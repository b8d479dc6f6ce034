// Trial 73C B2: the refusal of an unknown session written inside the dispatch's branch for a
// request with no transport (`if (!transport) { if (sid) { 404 } ... }`, or in the else of `if (sid
// && map.has(sid))`, or after the early return that served a known session). The branch ran only
// when no transport was found for the id, so `if (sid)` there meant "a session this server does
// not know". Moved out with the branch's content, it refused every request that carries
// Mcp-Session-Id (a gateway that still adds it, a 2025 client holding an id from before the
// deploy): it goes with the dispatch, as the refusal before it does. The last route's 404 is for
// an unknown tenant in the path, no session: it stays.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function buildServer(): McpServer {
  return new McpServer({ name: 'orchard', version: '0.9.0' });
}

const tenants = new Set(['north', 'south']);
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await buildServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.post('/v2/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await buildServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.post('/v3/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await buildServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.post('/t/:tenant/mcp', async (req, res) => {
  if (!tenants.has(req.params.tenant)) {
    res.status(404).json({ error: 'unknown tenant' });
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await buildServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
