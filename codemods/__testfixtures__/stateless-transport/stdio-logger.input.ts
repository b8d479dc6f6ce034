// A CLI that serves stdio or HTTP. Its logger sends through the stdio server, which keeps its one
// connection: no marker there. The HTTP side's session dispatch becomes per request (trial 18A).
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const mode = process.argv[2] ?? 'stdio';
const stdioServer = new McpServer({ name: 'cli', version: '1.0.0' });
const log = (data: string) => {
  if (mode === 'stdio') void stdioServer.server.sendLoggingMessage({ level: 'info', data });
};

if (mode === 'http') {
  const app = express();
  app.use(express.json());
  const sessions: Record<string, StreamableHTTPServerTransport> = {};
  app.post('/mcp', async (req, res) => {
    const sid = req.headers['mcp-session-id'] as string | undefined;
    let transport = sid ? sessions[sid] : undefined;
    if (!transport) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          sessions[id] = transport!;
        },
      });
      await new McpServer({ name: 'cli', version: '1.0.0' }).connect(transport);
    }
    await transport.handleRequest(req, res, req.body);
  });
  app.listen(3000);
} else {
  await stdioServer.connect(new StdioServerTransport());
  log('started');
}
