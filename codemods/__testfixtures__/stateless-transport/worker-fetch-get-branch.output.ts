// A Worker's fetch(request, env): its GET branch served a session's stream from the map, and a
// helper beside it ended sessions. Both return Responses; the second parameter is the environment.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

interface Env {
  GREETING: string;
}

function greeter(env: Env) {
  const server = new McpServer({ name: 'greeter', version: '2.0.0' });
  server.registerTool('greet', { description: 'Greets' }, async () => ({ content: [{ type: 'text', text: env.GREETING }] }));
  return server;
}

async function endSession(_request: Request): Promise<Response> {
  return new Response(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null }), { status: 405, headers: { 'Content-Type': 'application/json', Allow: 'POST' } });
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (request.method === 'GET') {
      return new Response(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null }), { status: 405, headers: { 'Content-Type': 'application/json', Allow: 'POST' } });
    }
    if (request.method === 'DELETE') return endSession(request);
    const body = await request.json();
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
    });
    await greeter(env).connect(transport);
    return transport.handleRequest(request, { parsedBody: body });
  },
};
