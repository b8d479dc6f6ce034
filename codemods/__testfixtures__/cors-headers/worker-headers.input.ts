import { handle } from './handler.js';

const MCP_REQUEST_HEADERS = ['content-type', 'authorization', 'mcp-session-id', 'mcp-protocol-version'];

function withCors(response: Response, origin: string): Response {
  const headers = new Headers(response.headers);
  headers.set('Access-Control-Allow-Origin', origin);
  headers.set('Access-Control-Allow-Headers', MCP_REQUEST_HEADERS.join(', '));
  headers.set('Access-Control-Expose-Headers', 'mcp-session-id');
  return new Response(response.body, { status: response.status, headers });
}

export default {
  async fetch(request: Request): Promise<Response> {
    const origin = request.headers.get('Origin') ?? '*';
    if (request.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: new Headers([
          ['Access-Control-Allow-Origin', origin],
          ['Access-Control-Allow-Methods', 'POST, GET, DELETE, OPTIONS'],
          ['Access-Control-Allow-Headers', MCP_REQUEST_HEADERS.join(', ')],
          ['Access-Control-Expose-Headers', 'Mcp-Session-Id'],
        ]),
      });
    }
    return withCors(await handle(request), origin);
  },
};
