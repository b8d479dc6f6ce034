// A named helper handed to a timer (and one called from a tool's handler): both register after the
// server serves, so the list changes at run time and each registration is marked.
import { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod/v4';

export function buildServer(): McpServer {
  const server = new McpServer({ name: 'feeds', version: '1.0.0' });
  const addLatest = (): void => {
    // TODO(mcp-migrate): registers a tool at run time (inside a handler, callback or timer): under
    // 2026-07-28 tools/list must not vary per connection or as a side effect of other requests (it
    // may vary by auth only), so register every tool when the server is built and take a handle
    // argument (e.g. connection_id) instead; a fixed list can then be cached (cacheHints)
    // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
    server.registerTool('latest', { inputSchema: z.object({}) }, async () => ({ content: [{ type: 'text', text: 'latest' }] }));
  };
  setTimeout(addLatest, 60_000);
  function addArchive(): void {
    // TODO(mcp-migrate): registers a tool at run time (inside a handler, callback or timer): under
    // 2026-07-28 tools/list must not vary per connection or as a side effect of other requests (it
    // may vary by auth only), so register every tool when the server is built and take a handle
    // argument (e.g. connection_id) instead; a fixed list can then be cached (cacheHints)
    // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
    server.registerTool('archive', { inputSchema: z.object({}) }, async () => ({ content: [{ type: 'text', text: 'archive' }] }));
  }
  server.registerTool('subscribe', { inputSchema: z.object({ feed: z.string() }) }, async ({ feed }) => {
    addArchive();
    return { content: [{ type: 'text', text: `subscribed to ${feed}` }] };
  });
  return server;
}
