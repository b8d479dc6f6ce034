// zod imported as a namespace under another name: the handle parameter is written with that name,
// and no second zod import is added.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as schema from 'zod';

const playlists = new Map<string, string[]>();

export function register(server: McpServer) {
  server.registerTool('queue_song', { description: 'Queue a song', inputSchema: { title: schema.string() } }, async ({ title }, extra) => {
    const queue = playlists.get(extra.sessionId!) ?? [];
    queue.push(title);
    playlists.set(extra.sessionId!, queue);
    return { content: [{ type: 'text', text: `${queue.length} queued` }] };
  });
}
