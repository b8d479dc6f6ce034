// The dispatch fills a `session` record beside the transport, and a check after it reads the
// record (a token the session started with): with the dispatch gone the record stays unset, so
// the check never runs. It is marked, not dropped.
import http from 'node:http';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

type Session = { transport: StreamableHTTPServerTransport; token?: string };

export const app = http.createServer(async (req, res) => {
  const body = JSON.parse(await new Promise<string>((resolve) => { let b = ''; req.on('data', (c) => (b += c)); req.on('end', () => resolve(b)); }));
  let session: Session | undefined;
  if (req.method !== 'POST') { res.writeHead(405, { 'Content-Type': 'application/json', Allow: 'POST' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null })); return; }
  const token = req.headers.authorization;
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new Server({ name: 'mail', version: '1.0.0' }, { capabilities: { tools: {} } }).connect(transport);
  // TODO(mcp-migrate): session was set by the session dispatch this rewrite removed, so it stays
  // undefined and code that tests it here no longer runs (a per-session check, say): do on every
  // request what it did for a session
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  // The session's token, checked on every request of it.
  if (session && !session.token) {
    res.writeHead(401).end();
    return;
  }
  await transport.handleRequest(req, res, body);
});
