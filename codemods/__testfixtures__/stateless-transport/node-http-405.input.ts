// A node:http callback every method reaches: once its transport is stateless, GET and DELETE answer
// 405 before it is built, after the routing by path (trial 26C).
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const open: Record<string, StreamableHTTPServerTransport> = {};

async function onRequest(req: http.IncomingMessage, res: http.ServerResponse) {
  if (req.url !== '/mcp') {
    res.writeHead(404).end();
    return;
  }
  const sid = req.headers['mcp-session-id'] as string | undefined;
  if (sid && open[sid]) {
    await open[sid].handleRequest(req, res);
    return;
  }
  // One transport per session.
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      open[id] = transport;
    },
  });
  await new McpServer({ name: 'clock', version: '1.0.0' }).connect(transport);
  await transport.handleRequest(req, res);
}

http.createServer(onRequest).listen(3000);
