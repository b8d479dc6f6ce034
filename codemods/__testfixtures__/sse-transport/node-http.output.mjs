// node:http without a router: the codemod marks the SSE endpoint instead of rewriting it.
import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

const sessions = new Map();

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/sse') {
    // TODO(mcp-migrate): legacy HTTP+SSE endpoint (sessionful; it can never serve 2026-07-28) in a
    // shape this codemod does not rewrite: serve Streamable HTTP instead, one POST endpoint with a
    // new StreamableHTTPServerTransport({ sessionIdGenerator: undefined }) and a new server per
    // request, and answer the old SSE paths with 410 naming it
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports)
    const transport = new SSEServerTransport('/messages', res);
    sessions.set(transport.sessionId, transport);
    res.on('close', () => sessions.delete(transport.sessionId));
    await new McpServer({ name: 'plain', version: '1.0.0' }).connect(transport);
    return;
  }
  if (req.method === 'POST' && url.pathname === '/messages') {
    const transport = sessions.get(url.searchParams.get('sessionId'));
    // TODO(mcp-migrate): the POST half of the legacy HTTP+SSE transport, in a shape this codemod
    // does not rewrite: answer it with 410 naming your Streamable HTTP endpoint, or remove it
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports)
    if (transport) await transport.handlePostMessage(req, res);
    else res.writeHead(404).end();
    return;
  }
  res.writeHead(404).end();
}).listen(3000);
