// Look-alike of session-store-instance: an object of a store class another module writes
// (`Shelf`, imported; this file alone does not say what keeps its entries) used by one tool only.
// That tool gets the one marker, at its use, and the other tool, which uses no state, none.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { Shelf } from './shelf.js';

const shelves = new Shelf<string[]>();

export function registerShelfTools(server: McpServer) {
  server.registerTool('shelve', { description: 'Put a book on your shelf', inputSchema: { title: z.string() } }, async ({ title }, extra) => {
    const books = shelves.get(extra.sessionId!) ?? [];
    books.push(title);
    shelves.set(extra.sessionId!, books);
    return { content: [{ type: 'text', text: `${books.length} books` }] };
  });
  server.registerTool('count_words', { description: 'Count words', inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: 'text', text: String(text.split(/\s+/).length) }] }));
}
