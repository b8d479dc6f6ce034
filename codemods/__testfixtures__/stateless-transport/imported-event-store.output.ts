// The transport's event store is the application's own class, imported from a module of its own:
// once the eventStore option goes, so does its import (the build's noUnusedLocals would report
// it; the other name imported beside it stays, still used). And the transport the branch built
// under another name declares `transport` itself (trial 78A B11: `let transport;` was left).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { replayLimit } from './replay-buffer.js';

function notesServer(): McpServer {
  const server = new McpServer({ name: 'notes', version: '2.1.0' });
  server.tool('ping', async () => ({ content: [{ type: 'text', text: 'pong' }] }));
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
  let raw = '';
  req.on('data', (chunk) => (raw += chunk));
  req.on('end', () => void onRequest(req, res, raw ? JSON.parse(raw) : undefined));
}).listen(4100, () => console.log(`notes on :4100 (replays up to ${replayLimit} events)`));
