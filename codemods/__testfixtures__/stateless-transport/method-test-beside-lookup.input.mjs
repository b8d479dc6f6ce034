// GET and DELETE are served only where a session lookup found a transport: with no sessions that
// test never passes, so it goes with the session, and the 405 runs (trial 44C).
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const build = () => {
  const s = new McpServer({ name: 'r3', version: '1.0.0' });
  s.registerTool('hello', { description: 'hi' }, async () => ({ content: [{ type: 'text', text: 'hi' }] }));
  return s;
};
const transports = new Map();
createServer(async (req, res) => {
  const sessionId = req.headers['mcp-session-id'];
  let transport = sessionId ? transports.get(sessionId) : undefined;
  if (req.method === 'POST') {
    if (!transport) {
      const t = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sid) => { transports.set(sid, t); } });
      t.onclose = () => { if (t.sessionId) transports.delete(t.sessionId); };
      await build().connect(t);
      transport = t;
    }
    await transport.handleRequest(req, res);
    return;
  }
  if ((req.method === 'GET' || req.method === 'DELETE') && transport) {
    await transport.handleRequest(req, res);
    return;
  }
  res.writeHead(400).end('missing or unknown session');
}).listen(3000);
