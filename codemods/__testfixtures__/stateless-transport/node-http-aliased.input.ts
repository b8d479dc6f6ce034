// node:http's createServer imported under another name: the callback is still one every method
// reaches, so non-POST requests answer 405 before the per-request transport is built.
import { createServer as startHttp } from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const live: Record<string, StreamableHTTPServerTransport> = {};

startHttp(async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  if (sid && live[sid]) {
    transport = live[sid];
  } else if (!sid) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        live[id] = transport;
      },
    });
    await new McpServer({ name: 'atlas', version: '0.3.0' }).connect(transport);
  } else {
    res.writeHead(404).end();
    return;
  }
  await transport.handleRequest(req, res);
}).listen(8080);
