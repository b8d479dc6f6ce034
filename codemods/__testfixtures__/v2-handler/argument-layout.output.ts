// tool() and prompt() calls written one argument per line come back laid out so, their config
// one property per line (the official codemod writes them on one line and keeps the old lines'
// indentation inside: annotations 14 columns in), also where the handler is a name (trial 64C B1).
// A call written on one line stays on one.
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

async function archiveNote({ noteId }: { noteId: string }) {
  return { content: [{ type: 'text' as const, text: `archived ${noteId}` }] };
}

export function registerNoteTools(server: McpServer): void {
  // Lists a team's notes.
  server.registerTool(
    'list_team_notes',
    {
      description: 'List all notes in a team',
      inputSchema: z.object({
        teamPath: z.string().describe('Team path'),
      }),
      annotations: {
        title: 'Get a list of notes',
        readOnlyHint: true,
      },
    },
    async ({ teamPath }) => {
      const notes = [`${teamPath}/readme`];
      return { content: [{ type: 'text', text: notes.join('\n') }] };
    },
  );

  server.registerPrompt(
    'summarize_note',
    {
      description: 'Summarize one note',
      argsSchema: z.object({ noteId: z.string() }),
    },
    ({ noteId }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: `Summarize ${noteId}` } }],
    }),
  );

  // Neither description nor schema: an empty config, on one line.
  server.registerTool(
    'notes_version',
    {},
    async () => ({ content: [{ type: 'text', text: '1' }] }),
  );

  server.registerTool(
    'archive_note',
    {
      description: 'Archive a note',
      inputSchema: z.object({ noteId: z.string() }),
    },
    archiveNote,
  );

  server.registerTool('ping_notes', { description: 'Checks the notes service', inputSchema: z.object({}) }, async () => ({ content: [{ type: 'text', text: 'ok' }] }));
}
