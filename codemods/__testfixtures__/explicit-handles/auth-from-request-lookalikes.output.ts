// Maps of credentials by session that hold more than the request's own req.auth, or are read where
// no handler's request is: each is marked as before, none rewritten to read each request's auth.
//   - authWithProject keeps the credentials with a field of the session's own beside them;
//   - sessionTokens keeps something made from them (the caller's id), not the credentials;
//   - sessionAuth is also read by a route of the app, outside any handler.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { verifier } from './auth.js';

const transports: Record<string, StreamableHTTPServerTransport> = {};
// TODO(mcp-migrate): authWithProject binds credentials to the MCP session id; 2026-07-28 requests
// carry no session, and a handle would let whoever learns it act with these credentials: read them
// from each request instead (its Authorization header; authInfo in the handler's context) and drop
// this map (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const authWithProject = new Map<string, { auth: AuthInfo; project: string }>();
// TODO(mcp-migrate): sessionTokens binds credentials to the MCP session id; 2026-07-28 requests
// carry no session, and a handle would let whoever learns it act with these credentials: read them
// from each request instead (its Authorization header; authInfo in the handler's context) and drop
// this map (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const sessionTokens = new Map<string, string>();
// TODO(mcp-migrate): sessionAuth binds credentials to the MCP session id; 2026-07-28 requests carry
// no session, and a handle would let whoever learns it act with these credentials: read them from
// each request instead (its Authorization header; authInfo in the handler's context) and drop this
// map (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const sessionAuth = new Map<string, AuthInfo>();

function buildServer(): McpServer {
  const server = new McpServer({ name: 'ledger', version: '1.0.0' });
  server.tool('project', 'The project the session works in', {}, async (_args, extra) => {
    const entry = authWithProject.get(extra.sessionId!);
    return { content: [{ type: 'text', text: `${entry?.auth.clientId}: ${entry?.project}` }] };
  });
  server.tool('caller', 'Who is calling', {}, async (_args, extra) => {
    return { content: [{ type: 'text', text: sessionTokens.get(extra.sessionId!) ?? 'anonymous' }] };
  });
  server.tool('scopes', 'What the caller may do', {}, async (_args, extra) => {
    return { content: [{ type: 'text', text: sessionAuth.get(extra.sessionId!)?.scopes.join(' ') ?? '' }] };
  });
  return server;
}

const app = express();
app.use(express.json());
app.post('/mcp', requireBearerAuth({ verifier }), async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport = sessionId ? transports[sessionId] : undefined;
  if (!transport) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        transports[sid] = transport!;
        if (req.auth) {
          authWithProject.set(sid, { auth: req.auth, project: 'default' });
          sessionTokens.set(sid, req.auth.clientId);
          sessionAuth.set(sid, req.auth);
        }
      },
    });
    await buildServer().connect(transport);
  }
  await transport.handleRequest(req, res, req.body);
});
app.get('/whoami', (req, res) => {
  res.json(sessionAuth.get(req.headers['mcp-session-id'] as string) ?? null);
});
app.listen(3000);
