// A framework builds a server per session and hands the factory the session's id (smithery's
// createStatefulServer): the tools' notes are keyed by it. The handle takes its place in the
// handler, and a shorthand property keeps its key; a context the handler never read keeps its name.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { createStatefulServer } from '@smithery/sdk/server/stateful.js';

const notes = new Map<string, string[]>();

export default createStatefulServer(({ sessionId }) => {
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  server.tool('add_note', { text: z.string() }, async ({ text }) => {
    const list = notes.get(sessionId) ?? [];
    list.push(text);
    notes.set(sessionId, list);
    console.log('note added', { sessionId, count: list.length });
    return { content: [{ type: 'text', text: `${list.length} notes` }] };
  });
  // Its context was unread before the rewrite: it stays as the project wrote it (read-through 53).
  server.tool('count_notes', {}, async (_args, extra) => ({ content: [{ type: 'text', text: String((notes.get(sessionId) ?? []).length) }] }));
  return server.server;
});
