// The credentials each session opened with, kept by session id in onsessioninitialized and read back
// by the tools and a prompt, in a file as the official v1→v2 codemod leaves it: nothing but the
// request's own req.auth, which v2's node adapter hands every handler as ctx.http.authInfo. Each read
// becomes the handler's own, and the map goes with its store and its cleanup (trial 77B B2).
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import { requireBearerAuth } from '@modelcontextprotocol/server-legacy/auth';
import type { AuthInfo } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { verifier } from './auth.js';

const transports: Record<string, NodeStreamableHTTPServerTransport> = {};
// who opened the session
const openedBy = new Map<string, AuthInfo>();

function buildServer(): McpServer {
  const server = new McpServer({ name: 'ledger', version: '1.0.0' });
  server.registerTool('whoami', { description: 'Who is calling' }, async (_args, ctx) => {
    const auth = openedBy.get(ctx.sessionId!);
    return { content: [{ type: 'text', text: auth?.clientId ?? 'anonymous' }] };
  });
  server.registerTool('post_entry', { inputSchema: z.object({ amount: z.number() }) }, async ({ amount }, ctx) => {
    const sid = ctx.sessionId as string;
    if (!openedBy.get(sid)?.scopes.includes('ledger:write')) {
      return { isError: true, content: [{ type: 'text', text: 'forbidden' }] };
    }
    return { content: [{ type: 'text', text: `posted ${amount}` }] };
  });
  server.registerPrompt('greeting', { description: 'Greets the caller' }, async (ctx) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `Hello ${openedBy.get(ctx.sessionId!)?.clientId}` } }],
  }));
  return server;
}

const app = express();
app.use(express.json());
app.post('/mcp', requireBearerAuth({ verifier }), async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport = sessionId ? transports[sessionId] : undefined;
  if (!transport) {
    transport = new NodeStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        transports[sid] = transport!;
        if (req.auth) openedBy.set(sid, req.auth);
      },
    });
    transport.onclose = () => {
      const sid = transport!.sessionId;
      if (sid) {
        delete transports[sid];
        openedBy.delete(sid);
      }
    };
    await buildServer().connect(transport);
  }
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
