// A description the file lays out over lines (a template ending in a line break) is left as
// written when its tool becomes the minting one: the tools taking the handle still name it.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle } from './mcp-state.js';

const outlines = handleState<string[]>('outlines');

export function register(server: McpServer): void {
  server.registerTool(
    'start_outline',
    {
      description: `Starts an outline.
`,
      outputSchema: { outline_id: z.string().describe('Pass it to add_point') },
    },
    mintingHandle(outlines, { handle: 'outline_id', initial: [] }, async ({ outline_id }, _extra) => {
      outlines.set(outline_id, []);
      return { content: [{ type: 'text', text: 'started' }] };
    }),
  );
  server.registerTool('add_point', { inputSchema: { outline_id: z.string().describe('Handle from start_outline'), point: z.string() } }, withHandle(outlines, { handle: 'outline_id', mintedBy: 'start_outline' }, async ({ outline_id, point }, _extra) => {
    outlines.get(outline_id)?.push(point);
    return { content: [{ type: 'text', text: 'added' }] };
  }));
}
