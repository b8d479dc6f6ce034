// The initialize test is read into a local first: its branch belongs to the handshake and goes
// with the dispatch; kept, it would refuse every request but initialize.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const app = express();
app.use(express.json());

function opensSession(body: unknown): boolean {
  return isInitializeRequest(body);
}

app.post('/mcp', async (req, res) => {
  const first = opensSession(req.body);
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'atlas', version: '3.0.0' }).connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
