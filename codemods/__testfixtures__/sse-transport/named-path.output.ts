// The stream's route takes its path from a parameter: which path to retire is not known here, so
// the endpoint is marked, saying so, and left as it is.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

const buildServer = () => new McpServer({ name: 'charts', version: '1.0.0' });

export function serve(path = '/sse', port = 3001) {
  const app = express();
  const streams: Record<string, SSEServerTransport> = {};
  app.get(path, async (_req, res) => {
    // TODO(mcp-migrate): legacy HTTP+SSE endpoint (sessionful; it can never serve 2026-07-28) on a
    // route whose path is `path`, not written out, so this codemod cannot tell which path to
    // retire: write the path as a string (`app.get('/sse', ...)`) and run fix again, or serve
    // Streamable HTTP instead, one POST endpoint with a new StreamableHTTPServerTransport({
    // sessionIdGenerator: undefined }) and a new server per request, and answer the old SSE paths
    // with 410 naming it
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports)
    const transport = new SSEServerTransport('/messages', res);
    streams[transport.sessionId] = transport;
    await buildServer().connect(transport);
  });
  app.post('/messages', async (req, res) => {
    await streams[req.query.sessionId as string]?.handlePostMessage(req, res, req.body);
  });
  app.listen(port);
}
