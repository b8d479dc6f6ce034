// Plain JavaScript without JSDoc types: the note stored under the session id holds what a function
// of the file returns. A call says nothing of what it returns (a Date, a class instance...), so
// explicit-handles cannot tell the values are plain JSON and leaves the map, with the marker that
// asks for a JSDoc @type (trial 75A B8).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const notes = new Map();

function summarize(text) {
  return { words: text.split(/\s+/).length, first: text.slice(0, 40) };
}

export function buildServer() {
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  server.tool('save_note', 'Save a note', { text: z.string() }, async ({ text }, extra) => {
    const summary = summarize(text);
    notes.set(extra.sessionId, { text, summary });
    return { content: [{ type: 'text', text: `saved (${summary.words} words)` }] };
  });
  server.tool('read_note', 'Read the note', {}, async (_args, extra) => {
    const note = notes.get(extra.sessionId);
    return { content: [{ type: 'text', text: note ? note.text : 'no note' }] };
  });
  return server;
}
