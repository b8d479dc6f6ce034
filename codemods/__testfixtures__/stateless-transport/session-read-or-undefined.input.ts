// The session id read with an explicit fallback to nothing (`|| undefined`): once the dispatch is
// rewritten it is as unused as the plain read, and goes with it (trial 71C B4).
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

function makeServer() {
  const server = new McpServer({ name: 'almanac', version: '0.3.0' });
  server.registerTool('sunrise', { description: 'Sunrise time for a city', inputSchema: { city: z.string() } }, async ({ city }) => ({
    content: [{ type: 'text', text: `sunrise in ${city}: 06:41` }],
  }));
  return server;
}

const live: { [id: string]: StreamableHTTPServerTransport } = {};
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sessionId = req.get('mcp-session-id') || undefined;
  let transport: StreamableHTTPServerTransport;
  if (sessionId && live[sessionId]) {
    transport = live[sessionId];
  } else if (!sessionId && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        live[id] = transport;
      },
    });
    await makeServer().connect(transport);
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'No valid session' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

app.listen(4100);
