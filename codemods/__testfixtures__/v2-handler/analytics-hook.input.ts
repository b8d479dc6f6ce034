// A server built per request whose oninitialized hook only records who the client is: nothing is
// set up there that later requests need, so the endpoint moves to createMcpHandler as it would
// without the hook (the hook stays, for 2025 clients).
import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

declare const analytics: { identify(traits: Record<string, unknown>): void };

function build() {
  const server = new McpServer({ name: 'tides', version: '1.0.0' });
  server.server.oninitialized = () => {
    const client = server.server.getClientVersion();
    analytics.identify({ client: client?.name, version: client?.version });
  };
  server.registerTool('high_water', { description: 'Next high water' }, async () => ({ content: [{ type: 'text', text: '14:32' }] }));
  return server;
}

createServer(async (req, res) => {
  const server = build();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res);
}).listen(3000);
