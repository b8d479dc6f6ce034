// The GET route's wrapper goes on to use the promise its function returns (`.then`), and that
// function is not async: replacing its body with a 405 answer would leave `.then` on undefined,
// so the route is marked instead of rewritten.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const live = new Map<string, StreamableHTTPServerTransport>();

function stream(req: express.Request, res: express.Response): Promise<void> {
  const transport = live.get(String(req.headers['mcp-session-id']));
  return transport ? transport.handleRequest(req, res) : Promise.resolve(void res.status(400).end());
}

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport = sessionId ? live.get(sessionId) : undefined;
  if (!transport && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => crypto.randomUUID(),
      onsessioninitialized: (id) => {
        live.set(id, transport!);
      },
    });
    await new McpServer({ name: 'n', version: '1.0.0' }).connect(transport);
  }
  if (!transport) {
    res.status(400).end();
    return;
  }
  await transport.handleRequest(req, res, req.body);
});
app.get('/mcp', (req, res) => stream(req, res).then(() => console.log('stream closed')));
app.listen(3000);
