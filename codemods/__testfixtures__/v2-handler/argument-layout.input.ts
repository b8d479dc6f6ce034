// tool() and prompt() calls written one argument per line come back laid out so, their config
// one property per line (the official codemod writes them on one line and keeps the old lines'
// indentation inside: annotations 14 columns in), also where the handler is a name (trial 64C B1).
// A call written on one line stays on one.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

async function archiveNote({ noteId }: { noteId: string }) {
  return { content: [{ type: 'text' as const, text: `archived ${noteId}` }] };
}

export function registerNoteTools(server: McpServer): void {
  // Lists a team's notes.
  server.tool(
    'list_team_notes',
    'List all notes in a team',
    {
      teamPath: z.string().describe('Team path'),
    },
    {
      title: 'Get a list of notes',
      readOnlyHint: true,
    },
    async ({ teamPath }) => {
      const notes = [`${teamPath}/readme`];
      return { content: [{ type: 'text', text: notes.join('\n') }] };
    },
  );

  server.prompt(
    'summarize_note',
    'Summarize one note',
    { noteId: z.string() },
    ({ noteId }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: `Summarize ${noteId}` } }],
    }),
  );

  // Neither description nor schema: an empty config, on one line.
  server.tool(
    'notes_version',
    async () => ({ content: [{ type: 'text', text: '1' }] }),
  );

  server.tool(
    'archive_note',
    'Archive a note',
    { noteId: z.string() },
    archiveNote,
  );

  server.tool('ping_notes', 'Checks the notes service', {}, async () => ({ content: [{ type: 'text', text: 'ok' }] }));
}
