// Trial 73C B2 on a Next.js route over the web-standard transport: the branch for a request no
// transport was found for refuses a session id it does not know (`if (sid) return new
// Response('Session not found', { status: 404 })`). Moved out of the dispatch it answered 404 to
// every request that carries Mcp-Session-Id: it goes with the dispatch. The route's own 404 for an
// unknown workspace (a header of its own, no session) stays.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

const live = new Map<string, WebStandardStreamableHTTPServerTransport>();
const workspaces = new Set(['docs', 'ops']);

function createServer() {
  return new McpServer({ name: 'desk', version: '1.2.0' });
}

async function handle(req: Request): Promise<Response> {
  const sid = req.headers.get('mcp-session-id');
  let transport = sid ? live.get(sid) : undefined;
  if (!transport) {
    if (sid) return new Response('Session not found', { status: 404 });
    const workspace = req.headers.get('x-workspace');
    if (workspace && !workspaces.has(workspace)) return Response.json({ error: 'unknown workspace' }, { status: 404 });
    transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => crypto.randomUUID(),
      onsessioninitialized: (id) => {
        live.set(id, transport!);
      },
    });
    await createServer().connect(transport);
  }
  return transport.handleRequest(req);
}

export const POST = handle;
export const GET = handle;
export const DELETE = handle;
