// A web-standard route that parses the body only to test for initialize, then hands it on as
// parsedBody (trial 72C B2): with the gate gone the parse goes too, or a GET or DELETE, whose empty
// body is no JSON, throws and the route answers 500. The second route logs the body's method as
// well: that parse is the route's own and stays.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';


function makeServer() {
  return new McpServer({ name: 'notes', version: '1.0.0' });
}

export async function serve(request: Request): Promise<Response> {
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  await makeServer().connect(transport);
  return transport.handleRequest(request);
}

export async function serveAudited(request: Request): Promise<Response> {
  const message = await request.json();
  console.log('mcp call', message.method);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  await makeServer().connect(transport);
  return transport.handleRequest(request, { parsedBody: message });
}
