// A plain-JS tool that reads its caller's API key through `headers ?? {}` (trial 71C B3): on v2 an
// index read of the Fetch Headers is undefined with no error, so every read becomes an optional .get.
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

export function buildServer(check) {
  const server = new McpServer({ name: 'keys', version: '1.0.0' });
  server.registerTool('whoami', { description: 'Who am I', inputSchema: z.object({}) }, async (_args, ctx) => {
    const headers = ctx.http?.req?.headers;
    const key = headers?.get('x-api-key') ?? undefined;
    if (!check(key, headers?.get('authorization') ?? undefined)) throw new Error('denied');
    return { content: [{ type: 'text', text: `key=${key ?? 'none'}` }] };
  });
  return server;
}
