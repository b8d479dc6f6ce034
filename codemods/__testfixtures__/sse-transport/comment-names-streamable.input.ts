// Streamable HTTP and legacy SSE sessions in one map; the messages route's comment names the
// Streamable HTTP class, which does not make that route serve it.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const build = () => new McpServer({ name: 'demo', version: '1.0.0' });
const transports: Record<string, StreamableHTTPServerTransport | SSEServerTransport> = {};
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  let transport = sid ? transports[sid] : undefined;
  if (!(transport instanceof StreamableHTTPServerTransport)) {
    const created = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports[id] = created;
      },
    });
    await build().connect(created);
    transport = created;
  }
  await transport.handleRequest(req, res, req.body);
});

app.get('/sse', async (_req, res) => {
  const transport = new SSEServerTransport('/messages', res);
  transports[transport.sessionId] = transport;
  res.on('close', () => {
    delete transports[transport.sessionId];
  });
  await build().connect(transport);
});

app.post('/messages', async (req, res) => {
  const found = transports[req.query.sessionId as string];
  if (found instanceof SSEServerTransport) {
    await found.handlePostMessage(req, res, req.body);
  } else {
    // not an SSE session (could be a StreamableHTTPServerTransport one posted here by mistake)
    res.status(400).send('not an SSE session');
  }
});

app.listen(3000);
