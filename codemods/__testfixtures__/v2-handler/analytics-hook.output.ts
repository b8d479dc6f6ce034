// A server built per request whose oninitialized hook only records who the client is: nothing is
// set up there that later requests need, so the endpoint moves to createMcpHandler as it would
// without the hook (the hook stays, for 2025 clients).
import { createServer } from 'node:http';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

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

const mcpHandler = toNodeHandler(createMcpHandler(() => build()));

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
createServer(async (req, res) => {
  await mcpHandler(req, res);
}).listen(3000);
