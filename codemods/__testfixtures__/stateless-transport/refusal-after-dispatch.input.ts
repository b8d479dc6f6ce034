// The dispatch fills `transport` (a known session's, or a new one on initialize) and a separate
// check after it refuses a request that got none. Once the transport is built on every request,
// that refusal never runs: it goes with the dispatch.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const transports = new Map<string, StreamableHTTPServerTransport>();
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport = sessionId ? transports.get(sessionId) : undefined;

  if (!transport && !sessionId && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports.set(id, transport!);
      },
    });
    const server = new McpServer({ name: 'refusal', version: '1.0.0' });
    await server.connect(transport);
  }

  if (!transport) {
    // Neither a known session nor an initialize request.
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: no valid session' }, id: null });
    return;
  }

  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
