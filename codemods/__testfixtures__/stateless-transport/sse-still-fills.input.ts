// Streamable HTTP and a legacy SSE endpoint share one session map. The Streamable HTTP route is
// made stateless; the SSE route still fills the map, and the marker says so (it does not stay
// empty, and removing it now would break the SSE endpoint).
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const transports: Record<string, StreamableHTTPServerTransport | SSEServerTransport> = {};
const buildServer = () => new McpServer({ name: 'dual', version: '1.0.0' });

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  const existing = sessionId ? transports[sessionId] : undefined;
  if (existing instanceof StreamableHTTPServerTransport) {
    transport = existing;
  } else {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports[id] = transport;
      },
    });
    await buildServer().connect(transport);
  }
  await transport.handleRequest(req, res, req.body);
});

app.get('/sse', async (_req, res) => {
  const transport = new SSEServerTransport('/messages', res);
  transports[transport.sessionId] = transport;
  await buildServer().connect(transport);
});
