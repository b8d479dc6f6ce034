// Plain JavaScript without JSDoc types: the note stored under the session id holds what a function
// of the file returns. A call says nothing of what it returns (a Date, a class instance...), so
// explicit-handles cannot tell the values are plain JSON and leaves the map, with the marker that
// asks for a JSDoc @type (trial 75A B8).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

// TODO(mcp-migrate): notes holds values with no declared type, stored as something other than
// literals, so explicit-handles cannot tell whether they are plain JSON and leaves it until their
// type is declared (in JavaScript by a JSDoc @type tag above it, such as @type {Map<string,
// string[]>}). If they are data, declare it and run fix again; if they hold live objects, keep the
// live object on one instance and route each call by its handle, not by session (x-mcp-header on
// the handle argument lets a gateway do that). Until then, every request without a session id (each
// 2026-07-28 request, and each request once the transport is stateless) reads and writes the same
// entry, so callers see each other's state
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
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
