// The refusal of every method but POST ahead of the transport, in the node:http callback itself,
// after the known-session dispatch, answering 400 (trial 70C B1): it answers 405 with Allow: POST,
// the path test before it stays as it is.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const sessions = new Map<string, StreamableHTTPServerTransport>();

createServer(async (req, res) => {
  if (req.url !== '/mcp') {
    res.writeHead(404).end();
    return;
  }
  const sid = req.headers['mcp-session-id'];
  if (typeof sid === 'string' && sessions.has(sid)) {
    await sessions.get(sid)!.handleRequest(req, res);
    return;
  }
  if (req.method != 'POST') return void res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad Request: no valid session ID');
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => void sessions.set(id, transport),
  });
  await new McpServer({ name: 'tides', version: '3.0.0' }).connect(transport);
  await transport.handleRequest(req, res);
}).listen(8080);
