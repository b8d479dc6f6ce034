// Two tools with an identical line that needs a marker: each gets its own (a marker placed by
// content must land on the nearest matching line, not on the first one twice).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const drafts = new Map<string, string>();

export function register(server: McpServer) {
  server.tool('write_draft', 'Write', { text: z.string() }, async ({ text }, extra) => {
    drafts.set(extra.sessionId!, text);
    return { content: [{ type: 'text', text: 'Saved' }] };
  });

  server.tool('publish_a', 'A', async (extra) => {
    const answer = await server.server.elicitInput({ message: 'ok?' });
    const text = drafts.get(extra.sessionId!);
    return { content: [{ type: 'text', text: String(text) + answer.action }] };
  });

  server.tool('publish_b', 'B', async (extra) => {
    const answer = await server.server.elicitInput({ message: 'ok?' });
    const text = drafts.get(extra.sessionId!);
    return { content: [{ type: 'text', text: String(text) + answer.action }] };
  });
}
