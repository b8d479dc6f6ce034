// A node:http server whose GET serves the legacy HTTP+SSE transport beside a sessionful
// Streamable HTTP endpoint (mcp-proxy): the GET branch is the old transport's stream, which
// sse-transport moves, not the Streamable HTTP GET stream to answer 405. It and its map stay.
import http from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const build = () => new McpServer({ name: 'proxy', version: '1.0.0' });
const sse: Record<string, SSEServerTransport> = {};

http
  .createServer(async (req, res) => {
    if (req.method === 'GET') {
      // legacy HTTP+SSE endpoint
      const transport = new SSEServerTransport('/messages', res);
      sse[transport.sessionId] = transport;
      return;
    }
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
    });
    res.on('close', () => {
      void transport.close();
    });
    await build().connect(transport);
    await transport!.handleRequest(req, res);
  })
  .listen(3000);
