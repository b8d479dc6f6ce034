// A server already on the v2 packages, with a tool that has no input schema (trial 50C): the handle
// argument it gets is a z.object, as the official codemod wraps the others, not a deprecated raw shape.
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

const notes = handleState<string[]>('notes');

export function register(server: McpServer) {
  server.registerTool('create_note', { description: 'Create a new note and return its note_id. Pass note_id to add_note, list_notes. One note_id holds a whole list: call create_note once, not once per item. It expires after 24 hours without use.', outputSchema: z.object({ note_id: z.string().describe('Pass it to add_note, list_notes') }) }, async (extra) => mintHandle(notes, { handle: 'note_id', initial: [], description: 'Created note.' }, extra));

  server.registerTool('add_note', { description: 'Add a note', inputSchema: z.object({ note_id: z.string().describe('Handle from create_note'), text: z.string() }) }, withHandle(notes, { handle: 'note_id', mintedBy: 'create_note' }, async ({ note_id, text }, _ctx) => {
    const list = notes.get(note_id) ?? [];
    list.push(text);
    notes.set(note_id, list);
    return { content: [{ type: 'text', text: 'ok' }] };
  }));
  server.registerTool('list_notes', { description: 'List the notes', inputSchema: z.object({ note_id: z.string().describe('Handle from create_note') }) }, withHandle(notes, { handle: 'note_id', mintedBy: 'create_note' }, async ({ note_id }, _ctx) => ({
    content: [{ type: 'text', text: JSON.stringify(notes.get(note_id) ?? []) }],
  })));
}
