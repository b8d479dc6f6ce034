// The per-request transport under two names, as stateless-transport leaves a dispatch whose branch
// built it as `fresh` and assigned it to `transport` (`const transport = fresh;`, trial 78A B11):
// both are the one transport, connected and served, and the route moves to createMcpHandler whole.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

function notesServer(): McpServer {
  const server = new McpServer({ name: 'notes', version: '2.1.0' });
  server.registerTool('ping', { description: 'Answers pong' }, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
  return server;
}

const mcpHandler = toNodeHandler(createMcpHandler(() => notesServer()));

async function onRequest(req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> {
  await mcpHandler(req, res, body);
}

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
createServer((req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(405, { Allow: 'POST' }).end();
    return;
  }
  let raw = '';
  req.on('data', (chunk) => (raw += chunk));
  req.on('end', () => void onRequest(req, res, raw ? JSON.parse(raw) : undefined));
}).listen(4100);
