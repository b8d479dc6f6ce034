// A value read from every request (an API key header) that the session keeps for the requests
// after it: per request, a request that leaves the header out would have no key. The transport is
// left as it was, and the marker says the value is read on every request, kept for later ones.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

interface Session {
  apiKey?: string;
  transport: StreamableHTTPServerTransport;
}

const sessions: Record<string, Session> = {};

function apiKeyOf(req: express.Request): string | undefined {
  return req.header('x-api-key');
}

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sessionId = req.header('mcp-session-id');
  // TODO(mcp-migrate): `apiKeyOf(req)` runs on every request here, and the session keeps what it
  // returned (apiKey, in sessions, by session id) for later requests: with a per-request transport
  // a request has only what it brings itself (a request that leaves out what `apiKeyOf(req)` reads
  // gets nothing), so this transport was left as it was. If every request carries it, stop keeping
  // it in sessions; otherwise key it by a handle the client sends, in a shared store; then run fix
  // again
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  const apiKey = apiKeyOf(req);
  let session: Session;
  if (sessionId && sessions[sessionId]) {
    session = sessions[sessionId];
    if (apiKey) session.apiKey = apiKey;
  } else if (!sessionId && isInitializeRequest(req.body)) {
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions[id] = session;
      },
    });
    session = { transport, apiKey };
    await new McpServer({ name: 'keyed', version: '1.0.0' }).connect(transport);
  } else {
    res.status(400).end();
    return;
  }
  await session.transport.handleRequest(req, res, req.body);
});

app.listen(3000);
