// A re-initialize on a live session closes the session's earlier transport before building one.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const live: { [id: string]: StreamableHTTPServerTransport } = {};
const app = express();
app.use(express.json());

app.post('/rpc', async (req, res) => {
  const id = req.header('mcp-session-id');
  let transport = id ? live[id] : undefined;
  if (isInitializeRequest(req.body)) {
    if (transport) {
      // the client started over: drop what it had
      await transport.close();
      delete live[id!];
    }
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        live[sid] = transport!;
      },
    });
    await new McpServer({ name: 'notes', version: '0.3.0' }).connect(transport);
  } else if (!transport) {
    res.status(404).json({ jsonrpc: '2.0', error: { code: -32001, message: 'unknown session' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

app.listen(8080);
