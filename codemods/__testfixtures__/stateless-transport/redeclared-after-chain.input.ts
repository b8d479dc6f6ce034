// The branch for a new session and the code after the dispatch both read the caller's key into
// `const apiKey`, the same way. Once the branch's statements stand in the dispatch's place, in the
// handler's own block, the second would declare the name again and the file would not load
// (trial 34A): it goes, as it declares the same value.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const keyContext = new AsyncLocalStorage<string>();

function createServer(apiKey: string): McpServer {
  const server = new McpServer({ name: 'keys', version: '1.0.0' });
  server.registerTool('whoami', { description: 'Names the key' }, async () => ({ content: [{ type: 'text', text: apiKey.slice(0, 3) }] }));
  return server;
}

const app = express();
app.use(express.json());
const transports = new Map<string, StreamableHTTPServerTransport>();

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  if (sessionId && transports.has(sessionId)) {
    transport = transports.get(sessionId)!;
  } else if (!sessionId && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports.set(id, transport);
      },
    });
    const apiKey = req.headers['x-api-key'] as string;
    await createServer(apiKey).connect(transport);
  } else {
    res.status(400).end();
    return;
  }
  const apiKey = req.headers['x-api-key'] as string;
  await keyContext.run(apiKey, () => transport.handleRequest(req, res, req.body));
});

app.listen(3000);
