// Deno with the SDK in its import map (bare specifiers) and only zod through npm:: the file moves
// as a Node one does (the import map then needs the v2 packages, as a package.json would).
// (JavaScript: the type check of v2-handler's outputs resolves neither npm: specifiers nor Deno's globals.)
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'npm:zod@4.2.0';

function clockServer() {
  const server = new McpServer({ name: 'clock', version: '1.1.0' });
  server.registerTool('now', { description: 'the time in a zone', inputSchema: { zone: z.string() } }, async ({ zone }) => ({
    content: [{ type: 'text', text: new Date().toLocaleString('en-GB', { timeZone: zone }) }],
  }));
  return server;
}

await clockServer().connect(new StdioServerTransport());
