// One McpServer connected to every SSE stream: the codemod cannot invent a factory, so it marks it.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

const server = new McpServer({ name: 'weather', version: '1.0.0' });
server.tool('forecast', async () => ({ content: [{ type: 'text', text: 'sunny' }] }));

const transports: { [id: string]: SSEServerTransport } = {};
const app = express();

app.get('/sse', async (_req, res) => {
  const transport = new SSEServerTransport('/messages', res);
  transports[transport.sessionId] = transport;
  // TODO(mcp-migrate): `server` is one server shared by every SSE stream (an SDK server, McpServer
  // or Server, holds one transport at a time, so concurrent clients already interfere): move its
  // setup into a factory that builds a new server per request, connect that, then run fix again to
  // move the endpoint to Streamable HTTP
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports)
  await server.connect(transport);
});

app.post('/messages', async (req, res) => {
  await transports[req.query.sessionId as string]?.handlePostMessage(req, res);
});

app.listen(3000);
