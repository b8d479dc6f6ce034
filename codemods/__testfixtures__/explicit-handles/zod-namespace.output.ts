// zod imported as a namespace under another name: the handle parameter is written with that name,
// and no second zod import is added.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as schema from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

const playlists = handleState<string[]>('playlists');

export function register(server: McpServer) {
  server.registerTool('create_playlist', { description: 'Create a new playlist and return its playlist_id. Pass playlist_id to queue_song. One playlist_id holds a whole list: call create_playlist once, not once per item. It expires after 24 hours without use.', outputSchema: { playlist_id: schema.string().describe('Pass it to queue_song') } }, async (extra) => mintHandle(playlists, { handle: 'playlist_id', initial: [], description: 'Created playlist.' }, extra));

  server.registerTool('queue_song', { description: 'Queue a song', inputSchema: { playlist_id: schema.string().describe('Handle from create_playlist'), title: schema.string() } }, withHandle(playlists, { handle: 'playlist_id', mintedBy: 'create_playlist' }, async ({ playlist_id, title }, _extra) => {
    const queue = playlists.get(playlist_id) ?? [];
    queue.push(title);
    playlists.set(playlist_id, queue);
    return { content: [{ type: 'text', text: `${queue.length} queued` }] };
  }));
}
