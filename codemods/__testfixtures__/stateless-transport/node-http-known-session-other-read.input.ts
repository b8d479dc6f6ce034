// Look-alike of node-http-known-session-body-read: the known session's branch reads the body
// through a helper of its own (`readAndRecord(req, sid!)`), not the read the route makes again
// for the transport it builds: what that helper does besides is not known to be only a read, so
// the branch stays, with the session-id read and the 404 -32001 refusal after it, each marked.
import { createServer, type IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

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

async function readAndRecord(req: IncomingMessage, sid: string): Promise<unknown> {
  const body = await readBody(req);
  console.error(`session ${sid} resumed`);
  return body;
}

createServer(async (req, res) => {
  if (!req.url?.startsWith('/mcp')) {
    res.writeHead(404).end();
    return;
  }
  const sid = req.headers['mcp-session-id'] as string | undefined;
  const existing = sid ? sessions.get(sid) : undefined;
  if (existing) {
    const body = req.method === 'POST' ? await readAndRecord(req, sid!) : undefined;
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
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (newId) => {
      sessions.set(newId, { transport, server });
    },
    onsessionclosed: (closedId) => {
      sessions.delete(closedId);
    },
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, body);
}).listen(8080);
