import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

// Each session's draft in a plain object, which explicit-handles moves under a handle in the same
// run: its cleanup with the delete operator in onsessionclosed goes with the callback as a Map's
// .delete(id) does (close-cleans-handled-state), and the transport is made stateless (trial 78B B4).
const drafts: Record<string, string[]> = {};

function makeServer() {
  const server = new McpServer({ name: 'drafts', version: '1.0.0' });
  server.registerTool('append_line', { description: 'Append a line to the draft', inputSchema: { line: z.string() } }, async ({ line }, extra) => {
    const lines = drafts[extra.sessionId!] ?? [];
    lines.push(line);
    drafts[extra.sessionId!] = lines;
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
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions[id] = transport!;
      },
      onsessionclosed: (id) => {
        delete sessions[id];
        delete drafts[id];
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
