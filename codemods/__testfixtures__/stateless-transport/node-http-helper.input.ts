// A node:http callback that hands each request to a function of the file (`handle(req, res)`),
// which tests no method: the per-request transport gets the 405 check ahead of it, as it does in
// the callback itself (trial 70C B1).
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const transports: Record<string, StreamableHTTPServerTransport> = {};

const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  if (sid && transports[sid]) {
    await transports[sid].handleRequest(req, res);
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      transports[id] = transport;
    },
  });
  await new McpServer({ name: 'atlas', version: '0.9.0' }).connect(transport);
  await transport.handleRequest(req, res);
};

http
  .createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  })
  .listen(8080);
