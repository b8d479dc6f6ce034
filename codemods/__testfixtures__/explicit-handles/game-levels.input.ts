// Look-alike of a per-session log level (trial 76B B5): the level each session's game has reached,
// numbers a tool sets and reads. Application state: it moves under a handle, with no logging advice.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const levels = new Map<string, number>();

export function register(server: McpServer) {
  server.registerTool('climb', { description: 'Climb to the next level', inputSchema: { steps: z.number() } }, async ({ steps }, extra) => {
    const level = (levels.get(extra.sessionId!) ?? 0) + steps;
    levels.set(extra.sessionId!, level);
    return { content: [{ type: 'text', text: `level ${level}` }] };
  });
  server.registerTool('where_am_i', { description: 'Show the level reached' }, async (extra) => ({ content: [{ type: 'text', text: String(levels.get(extra.sessionId!) ?? 0) }] }));
}
