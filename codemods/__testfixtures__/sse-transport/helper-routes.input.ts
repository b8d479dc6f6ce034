// SSE served through helpers of this file, on /sse + /messages and again on /mcp: the /mcp routes
// are the same legacy transport (not "something else"), and the helper shape is left to a person.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

const app = express();
app.use(express.json());
const transports: Record<string, SSEServerTransport> = {};

function createServer() {
  return new McpServer({ name: 'browser', version: '1.0.0' });
}

const handleSseConnection = async (messagesPath: string, req: express.Request, res: express.Response) => {
  const transport = new SSEServerTransport(messagesPath, res);
  transports[transport.sessionId] = transport;
  res.on('close', () => delete transports[transport.sessionId]);
  await createServer().connect(transport);
};

async function handlePostMessage(req: express.Request, res: express.Response) {
  const transport = transports[req.query.sessionId as string];
  if (!transport) {
    res.status(400).send('unknown session');
    return;
  }
  await transport.handlePostMessage(req, res, req.body);
}

// Legacy SSE endpoint
app.get('/sse', (req, res) => handleSseConnection('/messages', req, res));
app.post('/messages', (req, res) => handlePostMessage(req, res));

// Unified endpoint
app.get('/mcp', (req, res) => handleSseConnection('/mcp', req, res));
app.post('/mcp', (req, res) => handlePostMessage(req, res));

app.listen(3000);
