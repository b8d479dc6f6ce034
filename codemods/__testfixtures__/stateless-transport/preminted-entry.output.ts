// express: the session id is minted before the transport, which the route then files under it by
// hand (no onsessioninitialized), after an early return that serves a known session. The entry is
// the session's bookkeeping: it goes with the generator, the early return, the close handler that
// forgot the id, the id itself and the record; GET and DELETE answer 405.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const app = express();
app.use(express.json());

function atlasServer(): McpServer {
  const server = new McpServer({ name: 'atlas', version: '2.1.0' });
  server.registerTool('ping', { description: 'Answers pong' }, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
  return server;
}

app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  res.on('close', () => {
    void transport.close();
  });
  await atlasServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.get('/mcp', async (_req, res) => {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
});

app.listen(3000);
