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
    const transport = new SSEServerTransport('/messages', res);
    streams[transport.sessionId] = transport;
    await buildServer().connect(transport);
  });
  app.post('/messages', async (req, res) => {
    await streams[req.query.sessionId as string]?.handlePostMessage(req, res, req.body);
  });
  app.listen(port);
}
