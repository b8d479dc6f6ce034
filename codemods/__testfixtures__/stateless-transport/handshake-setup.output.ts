// A server set up once the handshake is over: the factory registers a tool in oninitialized, for
// clients that declared sampling. Built per request, every request after the one carrying
// initialize would get a server without that tool: the dispatch stays, and the connect is marked.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

function createServer() {
  const server = new McpServer({ name: 'digest', version: '1.0.0' });
  server.server.oninitialized = () => {
    console.log('client ready');
    if (server.server.getClientCapabilities()?.sampling) {
      server.registerTool('summarize', { description: 'Summarize with the client model' }, async () => ({ content: [] }));
    }
  };
  return server;
}

const transports: Record<string, StreamableHTTPServerTransport> = {};

const app = express();
app.use(express.json());

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
    const built = createServer();
    // TODO(mcp-migrate): the server createServer() builds is set up in oninitialized (in this
    // file), once the initialize handshake is over: built per request, it would get that setup only
    // on the request that carries initialize, and every later request would miss it (tools
    // registered there would not be found). Do that setup when the server is built (2026-07-28
    // clients never send initialize; read their capabilities from each request), then run fix again
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    await built.connect(transport);
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
