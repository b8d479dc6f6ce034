// The same refusal in a callback that routes by the method itself (DELETE answered ahead of the
// dispatch): no 405 check is added there, so the refusal still turns GET away and stays.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const live = new Map<string, StreamableHTTPServerTransport>();

createServer(async (request, response) => {
  if (request.method === 'DELETE') {
    response.writeHead(204).end();
    return;
  }
  const id = request.headers['mcp-session-id'] as string | undefined;
  let transport = id ? live.get(id) : undefined;
  if (!transport) {
    if (request.method !== 'POST') {
      response.writeHead(400).end('no session yet');
      return;
    }
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        live.set(sid, transport!);
      },
    });
    await new McpServer({ name: 'weather', version: '2.1.0' }).connect(transport);
  }
  await transport.handleRequest(request, response);
}).listen(8080);
