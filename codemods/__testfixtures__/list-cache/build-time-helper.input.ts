// Tools registered through a local helper while the server is built: called by name from the
// factory, the helper runs before the server serves, so the list is fixed (not a run-time
// registration) and, its entries being literal, it may be cached.
import { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod/v4';

const NOTES = [
  { name: 'add_note', text: 'Add a note' },
  { name: 'list_notes', text: 'List the notes' },
];

function registerNoteTools(server: McpServer): void {
  const registerNote = (note: (typeof NOTES)[number]) => {
    server.registerTool(note.name, { description: note.text, inputSchema: z.object({ body: z.string() }) }, async ({ body }) => ({
      content: [{ type: 'text', text: `${note.name}: ${body}` }],
    }));
  };
  registerNote(NOTES[0]);
  registerNote(NOTES[1]);
}

export function buildServer(): McpServer {
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  registerNoteTools(server);
  return server;
}
