// A node:http callback (createServer imported under another name) that lets GET, POST and DELETE
// through a method list of its own (trial 32A): made stateless, GET would open a stream nothing
// writes to and never closes, so the list keeps POST alone and GET and DELETE get its refusal.
import { createServer as createHttpServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const newServer = () => new McpServer({ name: 'atlas', version: '0.3.0' });
const open = new Map<string, StreamableHTTPServerTransport>();

createHttpServer(async (req, res) => {
  // Another route's own list stays as it is.
  if (req.url === '/api/notes' && ['GET', 'POST'].includes(req.method ?? '')) {
    res.end('[]');
    return;
  }
  if (req.url !== '/mcp') {
    res.writeHead(404).end();
    return;
  }
  // Methods the endpoint takes.
  if (!['GET', 'POST', 'DELETE'].includes(req.method ?? '')) {
    res.writeHead(405).end();
    return;
  }
  const raw: Buffer[] = [];
  for await (const piece of req) raw.push(piece as Buffer);
  const body = raw.length ? JSON.parse(Buffer.concat(raw).toString()) : undefined;
  const sid = req.headers['mcp-session-id'] as string | undefined;
  if (sid && open.has(sid)) {
    await open.get(sid)!.handleRequest(req, res, body);
    return;
  }
  if (req.method === 'POST' && !sid) {
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        open.set(id, transport);
      },
    });
    await newServer().connect(transport);
    await transport.handleRequest(req, res, body);
    return;
  }
  res.writeHead(400).end('unknown session');
}).listen(8080);
