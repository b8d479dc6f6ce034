// Tools appear and switch on after connect_database: the list varies per connection.
import { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod/v4';

export function buildServer() {
  const server = new McpServer({ name: 'db', version: '0.9.0' });
  const query = server.registerTool('query', { inputSchema: z.object({ sql: z.string() }) }, async ({ sql }) => ({
    content: [{ type: 'text', text: `ran ${sql}` }],
  }));
  query.disable();
  server.registerTool('connect_database', { inputSchema: z.object({ url: z.string() }) }, async ({ url }) => {
    query.enable();
    server.registerTool('describe', { description: `Describe ${url}` }, async () => ({ content: [{ type: 'text', text: url }] }));
    server.sendToolListChanged();
    return { content: [{ type: 'text', text: `connected to ${url}` }] };
  });
  return server;
}
