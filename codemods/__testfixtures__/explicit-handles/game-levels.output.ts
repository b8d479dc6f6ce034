// Look-alike of a per-session log level (trial 76B B5): the level each session's game has reached,
// numbers a tool sets and reads. Application state: it moves under a handle, with no logging advice.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

const levels = handleState<number>('levels');

export function register(server: McpServer) {
  server.registerTool('create_level', { description: 'Create a new level and return its level_id. Pass level_id to climb, where_am_i. It expires after 24 hours without use.', outputSchema: { level_id: z.string().describe('Pass it to climb, where_am_i') } }, async (extra) => mintHandle(levels, { handle: 'level_id', initial: 0, description: 'Created level.' }, extra));

  server.registerTool('climb', { description: 'Climb to the next level', inputSchema: { level_id: z.string().describe('Handle from create_level'), steps: z.number() } }, withHandle(levels, { handle: 'level_id', mintedBy: 'create_level' }, async ({ level_id, steps }, _extra) => {
    const level = (levels.get(level_id) ?? 0) + steps;
    levels.set(level_id, level);
    return { content: [{ type: 'text', text: `level ${level}` }] };
  }));
  server.registerTool('where_am_i', { description: 'Show the level reached', inputSchema: { level_id: z.string().describe('Handle from create_level') } }, withHandle(levels, { handle: 'level_id', mintedBy: 'create_level' }, async ({ level_id }, _extra) => ({ content: [{ type: 'text', text: String(levels.get(level_id) ?? 0) }] })));
}
