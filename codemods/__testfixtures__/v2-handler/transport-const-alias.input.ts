// The per-request transport under two names, as stateless-transport leaves a dispatch whose branch
// built it as `fresh` and assigned it to `transport` (`const transport = fresh;`, trial 78A B11):
// both are the one transport, connected and served, and the route moves to createMcpHandler whole.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function notesServer(): McpServer {
  const server = new McpServer({ name: 'notes', version: '2.1.0' });
  server.registerTool('ping', { description: 'Answers pong' }, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
  return server;
}

async function onRequest(req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> {
  const fresh = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void fresh.close();
  });
  const transport = fresh;
  await notesServer().connect(fresh);
  await transport.handleRequest(req, res, body);
}

createServer((req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(405, { Allow: 'POST' }).end();
    return;
  }
  let raw = '';
  req.on('data', (chunk) => (raw += chunk));
  req.on('end', () => void onRequest(req, res, raw ? JSON.parse(raw) : undefined));
}).listen(4100);
