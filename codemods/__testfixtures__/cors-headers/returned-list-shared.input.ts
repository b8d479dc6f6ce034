// Lists returned by functions other code may also use: an exported function (other modules may
// call it for something else), and a method also read as a value. Neither is rewritten where it
// is written; each is marked.
import http from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export function allowedHeaders(): string {
  return 'Content-Type, Mcp-Session-Id';
}

class Gateway {
  private corsAllowedHeaders(): string {
    return 'content-type, mcp-session-id';
  }

  preflight(res: http.ServerResponse): void {
    res.setHeader('Access-Control-Allow-Headers', this.corsAllowedHeaders());
    const forwarded = this.corsAllowedHeaders;
    console.log(forwarded.call(this));
  }
}

export const gateway = new Gateway();

http
  .createServer(async (req, res) => {
    res.setHeader('Access-Control-Allow-Headers', allowedHeaders());
    const server = new McpServer({ name: 'shared', version: '1.0.0' });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  })
  .listen(3000);
