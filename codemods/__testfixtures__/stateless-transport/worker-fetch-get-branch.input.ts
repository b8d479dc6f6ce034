// A Worker's fetch(request, env): its GET branch served a session's stream from the map, and a
// helper beside it ended sessions. Both return Responses; the second parameter is the environment.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

interface Env {
  GREETING: string;
}

const live = new Map<string, WebStandardStreamableHTTPServerTransport>();

function greeter(env: Env) {
  const server = new McpServer({ name: 'greeter', version: '2.0.0' });
  server.registerTool('greet', { description: 'Greets' }, async () => ({ content: [{ type: 'text', text: env.GREETING }] }));
  return server;
}

async function endSession(request: Request): Promise<Response> {
  const transport = live.get(request.headers.get('mcp-session-id') ?? '');
  if (!transport) return new Response('unknown session', { status: 404 });
  return transport.handleRequest(request);
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (request.method === 'GET') {
      const transport = live.get(request.headers.get('mcp-session-id') ?? '');
      if (!transport) return new Response('unknown session', { status: 404 });
      return transport.handleRequest(request);
    }
    if (request.method === 'DELETE') return endSession(request);
    const body = await request.json();
    const known = live.get(request.headers.get('mcp-session-id') ?? '');
    if (known) return known.handleRequest(request, { parsedBody: body });
    if (!isInitializeRequest(body)) return new Response('initialize first', { status: 400 });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => crypto.randomUUID(),
      onsessioninitialized: (id) => {
        live.set(id, transport);
      },
    });
    await greeter(env).connect(transport);
    return transport.handleRequest(request, { parsedBody: body });
  },
};
