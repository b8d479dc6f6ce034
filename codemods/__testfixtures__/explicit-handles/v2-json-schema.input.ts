// SDK v2: ctx.sessionId and a hand-written JSON Schema through fromJsonSchema.
import { fromJsonSchema, McpServer } from '@modelcontextprotocol/server';

const notebooks = new Map<string, string[]>();

export function register(server: McpServer) {
  server.registerTool(
    'append_note',
    {
      description: 'Append a note',
      inputSchema: fromJsonSchema<{ note: string }>({ type: 'object', properties: { note: { type: 'string' } }, required: ['note'] }),
    },
    async ({ note }, ctx) => {
      const notes = notebooks.get(ctx.sessionId!) ?? [];
      notes.push(note);
      notebooks.set(ctx.sessionId!, notes);
      return { content: [{ type: 'text', text: `${notes.length} note(s)` }] };
    },
  );
}
