// The dispatch fills a `session` record beside the transport, and a check after it reads the
// record (a token the session started with): with the dispatch gone the record stays unset, so
// the check never runs. It is marked, not dropped.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

type Session = { transport: StreamableHTTPServerTransport; token?: string };
const sessions = new Map<string, Session>();

export const app = http.createServer(async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  const body = JSON.parse(await new Promise<string>((resolve) => { let b = ''; req.on('data', (c) => (b += c)); req.on('end', () => resolve(b)); }));
  let transport: StreamableHTTPServerTransport;
  let session: Session | undefined;
  if (sessionId && sessions.has(sessionId)) {
    session = sessions.get(sessionId);
    transport = session!.transport;
  } else if (!sessionId && isInitializeRequest(body)) {
    const token = req.headers.authorization;
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, token });
      },
    });
    await new Server({ name: 'mail', version: '1.0.0' }, { capabilities: { tools: {} } }).connect(transport);
  } else {
    res.writeHead(400).end();
    return;
  }
  // The session's token, checked on every request of it.
  if (session && !session.token) {
    res.writeHead(401).end();
    return;
  }
  await transport.handleRequest(req, res, body);
});
