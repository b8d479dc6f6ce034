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
  // TODO(mcp-migrate): legacy HTTP+SSE endpoint (sessionful; it can never serve 2026-07-28) in a
  // shape this codemod does not rewrite: serve Streamable HTTP instead, one POST endpoint with a
  // new StreamableHTTPServerTransport({ sessionIdGenerator: undefined }) and a new server per
  // request, and answer the old SSE paths with 410 naming it
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports)
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
  // TODO(mcp-migrate): the POST half of the legacy HTTP+SSE transport, in a shape this codemod does
  // not rewrite: answer it with 410 naming your Streamable HTTP endpoint, or remove it
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports)
  await transport.handlePostMessage(req, res, req.body);
}

// Legacy SSE endpoint
app.get('/sse', (req, res) => handleSseConnection('/messages', req, res));
app.post('/messages', (req, res) => handlePostMessage(req, res));

// TODO(mcp-migrate): /mcp serves the legacy SSE transport too (through handleSseConnection), so it
// was not rewritten here: replace these SSE routes by one Streamable HTTP route on /mcp by hand
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports)
// Unified endpoint
app.get('/mcp', (req, res) => handleSseConnection('/mcp', req, res));
app.post('/mcp', (req, res) => handlePostMessage(req, res));

app.listen(3000);
