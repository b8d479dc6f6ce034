// Lists returned by functions other code may also use: an exported function (other modules may
// call it for something else), and a method also read as a value. Neither is rewritten where it
// is written; each is marked.
import http from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export function allowedHeaders(): string {
  // TODO(mcp-migrate): CORS allowedHeaders lists Mcp-Session-Id; drop it and list Mcp-Method,
  // Mcp-Name and MCP-Protocol-Version instead (not rewritten automatically)
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  return 'Content-Type, Mcp-Session-Id';
}

class Gateway {
  private corsAllowedHeaders(): string {
    return 'content-type, mcp-session-id';
  }

  preflight(res: http.ServerResponse): void {
    // TODO(mcp-migrate): corsAllowedHeaders() is used beyond the CORS lists it feeds here (another
    // call, a reference to it, or lists of both kinds), so it was not rewritten: drop
    // Mcp-Session-Id from this CORS list and make sure it lists Mcp-Method, Mcp-Name and
    // MCP-Protocol-Version
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
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
