// The branch that adopts the id a client proposes also restores what that client saved: the two
// branches differ, and which one every request should run is not for the rewrite to choose.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const transports: Record<string, StreamableHTTPServerTransport> = {};

async function restore(id: string): Promise<void> {
  console.log('restoring', id);
}

function buildServer(): McpServer {
  return new McpServer({ name: 'proposed', version: '1.0.0' });
}

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  if (sid && transports[sid]) {
    transport = transports[sid];
  } else if (sid && req.body?.method === 'initialize') {
    // The client proposed this id: its saved work is loaded back.
    await restore(sid);
    // TODO(mcp-migrate): session dispatch not recognised: create this transport per request
    // (sessionIdGenerator: undefined), serve the request with it, and remove the session lookup by
    // hand
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => sid,
      onsessioninitialized: (id) => {
        transports[id] = transport;
      },
    });
    await buildServer().connect(transport);
  } else if (!sid && req.body?.method === 'initialize') {
    // TODO(mcp-migrate): session dispatch not recognised: create this transport per request
    // (sessionIdGenerator: undefined), serve the request with it, and remove the session lookup by
    // hand
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports[id] = transport;
      },
    });
    await buildServer().connect(transport);
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
