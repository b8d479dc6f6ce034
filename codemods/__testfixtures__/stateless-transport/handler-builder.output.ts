import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { IncomingMessage, ServerResponse } from 'node:http';

function createServer(): McpServer {
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  server.tool('ping', async () => ({ content: [{ type: 'text', text: 'pong' }] }));
  return server;
}

// The adapter hands this handler to whatever HTTP framework the app uses.
export async function makeHandler() {
  return async (req: IncomingMessage & { body?: unknown }, res: ServerResponse) => {
    // Every request of the app's /mcp route lands here.
    const server = createServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await transport.handleRequest(req, res, req.body);
  };
}

export const handleMcp = makeHandler();
