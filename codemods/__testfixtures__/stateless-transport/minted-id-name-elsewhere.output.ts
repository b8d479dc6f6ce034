// The id minted for the generator is marked where it is made (it is handed to the server factory,
// and minted on every request now); another function's id of the same name, minted the same way
// for a database row, is not that id and gets no marker (trial 24A).
import { randomUUID } from 'node:crypto';
import express from 'express';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export function serveWith(build: (context: { sessionId: string }) => McpServer) {
  const app = express();
  app.use(express.json());
  app.post('/mcp', async (req, res) => {
    // TODO(mcp-migrate): newSessionId was the session's id, minted once per session for the
    // generator; now it is minted on every request, so the code still handed it (as a session id,
    // say) gets a new value each time and what it keys by it lasts one request: key that state by
    // an explicit handle the tools take, then delete newSessionId
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    const newSessionId = randomUUID();
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
    });
    res.on('close', () => {
      void transport.close();
    });
    await build({ sessionId: newSessionId }).connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  return app;
}

export function recordVisit(db: { insert(row: object): void }) {
  const newSessionId = randomUUID();
  db.insert({ id: newSessionId, at: Date.now() });
}
