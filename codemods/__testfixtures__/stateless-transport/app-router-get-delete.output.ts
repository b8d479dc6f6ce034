// A Next.js App Router route (app/api/mcp/route.ts): POST dispatches sessions from a module-level
// map; GET and DELETE, exported beside it, serve a session's stream and its end from that map.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

export const dynamic = 'force-dynamic';

function notesServer() {
  const server = new McpServer({ name: 'notes', version: '0.3.0' });
  server.registerTool('list_notes', { description: 'List the notes' }, async () => ({ content: [{ type: 'text', text: '[]' }] }));
  return server;
}

export async function POST(request: Request) {
  const body = await request.json();
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  await notesServer().connect(transport);
  return transport.handleRequest(request, { parsedBody: body });
}

// GET answers 405: 2026-07-28 has no stream to open.
export async function GET(_request: Request) {
  return new Response(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null }), { status: 405, headers: { 'Content-Type': 'application/json', Allow: 'POST' } });
}

// DELETE answers 405: 2026-07-28 has no session to end.
export const DELETE = async (_request: Request) => {
  return new Response(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null }), { status: 405, headers: { 'Content-Type': 'application/json', Allow: 'POST' } });
};
