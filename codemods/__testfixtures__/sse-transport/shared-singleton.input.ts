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
  await server.connect(transport);
});

app.post('/messages', async (req, res) => {
  await transports[req.query.sessionId as string]?.handlePostMessage(req, res);
});

app.listen(3000);
