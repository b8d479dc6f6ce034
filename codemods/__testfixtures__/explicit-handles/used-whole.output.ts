// Notes kept per session, and a stats tool that counts the sessions that have some: under handles
// each entry is one conversation's, in a store no call can count whole, so the rewrite would break
// stats at run time while tsc passes (trial 31C). explicit-handles leaves it, marked.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

// TODO(mcp-migrate): notes is keyed by the MCP session id and also used whole (notes.size in the
// tool stats): under explicit handles each entry is one conversation's, kept in a shared store
// under its handle, which no call can count, list or clear whole, so explicit-handles leaves it.
// Decide what that use means without sessions (a count kept in the shared store, or none), then
// give the tools a handle argument by hand
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const notes = new Map<string, string[]>();

export function register(server: McpServer): void {
  server.registerTool('add_note', { description: 'Adds a note', inputSchema: { text: z.string() } }, async ({ text }, extra) => {
    const list = notes.get(extra.sessionId!) ?? [];
    list.push(text);
    notes.set(extra.sessionId!, list);
    return { content: [{ type: 'text', text: 'ok' }] };
  });
  server.registerTool('stats', { description: 'How many conversations have notes' }, async () => ({
    content: [{ type: 'text', text: String(notes.size) }],
  }));
}
