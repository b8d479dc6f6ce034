// GET and DELETE are served only where a session lookup found a transport: with no sessions that
// test never passes, so it goes with the session, and the 405 runs (trial 44C).
import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const build = () => {
  const s = new McpServer({ name: 'r3', version: '1.0.0' });
  s.registerTool('hello', { description: 'hi' }, async () => ({ content: [{ type: 'text', text: 'hi' }] }));
  return s;
};
// TODO(mcp-migrate): transports is still used elsewhere, but with per-request transports it stays
// empty: remove the remaining uses and this map
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const transports = new Map();
createServer(async (req, res) => {
  const sessionId = req.headers['mcp-session-id'];
  let transport = sessionId ? transports.get(sessionId) : undefined;
  if (req.method === 'POST') {
    const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void t.close();
    });
    await build().connect(t);
    transport = t;
    await transport.handleRequest(req, res);
    return;
  }
  if (req.method === 'GET' || req.method === 'DELETE') {
    res.writeHead(405, { 'Content-Type': 'application/json', Allow: 'POST' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null }));
    return;
  }
  res.writeHead(400).end('missing or unknown session');
}).listen(3000);
