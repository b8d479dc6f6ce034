// onsessionclosed that forgets the session and closes its own server (trial 29B): the teardown a
// per-request transport does when its response closes (a log line aside), so it is bookkeeping
// and the dispatch is rewritten.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const buildServer = () => new McpServer({ name: 'notes', version: '1.0.0' });
const live = new Map<string, { server: McpServer; transport: StreamableHTTPServerTransport }>();

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  const known = sid ? live.get(sid) : undefined;
  if (known) return known.transport.handleRequest(req, res, req.body);
  if (sid || !isInitializeRequest(req.body)) return void res.status(400).end();
  const server = buildServer();
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      live.set(id, { server, transport });
    },
    onsessionclosed: async (id) => {
      console.log(`session ${id} closed`);
      live.delete(id);
      await server.close();
    },
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
