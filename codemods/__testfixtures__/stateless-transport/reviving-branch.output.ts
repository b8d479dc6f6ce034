// Two branches of the dispatch build a transport: one for initialize, from the caller's key, and
// one that revives a session another instance minted, from the key kept under its id. Which one
// every request should run is a person's call: the rewrite once kept the reviving one, and every
// request answered 404 (trial 34A). The dispatch is left, marked.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

function createServer(apiKey: string): McpServer {
  const server = new McpServer({ name: 'revive', version: '1.0.0' });
  server.registerTool('whoami', { description: 'Names the key' }, async () => ({ content: [{ type: 'text', text: apiKey.slice(0, 3) }] }));
  return server;
}

const app = express();
app.use(express.json());
const transports: Record<string, StreamableHTTPServerTransport> = {};
const sessionApiKeys = new Map<string, string>();

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  if (sessionId && transports[sessionId]) {
    transport = transports[sessionId];
  } else if (!sessionId && isInitializeRequest(req.body)) {
    const apiKey = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    // TODO(mcp-migrate): onsessioninitialized does more than record the session in the map
    // transports (`sessionApiKeys.set(id, apiKey)`), and a per-request transport never calls it. Do
    // what of that work each request still needs, then make this transport stateless by hand
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports[id] = transport;
        sessionApiKeys.set(id, apiKey);
      },
    });
    await createServer(apiKey).connect(transport);
  } else if (sessionId) {
    const kept = sessionApiKeys.get(sessionId);
    if (!kept) {
      res.status(404).json({ error: 'session not found' });
      return;
    }
    // TODO(mcp-migrate): session dispatch not recognised: create this transport per request
    // (sessionIdGenerator: undefined), serve the request with it, and remove the session lookup by
    // hand
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => sessionId });
    await createServer(kept).connect(transport);
    transports[sessionId] = transport;
  } else {
    res.status(400).end();
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
