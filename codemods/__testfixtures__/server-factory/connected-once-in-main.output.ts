// main() builds one HTTP transport, connects the module's server to it once and serves every
// request through it, or connects stdio in its other mode (trial 32A): both connects take a server
// from the factory in their place (stateless-transport then builds the transport per request).
import express from 'express';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

function createServer() {
  const server = new Server({ name: 'gemini-bridge', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [] }));
  return server;
}

async function main() {
  if (process.env.MODE === 'http') {
    const app = express();
    app.use(express.json());
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await createServer().connect(transport); // once, at start-up
    app.all('/mcp', async (req, res) => {
      await transport.handleRequest(req, res, req.body);
    });
    app.listen(3000);
  } else {
    await createServer().connect(new StdioServerTransport());
  }
}

main();
