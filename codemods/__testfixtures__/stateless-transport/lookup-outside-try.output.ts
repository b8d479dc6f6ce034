// The lookup is declared before a try block and the dispatch sits inside it: the declaration stays
// (`T | undefined`), so the close hook the rewrite adds must not assume the transport is set.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

// TODO(mcp-migrate): transports is still used elsewhere, but with per-request transports it stays
// empty: remove the remaining uses and this map
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const transports: Record<string, StreamableHTTPServerTransport> = {};
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport = sessionId ? transports[sessionId] : undefined;
  try {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
    });
    res.on('close', () => {
      void transport?.close();
    });
    await new McpServer({ name: 'tried', version: '1.0.0' }).connect(transport);
    await transport.handleRequest(req, res, req.body);
  } catch (error) {
    if (!res.headersSent) res.status(500).json({ jsonrpc: '2.0', error: { code: -32603, message: String(error) }, id: null });
  }
});

app.listen(3000);
