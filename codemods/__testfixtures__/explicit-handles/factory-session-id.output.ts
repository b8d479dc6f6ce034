// A framework builds a server per session and hands the factory the session's id (smithery's
// createStatefulServer): the tools' notes are keyed by it. The handle takes its place in the
// handler, and a shorthand property keeps its key; a context the handler never read keeps its name.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { createStatefulServer } from '@smithery/sdk/server/stateful.js';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

const notes = handleState<string[]>('notes');

export default createStatefulServer(({ sessionId }) => {
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  server.tool('create_note', 'Create a new note and return its note_id. Pass note_id to add_note, count_notes. One note_id holds a whole list: call create_note once, not once per item. It expires after 24 hours without use.', async (extra) => mintHandle(notes, { handle: 'note_id', initial: [], description: 'Created note.' }, extra));

  server.tool('add_note', { note_id: z.string().describe('Handle from create_note'), text: z.string() }, withHandle(notes, { handle: 'note_id', mintedBy: 'create_note' }, async ({ note_id, text }) => {
    const list = notes.get(note_id) ?? [];
    list.push(text);
    notes.set(note_id, list);
    console.log('note added', { sessionId: note_id, count: list.length });
    return { content: [{ type: 'text', text: `${list.length} notes` }] };
  }));
  // Its context was unread before the rewrite: it stays as the project wrote it (read-through 53).
  server.tool('count_notes', { note_id: z.string().describe('Handle from create_note') }, withHandle(notes, { handle: 'note_id', mintedBy: 'create_note' }, async ({ note_id }, extra) => ({ content: [{ type: 'text', text: String((notes.get(note_id) ?? []).length) }] })));
  return server.server;
});
