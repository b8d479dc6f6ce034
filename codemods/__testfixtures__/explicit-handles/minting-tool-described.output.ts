// An existing tool made the minting one says what it returns: a config written one property per
// line gets the description on a line of its own.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle } from './mcp-state.js';

const drafts = handleState<string[]>('drafts');

export function register(server: McpServer): void {
  server.registerTool(
    'start_draft',
    {
      description: 'Returns draft_id: pass it to add_line.',
      inputSchema: { title: z.string() },
      outputSchema: { draft_id: z.string().describe('Pass it to add_line') },
    },
    mintingHandle(drafts, { handle: 'draft_id', initial: [] }, async ({ draft_id, title }, _extra) => {
      drafts.set(draft_id, [title]);
      return { content: [{ type: 'text', text: 'started' }] };
    }),
  );
  server.registerTool('add_line', { inputSchema: { draft_id: z.string().describe('Handle from start_draft'), line: z.string() } }, withHandle(drafts, { handle: 'draft_id', mintedBy: 'start_draft' }, async ({ draft_id, line }, _extra) => {
    drafts.get(draft_id)?.push(line);
    return { content: [{ type: 'text', text: 'added' }] };
  }));
}

