// The helper that builds the transport is called from two places (the dispatch and a warm-up at
// start): which of them keeps it is not the dispatch's alone to say, so it is not rewritten
// through the helper; the transport is marked as a dispatch not recognised.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const live = new Map<string, StreamableHTTPServerTransport>();

async function openTransport() {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      live.set(id, transport);
    },
  });
  await new McpServer({ name: 'ledger', version: '2.0.0' }).connect(transport);
  return transport;
}

const warm = openTransport();

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const id = req.header('mcp-session-id');
  let transport = id ? live.get(id) : undefined;
  if (!transport && isInitializeRequest(req.body)) {
    transport = await openTransport();
  }
  if (!transport) {
    res.status(400).end();
    return;
  }
  await transport.handleRequest(req, res, req.body);
});
void warm;
