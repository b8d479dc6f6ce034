// A library's server factory: its callers may hand in the collection sessions are kept in, and a
// Map is made when they do not. The rewrite deletes the collection, and a marker says the option
// is now ignored; the branch's comment on starting a session goes with the branch.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export interface ServeOptions {
  /** Where open sessions are kept (a shared LRU, say). */
  sessions?: Map<string, StreamableHTTPServerTransport>;
  build: () => McpServer;
}

export function serveMcp(options: ServeOptions) {
  const app = express();
  app.use(express.json());
  // TODO(mcp-migrate): options.sessions, the collection a caller could hand in for sessions, is no
  // longer used: with per-request transports there are no sessions to keep. Remove that option from
  // your API (or document that it is ignored), and tell its callers
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  app.post('/mcp', async (req, res) => {
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
    });
    res.on('close', () => {
      void transport.close();
    });
    await options.build().connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  return app;
}
