// One run() serves stdio or else HTTP by an environment variable (trial 53C B4): the stdio branch
// connects a module-level server once per process, which is no server shared by every request;
// the HTTP route builds its own server per session, and its session dispatch is rewritten.
import http from 'node:http';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function buildServer(): Server {
  return new Server({ name: 'either', version: '1.0.0' }, { capabilities: { tools: {} } });
}
const server = buildServer();

async function run(): Promise<void> {
  if (process.env.MCP_TRANSPORT !== 'http') {
    const transport = new StdioServerTransport();
    await server.connect(transport);
    return;
  }
  http
    .createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      const parsed = body ? JSON.parse(body) : undefined;
      if (req.method !== 'POST') { res.writeHead(405, { 'Content-Type': 'application/json', Allow: 'POST' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null })); return; }
      const sessionServer = buildServer();
      const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
      });
      res.on('close', () => {
        void transport.close();
      });
      await sessionServer.connect(transport);
      await transport.handleRequest(req, res, parsed);
    })
    .listen(3000);
}

run().catch(() => process.exit(1));
