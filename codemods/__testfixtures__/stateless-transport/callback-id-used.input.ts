import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

interface Entry {
  server: McpServer;
  transport: StreamableHTTPServerTransport;
}
const entries = new Map<string, Entry>();

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  if (sid) {
    const entry = entries.get(sid);
    if (!entry) {
      res.status(404).end();
      return;
    }
    await entry.transport.handleRequest(req, res, req.body);
    return;
  }
  if (!isInitializeRequest(req.body)) {
    res.status(400).end();
    return;
  }
  // Kept to undo the entry, and handed on to the error page.
  let createdId: string | undefined;
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      createdId = id;
      entries.set(id, { server, transport });
    },
  });
  await server.connect(transport);
  try {
    await transport.handleRequest(req, res, req.body);
  } catch (error) {
    if (createdId) entries.delete(createdId);
    res.locals.failedSession = createdId;
    throw error;
  }
});

app.listen(3000);
