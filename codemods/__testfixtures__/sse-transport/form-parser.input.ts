// Only a form parser runs before the routes (for an OAuth token endpoint), and the old POST read
// the JSON-RPC body itself (handlePostMessage(req, res)): the new route lets the transport read it
// too, since req.body is the form parser's empty object for a JSON request (trial 20A).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

const app = express();
app.use(express.urlencoded({ extended: false }));

const transports = new Map<string, SSEServerTransport>();

app.get('/sse', async (_req, res) => {
  const transport = new SSEServerTransport('/messages', res);
  transports.set(transport.sessionId, transport);
  res.on('close', () => transports.delete(transport.sessionId));
  await new McpServer({ name: 'forms', version: '1.0.0' }).connect(transport);
});

app.post('/messages', async (req, res) => {
  const transport = transports.get(String(req.query.sessionId));
  if (transport) await transport.handlePostMessage(req, res);
  else res.status(404).end();
});

app.listen(3000);
