// The dispatch mints the session id up front and files a value under it beside the transport
// (trial 32B): read by no handler, it is the session map's bookkeeping, and goes with the map and
// the minted id; left in place it would grow by one entry on every request.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const app = express();
app.use(express.json());
const open = new Map<string, StreamableHTTPServerTransport>();
const regions = new Map<string, string>(); // region asked for at initialize

app.post('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  let transport = sid ? open.get(sid) : undefined;
  if (!transport && isInitializeRequest(req.body)) {
    const id = randomUUID();
    transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => id });
    open.set(id, transport);
    regions.set(id, String(req.query.region ?? ''));
    await new Server({ name: 'atlas', version: '1.0.0' }, { capabilities: {} }).connect(transport);
  }
  if (!transport) {
    res.status(400).end();
    return;
  }
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
