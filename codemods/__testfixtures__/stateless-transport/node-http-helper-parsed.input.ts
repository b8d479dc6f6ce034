// Look-alike: the callback answers 405 to every method but POST itself before it hands the
// request on: the function is handed POSTs only, so no 405 check goes into it.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const transports: Record<string, StreamableHTTPServerTransport> = {};

async function serve(req: http.IncomingMessage, res: http.ServerResponse, body: unknown) {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  if (sid && transports[sid]) {
    await transports[sid].handleRequest(req, res, body);
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      transports[id] = transport;
    },
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
