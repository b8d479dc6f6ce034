// express: the session id is minted before the transport, which the route then files under it by
// hand (no onsessioninitialized), after an early return that serves a known session. The entry is
// the session's bookkeeping: it goes with the generator, the early return, the close handler that
// forgot the id, the id itself and the record; GET and DELETE answer 405.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const transports: Record<string, StreamableHTTPServerTransport> = {};
const app = express();
app.use(express.json());

function atlasServer(): McpServer {
  const server = new McpServer({ name: 'atlas', version: '2.1.0' });
  server.registerTool('ping', { description: 'Answers pong' }, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
  return server;
}

app.post('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  if (sid && transports[sid]) {
    await transports[sid].handleRequest(req, res, req.body);
    return;
  }
  const newId = randomUUID();
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => newId,
    enableJsonResponse: true,
  });
  transports[newId] = transport;
  transport.onclose = () => {
    delete transports[newId];
  };
  await atlasServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.get('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string;
  if (!transports[sid]) {
    res.status(404).end();
    return;
  }
  await transports[sid].handleRequest(req, res);
});

app.listen(3000);
