// The session map is made in start() as streamableSessions and handed to handle() as sessions:
// the dispatch in handle() is read through the parameter's name.
import http from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function makeServer() {
  return new McpServer({ name: 'demo', version: '1.0.0' });
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse, _sessions: Map<string, StreamableHTTPServerTransport>) {
  if (req.method === 'POST') {
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
    });
    res.on('close', () => {
      void transport.close();
    });
    await makeServer().connect(transport);
    return await transport.handleRequest(req, res);
  }
  res.statusCode = 400;
  res.end('Invalid request');
}

export function start() {
  // TODO(mcp-migrate): streamableSessions is still used elsewhere, but with per-request transports
  // it stays empty: remove the remaining uses and this map
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  const streamableSessions = new Map<string, StreamableHTTPServerTransport>();
  http
    .createServer(async (req, res) => {
      await handle(req, res, streamableSessions);
    })
    .listen(3000);
}
