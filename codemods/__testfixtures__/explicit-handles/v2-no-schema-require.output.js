// The same on the v2 packages in CommonJS (review 65): a tool with no input schema gets its handle
// in z.object, as the other tool's schema already is.
const { McpServer } = require('@modelcontextprotocol/server');
const { z } = require('zod');
const { handleState, withHandle, mintHandle } = require('./mcp-state.cjs');

const notes = handleState('notes');

function register(server) {
  server.registerTool('create_note', { description: 'Create a new note and return its note_id. Pass note_id to add_note, list_notes. It expires after 24 hours without use.', outputSchema: z.object({ note_id: z.string().describe('Pass it to add_note, list_notes') }) }, async (extra) => mintHandle(notes, { handle: 'note_id', initial: null, description: 'Created note.' }, extra));

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

module.exports = { register, McpServer };
