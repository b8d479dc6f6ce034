// Look-alike of initial-from-helper: the new entry the code makes holds a value computed at run
// time (`Date.now()`), no constant a minted handle could start as: the handle starts from the
// type's fields, as before.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

interface Tally { total: number; startedAt: number }

const tallies = new Map<string, Tally>();

export function register(server: McpServer) {
  server.registerTool('add', { description: 'Add a number', inputSchema: { n: z.number() } }, async ({ n }, extra) => {
    let t = tallies.get(extra.sessionId!);
    if (!t) {
      t = { total: 1, startedAt: Date.now() };
      tallies.set(extra.sessionId!, t);
    }
    t.total += n;
    return { content: [{ type: 'text', text: String(t.total) }] };
  });
  server.registerTool('total', { description: 'Show the total' }, async (extra) => ({ content: [{ type: 'text', text: String(tallies.get(extra.sessionId!)?.total ?? 0) }] }));
}
