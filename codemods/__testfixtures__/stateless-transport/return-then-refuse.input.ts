// The creating branch ends with a bare `return;`, and what follows the chain refuses every other
// request (400). Inlined in the chain's place without its return, the branch would run on into the
// refusal, which answers after the transport did (ERR_HTTP_HEADERS_SENT crashed the server): it
// goes with the chain. The record the branch made once per session now runs per request: to review.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const issued = new Set<string>();
const app = express();
app.use(express.json());

function catalogServer(): McpServer {
  const server = new McpServer({ name: 'catalog', version: '1.4.0' });
  server.registerTool('count', { description: 'How many items' }, async () => ({ content: [{ type: 'text', text: '42' }] }));
  return server;
}

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId) {
    if (!issued.has(sessionId)) {
      res.status(401).end();
      return;
    }
  } else if (isInitializeRequest(req.body)) {
    const id = randomUUID();
    issued.add(id);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => id });
    await catalogServer().connect(transport);
    await transport.handleRequest(req, res, req.body);
    return;
  }
  // Neither a known session nor initialize.
  res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
});

app.listen(3000);
