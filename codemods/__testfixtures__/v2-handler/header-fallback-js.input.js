// A plain-JS tool that reads its caller's API key through `headers ?? {}` (trial 71C B3): on v2 an
// index read of the Fetch Headers is undefined with no error, so every read becomes an optional .get.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

export function buildServer(check) {
  const server = new McpServer({ name: 'keys', version: '1.0.0' });
  server.registerTool('whoami', { description: 'Who am I', inputSchema: {} }, async (_args, extra) => {
    const headers = extra.requestInfo?.headers ?? {};
    const key = headers['x-api-key'];
    if (!check(key, headers.authorization)) throw new Error('denied');
    return { content: [{ type: 'text', text: `key=${key ?? 'none'}` }] };
  });
  return server;
}
