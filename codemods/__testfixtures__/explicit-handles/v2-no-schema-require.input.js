// The same on the v2 packages in CommonJS (review 65): a tool with no input schema gets its handle
// in z.object, as the other tool's schema already is.
const { McpServer } = require('@modelcontextprotocol/server');
const { z } = require('zod');

/** @type {Map<string, string[]>} */
const notes = new Map();

function register(server) {
  server.registerTool('add_note', { description: 'Add a note', inputSchema: z.object({ text: z.string() }) }, async ({ text }, ctx) => {
    const list = notes.get(ctx.sessionId) ?? [];
    list.push(text);
    notes.set(ctx.sessionId, list);
    return { content: [{ type: 'text', text: 'ok' }] };
  });
  server.registerTool('list_notes', { description: 'List the notes' }, async (ctx) => ({
    content: [{ type: 'text', text: JSON.stringify(notes.get(ctx.sessionId) ?? []) }],
  }));
}

module.exports = { register, McpServer };
