import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

// Each session's draft: under --safe-only explicit-handles moves nothing, so its cleanup in
// onsessionclosed is work the rewrite would drop, and the transport is left, marked (trial 68C B2).
const drafts = new Map<string, string[]>();

function makeServer() {
  const server = new McpServer({ name: 'drafts', version: '1.0.0' });
  server.registerTool('append_line', { description: 'Append a line to the draft', inputSchema: { line: z.string() } }, async ({ line }, extra) => {
    const lines = drafts.get(extra.sessionId!) ?? [];
    lines.push(line);
    drafts.set(extra.sessionId!, lines);
    return { content: [{ type: 'text', text: lines.join('\n') }] };
  });
  return server;
}

const app = express();
app.use(express.json());
const sessions: Record<string, StreamableHTTPServerTransport> = {};

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport = sessionId ? sessions[sessionId] : undefined;
  if (!transport && !sessionId && isInitializeRequest(req.body)) {
    // TODO(mcp-migrate): onsessionclosed does more than forget the session in the map sessions
    // (`drafts.delete(id)`), and a per-request transport never calls it. Decide what of it must
    // happen when a request ends, then make this transport stateless by hand
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions[id] = transport!;
      },
      onsessionclosed: (id) => {
        delete sessions[id];
        drafts.delete(id);
      },
    });
    await makeServer().connect(transport);
  }
  if (!transport) {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
