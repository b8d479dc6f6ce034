import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

// A close handler written as `t.sessionId && state.delete(t.sessionId)` whose state is not the
// session map but the application's (trial 77A B4): it does more than forget the session, and
// stays, marked, with its transport's map. (explicit-handles leaves drafts too: the cleanup is a
// use outside the tools; notes an admin route also reads.)
const drafts = new Map<string, string[]>();
const notes = new Map<string, string[]>();

function makeServer() {
  const server = new McpServer({ name: 'drafts', version: '1.0.0' });
  server.registerTool('append_line', { description: 'Append a line to the draft', inputSchema: { line: z.string() } }, async ({ line }, extra) => {
    const lines = drafts.get(extra.sessionId!) ?? [];
    lines.push(line);
    drafts.set(extra.sessionId!, lines);
    return { content: [{ type: 'text', text: lines.join('\n') }] };
  });
  server.registerTool('add_note', { description: 'Add a note', inputSchema: { note: z.string() } }, async ({ note }, extra) => {
    const list = notes.get(extra.sessionId!) ?? [];
    list.push(note);
    notes.set(extra.sessionId!, list);
    return { content: [{ type: 'text', text: list.join('\n') }] };
  });
  return server;
}

const app = express();
app.use(express.json());

app.get('/admin/notes', (_req, res) => {
  res.json({ sessions: notes.size });
});

app.post('/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  // TODO(mcp-migrate): this close handler does more than forget the session: with a per-request
  // transport it runs when every request ends, with no session id; keep only what must happen per
  // request
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  transport.onclose = () => transport.sessionId && drafts.delete(transport.sessionId);
  await makeServer().connect(transport);
  return transport.handleRequest(req, res, req.body);
});

app.post('/notes/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  // TODO(mcp-migrate): this close handler does more than forget the session: with a per-request
  // transport it runs when every request ends, with no session id; keep only what must happen per
  // request
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  transport.onclose = () => transport.sessionId && notes.delete(transport.sessionId);
  await makeServer().connect(transport);
  return transport.handleRequest(req, res, req.body);
});

app.listen(3000);
