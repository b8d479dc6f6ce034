// Deno serving v1 through npm: specifiers: fix does not write those yet, so the file stays as it is,
// marked (trial 68C B1: v2 imports by bare names beside the v1 McpServer, and it no longer started).
// (JavaScript: the type check of v2-handler's outputs resolves neither npm: specifiers nor Deno's globals.)
import { McpServer } from 'npm:@modelcontextprotocol/sdk@1.25.0/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from 'npm:@modelcontextprotocol/sdk@1.25.0/server/webStandardStreamableHttp.js';
import { z } from 'npm:zod@4.2.0';

function notesServer() {
  const server = new McpServer({ name: 'notes', version: '0.3.0' });
  server.registerTool('note', { description: 'keep a note', inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: 'text', text: `noted: ${text}` }],
  }));
  return server;
}

const open = new Map();
Deno.serve({ port: 8123 }, async (request) => {
  const id = request.headers.get('mcp-session-id');
  if (id && open.has(id)) return open.get(id).handleRequest(request);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: () => crypto.randomUUID(),
    onsessioninitialized: (sid) => {
      open.set(sid, transport);
    },
  });
  await notesServer().connect(transport);
  return transport.handleRequest(request);
});
