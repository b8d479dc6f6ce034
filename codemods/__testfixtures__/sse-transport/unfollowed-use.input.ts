// An SSE endpoint whose handler reads the transport's session id into a local the codemod does
// not follow: marked at the transport, naming the statement that stopped the rewrite.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

const streams = new Map<string, SSEServerTransport>();
const app = express();

app.get('/sse', async (req, res) => {
  const transport = new SSEServerTransport('/messages', res);
  const id = transport.sessionId;
  streams.set(id, transport);
  req.on('close', () => streams.delete(id));
  await new McpServer({ name: 'notes', version: '1.0.0' }).connect(transport);
});

app.post('/messages', async (req, res) => {
  await streams.get(req.query.sessionId as string)?.handlePostMessage(req, res, req.body);
});

app.listen(3000);
