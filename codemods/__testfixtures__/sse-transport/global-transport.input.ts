// The SDK README's SSE shape: one module-level transport, replaced by each new stream, and the
// messages route posting to whichever stream opened last. It moves like the map shape.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

function createServer(): McpServer {
  const server = new McpServer({ name: 'stock', version: '1.0.0' });
  server.registerTool('list_products', { description: 'List the products' }, async () => ({ content: [{ type: 'text', text: 'lamp, desk' }] }));
  return server;
}

let transport: SSEServerTransport;

const app = express();

app.get('/sse', async (req, res) => {
  transport = new SSEServerTransport('/messages', res);
  await createServer().connect(transport);
});

app.post('/messages', async (req, res) => {
  await transport.handlePostMessage(req, res);
});

app.listen(8080, () => {
  console.log('listening on 8080');
});
