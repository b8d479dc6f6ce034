// Look-alike of preminted-entry: the id minted up front and the map entry made by hand, but the
// map is also read by a status route (how many sessions are open). The entry is more than
// bookkeeping here: the transport is left as it was, marked, and nothing else changes.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const open = new Map<string, StreamableHTTPServerTransport>();
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  const known = sid ? open.get(sid) : undefined;
  if (known) {
    await known.handleRequest(req, res, req.body);
    return;
  }
  const id = randomUUID();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => id });
  open.set(id, transport);
  transport.onclose = () => open.delete(id);
  await new McpServer({ name: 'status', version: '1.0.0' }).connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.get('/status', (_req, res) => {
  res.json({ sessions: open.size });
});

app.listen(3000);
