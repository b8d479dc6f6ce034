// onsessioninitialized keeps the request's own credentials by session id, for the tools to read
// back: explicit-handles removes that map in the same run (the tools read each request's
// extra.authInfo instead), so the store is no work a per-request transport must still do, and the
// transport is made stateless in this run (trial 77B B2).
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { verifier } from './auth.js';

const transports: Record<string, StreamableHTTPServerTransport> = {};
const sessionAuth = new Map<string, AuthInfo>();

function buildServer(): McpServer {
  const server = new McpServer({ name: 'ledger', version: '1.0.0' });
  server.tool('whoami', 'Who is calling', {}, async (_args, extra) => {
    return { content: [{ type: 'text', text: sessionAuth.get(extra.sessionId!)?.clientId ?? 'anonymous' }] };
  });
  return server;
}

const app = express();
app.use(express.json());
app.post('/mcp', requireBearerAuth({ verifier }), async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  if (sessionId && transports[sessionId]) {
    transport = transports[sessionId];
  } else if (!sessionId && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        transports[sid] = transport;
        if (req.auth) sessionAuth.set(sid, req.auth);
      },
    });
    transport.onclose = () => {
      const sid = transport.sessionId;
      if (sid) {
        delete transports[sid];
        sessionAuth.delete(sid);
      }
    };
    await buildServer().connect(transport);
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: No valid session ID provided' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
