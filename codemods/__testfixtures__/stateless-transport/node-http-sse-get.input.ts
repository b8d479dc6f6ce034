// A node:http server whose GET serves the legacy HTTP+SSE transport beside a sessionful
// Streamable HTTP endpoint (mcp-proxy): the GET branch is the old transport's stream, which
// sse-transport moves, not the Streamable HTTP GET stream to answer 405. It and its map stay.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const build = () => new McpServer({ name: 'proxy', version: '1.0.0' });
const streams: Record<string, StreamableHTTPServerTransport> = {};
const sse: Record<string, SSEServerTransport> = {};

http
  .createServer(async (req, res) => {
    if (req.method === 'GET') {
      // legacy HTTP+SSE endpoint
      const transport = new SSEServerTransport('/messages', res);
      sse[transport.sessionId] = transport;
      return;
    }
    const sessionId = req.headers['mcp-session-id'] as string | undefined;
    let transport = sessionId ? streams[sessionId] : undefined;
    if (!transport && isInitializeRequest(req)) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          streams[id] = transport!;
        },
      });
      await build().connect(transport);
    }
    await transport!.handleRequest(req, res);
  })
  .listen(3000);
