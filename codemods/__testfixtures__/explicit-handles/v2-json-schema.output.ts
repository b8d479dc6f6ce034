// SDK v2: ctx.sessionId and a hand-written JSON Schema through fromJsonSchema.
import { fromJsonSchema, McpServer } from '@modelcontextprotocol/server';
import { handleState, withHandle, mintHandle } from './mcp-state.js';
import { z } from 'zod';

const notebooks = handleState<string[]>('notebooks');

export function register(server: McpServer) {
  server.registerTool('create_notebook', { description: 'Create a new notebook and return its notebook_id. Pass notebook_id to append_note. One notebook_id holds a whole list: call create_notebook once, not once per item. It expires after 24 hours without use.', outputSchema: z.object({ notebook_id: z.string().describe('Pass it to append_note') }) }, async (extra) => mintHandle(notebooks, { handle: 'notebook_id', initial: [], description: 'Created notebook.' }, extra));

  server.registerTool(
    'append_note',
    {
      description: 'Append a note',
      inputSchema: fromJsonSchema<{ note: string }>({ type: 'object', properties: { notebook_id: { type: 'string', description: 'Handle from create_notebook' }, note: { type: 'string' } }, required: ['notebook_id', 'note'] }),
    },
    withHandle(notebooks, { handle: 'notebook_id', mintedBy: 'create_notebook' }, async ({ notebook_id, note }, _ctx) => {
      const notes = notebooks.get(notebook_id) ?? [];
      notes.push(note);
      notebooks.set(notebook_id, notes);
      return { content: [{ type: 'text', text: `${notes.length} note(s)` }] };
    }),
  );
}
