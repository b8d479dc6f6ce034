// A node:http callback (createServer imported under another name) that lets GET, POST and DELETE
// through a method list of its own (trial 32A): made stateless, GET would open a stream nothing
// writes to and never closes, so the list keeps POST alone and GET and DELETE get its refusal.
import { createServer as createHttpServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const newServer = () => new McpServer({ name: 'atlas', version: '0.3.0' });

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
  if (!['POST'].includes(req.method ?? '')) {
    res.writeHead(405).end();
    return;
  }
  const raw: Buffer[] = [];
  for await (const piece of req) raw.push(piece as Buffer);
  const body = raw.length ? JSON.parse(Buffer.concat(raw).toString()) : undefined;
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await newServer().connect(transport);
  await transport.handleRequest(req, res, body);
}).listen(8080);
