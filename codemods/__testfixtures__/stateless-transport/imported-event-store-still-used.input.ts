// Look-alike of imported-event-store: the store class is used again after the transport (a debug
// route counts what it holds), so its import stays once the eventStore option goes; and
// `transport` is read (logged) before the branch assigns it, so it stays declared where it was.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { ReplayBuffer } from './replay-buffer.js';

const open = new Map<string, StreamableHTTPServerTransport>();
const probe = new ReplayBuffer(10);

function notesServer(): McpServer {
  const server = new McpServer({ name: 'notes', version: '2.1.0' });
  server.tool('ping', async () => ({ content: [{ type: 'text', text: 'pong' }] }));
  return server;
}

async function onRequest(req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> {
  if (req.url === '/debug/replay') {
    res.end(String(probe.size));
    return;
  }
  const sid = req.headers['mcp-session-id'] as string | undefined;
  let transport = sid ? open.get(sid) : undefined;
  console.log('known session:', transport !== undefined);
  if (!transport) {
    if (sid || !isInitializeRequest(body)) {
      res.writeHead(404).end('unknown session');
      return;
    }
    const fresh = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      eventStore: new ReplayBuffer(50),
      onsessioninitialized: (id) => { open.set(id, fresh); },
    });
    transport = fresh;
    await notesServer().connect(fresh);
  }
  await transport.handleRequest(req, res, body);
}

createServer((req, res) => {
  let raw = '';
  req.on('data', (chunk) => (raw += chunk));
  req.on('end', () => void onRequest(req, res, raw ? JSON.parse(raw) : undefined));
}).listen(4100);
