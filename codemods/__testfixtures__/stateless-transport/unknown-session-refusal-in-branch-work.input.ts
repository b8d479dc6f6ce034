// Trial 73C B2: a refusal of an unknown session inside the dispatch's branch for a request with no
// transport, that counts the stale id before it answers 404. The count is the application's own,
// so the refusal stays above the per-request transport; its marker says it came from the dispatch
// this rewrite removed and now refuses every request that carries Mcp-Session-Id, not that the
// code was outside a dispatch.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const stale = { count: (id: string) => id.length };
const open: Record<string, StreamableHTTPServerTransport> = {};
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  let transport = sid ? open[sid] : undefined;
  if (!transport) {
    if (sid !== undefined) {
      stale.count(sid);
      res.status(404).json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });
      return;
    }
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        open[id] = transport!;
      },
    });
    await new McpServer({ name: 'tally', version: '1.0.0' }).connect(transport);
  }
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
