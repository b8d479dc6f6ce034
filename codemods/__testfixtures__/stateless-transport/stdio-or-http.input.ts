// One run() serves stdio or else HTTP by an environment variable (trial 53C B4): the stdio branch
// connects a module-level server once per process, which is no server shared by every request;
// the HTTP route builds its own server per session, and its session dispatch is rewritten.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

function buildServer(): Server {
  return new Server({ name: 'either', version: '1.0.0' }, { capabilities: { tools: {} } });
}
const server = buildServer();
const sessions = new Map<string, StreamableHTTPServerTransport>();

async function run(): Promise<void> {
  if (process.env.MCP_TRANSPORT !== 'http') {
    const transport = new StdioServerTransport();
    await server.connect(transport);
    return;
  }
  http
    .createServer(async (req, res) => {
      const sessionId = req.headers['mcp-session-id'] as string | undefined;
      let body = '';
      for await (const chunk of req) body += chunk;
      const parsed = body ? JSON.parse(body) : undefined;
      let transport: StreamableHTTPServerTransport;
      if (sessionId && sessions.has(sessionId)) {
        transport = sessions.get(sessionId)!;
      } else if (!sessionId && isInitializeRequest(parsed)) {
        const sessionServer = buildServer();
        transport = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (sid) => {
            sessions.set(sid, transport);
          },
        });
        await sessionServer.connect(transport);
      } else {
        res.writeHead(400).end('Bad Request: no valid session');
        return;
      }
      await transport.handleRequest(req, res, parsed);
    })
    .listen(3000);
}

run().catch(() => process.exit(1));
