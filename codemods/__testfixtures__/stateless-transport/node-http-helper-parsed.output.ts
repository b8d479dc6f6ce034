// Look-alike: the callback answers 405 to every method but POST itself before it hands the
// request on: the function is handed POSTs only, so no 405 check goes into it.
import http from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

async function serve(req: http.IncomingMessage, res: http.ServerResponse, body: unknown) {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'atlas', version: '0.9.0' }).connect(transport);
  await transport.handleRequest(req, res, body);
}

http
  .createServer(async (request, response) => {
    if (request.method !== 'POST') {
      response.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    let raw = '';
    for await (const chunk of request) raw += chunk;
    await serve(request, response, JSON.parse(raw));
  })
  .listen(8080);
