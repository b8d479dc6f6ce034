// The transport is built in a helper of the route and connected by the route itself to one
// module-level server: a transport per request would have concurrent requests lose their answers
// (and recent SDKs refuse a second connect), so the dispatch is left, marked.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const mcp = new McpServer({ name: 'r2', version: '1.0.0' });
const sessions: Record<string, StreamableHTTPServerTransport> = {};
const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  function pick(sid: string | undefined, body: unknown) {
    if (sid && sessions[sid]) return sessions[sid];
    if (isInitializeRequest(body) && !sid) {
      const t = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (id) => { sessions[id] = t; } });
      return t;
    }
    return undefined;
  }
  const sid = req.headers['mcp-session-id'] as string | undefined;
  const t = pick(sid, req.body);
  if (!t) {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'no session' }, id: null });
    return;
  }
  // TODO(mcp-migrate): `mcp` is one server shared by every request: the SDK (v1 from 1.26.0, and
  // the v2 packages) refuses a second connect() while the first transport is open ("Already
  // connected"): a second session, overlapping requests or a client's open GET stream fail; older
  // v1 versions answered one client on another's transport. Build a new server per request (move
  // its setup, the tools and handlers it registers, into a function that builds it, and call that
  // per request), then run fix again
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  if (!sid || !sessions[sid]) await mcp.connect(t);
  await t.handleRequest(req, res, req.body);
});
app.listen(3000);
process.on('SIGINT', async () => {
  await mcp.close();
  process.exit(0);
});
