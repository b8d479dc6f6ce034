// Rate limits the tools reach through helpers of the file, handed the session id beside the notes
// the tools keep by it (trial 75A B5). The notes move under a handle; the limits are marked for a key
// by principal and keep being handed the session id: keyed by the new handle, any caller would start
// a fresh limit by creating a notebook.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

// The times of recent calls; the helper answers whether the caller is past twenty a minute.
const hits = new Map<string, number[]>();
function limited(sessionId: string): boolean {
  const now = Date.now();
  const recent = (hits.get(sessionId) ?? []).filter((t) => now - t < 60_000);
  recent.push(now);
  hits.set(sessionId, recent);
  return recent.length > 20;
}

// A count of calls the helper compares with its limit.
const callCounts = new Map<string, number>();
function allow(key: string): boolean {
  const used = (callCounts.get(key) ?? 0) + 1;
  callCounts.set(key, used);
  return used <= 100;
}

const notebooks = new Map<string, string[]>();

export function createServer() {
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  server.tool('add_note', 'Add a note', { text: z.string() }, async ({ text }, { sessionId }) => {
    if (limited(sessionId!)) return { isError: true, content: [{ type: 'text', text: 'slow down' }] };
    const nb = notebooks.get(sessionId!) ?? [];
    nb.push(text);
    notebooks.set(sessionId!, nb);
    return { content: [{ type: 'text', text: `note #${nb.length} saved` }] };
  });
  server.tool('list_notes', 'List the notes', {}, async (_args, extra) => {
    const sid = extra.sessionId!;
    if (!allow(sid)) return { isError: true, content: [{ type: 'text', text: 'too many calls' }] };
    return { content: [{ type: 'text', text: (notebooks.get(sid) ?? []).join('\n') }] };
  });
  return server;
}
