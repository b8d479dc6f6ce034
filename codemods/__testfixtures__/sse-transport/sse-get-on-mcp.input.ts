// The SSE stream served on GET /mcp itself: that route answers 405, and only DELETE is added.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

function createNotesServer(): McpServer {
  const server = new McpServer({ name: 'notes', version: '1.2.0' });
  server.tool('count_notes', async () => ({ content: [{ type: 'text', text: '3' }] }));
  return server;
}

// Open streams by session id
const streams: Record<string, SSEServerTransport> = {};

const app = express();
app.use(express.json());

// Each client opens its event stream here.
app.get('/mcp', async (_req, res) => {
  const transport = new SSEServerTransport('/messages', res);
  streams[transport.sessionId] = transport;
  res.on('close', () => {
    delete streams[transport.sessionId];
  });
  const server = createNotesServer();
  await server.connect(transport);
});

// ...and posts its messages here.
app.post('/messages', async (req, res) => {
  const sessionId = req.query.sessionId as string;
  const transport = streams[sessionId];
  if (!transport) {
    res.status(400).send('Unknown session');
    return;
  }
  await transport.handlePostMessage(req, res, req.body);
});

app.listen(3001);
