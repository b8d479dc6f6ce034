// The low-level Server behind the legacy SSE transport, its handlers set on the server itself.
import express from 'express';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

function createMcpServer() {
  const mcpServer = new Server({ name: 'weather', version: '1.0.0' }, { capabilities: { tools: {} } });
  mcpServer.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [{ name: 'forecast', inputSchema: { type: 'object' } }] }));
  mcpServer.setRequestHandler(CallToolRequestSchema, async () => ({ content: [{ type: 'text', text: 'sunny' }] }));
  return mcpServer;
}

const transports: { [id: string]: SSEServerTransport } = {};
const app = express();

app.get('/sse', async (_req, res) => {
  const transport = new SSEServerTransport('/messages', res);
  transports[transport.sessionId] = transport;
  await createMcpServer().connect(transport);
});

app.post('/messages', async (req, res) => {
  await transports[req.query.sessionId as string]?.handlePostMessage(req, res);
});

app.listen(3001);
