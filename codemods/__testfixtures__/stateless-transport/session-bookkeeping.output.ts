// Beside the transport map, what the server keeps only to run its sessions: when each was last
// used (for the sweep below) and an idle timer per session. Both go with the map: the callbacks
// that record the session there do nothing more, and the dispatch is rewritten; the sweep, still
// reading the emptied maps, is left for a person (marked).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

// TODO(mcp-migrate): transports is still used elsewhere, but with per-request transports it stays
// empty: remove the remaining uses and this map
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const transports = new Map<string, StreamableHTTPServerTransport>();
// TODO(mcp-migrate): lastActivity is still used elsewhere, but with per-request transports it stays
// empty: remove the remaining uses and this map
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const lastActivity = new Map<string, number>();

setInterval(() => {
  for (const [id, at] of lastActivity) {
    if (Date.now() - at > 3_600_000) transports.get(id)?.close();
  }
}, 60_000);

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'idle', version: '1.0.0' }).connect(transport);
  await transport.handleRequest(req, res, req.body);
});
