/**
 * Orders service: the MCP server behind the shop's assistant.
 * (A file header above the first SDK import stays at the top of the file after the move.)
 */

import { Server } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { lookup } from './orders.js';

// Server information
const SERVER_INFO = { name: 'orders', version: '1.0.0' };

export async function main(): Promise<void> {
  const server = new Server(SERVER_INFO, { capabilities: { tools: {} } });
  server.setRequestHandler('tools/list', async () => ({ tools: [] }));
  server.setRequestHandler('tools/call', async (request) => ({
    content: [{ type: 'text', text: lookup(String(request.params.arguments?.id)) }],
  }));
  // TODO(mcp-migrate): StdioServerTransport speaks 2025 only, also on the v2 packages: serve stdio
  // with serveStdio(factory) of the @modelcontextprotocol/server/stdio module, where factory builds
  // the server and registers its tools (it runs for the connection and once more for a discover
  // probe): here the server is built in main(), so move the part that builds it into a function of
  // its own, hand that to serveStdio, then run fix again
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/stdio)
  await server.connect(new StdioServerTransport());
}
