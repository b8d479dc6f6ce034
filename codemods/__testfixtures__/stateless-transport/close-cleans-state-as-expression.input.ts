import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
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

const sessions = new Map<string, StreamableHTTPServerTransport>();
app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId && sessions.has(sessionId)) {
    return sessions.get(sessionId)!.handleRequest(req, res, req.body);
  }
  if (!sessionId && isInitializeRequest(req.body)) {
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        sessions.set(sid, transport);
      },
    });
    transport.onclose = () => transport.sessionId && drafts.delete(transport.sessionId);
    await makeServer().connect(transport);
    return transport.handleRequest(req, res, req.body);
  }
  res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
});

const noteSessions = new Map<string, StreamableHTTPServerTransport>();
app.post('/notes/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId && noteSessions.has(sessionId)) {
    return noteSessions.get(sessionId)!.handleRequest(req, res, req.body);
  }
  if (!sessionId && isInitializeRequest(req.body)) {
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        noteSessions.set(sid, transport);
      },
    });
    transport.onclose = () => transport.sessionId && notes.delete(transport.sessionId);
    await makeServer().connect(transport);
    return transport.handleRequest(req, res, req.body);
  }
  res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
});

app.listen(3000);
