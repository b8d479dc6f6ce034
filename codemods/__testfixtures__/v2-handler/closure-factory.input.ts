// The server is built from values local to the functions around the route (a spec path read at
// startup, a token from the request): a module-level createMcpHandler cannot see them, so the
// route is marked instead of rewritten into code that does not compile.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { buildProxy } from './proxy.js';

export function startServer(specPath: string) {
  const app = express();
  app.use(express.json());
  const transports: Record<string, StreamableHTTPServerTransport> = {};

  app.post('/mcp', async (req, res) => {
    const token = req.header('authorization');
    const sessionId = req.headers['mcp-session-id'] as string | undefined;
    let transport: StreamableHTTPServerTransport;
    if (sessionId && transports[sessionId]) {
      transport = transports[sessionId];
    } else if (!sessionId && isInitializeRequest(req.body)) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          transports[id] = transport;
        },
      });
      const proxy = await buildProxy(specPath, token);
      await proxy.connect(transport);
    } else {
      res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
      return;
    }
    await transport.handleRequest(req, res, req.body);
  });
  return app;
}
