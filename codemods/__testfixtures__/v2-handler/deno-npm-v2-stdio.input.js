// Deno on the v2 packages through npm:, still on their 2025 stdio transport: serveStdio would be
// imported by its bare name, which Deno does not resolve, so the file stays as it is, marked.
// (JavaScript: the type check of v2-handler's outputs resolves neither npm: specifiers nor Deno's globals.)
import { McpServer } from 'npm:@modelcontextprotocol/server@^2.4.0';
import { StdioServerTransport } from 'npm:@modelcontextprotocol/server@^2.4.0/stdio';
import * as z from 'npm:zod@4.2.0';

function clockServer() {
  const server = new McpServer({ name: 'clock', version: '1.1.0' });
  server.registerTool('now', { description: 'the time in a zone', inputSchema: z.object({ zone: z.string() }) }, async ({ zone }) => ({
    content: [{ type: 'text', text: new Date().toLocaleString('en-GB', { timeZone: zone }) }],
  }));
  return server;
}

await clockServer().connect(new StdioServerTransport());
