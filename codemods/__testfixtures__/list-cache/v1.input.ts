// Still on the v1 SDK: list-cache only edits v2 servers (the v2 SDK owns cacheHints).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

export function buildServer() {
  const server = new McpServer({ name: 'old', version: '1.0.0' });
  server.tool('ping_old', async () => ({ content: [{ type: 'text', text: 'pong' }] }));
  return server;
}
