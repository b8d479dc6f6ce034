// onsessioninitialized keeps the request's own credentials by session id, for the tools to read
// back: explicit-handles removes that map in the same run (the tools read each request's
// extra.authInfo instead), so the store is no work a per-request transport must still do, and the
// transport is made stateless in this run (trial 77B B2).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { verifier } from './auth.js';

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
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await buildServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
