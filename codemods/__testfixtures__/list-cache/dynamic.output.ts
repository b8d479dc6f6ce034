// Tools appear and switch on after connect_database: the list varies per connection.
import { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod/v4';

export function buildServer() {
  const server = new McpServer({ name: 'db', version: '0.9.0' });
  const query = server.registerTool('query', { inputSchema: z.object({ sql: z.string() }) }, async ({ sql }) => ({
    content: [{ type: 'text', text: `ran ${sql}` }],
  }));
  // TODO(mcp-migrate): enables, disables, removes or updates a registered tool at run time: under
  // 2026-07-28 tools/list must not vary per connection or as a side effect of other requests (it
  // may vary by auth only); keep the tool registered and have it answer with an error while it does
  // not apply (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
  query.disable();
  server.registerTool('connect_database', { inputSchema: z.object({ url: z.string() }) }, async ({ url }) => {
    // TODO(mcp-migrate): enables, disables, removes or updates a registered tool at run time: under
    // 2026-07-28 tools/list must not vary per connection or as a side effect of other requests (it
    // may vary by auth only); keep the tool registered and have it answer with an error while it
    // does not apply (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
    query.enable();
    // TODO(mcp-migrate): registers a tool at run time (inside a handler, callback or timer): under
    // 2026-07-28 tools/list must not vary per connection or as a side effect of other requests (it
    // may vary by auth only), so register every tool when the server is built and take a handle
    // argument (e.g. connection_id) instead; a fixed list can then be cached (cacheHints)
    // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
    server.registerTool('describe', { description: `Describe ${url}` }, async () => ({ content: [{ type: 'text', text: url }] }));
    // TODO(mcp-migrate): sendToolListChanged announces a tool list that changes at run time: under
    // 2026-07-28 it reaches only subscriptions/listen streams, and tools/list must not vary per
    // connection or as a side effect of other requests (it may vary by auth only); make the list
    // fixed, or make sure the change is global
    // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
    server.sendToolListChanged();
    return { content: [{ type: 'text', text: `connected to ${url}` }] };
  });
  return server;
}
