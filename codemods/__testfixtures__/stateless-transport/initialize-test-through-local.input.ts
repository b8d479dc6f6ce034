// The initialize test is read into a local first: its branch belongs to the handshake and goes
// with the dispatch; kept, it would refuse every request but initialize.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const open = new Map<string, StreamableHTTPServerTransport>();
const app = express();
app.use(express.json());

function opensSession(body: unknown): boolean {
  return isInitializeRequest(body);
}

app.post('/mcp', async (req, res) => {
  const sid = req.header('mcp-session-id');
  const first = opensSession(req.body);
  let transport: StreamableHTTPServerTransport;
  if (sid && open.has(sid)) {
    transport = open.get(sid)!;
  } else if (!first) {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Send initialize first' }, id: null });
    return;
  } else {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        open.set(id, transport);
      },
    });
    await new McpServer({ name: 'atlas', version: '3.0.0' }).connect(transport);
  }
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
