// The server is handed to the function that sets up the routes: one for every request, like a
// module-level one. The dispatch stays and the connect is marked.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const transports: { [sessionId: string]: StreamableHTTPServerTransport } = {};

export function mount(app: express.Express, server: McpServer) {
app.post('/mcp', async (req, res) => {
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
    // TODO(mcp-migrate): `server` is one server shared by every request: the SDK (v1 from 1.26.0,
    // and the v2 packages) refuses a second connect() while the first transport is open ("Already
    // connected"): a second session, overlapping requests or a client's open GET stream fail; older
    // v1 versions answered one client on another's transport. Build a new server per request (where
    // `server` is handed in, take the function that builds one, its factory, and call it per
    // request), then run fix again
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    await server.connect(transport);
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});
}
