// The session id read with an explicit fallback to nothing (`|| undefined`): once the dispatch is
// rewritten it is as unused as the plain read, and goes with it (trial 71C B4).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

function makeServer() {
  const server = new McpServer({ name: 'almanac', version: '0.3.0' });
  server.registerTool('sunrise', { description: 'Sunrise time for a city', inputSchema: { city: z.string() } }, async ({ city }) => ({
    content: [{ type: 'text', text: `sunrise in ${city}: 06:41` }],
  }));
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
  await makeServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(4100);
