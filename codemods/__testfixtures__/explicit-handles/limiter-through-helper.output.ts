// Rate limits the tools reach through helpers of the file, handed the session id beside the notes
// the tools keep by it (trial 75A B5). The notes move under a handle; the limits are marked for a key
// by principal and keep being handed the session id: keyed by the new handle, any caller would start
// a fresh limit by creating a notebook.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

// TODO(mcp-migrate): hits counts per session; 2026-07-28 has no sessions: key it by the
// authenticated principal (or client id) in a shared store such as Redis
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
// The times of recent calls; the helper answers whether the caller is past twenty a minute.
const hits = new Map<string, number[]>();
function limited(sessionId: string): boolean {
  const now = Date.now();
  const recent = (hits.get(sessionId) ?? []).filter((t) => now - t < 60_000);
  recent.push(now);
  hits.set(sessionId, recent);
  return recent.length > 20;
}

// TODO(mcp-migrate): callCounts counts per session; 2026-07-28 has no sessions: key it by the
// authenticated principal (or client id) in a shared store such as Redis
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
// A count of calls the helper compares with its limit.
const callCounts = new Map<string, number>();
function allow(key: string): boolean {
  const used = (callCounts.get(key) ?? 0) + 1;
  callCounts.set(key, used);
  return used <= 100;
}

const notebooks = handleState<string[]>('notebooks');

export function createServer() {
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  server.tool('create_notebook', 'Create a new notebook and return its notebook_id. Pass notebook_id to add_note, list_notes. One notebook_id holds a whole list: call create_notebook once, not once per item. It expires after 24 hours without use.', async (extra) => mintHandle(notebooks, { handle: 'notebook_id', initial: [], description: 'Created notebook.' }, extra));

  server.tool('add_note', 'Add a note', { notebook_id: z.string().describe('Handle from create_notebook'), text: z.string() }, withHandle(notebooks, { handle: 'notebook_id', mintedBy: 'create_notebook' }, async ({ notebook_id, text }, { sessionId }) => {
    if (limited(sessionId!)) return { isError: true, content: [{ type: 'text', text: 'slow down' }] };
    const nb = notebooks.get(notebook_id!) ?? [];
    nb.push(text);
    notebooks.set(notebook_id!, nb);
    return { content: [{ type: 'text', text: `note #${nb.length} saved` }] };
  }));
  server.tool('list_notes', 'List the notes', { notebook_id: z.string().describe('Handle from create_notebook') }, withHandle(notebooks, { handle: 'notebook_id', mintedBy: 'create_notebook' }, async ({ notebook_id }, extra) => {
    const sid = notebook_id;
    if (!allow(extra.sessionId!)) return { isError: true, content: [{ type: 'text', text: 'too many calls' }] };
    return { content: [{ type: 'text', text: (notebooks.get(sid) ?? []).join('\n') }] };
  }));
  return server;
}
