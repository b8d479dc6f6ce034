// An existing tool made the minting one says what it returns: a config written one property per
// line gets the description on a line of its own.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const drafts = new Map<string, string[]>();

export function register(server: McpServer): void {
  server.registerTool(
    'start_draft',
    {
      inputSchema: { title: z.string() },
    },
    async ({ title }, extra) => {
      drafts.set(extra.sessionId!, [title]);
      return { content: [{ type: 'text', text: 'started' }] };
    },
  );
  server.registerTool('add_line', { inputSchema: { line: z.string() } }, async ({ line }, extra) => {
    drafts.get(extra.sessionId!)?.push(line);
    return { content: [{ type: 'text', text: 'added' }] };
  });
}

