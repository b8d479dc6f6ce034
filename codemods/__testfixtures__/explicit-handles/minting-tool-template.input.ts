// A description the file lays out over lines (a template ending in a line break) is left as
// written when its tool becomes the minting one: the tools taking the handle still name it.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const outlines = new Map<string, string[]>();

export function register(server: McpServer): void {
  server.registerTool(
    'start_outline',
    {
      description: `Starts an outline.
`,
    },
    async (_args, extra) => {
      outlines.set(extra.sessionId!, []);
      return { content: [{ type: 'text', text: 'started' }] };
    },
  );
  server.registerTool('add_point', { inputSchema: { point: z.string() } }, async ({ point }, extra) => {
    outlines.get(extra.sessionId!)?.push(point);
    return { content: [{ type: 'text', text: 'added' }] };
  });
}
