// One McpServer for everybody: the codemod cannot invent a factory, so it marks the connect.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer, isInitializeRequest } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';

const server = new McpServer({ name: 'singleton', version: '1.0.0' });
const transports: { [sessionId: string]: NodeStreamableHTTPServerTransport } = {};

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport: NodeStreamableHTTPServerTransport;
  if (sessionId && transports[sessionId]) {
    transport = transports[sessionId];
  } else if (!sessionId && isInitializeRequest(req.body)) {
    transport = new NodeStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports[id] = transport;
      },
    });
    // TODO(mcp-migrate): `server` is one server shared by every request: the SDK (v1 from 1.26.0,
    // and the v2 packages) refuses a second connect() while the first transport is open ("Already
    // connected"): a second session, overlapping requests or a client's open GET stream fail; older
    // v1 versions answered one client on another's transport. Build a new server per request (move
    // its setup, the tools and handlers it registers, into a function that builds it, and call that
    // per request), then run fix again
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    await server.connect(transport);
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
