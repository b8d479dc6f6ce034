// The session dispatch connects the server a getter keeps: with a transport per request, concurrent
// requests would share it, so the dispatch is left and marked.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

let kept: McpServer | undefined;

function buildServer(): McpServer {
  if (kept) return kept;
  kept = new McpServer({ name: 'notes', version: '1.0.0' });
  return kept;
}

// Transports by session id
const transports: Record<string, StreamableHTTPServerTransport> = {};

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  if (sessionId && transports[sessionId]) {
    transport = transports[sessionId];
  } else if (!sessionId && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: true,
      onsessioninitialized: (id) => {
        transports[id] = transport;
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) delete transports[transport.sessionId];
    };
    // TODO(mcp-migrate): buildServer() hands out one server it keeps (it builds it on the first
    // call only): the SDK (v1 from 1.26.0, and the v2 packages) refuses a second connect() while
    // the first transport is open ("Already connected"): a second session, overlapping requests or
    // a client's open GET stream fail; older v1 versions answered one client on another's
    // transport. Make buildServer() build a new server on every call, then run fix again
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    await buildServer().connect(transport);
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: No valid session ID provided' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

const handleSessionRequest = async (req: express.Request, res: express.Response) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (!sessionId || !transports[sessionId]) {
    res.status(400).send('Invalid or missing session ID');
    return;
  }
  await transports[sessionId].handleRequest(req, res);
};

app.get('/mcp', handleSessionRequest);
app.delete('/mcp', handleSessionRequest);

app.listen(3000);
