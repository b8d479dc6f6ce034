// Notes kept per session, and a stats tool that counts the sessions that have some: under handles
// each entry is one conversation's, in a store no call can count whole, so the rewrite would break
// stats at run time while tsc passes (trial 31C). explicit-handles leaves it, marked.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

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
