// Look-alike of node-http-known-session-body-read: besides the body read the route makes again,
// the known session's branch counts the request (`resumed.inc()`), work of the application's the
// rewrite does not know to be dead: the branch stays, and so do the session-id read and the 404
// -32001 refusal after it, each with its marker. The transport is made stateless all the same.
import { createServer, type IncomingMessage } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const resumed = { count: 0, inc() { this.count++; } };
// TODO(mcp-migrate): sessions is still used elsewhere, but with per-request transports it stays
// empty: remove the remaining uses and this map
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const sessions = new Map<string, { transport: StreamableHTTPServerTransport; server: McpServer }>();

function makeServer(): McpServer {
  const server = new McpServer({ name: 'abacus', version: '0.3.1' });
  server.registerTool('sum', { description: 'Add two numbers' }, async () => ({ content: [{ type: 'text', text: '3' }] }));
  return server;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return parts.length ? JSON.parse(Buffer.concat(parts).toString('utf8')) : undefined;
}

createServer(async (req, res) => {
  if (!req.url?.startsWith('/mcp')) {
    res.writeHead(404).end();
    return;
  }
  const sid = req.headers['mcp-session-id'] as string | undefined;
  const existing = sid ? sessions.get(sid) : undefined;
  if (existing) {
    const body = req.method === 'POST' ? await readBody(req) : undefined;
    resumed.inc();
    await existing.transport.handleRequest(req, res, body);
    return;
  }
  if (req.method !== 'POST' || sid) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null }));
    return;
  }
  const body = await readBody(req);
  const server = makeServer();
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, body);
}).listen(8080);
