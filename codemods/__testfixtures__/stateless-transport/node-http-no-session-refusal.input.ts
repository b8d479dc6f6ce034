// A node:http callback whose branch for a new session refused anything but POST ("no session"):
// once the transport is built per request, the 405 check ahead of it answers those, so the old
// refusal is dead code that still talks of sessions and goes (trial 58C B2).
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const live = new Map<string, StreamableHTTPServerTransport>();

createServer(async (request, response) => {
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
