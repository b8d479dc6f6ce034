import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  type Tool,
  ListToolsRequestSchema, // the move writes 'tools/list' instead, and this comment would go with it
} from '@modelcontextprotocol/sdk/types.js';

export function buildServer(tools: Tool[]): Server {
  const server = new Server({ name: 'notes', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
  return server;
}
