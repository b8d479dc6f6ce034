// Deno on the v2 packages through npm: and served with createMcpHandler already: nothing to write,
// and no marker about the specifiers.
// (JavaScript: the type check of v2-handler's outputs resolves neither npm: specifiers nor Deno's globals.)
import { createMcpHandler, McpServer } from 'npm:@modelcontextprotocol/server@2.4.0';
import * as z from 'npm:zod@4.2.0';

function clockServer() {
  const server = new McpServer({ name: 'clock', version: '1.1.0' });
  server.registerTool('now', { description: 'the time in a zone', inputSchema: z.object({ zone: z.string() }) }, async ({ zone }) => ({
    content: [{ type: 'text', text: new Date().toLocaleString('en-GB', { timeZone: zone }) }],
  }));
  return server;
}

const handler = createMcpHandler(() => clockServer());
Deno.serve({ port: 8124 }, (request) => handler(request));
