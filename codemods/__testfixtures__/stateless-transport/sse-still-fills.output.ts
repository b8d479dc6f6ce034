// Streamable HTTP and a legacy SSE endpoint share one session map. The Streamable HTTP route is
// made stateless; the SSE route still fills the map, and the marker says so (it does not stay
// empty, and removing it now would break the SSE endpoint).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

// TODO(mcp-migrate): transports is still filled by `transports[transport.sessionId] = transport`,
// code this rewrite left as it was: the Streamable HTTP endpoint no longer uses it; it goes when
// that code does
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const transports: Record<string, StreamableHTTPServerTransport | SSEServerTransport> = {};
const buildServer = () => new McpServer({ name: 'dual', version: '1.0.0' });

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await buildServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.get('/sse', async (_req, res) => {
  const transport = new SSEServerTransport('/messages', res);
  transports[transport.sessionId] = transport;
  await buildServer().connect(transport);
});
