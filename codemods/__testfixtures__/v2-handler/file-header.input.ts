/**
 * Orders service: the MCP server behind the shop's assistant.
 * (A file header above the first SDK import stays at the top of the file after the move.)
 */

import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { lookup } from './orders.js';

// Server information
const SERVER_INFO = { name: 'orders', version: '1.0.0' };

export async function main(): Promise<void> {
  const server = new Server(SERVER_INFO, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [] }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => ({
    content: [{ type: 'text', text: lookup(String(request.params.arguments?.id)) }],
  }));
  await server.connect(new StdioServerTransport());
}
