// A node:http callback handing each request to a function of the file, which refuses every
// method but POST with 400 "no session" (trial 70C B1): the refusal answers 405 with Allow: POST
// ahead of the handler, as createMcpHandler itself would.
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const build = () => new McpServer({ name: 'ledger', version: '1.4.0' });
const transports = new Map<string, StreamableHTTPServerTransport>();

async function handle(req: IncomingMessage, res: ServerResponse) {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  if (sid && transports.has(sid)) {
    await transports.get(sid)!.handleRequest(req, res);
    return;
  }
  // Only a POSTed initialize may start a session.
  if (req.method !== 'POST') {
    res.writeHead(400).end('no session');
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      transports.set(id, transport);
    },
  });
  await build().connect(transport);
  await transport.handleRequest(req, res);
}

createServer((req, res) => {
  void handle(req, res);
}).listen(8080);
