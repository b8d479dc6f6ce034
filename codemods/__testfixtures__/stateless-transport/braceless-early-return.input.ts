// The guard that serves a known session's transport, written on one line without braces: the
// same early return as with them (trial 19A).
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const transports: Record<string, StreamableHTTPServerTransport> = {};
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  if (sid && transports[sid]) return transports[sid].handleRequest(req, res, req.body);
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      transports[id] = transport;
    },
  });
  const server = new McpServer({ name: 'terse', version: '1.0.0' });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
