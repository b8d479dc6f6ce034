// A web-standard route that parses the body only to test for initialize, then hands it on as
// parsedBody (trial 72C B2): with the gate gone the parse goes too, or a GET or DELETE, whose empty
// body is no JSON, throws and the route answers 500. The second route logs the body's method as
// well: that parse is the route's own and stays.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const sessions = new Map<string, WebStandardStreamableHTTPServerTransport>();
const audited = new Map<string, WebStandardStreamableHTTPServerTransport>();

function makeServer() {
  return new McpServer({ name: 'notes', version: '1.0.0' });
}

export async function serve(request: Request): Promise<Response> {
  const id = request.headers.get('mcp-session-id');
  if (id) {
    const known = sessions.get(id);
    if (!known) return new Response('Session not found', { status: 404 });
    return known.handleRequest(request);
  }
  // Parsed once, for the gate below.
  const message = await request.json();
  if (!isInitializeRequest(message)) return new Response('Bad Request', { status: 400 });
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: () => crypto.randomUUID(),
    onsessioninitialized: (sid) => {
      sessions.set(sid, transport);
    },
  });
  await makeServer().connect(transport);
  return transport.handleRequest(request, { parsedBody: message });
}

export async function serveAudited(request: Request): Promise<Response> {
  const id = request.headers.get('mcp-session-id');
  if (id) {
    const known = audited.get(id);
    if (!known) return new Response('Session not found', { status: 404 });
    return known.handleRequest(request);
  }
  const message = await request.json();
  console.log('mcp call', message.method);
  if (!isInitializeRequest(message)) return new Response('Bad Request', { status: 400 });
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: () => crypto.randomUUID(),
    onsessioninitialized: (sid) => {
      audited.set(sid, transport);
    },
  });
  await makeServer().connect(transport);
  return transport.handleRequest(request, { parsedBody: message });
}
