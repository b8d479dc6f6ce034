// Trial 66C B1, the refusal written against the map itself (`if (sessionId &&
// !sessions.has(sessionId))`, answered with `return res.status(404)...`) ahead of an if/else
// dispatch, and the same (`!sessions.get(...) && sessionId`) ahead of the early-return form. With
// transports kept nowhere it would refuse every request that carries Mcp-Session-Id, which a
// stateless server serves: it goes with the dispatch, and the session id read with it.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function makeServer(): McpServer {
  return new McpServer({ name: 'atlas', version: '2.1.0' });
}

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await makeServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.post('/admin/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await makeServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
