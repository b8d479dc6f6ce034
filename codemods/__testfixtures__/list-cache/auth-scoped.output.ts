// One tool only for callers whose token has the write scope: the list varies by auth (allowed).
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';

interface Caller {
  scopes: string[];
}

const buildServer = (authInfo?: Caller) => {
  const server = new McpServer({ name: 'ledger', version: '2.0.0' }, { instructions: 'Read and post ledger entries.', cacheHints: { 'tools/list': { ttlMs: 300_000, cacheScope: 'private' } } });
  server.registerTool('balance', { description: 'Current balance' }, async () => ({ content: [{ type: 'text', text: '42.00' }] }));
  if (authInfo?.scopes.includes('ledger:write')) {
    server.registerTool('post_entry', { description: 'Post an entry' }, async () => ({ content: [{ type: 'text', text: 'posted' }] }));
  }
  return server;
};

export const handler = createMcpHandler(({ authInfo }) => buildServer(authInfo));
