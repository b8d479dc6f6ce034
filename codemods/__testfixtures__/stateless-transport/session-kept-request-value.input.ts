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
