// A named helper handed to a timer (and one called from a tool's handler): both register after the
// server serves, so the list changes at run time and each registration is marked.
import { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod/v4';

export function buildServer(): McpServer {
  const server = new McpServer({ name: 'feeds', version: '1.0.0' });
  const addLatest = (): void => {
    server.registerTool('latest', { inputSchema: z.object({}) }, async () => ({ content: [{ type: 'text', text: 'latest' }] }));
  };
  setTimeout(addLatest, 60_000);
  function addArchive(): void {
    server.registerTool('archive', { inputSchema: z.object({}) }, async () => ({ content: [{ type: 'text', text: 'archive' }] }));
  }
  server.registerTool('subscribe', { inputSchema: z.object({ feed: z.string() }) }, async ({ feed }) => {
    addArchive();
    return { content: [{ type: 'text', text: `subscribed to ${feed}` }] };
  });
  return server;
}
