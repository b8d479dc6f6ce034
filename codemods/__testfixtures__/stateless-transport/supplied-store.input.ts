// A library's server factory: its callers may hand in the collection sessions are kept in, and a
// Map is made when they do not. The rewrite deletes the collection, and a marker says the option
// is now ignored; the branch's comment on starting a session goes with the branch.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

export interface ServeOptions {
  /** Where open sessions are kept (a shared LRU, say). */
  sessions?: Map<string, StreamableHTTPServerTransport>;
  build: () => McpServer;
}

export function serveMcp(options: ServeOptions) {
  const app = express();
  app.use(express.json());
  const sessions = options.sessions ?? new Map<string, StreamableHTTPServerTransport>();
  app.post('/mcp', async (req, res) => {
    const sessionId = req.headers['mcp-session-id'] as string | undefined;
    let transport: StreamableHTTPServerTransport;
    if (sessionId && sessions.has(sessionId)) {
      transport = sessions.get(sessionId)!;
    } else if (!sessionId && isInitializeRequest(req.body)) {
      // A new session starts here.
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          sessions.set(id, transport);
        },
      });
      await options.build().connect(transport);
    } else {
      res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
      return;
    }
    await transport.handleRequest(req, res, req.body);
  });
  return app;
}
