// A legacy HTTP+SSE endpoint whose log lines say "transport" (trial 35C): what a string says names
// no variable, so the endpoint is rewritten as one without them would be; the stream's log line is
// not carried into POST /mcp, where it would log a GET to /sse for every request.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

const logger = { info: (...args: unknown[]) => console.error(...args) };
const getServer = () => new McpServer({ name: 'logged-sse', version: '1.0.0' });
const app = express();
app.use(express.json());
const transports: Record<string, SSEServerTransport> = {};

app.get('/sse', async (_req, res) => {
  logger.info('Received GET request to /sse (deprecated SSE transport)');
  const transport = new SSEServerTransport('/messages', res);
  transports[transport.sessionId] = transport;
  res.on('close', () => {
    delete transports[transport.sessionId];
  });
  await getServer().connect(transport);
});

app.post('/messages', async (req, res) => {
  logger.info(`message for the transports map`);
  const transport = transports[req.query.sessionId as string];
  if (transport) await transport.handlePostMessage(req, res, req.body);
  else res.status(400).send('No transport found for sessionId');
});

app.listen(3000);
