// A server already on the v2 packages, with a tool that has no input schema (trial 50C): the handle
// argument it gets is a z.object, as the official codemod wraps the others, not a deprecated raw shape.
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

const notes = new Map<string, string[]>();

export function register(server: McpServer) {
  server.registerTool('add_note', { description: 'Add a note', inputSchema: z.object({ text: z.string() }) }, async ({ text }, ctx) => {
    const list = notes.get(ctx.sessionId!) ?? [];
    list.push(text);
    notes.set(ctx.sessionId!, list);
    return { content: [{ type: 'text', text: 'ok' }] };
  });
  server.registerTool('list_notes', { description: 'List the notes' }, async (ctx) => ({
    content: [{ type: 'text', text: JSON.stringify(notes.get(ctx.sessionId!) ?? []) }],
  }));
}
