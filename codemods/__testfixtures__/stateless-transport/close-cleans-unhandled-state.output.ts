import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

// Look-alikes of a cleanup explicit-handles takes over (trial 68C B2): a per-session rate limit,
// which explicit-handles marks and leaves (key it by principal), and a map an admin route also reads, which it leaves
// too. Their cleanup in onsessionclosed is work a person must place: each transport is left, marked.
const pingCounts = new Map<string, number>();
const notes = new Map<string, string[]>();

function makeServer() {
  const server = new McpServer({ name: 'look-alikes', version: '1.0.0' });
  server.registerTool('ping', { description: 'Ping, three times a session', inputSchema: {} }, async (_args, extra) => {
    const used = pingCounts.get(extra.sessionId!) ?? 0;
    if (used >= 3) return { content: [{ type: 'text', text: 'limit reached' }], isError: true };
    pingCounts.set(extra.sessionId!, used + 1);
    return { content: [{ type: 'text', text: 'pong' }] };
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
const sessions: Record<string, StreamableHTTPServerTransport> = {};

app.get('/admin/notes', (_req, res) => {
  res.json({ sessions: notes.size });
});

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport = sessionId ? sessions[sessionId] : undefined;
  if (!transport && !sessionId && isInitializeRequest(req.body)) {
    // TODO(mcp-migrate): onsessionclosed does more than forget the session in the map sessions
    // (`pingCounts.delete(id)`), and a per-request transport never calls it. Decide what of it must
    // happen when a request ends, then make this transport stateless by hand. Removing that cleanup
    // alone is not enough: pingCounts stays keyed by the MCP session id (this run does not move it;
    // see why at it), and made stateless this transport would have every caller share one entry of
    // it
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions[id] = transport!;
      },
      onsessionclosed: (id) => {
        delete sessions[id];
        pingCounts.delete(id);
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

app.post('/notes/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport = sessionId ? sessions[sessionId] : undefined;
  if (!transport && !sessionId && isInitializeRequest(req.body)) {
    // TODO(mcp-migrate): onsessionclosed does more than forget the session in the map sessions
    // (`notes.delete(id)`), and a per-request transport never calls it. Decide what of it must
    // happen when a request ends, then make this transport stateless by hand. Removing that cleanup
    // alone is not enough: notes stays keyed by the MCP session id (this run does not move it; see
    // why at it), and made stateless this transport would have every caller share one entry of it
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions[id] = transport!;
      },
      onsessionclosed: (id) => {
        delete sessions[id];
        notes.delete(id);
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
