// Trial 73C B2: a refusal of an unknown session inside the dispatch's branch for a request with no
// transport, that counts the stale id before it answers 404. The count is the application's own,
// so the refusal stays above the per-request transport; its marker says it came from the dispatch
// this rewrite removed and now refuses every request that carries Mcp-Session-Id, not that the
// code was outside a dispatch.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const stale = { count: (id: string) => id.length };
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  // TODO(mcp-migrate): this refusal of a session the server did not know (`sid`) was part of the
  // session dispatch this rewrite removed (it ran only when no transport was found for the
  // request's Mcp-Session-Id); out of the dispatch it refuses every request that carries the
  // header, which a 2026-07-28 server ignores (gateways and 2025 clients still send it). It was
  // left because it also does work of its own (count(...)): keep what must happen per request, and
  // remove the refusal
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  if (sid !== undefined) {
    stale.count(sid);
    res.status(404).json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'tally', version: '1.0.0' }).connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
