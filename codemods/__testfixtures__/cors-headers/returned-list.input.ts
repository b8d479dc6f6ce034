// CORS lists returned by a function or method, not written where the header is set: a CORS list
// by the function's name, or by where its calls go (a warning cors-headers rewrites), not a bare
// use of the header (trial 30B).
import http from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const exposed = () =>
  // ruleid: session-header
  'Mcp-Session-Id';

function requestHeaderNames(): string {
  // ruleid: session-header
  return 'Content-Type, Mcp-Session-Id, Mcp-Protocol-Version';
}

export class Host {
  protected corsAllowedHeaders(): string {
    // ruleid: removed-feature
    return 'Content-Type, Authorization, Last-Event-ID';
  }

  listen(): void {
    http
      .createServer(async (req, res) => {
        res.setHeader('Access-Control-Allow-Headers', this.corsAllowedHeaders());
        res.setHeader('Access-Control-Allow-Headers', requestHeaderNames());
        res.setHeader('Access-Control-Expose-Headers', exposed());
        const server = new McpServer({ name: 'host', version: '1.0.0' });
        const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
        res.on('close', () => {
          void transport.close();
          void server.close();
        });
        await server.connect(transport);
        await transport.handleRequest(req, res);
      })
      .listen(3000);
  }
}
