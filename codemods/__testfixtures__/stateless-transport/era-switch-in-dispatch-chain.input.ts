import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

function buildServer() {
  return new McpServer({ name: 'library', version: '2.1.0' });
}

// Our own answer for requests that carry the new protocol's metadata.
async function answerModern(req: express.Request, res: express.Response) {
  res.status(501).json({ error: 'modern path not ready' });
}

const live = new Map<string, StreamableHTTPServerTransport>();
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sid = req.header('mcp-session-id');
  let transport: StreamableHTTPServerTransport;
  if (!sid && req.body?.params?._meta) {
    // Handled without a session.
    await answerModern(req, res);
    return;
  } else if (sid && live.has(sid)) {
    transport = live.get(sid)!;
  } else if (!sid && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        live.set(id, transport);
      },
    });
    await buildServer().connect(transport);
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'No valid session' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
