// Plain JavaScript: the map has no type, the transport variable gets its value in the branch.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const app = express();
app.use(express.json());

const live = new Map();

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'];
  let active = sessionId ? live.get(sessionId) : undefined;
  if (!active && isInitializeRequest(req.body)) {
    active = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        live.set(id, active);
      },
    });
    const server = new McpServer({ name: 'recipes', version: '0.4.0' });
    await server.connect(active);
  }
  await active.handleRequest(req, res, req.body);
});

app.listen(8080);
