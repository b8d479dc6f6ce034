// What explicit-handles must not guess: a server→client request and a per-session rate limit.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const drafts = new Map<string, string>();
const requestCounts = new Map<string, number>();

export function register(server: McpServer) {
  server.tool('write_draft', 'Write a draft', { text: z.string() }, async ({ text }, extra) => {
    requestCounts.set(extra.sessionId!, (requestCounts.get(extra.sessionId!) ?? 0) + 1);
    drafts.set(extra.sessionId!, text);
    return { content: [{ type: 'text', text: 'Saved' }] };
  });

  server.tool('publish_draft', 'Publish after confirming', async (extra) => {
    const answer = await server.server.elicitInput({ message: 'Publish?', requestedSchema: { type: 'object', properties: {} } });
    if (answer.action !== 'accept') return { content: [{ type: 'text', text: 'Kept as draft' }] };
    const text = drafts.get(extra.sessionId!);
    return { content: [{ type: 'text', text: `Published: ${text}` }] };
  });
}
