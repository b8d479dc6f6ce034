// The credentials each session opened with, kept by session id in onsessioninitialized and read back
// by the tools and a prompt: nothing but the request's own req.auth, which the SDK hands every
// handler as extra.authInfo. Each read becomes the handler's own, and the map goes with its store
// and its cleanup (trial 77B B2). The rest of the route is stateless-transport's.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { z } from 'zod';
import { verifier } from './auth.js';

const transports: Record<string, StreamableHTTPServerTransport> = {};

function buildServer(): McpServer {
  const server = new McpServer({ name: 'ledger', version: '1.0.0' });
  server.tool('whoami', 'Who is calling', {}, async (_args, extra) => {
    const auth = extra.authInfo;
    return { content: [{ type: 'text', text: auth?.clientId ?? 'anonymous' }] };
  });
  server.registerTool('post_entry', { inputSchema: { amount: z.number() } }, async ({ amount }, extra) => {
    if (!extra.authInfo?.scopes.includes('ledger:write')) {
      return { isError: true, content: [{ type: 'text', text: 'forbidden' }] };
    }
    return { content: [{ type: 'text', text: `posted ${amount}` }] };
  });
  server.registerPrompt('greeting', { description: 'Greets the caller' }, async (extra) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `Hello ${extra.authInfo?.clientId}` } }],
  }));
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
      },
    });
    transport.onclose = () => {
      const sid = transport!.sessionId;
      if (sid) {
        delete transports[sid];
      }
    };
    await buildServer().connect(transport);
  }
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
