// The tools/list hint is already there (a shorter TTL on purpose): never overridden.
import { McpServer } from '@modelcontextprotocol/server';

export const buildServer = () => {
  const server = new McpServer({ name: 'clock', version: '1.0.0' }, { cacheHints: { 'tools/list': { ttlMs: 10_000, cacheScope: 'private' } } });
  server.registerTool('now', { description: 'Current time' }, async () => ({ content: [{ type: 'text', text: new Date().toISOString() }] }));
  return server;
};
