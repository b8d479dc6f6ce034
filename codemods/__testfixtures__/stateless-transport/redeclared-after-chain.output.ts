// The branch for a new session and the code after the dispatch both read the caller's key into
// `const apiKey`, the same way. Once the branch's statements stand in the dispatch's place, in the
// handler's own block, the second would declare the name again and the file would not load
// (trial 34A): it goes, as it declares the same value.
import express from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const keyContext = new AsyncLocalStorage<string>();

function createServer(apiKey: string): McpServer {
  const server = new McpServer({ name: 'keys', version: '1.0.0' });
  server.registerTool('whoami', { description: 'Names the key' }, async () => ({ content: [{ type: 'text', text: apiKey.slice(0, 3) }] }));
  return server;
}

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  const apiKey = req.headers['x-api-key'] as string;
  await createServer(apiKey).connect(transport);
  await keyContext.run(apiKey, () => transport.handleRequest(req, res, req.body));
});

app.listen(3000);
