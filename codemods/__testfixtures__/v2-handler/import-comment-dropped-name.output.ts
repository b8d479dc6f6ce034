import { Server } from '@modelcontextprotocol/sdk/server/index.js';
// TODO(mcp-migrate): the official v1→v2 codemod would drop a comment of this file (// the move
// writes 'tools/list' instead, and this comment...), so it was not applied: move this file to the
// v2 packages by hand
// (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
import {
  type Tool,
  ListToolsRequestSchema, // the move writes 'tools/list' instead, and this comment would go with it
} from '@modelcontextprotocol/sdk/types.js';

export function buildServer(tools: Tool[]): Server {
  const server = new Server({ name: 'notes', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
  return server;
}
