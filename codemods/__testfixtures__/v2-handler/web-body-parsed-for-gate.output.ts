// A web-standard route that parses the body only to test for initialize, then hands it on as
// parsedBody (trial 72C B2): with the gate gone the parse goes too, or a GET or DELETE, whose empty
// body is no JSON, throws and the route answers 500. The second route logs the body's method as
// well: that parse is the route's own and stays.
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';


// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
function makeServer() {
  return new McpServer({ name: 'notes', version: '1.0.0' });
}

const mcpHandler = createMcpHandler(() => makeServer());

export async function serve(request: Request): Promise<Response> {
  return mcpHandler.fetch(request);
}

export async function serveAudited(request: Request): Promise<Response> {
  const message = await request.json();
  console.log('mcp call', message.method);
  return mcpHandler.fetch(request, { parsedBody: message });
}
