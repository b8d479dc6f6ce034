// A stdio server moving to the v2 packages: serveStdio takes a function that builds the server,
// so the module-level server and its setup move into one, and the connect builds from it
// (v2-handler then serves it with serveStdio). Its notes stay at module level: one process
// serves one client.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const notes: string[] = [];

function createServer() {
  const server = new McpServer({ name: 'notebook', version: '1.0.0' });

  // Notes go in one at a time.
  server.registerTool('add_note', { description: 'Adds a note', inputSchema: { text: z.string() } }, async ({ text }) => {
    notes.push(text);
    return { content: [{ type: 'text', text: String(notes.length) }] };
  });
  return server;
}

async function main() {
  const transport = new StdioServerTransport();
  await createServer().connect(transport);
  console.error('notebook ready');
}

void main();
